/**
 * Coupons not paid and the payment default (docs/rules/payment-default.md), on the case paid in
 * cash: the case's request with `paymentForm` `cash` and nothing else changed. Every figure is
 * worked by hand beside it (30-360-us; 8% cash, 12% at default; us-fed Business Days).
 */
import t from 'tap'
import { computeScenario } from '../../src/domain/scenario.js'
import { computeScenarioWithHolders } from '../../src/domain/holders.js'
import { ContradictionError } from '../../src/domain/explain.js'
import { computeDefaultInterest, computeRedemption } from '../../src/domain/operations.js'
import { fixture, variant } from '../helpers/json.js'

const theCase = fixture('examples/liquidmetal-2008.request.json')
const inCash = variant(theCase, (c) => {
  c.note.interest.paymentForm = 'cash'
})
const withPayments = (payments: unknown[], change: (c: any) => void = () => {}) =>
  computeScenario(
    variant(inCash, (c) => {
      c.events.interestPayments = payments
      change(c)
    }),
  ) as any

const bothUnpaid = [
  { interestDate: '2008-07-01', paidOn: null },
  { interestDate: '2008-10-01', paidOn: null },
]

t.test('the worked case: two coupons unpaid, payment default 2008-07-10, price 1,050,666.67', async (t) => {
  const r = withPayments(bothUnpaid, (c) => (c.payoffQuotes = { from: '2008-10-01', businessDays: 6 }))
  // 2008-07-01 coupon: 1,000,000 × 8% × 90/360 = 20,000.00. Grace: five us-fed Business Days after
  // Tue 07-01: 07-02 (1), 07-03 (2), [07-04 Independence Day], 07-07 (3), 07-08 (4), 07-09 (5).
  // The payment default occurs the day after: 2008-07-10, before the covenant route's 2008-10-15.
  t.same(r.unpaidInterest[0], {
    interestDate: '2008-07-01',
    due: '20000.00',
    paid: '0.00',
    paidOn: null,
    unpaid: '20000.00',
    // 07-01 → 10-31 (asOf): 30 + 31 + 30 + 31 = 122 days
    daysOverdue: 122,
    gracePeriodEnd: '2008-07-09',
    lateCharge: '0.00',
  })
  // 2008-10-01 coupon: 9 days at 8% (07-01 → 07-10) = 2,000.00, 81 days at 12% (07-10 → 10-01) = 27,000.00
  t.equal(r.unpaidInterest[1].due, '29000.00')
  t.equal(r.unpaidInterest[1].unpaid, '29000.00')
  t.same(r.eventsOfDefault, [
    { route: 'covenant', date: '2008-10-15', clause: 'Note 4(a)(iv)', status: 'occurred', curedOn: null },
    { route: 'payment', date: '2008-07-10', clause: 'Note 4(a)(i)', status: 'occurred', curedOn: null },
  ])
  t.match(r.eventOfDefault, { clause: 'Note 4(a)(i)', date: '2008-07-10', defaultRatesFrom: '2008-07-10' })
  t.equal(r.eventOfDefault.defaultRatesUntil, null)
  // The election dated 2008-09-29 is effective that day (an Event of Default exists): due five
  // Business Days later, Mon 2008-10-06 (09-30, 10-01, 10-02, 10-03, 10-06).
  t.match(r.redemptionElection, { status: 'effective', effectiveDate: '2008-09-29' })
  const red = r.redemption
  t.equal(red.paymentDueDate, '2008-10-06')
  // 1,000,000.00 + 1,666.67 (5 days at 12%: 1,000,000 × 0.12 × 5/360 = 1,666.666…) + 20,000.00 + 29,000.00
  t.equal(red.accruedInterest.total, '1666.67')
  t.equal(red.unpaidInterest, '49000.00')
  t.equal(red.redemptionPrice, '1050666.67')
  t.equal(red.totalDue, '1050666.67')
  // 1,000,000 × 0.12 / 360 = 333.333… → 333.33
  t.equal(red.perDiem, '333.33')
  // From Wed 10-01: paid that day 1,000,000 + 20,000 + 29,000; each day after adds one day at 12%
  // (10-02: 333.33; 10-03: 2 days, 666.67; Mon 10-06: 5 days of 30/360, 1,666.67); after the due
  // date interest stops and, with no late charge rate, the quote stays.
  t.same(
    r.payoffQuotes.map((q: any) => [q.date, q.totalDue, q.dailyChange, q.lateCharge]),
    [
      ['2008-10-01', '1049000.00', '333.33', '0.00'],
      ['2008-10-02', '1049333.33', '333.33', '0.00'],
      ['2008-10-03', '1049666.67', '333.33', '0.00'],
      ['2008-10-06', '1050666.67', '333.33', '0.00'],
      ['2008-10-07', '1050666.67', '0.00', '0.00'],
      ['2008-10-08', '1050666.67', '0.00', '0.00'],
    ],
  )
  const events = r.timeline.map((e: any) => [e.date, e.event, e.clause])
  for (const entry of [
    ['2008-07-01', 'interest-not-paid', 'Note 2'],
    ['2008-07-09', 'grace-period-end', 'Note 4(a)(i)'],
    ['2008-07-10', 'payment-default', 'Note 4(a)(i)'],
    ['2008-07-10', 'default-rates-start', 'Note 2'],
    ['2008-10-01', 'interest-not-paid', 'Note 2'],
    ['2008-10-08', 'grace-period-end', 'Note 4(a)(i)'],
    ['2008-10-15', 'event-of-default', 'Note 4(a)(iv)'],
  ])
    t.ok(
      events.some((e: string[]) => e.join() === entry.join()),
      `timeline has ${entry.join(' ')}`,
    )
  t.notOk(
    events.some((e: string[]) => e[0] === '2008-10-15' && e[1] === 'default-rates-start'),
    'the default rates start once, on the earliest Event of Default',
  )
  t.ok(r.clauses.includes('Note 4(a)(i)'))
  t.ok(
    r.assumptions.some((a: any) => a.code === 'interest-payments'),
    'says what was taken as paid',
  )
  const rows = r.interestLedger.filter((row: any) => row.interestDate === '2008-07-01')
  t.same([...new Set(rows.map((row: any) => row.status))], ['unpaid'])
  t.equal(r.interest.totals.unpaid, '49000.00')
})

t.test('with a late charge of 18%, each overdue coupon bears it to the redemption date', async (t) => {
  const r = withPayments(bothUnpaid, (c) => {
    c.note.redemption.lateChargeRate = '0.18'
    c.payoffQuotes = { from: '2008-10-01', businessDays: 6 }
  })
  // 07-01 → 10-06 is 97 actual days: 20,000 × 0.18 × 97/360 = 970.00; 10-01 → 10-06, 5 days:
  // 29,000 × 0.18 × 5/360 = 72.50.
  t.same(
    r.unpaidInterest.map((u: any) => u.lateCharge),
    ['970.00', '72.50'],
  )
  t.equal(r.redemption.unpaidInterestLateCharge, '1042.50')
  // 1,050,666.67 + 1,042.50
  t.equal(r.redemption.totalDue, '1051709.17')
  const quotes = r.payoffQuotes.map((q: any) => [q.date, q.totalDue, q.dailyChange, q.lateCharge])
  // 10-01: 1,049,000.00 + 20,000 × 0.18 × 92/360 (= 920.00; the 10-01 coupon is due that day, 0 days late)
  t.same(quotes[0], ['2008-10-01', '1049920.00', '333.33', '920.00'])
  // 10-02: 1,049,333.33 + 930.00 (93 days) + 29,000 × 0.18 × 1/360 (= 14.50) = 1,050,277.83
  t.same(quotes[1], ['2008-10-02', '1050277.83', '333.33', '944.50'])
  // 10-07, a day after the due date: the due date's 1,051,709.17 + 1,050,666.67 × 0.18 / 360 (525.333… → 525.33)
  t.same(quotes[4], ['2008-10-07', '1052234.50', '525.33', '1567.83'])
  // 10-08: two days late, 1,050,666.67 × 0.18 × 2/360 = 1,050.666… → 1,050.67; 1,051,709.17 + 1,050.67
  t.same(quotes[5], ['2008-10-08', '1052759.84', '525.33', '2093.17'])
})

t.test('the coupon paid on the fourth day of grace: no payment default', async (t) => {
  // Fourth Business Day after 07-01: 07-02, 07-03, 07-07, 07-08.
  const r = withPayments([{ interestDate: '2008-07-01', paidOn: '2008-07-08' }])
  t.same(r.eventsOfDefault[1], { route: 'payment', date: null, clause: 'Note 4(a)(i)', status: 'none', curedOn: null })
  t.match(r.unpaidInterest[0], { due: '20000.00', paid: '20000.00', unpaid: '0.00', daysOverdue: 7 })
  // The covenant route alone, as in the case: the election waits for 2008-10-15, due 2008-10-22;
  // 1,000,000 + 3,111.11 (14 days at 8%: 3,111.111…) + 2,333.33 (7 days at 12%: 2,333.333…)
  t.match(r.eventOfDefault, { clause: 'Note 4(a)(iv)', date: '2008-10-15' })
  t.equal(r.redemption.paymentDueDate, '2008-10-22')
  t.equal(r.redemption.redemptionPrice, '1005444.44')
  t.equal(r.redemption.unpaidInterest, '0.00')
})

t.test('the coupon paid on the sixth day of grace: a payment default, cured the day it occurred', async (t) => {
  // Sixth Business Day after 07-01 is Thu 07-10, the day after the last day of grace.
  const r = withPayments([{ interestDate: '2008-07-01', paidOn: '2008-07-10' }])
  t.same(r.eventsOfDefault[1], {
    route: 'payment',
    date: '2008-07-10',
    clause: 'Note 4(a)(i)',
    status: 'cured',
    curedOn: '2008-07-10',
  })
  // The earliest Event of Default, but no day at default rates comes of it: the window is the covenant's.
  t.match(r.eventOfDefault, { date: '2008-07-10', defaultRatesFrom: '2008-10-15', defaultRatesUntil: null })
  // Nothing continues on 2008-09-29: the election waits for the covenant's Event of Default.
  t.match(r.redemptionElection, { status: 'deferred', effectiveDate: '2008-10-15' })
  t.equal(r.redemption.redemptionPrice, '1005444.44')
})

t.test('paid five days after the payment default: default rates for those five days', async (t) => {
  const r = withPayments([{ interestDate: '2008-07-01', paidOn: '2008-07-15' }])
  t.match(r.eventsOfDefault[1], { date: '2008-07-10', status: 'cured', curedOn: '2008-07-15' })
  // The 10-01 coupon: 9 days at 8% = 2,000.00; 5 days at 12% = 1,666.67 (1,666.666…); 76 days at 8%
  // (07-15 → 10-01 in 30/360: 16 + 60) = 16,888.89 (16,888.888…).
  const rows = r.interestLedger.filter((row: any) => row.interestDate === '2008-10-01')
  t.same(
    rows.map((row: any) => [row.start, row.end, row.rate, row.amount]),
    [
      ['2008-07-01', '2008-07-10', '0.08', '2000.00'],
      ['2008-07-10', '2008-07-15', '0.12', '1666.67'],
      ['2008-07-15', '2008-10-01', '0.08', '16888.89'],
    ],
  )
})

t.test('a partial payment: the rest unpaid, a payment default never cured', async (t) => {
  const r = withPayments([{ interestDate: '2008-07-01', paidOn: '2008-07-03', amount: '15000.00' }])
  t.match(r.unpaidInterest[0], { due: '20000.00', paid: '15000.00', unpaid: '5000.00', daysOverdue: 122 })
  t.match(r.eventsOfDefault[1], { date: '2008-07-10', status: 'occurred', curedOn: null })
  // Effective 2008-09-29, due 2008-10-06: 1,000,000 + 1,666.67 + 5,000.00 (the 10-01 coupon was paid)
  t.equal(r.redemption.redemptionPrice, '1006666.67')
})

t.test('the clause off (paymentDefault null): coupons stay owed, no payment default', async (t) => {
  const r = withPayments(bothUnpaid, (c) => (c.note.paymentDefault = null))
  t.same(
    r.eventsOfDefault.map((e: any) => e.route),
    ['covenant'],
  )
  t.match(r.eventOfDefault, { date: '2008-10-15' })
  // 10-01 coupon at 8% throughout: 20,000.00; due 10-22: 1,005,444.44 + 40,000.00 unpaid
  t.equal(r.redemption.unpaidInterest, '40000.00')
  t.equal(r.redemption.redemptionPrice, '1045444.44')
})

t.test('the reading: the payment default on the last day of grace', async (t) => {
  const r = withPayments(bothUnpaid, (c) => (c.note.paymentDefault = { occursOn: 'last-day-of-grace' }))
  t.match(r.eventOfDefault, { date: '2008-07-09' })
})

t.test('the case itself: an empty list changes nothing but adds its parts', async (t) => {
  const before = computeScenario(theCase) as any
  const after = computeScenario(variant(theCase, (c) => (c.events.interestPayments = []))) as any
  t.same(after.unpaidInterest, [])
  // The case pays its interest in notes: no coupon to miss, so the covenant route alone.
  t.same(after.eventsOfDefault, [
    { route: 'covenant', date: '2008-10-15', clause: 'Note 4(a)(iv)', status: 'occurred', curedOn: null },
  ])
  const { unpaidInterest: _u, eventsOfDefault: _e, ...rest } = after
  t.same(rest.redemption.unpaidInterest, '0.00')
  delete rest.redemption.unpaidInterest
  delete rest.redemption.unpaidInterestLateCharge
  delete rest.interest.totals.unpaid
  rest.assumptions = rest.assumptions.filter((a: any) => !['payment-default', 'interest-payments'].includes(a.code))
  t.same(rest, before)
})

t.test('bad entries are contradictions at their pointers', async (t) => {
  const pointers = (payments: unknown[], change: (c: any) => void = () => {}): string[] => {
    try {
      withPayments(payments, change)
      return []
    } catch (e) {
      if (!(e instanceof ContradictionError)) throw e
      return e.errors.map((x) => x.pointer)
    }
  }
  t.same(pointers([{ interestDate: '2008-07-02', paidOn: null }]), ['/events/interestPayments/0/interestDate'])
  t.same(
    pointers([{ interestDate: '2008-07-01', paidOn: '2008-06-30' }]),
    ['/events/interestPayments/0/paidOn'],
    'paid before it was due',
  )
  t.same(
    pointers([{ interestDate: '2008-07-01', paidOn: '2008-07-02', amount: '20000.01' }]),
    ['/events/interestPayments/0/amount'],
    'more than the 20,000.00 due',
  )
  t.same(
    pointers([
      { interestDate: '2008-07-01', paidOn: null },
      { interestDate: '2008-07-01', paidOn: '2008-07-02' },
    ]),
    ['/events/interestPayments/1/interestDate'],
    'two entries for one date',
  )
  t.same(
    pointers([{ interestDate: '2008-07-01', paidOn: null }], (c) => (c.note.interest.paymentForm = 'notes')),
    ['/events/interestPayments/0'],
    'interest paid in notes',
  )
  t.same(pointers([{ interestDate: '2009-01-01', paidOn: null }]), ['/events/interestPayments/0/interestDate'])
})

t.test('POST /v1/redemption: the payment default joins the Event of Default given', async (t) => {
  const req = {
    note: inCash.note,
    eventOfDefaultDate: '2008-10-15',
    redemptionElection: { date: '2008-09-29' },
    interestPayments: bothUnpaid,
  }
  const r = computeRedemption(req) as any
  // As in the scenario: effective 2008-09-29 (the payment default of 2008-07-10 continues), due 2008-10-06,
  // 1,000,000.00 + 1,666.67 + 20,000.00 + 29,000.00
  t.equal(r.redemption.electionEffectiveDate, '2008-09-29')
  t.equal(r.redemption.redemptionPrice, '1050666.67')
  t.same(
    r.unpaidInterest.map((u: any) => [u.interestDate, u.due, u.daysOverdue]),
    [
      // to the redemption date 2008-10-06: 97 and 5 days
      ['2008-07-01', '20000.00', 97],
      ['2008-10-01', '29000.00', 5],
    ],
  )
  const without = computeRedemption({ ...req, interestPayments: undefined }) as any
  t.notOk('unpaidInterest' in without, 'no list, no part')
  t.equal(without.redemption.electionEffectiveDate, '2008-10-15')
})

t.test('POST /v1/default-interest: coupons recorded, statuses as of through', async (t) => {
  const r = computeDefaultInterest({
    note: inCash.note,
    through: '2008-10-02',
    interestPayments: [{ interestDate: '2008-07-01', paidOn: null }],
  }) as any
  t.same(r.eventsOfDefault, [
    { route: 'payment', date: '2008-07-10', clause: 'Note 4(a)(i)', status: 'occurred', curedOn: null },
  ])
  // 07-01 → 10-02: 93 days overdue; the 10-01 coupon (paid) is 2,000.00 + 27,000.00 at the default rate
  t.match(r.unpaidInterest, [{ interestDate: '2008-07-01', unpaid: '20000.00', daysOverdue: 93 }])
  const oct = r.interestLedger.filter((row: any) => row.interestDate === '2008-10-01')
  t.same(
    oct.map((row: any) => [row.rate, row.amount, row.status]),
    [
      ['0.08', '2000.00', 'paid'],
      ['0.12', '27000.00', 'paid'],
    ],
  )
  // Cash paid through 10-02 excludes the 20,000.00 unpaid.
  t.equal(r.interest.totals.unpaid, '20000.00')
})

t.test('holders: each holder owes its own coupons; the series sums them', async (t) => {
  const r = computeScenarioWithHolders(
    variant(inCash, (c) => {
      c.events.interestPayments = bothUnpaid
      c.holders = [
        { id: 'a', principal: '600000.00' },
        { id: 'b', principal: '400000.00' },
      ]
    }),
  ) as any
  // a: 12,000.00 + 17,400.00 (60% of each coupon) unpaid; 600,000 + 1,000.00 (5 days at 12%) + 29,400.00
  // b: 8,000.00 + 11,600.00; 400,000 + 666.67 (666.666…) + 19,600.00
  t.same(
    r.holders.map((h: any) => [h.redemption.unpaidInterest, h.redemption.redemptionPrice]),
    [
      ['29400.00', '630400.00'],
      ['19600.00', '420266.67'],
    ],
  )
  t.equal(r.redemption.unpaidInterest, '49000.00')
  t.equal(r.redemption.redemptionPrice, '1050666.67')
  t.throws(
    () =>
      computeScenarioWithHolders(
        variant(inCash, (c) => {
          c.events.interestPayments = [{ interestDate: '2008-07-01', paidOn: '2008-07-02', amount: '100.00' }]
          c.holders = [{ id: 'a', principal: '1000000.00' }]
        }),
      ),
    ContradictionError,
    'a partial payment cannot be split among holders',
  )
})

t.test('interest on overdue interest, when the note says so', async (t) => {
  const r = withPayments(bothUnpaid, (c) => (c.note.interest.interestOnOverdueInterest = true))
  // To the redemption date 2008-10-06, at the cash rates in force (30/360):
  // 20,000 from 07-01: 9 days at 8% (to 07-10) = 40.00; 86 days at 12% (07-10 → 10-06) = 573.333… → 573.33
  // 29,000 from 10-01: 5 days at 12% = 48.333… → 48.33
  t.same(
    r.unpaidInterest.map((u: any) => u.interestOnOverdue),
    ['613.33', '48.33'],
  )
  // 49,000.00 + 613.33 + 48.33 = 49,661.66; price 1,050,666.67 + 661.66 = 1,051,328.33
  t.equal(r.redemption.unpaidInterest, '49661.66')
  t.equal(r.redemption.redemptionPrice, '1051328.33')
  t.notOk('interestOnOverdue' in withPayments(bothUnpaid).unpaidInterest[0], 'off by default')
})

t.test('a coupon missed after a cure makes a new payment default: default rates run again', async (t) => {
  // No covenant breach (performed 2007-01-05), no notice, no election: the payment route alone.
  const r = computeScenario(
    variant(inCash, (c) => {
      c.events = {
        covenantPerformedOn: '2007-01-05',
        interestPayments: [
          { interestDate: '2008-04-01', paidOn: '2008-04-15' },
          { interestDate: '2008-10-01', paidOn: null },
          { interestDate: '2009-01-01', paidOn: null },
        ],
      }
      c.asOf = '2009-01-15'
    }),
  ) as any
  // 2008-04-01 (Tue): grace 04-02, 04-03, 04-04, 04-07, 04-08; the Event of Default occurs 04-09 and
  // is cured 04-15, when the coupon is paid. 2008-10-01 (Wed): grace 10-02, 10-03, 10-06, 10-07,
  // 10-08; a new Event of Default on 10-09, continuing (nothing paid by asOf).
  // The covenant performed, no notice: the payment route alone.
  t.same(r.eventsOfDefault, [
    { route: 'payment', date: '2008-04-09', clause: 'Note 4(a)(i)', status: 'occurred', curedOn: null },
  ])
  const at = (event: string) => r.timeline.filter((e: any) => e.event === event).map((e: any) => e.date)
  t.same(at('payment-default'), ['2008-04-09', '2008-10-09'])
  t.same(at('payment-default-cured'), ['2008-04-15'])
  const due = Object.fromEntries(r.unpaidInterest.map((c: any) => [c.interestDate, c.due]))
  // 2008-01-01 → 04-01, 90 days at 8%: 20,000.00; 07-01 → 10-01, 90 days at 8%: 20,000.00.
  t.equal(due['2008-04-01'], '20000.00')
  t.equal(due['2008-10-01'], '20000.00')
  // 2008-10-01 → 10-09, 8 days at 8%: 1,777.78; 10-09 → 2009-01-01 at 12%, 30/360: 360 − 270 − 8 = 82
  // days: 27,333.33. Together 29,111.11 (20,000.00 had the route ended with its first cure).
  t.equal(due['2009-01-01'], '29111.11')
  // The ledger's 2008-07-01 period: 04-01 → 04-09 at 8% (1,777.78), 04-09 → 04-15 at 12% (2,000.00),
  // 04-15 → 07-01 at 8% (76 days: 16,888.89).
  const period = r.interestLedger.filter((row: any) => row.interestDate === '2008-07-01')
  t.same(
    period.map((row: any) => [row.start, row.end, row.amount]),
    [
      ['2008-04-01', '2008-04-09', '1777.78'],
      ['2008-04-09', '2008-04-15', '2000.00'],
      ['2008-04-15', '2008-07-01', '16888.89'],
    ],
  )
})
