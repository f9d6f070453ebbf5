/**
 * The generic BusinessCalendar over a rule table (see rules.ts).
 *
 * Everything runs on epoch days (integers). Each calendar year is evaluated once against the
 * rules and cached: a closed-day bitmap and a prefix count of business days, so counting over a
 * long span walks years, not days, and adding 100,000 business days costs a few hundred steps.
 * Per-request extra holidays wrap a base calendar without touching its cache.
 *
 * Supported dates are 1901-01-01..2199-12-31; arithmetic works for any year 1..9999 (results a
 * little past the supported range are returned as computed; the HTTP layer validates them).
 */
import type { IsoDate } from '../dates.js'
import { daysInMonth, epochDayOf, fromEpochDay, toEpochDay, Weekday, weekdayOf, ymdOf } from '../dates.js'
import type { BusinessCalendar, BusinessDayConvention, CalendarId, Holiday } from '../calendar.js'
import type { CalendarRules } from './rules.js'

export const EXTRA_HOLIDAY = 'Extra holiday'

const MIN_YEAR = 1
const MAX_YEAR = 9999
/** Larger steps (about 3,800 years) are refused: no contract needs them, and each year costs memory. */
export const MAX_BUSINESS_DAYS = 1_000_000

/** One calendar year, evaluated once. */
interface YearData {
  year: number
  /** epoch day of January 1st */
  start: number
  /** 1 for a weekend day or holiday, by day index (0 = January 1st) */
  closed: Uint8Array
  /** prefix[i] = business days among the first i days of the year; prefix[length] = total */
  prefix: Uint16Array
  total: number
  /** the holidays (weekdays only), ascending day index, with their names */
  holidayIndex: number[]
  holidayNames: string[]
}

/** Shared public surface: ISO strings in and out, epoch days underneath. */
abstract class EpochCalendar implements BusinessCalendar {
  abstract readonly id: CalendarId
  abstract readonly name: string
  abstract readonly description: string

  abstract isBusinessEpoch(day: number): boolean
  abstract holidayNameEpoch(day: number): string | undefined
  abstract holidaysEpoch(from: number, to: number): Holiday[]
  /** n > 0: the n-th business day after `day`; n < 0: the |n|-th before; n = 0: `day` or the next business day. */
  abstract addEpoch(day: number, n: number): number
  /** Business days in (a, b] for a <= b. */
  abstract countEpoch(a: number, b: number): number

  isBusinessDay(date: IsoDate): boolean {
    return this.isBusinessEpoch(toEpochDay(date))
  }

  holidayName(date: IsoDate): string | undefined {
    return this.holidayNameEpoch(toEpochDay(date))
  }

  holidays(from: IsoDate, to: IsoDate): Holiday[] {
    const a = toEpochDay(from)
    const b = toEpochDay(to)
    return a > b ? [] : this.holidaysEpoch(a, b)
  }

  addBusinessDays(date: IsoDate, n: number): IsoDate {
    if (!Number.isSafeInteger(n) || Math.abs(n) > MAX_BUSINESS_DAYS) {
      throw new RangeError(
        `business days must be an integer in [-${MAX_BUSINESS_DAYS}, ${MAX_BUSINESS_DAYS}], got ${n}`,
      )
    }
    return fromEpochDay(this.addEpoch(toEpochDay(date), n))
  }

  businessDaysBetween(a: IsoDate, b: IsoDate): number {
    const x = toEpochDay(a)
    const y = toEpochDay(b)
    return x <= y ? this.countEpoch(x, y) : -this.countEpoch(y, x)
  }

  adjust(date: IsoDate, convention: BusinessDayConvention): IsoDate {
    return fromEpochDay(this.adjustEpoch(toEpochDay(date), convention))
  }

  adjustEpoch(day: number, convention: BusinessDayConvention): number {
    switch (convention) {
      case 'unadjusted':
        return day
      case 'following':
        return this.following(day)
      case 'preceding':
        return this.preceding(day)
      case 'modified-following': {
        const next = this.following(day)
        return ymdOf(next).month === ymdOf(day).month ? next : this.preceding(day)
      }
      case 'modified-preceding': {
        const previous = this.preceding(day)
        return ymdOf(previous).month === ymdOf(day).month ? previous : this.following(day)
      }
      default:
        throw new RangeError(`unknown business day convention ${String(convention)}`)
    }
  }

  following(day: number): number {
    let d = day
    while (!this.isBusinessEpoch(d)) d++
    return d
  }

  preceding(day: number): number {
    let d = day
    while (!this.isBusinessEpoch(d)) d--
    return d
  }
}

/** A base calendar: its rules, evaluated year by year and cached. */
export class RuleCalendar extends EpochCalendar {
  readonly id: CalendarId
  readonly name: string
  readonly description: string
  private readonly years = new Map<number, YearData>()

  constructor(readonly rules: CalendarRules) {
    super()
    this.id = rules.id
    this.name = rules.name
    this.description = rules.description
  }

  /** The cached evaluation of one year (RangeError outside years 1..9999). */
  yearData(year: number): YearData {
    let data = this.years.get(year)
    if (data === undefined) {
      data = this.evaluate(year)
      this.years.set(year, data)
    }
    return data
  }

  private evaluate(year: number): YearData {
    if (!(year >= MIN_YEAR && year <= MAX_YEAR))
      throw new RangeError(`date out of the calendar arithmetic range (year ${year})`)
    const start = epochDayOf(year, 1, 1)
    const length = epochDayOf(year + 1, 1, 1) - start
    const closed = new Uint8Array(length)
    const prefix = new Uint16Array(length + 1)
    const holidayIndex: number[] = []
    const holidayNames: string[] = []
    let weekday = weekdayOf(start)
    let month = 1
    let day = 1
    for (let i = 0; i < length; i++) {
      if (weekday >= Weekday.Saturday) {
        closed[i] = 1
      } else {
        const name = this.rules.holidayName(year, month, day, weekday)
        if (name !== undefined) {
          closed[i] = 1
          holidayIndex.push(i)
          holidayNames.push(name)
        }
      }
      prefix[i + 1] = prefix[i]! + (closed[i] === 1 ? 0 : 1)
      weekday = weekday === Weekday.Sunday ? Weekday.Monday : weekday + 1
      if (++day > daysInMonth(year, month)) {
        day = 1
        month++
      }
    }
    return { year, start, closed, prefix, total: prefix[length]!, holidayIndex, holidayNames }
  }

  private locate(day: number): { data: YearData; index: number } {
    const data = this.yearData(ymdOf(day).year)
    return { data, index: day - data.start }
  }

  isBusinessEpoch(day: number): boolean {
    const { data, index } = this.locate(day)
    return data.closed[index] === 0
  }

  holidayNameEpoch(day: number): string | undefined {
    const { data, index } = this.locate(day)
    if (data.closed[index] === 0) return undefined
    const k = data.holidayIndex.indexOf(index)
    return k < 0 ? undefined : data.holidayNames[k]
  }

  holidaysEpoch(from: number, to: number): Holiday[] {
    const out: Holiday[] = []
    const first = ymdOf(from).year
    const last = ymdOf(to).year
    for (let year = first; year <= last; year++) {
      const data = this.yearData(year)
      for (let k = 0; k < data.holidayIndex.length; k++) {
        const day = data.start + data.holidayIndex[k]!
        if (day >= from && day <= to) out.push({ date: fromEpochDay(day), name: data.holidayNames[k]! })
      }
    }
    return out
  }

  countEpoch(a: number, b: number): number {
    if (b <= a) return 0
    const A = this.locate(a)
    const B = this.locate(b)
    if (A.data === B.data) return B.data.prefix[B.index + 1]! - A.data.prefix[A.index + 1]!
    let count = A.data.total - A.data.prefix[A.index + 1]!
    for (let year = A.data.year + 1; year < B.data.year; year++) count += this.yearData(year).total
    return count + B.data.prefix[B.index + 1]!
  }

  addEpoch(day: number, n: number): number {
    if (n === 0) return this.following(day)
    let { data, index } = this.locate(day)
    if (n > 0) {
      // business days after `day` in its year: total - prefix[index + 1]
      let remaining = n
      let available = data.total - data.prefix[index + 1]!
      while (remaining > available) {
        remaining -= available
        data = this.yearData(data.year + 1)
        index = -1
        available = data.total
      }
      const target = data.prefix[index + 1]! + remaining
      let i = index + 1
      while (data.prefix[i + 1]! < target) i++
      return data.start + i
    }
    // business days before `day` in its year: prefix[index]
    let remaining = -n
    let available = data.prefix[index]!
    while (remaining > available) {
      remaining -= available
      data = this.yearData(data.year - 1)
      index = data.closed.length
      available = data.total
    }
    const target = data.prefix[index]! - remaining
    let i = index - 1
    while (data.prefix[i]! > target) i--
    return data.start + i
  }
}

/** Sorted unique numbers: the index of the first element > x. */
function upperBound(sorted: readonly number[], x: number): number {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (sorted[mid]! <= x) lo = mid + 1
    else hi = mid
  }
  return lo
}

/**
 * A base calendar plus one-off closings. Extra holidays on a weekend or on a holiday of the base
 * calendar change nothing; the others are named "Extra holiday".
 */
export class CalendarWithExtras extends EpochCalendar {
  readonly id: CalendarId
  readonly name: string
  readonly description: string
  /** extra closings that are business days of the base calendar, ascending epoch days */
  private readonly extras: number[]
  private readonly extraSet: ReadonlySet<number>

  constructor(
    private readonly base: RuleCalendar,
    extraHolidays: readonly IsoDate[],
  ) {
    super()
    this.id = base.id
    this.name = base.name
    this.description = base.description
    const days = new Set<number>()
    for (const date of extraHolidays) {
      const day = toEpochDay(date)
      if (base.isBusinessEpoch(day)) days.add(day)
    }
    this.extras = [...days].sort((x, y) => x - y)
    this.extraSet = days
  }

  /** Extra closings in (a, b], a <= b. */
  private extrasIn(a: number, b: number): number {
    return upperBound(this.extras, b) - upperBound(this.extras, a)
  }

  isBusinessEpoch(day: number): boolean {
    return !this.extraSet.has(day) && this.base.isBusinessEpoch(day)
  }

  holidayNameEpoch(day: number): string | undefined {
    return this.extraSet.has(day) ? EXTRA_HOLIDAY : this.base.holidayNameEpoch(day)
  }

  holidaysEpoch(from: number, to: number): Holiday[] {
    const holidays = this.base.holidaysEpoch(from, to)
    const lo = upperBound(this.extras, from - 1)
    const hi = upperBound(this.extras, to)
    if (lo === hi) return holidays
    for (let k = lo; k < hi; k++) holidays.push({ date: fromEpochDay(this.extras[k]!), name: EXTRA_HOLIDAY })
    return holidays.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0))
  }

  countEpoch(a: number, b: number): number {
    return b <= a ? 0 : this.base.countEpoch(a, b) - this.extrasIn(a, b)
  }

  addEpoch(day: number, n: number): number {
    if (this.extras.length === 0) return this.base.addEpoch(day, n)
    if (n === 0) {
      let d = this.base.addEpoch(day, 0)
      while (this.extraSet.has(d)) d = this.base.addEpoch(d, 1)
      return d
    }
    // Step on the base calendar, then step again over as many days as extra closings were crossed.
    let to = this.base.addEpoch(day, n)
    let missed = n > 0 ? this.extrasIn(day, to) : this.extrasIn(to - 1, day - 1)
    while (missed > 0) {
      const next = this.base.addEpoch(to, n > 0 ? missed : -missed)
      missed = n > 0 ? this.extrasIn(to, next) : this.extrasIn(next - 1, to - 1)
      to = next
    }
    return to
  }
}
