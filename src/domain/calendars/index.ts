/**
 * Business-day calendars (public API of the calendars module).
 * IMPLEMENTATION PENDING (helper): keep these exported names and signatures.
 */
import type { IsoDate } from '../dates.js'

export type CalendarId = 'us-fed' | 'us-settlement' | 'us-nyse' | 'us-government-bond' | 'weekends-only'
export const CALENDAR_IDS: readonly CalendarId[] = ['us-fed', 'us-settlement', 'us-nyse', 'us-government-bond', 'weekends-only']
export const DEFAULT_CALENDAR: CalendarId = 'us-fed'

export type BusinessDayConvention = 'following' | 'modified-following' | 'preceding' | 'modified-preceding' | 'unadjusted'

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

export declare function isCalendarId(id: string): id is CalendarId
export declare function listCalendars(): CalendarInfo[]
/** The calendar, with one-off closings added (cached per calendar; extras are per request). */
export declare function getCalendar(id: CalendarId, extraHolidays?: readonly IsoDate[]): BusinessCalendar
