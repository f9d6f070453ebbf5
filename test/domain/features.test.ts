/**
 * One worked example per feature. Every expected value is computed by hand in the comment
 * beside it (and was cross-checked with Python's decimal module, half-up to cents).
 */
import t from 'tap'
import { computeScenario } from '../../src/domain/scenario.js'
import {
  computeCovenantDeadline,
  computeCurePeriod,
  computeDefaultInterest,
  computeRedemption,
} from '../../src/domain/operations.js'
import { ContradictionError } from '../../src/domain/explain.js'
import { fixture, variant } from '../helpers/json.js'
import { Decimal } from '../../src/domain/decimal.js'

const theCase = fixture('examples/liquidmetal-2008.request.json')

/** A plain 8% cash note, $1,000,000, quarterly on the 15th, 30/360 US. */
const cashNote = {
  principal: '1000000.00',
  issueDate: '2021-01-15',
  maturityDate: '2022-01-15',
  interest: {
    interestDates: { frequency: 'quarterly' as const, firstDate: '2021-04-15' },
    paymentForm: 'cash' as const,
  },
}

t.test('cash interest: four quarters of 90/360 × 8% × 1,000,000 = 20,000.00, nothing capitalized', async (t) => {
  const r = computeDefaultInterest({ note: cashNote })
  t.same(
    r.interestLedger.map((x) => [x.start, x.end, x.days, x.amount, x.status]),
    [
      ['2021-01-15', '2021-04-15', 90, '20000.00', 'paid'],
      ['2021-04-15', '2021-07-15', 90, '20000.00', 'paid'],
      ['2021-07-15', '2021-10-15', 90, '20000.00', 'paid'],
      ['2021-10-15', '2022-01-15', 90, '20000.00', 'paid'],
    ],
  )
  t.equal(r.interest.totals.cashPaid, '80000.00')
  t.equal(r.interest.totals.capitalized, '0.00')
  t.equal(r.interest.outstandingPrincipal, '1000000.00')
})

t.test('a cure after the cure deadline: default interest only between the Event of Default and the cure', async (t) => {
  // Notice effective Mon 2021-03-01; +10 us-fed Business Days = 2021-03-15 (no holiday);
  // Event of Default 2021-03-16; cured 2021-03-26.
  const cure = computeCurePeriod({
    noticeOfDefault: { sentAt: '2021-03-01', methods: ['personal'] },
    curedOn: '2021-03-26',
    asOf: '2021-04-30',
  })
  t.equal(cure.notice.cureDeadline, '2021-03-15')
  t.equal(cure.eventOfDefault.date, '2021-03-16')
  t.equal(cure.eventOfDefault.status, 'cured')
  const r = computeDefaultInterest({
    note: cashNote,
    eventOfDefaultDate: '2021-03-16',
    curedOn: '2021-03-26',
    through: '2021-04-15',
  })
  // [01-15, 03-16): 30/360 = 2×30 + 1 = 61 days × 8%  → 1,000,000 × 0.08 × 61/360 = 13,555.555… → 13,555.56
  // [03-16, 03-26): 10 days × 12%                      → 1,000,000 × 0.12 × 10/360 =  3,333.333… →  3,333.33
  // [03-26, 04-15): 30 − 11 = 19 days × 8%             → 1,000,000 × 0.08 × 19/360 =  4,222.222… →  4,222.22
  t.same(
    r.interestLedger.map((x) => [x.start, x.end, x.days, x.rate, x.rateKind, x.amount]),
    [
      ['2021-01-15', '2021-03-16', 61, '0.08', 'normal', '13555.56'],
      ['2021-03-16', '2021-03-26', 10, '0.12', 'default', '3333.33'],
      ['2021-03-26', '2021-04-15', 19, '0.08', 'normal', '4222.22'],
    ],
  )
  t.equal(r.interest.totals.interest, '21111.11')
  t.equal(r.interest.totals.default, '3333.33')
  // increment: 1,000,000 × (0.12 − 0.08) × 10/360 = 1,111.11
  t.equal(r.interest.totals.defaultInterestIncrement, '1111.11')
})

t.test(
  'cured the day the Event of Default occurs: no day at default rates, and the cure follows the Event of Default',
  async (t) => {
    // Event of Default and cure both 2021-03-16: default rates on [03-16, 03-16), no day. The
    // first quarter is 90/360 × 8% × 1,000,000 = 20,000.00 at the normal rate, as if no default.
    const r = computeDefaultInterest({
      note: cashNote,
      eventOfDefaultDate: '2021-03-16',
      curedOn: '2021-03-16',
      through: '2021-04-15',
    })
    t.same(
      r.interestLedger.map((x) => [x.start, x.end, x.rateKind, x.amount]),
      [
        ['2021-01-15', '2021-03-16', 'normal', '13555.56'],
        ['2021-03-16', '2021-04-15', 'normal', '6444.44'],
      ],
    )
    t.equal(r.interest.totals.default, '0.00')
    t.throws(
      () => computeDefaultInterest({ note: cashNote, eventOfDefaultDate: '2021-03-16', curedOn: '2021-03-15' }),
      ContradictionError,
    )

    // The case, no election, cured late on the Event of Default's own day (2008-10-15).
    const late = computeScenario(
      variant(theCase, (c) => {
        c.events.curedOn = '2008-10-15'
        delete c.events.redemptionElection
      }),
    )
    t.same(
      late.timeline.filter((e) => e.date === '2008-10-15').map((e) => e.event),
      ['event-of-default', 'default-rates-start', 'cured', 'default-rates-stop'],
    )
  },
)

t.test('principal payments and the maturity date are on the timeline', async (t) => {
  const r = computeScenario(
    variant(theCase, (c) => {
      c.principalPayments = [{ date: '2008-06-30', amount: '250000.00' }]
    }),
  )
  const payment = r.timeline.find((e) => e.event === 'principal-payment')
  t.match(payment, { date: '2008-06-30', clause: 'Note 2' })
  t.match(payment?.description, /250000\.00/)
  t.same(r.timeline.at(-1), { ...r.timeline.at(-1), date: '2010-01-03', event: 'maturity' })
})

t.test('a cure within the cure period: no Event of Default, and the election is void', async (t) => {
  const cured = variant(theCase, (c) => {
    c.events.curedOn = '2008-10-14'
  })
  const voided = computeScenario(cured)
  t.equal(voided.redemption, null)
  t.match(voided.redemptionElection, { status: 'void', voidReason: 'cured-in-time' })
  const noElection = variant(cured, (c) => {
    c.events.redemptionElection = null
  })
  const r = computeScenario(noElection)
  t.equal(r.eventOfDefault.date, null)
  t.equal(r.notice?.curedInTime, true)
  t.ok(r.interestLedger.every((x) => x.rateKind === 'normal'))
})

t.test('a late payment with a late charge', async (t) => {
  const late = variant(theCase, (c) => {
    c.events.paymentDate = '2008-10-29'
    c.note.redemption.lateChargeRate = '0.18'
  })
  const r = computeScenario(late).redemption!
  t.equal(r.paymentDueDate, '2008-10-22')
  t.equal(r.redemptionDate, '2008-10-22', 'interest stops at the due date; the late charge covers the delay')
  t.equal(r.redemptionPrice, '1194509.70')
  // 1,194,509.70 × 0.18 × 7/360 (30/360: 10-22 → 10-29) = 4,180.78395 → 4,180.78
  t.equal(r.lateChargeDays, 7)
  t.equal(r.lateCharge, '4180.78')
  t.equal(r.totalDue, '1198690.48')
})

t.test('a late payment without a late charge is warned of in actual days late', async (t) => {
  const late = variant(theCase, (c) => {
    c.events.paymentDate = '2008-11-03'
  })
  const r = computeScenario(late)
  // 2008-10-22 → 2008-11-03: 9 days left in October + 3 = 12 days (30/360 US would say 11)
  t.equal(r.redemption!.lateChargeDays, 12)
  t.equal(r.redemption!.lateCharge, '0.00')
  const warning = r.warnings.find((w) => w.code === 'late-payment-without-late-charge')
  t.match(warning?.message, /^Paid 12 days after the due date 2008-10-22; no lateChargeRate is set/)
})

t.test('a note shorter than one period, with no Interest Dates given, pays its interest at maturity', async (t) => {
  // issue 2008-01-01, maturity 2008-03-01: one quarter (the default) would end 2008-04-01, after
  // maturity. 30/360 US: 60 days; 1,000.00 × 8% (default cash rate) × 60/360 = 13.333… → 13.33
  const r = computeScenario({
    note: { principal: '1000.00', issueDate: '2008-01-01', maturityDate: '2008-03-01' },
    asOf: '2008-12-01',
  })
  t.same(r.interest.interestDates, ['2008-03-01'])
  t.equal(r.interestLedger.length, 1)
  t.match(r.interestLedger[0], { start: '2008-01-01', end: '2008-03-01', days: 60, amount: '13.33', status: 'paid' })
  const assumption = r.assumptions.find((a) => a.code === 'interest-dates')
  t.match(
    assumption?.description,
    new RegExp(
      /from 2008-03-01 \(default: the maturity date, one quarterly period after the issue date /.source +
        /\(2008-04-01\) being later\)/.source,
    ),
  )
  // A first date given after maturity is still the caller's contradiction.
  t.throws(
    () =>
      computeScenario({
        note: {
          principal: '1000.00',
          issueDate: '2008-01-01',
          maturityDate: '2008-03-01',
          interest: { interestDates: { firstDate: '2008-04-01' } },
        },
      }),
    ContradictionError,
  )
})

t.test('a covenant performance without the SPA is a contradiction, not dropped', async (t) => {
  const err = t.throws(() =>
    computeScenario({
      note: { principal: '1000.00', issueDate: '2008-01-01', maturityDate: '2009-03-01' },
      events: { covenantPerformedOn: '2008-05-01' },
      asOf: '2008-12-01',
    }),
  ) as ContradictionError
  t.same(
    err.errors.map((e) => e.pointer),
    ['/events/covenantPerformedOn'],
  )
})

t.test('every endpoint warns of a redemption or a ledger past maturity', async (t) => {
  const note = { principal: '1000.00', issueDate: '2008-01-01', maturityDate: '2009-01-01' }
  const redemption = computeRedemption({
    note,
    eventOfDefaultDate: '2008-06-02',
    redemptionElection: { date: '2009-03-02' },
  })
  t.same(
    redemption.warnings.map((w) => w.code),
    ['redemption-after-maturity'],
  )
  const inTime = computeRedemption({
    note,
    eventOfDefaultDate: '2008-06-02',
    redemptionElection: { date: '2008-06-02' },
  })
  t.same(inTime.warnings, [])
  const ledger = computeDefaultInterest({ note, through: '2010-01-01' })
  t.same(
    ledger.warnings.map((w) => w.code),
    ['ledger-after-maturity'],
  )
  t.same(computeDefaultInterest({ note }).warnings, [])
  t.same(computeDefaultInterest({ note, through: '2009-01-01' }).warnings, [], 'to maturity itself is not past it')
})

t.test('extraHolidays on the note and at the top level are both closings', async (t) => {
  // The case's cure deadline is 2008-10-14 (10 us-fed Business Days from 2008-09-29, Columbus
  // Day 10-13 skipped). Closing 10-01 (on the note) and 10-02 (top level) pushes it two
  // Business Days: 10-15, then 10-16; the Event of Default follows on 10-17.
  const both = variant(theCase, (c) => {
    c.note.extraHolidays = ['2008-10-01']
    c.extraHolidays = ['2008-10-02']
  })
  const r = computeScenario(both)
  t.equal(r.notice!.cureDeadline, '2008-10-16')
  t.equal(r.eventOfDefault.date, '2008-10-17')
  t.match(r.assumptions.find((a) => a.code === 'calendar')?.description, /plus 2 extra closing\(s\)/)
})

t.test('an early payment ends the accrual on the payment date', async (t) => {
  const early = variant(theCase, (c) => {
    c.events.paymentDate = '2008-10-20'
  })
  const r = computeScenario(early).redemption!
  // [10-01, 10-15) 14 days 8% = 3,696.13;
  // [10-15, 10-20) 5 days 12%: 1,188,041.47 × 0.12 × 5/360 = 1,980.069… → 1,980.07
  t.equal(r.redemptionDate, '2008-10-20')
  t.equal(r.accruedInterest.default, '1980.07')
  t.equal(r.lateCharge, '0.00')
})

t.test('a partial redemption of 50%', async (t) => {
  const half = variant(theCase, (c) => {
    c.events.redemptionElection.portion = '0.50'
  })
  const r = computeScenario(half).redemption!
  // redeemed = 0.5 × 1,188,041.47 = 594,020.735 → 594,020.74 (half-up)
  t.equal(r.outstandingPrincipal, '1188041.47')
  t.equal(r.redeemedPrincipal, '594020.74')
  // base 594,020.74 × 0.08 × 14/360 = 1,848.0645… → 1,848.06; default × 0.12 × 7/360 = 1,386.0484 → 1,386.05
  t.equal(r.accruedInterest.base, '1848.06')
  t.equal(r.accruedInterest.default, '1386.05')
  t.equal(r.redemptionPrice, '597254.85')
  // per diem 594,020.74 × 0.12 / 360 = 198.0069 → 198.01; increment × 0.04 × 7/360 = 462.016 → 462.02
  t.equal(r.perDiem, '198.01')
  t.equal(r.defaultInterestIncrement, '462.02')
})

t.test('an act-360 note', async (t) => {
  const r = computeDefaultInterest({
    note: { ...cashNote, interest: { ...cashNote.interest, dayCount: 'act-360' } },
    through: '2021-07-15',
  })
  // [04-15, 07-15): 15 + 31 + 30 + 15 = 91 actual days → 1,000,000 × 0.08 × 91/360 = 20,222.22
  t.equal(r.interestLedger[1]?.days, 91)
  t.equal(r.interestLedger[1]?.amount, '20222.22')
})

t.test('an act-act-isda note across a year end', async (t) => {
  const note = {
    principal: '1000000.00',
    issueDate: '2020-10-15',
    maturityDate: '2021-10-15',
    interest: {
      dayCount: 'act-act-isda' as const,
      interestDates: { frequency: 'quarterly' as const, firstDate: '2021-01-15' },
    },
  }
  const r = computeDefaultInterest({ note, through: '2021-01-15' })
  // 2020 (leap): Oct 15 → Jan 1 = 78 days; 2021: 14 days. 80,000 × (78/366 + 14/365) = 20,117.6735 → 20,117.67
  t.equal(r.interestLedger[0]?.days, 92)
  t.equal(r.interestLedger[0]?.amount, '20117.67')
})

t.test('monthly Interest Dates from a 31st clamp to month ends without drifting', async (t) => {
  const note = {
    principal: '1200.00',
    issueDate: '2020-12-31',
    maturityDate: '2021-06-30',
    interest: { interestDates: { frequency: 'monthly' as const, firstDate: '2021-01-31' } },
  }
  const r = computeDefaultInterest({ note })
  t.same(r.interest.interestDates, ['2021-01-31', '2021-02-28', '2021-03-31', '2021-04-30', '2021-05-31', '2021-06-30'])
})

t.test('a notice faxed at 18:30 New York time takes effect the next Business Day', async (t) => {
  for (const sentAt of ['2008-09-29T18:30:00-04:00', '2008-09-29T22:30:00Z']) {
    const r = computeCurePeriod({ noticeOfDefault: { sentAt, methods: ['facsimile'] }, asOf: '2008-10-31' })
    // effective Tue 2008-09-30; +10 us-fed Business Days skipping Columbus Day 10-13 → 2008-10-15
    t.equal(r.notice.sentTime, '18:30', sentAt)
    t.equal(r.notice.effectiveDate, '2008-09-30', sentAt)
    t.equal(r.notice.cureDeadline, '2008-10-15', sentAt)
    t.equal(r.eventOfDefault.date, '2008-10-16', sentAt)
  }
  // at 16:59 it is the same day
  const r = computeCurePeriod({
    noticeOfDefault: { sentAt: '2008-09-29T16:59:00-04:00', methods: ['email'] },
    asOf: '2008-10-31',
  })
  t.equal(r.notice.effectiveDate, '2008-09-29')
})

t.test('mail takes three Business Days, overnight courier one; the earliest wins', async (t) => {
  // Fri 2008-10-10 + 1 = Tue 10-14 (Mon 10-13 Columbus Day); + 3 = 10-14, 10-15, 10-16
  const r = computeCurePeriod({
    noticeOfDefault: { sentAt: '2008-10-10', methods: ['mail', 'overnight-courier'] },
    asOf: '2008-10-10',
  })
  t.same(r.notice.methods, [
    { method: 'mail', effectiveDate: '2008-10-16' },
    { method: 'overnight-courier', effectiveDate: '2008-10-14' },
  ])
  t.equal(r.notice.effectiveDate, '2008-10-14')
  t.equal(r.notice.status, 'notice-not-yet-effective')
  t.equal(r.notice.businessDaysRemaining, 10)
})

t.test('the us-nyse calendar moves the cure deadline (Columbus Day is a trading day)', async (t) => {
  const nyse = variant(theCase, (c) => {
    c.note.calendar = 'us-nyse'
  })
  const r = computeScenario(nyse)
  t.equal(r.notice?.cureDeadline, '2008-10-13')
  t.equal(r.eventOfDefault.date, '2008-10-14')
  // due: 2008-10-14 + 5 NYSE days = 10-15, 16, 17, 20, 21
  t.equal(r.redemption?.paymentDueDate, '2008-10-21')
  // [10-01, 10-14) 13 days × 8%: 1,188,041.47 × 0.08 × 13/360 = 3,432.1198 → 3,432.12;
  // [10-14, 10-21) 7 days × 12% = 2,772.10
  t.equal(r.redemption?.accruedInterest.base, '3432.12')
  t.equal(r.redemption?.accruedInterest.default, '2772.10')
  t.equal(r.redemption?.redemptionPrice, '1194245.69')
})

t.test('policy reject turns a premature election into a 422 naming its date', async (t) => {
  const reject = variant(theCase, (c) => {
    c.events.redemptionElection.policy = 'reject'
  })
  t.throws(() => computeScenario(reject), { errors: [{ pointer: '/events/redemptionElection/date' }] })
})

t.test('contradictions name their fields', async (t) => {
  const cases: [string, (c: any) => void, string][] = [
    ['maturity before issue', (c) => (c.note.maturityDate = '2006-01-01'), '/note/maturityDate'],
    [
      'notice before closing',
      (c) => (c.events.noticeOfDefault.sentAt = '2006-12-01'),
      '/events/noticeOfDefault/sentAt',
    ],
    ['cure before notice', (c) => (c.events.curedOn = '2008-09-01'), '/events/curedOn'],
    ['payment before the election', (c) => (c.events.paymentDate = '2008-10-01'), '/events/paymentDate'],
    ['portion above 1', (c) => (c.events.redemptionElection.portion = '1.5'), '/events/redemptionElection/portion'],
    ['portion 0', (c) => (c.events.redemptionElection.portion = '0'), '/events/redemptionElection/portion'],
    [
      'interest date outside the life',
      (c) => (c.note.interest.interestDates.firstDate = '2011-01-01'),
      '/note/interest/interestDates/firstDate',
    ],
    [
      'explicit date outside the life',
      (c) => (c.note.interest.interestDates = ['2007-04-01', '2012-01-01']),
      '/note/interest/interestDates/1',
    ],
    [
      'payment without election',
      (c) => {
        c.events.redemptionElection = null
        c.events.paymentDate = '2008-10-22'
      },
      '/events/paymentDate',
    ],
  ]
  for (const [name, change, pointer] of cases) {
    t.throws(() => computeScenario(variant(theCase, change)), { errors: [{ pointer }] }, name)
  }
})

t.test('covenant: calendar days adjusted, performed late, pending', async (t) => {
  const calendarDays = variant(theCase, (c) => {
    c.spa.covenant.period = { count: 5, unit: 'calendar-days' }
  })
  // 2007-01-03 + 5 calendar days = Mon 2007-01-08, a business day
  t.equal(computeScenario(calendarDays).covenant?.deadline, '2007-01-08')
  // + 4 days = Sun 2007-01-07 → following → 2007-01-08; preceding → Fri 2007-01-05
  const sunday = variant(theCase, (c) => {
    c.spa.covenant.period = { count: 4, unit: 'calendar-days' }
    c.spa.covenant.adjustment = 'preceding'
  })
  t.equal(computeScenario(sunday).covenant?.unadjustedDeadline, '2007-01-07')
  t.equal(computeScenario(sunday).covenant?.deadline, '2007-01-05')
  const late = variant(theCase, (c) => {
    c.events.covenantPerformedOn = '2007-01-16'
  })
  const lateResult = computeScenario(late).covenant!
  t.equal(lateResult.status, 'performed-late')
  // 2007-01-10 → 01-16: 6 calendar days; business days in (01-10, 01-16]: 11, 12, 16 (15th MLK Day) = 3
  t.equal(lateResult.calendarDaysLate, 6)
  t.equal(lateResult.businessDaysLate, 3)
  const pending = variant(theCase, (c) => {
    c.asOf = '2007-01-09'
    c.events.noticeOfDefault = null
    c.events.redemptionElection = null
  })
  t.equal(computeScenario(pending).covenant?.status, 'pending')
})

t.test('explicit notice effective date overrides the delivery rules', async (t) => {
  const r = computeScenario(variant(theCase, (c) => (c.events.noticeOfDefault.effectiveDate = '2008-10-01')))
  // 2008-10-01 + 10 us-fed Business Days: 2,3,6,7,8,9,10,14,15,16 → 2008-10-16
  t.equal(r.notice?.effectiveDate, '2008-10-01')
  t.equal(r.notice?.cureDeadline, '2008-10-16')
  t.equal(r.eventOfDefault.date, '2008-10-17')
})

t.test('interest notes at the default rate after an Event of Default before an Interest Date', async (t) => {
  // EoD 2021-03-16 on a PIK note: [01-15, 03-16) 61 days at 10% = 16,944.44; [03-16, 04-15) 29 days at 15% = 12,083.33
  const r = computeDefaultInterest({
    note: { ...cashNote, interest: { ...cashNote.interest, paymentForm: 'notes' } },
    eventOfDefaultDate: '2021-03-16',
    through: '2021-04-16',
  })
  t.same(
    r.interestLedger.slice(0, 2).map((x) => [x.days, x.rate, x.amount, x.status]),
    [
      [61, '0.10', '16944.44', 'capitalized'],
      [29, '0.15', '12083.33', 'capitalized'],
    ],
  )
  t.equal(r.interest.outstandingPrincipal, '1029027.77')
  // then the accrued day [04-15, 04-16), to be paid in notes on the next Interest Date, at the
  // default note rate 15%: 1,029,027.77 × 0.15 / 360 = 428.761… → 428.76
  t.same(r.interestLedger[2] && [r.interestLedger[2].rate, r.interestLedger[2].amount, r.interestLedger[2].status], [
    '0.15',
    '428.76',
    'accrued',
  ])
})

t.test('scheduled principal payments reduce the principal on their dates', async (t) => {
  const note = { ...cashNote, principalPayments: [{ date: '2021-03-01', amount: '400000.00' }] }
  const r = computeDefaultInterest({ note, through: '2021-04-15' })
  // [01-15, 03-01): 46 days on 1,000,000 at 8% = 10,222.22; [03-01, 04-15): 44 days on 600,000 = 5,866.67
  t.same(
    r.interestLedger.map((x) => [x.start, x.end, x.days, x.principal, x.amount]),
    [
      ['2021-01-15', '2021-03-01', 46, '1000000.00', '10222.22'],
      ['2021-03-01', '2021-04-15', 44, '600000.00', '5866.67'],
    ],
  )
  t.equal(r.interest.outstandingPrincipal, '600000.00')
  t.throws(
    () =>
      computeDefaultInterest({
        note: { ...cashNote, principalPayments: [{ date: '2021-03-01', amount: '1000000.01' }] },
      }),
    {
      errors: [{ pointer: '/note/principalPayments/0/amount' }],
    },
  )
})

t.test('half-even rounding on request', async (t) => {
  // 1,000.00 × 0.09 × 30/360 = 7.50 exactly; pick 1,001.00 × 0.06 × 30/360 = 5.005 → half-up 5.01, half-even 5.00
  const note = {
    principal: '1001.00',
    issueDate: '2021-01-01',
    maturityDate: '2021-02-01',
    interest: { cashRate: '0.06', interestDates: ['2021-02-01'] },
  }
  t.equal(computeDefaultInterest({ note }).interestLedger[0]?.amount, '5.01')
  t.equal(computeDefaultInterest({ note: { ...note, rounding: 'half-even' } }).interestLedger[0]?.amount, '5.00')
  t.equal(
    computeDefaultInterest({ note, rounding: 'half-even' }).interestLedger[0]?.amount,
    '5.00',
    'top-level rounding',
  )
})

t.test('a premium price is the product rounded once, also under half-even', async (t) => {
  // A half-cent tie. Election and Event of Default on 2008-09-24; the due date
  // 2008-10-01 (5 Business Days) is an Interest Date, so nothing is accrued:
  // 1,000,000.05 × 1.10 = 1,100,000.055, half-even → 1,100,000.06 (6 is even), premium 100,000.01;
  // 7.55 × 1.10 = 8.305, half-even → 8.30 (0 is even), premium 0.75.
  const note = (principal: string) => ({
    principal,
    issueDate: '2007-01-03',
    maturityDate: '2010-01-03',
    rounding: 'half-even' as const,
    interest: {
      paymentForm: 'cash' as const,
      interestDates: { frequency: 'quarterly' as const, firstDate: '2007-04-01' },
    },
    redemption: { premium: '1.10' },
  })
  const redeem = (principal: string) =>
    computeRedemption({
      note: note(principal),
      eventOfDefaultDate: '2008-09-24',
      redemptionElection: { date: '2008-09-24' },
    }).redemption
  const large = redeem('1000000.05')
  t.equal(large.paymentDueDate, '2008-10-01')
  t.equal(large.accruedInterest.total, '0.00')
  t.equal(large.redemptionPrice, '1100000.06')
  t.equal(large.premiumAmount, '100000.01')
  const small = redeem('7.55')
  t.equal(small.redemptionPrice, '8.30')
  t.equal(small.premiumAmount, '0.75')
})

t.test('the as-converted alternative wins when the stock trades above the conversion price', async (t) => {
  const converted = variant(theCase, (c) => {
    c.note.redemption.conversion = { conversionPrice: '2.00', highestClosingPrice: '3.00' }
  })
  const r = computeScenario(converted).redemption!
  // (1,188,041.47 + 6,468.23) / 2.00 × 3.00 = 1,194,509.70 × 1.5 = 1,791,764.55
  t.equal(r.asConvertedValue, '1791764.55')
  t.equal(r.priceBasis, 'as-converted')
  t.equal(r.redemptionPrice, '1791764.55')
  t.equal(r.premiumAmount, '597254.85')
})

t.test('an as-converted value on an exact half cent rounds half-up (multiply before dividing)', async (t) => {
  // A half-cent tie: principal 1,000,000.71 gives principal + accrued =
  // 1,194,510.55; × 1.17 / 0.90 = 1,552,863.715 exactly → 1,552,863.72
  const tie = variant(theCase, (c) => {
    c.note.principal = '1000000.71'
    c.note.redemption.conversion = { conversionPrice: '0.90', highestClosingPrice: '1.17' }
  })
  const r = computeScenario(tie).redemption!
  t.equal(new Decimal(r.redeemedPrincipal).plus(r.accruedInterest.total).toFixed(2), '1194510.55')
  t.equal(r.asConvertedValue, '1552863.72')
  t.equal(r.redemptionPrice, '1552863.72')
})

t.test('without a redemption, the days since the last Interest Date accrue in the payment form', async (t) => {
  const noElection = variant(theCase, (c) => (c.events.redemptionElection = null))
  const stub = computeScenario(noElection).interestLedger.filter((x) => x.status === 'accrued')
  // to asOf 2008-10-31, in notes: [10-01, 10-15) 14 days × 10% = 4,620.16; [10-15, 10-31) 16 days × 15%:
  // 1,188,041.47 × 0.15 × 16/360 = 7,920.276… → 7,920.28
  t.same(
    stub.map((x) => [x.start, x.end, x.rate, x.form, x.amount]),
    [
      ['2008-10-01', '2008-10-15', '0.10', 'notes', '4620.16'],
      ['2008-10-15', '2008-10-31', '0.15', 'notes', '7920.28'],
    ],
  )
})

t.test('a premium of 1.10', async (t) => {
  const r = computeRedemption({
    note: theCase.note,
    eventOfDefaultDate: '2008-10-15',
    redemptionElection: { date: '2008-10-15', portion: '1.00' },
  }).redemption
  t.equal(r.redemptionPrice, '1194509.70')
  const premium = computeRedemption({
    note: { ...theCase.note, redemption: { premium: '1.10' } },
    eventOfDefaultDate: '2008-10-15',
    redemptionElection: { date: '2008-10-15' },
  }).redemption
  // 1,194,509.70 × 0.10 = 119,450.97
  t.equal(premium.premiumAmount, '119450.97')
  t.equal(premium.redemptionPrice, '1313960.67')
})

t.test('every rule applied is listed in assumptions, on every endpoint that applies it', async (t) => {
  const codes = (r: { assumptions: { code: string }[] }) => r.assumptions.map((a) => a.code)
  // A partial redemption with a conversion option and a principal payment.
  const full = computeScenario(
    variant(theCase, (c) => {
      c.note.redemption = { conversion: { conversionPrice: '1.00', highestClosingPrice: '0.50' } }
      c.principalPayments = [{ date: '2008-06-30', amount: '1000.00' }]
      c.events.redemptionElection.portion = '0.40'
    }),
  )
  for (const code of [
    'portion',
    'premature-election',
    'ledger-horizon',
    'as-converted',
    'principal-payments',
    'breach-start',
  ]) {
    t.ok(codes(full).includes(code), `scenario: ${code}`)
  }
  t.match(full.assumptions.find((a) => a.code === 'portion')?.description, /0\.40 .*\(as given\)/)
  // /v1/redemption: the case's premature election is deferred, and says so.
  const redemption = computeRedemption({
    note: theCase.note,
    eventOfDefaultDate: '2008-10-15',
    redemptionElection: { date: '2008-09-29' },
  })
  for (const code of ['portion', 'premature-election', 'ledger-horizon'])
    t.ok(codes(redemption).includes(code), `redemption: ${code}`)
  t.match(redemption.assumptions.find((a) => a.code === 'portion')?.description, /1\.00 .*\(default\)/)
  t.notOk(codes(redemption).includes('as-converted'), 'no conversion, no as-converted rule')
  // /v1/covenant-deadline: the case's covenant, breached since 2007-01-11.
  const covenant = computeCovenantDeadline({ spa: theCase.spa, asOf: '2008-10-31' })
  t.equal(covenant.covenant.status, 'breached')
  t.ok(codes(covenant).includes('breach-start'), 'covenant-deadline: breach-start')
})

t.test('a notice while the covenant was performed cites the covenant once: "The SPA 4(i) covenant"', async (t) => {
  // Performed 2007-01-09, on time (deadline 2007-01-10): no breach when the notice was sent.
  const r = computeScenario(variant(theCase, (c) => (c.events.covenantPerformedOn = '2007-01-09')))
  t.equal(
    r.warnings.find((w) => w.code === 'notice-without-breach')?.message,
    'The SPA 4(i) covenant was not in breach when the notice was sent (2008-09-29).',
  )
})
