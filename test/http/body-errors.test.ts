/**
 * Request-body errors, against a test-only POST route with a strict schema built from the
 * shared schema files (the contract has no POST operation of its own in this module).
 */
import t from 'tap'
import type { FastifyInstance } from 'fastify'
import type { Test } from 'tap'
import { ProblemError } from '../../src/contract/index.js'
import { assertProblem, testApp } from '../helpers/http.js'

const bodySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['note'],
  properties: {
    note: {
      type: 'object',
      additionalProperties: false,
      required: ['principal', 'issueDate'],
      properties: {
        principal: { $ref: 'Money.json' },
        issueDate: { $ref: 'Date.json' },
        rate: { $ref: 'Rate.json' },
        calendar: { $ref: 'CalendarId.json' },
        count: { type: 'integer', minimum: 1 },
      },
    },
    notice: {
      anyOf: [
        {
          type: 'object',
          additionalProperties: false,
          required: ['sentAt'],
          properties: { sentAt: { anyOf: [{ $ref: 'Date.json' }, { $ref: 'DateTime.json' }] } },
        },
        { type: 'null' },
      ],
    },
    dates: { type: 'array', maxItems: 3, items: { $ref: 'Date.json' } },
  },
}

function appWithEcho(t: Test, bodyLimit?: number): FastifyInstance {
  const app = testApp(t, bodyLimit ? { bodyLimit } : {})
  app.post('/test/echo', { schema: { body: bodySchema } }, async (request) => request.body)
  app.post('/test/contradiction', async () => {
    throw ProblemError.contradiction('The maturity date is before the issue date.', [
      { pointer: '/note/maturityDate', detail: 'must not be before /note/issueDate' },
    ])
  })
  app.get('/test/crash', async () => {
    throw new Error('secret internal state at /srv/app/src/thing.ts:12:3')
  })
  return app
}

const valid = { note: { principal: '1000000.00', issueDate: '2007-01-03' } }
const post = (app: FastifyInstance, payload: unknown) => app.inject({ method: 'POST', url: '/test/echo', payload: payload as object })

t.test('a valid body passes untouched', async (t) => {
  const app = appWithEcho(t)
  const body = { ...valid, notice: { sentAt: '2008-09-29T16:30:00-04:00' }, dates: ['2008-10-13'] }
  const res = await post(app, body)
  t.equal(res.statusCode, 200)
  t.same(res.json(), body)
  t.equal((await post(app, { ...valid, notice: null })).statusCode, 200)
})

t.test('field errors point at the field', async (t) => {
  const app = appWithEcho(t)
  const note = (change: object) => ({ note: { ...valid.note, ...change } })
  const cases: Array<[string, unknown, string[]]> = [
    ['money as a number', note({ principal: 1000000 }), ['/note/principal']],
    ['malformed money', note({ principal: '1,000,000.00' }), ['/note/principal']],
    ['money with 3 decimals', note({ principal: '1.005' }), ['/note/principal']],
    ['rate as a percentage', note({ rate: '12%' }), ['/note/rate']],
    ['impossible date', note({ issueDate: '2008-02-30' }), ['/note/issueDate']],
    ['date out of range', note({ issueDate: '1900-12-31' }), ['/note/issueDate']],
    ['number where an integer is needed', note({ count: 1.5 }), ['/note/count']],
    ['integer as a string is not coerced', note({ count: '2' }), ['/note/count']],
    ['unknown enum value', note({ calendar: 'us-foo' }), ['/note/calendar']],
    ['missing field', { note: { principal: '1.00' } }, ['/note/issueDate']],
    ['missing object', {}, ['/note']],
    ['unknown field', { ...valid, extra: true }, ['/extra']],
    ['unknown nested field', note({ currency: 'USD' }), ['/note/currency']],
    ['unknown field with a slash', { ...valid, 'a/b~c': 1 }, ['/a~1b~0c']],
    ['bad array item', { ...valid, dates: ['2008-01-01', '2008-02-30'] }, ['/dates/1']],
    ['too many items', { ...valid, dates: ['2008-01-01', '2008-01-02', '2008-01-03', '2008-01-04'] }, ['/dates']],
    ['bad field inside a nullable object', { ...valid, notice: { sentAt: '2008-09-29', via: 'fax' } }, ['/notice/via']],
    ['bad date-or-timestamp', { ...valid, notice: { sentAt: '2008-02-30' } }, ['/notice/sentAt']],
    ['timestamp without offset', { ...valid, notice: { sentAt: '2008-09-29T16:30:00' } }, ['/notice/sentAt']],
    ['neither object nor null', { ...valid, notice: 5 }, ['/notice']],
    ['several at once', { note: { principal: 5, issueDate: '2008-02-30', x: 1 }, y: 2 }, ['/note/principal', '/note/issueDate', '/note/x', '/y']],
    ['not an object', [valid], ['']],
  ]
  for (const [name, payload, pointers] of cases) {
    await t.test(name, async (t) => {
      assertProblem(t, await post(app, payload), { status: 400, type: 'validation', errors: pointers.map((pointer) => ({ pointer })) })
    })
  }
})

t.test('union noise collapses into one message per pointer', async (t) => {
  const app = appWithEcho(t)
  const sentAt = assertProblem(t, await post(app, { ...valid, notice: { sentAt: '2008-02-30' } }), { status: 400 })
  t.equal(sentAt.errors.length, 1)
  t.match(sentAt.errors[0].detail, /real date .* or an RFC 3339 timestamp/)
  const notice = assertProblem(t, await post(app, { ...valid, notice: 5 }), { status: 400 })
  t.equal(notice.errors[0].detail, 'must be an object or null')
  const unknown = assertProblem(t, await post(app, { ...valid, extra: 1 }), { status: 400 })
  t.equal(unknown.errors[0].detail, 'is not an allowed field')
  const missing = assertProblem(t, await post(app, { note: { principal: '1.00' } }), { status: 400 })
  t.equal(missing.errors[0].detail, 'is required')
})

t.test('malformed, empty, too large, wrong media type', async (t) => {
  const app = appWithEcho(t, 200)
  const send = (payload: string, contentType?: string) =>
    app.inject({ method: 'POST', url: '/test/echo', payload, headers: contentType ? { 'content-type': contentType } : {} })
  assertProblem(t, await send('{"note": {', 'application/json'), { status: 400, type: 'malformed-body', errors: [] })
  // `__proto__` is an own key after JSON.parse; the schema rejects it by name, no prototype changes
  assertProblem(t, await send('{"__proto__": {"x": 1}}', 'application/json'), { status: 400, type: 'validation', errors: [{ pointer: '/__proto__' }, { pointer: '/note' }] })
  assertProblem(t, await send('', 'application/json'), { status: 400, type: 'malformed-body', errors: [] })
  assertProblem(t, await send(JSON.stringify({ ...valid, pad: 'x'.repeat(300) }), 'application/json'), {
    status: 413,
    type: 'payload-too-large',
    errors: [],
  })
  assertProblem(t, await send(JSON.stringify(valid), 'text/plain'), { status: 415, type: 'unsupported-media-type', errors: [] })
  assertProblem(t, await send('<note/>', 'application/xml'), { status: 415, type: 'unsupported-media-type', errors: [] })
  const charset = await send(JSON.stringify(valid), 'application/json; charset=utf-8')
  t.equal(charset.statusCode, 200)
})

t.test('ProblemError becomes its problem (422 with pointers)', async (t) => {
  const app = appWithEcho(t)
  const body = assertProblem(t, await app.inject({ method: 'POST', url: '/test/contradiction' }), {
    status: 422,
    type: 'contradictory-input',
    errors: [{ pointer: '/note/maturityDate' }],
  })
  t.equal(body.title, 'Contradictory input')
  t.equal(body.detail, 'The maturity date is before the issue date.')
})

t.test('an unexpected error is a 500 problem without internals', async (t) => {
  const app = appWithEcho(t)
  const res = await app.inject({ url: '/test/crash' })
  const body = assertProblem(t, res, { status: 500, type: 'internal-error', errors: [] })
  t.notMatch(res.body, /secret|thing\.ts|\/srv/)
  t.match(body.instance, /^urn:request:/)
})
