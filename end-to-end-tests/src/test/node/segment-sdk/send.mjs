// Sends what an app instrumented with Segment's Node SDK sends, to the Mosaic gateway in MOSAIC_URL with the API key
// in MOSAIC_WRITE_KEY as the SDK's write key; RUN makes the ids unique. Exits non-zero if the SDK reports an error.
import { Analytics } from '@segment/analytics-node'

const { MOSAIC_URL: host, MOSAIC_WRITE_KEY: writeKey, RUN: run } = process.env
const analytics = new Analytics({ writeKey, host, flushAt: 3, flushInterval: 200, maxRetries: 3 })
let failed = false
analytics.on('error', (error) => {
  failed = true
  console.error('SDK error:', error?.code ?? '', error?.reason?.message ?? error?.message ?? error)
})

const userId = `u-${run}`
const anonymousId = `a-${run}`

// A visitor before signing in: known only by the SDK's anonymous id.
analytics.page({ anonymousId, name: 'Pricing', properties: { path: '/pricing' } })
analytics.track({ anonymousId, event: 'Video Played', properties: { video: { id: 'v-1' }, seconds: 42 } })
analytics.track({ anonymousId, event: 'Video Played', properties: { video: { id: 'v-2' }, seconds: 7 } })

// Signing in links the visitor to the user.
analytics.identify({
  userId,
  anonymousId,
  traits: { email: `${run}@tokoku.id`, address: { city: 'Bandung', country: 'ID' }, plan: 'gold' },
})

// An order, sent twice with the same messageId as a retry after a lost answer would be.
const order = {
  userId,
  event: 'Order Completed',
  messageId: `order-${run}`,
  properties: {
    order_id: `o-${run}`,
    total: 27.5,
    currency: 'EUR',
    coupon: 'WINTER',
    products: [{ sku: 'S-1', category: 'Shoes', price: 27.5, quantity: 1 }],
  },
}
analytics.track(order)
await analytics.flush?.()
analytics.track(order)

await analytics.closeAndFlush({ timeout: 30000 })
if (failed) {
  process.exit(1)
}
console.log('sent')
