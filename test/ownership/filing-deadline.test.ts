/** Filing deadlines (Rules 13d-1(a) and 13d-2(a)) on the us-sec calendar, worked by hand. */
import t from 'tap'
import { filingDeadline } from '../../src/domain/ownership/filing-deadline.js'
import { assertProblem, testApp } from '../helpers/http.js'

const URL_ = '/v1/beneficial-ownership/filing-deadline'

t.test('2026-07-01, a material change: 2 business days, us-sec closed on Friday 2026-07-03', async (t) => {
  const app = testApp(t)
  const res = await app.inject({
    method: 'POST',
    url: URL_,
    payload: { event: { date: '2026-07-01', kind: 'material-change' } },
  })
  t.equal(res.statusCode, 200)
  const body = res.json()
  // Wednesday 07-01 (not counted) -> Thursday 07-02 is day 1; Friday 07-03 is Independence Day
  // observed (July 4th is a Saturday), the weekend follows; Monday 07-06 is day 2.
  t.same(
    [body.deadline, body.rule, body.calendar, body.regime],
    ['2026-07-06', 'Rule 13d-2(a)', 'us-sec', 'amended-2024'],
  )
  t.same(body.period, { count: 2, unit: 'business-days' })
  t.same(
    body.closedDays.map((d: any) => d.date),
    ['2026-07-03', '2026-07-04', '2026-07-05'],
  )
  // On the Fed's calendar Friday 07-03 is open, and the deadline would have been 07-03: the calendar matters.
})

t.test('2023-06-09, crossing 5%: 10 days (before 2024-02-05), Juneteenth 2023-06-19 observed', async (t) => {
  const app = testApp(t)
  const body = (
    await app.inject({
      method: 'POST',
      url: URL_,
      payload: { event: { date: '2023-06-09', kind: 'crossed-five-percent' } },
    })
  ).json()
  // Friday 06-09 + 10 days = Monday 06-19, Juneteenth (a Monday, observed that day): under Rule 0-3
  // the filing is due on the next business day, Tuesday 06-20.
  t.same(
    [body.deadline, body.unadjustedDeadline, body.rule, body.regime],
    ['2023-06-20', '2023-06-19', 'Rule 13d-1(a)', 'before-2024-02-05'],
  )
  t.same(body.period, { count: 10, unit: 'calendar-days' })
  t.match(body.counted, /2023-06-19 is not a business day/)
  // An extra closing on 06-20 moves it once more, to Wednesday 06-21.
  const closed = (
    await app.inject({
      method: 'POST',
      url: URL_,
      payload: { event: { date: '2023-06-09', kind: 'crossed-five-percent' }, extraHolidays: ['2023-06-20'] },
    })
  ).json()
  t.equal(closed.deadline, '2023-06-21')
})

t.test('the regimes meet on 2024-02-05', async (t) => {
  // Friday 2024-02-02, crossing 5%: old rule, 10 days = Monday 2024-02-12, a business day.
  t.equal(filingDeadline('2024-02-02', 'crossed-five-percent').deadline, '2024-02-12')
  // Monday 2024-02-05: new rule, 5 business days = Monday 2024-02-12 (Presidents' Day is 02-19).
  t.equal(filingDeadline('2024-02-05', 'crossed-five-percent').deadline, '2024-02-12')
  // Tuesday 2024-02-13 + 5 business days: 02-14, 15, 16, (19 Washington's Birthday), 20, 21.
  t.equal(filingDeadline('2024-02-13', 'crossed-five-percent').deadline, '2024-02-21')
  // A material change before 2024-02-05: "promptly", no date.
  const promptly = filingDeadline('2024-02-02', 'material-change')
  t.same([promptly.deadline, promptly.period, promptly.rule], [null, null, 'Rule 13d-2(a)'])
  // The case's own amendment: the notice of default of 2008-09-29 was a material change (Item 4): promptly.
  t.equal(filingDeadline('2008-09-29', 'material-change').deadline, null)
  // Christmas Eve 2020 was an EDGAR closing: Monday 2020-12-14 + 10 days = Thursday 12-24 (closed),
  // Friday 12-25 Christmas, the weekend: due Monday 2020-12-28.
  t.equal(filingDeadline('2020-12-14', 'crossed-five-percent').deadline, '2020-12-28')
})

t.test('the answer for promptly, and the edges', async (t) => {
  const app = testApp(t)
  const promptly = (
    await app.inject({ method: 'POST', url: URL_, payload: { event: { date: '2008-09-29', kind: 'material-change' } } })
  ).json()
  t.same([promptly.deadline, promptly.warnings.map((w: any) => w.code)], [null, ['deadline-promptly']])
  assertProblem(
    t,
    await app.inject({
      method: 'POST',
      url: URL_,
      payload: { event: { date: '2199-12-30', kind: 'crossed-five-percent' } },
    }),
    { status: 422, errors: [{ pointer: '/event/date' }] },
  )
  assertProblem(
    t,
    await app.inject({ method: 'POST', url: URL_, payload: { event: { date: '2023-06-09', kind: 'ten-percent' } } }),
    { status: 400, errors: [{ pointer: '/event/kind' }] },
  )
  assertProblem(
    t,
    await app.inject({
      method: 'POST',
      url: URL_,
      payload: { event: { date: '2023-02-30', kind: 'material-change' } },
    }),
    { status: 400, errors: [{ pointer: '/event/date' }] },
  )
})

t.test('10 days: closedDays lists only the days that moved the deadline', async (t) => {
  // Friday 2023-06-09 + 10 = Monday 06-19 (Juneteenth): the weekend of 06-10/11 and 06-17/18 moves
  // nothing; 06-19 alone moved it to 06-20.
  t.same(filingDeadline('2023-06-09', 'crossed-five-percent').closedDays, [
    { date: '2023-06-19', reason: 'Juneteenth National Independence Day' },
  ])
  // Wednesday 2007-01-03 + 10 = Saturday 01-13; Sunday 01-14, Monday 01-15 (Martin Luther King Jr. Day): 01-16.
  t.same(
    filingDeadline('2007-01-03', 'crossed-five-percent').closedDays.map((d) => d.date),
    ['2007-01-13', '2007-01-14', '2007-01-15'],
  )
  // Friday 2024-02-02 + 10 = Monday 02-12, a business day: nothing moved it.
  t.same(filingDeadline('2024-02-02', 'crossed-five-percent').closedDays, [])
})

t.test('an earlier-rule deadline on or after 2024-02-05 says which rule applied', async (t) => {
  const app = testApp(t)
  const body = (
    await app.inject({
      method: 'POST',
      url: URL_,
      payload: { event: { date: '2024-02-02', kind: 'crossed-five-percent' } },
    })
  ).json()
  t.equal(body.regime, 'before-2024-02-05')
  t.equal(body.deadline, '2024-02-12')
  t.match(body.counted, /rule before Release 33-11253 applies/)
  t.ok(body.warnings.some((w: any) => w.code === 'deadline-under-earlier-rule'))
  const earlier = (
    await app.inject({
      method: 'POST',
      url: URL_,
      payload: { event: { date: '2023-06-09', kind: 'crossed-five-percent' } },
    })
  ).json()
  t.same(earlier.warnings, [], 'no note when the deadline is before 2024-02-05')
})
