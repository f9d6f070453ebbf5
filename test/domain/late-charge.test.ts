/**
 * The late charge (Note 4(b), docs/rules/redemption.md): lateChargeRate per annum on the redemption price
 * for each actual day from the due date to a later payment, on the per diem's basis: / 360 for
 * the 30/360 family and act-360, / 365 otherwise. Each expected value is worked by hand beside it.
 */
import t from 'tap'
import { computeScenario } from '../../src/domain/scenario.js'
import { computeRedemption } from '../../src/domain/operations.js'
import { fixture, variant } from '../helpers/json.js'

const theCase = fixture('examples/liquidmetal-2008.request.json')

t.test('paid 2008-11-03 on a due date of 2008-10-22: 12 days late, price × rate × 12 / 360', async (t) => {
  const r = computeScenario(
    variant(theCase, (c) => {
      c.events.paymentDate = '2008-11-03'
      c.note.redemption.lateChargeRate = '0.18'
    }),
  ).redemption!
  t.equal(r.paymentDueDate, '2008-10-22')
  // October 22 → 31 is 9 days, + November 1, 2, 3 = 12 (30/360 US would count 11)
  t.equal(r.lateChargeDays, 12)
  t.equal(r.redemptionPrice, '1194509.70', 'interest stops at the due date')
  // 1,194,509.70 × 0.18 × 12/360 = 1,194,509.70 × 0.006 = 7,167.0582 → 7,167.06
  t.equal(r.lateCharge, '7167.06')
  // 1,194,509.70 + 7,167.06
  t.equal(r.totalDue, '1201676.76')
  t.equal(r.lateChargeRate, '0.18')
})

t.test('on an act/act note the late charge counts days in a leap year / 366, as the day count does', async (t) => {
  // A $1,000,000 cash note on act-act-isda, issued 2020-01-15, quarterly from 2020-04-15. Event of
  // Default and election on Wednesday 2020-04-15 (an Interest Date: the first quarter is paid);
  // due 5 us-fed Business Days later: 16, 17, 20, 21, 22 → 2020-04-22. Accrued [04-15, 04-22) at the
  // default cash rate 12%: 7 days of 2020 (leap) → 1,000,000 × 0.12 × 7/366 = 2,295.0820 → 2,295.08.
  const note = {
    principal: '1000000.00',
    issueDate: '2020-01-15',
    maturityDate: '2021-01-15',
    interest: {
      dayCount: 'act-act-isda' as const,
      paymentForm: 'cash' as const,
      interestDates: { frequency: 'quarterly' as const, firstDate: '2020-04-15' },
    },
    redemption: { lateChargeRate: '0.10' },
  }
  const r = computeRedemption({
    note,
    eventOfDefaultDate: '2020-04-15',
    redemptionElection: { date: '2020-04-15' },
    paymentDate: '2020-05-03',
  }).redemption
  t.equal(r.paymentDueDate, '2020-04-22')
  t.equal(r.redemptionPrice, '1002295.08')
  // April 22 → 30 is 8 days, + May 1, 2, 3 = 11 days, all in 2020 (a leap year):
  // 1,002,295.08 × 0.10 × 11/366 = 3,012.3632… → 3,012.36 (over 365 it would be 3,020.62)
  t.equal(r.lateChargeDays, 11)
  t.equal(r.lateCharge, '3012.36')
  // The per diem on the ledger's own year: the due date 2020-04-22 is in a leap year, so / 366:
  // 1,000,000 × 0.12 / 366 = 327.8688… → 327.87 (one day of the ledger's 2,295.08 for 7 days is 327.87 too)
  t.equal(r.perDiem, '327.87')
  t.equal(r.lateChargeRate, '0.10', 'the rate as written')
})

t.test('paid on or before the due date: no day late, no charge', async (t) => {
  for (const paymentDate of ['2008-10-22', '2008-10-20']) {
    const r = computeScenario(
      variant(theCase, (c) => {
        c.events.paymentDate = paymentDate
        c.note.redemption.lateChargeRate = '0.18'
      }),
    ).redemption!
    t.equal(r.lateChargeDays, 0, paymentDate)
    t.equal(r.lateCharge, '0.00', paymentDate)
  }
})

t.test('the assumption says how the charge is counted', async (t) => {
  const r = computeScenario(variant(theCase, (c) => (c.note.redemption.lateChargeRate = '0.18')))
  t.match(
    r.assumptions.find((a) => a.code === 'late-charge')?.description,
    /0\.18 per annum .* each actual day .* over 360 \(the per diem's basis for 30-360-us\)/,
  )
})
