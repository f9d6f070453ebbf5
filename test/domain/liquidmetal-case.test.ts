/**
 * The Liquidmetal / Wynnefield case of docs/rules/README.md, field by field, against the expected
 * answer published in the spec (test/fixtures/examples holds that published answer).
 */
import t from 'tap'
import { computeScenario } from '../../src/domain/scenario.js'
import { at, fixture } from '../helpers/json.js'

const request = fixture('examples/liquidmetal-2008.request.json')
const expected = fixture<{ values: Record<string, string>; warningCodes: string[] }>(
  'examples/liquidmetal-2008.expected.json',
)

t.test('every expected pointer matches', async (t) => {
  const result = computeScenario(request)
  for (const [pointer, value] of Object.entries(expected.values)) t.equal(at(result, pointer), value, pointer)
  t.same(result.warnings.map((w) => w.code).sort(), [...expected.warningCodes].sort(), 'warning codes')
})

t.test('the ledger behind the case: seven interest-note issues at 10%, then the accrued stub', async (t) => {
  const result = computeScenario(request)
  // Hand-worked: 1,000,000 × 10% × 88/360 = 24,444.44 (2007-01-03 → 04-01 is 88 days 30/360),
  // then each quarter 2.5% of the growing principal, rounded half-up per period.
  const capitalized = result.interestLedger.filter((r) => r.status === 'capitalized')
  t.same(
    capitalized.map((r) => [r.start, r.end, r.principal, r.amount]),
    [
      ['2007-01-03', '2007-04-01', '1000000.00', '24444.44'],
      ['2007-04-01', '2007-07-01', '1024444.44', '25611.11'],
      ['2007-07-01', '2007-10-01', '1050055.55', '26251.39'],
      ['2007-10-01', '2008-01-01', '1076306.94', '26907.67'],
      ['2008-01-01', '2008-04-01', '1103214.61', '27580.37'],
      ['2008-04-01', '2008-07-01', '1130794.98', '28269.87'],
      ['2008-07-01', '2008-10-01', '1159064.85', '28976.62'],
    ],
  )
  // The request writes the Note Interest Rate "0.10": echoed as written.
  t.ok(capitalized.every((r) => r.rate === '0.10' && r.rateKind === 'normal' && r.form === 'notes'))
  const accrued = result.interestLedger.filter((r) => r.status === 'accrued')
  t.same(
    accrued.map((r) => [r.start, r.end, r.days, r.rate, r.rateKind, r.amount]),
    [
      ['2008-10-01', '2008-10-15', 14, '0.08', 'normal', '3696.13'],
      ['2008-10-15', '2008-10-22', 7, '0.12', 'default', '2772.10'],
    ],
  )
})

t.test('the timeline is dated, ordered and cites each clause', async (t) => {
  const { timeline } = computeScenario(request)
  const events = timeline.map((e) => [e.date, e.event, e.clause])
  t.same(events, [
    ['2007-01-03', 'note-issued', 'Note'],
    ['2007-01-03', 'spa-closing', 'SPA'],
    ['2007-01-10', 'covenant-deadline', 'SPA 4(i)'],
    ['2007-01-11', 'covenant-breach', 'SPA 4(i)'],
    ['2008-09-29', 'notice-sent', 'Note 4(a)(iv)'],
    ['2008-09-29', 'notice-effective', 'Note 4(a)(iv)'],
    ['2008-09-29', 'redemption-election', 'Note 4(b)'],
    ['2008-10-14', 'cure-deadline', 'Note 4(a)(iv)'],
    ['2008-10-15', 'event-of-default', 'Note 4(a)(iv)'],
    ['2008-10-15', 'default-rates-start', 'Note 2'],
    ['2008-10-15', 'redemption-election-effective', 'Note 4(b)'],
    ['2008-10-22', 'redemption-payment-due', 'Note 4(b)'],
    ['2010-01-03', 'maturity', 'Note'],
  ])
  t.ok(timeline.every((e) => e.description.length > 0))
})

t.test('statuses as of 2008-10-31 and the explanation', async (t) => {
  const result = computeScenario(request)
  t.equal(result.covenant?.breachStart, '2007-01-11')
  // 2007-01-10 → 2008-10-31: 21 (rest of Jan 2007) + 334 (Feb–Dec 2007) + 305 (Jan–Oct 2008) = 660.
  t.equal(result.covenant?.calendarDaysLate, 660)
  t.equal(result.eventOfDefault.status, 'occurred')
  t.equal(result.notice?.status, 'cure-period-expired')
  t.same(result.clauses, ['Note 2', 'Note 4(a)(iv)', 'Note 4(b)', 'SPA 4(i)'])
  const codes = result.assumptions.map((a) => a.code)
  for (const code of [
    'calendar',
    'day-count',
    'rounding',
    'rates',
    'cure-period',
    'covenant-period',
    'premium',
    'per-diem-basis',
  ])
    t.ok(codes.includes(code), code)
})
