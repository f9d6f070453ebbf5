/**
 * Shared pieces of the day count conventions: the exact year-fraction type, the 30/360 day
 * formula, and the sign rule for reversed periods.
 *
 * Every convention returns its year fraction as a ratio of integers so that no binary
 * floating point division ever happens; callers multiply by `numerator` and divide by
 * `denominator` with decimal.js (see `yearFractionDecimal` in index.ts).
 */
import { toEpochDay, type IsoDate } from '../dates.js'

/** The year fraction of [start, end) as an exact ratio: numerator / denominator. */
export interface YearFraction {
  /** the convention's day count (30/360 days for the 30/360 family, actual days otherwise) */
  days: number
  numerator: number
  denominator: number
}

/**
 * `0 - x` rather than `-x`, so that a zero never becomes -0 (which JSON would print as 0 anyway, but === tests and
 * Object.is would not).
 */
const negate = (x: number): number => 0 - x

/**
 * Applies a convention defined for start <= end to any pair of dates: when end is before
 * start the year fraction is the negative of the one of [end, start). The denominator
 * stays positive.
 */
export function signed(
  start: IsoDate,
  end: IsoDate,
  forward: (from: IsoDate, to: IsoDate) => YearFraction,
): YearFraction {
  if (end >= start) return forward(start, end)
  const reverse = forward(end, start)
  return { days: negate(reverse.days), numerator: negate(reverse.numerator), denominator: reverse.denominator }
}

/** Actual days in [start, end) (start <= end). */
export function actualDays(start: IsoDate, end: IsoDate): number {
  return toEpochDay(end) - toEpochDay(start)
}

/**
 * The 30/360 day count once D1 and D2 have been adjusted by a convention's rules:
 * 360 × (Y2 − Y1) + 30 × (M2 − M1) + (D2 − D1)  (ISDA 2006 Section 4.16(f)-(h)).
 */
export function thirty360Days(y1: number, m1: number, d1: number, y2: number, m2: number, d2: number): number {
  return 360 * (y2 - y1) + 30 * (m2 - m1) + (d2 - d1)
}

/** A 30/360-family result: the adjusted day count over 360. */
export function over360(days: number): YearFraction {
  return { days, numerator: days, denominator: 360 }
}
