/**
 * The calculator page in a real browser (headless Chromium, as for /docs): a person fills the
 * form by its labels, computes, reads the figures; changes the calendar; makes mistakes and sees
 * them at their fields; follows a shared link; downloads the ledger; prints the payoff
 * statement; at a phone's width and a desktop's, with no page errors, no CSP violations, no
 * request leaving the service and no sideways scrolling.
 *
 * Expected values are the case's own (docs/rules/README.md: 2008-10-15 and 1,194,509.70; docs/rules/ works
 * them out), or worked out here from the downloaded figures with decimal.js, not read from the code.
 * On failure the page is saved to test-results/ as a screenshot and its HTML.
 */
import t from 'tap'
import { Decimal } from 'decimal.js'
import { readFileSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { PAGE_CSP } from '../../src/routes/page.js'
import { encodeForUrl } from '../../src/page/model.js'
import { saveEvidence, serveToBrowser } from '../helpers/browser.js'

const TIMEOUT = 30_000
const theCase = JSON.parse(
  readFileSync(new URL('../../examples/liquidmetal-2008.scenario.request.json', import.meta.url), 'utf8'),
).value

/** Page code (a string, so this file needs no DOM types): how much wider the page is than the window. */
const OVERFLOW = 'document.documentElement.scrollWidth - document.documentElement.clientWidth'

/** The answer is on screen. (Locators, not waitForFunction: the page's CSP forbids compiling strings.) */
const answered = (page: Page) => page.locator('#answer[aria-busy="false"] #answer-body:not([hidden])').waitFor()

/** Waits for the next answer of POST /v1/scenarios after `action`, and for the page to show it. */
async function computeWith(page: Page, action: () => Promise<void>): Promise<number> {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/v1/scenarios') && r.request().method() === 'POST'),
    action(),
  ])
  await page.locator('#answer[aria-busy="false"]').waitFor()
  return response.status()
}

/** A JSON value with decimal strings written one way ("0.10" → "0.1"), to compare requests. */
const normalized = (value: unknown): unknown =>
  typeof value === 'string' && /^\d+(\.\d+)?$/.test(value)
    ? new Decimal(value).toString()
    : Array.isArray(value)
      ? value.map(normalized)
      : value !== null && typeof value === 'object'
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalized(v)]))
        : value

const text = async (page: Page, selector: string): Promise<string> =>
  ((await page.locator(selector).textContent()) ?? '').trim()

t.test('the calculator page in headless Chromium', { timeout: 240_000 }, async (t) => {
  const { base, browser } = await serveToBrowser(t, TIMEOUT)
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true })
  const problems: string[] = []
  context.on('page', (page) => {
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
    page.on('console', (message) => {
      // Chromium logs every HTTP error a fetch receives; the 400 and 422 the tests provoke are expected.
      const provoked = /status of (400|422)/.test(message.text()) && message.location().url.endsWith('/v1/scenarios')
      if ((message.type() === 'error' || message.type() === 'warning') && !provoked)
        problems.push(`console ${message.type()}: ${message.text()}`)
    })
    page.on('request', (request) => {
      if (!request.url().startsWith(base) && !request.url().startsWith('blob:') && !request.url().startsWith('data:'))
        problems.push(`request outside the service: ${request.url()}`)
    })
    page.on('requestfailed', (request) =>
      problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`),
    )
  })
  const page = await context.newPage()
  page.setDefaultTimeout(TIMEOUT)

  try {
    await t.test('served by the service under a strict CSP, and a link opens its request', async (t) => {
      // A link to another scenario (a bare note, no events), so the form starts far from the case.
      const bare = { note: { principal: '5.00', issueDate: '2020-01-02', maturityDate: '2021-01-02' } }
      const response = await page.goto(`${base}/#request=${encodeForUrl(bare)}`, { waitUntil: 'load' })
      await answered(page)
      t.equal(response?.status(), 200, 'GET /')
      const csp = response?.headers()['content-security-policy'] ?? ''
      t.equal(csp, PAGE_CSP, "the page's own CSP")
      t.notMatch(csp, /unsafe-inline|unsafe-eval|https:/, 'no inline code, no eval, no other hosts')
      t.equal(await page.inputValue('#f-principal'), '5.00', 'the form shows the linked request')
      t.equal(await text(page, '#event-of-default-date'), '—', 'no notice, no Event of Default')
      t.equal(await page.locator('svg#timeline').count(), 1, 'the timeline is an svg')
    })

    await t.test("fill the form by its labels, compute: the case's figures", async (t) => {
      const c = theCase
      await page.getByLabel('Note', { exact: true }).fill(c.note.id)
      await page.getByLabel('Principal (USD)').fill('1,000,000.00') // grouped, as people write it
      await page.getByLabel('Issue date').fill(c.note.issueDate)
      await page.getByLabel('Maturity date').fill(c.note.maturityDate)
      await page.getByLabel('Business-day calendar').selectOption('us-fed')
      await page.getByLabel('Cash rate, a year').fill('8')
      await page.getByLabel('Rate in notes, a year').fill('10')
      await page.getByLabel('Default cash rate').fill('12')
      await page.getByLabel('Default rate in notes').fill('15')
      await page.getByLabel('Day count').selectOption('30-360-us')
      await page.getByLabel('Interest Dates').selectOption('quarterly')
      await page.getByLabel('First Interest Date').fill('2007-04-01')
      await page.getByLabel('Interest paid in').selectOption('notes')
      await page.getByLabel('Accrued interest valued at').selectOption('cash')
      await page.getByLabel('Cure period (Business Days)').fill('10')
      await page.getByLabel('Premium (× principal + interest)').fill('1.00')
      await page.getByLabel('Price due after (Business Days)').fill('5')
      await page.getByLabel('Closing', { exact: true }).fill(c.spa.closingDate)
      await page.getByLabel('Section', { exact: true }).fill('4(i)')
      await page.getByLabel('Period (days)').fill('5')
      await page.getByLabel('Counted in').selectOption('business-days')
      await page.getByLabel('Notice sent on').fill('2008-09-29')
      await page.getByLabel('Facsimile').check()
      await page.getByLabel('Overnight courier').check()
      await page.getByLabel('Election dated').fill('2008-09-29')
      await page.getByLabel('Portion redeemed').fill('100')
      await page.getByLabel('Statuses as of').fill(c.asOf)
      t.equal(await page.inputValue('#f-principal'), '1,000,000.00', 'money keeps its grouping')

      const status = await computeWith(page, () => page.click('#compute'))
      t.equal(status, 200, 'POST /v1/scenarios answered 200')
      // docs/page.md: the case's Event of Default and total due, as written for people.
      t.equal(await text(page, '#event-of-default-date'), '2008-10-15', '#event-of-default-date')
      t.equal(await text(page, '#total-due'), '1,194,509.70', '#total-due')
      // docs/rules/notice-and-cure.md: notice effective 2008-09-29 (facsimile, same day), 10 Business Days on us-fed
      // skip Columbus Day 2008-10-13, so the cure period ends 2008-10-14; payment 5 Business Days
      // after the effective election (2008-10-15) is 2008-10-22.
      t.equal(await text(page, '#cure-deadline'), '2008-10-14', 'cure deadline')
      t.equal(await text(page, '#payment-due-date'), '2008-10-22', 'payment due')
      // Per diem: 1,188,041.47 × 12% / 360, worked out here.
      t.equal(
        await text(page, '#per-diem'),
        new Decimal('1188041.47')
          .times('0.12')
          .div(360)
          .toDecimalPlaces(2, Decimal.ROUND_HALF_UP)
          .toFixed(2)
          .replace(/\B(?=(\d{3})+(?!\d))/g, ','),
        'per diem',
      )

      // The timeline chart: a mark per day with events, labelled with each event's clause.
      const marks = await page.locator('svg#timeline g.tl-event').count()
      t.equal(
        marks,
        8,
        'eight days with events: issue and Closing, covenant deadline, breach, notice and election, cure deadline, Event of Default, payment due, maturity',
      )
      const chart = (await page.locator('svg#timeline').textContent()) ?? ''
      for (const words of [
        'Event of Default',
        'Note 4(a)(iv)',
        'Cure period',
        'Default rates',
        'SPA 4(i)',
        'Payment due',
      ])
        t.match(chart, words, `the chart shows "${words}"`)
      t.equal(
        await page.locator('#ledger tbody tr').count(),
        9,
        'the ledger: seven quarters, then the accrued days at normal and at default rates',
      )
      t.ok((await page.locator('#assumptions li').count()) > 5, 'assumptions listed')
      t.match(
        await text(page, '#warnings'),
        /precedes the Event of Default/,
        'the premature election is a warning, in words',
      )

      // What the form sent is the case itself (numbers compared as decimals: "0.1" is "0.10").
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-request')])
      const sent = JSON.parse(readFileSync(await download.path(), 'utf8'))
      t.same(normalized(sent), normalized(theCase), 'the request downloaded is the case')
    })

    await t.test('download the ledger as CSV: unformatted amounts that add up', async (t) => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-ledger')])
      t.match(download.suggestedFilename(), /\.ledger\.csv$/)
      const csv = readFileSync(await download.path(), 'utf8')
      const [header, ...rows] = csv.trimEnd().split('\r\n')
      t.equal(
        header,
        'start,end,days,principal,rate,rateKind,form,yearFraction,amount,status,interestDate',
        "the API's field names",
      )
      t.equal(rows.length, 9)
      const amounts = rows.map((r) => r.split(',')[8]!)
      t.ok(
        amounts.every((a) => /^\d+\.\d{2}$/.test(a)),
        'amounts without grouping',
      )
      // Total due = principal + all interest (premium 1.00, no late charge): the CSV's amounts must
      // add up to 1,194,509.70 − 1,000,000.00.
      t.equal(
        amounts.reduce((sum, a) => sum.plus(a), new Decimal(0)).toFixed(2),
        '194509.70',
        'the ledger adds up to the interest in the total due',
      )
      // The last row: 7 days at the 12% default cash rate on 1,188,041.47, 30/360: 2,772.10.
      const last = rows[rows.length - 1]!.split(',')
      t.same([last[0], last[1], last[2], last[5]], ['2008-10-15', '2008-10-22', '7', 'default'])
      t.equal(
        last[8],
        new Decimal(last[3]!).times(last[4]!).times(7).div(360).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2),
        'its amount is principal × rate × 7/360',
      )
    })

    let shared = ''
    await t.test('the calendar changed to us-nyse, computed from the keyboard: the cure deadline moves', async (t) => {
      await page.getByLabel('Business-day calendar').selectOption('us-nyse')
      await page.getByLabel('Principal (USD)').focus()
      // Enter in a field submits the form, as in any form.
      const status = await computeWith(page, () => page.keyboard.press('Enter'))
      t.equal(status, 200)
      // The NYSE opens on Columbus Day (2008-10-13), the Fed does not: one Business Day earlier.
      t.equal(await text(page, '#cure-deadline'), '2008-10-13', 'cure deadline on us-nyse')
      t.equal(await text(page, '#event-of-default-date'), '2008-10-14', 'and the Event of Default the day after')
      shared = page.url()
      t.match(shared, /#request=[A-Za-z0-9_-]+$/, 'the link holds the request')
    })

    await t.test('a shared link reproduces the computation', async (t) => {
      const other = await context.newPage()
      await other.goto(shared)
      await answered(other)
      t.equal(await text(other, '#cure-deadline'), '2008-10-13')
      t.equal(await text(other, '#event-of-default-date'), '2008-10-14')
      t.equal(await text(other, '#total-due'), await text(page, '#total-due'), 'the same total due')
      t.equal(await other.inputValue('#f-calendar'), 'us-nyse', 'and the same form')
      t.equal(await other.inputValue('#f-principal'), '1,000,000.00')
      await other.close()
    })

    await t.test('a cure in time makes the election void: no total due, and the page says why', async (t) => {
      // The case cured on 2008-10-10, before the 2008-10-14 cure deadline: no Event of Default,
      // so the 2008-09-29 election finds nothing to redeem (docs/rules/redemption.md: 200, election void).
      const cured = { ...theCase, events: { ...theCase.events, curedOn: '2008-10-10' } }
      const other = await context.newPage()
      await other.goto(`${base}/#request=${encodeForUrl(cured)}`)
      await answered(other)
      t.equal(await text(other, '#event-of-default-date'), '—')
      t.equal(await text(other, '#total-due'), '—')
      t.match(await text(other, '#total-due-note'), /Election void: the default was cured within the cure period/)
      await other.close()
    })

    await t.test("an invalid date: the service's error beside its field", async (t) => {
      await page.getByLabel('Business-day calendar').selectOption('us-fed')
      await page.getByLabel('Issue date').fill('1850-01-01') // outside 1901-01-01..2199-12-31
      const status = await computeWith(page, () => page.click('#compute'))
      t.equal(status, 400)
      const error = page
        .locator('#f-issue')
        .locator('xpath=ancestor::div[contains(@class, "field")][1]')
        .locator('.field-error')
      t.match(
        await error.textContent(),
        /real date YYYY-MM-DD between 1901-01-01 and 2199-12-31/,
        "the message sits in the issue date's field",
      )
      t.equal(await page.getAttribute('#f-issue', 'aria-invalid'), 'true', 'the field is marked invalid')
      t.match((await page.getAttribute('#f-issue', 'aria-describedby')) ?? '', /err-/, 'and described by the message')
      t.equal(await page.locator('.field-error').count(), 1, 'no other field is blamed')
      t.ok(await page.locator('#form-errors').isVisible(), 'a summary at the top of the form')

      // Well-formed but contradictory (422): maturity before issue.
      await page.getByLabel('Issue date').fill('2011-01-01')
      t.equal(await computeWith(page, () => page.click('#compute')), 422)
      const maturity = page
        .locator('#f-maturity')
        .locator('xpath=ancestor::div[contains(@class, "field")][1]')
        .locator('.field-error')
      t.match(await maturity.textContent(), /after the issue date 2011-01-01/, 'the 422 at the maturity date')
      t.equal(await page.locator('#f-issue[aria-invalid]').count(), 0, 'the earlier error is gone')

      // A covenant period that is not a number goes as typed and is refused at its field.
      await page.getByLabel('Issue date').fill('2007-01-03')
      await page.getByLabel('Period (days)').fill('five')
      t.equal(await computeWith(page, () => page.click('#compute')), 400)
      t.match(
        await page.locator('#f-period-count').locator('xpath=..').locator('.field-error').textContent(),
        /integer/,
      )
      await page.getByLabel('Period (days)').fill('5')
      t.equal(await computeWith(page, () => page.click('#compute')), 200)
      t.equal(await text(page, '#total-due'), '1,194,509.70', 'fixed, the case again')
    })

    await t.test('the payoff statement prints on one page of A4 and of Letter', async (t) => {
      await page.emulateMedia({ media: 'print' })
      const statement = (await page.locator('#statement').textContent()) ?? ''
      for (const words of [
        'illustrative-wynnefield-note',
        'Event of Default',
        '2008-10-15',
        'Note 4(a)(iv)',
        'USD 1,194,509.70',
        '2008-10-22',
        'USD 396.01 per day',
        'Assumptions',
        'Computed ',
      ]) {
        t.match(statement, words, `the statement has "${words}"`)
      }
      for (const format of ['A4', 'Letter'] as const) {
        const pdf = (await page.pdf({ format, printBackground: true })).toString('latin1')
        t.equal((pdf.match(/\/Type\s*\/Page[^s]/g) ?? []).length, 1, `${format}: one page`)
      }
      await page.emulateMedia({ media: 'screen' })
    })

    await t.test('no sideways scrolling at 390 px and 1280 px', async (t) => {
      for (const width of [390, 1280]) {
        await page.setViewportSize({ width, height: 900 })
        await page.waitForTimeout(150) // the chart redraws for its width on the next frame
        // Everything open, the longest the page gets.
        const closed = page.locator('details:not([open]) > summary')
        while ((await closed.count()) > 0) await closed.first().click()
        t.equal(await page.evaluate<number>(OVERFLOW), 0, `${width} px: the page is no wider than the window`)
        const chart = await page.locator('svg#timeline').boundingBox()
        t.ok(chart !== null && chart.width <= width, `${width} px: the chart fits`)
        // Each day's label (its texts together) clear of every other day's, and inside the chart.
        const labels: Array<{ x: number; y: number; right: number; bottom: number }> = []
        for (const group of await page.locator('svg#timeline g.tl-event').all()) {
          const boxes = (await Promise.all((await group.locator('text').all()).map((s) => s.boundingBox()))).filter(
            (b) => b !== null,
          )
          labels.push({
            x: Math.min(...boxes.map((b) => b.x)),
            y: Math.min(...boxes.map((b) => b.y)),
            right: Math.max(...boxes.map((b) => b.x + b.width)),
            bottom: Math.max(...boxes.map((b) => b.y + b.height)),
          })
        }
        const overlapping = labels.flatMap((a, i) =>
          labels.slice(i + 1).filter((b) => a.x < b.right && b.x < a.right && a.y < b.bottom && b.y < a.bottom),
        )
        t.equal(overlapping.length, 0, `${width} px: no two labels of the chart overlap`)
        t.ok(
          chart !== null && labels.every((l) => l.x >= chart.x - 0.5 && l.right <= chart.x + chart.width + 0.5),
          `${width} px: every label inside the chart`,
        )
      }
    })

    await t.test('back to the case', async (t) => {
      t.equal(await computeWith(page, () => page.click('#reset')), 200)
      t.equal(await text(page, '#total-due'), '1,194,509.70')
      t.equal(await page.inputValue('#f-calendar'), 'us-fed')
    })

    t.same(problems, [], 'no page errors, console errors, CSP violations or requests outside the service')
  } catch (error) {
    const file = await saveEvidence(page, 'calculator-page')
    t.fail(`${(error as Error).message}\nscreenshot: ${file}`, { problems })
  }
  if (!t.passing()) t.comment(`screenshot: ${await saveEvidence(page, 'calculator-page')}`)
})
