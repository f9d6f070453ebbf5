/**
 * us-government-bond: the US government securities market (SIFMA recommendations). QuantLib:
 * UnitedStates(UnitedStates::GovernmentBond), latest release.
 *
 * New Year's Day is not moved to a Saturday's Friday before, nor is Veterans Day; other fixed-date
 * holidays on Saturday are observed on Friday. Good Friday is a holiday except, since 1996, when
 * it is the release date of the US employment report (the first Friday of April), when SIFMA
 * recommends only an early close (QuantLib 1.35, PR #2004; 1.29 excepted only 2015).
 */
import type { CalendarRules, DayPredicate } from './rules.js'
import { oneOff, ruleTable } from './rules.js'
import { isGoodFriday } from './easter.js'
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

/**
 * Good Friday, except an April 1..7 Good Friday since 1996: that is the NFP release date ("the
 * third Friday after the week including the 12th" of March, always the first Friday of April
 * since March has 31 days), an early close only.
 */
export const isSifmaGoodFriday: DayPredicate = (y, m, d) => isGoodFriday(y, m, d) && (y < 1996 || d > 7)

export const usGovernmentBond: CalendarRules = {
  id: 'us-government-bond',
  name: 'US government bond market',
  description:
    "SIFMA recommended full closes for US government securities: New Year's Day, Martin Luther King Jr. Day (from " +
    "1983), Washington's Birthday, Good Friday (not when it is the first Friday of April, since 1996), Memorial Day, " +
    'Juneteenth (from 2022), Independence Day, Labor Day, Columbus Day, Veterans Day, Thanksgiving Day, Christmas ' +
    'Day and special closings. QuantLib UnitedStates::GovernmentBond.',
  holidayName: ruleTable([
    newYearsDay('not-moved'),
    martinLutherKingDay(1983),
    washingtonsBirthday('to-friday'),
    { name: 'Good Friday', is: isSifmaGoodFriday },
    memorialDay('to-friday'),
    juneteenth('to-friday'),
    independenceDay('to-friday'),
    laborDay,
    columbusDay,
    veteransDay('not-moved'),
    thanksgiving,
    christmas('to-friday'),
    // special closings
    oneOff(2018, 12, 5, 'National Day of Mourning for President George H. W. Bush'),
    oneOff(2012, 10, 30, 'Hurricane Sandy'),
    oneOff(2004, 6, 11, 'National Day of Mourning for President Reagan'),
  ]),
}
