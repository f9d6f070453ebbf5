/**
 * What a calendar is made of: a rule table read top to bottom, each row a named holiday and the
 * predicate that says whether a (year, month, day, weekday) is that holiday (or its observance).
 * The generic machinery (caching, counting, adjusting) is in business-calendar.ts.
 */
import type { Weekday } from '../dates.js'
import type { CalendarId } from '../calendar.js'

/** Whether (y, m, d, w) is a given holiday. Months and days are 1-based, w is ISO (Monday = 1). */
export type DayPredicate = (y: number, m: number, d: number, w: Weekday) => boolean

export interface HolidayRule {
  name: string
  is: DayPredicate
  /**
   * For a fixed-date holiday, its nominal (month, day) in year y (undefined in years where it is
   * not a fixed date): a day matching the rule on another date is named "<name> (observed)".
   */
  nominal?: (y: number) => readonly [month: number, day: number] | undefined
}

export interface CalendarRules {
  id: CalendarId
  name: string
  description: string
  /**
   * The holiday's name when (y, m, d, w) is a holiday of the calendar, else undefined. Only ever
   * asked about Monday..Friday: weekends are closed anyway and never listed as holidays.
   */
  holidayName(y: number, m: number, d: number, w: Weekday): string | undefined
}

/** The first rule of the table that matches names the day. */
export function ruleTable(rules: readonly HolidayRule[]): CalendarRules['holidayName'] {
  return (y, m, d, w) => {
    for (const rule of rules) {
      if (!rule.is(y, m, d, w)) continue
      const nominal = rule.nominal?.(y)
      return nominal !== undefined && (nominal[0] !== m || nominal[1] !== d) ? `${rule.name} (observed)` : rule.name
    }
    return undefined
  }
}

/** A one-off closing on a single date. */
export function oneOff(year: number, month: number, day: number, name: string): HolidayRule {
  return { name, is: (y, m, d) => y === year && m === month && d === day }
}
