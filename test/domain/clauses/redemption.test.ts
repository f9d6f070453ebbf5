/**
 * Note 4(b), called directly: where an election stands, the price, per diem and default interest
 * increment of the case, and the portions at each end of (0, 1] (docs/rules/). Every amount is
 * worked by hand beside it.
 */
import t from 'tap'
import { getCalendar } from '../../../src/domain/time/calendars/index.js'
import { Decimal } from '../../../src/domain/decimal.js'
import { ContradictionError, Explanation } from '../../../src/domain/explain.js'
import { defaultWindow, type InterestTerms } from '../../../src/domain/clauses/default-interest.js'
import { electionStanding, redeem, type RedemptionTerms } from '../../../src/domain/clauses/redemption.js'

const usFed = getCalendar('us-fed')
const interest: InterestTerms = {
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
const terms: RedemptionTerms = {
  premium: new Decimal('1.00'),
  paymentBusinessDays: 5,
  lateChargeRate: null,
  conversion: null,
  prematureElection: 'defer',
}
const pointers = { election: '/events/redemptionElection', paymentDate: '/events/paymentDate' }

const redeemCase = (portion: string, over: Partial<RedemptionTerms> = {}, paymentDate: string | null = null) =>
  redeem(
    interest,
    defaultWindow('2008-10-15', null),
    [{ from: '2008-10-15', until: null }],
    { ...terms, ...over },
    { date: '2008-09-29', portion: new Decimal(portion) },
    paymentDate,
    usFed,
    pointers,
    new Explanation(),
  )

t.test('the case: 100% redeemed, due 2008-10-22, price 1,194,509.70', async (t) => {
  const r = redeemCase('1')
  t.equal(r.electionEffectiveDate, '2008-10-15', 'the premature election waits for the Event of Default')
  // Five us-fed Business Days after Wed 10-15: 10-16, 10-17, 10-20, 10-21, 10-22
  t.equal(r.paymentDueDate, '2008-10-22')
  t.equal(r.redemptionDate, '2008-10-22')
  t.equal(r.redeemedPrincipal.toFixed(2), '1188041.47')
  // 3,696.13 (14 days at 8%) + 2,772.10 (7 days at 12%)
  t.equal(r.accruedInterest.base.toFixed(2), '3696.13')
  t.equal(r.accruedInterest.default.toFixed(2), '2772.10')
  // 1,188,041.47 + 3,696.13 + 2,772.10 = 1,194,509.70
  t.equal(r.redemptionPrice.toFixed(2), '1194509.70')
  // per diem: 1,188,041.47 × 0.12 / 360 = 396.0138… → 396.01
  t.equal(r.perDiem.toFixed(2), '396.01')
  // increment: 1,188,041.47 × (0.12 − 0.08) × 7/360 = 924.032… → 924.03
  t.equal(r.defaultInterestIncrement.toFixed(2), '924.03')
  t.equal(r.lateCharge.toFixed(2), '0.00')
})

t.test('half the note: every amount on the redeemed half, rounded per sub-period', async (t) => {
  const r = redeemCase('0.5')
  // 1,188,041.47 × 0.5 = 594,020.735 → 594,020.74 (half-up)
  t.equal(r.redeemedPrincipal.toFixed(2), '594020.74')
  // 594,020.74 × 0.08 × 14/360 = 1,848.064… → 1,848.06; × 0.12 × 7/360 = 1,386.048… → 1,386.05
  t.equal(r.accruedInterest.base.toFixed(2), '1848.06')
  t.equal(r.accruedInterest.default.toFixed(2), '1386.05')
  // 594,020.74 + 1,848.06 + 1,386.05 = 597,254.85
  t.equal(r.redemptionPrice.toFixed(2), '597254.85')
  // 594,020.74 × 0.12 / 360 = 198.0069… → 198.01
  t.equal(r.perDiem.toFixed(2), '198.01')
})

t.test('a tiny portion: cents that round to nothing stay nothing', async (t) => {
  const r = redeemCase('0.000001')
  // 1,188,041.47 × 0.000001 = 1.188… → 1.19; 1.19 × 0.08 × 14/360 = 0.0037 → 0.00; × 0.12 × 7/360 → 0.00
  t.equal(r.redeemedPrincipal.toFixed(2), '1.19')
  t.equal(r.accruedInterest.total.toFixed(2), '0.00')
  t.equal(r.redemptionPrice.toFixed(2), '1.19')
  t.equal(r.perDiem.toFixed(2), '0.00')
})

t.test('paid 12 days late at 18%: the late charge on the price, interest stopped at the due date', async (t) => {
  const r = redeemCase('1', { lateChargeRate: new Decimal('0.18') }, '2008-11-03')
  // 10-22 → 11-03: 12 actual days; 1,194,509.70 × 0.18 × 12/360 = 7,167.0582 → 7,167.06
  t.equal(r.lateChargeDays, 12)
  t.equal(r.redemptionPrice.toFixed(2), '1194509.70')
  t.equal(r.lateCharge.toFixed(2), '7167.06')
  t.equal(r.totalDue.toFixed(2), '1201676.76')
})

t.test('paid early, on 2008-10-20: interest to the day before', async (t) => {
  const r = redeemCase('1', {}, '2008-10-20')
  t.equal(r.redemptionDate, '2008-10-20')
  // [10-15, 10-20): 5 days at 12%: 1,188,041.47 × 0.12 × 5/360 = 1,980.069… → 1,980.07;
  // 1,188,041.47 + 3,696.13 + 1,980.07 = 1,193,717.67 (= 1,194,509.70 − 2,772.10 + 1,980.07)
  t.equal(r.redemptionPrice.toFixed(2), '1193717.67')
})

t.test('where an election stands', async (t) => {
  t.same(electionStanding('2008-10-15', '2008-10-15', null), { status: 'effective', effectiveDate: '2008-10-15' })
  t.same(electionStanding('2008-10-14', '2008-10-15', null), { status: 'deferred', effectiveDate: '2008-10-15' })
  t.equal(electionStanding('2008-10-20', '2008-10-15', '2008-10-20').status, 'void', 'on the cure day')
  const before = electionStanding('2008-10-19', '2008-10-15', '2008-10-20')
  t.same(before, { status: 'effective', effectiveDate: '2008-10-19' }, 'the day before the cure')
  t.match(electionStanding('2008-10-15', null, null, true), { status: 'void', reason: 'cured-in-time' })
  t.match(electionStanding('2008-10-15', null, null, false), { status: 'void', reason: 'no-notice-of-default' })
})

t.test('a premature election under the reject policy is a contradiction at its date', async (t) => {
  t.throws(() => redeemCase('1', { prematureElection: 'reject' }), ContradictionError)
})
