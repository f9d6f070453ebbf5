/**
 * Note 2, called directly: the ledger's sub-periods, each rounded to cents, and the default-rate
 * window from the Event of Default (inclusive) to the cure (exclusive) (docs/rules/). Every amount
 * below is worked by hand beside it.
 */
import t from 'tap'
import { Decimal } from '../../../src/domain/decimal.js'
import {
  buildLedger,
  defaultWindow,
  interestAmount,
  lateChargeFraction,
  perDiemDays,
  isDefaultOn,
  NO_DEFAULT,
  type InterestTerms,
} from '../../../src/domain/clauses/default-interest.js'

const theCase: InterestTerms = {
  principal: new Decimal('1000000.00'),
  issueDate: '2007-01-03',
  maturityDate: '2010-01-03',
  normalRates: { cash: new Decimal('0.08'), notes: new Decimal('0.10') },
  defaultRates: { cash: new Decimal('0.12'), notes: new Decimal('0.15') },
  dayCount: '30-360-us',
  interestDates: [
    '2007-04-01',
    '2007-07-01',
    '2007-10-01',
    '2008-01-01',
    '2008-04-01',
    '2008-07-01',
    '2008-10-01',
    '2009-01-01',
    '2009-04-01',
    '2009-07-01',
    '2009-10-01',
    '2010-01-01',
    '2010-01-03',
  ],
  paymentForm: 'notes',
  accruedInterestForm: 'cash',
  rounding: 'half-up',
  principalPayments: [],
}

t.test('the window: from the Event of Default (inclusive) to the cure (exclusive)', async (t) => {
  const w = defaultWindow('2008-10-15', '2008-10-20')
  t.same(w, { from: '2008-10-15', until: '2008-10-20' })
  t.equal(isDefaultOn('2008-10-14', w), false)
  t.equal(isDefaultOn('2008-10-15', w), true)
  t.equal(isDefaultOn('2008-10-19', w), true)
  t.equal(isDefaultOn('2008-10-20', w), false)
  t.same(defaultWindow('2008-10-15', null), { from: '2008-10-15', until: null })
  t.same(defaultWindow(null, null), NO_DEFAULT)
})

t.test('the first quarter in cash: 88 days of 30/360 at 8%', async (t) => {
  // 2007-01-03 → 2007-04-01 in 30-360-us: 30 × 3 + (1 − 3) = 88 days;
  // 1,000,000 × 0.08 × 88 / 360 = 19,555.555… → 19,555.56
  const ledger = buildLedger({ ...theCase, paymentForm: 'cash' }, NO_DEFAULT, '2007-04-01')
  t.equal(ledger.rows.length, 1)
  t.equal(ledger.rows[0]!.yearFraction.days, 88)
  t.equal(ledger.rows[0]!.amount.toFixed(2), '19555.56')
  t.equal(ledger.rows[0]!.status, 'paid')
  t.equal(ledger.cashInterestPaid.toFixed(2), '19555.56')
})

t.test('the case in notes: seven issues capitalize 188,041.47; the accrued days split at 2008-10-15', async (t) => {
  // Quarter by quarter at 10% in notes (30/360): 88 days on 1,000,000.00 = 24,444.44; then 90 days
  // each (a quarter of 10% = 2.5%): 1,024,444.44 × 0.025 = 25,611.11; 1,050,055.55 × 0.025 = 26,251.39;
  // 1,076,306.94 × 0.025 = 26,907.67; 1,103,214.61 × 0.025 = 27,580.37; 1,130,794.98 × 0.025 = 28,269.87;
  // 1,159,064.85 × 0.025 = 28,976.62 → principal 1,188,041.47, capitalized 188,041.47.
  const ledger = buildLedger(theCase, defaultWindow('2008-10-15', null), '2008-10-22', 'cash')
  t.equal(ledger.outstandingPrincipal.toFixed(2), '1188041.47')
  t.equal(ledger.capitalizedInterest.toFixed(2), '188041.47')
  t.equal(ledger.lastInterestDate, '2008-10-01')
  const accrued = ledger.rows.filter((r) => r.status === 'accrued')
  // [10-01, 10-15): 14 days at 8%: 1,188,041.47 × 0.08 × 14/360 = 3,696.129… → 3,696.13
  // [10-15, 10-22): 7 days at 12%: 1,188,041.47 × 0.12 × 7/360 = 2,772.096… → 2,772.10
  t.same(
    accrued.map((r) => [r.start, r.end, r.rateKind, r.rate.toString(), r.amount.toFixed(2)]),
    [
      ['2008-10-01', '2008-10-15', 'normal', '0.08', '3696.13'],
      ['2008-10-15', '2008-10-22', 'default', '0.12', '2772.10'],
    ],
  )
  // What 12% added over 8%: 1,188,041.47 × 0.04 × 7/360 = 924.032… → 924.03
  t.equal(accrued[1]!.defaultIncrement.toFixed(2), '924.03')
})

t.test('a late cure splits the period again: normal rates from the cure day', async (t) => {
  const ledger = buildLedger(theCase, defaultWindow('2008-10-15', '2008-10-20'), '2008-10-22', 'cash')
  const accrued = ledger.rows.filter((r) => r.status === 'accrued')
  // [10-15, 10-20): 5 days at 12%: 1,188,041.47 × 0.12 × 5/360 = 1,980.069… → 1,980.07
  // [10-20, 10-22): 2 days at 8%: 1,188,041.47 × 0.08 × 2/360 = 528.018… → 528.02
  t.same(
    accrued.map((r) => [r.start, r.end, r.rateKind, r.amount.toFixed(2)]),
    [
      ['2008-10-01', '2008-10-15', 'normal', '3696.13'],
      ['2008-10-15', '2008-10-20', 'default', '1980.07'],
      ['2008-10-20', '2008-10-22', 'normal', '528.02'],
    ],
  )
})

t.test('the per diem on the ledger own year; a late charge counted as act/act ISDA counts days', async (t) => {
  t.equal(perDiemDays('30-360-us', '2020-04-22'), 360)
  t.equal(perDiemDays('act-360', '2020-04-22'), 360)
  t.equal(perDiemDays('act-365-fixed', '2020-04-22'), 365)
  t.equal(perDiemDays('act-act-isda', '2020-04-22'), 366, 'a due date in a leap year')
  t.equal(perDiemDays('act-act-isda', '2021-04-22'), 365)
  // 2019-12-27 → 2020-01-06: 5 days of 2019 (27..31) / 365 + 5 days of 2020 (1..5) / 366;
  // 1,000,000 × 0.10 × (5/365 + 5/366) = 1,369.8630… + 1,366.1202… = 2,735.9832… → 2,735.98
  const across = lateChargeFraction('act-act-isda', '2019-12-27', '2020-01-06')
  t.equal(interestAmount(new Decimal('1000000'), new Decimal('0.10'), across, 'half-up').toFixed(2), '2735.98')
  // Any other day count: actual days over the per diem's basis; 12 days at 30/360 are 12/360.
  t.same(lateChargeFraction('30-360-us', '2008-10-22', '2008-11-03'), { days: 12, numerator: 12, denominator: 360 })
})
