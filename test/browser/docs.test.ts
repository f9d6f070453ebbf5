/**
 * The docs page in a real browser: /docs loads in headless Chromium (the one @sparticuz/chromium
 * ships through npm, or CHROMIUM_PATH; driven by playwright-core), under the service's own security headers,
 * with no request leaving the service; it lists every operation of openapi.yaml, and "Try it
 * out" on POST /v1/scenarios with the documented example shows a 200 and the case's answer.
 *
 * On failure the page is saved to test-results/ (gitignored) as a screenshot and its HTML.
 */
import t from 'tap'
import { loadContract } from '../../src/contract/index.js'
import { saveEvidence, serveToBrowser } from '../helpers/browser.js'

const TIMEOUT = 30_000

t.test(
  '/docs in headless Chromium: every operation listed, and Try it out answers the case',
  { timeout: 120_000 },
  async (t) => {
    const { base, browser } = await serveToBrowser(t, TIMEOUT)
    const page = await browser.newPage()
    page.setDefaultTimeout(TIMEOUT)

    // Everything the page does: errors, CSP violations, requests elsewhere, failed requests.
    const problems: string[] = []
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`)
    })
    page.on('request', (request) => {
      if (!request.url().startsWith(base) && !request.url().startsWith('data:'))
        problems.push(`request outside the service: ${request.url()}`)
    })
    page.on('requestfailed', (request) =>
      problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`),
    )

    try {
      const response = await page.goto(`${base}/docs`, { waitUntil: 'load' })
      t.equal(response?.status(), 200, 'GET /docs')
      t.ok(response?.headers()['content-security-policy'], 'served under a content security policy')

      // Every operation of the document, and nothing else.
      await page.locator('.opblock').first().waitFor()
      const listed = await page.$$eval('.opblock', (blocks) =>
        blocks.map((b) => {
          const method = b.querySelector('.opblock-summary-method')?.textContent?.trim() ?? ''
          const path = b.querySelector('.opblock-summary-path')?.getAttribute('data-path') ?? ''
          return `${method} ${path}`
        }),
      )
      const documented = [...loadContract().operations.values()].map((op) => `${op.method} ${op.path}`)
      t.same([...listed].sort(), documented.sort(), 'the page lists every operation of openapi.yaml')

      // Try it out: POST /v1/scenarios with the documented example.
      const operation = page.locator('#operations-scenarios-computeScenario')
      await operation.locator('.opblock-summary').click()
      const tryOut = operation.locator('button.try-out__btn')
      if ((await tryOut.textContent())?.includes('Try it out')) await tryOut.click()
      const body = operation.locator('textarea.body-param__text')
      await body.waitFor()
      t.match(await body.inputValue(), /"principal": "1000000\.00"/, 'the request body is the documented example')
      await operation.locator('button.execute').click()

      // The live response row (the table's header row has the same cell classes).
      const row = operation.locator('.live-responses-table tbody tr.response').first()
      await row.waitFor()
      const status = row.locator('.response-col_status')
      t.equal((await status.textContent())?.trim(), '200', 'the response shown is 200')
      const shown = (await row.locator('.response-col_description').textContent()) ?? ''
      t.match(shown, /"totalDue": "1194509\.70"/, "the answer shows the case's totalDue")
      t.match(shown, /"date": "2008-10-15"/, 'and its Event of Default')

      t.same(problems, [], 'no page errors, CSP violations or requests outside the service')
    } catch (error) {
      const file = await saveEvidence(page, 'docs-page')
      t.fail(`${(error as Error).message}\nscreenshot: ${file}`, { problems })
    }
    if (!t.passing()) {
      const file = await saveEvidence(page, 'docs-page')
      t.comment(`screenshot: ${file}`)
    }
  },
)
