import t from 'tap'
import { parse } from 'yaml'
import { loadContract } from '../../src/contract/index.js'
import { assertProblem, getJson, testApp } from '../helpers/http.js'
import { unescapeToken } from '../../src/contract/json-pointer.js'

t.test('health and readiness', async (t) => {
  const app = testApp(t)
  t.match(await getJson(app, '/health').then((r) => [r.status, r.body]), [200, { status: 'ok', version: String }])
  t.same(await getJson(app, '/ready').then((r) => [r.status, r.body]), [200, { status: 'ready' }])
})

t.test('the contract is served, bundled', async (t) => {
  const app = testApp(t)
  const json = await app.inject({ url: '/openapi.json' })
  t.equal(json.statusCode, 200)
  t.match(json.headers['content-type'], /^application\/json/)
  const doc = json.json()
  t.equal(doc.openapi, '3.1.0')
  t.ok(doc.paths['/v1/calendars/{calendar}/add-business-days'].get, 'documents the routes')
  t.ok(doc.components.schemas.Date, 'schemas copied into components')
  t.notOk(doc.components.schemas.Date.$id, 'no loader $id in the bundle')
  const refs = [...json.body.matchAll(/"\$ref":"([^"]*)"/g)].map((m) => m[1]!)
  t.ok(refs.length > 0)
  t.same(
    refs.filter((r) => !r.startsWith('#/')),
    [],
    'every reference is internal',
  )
  for (const ref of new Set(refs)) {
    const target = ref
      .slice(2)
      .split('/')
      .map(unescapeToken)
      .reduce<any>((node, key) => node?.[key], doc)
    t.ok(target, `${ref} resolves`)
  }

  const yaml = await app.inject({ url: '/openapi.yaml' })
  t.equal(yaml.statusCode, 200)
  t.match(yaml.headers['content-type'], /^application\/yaml/)
  t.same(parse(yaml.body), doc, 'YAML and JSON are the same document')

  const docs = await app.inject({ url: '/docs' })
  t.equal(docs.statusCode, 200)
  t.match(docs.headers['content-type'], /^text\/html/)
  const uiSpec = await app.inject({ url: '/docs/json' })
  t.same(uiSpec.json().paths, doc.paths, 'the docs page shows the same document')
})

t.test('every documented operation is routed, with its schema from the document', async (t) => {
  const app = testApp(t)
  await app.ready()
  const { operations } = loadContract()
  t.ok(operations.size >= 9)
  for (const op of operations.values()) {
    t.ok(app.hasRoute({ method: op.method, url: op.url }), `${op.operationId}: ${op.method} ${op.path}`)
  }
  const add = operations.get('addBusinessDays')!
  t.match(add.schema.querystring, {
    type: 'object',
    additionalProperties: false,
    required: ['date', 'days'],
    properties: {
      date: { $ref: 'Date.json' },
      days: { type: 'integer', maximum: 100000 },
      extraHolidays: { type: 'array' },
    },
  })
  t.same(add.schema.params, {
    type: 'object',
    properties: { calendar: { $ref: 'CalendarId.json' } },
    required: ['calendar'],
    additionalProperties: false,
  })
  t.same(add.schema.response, { 200: { $ref: 'BusinessDayResult.json' } })
})

t.test('unknown routes and methods', async (t) => {
  const app = testApp(t)
  assertProblem(t, await app.inject({ url: '/v2/calendars' }), { status: 404, type: 'not-found', errors: [] })
  assertProblem(t, await app.inject({ url: '/v1/calendars/us-fed' }), { status: 404, type: 'not-found', errors: [] })
  const post = await app.inject({ method: 'POST', url: '/v1/calendars' })
  assertProblem(t, post, { status: 405, type: 'method-not-allowed', errors: [] })
  t.equal(post.headers['allow'], 'GET, HEAD')
  const del = await app.inject({ method: 'DELETE', url: '/v1/calendars/us-fed/holidays?from=2008-01-01' })
  assertProblem(t, del, { status: 405, errors: [] })
  t.equal(del.headers['allow'], 'GET, HEAD')
  // A file missing under a route that serves files is not there: 404, not 405 "use GET".
  const missing = await app.inject({ url: '/docs/static/nonexistent.js' })
  assertProblem(t, missing, { status: 404, type: 'not-found', errors: [] })
  t.equal(missing.headers['allow'], undefined)
})

t.test('responses carry security and CORS headers', async (t) => {
  // CORS is off unless CORS_ORIGINS is set (test/reliability/access.test.ts).
  const app = testApp(t, { corsOrigins: ['*'] })
  const res = await app.inject({ url: '/v1/calendars', headers: { origin: 'https://treasury.example' } })
  t.equal(res.headers['x-content-type-options'], 'nosniff')
  t.equal(res.headers['access-control-allow-origin'], '*')
  const problem = await app.inject({ url: '/nope' })
  t.equal(problem.headers['x-content-type-options'], 'nosniff')
})

t.test(
  'a contradiction about a default that was not sent points at the deepest part that was, and names the default',
  async (t) => {
    const app = testApp(t)
    // No covenant given: its default period (5 Business Days) from 2199-12-31 leaves the supported range.
    const deadline = await app.inject({
      method: 'POST',
      url: '/v1/covenant-deadline',
      payload: { spa: { closingDate: '2199-12-31' }, asOf: '2199-12-31' },
    })
    const body = assertProblem(t, deadline, { status: 422, errors: [{ pointer: '/spa' }] })
    t.match(body.errors[0].detail, /^covenant\/period \(not given, so its default\): /)
    // A note of the largest principal over 299 years: the default interest terms overflow the ledger.
    const interest = await app.inject({
      method: 'POST',
      url: '/v1/default-interest',
      payload: { note: { principal: '999999999999999.99', issueDate: '1901-01-01', maturityDate: '2199-12-31' } },
    })
    const problem = assertProblem(t, interest, { status: 422, errors: [{ pointer: '/note' }] })
    t.match(problem.errors[0].detail, /^interest \(not given, so its default\): /)
    // Given fields keep their own pointer.
    const given = await app.inject({
      method: 'POST',
      url: '/v1/covenant-deadline',
      payload: {
        spa: { closingDate: '2199-12-31', covenant: { period: { count: 10, unit: 'business-days' } } },
        asOf: '2199-12-31',
      },
    })
    assertProblem(t, given, { status: 422, errors: [{ pointer: '/spa/covenant/period' }] })
  },
)

t.test("a batch item's contradiction about a default points into the item", async (t) => {
  const app = testApp(t)
  const res = await app.inject({
    method: 'POST',
    url: '/v1/scenarios/batch',
    payload: {
      items: [
        {
          spa: { closingDate: '2199-12-31' },
          note: { principal: '1000.00', issueDate: '2199-01-01', maturityDate: '2199-12-31' },
          asOf: '2199-12-31',
        },
      ],
    },
  })
  t.equal(res.statusCode, 200)
  const item = res.json().results[0]
  t.equal(item.ok, false)
  t.same(
    item.problem.errors.map((e: { pointer: string }) => e.pointer),
    ['/spa'],
  )
})
