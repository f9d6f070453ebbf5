/** Hand-checked dates, conventions, extra holidays, edge cases and long spans. */
import t from 'tap'
import type { Test } from 'tap'
import {
  BUSINESS_DAY_CONVENTIONS,
  CALENDAR_IDS,
  DEFAULT_CALENDAR,
  getCalendar,
  isCalendarId,
  listCalendars,
} from '../../src/domain/time/calendars/index.js'
import type { CalendarId } from '../../src/domain/time/calendars/index.js'

const fed = getCalendar('us-fed')
const settlement = getCalendar('us-settlement')
const nyse = getCalendar('us-nyse')
const weekends = getCalendar('weekends-only')

/** Expected open (true) / closed (false) per calendar. */
function check(t: Test, date: string, open: Partial<Record<CalendarId, boolean>>, why: string): void {
  for (const [id, expected] of Object.entries(open) as [CalendarId, boolean][]) {
    t.equal(getCalendar(id).isBusinessDay(date), expected, `${date} ${expected ? 'open' : 'closed'} on ${id}: ${why}`)
  }
}

t.test("the brief's cases", async (t) => {
  t.equal(fed.addBusinessDays('2007-01-03', 5), '2007-01-10')
  t.equal(fed.addBusinessDays('2008-09-29', 10), '2008-10-14', 'Columbus Day closed on us-fed')
  t.equal(nyse.addBusinessDays('2008-09-29', 10), '2008-10-13', 'Columbus Day open on the NYSE')
  t.equal(fed.businessDaysBetween('2008-09-29', '2008-10-14'), 10)
  t.equal(fed.businessDaysBetween('2008-10-14', '2008-09-29'), -10)
  check(
    t,
    '2027-06-18',
    { 'us-fed': true, 'us-settlement': false, 'us-nyse': false, 'us-government-bond': false },
    'Juneteenth 2027 is a Saturday',
  )
  t.equal(settlement.holidayName('2027-06-18'), 'Juneteenth National Independence Day (observed)')
  t.equal(fed.holidayName('2027-06-18'), undefined)
  t.equal(fed.holidayName('2027-06-19'), undefined, 'a Saturday is a weekend day, not a holiday')
  check(
    t,
    '2012-10-29',
    { 'us-fed': true, 'us-settlement': true, 'us-nyse': false, 'us-government-bond': true },
    'Hurricane Sandy, day 1',
  )
  check(
    t,
    '2012-10-30',
    { 'us-fed': true, 'us-settlement': true, 'us-nyse': false, 'us-government-bond': false },
    'Hurricane Sandy, day 2',
  )
})

t.test('hand-checked dates', async (t) => {
  check(
    t,
    '2008-10-13',
    { 'us-fed': false, 'us-settlement': false, 'us-government-bond': false, 'us-nyse': true, 'weekends-only': true },
    'Columbus Day',
  )
  t.equal(fed.holidayName('2008-10-13'), 'Columbus Day')
  check(
    t,
    '2008-03-21',
    { 'us-nyse': false, 'us-government-bond': false, 'us-fed': true, 'us-settlement': true },
    'Good Friday',
  )
  t.equal(nyse.holidayName('2008-03-21'), 'Good Friday')
  // QuantLib's GovernmentBond also lists Reagan's funeral as a special closing.
  check(
    t,
    '2004-06-11',
    { 'us-nyse': false, 'us-government-bond': false, 'us-fed': true, 'us-settlement': true },
    "President Reagan's funeral",
  )
  check(
    t,
    '2021-12-31',
    { 'us-settlement': false, 'us-fed': true, 'us-nyse': true, 'us-government-bond': true },
    "New Year's Day 2022 is a Saturday",
  )
  t.equal(settlement.holidayName('2021-12-31'), "New Year's Day (observed)")
  check(
    t,
    '2025-01-09',
    { 'us-nyse': false, 'us-fed': true, 'us-settlement': true, 'us-government-bond': true },
    'President Carter, NYSE only',
  )
  check(t, '2007-01-02', { 'us-nyse': false, 'us-fed': true, 'us-government-bond': true }, 'President Ford, NYSE only')
  check(
    t,
    '2018-12-05',
    { 'us-nyse': false, 'us-government-bond': false, 'us-fed': true, 'us-settlement': true },
    'President G. H. W. Bush',
  )
  for (const d of ['2001-09-11', '2001-09-12', '2001-09-13', '2001-09-14'])
    check(t, d, { 'us-nyse': false, 'us-fed': true }, 'September 11')
  check(t, '2001-09-17', { 'us-nyse': true }, 'NYSE reopened')
  // Government bonds: Good Friday on the NFP release date is an early close only (since 1996).
  check(t, '2023-04-07', { 'us-government-bond': true, 'us-nyse': false }, 'Good Friday = first Friday of April 2023')
  check(t, '2015-04-03', { 'us-government-bond': true, 'us-nyse': false }, 'Good Friday = first Friday of April 2015')
  check(t, '2026-04-03', { 'us-government-bond': true, 'us-nyse': false }, 'Good Friday = first Friday of April 2026')
  check(t, '2024-03-29', { 'us-government-bond': false, 'us-nyse': false }, 'Good Friday in March 2024')
  check(t, '1994-04-01', { 'us-government-bond': false }, 'Good Friday, first Friday of April but before 1996')
  // Veterans Day on Saturday: Friday before closed only on us-settlement.
  check(
    t,
    '2017-11-10',
    { 'us-settlement': false, 'us-fed': true, 'us-government-bond': true, 'us-nyse': true },
    'Veterans Day 2017 is a Saturday',
  )
  check(
    t,
    '1975-10-27',
    { 'us-fed': false, 'us-settlement': false, 'us-nyse': true },
    'Veterans Day 1971-1977: fourth Monday of October',
  )
  check(t, '1975-11-11', { 'us-fed': true, 'us-settlement': true }, 'not Veterans Day in 1975')
  // Christmas on Saturday, Independence Day on Sunday.
  check(
    t,
    '2021-12-24',
    { 'us-settlement': false, 'us-nyse': false, 'us-government-bond': false, 'us-fed': true },
    'Christmas 2021 is a Saturday',
  )
  check(
    t,
    '2021-07-05',
    { 'us-fed': false, 'us-settlement': false, 'us-nyse': false, 'us-government-bond': false, 'weekends-only': true },
    'July 4th 2021 is a Sunday',
  )
  t.equal(fed.holidayName('2021-07-05'), 'Independence Day (observed)')
  t.equal(fed.holidayName('2022-06-20'), 'Juneteenth National Independence Day (observed)')
  check(t, '2021-06-18', { 'us-settlement': true, 'us-nyse': true }, 'Juneteenth observed only from 2022')
  // Martin Luther King Jr. Day: federal from 1983, NYSE from 1998.
  check(t, '1997-01-20', { 'us-fed': false, 'us-nyse': true }, 'MLK Day 1997')
  check(t, '1998-01-19', { 'us-fed': false, 'us-nyse': false }, 'MLK Day 1998')
  check(t, '1982-01-18', { 'us-fed': true }, 'no MLK Day before 1983')
  // Before 1971: Washington's Birthday Feb 22 and Memorial Day May 30.
  check(t, '1965-02-22', { 'us-fed': false, 'us-nyse': false }, "Washington's Birthday on a Monday")
  check(
    t,
    '1964-02-21',
    { 'us-fed': false, 'us-settlement': false, 'us-nyse': false },
    "Washington's Birthday 1964 is a Saturday: observed Friday (QuantLib, all calendars)",
  )
  check(
    t,
    '1970-05-29',
    { 'us-fed': false, 'us-settlement': false },
    'Memorial Day 1970 is a Saturday: observed Friday',
  )
  // NYSE history.
  check(t, '1976-11-02', { 'us-nyse': false, 'us-fed': true }, 'presidential election day')
  check(t, '1977-11-01', { 'us-nyse': true }, 'no election closing in 1977')
  check(t, '1968-11-05', { 'us-nyse': false }, 'election day 1968')
  check(t, '1968-06-12', { 'us-nyse': false }, 'paperwork crisis: Wednesdays from June 12, 1968')
  check(t, '1968-06-05', { 'us-nyse': true }, 'before the paperwork crisis')
  check(t, '1968-12-25', { 'us-nyse': false }, 'Christmas 1968 (a Wednesday)')
  t.equal(nyse.holidayName('1968-12-25'), 'Christmas Day', 'the first matching rule names the day')
  check(t, '1963-11-25', { 'us-nyse': false, 'us-fed': true }, 'President Kennedy')
  check(t, '2025-12-25', { 'weekends-only': true }, 'weekends-only has no holidays')
  t.equal(weekends.holidays('1901-01-01', '2199-12-31').length, 0)
})

t.test("us-sec: the federal holidays of OPM's published tables, and EDGAR closings", async (t) => {
  const sec = getCalendar('us-sec')
  // Typed from OPM's "Federal Holidays" tables for each year (the observed dates federal offices
  // close), not from the code. 2021: Juneteenth (Saturday) on Friday 06-18, Independence Day
  // (Sunday) on Monday 07-05, Christmas (Saturday) on Friday 12-24, New Year's Day 2022 (Saturday)
  // on Friday 2021-12-31. Inauguration Day (2021-01-20) is a Washington-area holiday under
  // 6103(c), not 6103(a): not listed.
  const opm: Record<string, string[]> = {
    '2021': [
      '2021-01-01',
      '2021-01-18',
      '2021-02-15',
      '2021-05-31',
      '2021-06-18',
      '2021-07-05',
      '2021-09-06',
      '2021-10-11',
      '2021-11-11',
      '2021-11-25',
      '2021-12-24',
      '2021-12-31',
    ],
    '2022': [
      '2022-01-17',
      '2022-02-21',
      '2022-05-30',
      '2022-06-20',
      '2022-07-04',
      '2022-09-05',
      '2022-10-10',
      '2022-11-11',
      '2022-11-24',
      '2022-12-26',
    ],
    '2023': [
      '2023-01-02',
      '2023-01-16',
      '2023-02-20',
      '2023-05-29',
      '2023-06-19',
      '2023-07-04',
      '2023-09-04',
      '2023-10-09',
      '2023-11-10',
      '2023-11-23',
      '2023-12-25',
    ],
    '2026': [
      '2026-01-01',
      '2026-01-19',
      '2026-02-16',
      '2026-05-25',
      '2026-06-19',
      '2026-07-03',
      '2026-09-07',
      '2026-10-12',
      '2026-11-11',
      '2026-11-26',
      '2026-12-25',
    ],
    '2027': [
      '2027-01-01',
      '2027-01-18',
      '2027-02-15',
      '2027-05-31',
      '2027-06-18',
      '2027-07-05',
      '2027-09-06',
      '2027-10-11',
      '2027-11-11',
      '2027-11-25',
      '2027-12-24',
      '2027-12-31',
    ],
  }
  for (const [year, dates] of Object.entries(opm)) {
    t.same(
      sec.holidays(`${year}-01-01`, `${year}-12-31`).map((h) => h.date),
      dates,
      `us-sec ${year} = OPM's table`,
    )
  }
  // EDGAR closed by executive order (docs/rules/ownership.md): 2018-12-05, 2018-12-24, 2019-12-24, 2020-12-24,
  // 2025-01-09.
  for (const d of ['2018-12-05', '2018-12-24', '2019-12-24', '2020-12-24', '2025-01-09'])
    t.notOk(sec.isBusinessDay(d), `${d}: EDGAR closed`)
  // Every Saturday holiday moves to Friday on us-sec and not on us-fed.
  check(t, '2026-07-03', { 'us-sec': false, 'us-fed': true }, 'Independence Day 2026 is a Saturday')
  check(t, '2023-11-10', { 'us-sec': false, 'us-fed': true }, 'Veterans Day 2023 is a Saturday')
  // MLK Day: a federal holiday from 1986 (QuantLib's calendars start in 1983).
  check(t, '1985-01-21', { 'us-sec': true, 'us-fed': false }, 'no federal MLK Day in 1985')
  check(t, '1986-01-20', { 'us-sec': false, 'us-fed': false }, 'first federal MLK Day')
  // Juneteenth 2021: federal offices closed Friday 2021-06-18; QuantLib's calendars start in 2022.
  check(t, '2021-06-18', { 'us-sec': false, 'us-fed': true, 'us-settlement': true }, 'Juneteenth 2021 observed')
  t.equal(sec.holidayName('2021-12-31'), "New Year's Day (observed)")
})

t.test('holidays(from, to)', async (t) => {
  t.same(
    fed.holidays('2021-01-01', '2021-12-31'),
    [
      { date: '2021-01-01', name: "New Year's Day" },
      { date: '2021-01-18', name: 'Martin Luther King Jr. Day' },
      { date: '2021-02-15', name: "Washington's Birthday" },
      { date: '2021-05-31', name: 'Memorial Day' },
      { date: '2021-07-05', name: 'Independence Day (observed)' },
      { date: '2021-09-06', name: 'Labor Day' },
      { date: '2021-10-11', name: 'Columbus Day' },
      { date: '2021-11-11', name: 'Veterans Day' },
      { date: '2021-11-25', name: 'Thanksgiving Day' },
    ],
    'us-fed 2021: Christmas on Saturday not listed, Friday open',
  )
  t.same(
    settlement.holidays('2021-12-24', '2022-01-03').map((h) => h.date),
    ['2021-12-24', '2021-12-31'],
  )
  t.same(nyse.holidays('2025-01-01', '2025-01-31'), [
    { date: '2025-01-01', name: "New Year's Day" },
    { date: '2025-01-09', name: 'National Day of Mourning for President Carter' },
    { date: '2025-01-20', name: 'Martin Luther King Jr. Day' },
  ])
  t.same(fed.holidays('2021-01-02', '2021-01-17'), [], 'empty range of holidays')
  t.same(fed.holidays('2021-12-31', '2021-01-01'), [], 'from after to')
  t.same(fed.holidays('2008-10-13', '2008-10-13'), [{ date: '2008-10-13', name: 'Columbus Day' }], 'bounds inclusive')
  t.equal(fed.holidays('1901-01-01', '2199-12-31').length, 2823, 'the full range, in one call')
})

t.test('addBusinessDays: negative n, n = 0', async (t) => {
  t.equal(fed.addBusinessDays('2008-10-14', -1), '2008-10-10', 'back over Columbus Day and the weekend')
  t.equal(nyse.addBusinessDays('2008-10-14', -1), '2008-10-13')
  t.equal(fed.addBusinessDays('2008-10-14', -10), '2008-09-29')
  t.equal(fed.addBusinessDays('2008-10-12', -1), '2008-10-10', 'from a Sunday')
  t.equal(fed.addBusinessDays('2008-10-13', 1), '2008-10-14', 'from a holiday')
  t.equal(fed.addBusinessDays('2008-10-14', 0), '2008-10-14', 'n = 0 on a business day: the day itself')
  t.equal(fed.addBusinessDays('2008-10-13', 0), '2008-10-14', 'n = 0 on a holiday: the next business day')
  t.equal(nyse.addBusinessDays('2008-10-11', 0), '2008-10-13', 'n = 0 on a Saturday')
  t.equal(fed.addBusinessDays('2021-12-30', 2), '2022-01-03', 'across a year end')
  t.equal(fed.addBusinessDays('2022-01-03', -2), '2021-12-30')
  t.equal(settlement.addBusinessDays('2021-12-30', 1), '2022-01-03', 'us-settlement closes 2021-12-31')
  t.equal(
    fed.addBusinessDays('2199-12-30', 5),
    '2200-01-07',
    'past the supported range: the computed date (2200-01-01 closed)',
  )
  t.equal(fed.addBusinessDays('1901-01-02', -5), '1900-12-24', 'before the supported range (1900-12-25 closed)')
  t.throws(() => fed.addBusinessDays('2008-10-14', 1.5), RangeError)
  t.throws(() => fed.addBusinessDays('2008-10-14', 1e9), RangeError, 'absurd spans are refused, not computed')
})

t.test('businessDaysBetween', async (t) => {
  t.equal(fed.businessDaysBetween('2008-10-10', '2008-10-14'), 1, '(Fri, Tue] over a long weekend')
  t.equal(fed.businessDaysBetween('2008-10-11', '2008-10-14'), 1, 'from a Saturday')
  t.equal(fed.businessDaysBetween('2008-10-14', '2008-10-14'), 0)
  t.equal(fed.businessDaysBetween('2008-10-14', '2008-10-10'), -1, 'minus the count in (b, a]')
  t.equal(fed.businessDaysBetween('2008-10-13', '2008-10-10'), 0, '(Fri, Mon holiday]: none')
  t.equal(weekends.businessDaysBetween('2024-01-01', '2025-01-01'), 262)
  t.equal(
    fed.businessDaysBetween('2021-12-31', '2022-12-31'),
    250,
    '2022 on us-fed: 260 weekdays, 10 holidays (New Year on Saturday not moved)',
  )
})

t.test('adjust, worked by hand', async (t) => {
  const cases: [CalendarId, string, Record<string, string>, string][] = [
    [
      'us-fed',
      '2022-07-31',
      {
        following: '2022-08-01',
        'modified-following': '2022-07-29',
        preceding: '2022-07-29',
        'modified-preceding': '2022-07-29',
        unadjusted: '2022-07-31',
      },
      'Sunday, last day of the month',
    ],
    [
      'us-fed',
      '2022-05-01',
      {
        following: '2022-05-02',
        'modified-following': '2022-05-02',
        preceding: '2022-04-29',
        'modified-preceding': '2022-05-02',
        unadjusted: '2022-05-01',
      },
      'Sunday, first day of the month',
    ],
    [
      'us-fed',
      '2021-05-31',
      {
        following: '2021-06-01',
        'modified-following': '2021-05-28',
        preceding: '2021-05-28',
        'modified-preceding': '2021-05-28',
        unadjusted: '2021-05-31',
      },
      'Memorial Day at month end',
    ],
    [
      'us-fed',
      '2023-01-01',
      {
        following: '2023-01-03',
        'modified-following': '2023-01-03',
        preceding: '2022-12-30',
        'modified-preceding': '2023-01-03',
        unadjusted: '2023-01-01',
      },
      "Sunday New Year's Day, observed Monday",
    ],
    [
      'us-settlement',
      '2021-12-31',
      {
        following: '2022-01-03',
        'modified-following': '2021-12-30',
        preceding: '2021-12-30',
        'modified-preceding': '2021-12-30',
        unadjusted: '2021-12-31',
      },
      "observed New Year's Day at year end",
    ],
    [
      'us-fed',
      '2021-12-31',
      {
        following: '2021-12-31',
        'modified-following': '2021-12-31',
        preceding: '2021-12-31',
        'modified-preceding': '2021-12-31',
        unadjusted: '2021-12-31',
      },
      'a business day is left alone',
    ],
    [
      'us-nyse',
      '2012-10-29',
      {
        following: '2012-10-31',
        'modified-following': '2012-10-31',
        preceding: '2012-10-26',
        'modified-preceding': '2012-10-26',
      },
      'Hurricane Sandy',
    ],
    ['us-fed', '2024-06-30', { following: '2024-07-01', 'modified-following': '2024-06-28' }, 'Sunday June 30th'],
    [
      'weekends-only',
      '2022-10-01',
      {
        following: '2022-10-03',
        'modified-following': '2022-10-03',
        preceding: '2022-09-30',
        'modified-preceding': '2022-10-03',
      },
      'Saturday, first of the month',
    ],
  ]
  for (const [id, date, expected, why] of cases) {
    for (const [convention, result] of Object.entries(expected)) {
      t.equal(getCalendar(id).adjust(date, convention as never), result, `${id} ${date} ${convention}: ${why}`)
    }
  }
  t.throws(() => fed.adjust('2022-07-31', 'nearest' as never), RangeError)
  t.same(BUSINESS_DAY_CONVENTIONS, ['following', 'modified-following', 'preceding', 'modified-preceding', 'unadjusted'])
})

t.test('extraHolidays', async (t) => {
  // Thursday 2025-01-09 (a business day on us-fed), a Saturday, and MLK Day: only the first counts.
  const cal = getCalendar('us-fed', ['2025-01-09', '2025-01-11', '2025-01-20', '2025-01-09'])
  t.equal(cal.id, 'us-fed')
  t.equal(cal.isBusinessDay('2025-01-09'), false)
  t.equal(cal.holidayName('2025-01-09'), 'Extra holiday')
  t.equal(cal.holidayName('2025-01-11'), undefined, 'an extra holiday on a weekend changes nothing')
  t.equal(cal.holidayName('2025-01-20'), 'Martin Luther King Jr. Day', 'an extra holiday on a holiday changes nothing')
  t.same(cal.holidays('2025-01-01', '2025-01-31'), [
    { date: '2025-01-01', name: "New Year's Day" },
    { date: '2025-01-09', name: 'Extra holiday' },
    { date: '2025-01-20', name: 'Martin Luther King Jr. Day' },
  ])
  t.equal(cal.addBusinessDays('2025-01-08', 1), '2025-01-10')
  t.equal(cal.addBusinessDays('2025-01-10', -1), '2025-01-08')
  t.equal(cal.addBusinessDays('2025-01-09', 0), '2025-01-10')
  t.equal(cal.addBusinessDays('2025-01-08', 0), '2025-01-08')
  t.equal(cal.businessDaysBetween('2025-01-08', '2025-01-10'), 1)
  t.equal(cal.businessDaysBetween('2025-01-10', '2025-01-08'), -1)
  t.equal(cal.adjust('2025-01-09', 'preceding'), '2025-01-08')
  t.equal(fed.isBusinessDay('2025-01-09'), true, 'the shared base calendar is untouched')
  t.equal(fed.addBusinessDays('2025-01-08', 1), '2025-01-09')
  t.equal(fed.businessDaysBetween('2025-01-08', '2025-01-10'), 2)

  const run = getCalendar('us-nyse', ['2025-01-10', '2025-01-13', '2025-01-08'])
  t.equal(
    run.addBusinessDays('2025-01-07', 1),
    '2025-01-14',
    'a run of closings: Jan 8 extra, 9 Carter, 10 extra, 13 extra',
  )
  t.equal(run.addBusinessDays('2025-01-14', -1), '2025-01-07')
  t.equal(run.addBusinessDays('2025-01-06', 2), '2025-01-14')
  t.equal(run.addBusinessDays('2025-01-07', 0), '2025-01-07')
  t.equal(run.addBusinessDays('2025-01-08', 0), '2025-01-14')
  t.equal(run.businessDaysBetween('2025-01-07', '2025-01-14'), 1)
  t.equal(getCalendar('us-fed', []), fed, 'no extras: the cached base calendar')
  t.equal(getCalendar('us-fed'), fed)
})

t.test('ids and listing', async (t) => {
  t.equal(DEFAULT_CALENDAR, 'us-fed')
  t.ok(isCalendarId('us-nyse'))
  t.notOk(isCalendarId('us-nyse '))
  t.notOk(isCalendarId('target'))
  const list = listCalendars()
  t.same(
    list.map((c) => c.id),
    CALENDAR_IDS,
  )
  for (const c of list) {
    t.ok(c.name.length > 0 && c.description.length > 0, `${c.id} has a name and a description`)
    const cal = getCalendar(c.id)
    t.same({ id: cal.id, name: cal.name, description: cal.description }, c)
  }
})

t.test('long spans: 100,000 business days there and back, and the whole range counted', async (t) => {
  const cal = getCalendar('us-settlement')
  const far = cal.addBusinessDays('1901-01-02', 100_000)
  t.equal(cal.businessDaysBetween('1901-01-02', far), 100_000)
  t.equal(cal.addBusinessDays(far, -100_000), '1901-01-02')
  // Cached and uncached answers agree: the second call reads the holiday sets the first built.
  t.equal(cal.addBusinessDays('1901-01-02', 100_000), far)
  t.equal(fed.businessDaysBetween('1901-01-01', '2199-12-31'), fed.businessDaysBetween('1901-01-01', '2199-12-31'))
})
