/**
 * Actual/Actual (ISDA) ("Act/Act", "Actual/365"; QuantLib's ActualActual::ISDA).
 *
 * Rule (2006 ISDA Definitions, Section 4.16(b); ISDA memo "EMU and market conventions:
 * recent developments", 1998): the actual number of days in [start, end) falling in a leap
 * year divided by 366, plus those falling in a non-leap year divided by 365.
 *
 * Exactly: (days in non-leap years × 366 + days in leap years × 365) / (365 × 366).
 * As in QuantLib, the period is cut at each 1 January: the part in the start year, every
 * whole calendar year in between (each worth exactly 1 = 365 × 366 / (365 × 366)), and the
 * part in the end year.
 * Example: 2003-11-01 → 2004-05-01 = 61/365 + 121/366 = 66491/133590.
 */
import { epochDayOf, isLeapYear, toEpochDay, ymdOfIso, type IsoDate } from '../dates.js'
import { signed, type YearFraction } from './common.js'

const DENOMINATOR = 365 * 366

/** The numerator over 365 × 366 of `days` days of year `year`. */
const weighted = (year: number, days: number): number => days * (isLeapYear(year) ? 365 : 366)

export function actActIsda(start: IsoDate, end: IsoDate): YearFraction {
  return signed(start, end, (from, to) => {
    const y1 = ymdOfIso(from).year
    const y2 = ymdOfIso(to).year
    const d1 = toEpochDay(from)
    const d2 = toEpochDay(to)
    if (y1 === y2) return { days: d2 - d1, numerator: weighted(y1, d2 - d1), denominator: DENOMINATOR }
    const firstPart = epochDayOf(y1 + 1, 1, 1) - d1
    const lastPart = d2 - epochDayOf(y2, 1, 1)
    const wholeYears = y2 - y1 - 1
    return {
      days: d2 - d1,
      numerator: weighted(y1, firstPart) + wholeYears * DENOMINATOR + weighted(y2, lastPart),
      denominator: DENOMINATOR,
    }
  })
}
