/**
 * Properties over random dates in 1901..2199, random calendars and random extra holidays, with a
 * naive day-by-day reference implementation of the definitions in docs/rules/calendars.md.
 *
 * Note on the round trips: by the definitions of docs/rules/calendars.md, businessDaysBetween(a, addBusinessDays(a, n))
 * === n holds for any a when n > 0, but for n <= 0 only when a is a business day (from a Saturday,
 * -1 business day is the Friday, and (Friday, Saturday] holds no business day). Likewise
 * addBusinessDays(a, businessDaysBetween(a, b)) === b needs b a business day, and a a business day
 * when b < a. The properties below state exactly that.
 */
import fc from 'fast-check'
import t from 'tap'
import type { Test } from 'tap'
import {
  fromEpochDay,
  MAX_DATE,
  MIN_DATE,
  toEpochDay,
  Weekday,
  weekdayOf,
  ymdOfIso,
} from '../../src/domain/time/dates.js'
import { BUSINESS_DAY_CONVENTIONS, CALENDAR_IDS, getCalendar } from '../../src/domain/time/calendars/index.js'
import type { BusinessCalendar } from '../../src/domain/time/calendars/index.js'

const NUM_RUNS = 300
const MIN = toEpochDay(MIN_DATE)
const MAX = toEpochDay(MAX_DATE)

const dateArb = fc.integer({ min: MIN, max: MAX }).map(fromEpochDay)
const calendarArb = fc.constantFrom(...CALENDAR_IDS)
const nArb = fc.integer({ min: -2000, max: 2000 })
/** Up to 30 extra closings within ~3 years of a date. */
const extrasNear = (date: string) =>
  fc.array(
    fc.integer({ min: -1100, max: 1100 }).map((k) => fromEpochDay(toEpochDay(date) + k)),
    { maxLength: 30 },
  )
/** Dense closings (up to 25 within 8 weeks) with short steps, so that runs of extra holidays are hit. */
const denseExtrasArb = dateArb.chain((a) =>
  fc.tuple(
    fc.constant(a),
    calendarArb,
    fc.array(
      fc.integer({ min: -60, max: 60 }).map((k) => fromEpochDay(toEpochDay(a) + k)),
      { maxLength: 25 },
    ),
  ),
)
const withExtrasArb = dateArb.chain((a) =>
  fc.tuple(fc.constant(a), calendarArb, fc.oneof(fc.constant([] as string[]), extrasNear(a))),
)

/** Reference: the definitions of docs/rules/calendars.md, one day at a time. */
function naiveAdd(cal: BusinessCalendar, date: string, n: number): string {
  let e = toEpochDay(date)
  if (n === 0) {
    while (!cal.isBusinessDay(fromEpochDay(e))) e++
    return fromEpochDay(e)
  }
  const step = n > 0 ? 1 : -1
  for (let counted = 0; counted < Math.abs(n);) {
    e += step
    if (cal.isBusinessDay(fromEpochDay(e))) counted++
  }
  return fromEpochDay(e)
}
function naiveBetween(cal: BusinessCalendar, a: string, b: string): number {
  const [lo, hi, sign] = a <= b ? [toEpochDay(a), toEpochDay(b), 1] : [toEpochDay(b), toEpochDay(a), -1]
  let count = 0
  for (let e = lo + 1; e <= hi; e++) if (cal.isBusinessDay(fromEpochDay(e))) count++
  return sign * count
}

/** One tap assertion per property (fixed seed: reproducible in CI), with fast-check's counterexample on failure. */
function run<Ts>(t: Test, property: fc.IProperty<Ts>, name: string): void {
  const result = fc.check(property, { numRuns: NUM_RUNS, seed: 20240601 })
  t.ok(!result.failed, result.failed ? `${name}: ${fc.defaultReportMessage(result)}` : name)
}

t.test('addBusinessDays and businessDaysBetween agree with the day-by-day definitions', async (t) => {
  run(
    t,
    fc.property(withExtrasArb, nArb, ([a, id, extras], n) => {
      const cal = getCalendar(id, extras)
      return cal.addBusinessDays(a, n) === naiveAdd(cal, a, n)
    }),
    'addBusinessDays === reference',
  )
  run(
    t,
    fc.property(withExtrasArb, fc.integer({ min: -1500, max: 1500 }), ([a, id, extras], k) => {
      const cal = getCalendar(id, extras)
      const b = fromEpochDay(toEpochDay(a) + k)
      return cal.businessDaysBetween(a, b) === naiveBetween(cal, a, b)
    }),
    'businessDaysBetween === reference',
  )
  run(
    t,
    fc.property(denseExtrasArb, fc.integer({ min: -40, max: 40 }), ([a, id, extras], n) => {
      const cal = getCalendar(id, extras)
      return cal.addBusinessDays(a, n) === naiveAdd(cal, a, n)
    }),
    'addBusinessDays === reference, dense extra holidays',
  )
  run(
    t,
    fc.property(denseExtrasArb, fc.integer({ min: -60, max: 60 }), ([a, id, extras], k) => {
      const cal = getCalendar(id, extras)
      const b = fromEpochDay(toEpochDay(a) + k)
      return cal.businessDaysBetween(a, b) === naiveBetween(cal, a, b)
    }),
    'businessDaysBetween === reference, dense extra holidays',
  )
})

t.test('round trips', async (t) => {
  run(
    t,
    fc.property(withExtrasArb, nArb, ([raw, id, extras], n) => {
      const cal = getCalendar(id, extras)
      const a = n > 0 ? raw : cal.adjust(raw, 'following')
      return cal.businessDaysBetween(a, cal.addBusinessDays(a, n)) === n
    }),
    'businessDaysBetween(a, addBusinessDays(a, n)) === n (a a business day when n <= 0)',
  )
  run(
    t,
    fc.property(withExtrasArb, fc.integer({ min: -1500, max: 1500 }), ([rawA, id, extras], k) => {
      const cal = getCalendar(id, extras)
      const b = cal.adjust(fromEpochDay(toEpochDay(rawA) + k), 'following')
      const a = b < rawA ? cal.adjust(rawA, 'following') : rawA
      return cal.addBusinessDays(a, cal.businessDaysBetween(a, b)) === b
    }),
    'addBusinessDays(a, businessDaysBetween(a, b)) === b for a business day b',
  )
  run(
    t,
    fc.property(withExtrasArb, nArb, ([raw, id, extras], n) => {
      const cal = getCalendar(id, extras)
      const a = cal.adjust(raw, 'following')
      return cal.addBusinessDays(cal.addBusinessDays(a, n), -n) === a
    }),
    'addBusinessDays(addBusinessDays(a, n), -n) === a for a business day a',
  )
  run(
    t,
    fc.property(dateArb, dateArb, calendarArb, (a, b, id) => {
      const cal = getCalendar(id)
      return cal.businessDaysBetween(a, b) === -cal.businessDaysBetween(b, a)
    }),
    'businessDaysBetween is antisymmetric',
  )
})

t.test('adjust', async (t) => {
  run(
    t,
    fc.property(withExtrasArb, ([a, id, extras]) => {
      const cal = getCalendar(id, extras)
      const month = ymdOfIso(a).month
      for (const convention of BUSINESS_DAY_CONVENTIONS) {
        const x = cal.adjust(a, convention)
        if (convention === 'unadjusted') {
          if (x !== a) return false
          continue
        }
        if (!cal.isBusinessDay(x) || cal.adjust(x, convention) !== x) return false
        if (cal.isBusinessDay(a) && x !== a) return false
        if (convention === 'following' && (x < a || naiveBetween(cal, a, x) !== (x === a ? 0 : 1))) return false
        if (
          convention === 'preceding' &&
          (x > a || naiveBetween(cal, x, a) !== (x === a || !cal.isBusinessDay(a) ? 0 : 1))
        )
          return false
        if (convention.startsWith('modified') && ymdOfIso(x).month !== month) return false
      }
      return true
    }),
    'adjust returns a business day, is idempotent, leaves business days alone, modified stays in the month',
  )
})

t.test('holidays(from, to)', async (t) => {
  run(
    t,
    fc.property(withExtrasArb, fc.integer({ min: 0, max: 400 }), ([from, id, extras], span) => {
      const cal = getCalendar(id, extras)
      const to = fromEpochDay(toEpochDay(from) + span)
      const listed = cal.holidays(from, to)
      const closedWeekdays: string[] = []
      for (let e = toEpochDay(from); e <= toEpochDay(to); e++) {
        if (weekdayOf(e) <= Weekday.Friday && !cal.isBusinessDay(fromEpochDay(e))) closedWeekdays.push(fromEpochDay(e))
      }
      return (
        JSON.stringify(listed.map((h) => h.date)) === JSON.stringify(closedWeekdays) &&
        listed.every((h) => h.date >= from && h.date <= to && h.name === cal.holidayName(h.date) && h.name.length > 0)
      )
    }),
    'holidays are exactly the closed weekdays in [from, to], sorted, named',
  )
  run(
    t,
    fc.property(dateArb, calendarArb, (a, id) => {
      const cal = getCalendar(id)
      const w = weekdayOf(toEpochDay(a))
      if (w >= Weekday.Saturday) return !cal.isBusinessDay(a) && cal.holidayName(a) === undefined
      return cal.isBusinessDay(a) === (cal.holidayName(a) === undefined)
    }),
    'a weekday is closed exactly when it has a holiday name; weekends are closed and unnamed',
  )
})
