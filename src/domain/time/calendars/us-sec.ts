/**
 * us-sec: business days for SEC filing deadlines (Rule 0-3; Regulation S-T Rule 13 for EDGAR):
 * any day but Saturday, Sunday and the Federal holidays of 5 U.S.C. 6103(a) as federal offices
 * observe them, plus the days EDGAR was closed by executive order.
 *
 * Federal offices observe a holiday falling on Saturday on the Friday before and one falling on
 * Sunday on the Monday after (5 U.S.C. 6103(b), Executive Order 11582); New Year's Day on a
 * Saturday is observed on Friday December 31st. This is where us-sec differs from us-fed, which
 * keeps the Friday open (2026-07-03). Martin Luther King Jr. Day was first observed in 1986 and
 * Juneteenth in 2021 (on Friday 2021-06-18). Inauguration Day (6103(c), Washington D.C. only)
 * is not a 6103(a) holiday: add it as an extra holiday where needed, like other one-off closings.
 */
import type { CalendarRules, HolidayRule } from './rules.js'
import { oneOff, ruleTable } from './rules.js'
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

/** Days the executive departments, and EDGAR with them, were closed by executive order. */
const EDGAR_CLOSINGS: readonly HolidayRule[] = [
  oneOff(2018, 12, 5, 'National Day of Mourning for President George H. W. Bush'),
  oneOff(2018, 12, 24, 'Christmas Eve (executive order)'),
  oneOff(2019, 12, 24, 'Christmas Eve (executive order)'),
  oneOff(2020, 12, 24, 'Christmas Eve (executive order)'),
  oneOff(2025, 1, 9, 'National Day of Mourning for President Carter'),
]

export const usSec: CalendarRules = {
  id: 'us-sec',
  name: 'US SEC (EDGAR)',
  description:
    'Business days for SEC filing deadlines: not Saturday, Sunday or a Federal holiday of 5 U.S.C. 6103(a) as ' +
    "federal offices observe it (New Year's Day, Martin Luther King Jr. Day from 1986, Washington's Birthday, " +
    'Memorial Day, Juneteenth from 2021, Independence Day, Labor Day, Columbus Day, Veterans Day, Thanksgiving Day, ' +
    'Christmas Day; a holiday on Saturday is observed on the Friday before, on Sunday on the Monday after), nor a ' +
    'day EDGAR was closed by executive order (2018-12-05, 2018-12-24, 2019-12-24, 2020-12-24, 2025-01-09).',
  holidayName: ruleTable([
    newYearsDay('to-friday'),
    martinLutherKingDay(1986),
    washingtonsBirthday('to-friday'),
    memorialDay('to-friday'),
    juneteenth('to-friday', 2021), // federal offices observe it from its enactment (Pub. L. 117-17)
    independenceDay('to-friday'),
    laborDay,
    columbusDay,
    veteransDay('to-friday'),
    thanksgiving,
    christmas('to-friday'),
    ...EDGAR_CLOSINGS,
  ]),
}
