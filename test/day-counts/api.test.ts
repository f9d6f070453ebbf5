/** The public API of the day-counts module: ids, dispatch, signs, per diem basis. */
import t from 'tap'
import {
  DAY_COUNT_IDS,
  DEFAULT_DAY_COUNT,
  dayCount,
  isDayCountId,
  perDiemBasis,
  yearFraction,
  type DayCountId,
} from '../../src/domain/time/day-counts/index.js'

t.test('ids', async (t) => {
  t.equal(DEFAULT_DAY_COUNT, '30-360-us')
  t.equal(DAY_COUNT_IDS.length, 7)
  for (const id of DAY_COUNT_IDS) t.ok(isDayCountId(id), id)
  for (const id of ['30/360', 'ACT-360', 'act-365', '', 'thirty360Us', 'toString', '__proto__'])
    t.notOk(isDayCountId(id), id)
})

t.test('perDiemBasis: 360 for the 30/360 family and act-360, 365 otherwise', async (t) => {
  const expected: Record<DayCountId, number> = {
    '30-360-us': 360,
    '30-360-bond-basis': 360,
    '30e-360': 360,
    '30e-360-isda': 360,
    'act-360': 360,
    'act-365-fixed': 365,
    'act-act-isda': 365,
  }
  for (const id of DAY_COUNT_IDS) t.equal(perDiemBasis(id), expected[id], id)
  t.throws(() => perDiemBasis('nope' as DayCountId), RangeError)
})

t.test('unknown convention', async (t) => {
  t.throws(() => yearFraction('nope' as DayCountId, '2007-01-01', '2007-02-01'), RangeError)
})

t.test('empty and reversed periods', async (t) => {
  for (const id of DAY_COUNT_IDS) {
    const zero = yearFraction(id, '2008-02-29', '2008-02-29')
    t.ok(Object.is(zero.days, 0) && Object.is(zero.numerator, 0), `${id}: [a, a) is 0`)
    t.ok(zero.denominator > 0, `${id}: positive denominator`)
    // reversed: the negative of the forward period (not the rules applied to swapped dates)
    const fwd = yearFraction(id, '2007-02-28', '2007-03-31', '2007-03-31')
    const rev = yearFraction(id, '2007-03-31', '2007-02-28', '2007-03-31')
    t.same(rev, { days: -fwd.days, numerator: -fwd.numerator, denominator: fwd.denominator }, `${id}: reversed`)
    t.equal(dayCount(id, '2007-03-31', '2007-02-28'), -fwd.days)
  }
  // 30e-360-isda: [d, d) at a last-of-February maturity is 0, not the literal rule's 28 − 30 = −2
  t.equal(dayCount('30e-360-isda', '2009-02-28', '2009-02-28', '2009-02-28'), 0)
  t.equal(dayCount('30e-360-isda', '2008-02-29', '2008-02-29', '2008-02-29'), 0)
  // ...while a one-day period ending there is 1: D1 = 27, D2 = 28 (maturity, not lengthened)
  t.equal(dayCount('30e-360-isda', '2009-02-27', '2009-02-28', '2009-02-28'), 1)
  // a reversed zero-day 30/360 period is +0, not -0
  const z = yearFraction('30-360-us', '2007-03-31', '2007-03-30')
  t.ok(Object.is(z.days, 0) && Object.is(z.numerator, 0), 'no negative zero')
  // 30e-360-isda reversed: the maturity test applies to the later date
  t.equal(dayCount('30e-360-isda', '2008-02-29', '2007-08-31', '2008-02-29'), -179)
  t.equal(dayCount('30e-360-isda', '2008-02-29', '2007-08-31'), -180)
})
