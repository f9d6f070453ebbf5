/**
 * 30/360 Bond Basis ("30/360", "360/360"; QuantLib's Thirty360::BondBasis).
 *
 * Rule (2006 ISDA Definitions, Section 4.16(f)), for [start, end):
 *   D1 = 31 → 30;
 *   D2 = 31 → 30, but only if D1 is (then) 30 or 31 ("D1 is greater than 29").
 *   February is never lengthened.
 *   days = 360 × (Y2 − Y1) + 30 × (M2 − M1) + (D2 − D1); year fraction = days / 360.
 *
 * Worked: 2023-02-28 → 2023-03-31 is 33 days (D1 = 28 < 30, so D2 stays 31).
 */
import { ymdOfIso, type IsoDate } from '../dates.js'
import { over360, signed, thirty360Days, type YearFraction } from './common.js'

export function thirty360BondBasis(start: IsoDate, end: IsoDate): YearFraction {
  return signed(start, end, (from, to) => {
    const a = ymdOfIso(from)
    const b = ymdOfIso(to)
    const d1 = a.day === 31 ? 30 : a.day
    const d2 = b.day === 31 && d1 > 29 ? 30 : b.day
    return over360(thirty360Days(a.year, a.month, d1, b.year, b.month, d2))
  })
}
