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
const post = (app: FastifyInstance, payload: unknown) =>
  app.inject({ method: 'POST', url: '/test/echo', payload: payload as object })

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
    [
      'several at once',
      { note: { principal: 5, issueDate: '2008-02-30', x: 1 }, y: 2 },
      ['/note/principal', '/note/issueDate', '/note/x', '/y'],
    ],
    ['not an object', [valid], ['']],
  ]
  for (const [name, payload, pointers] of cases) {
    await t.test(name, async (t) => {
      assertProblem(t, await post(app, payload), {
        status: 400,
        type: 'validation',
        errors: pointers.map((pointer) => ({ pointer })),
      })
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
    app.inject({
      method: 'POST',
      url: '/test/echo',
      payload,
      headers: contentType ? { 'content-type': contentType } : {},
    })
  assertProblem(t, await send('{"note": {', 'application/json'), { status: 400, type: 'malformed-body', errors: [] })
  // `__proto__` is an own key after JSON.parse; the schema rejects it by name, no prototype changes
  assertProblem(t, await send('{"__proto__": {"x": 1}}', 'application/json'), {
    status: 400,
    type: 'validation',
    errors: [{ pointer: '/__proto__' }, { pointer: '/note' }],
  })
  assertProblem(t, await send('', 'application/json'), { status: 400, type: 'malformed-body', errors: [] })
  assertProblem(t, await send(JSON.stringify({ ...valid, pad: 'x'.repeat(300) }), 'application/json'), {
    status: 413,
    type: 'payload-too-large',
    errors: [],
  })
  assertProblem(t, await send(JSON.stringify(valid), 'text/plain'), {
    status: 415,
    type: 'unsupported-media-type',
    errors: [],
  })
  assertProblem(t, await send('<note/>', 'application/xml'), {
    status: 415,
    type: 'unsupported-media-type',
    errors: [],
  })
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

t.test('bodies are read strictly: UTF-8 only, no content coding, each member once', async (t) => {
  const app = appWithEcho(t)
  const send = (payload: string | Buffer, headers: Record<string, string> = {}) =>
    app.inject({
      method: 'POST',
      url: '/test/echo',
      payload,
      headers: { 'content-type': 'application/json', ...headers },
    })
  const text = JSON.stringify(valid)

  // JSON.parse would keep the second principal and drop the first without a word.
  const twiceResponse = await send(
    '{"note": {"principal": "1000000.00", "issueDate": "2007-01-03", "principal": "5.00"}}',
  )
  const twice = assertProblem(t, twiceResponse, {
    status: 400,
    type: 'malformed-body',
    errors: [{ pointer: '/note/principal' }],
  })
  t.match(twice.errors[0].detail, /more than once/)
  t.equal(twice.title, 'Malformed request body', 'one title per problem type')
  // "\u0070rincipal" is "principal" spelled with an escape: the same name.
  assertProblem(
    t,
    await send('{"note": {"principal": "1.00", "\\u0070rincipal": "5.00", "issueDate": "2007-01-03"}}'),
    { status: 400, errors: [{ pointer: '/note/principal' }] },
  )
  // Inside arrays, at the index; a name needing pointer escapes, escaped.
  assertProblem(t, await send('{"dates": [{}, {"a/b": 1, "a/b": 2}]}'), {
    status: 400,
    errors: [{ pointer: '/dates/1/a~1b' }],
  })
  // The same name in two objects, or as a string value, is not a duplicate.
  const same = await send(
    '{"note": {"principal": "1.00", "issueDate": "2007-01-03"}, ' +
      '"notice": {"sentAt": "2008-09-29"}, "dates": ["principal"]}',
  )
  t.equal(same.statusCode, 400, 'rejected by the schema (dates), not as a duplicate')
  t.same(
    same.json().errors.map((e: { pointer: string }) => e.pointer),
    ['/dates/0'],
  )

  // Charsets other than UTF-8 are not read as UTF-8: 415.
  assertProblem(
    t,
    await send(Buffer.from('{"note": {"principal": "1.00", "issueDate": "2007-01-03", "caf\xe9": 1}}', 'latin1'), {
      'content-type': 'application/json; charset=iso-8859-1',
    }),
    {
      status: 415,
      type: 'unsupported-media-type',
    },
  )
  // UTF-8 and its subset ASCII are read; a charset inside another parameter's quoted value is not one.
  for (const type of [
    'charset=utf-8',
    'charset=UTF-8',
    'charset="utf-8"',
    'charset=utf8',
    'charset=us-ascii',
    'charset=utf-8; v=1',
    'profile="x;charset=latin1"',
    ';;charset=utf-8',
    'v=1 ;  ; charset=utf-8 ',
    '',
  ]) {
    t.equal((await send(text, { 'content-type': `application/json; ${type}` })).statusCode, 200, type)
  }
  // Empty parameters are allowed (RFC 9110 5.6.6), so a charset after them is read; parameters
  // that do not parse may hide one, and are not guessed at.
  for (const type of [
    ';;;charset="utf-16"',
    'charset = latin1',
    'charset=utf-8, charset=latin1',
    'charset',
    'charset=utf-8 x',
  ]) {
    assertProblem(t, await send(text, { 'content-type': `application/json; ${type}` }), {
      status: 415,
      type: 'unsupported-media-type',
    })
  }
  // Bytes that are not UTF-8 (0xE9 alone) are a 400, not a U+FFFD in the data.
  const latin1 = Buffer.concat([
    Buffer.from('{"note": {"principal": "1.00", "issueDate": "2007-01-03"}, "x'),
    Buffer.from([0xe9]),
    Buffer.from('": 1}'),
  ])
  const invalid = assertProblem(t, await send(latin1), { status: 400, type: 'malformed-body' })
  t.match(invalid.detail, /UTF-8/)
  // A leading byte order mark is ignored (RFC 8259, 8.1, allows it; Fastify's own parser does).
  const bom = await send(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]))
  t.equal(bom.statusCode, 200)
  t.same(bom.json(), valid)
  // A body read whole and refused leaves the connection open, as for malformed JSON.
  t.equal(twiceResponse.headers.connection, undefined)

  // A compressed body is not read as if it were plain.
  assertProblem(t, await send(text, { 'content-encoding': 'gzip' }), { status: 415, type: 'unsupported-media-type' })
  for (const coding of ['identity', 'Identity', 'identity, identity', '']) {
    t.equal((await send(text, { 'content-encoding': coding })).statusCode, 200, `Content-Encoding "${coding}"`)
  }
})

t.test('a body holds no more values than its byte limit allows memory for', async (t) => {
  // bodyLimit 3,200 bytes: at most 100 objects and arrays, 400 values (src/contract/json-shape.ts).
  const app = appWithEcho(t, 3200)
  const send = (payload: string) =>
    app.inject({ method: 'POST', url: '/test/echo', payload, headers: { 'content-type': 'application/json' } })
  const objects = (n: number) => `{"dates": [${Array(n).fill('{}').join(',')}]}`
  // The outer object and the array are 2: 98 more objects make 100, 99 make 101.
  t.equal((await send(objects(98))).statusCode, 400, 'at the limit: judged by the schema')
  const many = assertProblem(t, await send(objects(99)), { status: 413, type: 'payload-too-large' })
  t.match(many.detail, /more than 100 objects and arrays/)
  // 398 numbers, the object and the array are 400 values; one more number is 401.
  const numbers = (n: number) => `{"dates": [${Array(n).fill('1').join(',')}]}`
  t.equal((await send(numbers(398))).statusCode, 400, 'at the limit: judged by the schema')
  assertProblem(t, await send(numbers(399)), { status: 413, type: 'payload-too-large' })
})
