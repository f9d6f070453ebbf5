/**
 * Screenshots of the page for docs/screenshots/: each section at 1280 px and 390 px wide, and
 * each printable part as printed (print media, A4 width), the case's answers on screen.
 *
 *   npm run screenshots
 *
 * Serves the app on a free port and opens `/` in headless Chromium (test/helpers/browser.ts).
 * Where the service does not serve the ownership timeline (404), the worked example's answer
 * of test/browser/worked-example.ts is drawn instead, so the chart is seen either way.
 */
import type { AddressInfo } from 'node:net'
import { mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright-core'
import { buildApp } from '../src/app.js'
import { launchChromium } from '../test/helpers/browser.js'
import { WORKED_EXAMPLE_TIMELINE } from '../test/browser/worked-example.js'

const OUT = fileURLToPath(new URL('../docs/screenshots/', import.meta.url))
const SECTIONS = ['holders', 'ownership', 'readings', 'notice'] as const

const app = buildApp()
await app.listen({ port: 0, host: '127.0.0.1' })
const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
const browser = await launchChromium()
mkdirSync(OUT, { recursive: true })

/** The timeline's answer from the service, or the worked example's where it is not served. */
async function timelineOrExample(page: Page): Promise<void> {
  await page.route('**/v1/beneficial-ownership/timeline', async (route) => {
    const response = await route.fetch()
    if (response.status() !== 404) return route.fulfill({ response })
    return route.fulfill({ status: 200, contentType: 'application/json', json: WORKED_EXAMPLE_TIMELINE })
  })
}

async function opened(width: number): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: 900 }, deviceScaleFactor: width < 600 ? 2 : 1 })
  await timelineOrExample(page)
  await page.goto(`${base}/`)
  await page.locator('#answer[aria-busy="false"] #answer-body:not([hidden])').waitFor()
  await page.locator('#ownership-table tr[data-person]').first().waitFor()
  await page.locator('#readings-table tr[data-variant]').first().waitFor()
  await page.locator('#holders-table tr[data-holder]').first().waitFor()
  await page.locator('#notice-letter p').first().waitFor()
  await page.locator('#ownership-chart path').first().waitFor()
  return page
}

const saved = (name: string) => console.log(`docs/screenshots/${name}`)

try {
  for (const width of [390, 1280]) {
    const page = await opened(width)
    await page.locator('main').screenshot({ path: `${OUT}calculator-${width}.png` })
    saved(`calculator-${width}.png`)
    for (const section of SECTIONS) {
      await page.locator(`#${section}`).screenshot({ path: `${OUT}${section}-${width}.png` })
      saved(`${section}-${width}.png`)
    }
    await page.close()
  }
  const print = await opened(794)
  await print.emulateMedia({ media: 'print' })
  await print.screenshot({ path: `${OUT}payoff-statement.png`, fullPage: true })
  saved('payoff-statement.png')
  const parts: Array<[string, string]> = [
    ['#notice-print', 'notice-letter.png'],
    ['#ownership-print', 'cover-page-worksheet.png'],
    ['#holders-table tr[data-holder] button', 'holder-statement.png'],
  ]
  for (const [button, name] of parts) {
    await print.emulateMedia({ media: 'screen' })
    await print.locator(button).first().click()
    await print.emulateMedia({ media: 'print' })
    await print.screenshot({ path: `${OUT}${name}`, fullPage: true })
    saved(name)
  }
  await print.close()
} finally {
  await browser.close()
  await app.close()
}
