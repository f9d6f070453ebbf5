/**
 * us-settlement: US federal holidays as a generic settlement calendar. QuantLib:
 * UnitedStates(UnitedStates::Settlement), latest release (unchanged since 1.29).
 *
 * The us-fed holidays, but a holiday on Saturday is observed on the Friday before (New Year's
 * Day on Saturday: Friday December 31st of the year before), on Sunday the Monday after.
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

export const usSettlement: CalendarRules = {
  id: 'us-settlement',
  name: 'US settlement',
  description:
    "US federal holidays (as us-fed), with a holiday on Saturday observed on the Friday before (New Year's Day on " +
    'Saturday: December 31st) and on Sunday the Monday after. QuantLib UnitedStates::Settlement.',
  holidayName: ruleTable([
    newYearsDay('to-friday'),
    martinLutherKingDay(1983),
    washingtonsBirthday('to-friday'),
    memorialDay('to-friday'),
    juneteenth('to-friday'),
    independenceDay('to-friday'),
    laborDay,
    columbusDay,
    veteransDay('to-friday'),
    thanksgiving,
    christmas('to-friday'),
  ]),
}
