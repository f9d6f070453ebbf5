/**
 * Screenshots of the calculator page for docs/screenshots/, and its load time measured.
 *
 *   npm run screenshots
 *
 * Serves the app on a free port, opens `/` in headless Chromium (test/helpers/browser.ts) at
 * 390 px (a phone) and 1280 px wide, waits for the case's answer and saves full-page
 * screenshots; then the payoff statement as printed (print media, A4 width). Load time: the
 * median of 7 fresh loads at 1280 px of the navigation (Navigation Timing) and of the moment
 * the answer is on screen (#total-due filled), printed, never asserted.
 */
import type { AddressInfo } from 'node:net'
import { mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { buildApp } from '../src/app.js'
import { launchChromium } from '../test/helpers/browser.js'

const OUT = fileURLToPath(new URL('../docs/screenshots/', import.meta.url))
/** Page code, run in the browser: the answer is on screen. */
const ANSWERED = "document.getElementById('total-due')?.textContent !== ''"

interface Timing {
  response: number
  domContentLoaded: number
  load: number
  answer: number
  bytes: number
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

const app = buildApp()
await app.listen({ port: 0, host: '127.0.0.1' })
const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
const browser = await launchChromium()
mkdirSync(OUT, { recursive: true })
try {
  for (const width of [390, 1280]) {
    const page = await browser.newPage({ viewport: { width, height: 900 }, deviceScaleFactor: width < 600 ? 2 : 1 })
    await page.goto(`${base}/`)
    await page.waitForFunction(ANSWERED)
    // The whole page in the viewport, so the form's sticky Compute bar sits at its end.
    await page.setViewportSize({ width, height: await page.evaluate<number>('document.documentElement.scrollHeight') })
    await page.screenshot({ path: `${OUT}calculator-${width}.png` })
    console.log(`docs/screenshots/calculator-${width}.png`)
    await page.close()
  }
  const print = await browser.newPage({ viewport: { width: 794, height: 1123 } })
  await print.goto(`${base}/`)
  await print.waitForFunction(ANSWERED)
  await print.emulateMedia({ media: 'print' })
  await print.screenshot({ path: `${OUT}payoff-statement.png`, fullPage: true })
  console.log('docs/screenshots/payoff-statement.png')
  await print.close()

  const loads: Timing[] = []
  for (let i = 0; i < 8; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    const page = await context.newPage()
    await page.goto(`${base}/`)
    await page.waitForFunction(ANSWERED)
    const timing = await page.evaluate<Timing>(`(() => {
      const nav = performance.getEntriesByType('navigation')[0]
      const files = performance.getEntriesByType('resource').filter((r) => !r.name.includes('/v1/'))
      return {
        response: nav.responseEnd,
        domContentLoaded: nav.domContentLoadedEventEnd,
        load: nav.loadEventEnd,
        answer: performance.now(),
        bytes: nav.transferSize + files.reduce((sum, r) => sum + r.transferSize, 0),
      }
    })()`)
    if (i > 0) loads.push(timing) // the first load also warms the server's compiled routes
    await context.close()
  }
  const ms = (k: 'response' | 'domContentLoaded' | 'load' | 'answer') =>
    `${median(loads.map((l) => l[k])).toFixed(0)} ms`
  console.log(
    `load time over ${loads.length} fresh loads (median): HTML ${ms('response')}, DOMContentLoaded ${ms('domContentLoaded')}, load ${ms('load')}, answer on screen ${ms('answer')}; page bytes ${median(loads.map((l) => l.bytes))}`,
  )
} finally {
  await browser.close()
  await app.close()
}
