/**
 * us-nyse: the New York Stock Exchange. QuantLib: UnitedStates(UnitedStates::NYSE), latest
 * release (1.29 plus the 2025-01-09 closing, QuantLib 1.37, PR #2127).
 *
 * No Columbus Day or Veterans Day; Good Friday every year; Martin Luther King Jr. Day only from
 * 1998; New Year's Day on Saturday is not moved to Friday (the year-end trading day stays open),
 * other fixed-date holidays on Saturday are observed on Friday; election days until 1980; and the
 * exchange's special closings, as listed in QuantLib.
 */
import { epochDayOf, Weekday } from '../dates.js'
import type { CalendarRules, DayPredicate, HolidayRule } from './rules.js'
import { oneOff, ruleTable } from './rules.js'
import { isGoodFriday } from './easter.js'
import {
  christmas,
  independenceDay,
  juneteenth,
  laborDay,
  martinLutherKingDay,
  memorialDay,
  newYearsDay,
  thanksgiving,
  washingtonsBirthday,
} from './us-holidays.js'

/**
 * Election Day closings: every year until 1968, then presidential years until 1980 (QuantLib: a Tuesday in November
 * 1..7).
 */
export const isNyseElectionDay: DayPredicate = (y, m, d, w) =>
  (y <= 1968 || (y <= 1980 && y % 4 === 0)) && m === 11 && d <= 7 && w === Weekday.Tuesday

/**
 * June 12 - December 31, 1968: four-day weeks, closed on Wednesdays (paperwork crisis); QuantLib: day of year >= 163.
 */
export const isPaperworkCrisisWednesday: DayPredicate = (y, m, d, w) =>
  y === 1968 && w === Weekday.Wednesday && epochDayOf(y, m, d) - epochDayOf(y, 1, 1) + 1 >= 163

/** QuantLib's NYSE special closings (NyseImpl::isBusinessDay, "Special closings"). */
export const NYSE_SPECIAL_CLOSINGS: readonly HolidayRule[] = [
  oneOff(2025, 1, 9, 'National Day of Mourning for President Carter'),
  oneOff(2018, 12, 5, 'National Day of Mourning for President George H. W. Bush'),
  oneOff(2012, 10, 29, 'Hurricane Sandy'),
  oneOff(2012, 10, 30, 'Hurricane Sandy'),
  oneOff(2007, 1, 2, 'National Day of Mourning for President Ford'),
  oneOff(2004, 6, 11, 'National Day of Mourning for President Reagan'),
  { name: 'September 11 attacks', is: (y, m, d) => y === 2001 && m === 9 && d >= 11 && d <= 14 },
  oneOff(1994, 4, 27, 'Funeral of President Nixon'),
  oneOff(1985, 9, 27, 'Hurricane Gloria'),
  oneOff(1977, 7, 14, 'New York City blackout'),
  oneOff(1973, 1, 25, 'Funeral of President Lyndon B. Johnson'),
  oneOff(1972, 12, 28, 'Funeral of President Truman'),
  oneOff(1969, 7, 21, 'National Day of Participation for the lunar exploration'),
  oneOff(1969, 3, 31, 'Funeral of President Eisenhower'),
  oneOff(1969, 2, 10, 'Heavy snow'),
  oneOff(1968, 7, 5, 'Day after Independence Day'),
  { name: 'Paperwork crisis (closed on Wednesdays)', is: isPaperworkCrisisWednesday },
  oneOff(1968, 4, 9, 'Day of mourning for Martin Luther King Jr.'),
  oneOff(1963, 11, 25, 'Funeral of President Kennedy'),
  oneOff(1961, 5, 29, 'Day before Decoration Day'),
  oneOff(1958, 12, 26, 'Day after Christmas'),
  { name: 'Christmas Eve', is: (y, m, d) => (y === 1954 || y === 1956 || y === 1965) && m === 12 && d === 24 },
]

export const usNyse: CalendarRules = {
  id: 'us-nyse',
  name: 'New York Stock Exchange',
  description:
    "NYSE closings: New Year's Day, Martin Luther King Jr. Day (from 1998), Washington's Birthday, Good Friday, " +
    'Memorial Day, Juneteenth (from 2022), Independence Day, Labor Day, Thanksgiving Day, Christmas Day, election ' +
    'days (until 1980) and special closings (e.g. 2001-09-11..14, 2012-10-29..30, 2025-01-09). QuantLib ' +
    'UnitedStates::NYSE.',
  holidayName: ruleTable([
    newYearsDay('not-moved'),
    martinLutherKingDay(1998),
    washingtonsBirthday('to-friday'),
    { name: 'Good Friday', is: (y, m, d) => isGoodFriday(y, m, d) },
    memorialDay('to-friday'),
    juneteenth('to-friday'),
    independenceDay('to-friday'),
    laborDay,
    thanksgiving,
    christmas('to-friday'),
    { name: 'Election Day', is: isNyseElectionDay },
    ...NYSE_SPECIAL_CLOSINGS,
  ]),
}
