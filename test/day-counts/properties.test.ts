/**
 * Properties (fast-check) over the supported date range 1901-01-01..2199-12-31, all checked
 * exactly as rationals.
 */
import t from 'tap'
import fc from 'fast-check'
import { fromEpochDay, toEpochDay, ymdOfIso } from '../../src/domain/time/dates.js'
import { DAY_COUNT_IDS, yearFraction, type DayCountId } from '../../src/domain/time/day-counts/index.js'
import { add, neg, ratio, same, show } from './fixtures/rational.js'

const MIN = toEpochDay('1901-01-01')
const MAX = toEpochDay('2199-12-31')
const anyDate = fc.integer({ min: MIN, max: MAX }).map(fromEpochDay)
/** dates biased to month ends and February, where the 30/360 rules bite */
const edgyDate = fc
  .tuple(
    fc.integer({ min: 1901, max: 2199 }),
    fc.integer({ min: 1, max: 12 }),
    fc.constantFrom(1, 15, 27, 28, 29, 30, 31),
  )
  .map(([y, m, d]) => {
    const last = ymdOfIso(
      fromEpochDay(toEpochDay(`${y}-${String(m + 1 > 12 ? 1 : m + 1).padStart(2, '0')}-01`) - 1),
    ).day
    const day = Math.min(d, m === 12 ? 31 : last)
    return `${y}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`
  })
const date = fc.oneof(anyDate, edgyDate)
const ACT: DayCountId[] = ['act-360', 'act-365-fixed', 'act-act-isda']
const THIRTY: DayCountId[] = ['30-360-us', '30-360-bond-basis', '30e-360', '30e-360-isda']
const RUNS = { numRuns: 2000 }

t.test('act conventions are additive: yf(a,b) + yf(b,c) == yf(a,c)', async (t) => {
  for (const id of ACT) {
    fc.assert(
      fc.property(date, date, date, (a, b, c) => {
        const lhs = add(ratio(yearFraction(id, a, b)), ratio(yearFraction(id, b, c)))
        const rhs = ratio(yearFraction(id, a, c))
        if (!same(lhs, rhs)) throw new Error(`${id} ${a} ${b} ${c}: ${show(lhs)} != ${show(rhs)}`)
        return yearFraction(id, a, b).days + yearFraction(id, b, c).days === yearFraction(id, a, c).days
      }),
      RUNS,
    )
    t.pass(id)
  }
})

t.test('yf(a,a) == 0 for every convention', async (t) => {
  for (const id of DAY_COUNT_IDS) {
    fc.assert(
      fc.property(date, fc.boolean(), (a, atMaturity) => {
        const yf = yearFraction(id, a, a, atMaturity ? a : undefined)
        return Object.is(yf.days, 0) && Object.is(yf.numerator, 0) && yf.denominator > 0
      }),
      RUNS,
    )
    t.pass(id)
  }
})

t.test('yf(b,a) == -yf(a,b) for act conventions (and, by definition, for 30/360)', async (t) => {
  for (const id of [...ACT, ...THIRTY]) {
    fc.assert(
      fc.property(date, date, (a, b) => same(ratio(yearFraction(id, b, a)), neg(ratio(yearFraction(id, a, b))))),
      RUNS,
    )
    t.pass(id)
  }
})

t.test('act days are the actual days; act-act-isda lies between days/366 and days/365', async (t) => {
  fc.assert(
    fc.property(date, date, (a, b) => {
      const actual = toEpochDay(b) - toEpochDay(a)
      const r = ratio(yearFraction('act-act-isda', a, b))
      const n = BigInt(Math.abs(actual))
      const abs = r.n < 0n ? -r.n : r.n
      return (
        ACT.every((id) => yearFraction(id, a, b).days === actual) &&
        abs * 366n >= n * r.d && // |yf| >= |days|/366
        abs * 365n <= n * r.d // |yf| <= |days|/365
      )
    }),
    RUNS,
  )
  t.pass('ok')
})

t.test('30/360 days are within ±3 of 360·ΔY + 30·ΔM + ΔD, and numerator/denominator = days/360', async (t) => {
  for (const id of THIRTY) {
    fc.assert(
      fc.property(date, date, fc.boolean(), (a, b, atMaturity) => {
        const p = ymdOfIso(a)
        const r = ymdOfIso(b)
        const simple = 360 * (r.year - p.year) + 30 * (r.month - p.month) + (r.day - p.day)
        const yf = yearFraction(id, a, b, atMaturity ? b : undefined)
        return Math.abs(yf.days - simple) <= 3 && yf.numerator === yf.days && yf.denominator === 360
      }),
      RUNS,
    )
    t.pass(id)
  }
})

t.test('30/360 family agrees when no 31st and no end of February is involved', async (t) => {
  const plain = fc
    .tuple(fc.integer({ min: 1901, max: 2199 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 27 }))
    .map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`)
  fc.assert(
    fc.property(plain, plain, (a, b) => {
      const n = yearFraction('30-360-us', a, b).days
      return THIRTY.every((id) => yearFraction(id, a, b).days === n)
    }),
    RUNS,
  )
  t.pass('ok')
})
