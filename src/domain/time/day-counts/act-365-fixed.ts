/**
 * Actual/365 (Fixed) ("Act/365F", "English"; QuantLib's Actual365Fixed, Standard).
 *
 * Rule (2006 ISDA Definitions, Section 4.16(d)): the actual number of days in [start, end)
 * divided by 365, whether or not a leap year is involved.
 */
import type { IsoDate } from '../dates.js'
import { actualDays, signed, type YearFraction } from './common.js'

export function act365Fixed(start: IsoDate, end: IsoDate): YearFraction {
  return signed(start, end, (from, to) => {
    const days = actualDays(from, to)
    return { days, numerator: days, denominator: 365 }
  })
}
