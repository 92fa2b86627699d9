// Drives Debian's headless Chromium through the Mosaic console as its users would: signs in with keyboard only,
// opens a segment and its insight charts, pages its members, looks a customer up by e-mail, previews and saves a
// new rule, makes a webhook destination and sends it a test event, and watches consumer lag with the ops key. Checks every page with axe-core (no serious or critical violation),
// fails on any script error or Content-Security-Policy violation, and saves a screenshot of each page.
// Input (environment): MOSAIC_URL, TENANT_KEY (segments and profiles scopes), OPS_KEY (ops:read), SCREENSHOTS,
// SEGMENT_NAME, SEGMENT_SIZE, EMAIL, CUSTOMER, CITY, PREVIEW_SIZE, RECEIVER_URL (a webhook receiver);
// CHROMIUM (default /usr/bin/chromium).
// Prints one line per step.
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { chromium } from 'playwright-core'

const env = (name) => {
  const value = process.env[name]
  if (!value) throw new Error(`${name} is not set`)
  return value
}
const base = env('MOSAIC_URL')
const shots = env('SCREENSHOTS')
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')
const problems = []

const executablePath = process.env.CHROMIUM || '/usr/bin/chromium'
if (!existsSync(executablePath)) {
  throw new Error(`No Chromium at ${executablePath}: install Debian's package (apt-get install chromium) or set CHROMIUM`)
}
const browser = await chromium.launch({
  executablePath,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
})
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
  page.setDefaultTimeout(30_000)
  page.on('pageerror', (error) => problems.push(`script error: ${error.message}`))
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content.Security.Policy|Refused to/i.test(message.text())) {
      problems.push(`CSP: ${message.text()}`)
    }
  })

  step('sign in with the keyboard only')
  await page.goto(`${base}/console`)
  await page.getByLabel('API key').waitFor()
  await accessible(page, 'sign-in')
  await tabTo(page, 'key')
  await page.keyboard.type(env('TENANT_KEY'))
  await page.keyboard.press('Enter')
  await page.getByRole('heading', { name: 'Segments' }).waitFor()
  expect(!page.url().includes(env('TENANT_KEY')), 'the key is not in the URL')
  const stored = await page.evaluate(() => ({ session: Object.values(sessionStorage), local: Object.values(localStorage) }))
  expect(stored.session.includes(env('TENANT_KEY')) && stored.local.length === 0, 'the key is in session storage only')
  const nav = await page.getByRole('navigation', { name: 'Sections' }).innerText()
  expect(nav.includes('Segments') && nav.includes('Profiles') && !nav.includes('Operations'),
    `the tenant key's sections only (saw: ${nav.replace(/\s+/g, ' ')})`)

  step('the segment list shows sizes and trends')
  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: env('SEGMENT_NAME'), exact: true }) })
  await row.waitFor()
  await expectText(row, Number(env('SEGMENT_SIZE')).toLocaleString('en'), 'the segment\'s size in its row')
  await page.locator('figure.spark canvas').first().waitFor()
  await settle(page)
  await accessible(page, 'segments')
  await page.screenshot({ path: `${shots}/segments.png`, fullPage: true })

  step('a segment: rule, insight charts, members with paging')
  await row.getByRole('link', { name: env('SEGMENT_NAME'), exact: true }).click()
  await page.getByRole('heading', { name: env('SEGMENT_NAME'), level: 1 }).waitFor()
  await page.getByRole('heading', { name: 'Insights' }).waitFor()
  await page.getByRole('table', { name: 'Behavior medians' }).waitFor()
  await page.getByRole('img', { name: /City:/ }).locator('canvas').waitFor()
  await page.getByRole('img', { name: /Size per day/ }).locator('canvas').waitFor()
  const members = page.getByRole('table', { name: 'Members' })
  await members.getByRole('link').first().waitFor()
  const firstPage = await members.getByRole('link').allInnerTexts()
  expect(firstPage.length === 20, `20 members on the first page (saw ${firstPage.length})`)
  await settle(page)
  await accessible(page, 'segment')
  await page.screenshot({ path: `${shots}/segment.png`, fullPage: true })
  await page.getByRole('button', { name: 'Next page' }).click()
  await page.getByText('Page 2').waitFor()
  await page.waitForFunction((first) => {
    const link = document.querySelector('main table[aria-labelledby="members-title"] a')
    return link && link.textContent !== first
  }, firstPage[0])
  const secondPage = await members.getByRole('link').allInnerTexts()
  expect(secondPage.length > 0 && secondPage.every((id) => !firstPage.includes(id)), 'the second page holds other members')
  await members.getByRole('link').first().click()
  await page.getByRole('heading', { name: secondPage[0], level: 1 }).waitFor()

  step('look a customer up by e-mail')
  await page.getByRole('link', { name: 'Profiles' }).click()
  await page.getByLabel('Find by').selectOption('email')
  await page.getByLabel('Value').fill(env('EMAIL'))
  await page.getByRole('button', { name: 'Find' }).click()
  await page.getByRole('heading', { name: env('CUSTOMER'), level: 1 }).waitFor()
  await expectText(page.getByLabel('Identifiers'), env('EMAIL'), 'the e-mail among the identifiers')
  await expectText(page.getByLabel('geographic traits'), env('CITY'), 'the city among the geographic traits')
  const timeline = page.getByRole('table', { name: 'Timeline' })
  await timeline.getByRole('row').nth(1).waitFor()
  await settle(page)
  await accessible(page, 'profile')
  await page.screenshot({ path: `${shots}/profile.png`, fullPage: true })

  step('preview a new rule while typing it')
  await page.goto(`${base}/console/#/new-segment`)
  await page.getByLabel('Rule (JSON, see the API\'s rule language)').fill(
    JSON.stringify({ trait: 'geographic.city', op: 'eq', value: env('CITY') }))
  await expectText(page.locator('.preview-size'), Number(env('PREVIEW_SIZE')).toLocaleString('en'), 'the preview\'s size')
  await accessible(page, 'editor')
  await page.screenshot({ path: `${shots}/editor.png`, fullPage: true })
  await page.getByLabel('Id (a slug: lower-case letters, digits, dashes)').fill('in-town')
  await page.getByLabel('Name').fill('In town')
  await page.getByRole('button', { name: 'Create segment' }).click()
  await page.getByRole('heading', { name: 'In town', level: 1 }).waitFor()
  await page.getByRole('link', { name: 'Edit rule' }).click()
  await page.waitForFunction((city) => document.querySelector('textarea')?.value.includes(city), env('CITY'))
  await page.goto(`${base}/console/#/operations`)
  await expectText(page.locator('main'), 'may not see this page', 'operations refused to a tenant key')

  step('a webhook destination: made, its secret shown once, a test event delivered')
  await page.getByRole('link', { name: 'Destinations' }).click()
  await page.getByRole('heading', { name: 'New destination' }).waitFor()
  await page.getByLabel('Name').fill('helpdesk')
  await page.getByLabel('URL (https)').fill(env('RECEIVER_URL'))
  await page.getByLabel('Segments (ids, comma-separated; empty for every segment)').fill('buyers')
  await page.getByRole('button', { name: 'Create destination' }).click()
  await expectText(page.locator('.notice'), 'whsec_', 'the signing secret, shown once')
  const helpdesk = page.getByRole('article', { name: 'helpdesk' })
  await helpdesk.getByRole('button', { name: 'Send test event' }).click()
  await expectText(helpdesk.locator('.test-result'), 'Test event: delivered', 'the test event delivered')
  await settle(page)
  await accessible(page, 'destinations')
  await page.screenshot({ path: `${shots}/destinations.png`, fullPage: true })

  step('operations with the ops key: lag, dead letters, health')
  await page.getByRole('button', { name: 'Sign out' }).click()
  await page.getByLabel('API key').fill(env('OPS_KEY'))
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.getByRole('link', { name: 'Operations' }).click()
  await page.getByRole('heading', { name: 'Operations' }).waitFor()
  const lag = page.getByRole('table', { name: /Consumer lag/ })
  await expectText(lag, 'mosaic-segmentation', 'the segmentation group in the lag table')
  await page.getByRole('img', { name: /Records behind per consumer group/ }).locator('canvas').waitFor()
  await expectText(page.locator('ul.health'), 'profile-service: ready', 'each service\'s health')
  await page.getByRole('heading', { name: 'Dead-lettered records' }).waitFor()
  await page.getByText('mosaic.interactions.dlq').waitFor()
  await settle(page)
  await accessible(page, 'operations')
  await page.screenshot({ path: `${shots}/operations.png`, fullPage: true })
} finally {
  await browser.close()
}
if (problems.length > 0) {
  console.error(problems.join('\n'))
  process.exit(1)
}
console.log('console: every step passed')

function step(name) {
  console.log(`step: ${name}`)
}

function expect(condition, what) {
  if (!condition) throw new Error(`expected: ${what}`)
}

async function expectText(locator, text, what) {
  try {
    await locator.filter({ hasText: text }).first().waitFor({ timeout: 30_000 })
  } catch {
    const seen = await locator.first().innerText().catch(() => '(nothing)')
    throw new Error(`expected ${what}: "${text}"; the page shows: ${seen.slice(0, 500)}`)
  }
}

/** Tab through the page until the element named {@code name} has the focus: the form works without a mouse. */
async function tabTo(page, name) {
  for (let i = 0; i < 10; i++) {
    await page.keyboard.press('Tab')
    if (await page.evaluate((n) => document.activeElement?.name === n, name)) return
  }
  throw new Error(`the field "${name}" cannot be reached with Tab`)
}

/** No request still running: charts and tables have what they will show. */
async function settle(page) {
  await page.waitForLoadState('networkidle')
}

async function accessible(page, name) {
  await page.evaluate(axeSource)
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }))
  const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  console.log(`axe ${name}: ${serious.length} serious or critical of ${result.violations.length} violations`
    + ` (${result.violations.map((v) => `${v.id}/${v.impact}`).join(', ') || 'none'})`)
  for (const v of serious) {
    problems.push(`axe ${name}: ${v.id} (${v.impact}): ${v.help}; at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`)
  }
}
