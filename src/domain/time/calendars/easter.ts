/**
 * Easter (Western, Gregorian) and Good Friday.
 *
 * QuantLib looks Easter Monday up in a table of day-of-year values for 1901-2199
 * (`WesternImpl::easterMonday`); here it is computed with the anonymous Gregorian algorithm
 * (Meeus, "Astronomical Algorithms", ch. 8; Jones 1876 / Butcher 1876), which is exact for every
 * Gregorian year. The fixture test/fixtures/calendars/easter.json (QuantLib's own Good Fridays)
 * checks it day for day over 1901-2199.
 */

export interface MonthDay {
  month: number
  day: number
}

/** Easter Sunday of a Gregorian year. */
export function easterSunday(year: number): MonthDay {
  const a = year % 19
  const b = Math.floor(year / 100)
  const c = year % 100
  const d = Math.floor(b / 4)
  const e = b % 4
  const f = Math.floor((b + 8) / 25)
  const g = Math.floor((b - f + 1) / 3)
  const h = (19 * a + b - d - g + 15) % 30
  const i = Math.floor(c / 4)
  const k = c % 4
  const l = (32 + 2 * e + 2 * i - h - k) % 7
  const m = Math.floor((a + 11 * h + 22 * l) / 451)
  const n = h + l - 7 * m + 114
  return { month: Math.floor(n / 31), day: (n % 31) + 1 }
}

const goodFridays = new Map<number, MonthDay>()

/** Good Friday (two days before Easter Sunday; always in March 20..April 23). */
export function goodFriday(year: number): MonthDay {
  let gf = goodFridays.get(year)
  if (gf === undefined) {
    const easter = easterSunday(year)
    gf = easter.day > 2 ? { month: easter.month, day: easter.day - 2 } : { month: 3, day: 31 + easter.day - 2 }
    goodFridays.set(year, gf)
  }
  return gf
}

export function isGoodFriday(year: number, month: number, day: number): boolean {
  const gf = goodFriday(year)
  return gf.month === month && gf.day === day
}
