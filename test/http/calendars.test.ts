import t from 'tap'
import { assertProblem, getJson, testApp } from '../helpers/http.js'

const add = (calendar: string, date: string, days: number | string, extra = '') =>
  `/v1/calendars/${calendar}/add-business-days?date=${date}&days=${days}${extra}`

t.test('GET /v1/calendars lists every calendar', async (t) => {
  const { status, body } = await getJson(testApp(t), '/v1/calendars')
  t.equal(status, 200)
  t.same(
    body.calendars.map((c: { id: string }) => c.id),
    ['us-fed', 'us-settlement', 'us-nyse', 'us-government-bond', 'weekends-only', 'us-sec'],
  )
  for (const c of body.calendars) {
    t.type(c.name, 'string')
    t.type(c.description, 'string')
  }
})

t.test('add-business-days', async (t) => {
  const app = testApp(t)
  // SPA 4(i): five business days after the 2007-01-03 closing (2007-01-03 not counted).
  t.same((await getJson(app, add('us-fed', '2007-01-03', 5))).body, { result: '2007-01-10' })
  // Note 4(a)(iv): ten business days after 2008-09-29; Columbus Day 2008-10-13 is a bank holiday, not an NYSE one.
  t.same((await getJson(app, add('us-fed', '2008-09-29', 10))).body, { result: '2008-10-14' })
  t.same((await getJson(app, add('us-nyse', '2008-09-29', 10))).body, { result: '2008-10-13' })
  t.same((await getJson(app, add('us-fed', '2007-01-10', -5))).body, { result: '2007-01-03' })
  // A one-off closing pushes the result a day.
  t.same((await getJson(app, add('us-fed', '2007-01-03', 5, '&extraHolidays=2007-01-05'))).body, {
    result: '2007-01-11',
  })
  t.same(
    (await getJson(app, add('us-fed', '2007-01-03', 5, '&extraHolidays=2007-01-05&extraHolidays=2007-01-08'))).body,
    { result: '2007-01-12' },
  )
})

t.test('us-sec in the calendar endpoints: Saturday holidays close the Friday before', async (t) => {
  const app = testApp(t)
  // OPM's 2026 table: Independence Day (Saturday 2026-07-04) is observed on Friday 2026-07-03.
  t.same((await getJson(app, '/v1/calendars/us-sec/holidays?from=2026-07-01&to=2026-07-31')).body, {
    holidays: [{ date: '2026-07-03', name: 'Independence Day (observed)' }],
  })
  // Wednesday 2026-07-01 + 2 business days: Thursday 07-02, then Monday 07-06 (07-03 closed).
  t.same((await getJson(app, add('us-sec', '2026-07-01', 2))).body, { result: '2026-07-06' })
  // The Federal Reserve keeps Friday 2026-07-03 open: 07-02, 07-03.
  t.same((await getJson(app, add('us-fed', '2026-07-01', 2))).body, { result: '2026-07-03' })
  // (2026-07-01, 2026-07-06]: 07-02 and 07-06.
  t.same((await getJson(app, '/v1/calendars/us-sec/business-days-between?from=2026-07-01&to=2026-07-06')).body, {
    count: 2,
  })
})

t.test('business-days-between counts (from, to]', async (t) => {
  const app = testApp(t)
  const url = '/v1/calendars/us-fed/business-days-between?from=2008-09-29&to=2008-10-14'
  t.same((await getJson(app, url)).body, { count: 10 })
  t.same((await getJson(app, '/v1/calendars/us-nyse/business-days-between?from=2008-09-29&to=2008-10-14')).body, {
    count: 11,
  })
  t.same((await getJson(app, '/v1/calendars/us-fed/business-days-between?from=2007-01-03&to=2007-01-03')).body, {
    count: 0,
  })
})

t.test('holidays in [from, to]', async (t) => {
  const app = testApp(t)
  const { status, body } = await getJson(app, '/v1/calendars/us-fed/holidays?from=2008-10-01&to=2008-11-30')
  t.equal(status, 200)
  t.same(
    body.holidays.map((h: { date: string }) => h.date),
    ['2008-10-13', '2008-11-11', '2008-11-27'],
  )
  for (const h of body.holidays) t.type(h.name, 'string')
  const extra = await getJson(
    app,
    '/v1/calendars/weekends-only/holidays?from=2008-10-01&to=2008-10-31&extraHolidays=2008-10-14',
  )
  t.same(extra.body, { holidays: [{ date: '2008-10-14', name: 'Extra holiday' }] })
})

t.test('bad input is a problem with a pointer per field', async (t) => {
  const app = testApp(t)
  const cases: Array<[string, string, number, Array<{ pointer: string; in: string }>]> = [
    ['impossible date', add('us-fed', '2008-02-30', 5), 400, [{ pointer: '/date', in: 'query' }]],
    ['date before the range', add('us-fed', '1900-12-31', 5), 400, [{ pointer: '/date', in: 'query' }]],
    ['date after the range', add('us-fed', '2200-01-01', 5), 400, [{ pointer: '/date', in: 'query' }]],
    ['not a date', add('us-fed', '20070103', 5), 400, [{ pointer: '/date', in: 'query' }]],
    ['days not an integer', add('us-fed', '2007-01-03', 'abc'), 400, [{ pointer: '/days', in: 'query' }]],
    ['days a decimal', add('us-fed', '2007-01-03', '1.5'), 400, [{ pointer: '/days', in: 'query' }]],
    ['days over 100000', add('us-fed', '2007-01-03', 100001), 400, [{ pointer: '/days', in: 'query' }]],
    ['days under -100000', add('us-fed', '2007-01-03', -100001), 400, [{ pointer: '/days', in: 'query' }]],
    ['unknown query field', add('us-fed', '2007-01-03', 5, '&foo=1'), 400, [{ pointer: '/foo', in: 'query' }]],
    [
      'missing parameter',
      '/v1/calendars/us-fed/add-business-days?date=2007-01-03',
      400,
      [{ pointer: '/days', in: 'query' }],
    ],
    [
      'repeated single parameter',
      add('us-fed', '2007-01-03', 5, '&date=2007-01-04'),
      400,
      [{ pointer: '/date', in: 'query' }],
    ],
    [
      'bad extra holiday',
      add('us-fed', '2007-01-03', 5, '&extraHolidays=2007-01-05&extraHolidays=2007-13-01'),
      400,
      [{ pointer: '/extraHolidays', in: 'query' }],
    ],
    [
      'several bad fields at once',
      '/v1/calendars/us-fed/add-business-days?date=2008-02-30&days=abc&foo=1',
      400,
      [
        { pointer: '/date', in: 'query' },
        { pointer: '/days', in: 'query' },
        { pointer: '/foo', in: 'query' },
      ],
    ],
    ['unknown calendar', add('us-foo', '2007-01-03', 5), 404, [{ pointer: '/calendar', in: 'path' }]],
    [
      'holidays of an unknown calendar',
      '/v1/calendars/xx/holidays?from=2008-01-01&to=2008-12-31',
      404,
      [{ pointer: '/calendar', in: 'path' }],
    ],
    [
      'range backwards',
      '/v1/calendars/us-fed/holidays?from=2008-12-31&to=2008-01-01',
      422,
      [{ pointer: '/to', in: 'query' }],
    ],
    ['result after 2199-12-31', add('us-fed', '2199-12-01', 100), 422, [{ pointer: '/days', in: 'query' }]],
    ['result before 1901-01-01', add('weekends-only', '1901-01-02', -5), 422, [{ pointer: '/days', in: 'query' }]],
    ['far result', add('us-fed', '2100-01-01', 100000), 422, [{ pointer: '/days', in: 'query' }]],
  ]
  for (const [name, url, status, errors] of cases) {
    await t.test(name, async (t) => {
      const res = await app.inject({ url })
      const type = { 400: 'validation', 404: 'not-found', 422: 'contradictory-input' }[status]
      assertProblem(t, res, { status, ...(type ? { type } : {}), errors })
    })
  }
})

t.test('messages name what is expected', async (t) => {
  const app = testApp(t)
  const res = await app.inject({ url: add('us-fed', '2008-02-30', 'abc') })
  const body = assertProblem(t, res, { status: 400 })
  const detail = (p: string) => body.errors.find((e: { pointer: string }) => e.pointer === p)?.detail
  t.match(detail('/date'), /real date YYYY-MM-DD between 1901-01-01 and 2199-12-31/)
  t.equal(detail('/days'), 'must be an integer')
  const unknown = assertProblem(t, await app.inject({ url: add('us-foo', '2007-01-03', 5) }), { status: 404 })
  t.match(unknown.detail, /calendar "us-foo"/)
  t.match(unknown.errors[0].detail, /us-fed/)
})
