import t from 'tap'
import { assertProblem, getJson, testApp } from '../helpers/http.js'

const yf = (convention: string, from: string, to: string, extra = '') =>
  `/v1/day-counts/${convention}/year-fraction?from=${from}&to=${to}${extra}`

t.test('year fraction as an exact decimal string', async (t) => {
  const app = testApp(t)
  // 2023-02-28 is the last day of February: D1 = 30, then D2 = 31 with D1 >= 30 → 30; 30 days.
  t.same((await getJson(app, yf('30-360-us', '2023-02-28', '2023-03-31'))).body, {
    days: 30,
    yearFraction: '0.08333333333333333333',
  })
  t.same((await getJson(app, yf('30-360-bond-basis', '2023-02-28', '2023-03-31'))).body.days, 33)
  t.same((await getJson(app, yf('30e-360', '2023-02-28', '2023-03-31'))).body.days, 32)
  t.same((await getJson(app, yf('act-360', '2008-10-15', '2008-10-22'))).body, {
    days: 7,
    yearFraction: '0.01944444444444444444',
  })
  t.same((await getJson(app, yf('act-365-fixed', '2007-01-03', '2008-01-03'))).body, { days: 365, yearFraction: '1' })
  t.same((await getJson(app, yf('30-360-us', '2007-01-03', '2007-01-03'))).body, { days: 0, yearFraction: '0' })
  const isda = await getJson(app, yf('30e-360-isda', '2023-01-31', '2023-02-28', '&maturityDate=2023-02-28'))
  t.equal(isda.status, 200)
  t.equal(isda.body.days, 28)
})

t.test('bad input', async (t) => {
  const app = testApp(t)
  assertProblem(t, await app.inject({ url: yf('30-360-xx', '2023-02-28', '2023-03-31') }), {
    status: 404,
    type: 'not-found',
    errors: [{ pointer: '/convention', in: 'path' }],
  })
  assertProblem(t, await app.inject({ url: yf('30-360-us', '2023-02-29', '2023-03-31') }), {
    status: 400,
    type: 'validation',
    errors: [{ pointer: '/from', in: 'query' }],
  })
  assertProblem(t, await app.inject({ url: yf('30-360-us', '2023-02-28', '2023-03-31', '&maturityDate=1900-01-01') }), {
    status: 400,
    errors: [{ pointer: '/maturityDate', in: 'query' }],
  })
  assertProblem(
    t,
    await app.inject({ url: yf('30-360-us', '2023-02-28', '2023-03-31', '&extraHolidays=2023-03-01') }),
    {
      status: 400,
      errors: [{ pointer: '/extraHolidays', in: 'query' }],
    },
  )
  assertProblem(t, await app.inject({ url: yf('30-360-us', '2023-03-31', '2023-02-28') }), {
    status: 422,
    type: 'contradictory-input',
    errors: [{ pointer: '/to', in: 'query' }],
  })
})

t.test('GET /v1/day-counts lists every convention, with its name and rule', async (t) => {
  const app = testApp(t)
  const { status, body } = await getJson(app, '/v1/day-counts')
  t.equal(status, 200)
  // The seven conventions of docs/rules/day-counts.md, in its order, the notes' default first.
  t.same(
    body.dayCounts.map((d: { id: string }) => d.id),
    ['30-360-us', '30-360-bond-basis', '30e-360', '30e-360-isda', 'act-360', 'act-365-fixed', 'act-act-isda'],
  )
  for (const d of body.dayCounts) {
    t.ok(d.name.length > 0 && d.description.length > 0, `${d.id} has a name and a description`)
    t.equal(
      (await getJson(app, yf(d.id, '2008-10-15', '2008-10-22'))).status,
      200,
      `${d.id} is a convention year-fraction computes`,
    )
  }
  t.match(body.dayCounts[0], { name: '30/360 US', description: /twelve 30-day months/ })
  t.match(
    body.dayCounts.find((d: { id: string }) => d.id === 'act-act-isda'),
    { description: /366/ },
  )
})
