/**
 * Business-day calendars (public API of the calendars module).
 *
 * One calendar per file, each a rule table after QuantLib's UnitedStates / WeekendsOnly
 * calendars (latest release, with the rules of docs/rules/calendars.md): us-fed.ts, us-settlement.ts,
 * us-nyse.ts, us-government-bond.ts, weekends-only.ts, us-sec.ts; shared US rules in us-holidays.ts, Easter
 * in easter.ts, the generic cached implementation in business-calendar.ts.
 */
import type { IsoDate } from '../dates.js'
import { CALENDAR_IDS, type BusinessCalendar, type CalendarId, type CalendarInfo } from '../calendar.js'
import { CalendarWithExtras, RuleCalendar } from './business-calendar.js'
import type { CalendarRules } from './rules.js'
import { usFed } from './us-fed.js'
import { usGovernmentBond } from './us-government-bond.js'
import { usNyse } from './us-nyse.js'
import { usSec } from './us-sec.js'
import { usSettlement } from './us-settlement.js'
import { weekendsOnly } from './weekends-only.js'

export type { BusinessCalendar, BusinessDayConvention, CalendarId, CalendarInfo, Holiday } from '../calendar.js'
export { BUSINESS_DAY_CONVENTIONS, CALENDAR_IDS, DEFAULT_CALENDAR, isCalendarId } from '../calendar.js'
export type { CalendarRules } from './rules.js'
export { EXTRA_HOLIDAY } from './business-calendar.js'

/** The rule table of each calendar. */
export const CALENDAR_RULES: Readonly<Record<CalendarId, CalendarRules>> = {
  'us-fed': usFed,
  'us-settlement': usSettlement,
  'us-nyse': usNyse,
  'us-government-bond': usGovernmentBond,
  'weekends-only': weekendsOnly,
  'us-sec': usSec,
}

export function listCalendars(): CalendarInfo[] {
  return CALENDAR_IDS.map((id) => {
    const { name, description } = CALENDAR_RULES[id]
    return { id, name, description }
  })
}

const baseCalendars = new Map<CalendarId, RuleCalendar>()

function baseCalendar(id: CalendarId): RuleCalendar {
  let calendar = baseCalendars.get(id)
  if (calendar === undefined) {
    const rules = CALENDAR_RULES[id]
    if (rules === undefined) throw new RangeError(`unknown calendar ${String(id)}`)
    calendar = new RuleCalendar(rules)
    baseCalendars.set(id, calendar)
  }
  return calendar
}

/** The calendar, with one-off closings added (cached per calendar; extras are per request). */
export function getCalendar(id: CalendarId, extraHolidays?: readonly IsoDate[]): BusinessCalendar {
  const base = baseCalendar(id)
  return extraHolidays === undefined || extraHolidays.length === 0 ? base : new CalendarWithExtras(base, extraHolidays)
}
