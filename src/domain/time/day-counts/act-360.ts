/**
 * Actual/360 ("Act/360", "A/360", "French"; QuantLib's Actual360 without the last day).
 *
 * Rule (2006 ISDA Definitions, Section 4.16(e)): the actual number of days in [start, end)
 * divided by 360.
 */
import type { IsoDate } from '../dates.js'
import { actualDays, signed, type YearFraction } from './common.js'

export function act360(start: IsoDate, end: IsoDate): YearFraction {
  return signed(start, end, (from, to) => {
    const days = actualDays(from, to)
    return { days, numerator: days, denominator: 360 }
  })
}
