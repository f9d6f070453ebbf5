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
import { WORKED_EXAMPLE_TIMELINE } from './worked-example.js'

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

/** Every section computed: the scenario, holders, ownership and its chart, readings, the letter. */
async function sectionsReady(page: Page): Promise<void> {
  await answered(page)
  await page.locator('#holders-table tr[data-holder]').first().waitFor()
  await page.locator('#ownership-table tr[data-person]').first().waitFor()
  await page.locator('#ownership-chart path.oc-line').first().waitFor()
  await page.locator('#readings-table tr[data-variant]').first().waitFor()
  await page.locator('#notice-letter p').first().waitFor()
}

const text = async (page: Page, selector: string): Promise<string> =>
  ((await page.locator(selector).textContent()) ?? '').trim()

t.test('the calculator page in headless Chromium', { timeout: 600_000 }, async (t) => {
  const { base, browser } = await serveToBrowser(t, TIMEOUT)
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true })
  const problems: string[] = []
  context.on('page', (page) => {
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
    page.on('console', (message) => {
      // Chromium logs every HTTP error a fetch receives; the 400 and 422 the tests provoke are expected.
      const provoked = /status of (400|422)/.test(message.text()) && message.location().url.endsWith('/v1/scenarios')
      if ((message.type() === 'error' || message.type() === 'warning') && !provoked)
        problems.push(`console ${message.type()}: ${message.text()} at ${message.location().url}`)
    })
    page.on('request', (request) => {
      if (!request.url().startsWith(base) && !request.url().startsWith('blob:') && !request.url().startsWith('data:'))
        problems.push(`request outside the service: ${request.url()}`)
    })
    page.on('requestfailed', (request) =>
      problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`),
    )
  })
  // The ownership timeline as the service answers it; where it is not served (404), the worked
  // example's answer written out by hand in worked-example.ts, so the page's drawing is checked.
  let timelineServed = false
  await context.route('**/v1/beneficial-ownership/timeline', async (route) => {
    const response = await route.fetch()
    timelineServed = response.status() !== 404
    if (timelineServed) return route.fulfill({ response })
    return route.fulfill({ status: 200, contentType: 'application/json', json: WORKED_EXAMPLE_TIMELINE })
  })
  // Printing opens no dialog in a test: the print styles are checked as PDF instead.
  await context.addInitScript('window.print = () => {}')
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
      // One bundle for the page's scripts (esbuild): one script element, one file.
      t.equal(await page.locator('script[src]').count(), 1, 'one script file')
      t.equal(await page.locator('script[src]').getAttribute('src'), '/page/main.js', 'the bundle')
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
      // docs/rules/payment-default.md: interest stops at the due date; the per diem is what each day of an
      // earlier payment saves, and a later payment costs the late charge, never the per diem.
      t.equal(await text(page, '#per-diem-note'), 'saved for each day paid earlier', "the per diem's label")
      t.match(await text(page, '#redemption'), /Per diem: saved for each day paid before the due date\s*396\.01/)
      t.notMatch(await text(page, '#answer'), /if paid late/i, 'no per diem said to be a cost of paying late')

      // The timeline chart: a mark per day with events, labelled with each event's clause.
      const marks = await page.locator('svg#timeline g.tl-event').count()
      t.equal(
        marks,
        8,
        'eight days with events: issue and Closing, covenant deadline, breach, notice and election, cure deadline, ' +
          'Event of Default, payment due, maturity',
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
      // Refused by the service or caught in the page, one behaviour: the old answer is withdrawn.
      t.ok(await page.locator('#answer-body').isHidden(), 'a refused request withdraws the previous answer')
      t.ok(await page.locator('#copy-link').isHidden(), 'and its link')
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
        'each day paid before 2008-10-22 saves the per diem of USD 396.01',
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

    // ---- The sections beside the scenario: holders, ownership, readings, the notice ----

    await t.test('every section opens prefilled with the case and computed', async (t) => {
      await page.setViewportSize({ width: 1280, height: 900 })
      await page.goto(`${base}/`)
      await sectionsReady(page)
      t.pass('the scenario, holders, ownership (and through time), readings and the notice are on screen')
      // The scenario's link, as after every computation of it; no section's (none was asked for).
      t.match(page.url(), /#request=[A-Za-z0-9_-]+$/, "the address holds the scenario's link, not a section's")
      t.ok(await page.locator('#coupons').isHidden(), 'no unpaid coupons in the case: no such panel')
      // Every label names its own field: no id twice on the page (a label's `for` takes the first).
      t.same(
        await page.evaluate<string[]>(
          "(() => { const ids = [...document.querySelectorAll('[id]')].map((e) => e.id); " +
            'return ids.filter((id, i) => ids.indexOf(id) !== i) })()',
        ),
        [],
        'no id is used twice',
      )
      t.same(
        await page.evaluate<string[]>(
          "[...document.querySelectorAll('label[for]')].filter((l) => l.control === null).map((l) => l.htmlFor)",
        ),
        [],
        'every label is the label of a field',
      )
    })

    await t.test("ownership: the case's cover pages, each discrepancy beside its figure", async (t) => {
      const obus = page.locator('#ownership-table tr[data-person="obus"]')
      // docs/ownership.md: 3,731,324 / (44,726,295 + 2,657,770) = 7.874...% → 7.87 (8.34 filed).
      t.match(await obus.locator('td[data-field="percent"]').textContent(), /^7\.87/, 'obus: 7.87 percent')
      const conversion = (await obus.locator('td[data-field="issuableOnConversion"]').textContent()) ?? ''
      // 433,266 + 567,372 + 546,740 = 1,547,378 computed; the filing reported 1,547,377.
      t.match(conversion, /1,547,378/, 'computed 1,547,378')
      t.match(conversion, /filed 1,547,377/, 'beside the filed 1,547,377')
      t.equal(await page.locator('#ownership-table tr[data-person]').count(), 7, 'three funds and four control persons')
      const explanation = (await obus.locator('xpath=following-sibling::tr[1]').textContent()) ?? ''
      t.match(explanation, /433,266 \+ 567,372 \+ 546,740/, "the explanation is under the person's row")
      t.equal(
        await page.locator('#ownership-table tr[data-person="wpscv-lp"] td[data-field="aggregate"]').textContent(),
        '1,019,531',
        'a fund with no discrepancy in its aggregate: 275,355 + 433,266 + 310,910',
      )
    })

    await t.test('ownership from the keyboard alone: a new share count, Enter, then back to the case', async (t) => {
      await page.getByLabel('Shares outstanding', { exact: true }).first().focus()
      await page.keyboard.press('ControlOrMeta+a')
      await page.keyboard.type('50,000,000')
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/v1/beneficial-ownership')),
        page.keyboard.press('Enter'),
      ])
      t.equal(response.status(), 200)
      await page.locator('#ownership-result:not(.stale)').waitFor()
      // 3,731,324 / (50,000,000 + 2,657,770) = 7.086...%
      const obus = page.locator('#ownership-table tr[data-person="obus"] td[data-field="percent"]')
      t.match(await obus.textContent(), /^7\.09/, 'obus over 50,000,000 shares: 7.09')
      t.match(page.url(), /#ownership=/, 'a computation by a person is kept in the address')
      await page.locator('#ownership-reset').focus()
      await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/v1/beneficial-ownership')),
        page.keyboard.press('Enter'),
      ])
      await page.locator('#ownership-result:not(.stale)').waitFor()
      t.match(await obus.textContent(), /^7\.87/, 'the case again')
    })

    await t.test('ownership through time: the worked example, its crossings and filings', async (t) => {
      const chart = page.locator('svg#ownership-chart')
      const words = (await chart.textContent()) ?? ''
      t.ok((await chart.locator('.oc-five').count()) === 1, 'the 5% line')
      t.equal(await chart.locator('path.oc-line').count(), 1, "one person's line")
      // docs/page.md's worked example: initial due 2007-01-16, filed 2007-01-12; the amendment for
      // the material change of 2008-01-01 filed 2008-01-04; the exit below 5% on 2008-10-22.
      for (const date of ['2007-01-16', '2007-01-12', '2008-01-01', '2008-01-04', '2008-10-22'])
        t.match(words, date, `the chart names ${date}`)
      t.equal(await chart.locator('circle.oc-event').count(), 3, 'a crossing above, a material change, the exit')
      // Each mark on its date and on the right side of the 5% line: 12.73% and 13.54% above it,
      // 4.00% (400,000 of 10,000,000 once the notes are redeemed) below it (SVG y grows downwards).
      const five = Number(await chart.locator('.oc-five').getAttribute('y1'))
      const marks: Array<[string, string, 'above' | 'below']> = [
        ['.oc-crossed-above-five-percent', '2007-01-03', 'above'],
        ['.oc-material-change', '2008-01-01', 'above'],
        ['.oc-fell-to-five-percent-or-below', '2008-10-22', 'below'],
      ]
      for (const [kind, date, side] of marks) {
        const mark = chart.locator(`circle${kind}`)
        t.match(await mark.textContent(), date, `the ${kind.slice(4)} mark is dated ${date}`)
        const cy = Number(await mark.getAttribute('cy'))
        t.ok(side === 'above' ? cy < five : cy > five, `${date}: ${side} the 5% line`)
      }
      // Below the axis, each obligation's deadline and filing named with its date.
      for (const label of [
        '2007-01-16 13D due',
        '2007-01-12 13D filed',
        '2008-01-04 amendment filed',
        'amendment due promptly (open)',
      ])
        t.match(words, label, `the chart marks "${label}"`)
      const rows = page.locator('#ownership-obligations tbody tr')
      t.equal(await rows.count(), 3)
      t.match(await rows.nth(0).textContent(), /2007-01-16.*filed on time.*2007-01-12/)
      t.match(await rows.nth(1).textContent(), /promptly.*filed.*2008-01-04, 3 days after the event/)
      t.match(await rows.nth(2).textContent(), /2008-10-22.*promptly.*open/)
      t.comment(timelineServed ? 'the timeline from the service' : 'the timeline endpoint is not served here (404)')
    })

    await t.test('readings: each variant with what it moves and the base beside', async (t) => {
      // Compared again from the keyboard: the button focused, Enter.
      await page.locator('#readings-compare').focus()
      const [compared] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/v1/scenarios/compare')),
        page.keyboard.press('Enter'),
      ])
      t.equal(compared.status(), 200, 'compared from the keyboard')
      await page.locator('#readings-result:not(.stale)').waitFor()
      const nyse = page.locator('#readings-table tr[data-variant="calendar-us-nyse"]')
      // us-nyse opens on Columbus Day 2008-10-13: the cure period ends a Business Day earlier.
      const cure = (await nyse.locator('li[data-pointer="/notice/cureDeadline"]').textContent()) ?? ''
      t.match(cure, /2008-10-13/, 'us-nyse moves the cure deadline to 2008-10-13')
      t.match(cure, /-1 day/, 'by one day')
      t.match(cure, /base 2008-10-14/, 'the base beside it')
      t.match(await page.locator('#readings-base').textContent(), /2008-10-14/)
      t.ok((await page.locator('#readings-table tr[data-variant]').count()) >= 4, 'the default readings')
    })

    await t.test("readings: a reading the service refuses says why, in the form's words", async (t) => {
      // A notice sent by facsimile on Friday 2199-12-20 with a 5 Business Day cure period: Monday
      // 12-23, Tuesday 12-24, (Christmas closed) Thursday 12-26, Friday 12-27, Monday 12-30 is the
      // cure deadline. One day longer ends on Tuesday 2199-12-31, so the Event of Default would be
      // 2200-01-01, past the last supported date: that reading fails alone.
      const scenario = {
        note: {
          id: 'late-century',
          principal: '1000.00',
          issueDate: '2199-01-02',
          maturityDate: '2199-12-31',
          cure: { businessDays: 5 },
        },
        events: { noticeOfDefault: { sentAt: '2199-12-20', methods: ['facsimile'] } },
        asOf: '2199-12-31',
      }
      const other = await context.newPage()
      await other.goto(`${base}/#readings=${encodeForUrl({ scenario })}`)
      const longer = other.locator('#readings-table tr[data-variant="cure-period-one-day-longer"]')
      await longer.waitFor()
      t.match(await other.locator('#readings-base').textContent(), /2199-12-30/, 'the base cure deadline')
      const why = (await longer.textContent()) ?? ''
      t.match(why, /Fails/, 'the row says it fails')
      t.match(why, /2200-01-01/, 'and why: the Event of Default it would give')
      t.match(why, /Notice sent on/, "named by the form's field")
      const shorter = other.locator('#readings-table tr[data-variant="cure-period-one-day-shorter"]')
      // Four Business Days end on Friday 2199-12-27: three days earlier.
      t.match(await shorter.locator('li[data-pointer="/notice/cureDeadline"]').textContent(), /2199-12-27.*-3 days/)
      await other.close()

      // The same scenario's letter: its dates as worked out above, though a year after it is past 2199.
      const letter = await context.newPage()
      await letter.goto(`${base}/#notice=${encodeForUrl({ scenario })}`)
      await letter.getByText('until 2199-12-30').waitFor()
      t.match(await letter.locator('#notice-letter').textContent(), /occurs on 2199-12-31/)
      await letter.close()
    })

    await t.test("holders: each holder's figures, the series the sums", async (t) => {
      const first = page.locator('#holders-table tr[data-holder="wpscv-lp"]')
      // examples/liquidmetal-2008.scenario-holders: 400,000.00 of the 1,000,000.00 series.
      t.equal(await first.locator('td[data-field="principal"]').textContent(), '400,000.00')
      const totals = await page.locator('#holders-table tbody td[data-field="totalDue"]').allTextContents()
      const sum = totals.reduce((s, v) => s.plus(v.replace(/,/g, '')), new Decimal(0))
      t.equal(
        sum.toFixed(2),
        (await page.locator('#holders-table tfoot td[data-field="totalDue"]').textContent())?.replace(/,/g, ''),
        "the series' total due is the holders' sum to the cent",
      )
      // Each holder's redemption worked out on its own principal (docs/rules/money.md): 10% in notes
      // on each Interest Date (30/360: 88 days to 2007-04-01, then 90 a quarter), each rounded half up;
      // then 8% cash for the 14 days to the Event of Default and 12% for the 7 days to payment.
      const cents = (d: Decimal) => d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP)
      for (const [id, issued] of [
        ['wpscv-lp', '400000.00'],
        ['wpscv-lp-i', '600000.00'],
      ] as const) {
        let principal = new Decimal(issued)
        for (const days of [88, 90, 90, 90, 90, 90, 90])
          principal = principal.plus(cents(principal.times('0.10').times(days).div(360)))
        const accrued = cents(principal.times('0.08').times(14).div(360)).plus(
          cents(principal.times('0.12').times(7).div(360)),
        )
        const row = page.locator(`#holders-table tr[data-holder="${id}"]`)
        const field = async (name: string) =>
          ((await row.locator(`td[data-field="${name}"]`).textContent()) ?? '').replace(/,/g, '')
        t.equal(await field('redeemedPrincipal'), principal.toFixed(2), `${id}: principal redeemed`)
        t.equal(await field('accruedInterest'), accrued.toFixed(2), `${id}: accrued interest`)
        t.equal(await field('totalDue'), principal.plus(accrued).toFixed(2), `${id}: total due`)
        t.equal(await field('perDiem'), cents(principal.times('0.12').div(360)).toFixed(2), `${id}: per diem`)
      }
    })

    await t.test('holders by weights, from the keyboard: the service allocates the cents', async (t) => {
      const other = await context.newPage()
      await other.goto(`${base}/`)
      await other.locator('#holders-table tr[data-holder]').first().waitFor()
      await other.getByLabel('Weights').check()
      await other.getByLabel('Amount (USD) or weight, holder 1').focus()
      await other.keyboard.press('ControlOrMeta+a')
      await other.keyboard.type('1')
      await other.getByLabel('Amount (USD) or weight, holder 2').focus()
      await other.keyboard.press('ControlOrMeta+a')
      await other.keyboard.type('2')
      const [response] = await Promise.all([
        other.waitForResponse((r) => r.url().endsWith('/v1/scenarios') && r.request().method() === 'POST'),
        other.keyboard.press('Enter'),
      ])
      t.equal(response.status(), 200)
      await other.locator('#holders-result:not(.stale)').waitFor()
      // 1,000,000.00 in thirds: 333,333.33 and 666,666.66 leave one cent; the larger remainder
      // (0.666... of a cent against 0.333...) takes it: 666,666.67.
      const principal = (id: string) =>
        other.locator(`#holders-table tr[data-holder="${id}"] td[data-field="principal"]`).textContent()
      t.equal(await principal('wpscv-lp'), '333,333.33', 'weight 1: a third, rounded down')
      t.equal(await principal('wpscv-lp-i'), '666,666.67', 'weight 2: two thirds and the cent left over')
      t.equal(
        await other.locator('#holders-table tfoot td[data-field="principal"]').textContent(),
        '1,000,000.00',
        'the allocations add up to the series',
      )
      await other.close()
    })

    await t.test('notice: drafted from the answer, redrafted for a new date', async (t) => {
      const letter = page.locator('#notice-letter')
      const words = (await letter.textContent()) ?? ''
      // docs: effective 2008-09-29 by facsimile, 10 us-fed Business Days (Columbus Day skipped):
      // cure deadline 2008-10-14, Event of Default 2008-10-15; SPA 4(i) due 2007-01-10.
      for (const w of ['2008-10-14', '2008-10-15', '2007-01-10', '12%', '15%', 'redeem 100%', 'Note 4(a)(iv)'])
        t.match(words, w, `the letter names ${w}`)
      t.match(words, /1\. The covenant breached\. Section 4\(i\) .* within 5 Business Days after the Closing/)
      t.match(words, /has 10 Business Days after this notice to cure the default, that is, until 2008-10-14/)
      await page
        .getByRole('region', { name: 'Notice of Default' })
        .getByLabel('To')
        .fill('The Company, Legal Department')
      t.match(await letter.textContent(), /The Company, Legal Department/, 'the addressee as typed')
      // The signatory and their title, typed from the keyboard.
      const notice = page.getByRole('region', { name: 'Notice of Default' })
      for (const [label, typed] of [
        ['Signed by', 'Jane Roe'],
        ['Title', 'General Partner'],
      ] as const) {
        await notice.getByLabel(label, { exact: true }).focus()
        await page.keyboard.press('ControlOrMeta+a')
        await page.keyboard.type(typed)
      }
      t.match(await letter.textContent(), /Name: Jane Roe/, 'the signatory as typed')
      t.match(await letter.textContent(), /Title: General Partner/, 'and their title')
      // A date before the case's Closing and issue (2007-01-03): refused, in the letter's words.
      const [refused] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/v1/scenarios') && r.request().method() === 'POST'),
        page.getByLabel('Notice dated').fill('2006-06-01'),
      ])
      t.equal(refused.status(), 422)
      await page.getByText('Not drafted').waitFor()
      t.match(await text(page, '#notice-status'), /Notice dated: precedes the Closing \(2007-01-03\)/)
      t.notMatch(await text(page, '#notice-status'), /\/events\//, 'no pointer in the message')
      t.equal(await page.getAttribute('#notice-date', 'aria-invalid'), 'true', 'the date marked')
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/v1/scenarios') && r.request().method() === 'POST'),
        page.getByLabel('Notice dated').fill('2008-10-01'),
      ])
      t.equal(response.status(), 200)
      await page.locator('#notice-letter:not(.stale)').waitFor()
      const redrafted = (await letter.textContent()) ?? ''
      // From Wednesday 2008-10-01: 10 Business Days skipping Columbus Day 2008-10-13 end on
      // 2008-10-16; the Event of Default is the day after.
      t.match(redrafted, /until 2008-10-16/, 'the new cure deadline')
      t.equal(await page.getAttribute('#notice-date', 'aria-invalid'), null, 'the date no longer marked')
      t.match(redrafted, /occurs on 2008-10-17/, 'the new Event of Default')
      t.notMatch(redrafted, /2008-10-14/, 'no date of the old draft is left')
      // The per diem is what a day earlier saves (the case sets no late charge: nothing is added later).
      t.match(redrafted, /USD [\d,]+\.\d\d \(the per diem\) less for each day it is paid earlier\./)
      t.notMatch(redrafted, /after it\)/, 'no per diem after the due date')
    })

    await t.test('notice: a scenario with no notice yet is drafted as of its statuses date', async (t) => {
      const unnoticed = { ...theCase, events: { ...theCase.events, noticeOfDefault: null } }
      const other = await context.newPage()
      await other.goto(`${base}/#request=${encodeForUrl(unnoticed)}`)
      await other.locator('#notice-letter p').first().waitFor()
      t.equal(await other.inputValue('#notice-date'), '2008-10-31', "the letter dated the case's asOf")
      const letter = ((await other.locator('#notice-letter').textContent()) ?? '').replace(/\s+/g, ' ')
      // Effective Friday 2008-10-31 by facsimile; ten us-fed Business Days: 11-03 to 11-07, 11-10,
      // (11-11 Veterans Day closed) 11-12, 11-13, 11-14, 11-17. The Event of Default the day after;
      // payment 5 Business Days after that: 11-19, 11-20, 11-21, 11-24, 11-25.
      t.match(letter, /Under Section 4\(a\)\(iv\) of the Note, the Company has 10 Business Days/)
      t.match(letter, /until 2008-11-17/, 'cure deadline')
      t.match(letter, /occurs on 2008-11-18/, 'Event of Default')
      t.match(letter, /due on 2008-11-25/, 'payment due')
      await other.close()
    })

    await t.test("each section's link reproduces it", async (t) => {
      const sections: Array<[string, string, string]> = [
        ['#holders-link', '#holders-table', 'holders='],
        ['#ownership-link', '#ownership-table', 'ownership='],
        ['#ownership-timeline-link', '#ownership-obligations', 'ownership-timeline='],
        ['#readings-link', '#readings-table', 'readings='],
        ['#notice-link', '#notice-letter', 'notice='],
      ]
      for (const [button, content, key] of sections) {
        await page.click(button)
        const link = page.url()
        t.match(link, new RegExp(`#${key}[A-Za-z0-9_-]+$`), `${button}: the link holds the section`)
        const other = await context.newPage()
        await other.goto(link)
        await other
          .locator(`${content} ${content === '#notice-letter' ? 'p' : 'tbody tr'}`)
          .first()
          .waitFor()
        if (content === '#notice-letter') await other.getByText('until 2008-10-16').waitFor()
        t.equal(
          (await other.locator(content).textContent())?.replace(/\s+/g, ' '),
          (await page.locator(content).textContent())?.replace(/\s+/g, ' '),
          `${content} the same from the link`,
        )
        await other.close()
      }
    })

    await t.test('each printable part fits one page of A4 and of Letter', async (t) => {
      const pages = async (what: string) => {
        await page.emulateMedia({ media: 'print' })
        for (const format of ['A4', 'Letter'] as const) {
          const pdf = (await page.pdf({ format, printBackground: true })).toString('latin1')
          t.equal((pdf.match(/\/Type\s*\/Page[^s]/g) ?? []).length, 1, `${what}, ${format}: one page`)
        }
        await page.emulateMedia({ media: 'screen' })
      }
      await page.click('#notice-print')
      t.match(await page.locator('#printout').textContent(), /Notice of Default/)
      await pages('the notice letter')
      await page.click('#ownership-print')
      const worksheet = (await page.locator('#printout').textContent()) ?? ''
      t.match(worksheet, /Nelson Obus/)
      t.match(worksheet, /1,547,378/, "obus's conversion shares as computed")
      t.match(worksheet, /1,547,377/, 'beside the filed figure')
      t.match(worksheet, /7\.87/, 'and the percent')
      await pages('the cover-page worksheet')
      await page.locator('#holders-table tr[data-holder="wpscv-lp-i"] button').click()
      t.match(await page.locator('#printout').textContent(), /Wynnefield Partners Small Cap Value LP I/)
      t.match(await page.locator('#printout').textContent(), /600,000\.00/, "the holder's own principal")
      await pages("a holder's payoff statement")

      // The heaviest statement: a late cure, a late payment with a late charge, three warnings.
      const heavy = {
        ...theCase,
        note: { ...theCase.note, redemption: { ...theCase.note.redemption, lateChargeRate: '0.18' } },
        events: {
          ...theCase.events,
          redemptionElection: { date: '2008-09-28', portion: '1.00' },
          curedOn: '2008-10-20',
          paymentDate: '2008-11-05',
        },
      }
      await page.goto(`${base}/#request=${encodeForUrl(heavy)}`)
      await answered(page)
      t.ok((await page.locator('#warnings li').count()) >= 3, 'three warnings')
      await page.locator('#statement-parties > summary').click()
      await page.getByLabel("Issuer's address").fill('4 Park Plaza, Suite 1000, Irvine, California 92614')
      await page.getByLabel('Payment instructions').fill('Wire to the Holder, ABA 000000000, account 0000000000')
      await page.click('#print')
      const statement = (await page.locator('#statement').textContent()) ?? ''
      for (const w of ['Liquidmetal Technologies, Inc.', '4 Park Plaza', 'Wire to the Holder', 'late charge'])
        t.match(statement, w, `the statement has "${w}"`)
      await pages('the heaviest payoff statement')
    })

    await t.test('the heaviest letter fits one page of A4 and of Letter', async (t) => {
      // Every field of the letter at its longest, and the late charge's sentence too.
      const words = (n: number) =>
        Array.from({ length: n }, (_, i) => `Wordy${i % 10}`)
          .join(' ')
          .slice(0, n)
      const scenario = {
        ...theCase,
        note: { ...theCase.note, redemption: { ...theCase.note.redemption, lateChargeRate: '0.18' } },
      }
      const letter = {
        'notice-to': words(200),
        'notice-address': [words(99), words(99), words(99), words(99)].join('\n'),
        'notice-from': words(200),
        'notice-signatory': words(200),
        'notice-title': words(200),
        'notice-covenant': words(600),
      }
      const other = await context.newPage()
      await other.goto(`${base}/#notice=${encodeForUrl({ scenario, letter })}`)
      await other.locator('#notice-letter').getByText('late charge of 18%').waitFor()
      await other.click('#notice-print')
      await other.emulateMedia({ media: 'print' })
      for (const format of ['A4', 'Letter'] as const) {
        const pdf = (await other.pdf({ format, printBackground: true })).toString('latin1')
        t.equal((pdf.match(/\/Type\s*\/Page[^s]/g) ?? []).length, 1, `${format}: one page`)
      }
      await other.close()
    })

    await t.test('axe-core finds no serious or critical violation, at 1280 px and 390 px', async (t) => {
      const axe = readFileSync(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8')
      for (const width of [1280, 390]) {
        await page.setViewportSize({ width, height: 900 })
        await page.goto(`${base}/`)
        await sectionsReady(page)
        const violations = await page.evaluate<Array<{ id: string; impact: string; nodes: unknown[] }>>(
          `${axe};axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ` +
            `({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')) })))`,
        )
        const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
        t.same(bad, [], `${width} px: no serious or critical violation`)
      }
    })

    await t.test('the keyboard alone: Tab reaches every control in order, each visibly focused', async (t) => {
      await page.setViewportSize({ width: 1280, height: 900 })
      await page.goto(`${base}/`)
      await sectionsReady(page)
      const focused =
        '(() => { const e = document.activeElement; if (!e || e === document.body) return null; ' +
        'const r = e.getBoundingClientRect(); const s = getComputedStyle(e); ' +
        "return { id: e.id || e.getAttribute('aria-label') || e.textContent.trim().slice(0, 30), " +
        "box: r.width > 0 && r.height > 0, ring: (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) " +
        "|| s.boxShadow !== 'none' } })()"
      // From the top of the page: the first stop, the link past the masthead.
      await page.locator('a.skip').focus()
      const seen: Array<{ id: string; box: boolean; ring: boolean }> = []
      // Every stop, until focus leaves the page (no trap); a date field takes a Tab per part.
      for (let i = 0; i < 2000; i++) {
        await page.keyboard.press('Tab')
        const now = await page.evaluate<{ id: string; box: boolean; ring: boolean } | null>(focused)
        if (now === null) break
        seen.push(now)
      }
      t.ok(seen.length > 0 && seen.length < 2000, `focus leaves the page after ${seen.length} stops: no trap`)
      const ids = seen.map((s) => s.id)
      const order = [
        'compute',
        'print',
        'holders-compute',
        'ownership-compute',
        'ownership-print',
        'ownership-timeline-compute',
        'readings-compare',
        'notice-date',
        'notice-draft',
        'notice-print',
      ]
      t.same(
        order.map((id) => ids.indexOf(id)).filter((i) => i === -1),
        [],
        "every section's controls are reached",
      )
      t.ok(
        order.every((id, i) => i === 0 || ids.indexOf(id) > ids.indexOf(order[i - 1]!)),
        'in the order of the page',
      )
      t.same(
        seen.filter((s) => !s.box || !s.ring).map((s) => s.id),
        [],
        'each focused control is on screen and ringed',
      )
    })

    await t.test("the charts' text legible: 12 px or more, 4.5:1 against the panel", async (t) => {
      const poor = await page.evaluate<string[]>(
        '(() => { const rgb = (c) => (c.match(/[\\d.]+/g) || []).slice(0, 3).map(Number); ' +
          'const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4 }; ' +
          'const lum = ([r, g, b]) => 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); ' +
          'const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); ' +
          'return (x + 0.05) / (y + 0.05) }; ' +
          "return [...document.querySelectorAll('svg#timeline text, svg#ownership-chart text')].map((e) => { " +
          "const s = getComputedStyle(e); const bg = getComputedStyle(e.closest('.panel')).backgroundColor; " +
          'return { text: e.textContent, size: parseFloat(s.fontSize), ratio: ratio(rgb(s.fill), rgb(bg)) } })' +
          '.filter((x) => x.size < 12 || x.ratio < 4.5)' +
          '.map((x) => `${x.text}: ${x.size} px, ${x.ratio.toFixed(2)}:1`) })()',
      )
      t.same(poor, [], 'every text of both charts')
    })

    await t.test(
      '390 px and 1280 px: no sideways scroll with every section; Compute brings the key figures into view',
      async (t) => {
        for (const width of [390, 1280]) {
          await page.setViewportSize({ width, height: 800 })
          await page.waitForTimeout(150) // the charts redraw for their width on the next frame
          t.equal(await page.evaluate<number>(OVERFLOW), 0, `${width} px: the page is no wider than the window`)
          const chart = await page.locator('svg#ownership-chart').boundingBox()
          t.ok(
            chart !== null && chart.x >= 0 && chart.x + chart.width <= width,
            `${width} px: the ownership chart fits`,
          )
          // From the form's lowest field, as a person who changed it last.
          await page.getByLabel('Statuses as of').focus()
          const field = await page.getByLabel('Statuses as of').boundingBox()
          const bar = await page.locator('.form-actions').boundingBox()
          t.ok(
            field && bar && field.y + field.height <= bar.y,
            `${width} px: the focused field is not under the Compute bar`,
          )
          t.equal(await computeWith(page, () => page.click('#compute')), 200)
          const total = await page.locator('#total-due').boundingBox()
          const eod = await page.locator('#event-of-default-date').boundingBox()
          t.ok(total && total.y >= 0 && total.y + total.height <= 800, `${width} px: the total due in view`)
          t.ok(eod && eod.y >= 0 && eod.y + eod.height <= 800, `${width} px: the Event of Default in view`)
          // A key figure is one line: never broken inside a date or an amount.
          for (const id of ['#total-due', '#event-of-default-date', '#per-diem']) {
            const box = await page.locator(id).boundingBox()
            t.ok(box && box.height < 40, `${width} px: ${id} on one line`)
          }
          const cut = await page.evaluate<number>(
            "[...document.querySelectorAll('.figure dt, .unit-label')]" +
              '.filter((e) => e.scrollWidth > e.clientWidth + 1).length',
          )
          t.equal(cut, 0, `${width} px: no key figure's label is cut`)
        }
        await page.setViewportSize({ width: 1280, height: 900 })
      },
    )

    await t.test('fifteen-digit amounts at 390 px and 1280 px: nothing scrolls sideways or is cut', async (t) => {
      // 800,000,000,000,000.00 on the case's terms: a total due of fifteen digits and cents.
      const big = { ...theCase, note: { ...theCase.note, principal: '800000000000000.00' } }
      for (const width of [390, 1280]) {
        const other = await context.newPage()
        await other.setViewportSize({ width, height: 900 })
        await other.goto(`${base}/#request=${encodeForUrl(big)}`)
        await answered(other)
        // The sections drawn for this scenario too (its holders' amounts do not add up: refused).
        await other.locator('#readings-table tr[data-variant]').first().waitFor()
        await other.locator('#notice-letter p').first().waitFor()
        await other.locator('#holders-errors:not([hidden])').waitFor()
        await other.waitForTimeout(150) // the charts redraw for their width on the next frame
        t.match(await text(other, '#total-due'), /^\d{3}(,\d{3}){4}\.\d\d$/, `${width} px: fifteen digits due`)
        t.equal(await other.evaluate<number>(OVERFLOW), 0, `${width} px: the page is no wider than the window`)
        t.equal(
          await other.evaluate<number>(
            "[...document.querySelectorAll('.figure')].filter((f) => f.scrollWidth > f.clientWidth + 1).length",
          ),
          0,
          `${width} px: every key figure inside its card`,
        )
        const total = await other.locator('#total-due').boundingBox()
        t.ok(total && total.height < 40, `${width} px: the total due on one line`)
        t.equal(
          await other.evaluate<number>(
            "(() => { const e = document.getElementById('f-principal'); return e.scrollWidth - e.clientWidth })()",
          ),
          0,
          `${width} px: the principal typed shows whole`,
        )
        await other.close()
      }
    })

    await t.test('the cases a person meets: the cure card, days late, percents, withdrawn answers', async (t) => {
      // A cure in time: the Event of Default card says so (a notice was given).
      const cured = { ...theCase, events: { ...theCase.events, curedOn: '2008-10-10' } }
      await page.goto(`${base}/#request=${encodeForUrl(cured)}`)
      await answered(page)
      t.match(await text(page, '#event-of-default-date-note'), /cured in time on 2008-10-10/)
      t.notMatch(await text(page, '#event-of-default-date-note'), /No notice/)

      await page.goto(`${base}/`)
      await answered(page)
      // The covenant's days late (docs: breached from 2007-01-11; as of 2008-10-31).
      // From 2007-01-11 to 2008-10-31: 660 calendar days; 472 weekdays, less the 16 us-fed holidays
      // among them (2007: 01-15, 02-19, 05-28, 07-04, 09-03, 10-08, 11-12, 11-22, 12-25; 2008: 01-01,
      // 01-21, 02-18, 05-26, 07-04, 09-01, 10-13), are 456 business days.
      t.match(
        await text(page, '#covenant-line'),
        'SPA 4(i) covenant due 2007-01-10, breached, not performed: 456 business days (660 calendar days) late as of ' +
          '2008-10-31.',
      )
      // Assumptions in percent, as the form.
      const assumptions = await text(page, '#assumptions')
      t.match(assumptions, /8% cash \/ 10% in notes/)
      t.notMatch(assumptions, /0\.08/)

      // A recompute: the answer stays where it is, the old figures dimmed until replaced.
      // (Measured from the top of the answer: clicking may scroll the page.)
      const offset = async () => {
        const [figures, top] = [
          await page.locator('#figures').boundingBox(),
          await page.locator('#answer').boundingBox(),
        ]
        return figures && top ? figures.y - top.y : NaN
      }
      const before = await offset()
      let during = NaN
      let dimmed = false
      await page.route('**/v1/scenarios', async (route) => {
        during = await offset()
        dimmed = (await page.locator('#answer-body.stale').count()) === 1
        await route.continue()
      })
      await computeWith(page, () => page.click('#compute'))
      await page.unroute('**/v1/scenarios')
      t.equal(during, before, 'the figures do not move while computing')
      t.ok(dimmed, 'and are dimmed')

      // An impossible date typed: its error, and the old answer withdrawn (no link, no downloads).
      await page.getByLabel('Statuses as of').focus()
      await page.keyboard.type('02302011')
      await page.click('#compute')
      t.match(await text(page, '#form-errors'), /not a date of the calendar/)
      t.ok(await page.locator('#answer-body').isHidden(), 'the previous answer is withdrawn')
      t.ok(await page.locator('#copy-link').isHidden(), 'Copy link goes with it')
      for (const id of ['#download-request', '#download-answer', '#download-ledger', '#print'])
        t.ok(await page.locator(id).isHidden(), `and ${id}`)
      await page.getByLabel('Statuses as of').fill('2008-10-31')

      // Messages in the form's terms.
      const errorOf = async (label: string) =>
        (await page
          .getByLabel(label, { exact: true })
          .locator('xpath=ancestor::div[contains(@class, "field")][1]')
          .locator('.field-error')
          .textContent()) ?? ''
      await page.getByLabel('Principal (USD)').fill('')
      await page.click('#compute')
      t.match(await errorOf('Principal (USD)'), /required/, 'an empty principal is required, not "2 decimals"')
      await page.getByLabel('Principal (USD)').fill('10000000000000000')
      await page.click('#compute')
      t.match(await errorOf('Principal (USD)'), /too large/, '10^16 is too large')
      await page.getByLabel('Principal (USD)').fill('1,000,000.00')
      await page.getByLabel('Portion redeemed').fill('150')
      await page.click('#compute')
      t.match(await errorOf('Portion redeemed'), /at most 100%/, 'the portion in percent')
      await page.getByLabel('Portion redeemed').fill('100')
      await page.getByLabel('Default cash rate').fill('200')
      await page.click('#compute')
      t.match(await errorOf('Default cash rate'), /more than 100% a year/, 'a 200% rate is refused')
      await page.getByLabel('Default cash rate').fill('12')
      await page.locator('details.more > summary').click()
      await page.getByLabel('Extra closings').fill('2008-10-14, 2008-13-01')
      await page.click('#compute')
      t.match(await errorOf('Extra closings'), /entry 2 \("2008-13-01"\)/i, 'the closing at fault, by entry')
      // A date of the calendar the service refuses (outside 1901..2199): its error also by entry.
      await page.getByLabel('Extra closings').fill('2008-10-14, 1850-01-01')
      t.equal(await computeWith(page, () => page.click('#compute')), 400)
      const closing = await errorOf('Extra closings')
      t.match(closing, /^Entry 2 \("1850-01-01"\): /, "the service's error named by its entry")
      t.notMatch(closing, /\/extraHolidays/, 'not by its pointer')
      await page.getByLabel('Extra closings').fill('')
      t.equal(await computeWith(page, () => page.click('#compute')), 200, 'fixed, the case again')

      // A late charge rate but nothing late: no "0.00 for 0 days".
      const rate = {
        ...theCase,
        note: { ...theCase.note, redemption: { ...theCase.note.redemption, lateChargeRate: '0.18' } },
      }
      await page.goto(`${base}/#request=${encodeForUrl(rate)}`)
      await answered(page)
      const late = await text(page, '#redemption')
      t.notMatch(late, /for 0 days/)
      t.match(late, /none: 18% a year from the day after 2008-10-22/)
      // Unpaid past its due date as of 2008-10-31: the statement gives the amount payable that day.
      t.match(await page.locator('#statement').textContent(), /Past due since 2008-10-22\. Payable on 2008-10-31/)
      t.match(
        await page.locator('#statement').textContent(),
        /Each day later adds the late charge of 18% a year on the redemption price, not the per diem\./,
        'a later payment costs the late charge',
      )

      // The ledger's periods on one line each (the lines the text's boxes sit on, counted; a cell's
      // height also holds its padding); every drop-down whole at both widths.
      const periodLines =
        "(() => { const r = document.createRange(); r.selectNodeContents(document.querySelector('#ledger " +
        'td[data-label="Period"]\')); return new Set([...r.getClientRects()].map((b) => Math.round(b.top))).size })()'
      // Every drop-down on screen shows each of its choices whole (its text and the arrow's 40 px).
      const cutSelects =
        "[...document.querySelectorAll('select')].filter((s) => s.offsetParent !== null).filter((s) => { " +
        "const c = document.createElement('canvas').getContext('2d'); c.font = getComputedStyle(s).font; " +
        'return [...s.options].some((o) => c.measureText(o.text).width + 40 > s.clientWidth) })' +
        ".map((s) => s.id || s.getAttribute('aria-label'))"
      for (const width of [1280, 390]) {
        await page.setViewportSize({ width, height: 800 })
        t.equal(await page.evaluate<number>(periodLines), 1, `a ledger period's dates do not wrap at ${width} px`)
        t.same(await page.evaluate<string[]>(cutSelects), [], `no drop-down cut at ${width} px`)
      }
      await page.setViewportSize({ width: 1280, height: 900 })
      await page.waitForTimeout(150) // the chart redraws for its width on the next frame
      // The chart's dated ticks: none crossed by a leader line or sitting on a break mark.
      const ticks = await Promise.all((await page.locator('svg#timeline .tl-tick').all()).map((l) => l.boundingBox()))
      const crossing = await Promise.all(
        (await page.locator('svg#timeline .tl-leader, svg#timeline .tl-break').all()).map((l) => l.boundingBox()),
      )
      const hit = ticks.filter((a) =>
        crossing.some(
          (b) => a && b && a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height,
        ),
      )
      t.equal(hit.length, 0, 'no axis date under a leader line or a break mark')

      // The timeline chart: axis text legible, the as-of day named.
      t.match(await page.locator('svg#timeline .tl-as-of-label').textContent(), /as of 31 Oct 2008/)
      const small = await page.evaluate<number>(
        "[...document.querySelectorAll('#timeline text')]" +
          '.filter((e) => parseFloat(getComputedStyle(e).fontSize) < 12).length',
      )
      t.equal(small, 0, 'no chart text under 12 px')
    })

    t.same(problems, [], 'no page errors, console errors, CSP violations or requests outside the service')
  } catch (error) {
    const file = await saveEvidence(page, 'calculator-page')
    t.fail(`${(error as Error).message}\nscreenshot: ${file}`, { problems })
  }
  if (!t.passing()) t.comment(`screenshot: ${await saveEvidence(page, 'calculator-page')}`)
})
