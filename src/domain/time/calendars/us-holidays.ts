/**
 * United States holiday rules shared by the US calendars, after QuantLib's
 * ql/time/calendars/unitedstates.cpp (isWashingtonBirthday, isMemorialDay, isLaborDay,
 * isColumbusDay, isVeteransDay, isVeteransDayNoSaturday, isJuneteenth and the inline rules).
 *
 * Each predicate answers for one (year, month, day, weekday). A holiday on a fixed date falling
 * on Sunday is always observed on the Monday after; whether one falling on Saturday is observed
 * on the Friday before is the `saturday` parameter, as in QuantLib (e.g. `isJuneteenth(...,
 * moveToFriday)`, `isVeteransDay` vs `isVeteransDayNoSaturday`).
 */
import { Weekday } from '../dates.js'
import type { HolidayRule } from './rules.js'

/** What happens to a fixed-date holiday falling on a Saturday. */
export type SaturdayRule = 'to-friday' | 'not-moved'

/**
 * A fixed-date holiday on month/day: on the day, the Monday after a Sunday, or (optionally) the Friday before a
 * Saturday.
 */
export function isFixedDateHoliday(
  m: number,
  d: number,
  w: Weekday,
  month: number,
  day: number,
  saturday: SaturdayRule,
): boolean {
  if (m !== month) return false
  return (
    d === day ||
    (d === day + 1 && w === Weekday.Monday) ||
    (saturday === 'to-friday' && d === day - 1 && w === Weekday.Friday)
  )
}

/** January 1st (Monday if Sunday; Friday December 31st if Saturday and `saturday` is 'to-friday'). */
export function isNewYearsDay(_y: number, m: number, d: number, w: Weekday, saturday: SaturdayRule): boolean {
  return (
    (m === 1 && (d === 1 || (d === 2 && w === Weekday.Monday))) ||
    (saturday === 'to-friday' && m === 12 && d === 31 && w === Weekday.Friday)
  )
}

/** Third Monday in January, from `fromYear` (1983 for the federal holiday, 1998 on the NYSE). */
export function isMartinLutherKingDay(y: number, m: number, d: number, w: Weekday, fromYear: number): boolean {
  return y >= fromYear && m === 1 && d >= 15 && d <= 21 && w === Weekday.Monday
}

/** Third Monday in February since 1971 (Uniform Monday Holiday Act); before, February 22nd. */
export function isWashingtonsBirthday(y: number, m: number, d: number, w: Weekday, saturday: SaturdayRule): boolean {
  if (y >= 1971) return m === 2 && d >= 15 && d <= 21 && w === Weekday.Monday
  return isFixedDateHoliday(m, d, w, 2, 22, saturday)
}

/** Last Monday in May since 1971; before, May 30th. */
export function isMemorialDay(y: number, m: number, d: number, w: Weekday, saturday: SaturdayRule): boolean {
  if (y >= 1971) return m === 5 && d >= 25 && w === Weekday.Monday
  return isFixedDateHoliday(m, d, w, 5, 30, saturday)
}

/** June 19th from `fromYear`: declared in 2021, observed by QuantLib's calendars from 2022. */
export function isJuneteenth(
  y: number,
  m: number,
  d: number,
  w: Weekday,
  saturday: SaturdayRule,
  fromYear: number,
): boolean {
  return y >= fromYear && isFixedDateHoliday(m, d, w, 6, 19, saturday)
}

/** July 4th. */
export function isIndependenceDay(_y: number, m: number, d: number, w: Weekday, saturday: SaturdayRule): boolean {
  return isFixedDateHoliday(m, d, w, 7, 4, saturday)
}

/** First Monday in September. */
export function isLaborDay(_y: number, m: number, d: number, w: Weekday): boolean {
  return m === 9 && d <= 7 && w === Weekday.Monday
}

/** Second Monday in October, from 1971. */
export function isColumbusDay(y: number, m: number, d: number, w: Weekday): boolean {
  return y >= 1971 && m === 10 && d >= 8 && d <= 14 && w === Weekday.Monday
}

/** November 11th, except 1971-1977 when it was the fourth Monday in October. */
export function isVeteransDay(y: number, m: number, d: number, w: Weekday, saturday: SaturdayRule): boolean {
  if (y >= 1971 && y <= 1977) return m === 10 && d >= 22 && d <= 28 && w === Weekday.Monday
  return isFixedDateHoliday(m, d, w, 11, 11, saturday)
}

/** Fourth Thursday in November. */
export function isThanksgiving(_y: number, m: number, d: number, w: Weekday): boolean {
  return m === 11 && d >= 22 && d <= 28 && w === Weekday.Thursday
}

/** December 25th. */
export function isChristmas(_y: number, m: number, d: number, w: Weekday, saturday: SaturdayRule): boolean {
  return isFixedDateHoliday(m, d, w, 12, 25, saturday)
}

// --- the same rules as rows of a calendar's rule table ----------------------------------------

export const newYearsDay = (saturday: SaturdayRule): HolidayRule => ({
  name: "New Year's Day",
  nominal: () => [1, 1],
  is: (y, m, d, w) => isNewYearsDay(y, m, d, w, saturday),
})

export const martinLutherKingDay = (fromYear: number): HolidayRule => ({
  name: 'Martin Luther King Jr. Day',
  is: (y, m, d, w) => isMartinLutherKingDay(y, m, d, w, fromYear),
})

export const washingtonsBirthday = (saturday: SaturdayRule): HolidayRule => ({
  name: "Washington's Birthday",
  nominal: (y) => (y < 1971 ? [2, 22] : undefined),
  is: (y, m, d, w) => isWashingtonsBirthday(y, m, d, w, saturday),
})

export const memorialDay = (saturday: SaturdayRule): HolidayRule => ({
  name: 'Memorial Day',
  nominal: (y) => (y < 1971 ? [5, 30] : undefined),
  is: (y, m, d, w) => isMemorialDay(y, m, d, w, saturday),
})

export const juneteenth = (saturday: SaturdayRule, fromYear = 2022): HolidayRule => ({
  name: 'Juneteenth National Independence Day',
  nominal: () => [6, 19],
  is: (y, m, d, w) => isJuneteenth(y, m, d, w, saturday, fromYear),
})

export const independenceDay = (saturday: SaturdayRule): HolidayRule => ({
  name: 'Independence Day',
  nominal: () => [7, 4],
  is: (y, m, d, w) => isIndependenceDay(y, m, d, w, saturday),
})

export const laborDay: HolidayRule = { name: 'Labor Day', is: isLaborDay }

export const columbusDay: HolidayRule = { name: 'Columbus Day', is: isColumbusDay }

export const veteransDay = (saturday: SaturdayRule): HolidayRule => ({
  name: 'Veterans Day',
  nominal: (y) => (y >= 1971 && y <= 1977 ? undefined : [11, 11]),
  is: (y, m, d, w) => isVeteransDay(y, m, d, w, saturday),
})

export const thanksgiving: HolidayRule = { name: 'Thanksgiving Day', is: isThanksgiving }

export const christmas = (saturday: SaturdayRule): HolidayRule => ({
  name: 'Christmas Day',
  nominal: () => [12, 25],
  is: (y, m, d, w) => isChristmas(y, m, d, w, saturday),
})
