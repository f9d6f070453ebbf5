/**
 * us-fed: the Federal Reserve (Fedwire) holiday schedule, the default calendar of the notes
 * ("a day on which commercial banks in New York City are authorized or required by law to
 * close"). QuantLib: UnitedStates(UnitedStates::FederalReserve), latest release.
 *
 * A holiday on Sunday is observed on Monday; a holiday on Saturday is not moved (the Friday
 * before is a business day), see https://www.frbservices.org/about/holiday-schedules.
 *
 * Differences from QuantLib 1.29, all intended:
 * - Juneteenth on Saturday is not moved to Friday (QuantLib 1.33, PR #1848): 2027-06-18 is open.
 *
 * Before 1971 Washington's Birthday (Feb 22) and Memorial Day (May 30) were fixed dates, and
 * QuantLib's FederalReserve, the stated reference, observes them on the Friday before when they
 * fall on a Saturday; we match it day for day (22 Fridays, 1902-1970).
 */
import type { CalendarRules } from './rules.js'
import { ruleTable } from './rules.js'
import {
  christmas,
  columbusDay,
  independenceDay,
  juneteenth,
  laborDay,
  martinLutherKingDay,
  memorialDay,
  newYearsDay,
  thanksgiving,
  veteransDay,
  washingtonsBirthday,
} from './us-holidays.js'

export const usFed: CalendarRules = {
  id: 'us-fed',
  name: 'US Federal Reserve',
  description:
    "Federal Reserve Bank holidays: New Year's Day, Martin Luther King Jr. Day (from 1983), Washington's Birthday, " +
    'Memorial Day, Juneteenth (from 2022), Independence Day, Labor Day, Columbus Day, Veterans Day, Thanksgiving Day ' +
    'and Christmas Day. A holiday on Sunday is observed on Monday; a holiday on Saturday is not moved. ' +
    'QuantLib UnitedStates::FederalReserve.',
  holidayName: ruleTable([
    newYearsDay('not-moved'),
    martinLutherKingDay(1983),
    washingtonsBirthday('to-friday'),
    memorialDay('to-friday'),
    juneteenth('not-moved'),
    independenceDay('not-moved'),
    laborDay,
    columbusDay,
    veteransDay('not-moved'),
    thanksgiving,
    christmas('not-moved'),
  ]),
}
