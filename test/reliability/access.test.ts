/**
 * Access: API_KEYS guards every /v1 route with `Authorization: Bearer <key>` (401 problem
 * otherwise); health, readiness and the contract stay open. Security headers; CORS only for
 * CORS_ORIGINS; the request id is honoured and echoed on every answer.
 */
import fastifyHelmet from '@fastify/helmet'
import Fastify from 'fastify'
import t from 'tap'
import { loadConfig } from '../../src/config.js'
import { isProtected } from '../../src/plugins/auth.js'
import { HELMET_OPTIONS } from '../../src/plugins/security.js'
import { helmetHeaders } from '../../src/plugins/security-headers.js'
import { assertProblem, testApp } from '../helpers/http.js'
import { fixture } from '../helpers/json.js'

const theCase = fixture('examples/liquidmetal-2008.request.json')
const KEYS = ['k1-5f0c2d9e4b7a', 'second-key_with.chars~+/=']
const bearer = (key: string) => ({ authorization: `Bearer ${key}` })

t.test('with API_KEYS, /v1 needs a valid bearer key', async (t) => {
  const app = testApp(t, { apiKeys: KEYS })
  const get = (url: string, headers: Record<string, string> = {}) => app.inject({ url, headers })

  const missing = await get('/v1/calendars')
  const body = assertProblem(t, missing, { status: 401, type: 'unauthorized', errors: [] })
  t.equal(body.title, 'Unauthorized')
  t.equal(missing.headers['www-authenticate'], 'Bearer realm="convertible-default"')

  for (const header of [
    `Bearer ${KEYS[0]}x`,
    `Bearer ${KEYS[0]!.slice(0, -1)}`,
    `Basic ${KEYS[0]}`,
    KEYS[0]!,
    'Bearer',
    'Bearer ',
    `Bearer ${KEYS[0]} ${KEYS[1]}`,
    '',
  ]) {
    const res = await get('/v1/calendars', { authorization: header })
    assertProblem(t, res, { status: 401, type: 'unauthorized' })
    t.notMatch(res.body, KEYS[0]!, 'the key is never echoed')
  }
  const wrong = await get('/v1/calendars', bearer('nope'))
  t.match(wrong.headers['www-authenticate'], /error="invalid_token"/)

  for (const key of KEYS)
    t.equal((await get('/v1/calendars', bearer(key))).statusCode, 200, 'each configured key works')
  t.equal(
    (await get('/v1/calendars', { authorization: `bearer ${KEYS[0]}` })).statusCode,
    200,
    'the scheme is case-insensitive',
  )

  // POSTs, the batch, errors and unknown paths under /v1 are guarded too (no route probing).
  const post = (url: string, headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url, payload: theCase, headers })
  assertProblem(t, await post('/v1/scenarios'), { status: 401 })
  t.equal((await post('/v1/scenarios', bearer(KEYS[1]!))).statusCode, 200)
  assertProblem(t, await app.inject({ method: 'POST', url: '/v1/scenarios/batch', payload: { items: [theCase] } }), {
    status: 401,
  })
  assertProblem(t, await post('/v1/scenarios', { ...bearer(KEYS[0]!), 'content-type': 'text/plain' }), { status: 415 })
  assertProblem(t, await get('/v1/no-such-thing'), { status: 401 })
  assertProblem(t, await get('/v1/no-such-thing', bearer(KEYS[0]!)), { status: 404 })
  assertProblem(t, await get('/v1'), { status: 401 })
  assertProblem(t, await get('//v1/calendars'), { status: 401 })
  assertProblem(t, await get('/%76%31/calendars'), { status: 401 })
  assertProblem(t, await app.inject({ method: 'DELETE', url: '/v1/calendars' }), { status: 401 })

  // Open: probes, the contract and its page; unknown paths elsewhere are plain 404s.
  for (const url of ['/health', '/ready', '/openapi.json', '/openapi.yaml', '/docs', '/docs/json']) {
    t.equal((await get(url)).statusCode, 200, `${url} is open`)
  }
  assertProblem(t, await get('/nope'), { status: 404 })
})

t.test('without API_KEYS every route is open', async (t) => {
  const app = testApp(t)
  t.equal((await app.inject({ url: '/v1/calendars' })).statusCode, 200)
  t.equal((await app.inject({ url: '/v1/calendars', headers: bearer('anything') })).statusCode, 200)
})

t.test('API_KEYS is read as a comma-separated list; a malformed key stops start-up without echoing it', async (t) => {
  t.same(loadConfig({ API_KEYS: ' a1 , b2,,a1 ' }).apiKeys, ['a1', 'b2'])
  t.same(loadConfig({}).apiKeys, [])
  t.throws(() => loadConfig({ API_KEYS: 'good,has space' }), /API_KEYS item 2/)
  try {
    loadConfig({ API_KEYS: 'secret\u00e9value' })
  } catch (error) {
    t.notMatch(String(error), /secret/, 'the key is not in the message')
  }
})

t.test('isProtected judges the route, or the path as sent and decoded', async (t) => {
  const app = testApp(t)
  const seen: Array<[string, boolean]> = []
  app.addHook('onRequest', async (request) => {
    seen.push([request.url, isProtected(request)])
  })
  for (const url of [
    '/health',
    '/v1/calendars',
    '/docs/static/index.html',
    '/V1/calendars',
    '/v1x',
    '/openapi.json?x=/v1/',
  ])
    await app.inject({ url })
  t.same(Object.fromEntries(seen), {
    '/health': false,
    '/v1/calendars': true,
    '/docs/static/index.html': false,
    '/V1/calendars': true,
    '/v1x': false,
    '/openapi.json?x=/v1/': false,
  })
})

t.test('security headers everywhere; a CSP that lets /docs load its own assets', async (t) => {
  const app = testApp(t, { apiKeys: KEYS })
  for (const url of ['/health', '/v1/calendars', '/nope', '/docs']) {
    const res = await app.inject({ url })
    t.equal(res.headers['x-content-type-options'], 'nosniff', `${url}: nosniff`)
    t.ok(res.headers['strict-transport-security'], `${url}: HSTS`)
    t.equal(res.headers['x-frame-options'], 'SAMEORIGIN', `${url}: frames`)
    const csp = String(res.headers['content-security-policy'])
    t.match(csp, /default-src 'self'/, `${url}: CSP`)
    t.match(csp, /script-src 'self'/)
    t.notMatch(csp, /upgrade-insecure-requests/, 'plain-HTTP deployments still load /docs')
  }
  const page = await app.inject({ url: '/docs/' })
  const scripts = [...page.body.matchAll(/<script[^>]*src="([^"]+)"/g)].map((m) => m[1]!)
  t.ok(scripts.length > 0 && scripts.every((s) => !/^https?:/.test(s)), '/docs loads only its own scripts')
  t.notMatch(page.body.replace(/<script[^>]*src="[^"]*"[^>]*>\s*<\/script>/g, ''), /<script/, 'and no inline script')
})

t.test('the security headers are exactly those @fastify/helmet sets with the same options', async (t) => {
  const reference = Fastify()
  t.teardown(() => reference.close())
  await reference.register(fastifyHelmet, { global: true, ...HELMET_OPTIONS })
  reference.get('/', async () => 'ok')
  const expected = (await reference.inject({ url: '/' })).headers
  const app = testApp(t)
  for (const url of ['/v1/calendars', '/nope', '/docs/']) {
    const res = await app.inject({ url })
    for (const [name, value] of Object.entries(helmetHeaders(HELMET_OPTIONS))) {
      t.equal(value, expected[name], `${name} as @fastify/helmet sets it`)
      t.equal(res.headers[name], value, `${url}: ${name}`)
    }
  }
  const names = Object.keys(helmetHeaders(HELMET_OPTIONS))
  const helmetNames = Object.keys(expected).filter(
    (n) => !['content-type', 'content-length', 'date', 'connection', 'keep-alive'].includes(n),
  )
  t.same(names.sort(), helmetNames.sort(), 'the same set of headers')
  t.throws(
    () => helmetHeaders({ contentSecurityPolicy: { directives: { scriptSrc: ["'self'", () => "'nonce-x'"] } } }),
    /per request/,
  )
})

t.test('CORS is off unless CORS_ORIGINS is set', async (t) => {
  const preflight = {
    method: 'OPTIONS' as const,
    url: '/v1/scenarios',
    headers: {
      origin: 'https://treasury.example',
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization,content-type',
    },
  }
  const off = testApp(t)
  const plain = await off.inject({ url: '/v1/calendars', headers: { origin: 'https://treasury.example' } })
  t.equal(plain.headers['access-control-allow-origin'], undefined, 'no CORS headers by default')
  t.equal((await off.inject(preflight)).headers['access-control-allow-origin'], undefined)

  const on = testApp(t, { corsOrigins: ['https://treasury.example'], apiKeys: KEYS })
  const allowed = await on.inject(preflight)
  t.equal(allowed.statusCode, 204, 'the preflight needs no key')
  t.equal(allowed.headers['access-control-allow-origin'], 'https://treasury.example')
  t.match(allowed.headers['access-control-allow-headers'], /authorization/i)
  const other = await on.inject({ ...preflight, headers: { ...preflight.headers, origin: 'https://evil.example' } })
  t.not(other.headers['access-control-allow-origin'], 'https://evil.example', 'other origins are not allowed')
  const actual = await on.inject({
    url: '/v1/calendars',
    headers: { origin: 'https://treasury.example', ...bearer(KEYS[0]!) },
  })
  t.equal(actual.headers['access-control-allow-origin'], 'https://treasury.example')
  t.match(actual.headers['access-control-expose-headers'], /x-request-id/)

  const any = testApp(t, { corsOrigins: ['*'] })
  t.equal(
    (await any.inject({ url: '/v1/calendars', headers: { origin: 'https://a.example' } })).headers[
      'access-control-allow-origin'
    ],
    '*',
  )
  t.same(loadConfig({ CORS_ORIGINS: 'https://a.example, http://b.example:8080' }).corsOrigins, [
    'https://a.example',
    'http://b.example:8080',
  ])
  t.throws(() => loadConfig({ CORS_ORIGINS: 'a.example' }), /CORS_ORIGINS/)
})

t.test('x-request-id: honoured when sane, generated otherwise, echoed on every answer', async (t) => {
  const app = testApp(t, { apiKeys: KEYS })
  const cases: Array<[string, Record<string, string>]> = [
    ['/health', {}],
    ['/v1/calendars', {}],
    ['/v1/calendars', bearer(KEYS[0]!)],
    ['/nope', {}],
    ['/v1/calendars/us-fed/holidays?from=x', bearer(KEYS[0]!)],
  ]
  for (const [url, headers] of cases) {
    const given = await app.inject({ url, headers: { ...headers, 'x-request-id': 'trace-0042.a:b/c' } })
    t.equal(given.headers['x-request-id'], 'trace-0042.a:b/c', `${url} (${given.statusCode}) echoes the caller's id`)
    const made = await app.inject({ url, headers })
    t.match(made.headers['x-request-id'], /^[0-9a-f-]{36}$/, `${url} gets a generated id`)
  }
  for (const bad of ['has space', 'x'.repeat(129), 'new\nline', 'ünï']) {
    const res = await app.inject({ url: '/health', headers: { 'x-request-id': bad } })
    t.match(
      res.headers['x-request-id'],
      /^[0-9a-f-]{36}$/,
      `an unsafe id is replaced: ${JSON.stringify(bad.slice(0, 20))}`,
    )
  }
})
