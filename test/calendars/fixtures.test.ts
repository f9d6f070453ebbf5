/**
 * Every calendar against its fixture (test/fixtures/calendars/*.json, written by generate.py from
 * QuantLib 1.29 plus the commented corrections to the latest QuantLib / docs/rules/calendars.md), year by year,
 * 1901..2199, both ways: holidays() lists exactly the expected dates, and the weekdays that
 * isBusinessDay() closes are exactly the expected dates.
 */
import { readFileSync } from 'node:fs'
import t from 'tap'
import { epochDayOf, fromEpochDay, Weekday, weekdayOf } from '../../src/domain/time/dates.js'
import { goodFriday } from '../../src/domain/time/calendars/easter.js'
import { CALENDAR_IDS, getCalendar } from '../../src/domain/time/calendars/index.js'

interface Fixture {
  calendar: string
  source: string
  corrections: { action: 'add' | 'remove'; date: string; reason: string }[]
  holidays: string[]
}

const FIRST_YEAR = 1901
const LAST_YEAR = 2199
const fixtureDir = new URL('../fixtures/calendars/', import.meta.url)
const load = <T>(name: string): T => JSON.parse(readFileSync(new URL(name, fixtureDir), 'utf8')) as T

function byYear(dates: readonly string[]): Map<number, string[]> {
  const out = new Map<number, string[]>()
  for (let y = FIRST_YEAR; y <= LAST_YEAR; y++) out.set(y, [])
  for (const date of dates) out.get(Number(date.slice(0, 4)))!.push(date)
  return out
}

for (const id of CALENDAR_IDS) {
  t.test(`${id} matches its fixture, 1901..2199`, async (t) => {
    const fixture = load<Fixture>(`${id}.json`)
    t.equal(fixture.calendar, id)
    t.same(fixture.holidays, [...fixture.holidays].sort(), 'fixture sorted')
    t.equal(new Set(fixture.holidays).size, fixture.holidays.length, 'fixture without duplicates')
    const expected = byYear(fixture.holidays)
    const calendar = getCalendar(id)
    for (let y = FIRST_YEAR; y <= LAST_YEAR; y++) {
      const want = expected.get(y)!
      const listed = calendar.holidays(`${y}-01-01`, `${y}-12-31`)
      t.same(
        listed.map((h) => h.date),
        want,
        `${id} ${y}: holidays()`,
      )
      const closed: string[] = []
      for (let e = epochDayOf(y, 1, 1); e < epochDayOf(y + 1, 1, 1); e++) {
        if (weekdayOf(e) <= Weekday.Friday && !calendar.isBusinessDay(fromEpochDay(e))) closed.push(fromEpochDay(e))
      }
      t.same(closed, want, `${id} ${y}: weekdays closed by isBusinessDay()`)
      if (listed.some((h) => h.name !== calendar.holidayName(h.date) || h.name === '')) t.fail(`${id} ${y}: names`)
    }
    for (const c of fixture.corrections) {
      t.equal(
        calendar.isBusinessDay(c.date),
        c.action === 'remove',
        `${id} correction ${c.action} ${c.date}: ${c.reason}`,
      )
    }
  })
}

t.test("Easter (Meeus) gives QuantLib's Good Friday in every year 1901..2199", async (t) => {
  const fixture = load<{ goodFriday: Record<string, string> }>('easter.json')
  const actual: Record<string, string> = {}
  for (let y = FIRST_YEAR; y <= LAST_YEAR; y++) {
    const gf = goodFriday(y)
    actual[String(y)] = `${y}-${String(gf.month).padStart(2, '0')}-${String(gf.day).padStart(2, '0')}`
  }
  t.same(actual, fixture.goodFriday)
})
