// A Mosaic webhook receiver in plain Node.js (no dependencies): verifies each delivery's signature, refuses old or
// forged ones, skips deliveries it already took (at-least-once: the same id can come twice), and answers 204.
// Run: MOSAIC_WEBHOOK_SECRET=whsec_... PORT=3000 node webhook-receiver.mjs
import { createHmac, timingSafeEqual } from 'node:crypto'
import { createServer } from 'node:http'

const secret = process.env.MOSAIC_WEBHOOK_SECRET
const tolerance = 5 * 60 // seconds: refuse deliveries signed longer ago (replays of a captured request)
const seen = new Set() // use your database in production

function verified(headers, body) {
  const timestamp = Number(headers['mosaic-timestamp'])
  const signature = String(headers['mosaic-signature'] || '')
  if (!Number.isInteger(timestamp) || Math.abs(Date.now() / 1000 - timestamp) > tolerance) return false
  const expected = 'v1=' + createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex')
  return signature.length === expected.length && timingSafeEqual(Buffer.from(signature), Buffer.from(expected))
}

createServer((request, response) => {
  const chunks = []
  request.on('data', (chunk) => chunks.push(chunk))
  request.on('end', () => {
    const body = Buffer.concat(chunks) // verify the bytes as received, before parsing
    if (request.method !== 'POST' || !verified(request.headers, body)) {
      response.writeHead(401).end()
      return
    }
    const delivery = JSON.parse(body)
    if (!seen.has(delivery.id)) {
      seen.add(delivery.id)
      // act on it: raise a ticket's priority, label the contact, start a flow...
      console.log(`verified ${delivery.id} ${delivery.type} ${delivery.customerId ?? ''} ${delivery.segment?.id ?? ''}`)
    }
    response.writeHead(204).end()
  })
}).listen(Number(process.env.PORT || 3000), '127.0.0.1', () => console.log('listening'))
