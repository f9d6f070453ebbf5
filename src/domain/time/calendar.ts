/**
 * What a business-day calendar is: its id, the interface every calendar implements and the
 * business-day conventions. The implementations live in calendars/, one file per calendar, and
 * depend on this file; calendars/index.ts is the registry that picks one by id.
 */
import type { IsoDate } from './dates.js'

export type CalendarId = 'us-fed' | 'us-settlement' | 'us-nyse' | 'us-government-bond' | 'weekends-only' | 'us-sec'
export const CALENDAR_IDS: readonly CalendarId[] = [
  'us-fed',
  'us-settlement',
  'us-nyse',
  'us-government-bond',
  'weekends-only',
  'us-sec',
]
export const DEFAULT_CALENDAR: CalendarId = 'us-fed'

export type BusinessDayConvention =
  'following' | 'modified-following' | 'preceding' | 'modified-preceding' | 'unadjusted'

export interface Holiday {
  date: IsoDate
  name: string
}

export interface CalendarInfo {
  id: CalendarId
  name: string
  description: string
}

export interface BusinessCalendar extends CalendarInfo {
  isBusinessDay(date: IsoDate): boolean
  /** The holiday's name when `date` is a holiday of this calendar (weekends are not holidays). */
  holidayName(date: IsoDate): string | undefined
  /** Holidays in [from, to], weekend days not listed, extra holidays named "Extra holiday". */
  holidays(from: IsoDate, to: IsoDate): Holiday[]
  /** Steps from `date` (not counted) until |n| business days are counted; n = 0 adjusts forward. */
  addBusinessDays(date: IsoDate, n: number): IsoDate
  /** Business days in (a, b]; negative of the count in (b, a] when b < a. */
  businessDaysBetween(a: IsoDate, b: IsoDate): number
  adjust(date: IsoDate, convention: BusinessDayConvention): IsoDate
}

export const BUSINESS_DAY_CONVENTIONS: readonly BusinessDayConvention[] = [
  'following',
  'modified-following',
  'preceding',
  'modified-preceding',
  'unadjusted',
]

export function isCalendarId(id: string): id is CalendarId {
  return (CALENDAR_IDS as readonly string[]).includes(id)
}
