/**
 * 30/360 US ("30U/360", the SIA rule for US corporate and agency bonds; QuantLib's
 * Thirty360::USA). This is the default of these notes: "a 360-day year of twelve 30-day
 * months".
 *
 * Rule (docs/rules/day-counts.md, after SIA Standard Securities Calculation Methods and the
 * FIX day count definitions), applied IN THIS ORDER to [start, end):
 *   1. if start and end are both the last day of February, D2 = 30;
 *   2. if start is the last day of February, D1 = 30;
 *   3. if D2 = 31 and D1 >= 30 (D1 as already adjusted by 2), D2 = 30;
 *   4. if D1 = 31, D1 = 30.
 *   days = 360 × (Y2 − Y1) + 30 × (M2 − M1) + (D2 − D1); year fraction = days / 360.
 *
 * Note: QuantLib 1.29 (Debian's) predates its fix of "30/360 US from the last day of
 * February": it tests D2 = 31 before lengthening a February start date, so from the last of
 * February to a 31st it counts one day more (2023-02-28 → 2023-03-31: 31 there, 30 here).
 * The rules' order, implemented here, is the one that wins.
 * Worked: 2023-02-28 → 2023-03-31 is 30 days (D1 = 30 by rule 2, then D2 = 30 by rule 3).
 */
import { isLastDayOfFebruary, ymdOfIso, type IsoDate } from '../dates.js'
import { over360, signed, thirty360Days, type YearFraction } from './common.js'

export function thirty360Us(start: IsoDate, end: IsoDate): YearFraction {
  return signed(start, end, (from, to) => {
    const a = ymdOfIso(from)
    const b = ymdOfIso(to)
    let d1 = a.day
    let d2 = b.day
    if (isLastDayOfFebruary(a) && isLastDayOfFebruary(b)) d2 = 30
    if (isLastDayOfFebruary(a)) d1 = 30
    if (d2 === 31 && d1 >= 30) d2 = 30
    if (d1 === 31) d1 = 30
    return over360(thirty360Days(a.year, a.month, d1, b.year, b.month, d2))
  })
}
