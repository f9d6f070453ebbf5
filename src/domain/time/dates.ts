/**
 * Plain calendar dates.
 *
 * Every contract date is a New York calendar date with no time of day. The domain carries
 * them as ISO strings (`YYYY-MM-DD`): they compare correctly as strings, serialize as they
 * are, and can never be shifted by the server's time zone. Arithmetic on days uses an epoch
 * day number (days since 1970-01-01, proleptic Gregorian), which is pure integer math; month
 * arithmetic and timestamp conversion use luxon in America/New_York.
 */
import { DateTime } from 'luxon'
import { BoundedCache } from '../bounded-cache.js'

export type IsoDate = string

export const NEW_YORK = 'America/New_York'
export const MIN_DATE: IsoDate = '1901-01-01'
export const MAX_DATE: IsoDate = '2199-12-31'

/** Whether a date lies in the supported range, MIN_DATE..MAX_DATE (docs/rules/calendars.md). */
export const isSupportedDate = (date: IsoDate): boolean => date >= MIN_DATE && date <= MAX_DATE

export const enum Weekday {
  Monday = 1,
  Tuesday = 2,
  Wednesday = 3,
  Thursday = 4,
  Friday = 5,
  Saturday = 6,
  Sunday = 7,
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
export function epochDayOf(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year
  const era = Math.floor(y / 400)
  const yoe = y - era * 400
  const mp = (month + 9) % 12
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy
  return era * 146097 + doe - 719468
}

export interface Ymd {
  year: number
  month: number
  day: number
}

/** The civil date of an epoch day (H. Hinnant's civil_from_days). */
export function ymdOf(epochDay: number): Ymd {
  const z = epochDay + 719468
  const era = Math.floor(z / 146097)
  const doe = z - era * 146097
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365)
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1
  const month = mp < 10 ? mp + 3 : mp - 9
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day }
}

/** ISO weekday (Monday = 1 ... Sunday = 7); 1970-01-01 was a Thursday. */
export function weekdayOf(epochDay: number): Weekday {
  return ((((epochDay + 3) % 7) + 7) % 7) + 1
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : `${n}`)

export function isoOf(year: number, month: number, day: number): IsoDate {
  return `${year}-${pad2(month)}-${pad2(day)}`
}

/** Parses a `YYYY-MM-DD` string already validated at the edge (4-digit year). */
/**
 * The number the digits of `text` in [from, to) write. Dates reach the domain validated
 * (schemas at the edge, isoOf inside), and this reads one without making substrings: date
 * parsing was the engine's busiest function after decimal.js.
 */
function digits(text: string, from: number, to: number): number {
  let n = 0
  for (let i = from; i < to; i++) n = n * 10 + text.charCodeAt(i) - 48
  return n
}

export function toEpochDay(date: IsoDate): number {
  return epochDayOf(digits(date, 0, 4), digits(date, 5, 7), digits(date, 8, 10))
}

export function fromEpochDay(epochDay: number): IsoDate {
  const { year, month, day } = ymdOf(epochDay)
  return isoOf(year, month, day)
}

export function ymdOfIso(date: IsoDate): Ymd {
  return { year: digits(date, 0, 4), month: digits(date, 5, 7), day: digits(date, 8, 10) }
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
}

const DAYS_IN_MONTH: readonly number[] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

export function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeapYear(year) ? 29 : 28) : DAYS_IN_MONTH[month - 1]!
}

export function isLastDayOfFebruary(d: Ymd): boolean {
  return d.month === 2 && d.day === daysInMonth(d.year, 2)
}

/** Whether a `YYYY-MM-DD` string names a real date (2008-02-30 does not). */
export function isValidIsoDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false
  const { year, month, day } = ymdOfIso(text)
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromEpochDay(toEpochDay(date) + days)
}

/** Actual days from a to b (negative when b is before a). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return toEpochDay(b) - toEpochDay(a)
}

/**
 * The date `months` months after `date`, clamped to the end of the month (Jan 31 + 1 month
 * = Feb 28/29): the same as luxon's `plus({ months })` on a New York date (a property test
 * holds them equal), in integer arithmetic because schedules call it for every period.
 */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const { year, month, day } = ymdOfIso(date)
  const index = year * 12 + (month - 1) + months
  const y = Math.floor(index / 12)
  const m = index - y * 12 + 1
  return isoOf(y, m, Math.min(day, daysInMonth(y, m)))
}

export const minDate = (a: IsoDate, b: IsoDate): IsoDate => (a <= b ? a : b)
export const maxDate = (a: IsoDate, b: IsoDate): IsoDate => (a >= b ? a : b)

/** A New York wall-clock reading of a timestamp (or of a bare date, taken at 00:00). */
export interface NewYorkTime {
  date: IsoDate
  /** minutes after midnight in New York */
  minutes: number
  /** true when the input carried no time of day */
  dateOnly: boolean
}

/** `YYYY-MM-DDThh:mm:ss(.fff)(Z|±hh:mm)`, the contract's DateTime. */
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/

/**
 * New York's UTC offset in minutes by UTC hour (hours since the epoch), each asked of luxon
 * once. Since 1883 New York's offsets are whole hours and change on the hour, so an offset
 * holds for a whole UTC hour.
 */
const newYorkOffsets = new BoundedCache<number, number>(100_000)

function newYorkOffset(utcHour: number): number {
  return newYorkOffsets.getOrCompute(utcHour, () => DateTime.fromMillis(utcHour * 3_600_000, { zone: NEW_YORK }).offset)
}

/** Converts a `YYYY-MM-DD` date or an RFC 3339 timestamp to New York date and time. */
export function toNewYorkTime(value: string): NewYorkTime {
  if (value.length === 10) return { date: value, minutes: 0, dateOnly: true }
  // Integer arithmetic plus a cached offset: luxon's parse and zone conversion cost ~13 µs.
  // Seconds never move the minute (offsets are whole minutes), and a leap second (:60, which
  // RFC 3339 and the contract allow, and luxon rejects) is the last second of its minute.
  // Anything else unusual (an impossible date, a year outside 1901..2199) takes luxon's path.
  const m = TIMESTAMP.exec(value)
  if (m !== null) {
    const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(Number) as [
      number,
      number,
      number,
      number,
      number,
      number,
    ]
    const offset = m[7] === undefined ? 0 : (m[7] === '-' ? -1 : 1) * (Number(m[8]) * 60 + Number(m[9]))
    if (
      year >= 1901 &&
      year <= 2199 &&
      month >= 1 &&
      month <= 12 &&
      day >= 1 &&
      day <= daysInMonth(year, month) &&
      hour <= 23 &&
      minute <= 59 &&
      second <= 60 &&
      Math.abs(offset) < 24 * 60 &&
      Number(m[9] ?? 0) <= 59
    ) {
      const utcMinutes = epochDayOf(year, month, day) * 1440 + hour * 60 + minute - offset
      const local = utcMinutes + newYorkOffset(Math.floor(utcMinutes / 60))
      const localDay = Math.floor(local / 1440)
      return { date: fromEpochDay(localDay), minutes: local - localDay * 1440, dateOnly: false }
    }
  }
  const t = DateTime.fromISO(value, { setZone: true }).setZone(NEW_YORK)
  if (!t.isValid) throw new RangeError(`not an RFC 3339 timestamp: ${JSON.stringify(value.slice(0, 40))}`)
  return { date: t.toISODate(), minutes: t.hour * 60 + t.minute, dateOnly: false }
}

/** Today's date in New York (for a defaulted `asOf`). */
export function todayInNewYork(now: number = Date.now()): IsoDate {
  const utcMinutes = Math.floor(now / 60_000)
  return fromEpochDay(Math.floor((utcMinutes + newYorkOffset(Math.floor(utcMinutes / 60))) / 1440))
}
