/**
 * 30E/360 (ISDA) ("German"; QuantLib's Thirty360::ISDA / Thirty360::German, which take the
 * termination date as a constructor argument).
 *
 * Rule (2006 ISDA Definitions, Section 4.16(h)), for [start, end):
 *   D1 → 30 if it is the 31st or the last day of February;
 *   D2 → 30 if it is the 31st, or the last day of February UNLESS end is the Termination
 *   Date (here `maturityDate`) — then a February end date is not lengthened.
 *   days = 360 × (Y2 − Y1) + 30 × (M2 − M1) + (D2 − D1); year fraction = days / 360.
 *
 * Without a `maturityDate` no end date is taken to be the termination date. For a reversed
 * period (end before start) the result is the negative of [end, start), so the maturity
 * test then applies to `start`, the later date.
 *
 * Decision: an empty period [d, d) is 0 days. Read literally, the rule would give −2 (or −1)
 * when d is both the last day of February and the maturity date (D1 → 30, D2 stays 28/29),
 * as QuantLib does; a zero-length accrual must not produce negative interest.
 */
import { isLastDayOfFebruary, ymdOfIso, type IsoDate } from '../dates.js'
import { over360, signed, thirty360Days, type YearFraction } from './common.js'

export function thirtyE360Isda(start: IsoDate, end: IsoDate, maturityDate?: IsoDate): YearFraction {
  return signed(start, end, (from, to) => {
    if (from === to) return over360(0)
    const a = ymdOfIso(from)
    const b = ymdOfIso(to)
    const d1 = a.day === 31 || isLastDayOfFebruary(a) ? 30 : a.day
    const d2 = b.day === 31 || (isLastDayOfFebruary(b) && to !== maturityDate) ? 30 : b.day
    return over360(thirty360Days(a.year, a.month, d1, b.year, b.month, d2))
  })
}
