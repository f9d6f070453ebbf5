/**
 * Convertible-Default-Version, package.json's version, on every answer: every operation of the
 * contract (answered or refused), the 404, the 405, errors raised before routing, malformed
 * HTTP, load shedding; and `version` in GET /health.
 */
import t from 'tap'
import { readFileSync } from 'node:fs'
import { connect, type AddressInfo } from 'node:net'
import { loadContract } from '../../src/contract/index.js'
import { testApp } from '../helpers/http.js'
import { buildApp } from '../../src/app.js'
import { theCase } from './items.js'

const VERSION = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version
const HEADER = 'convertible-default-version'

t.test('every operation, answered or refused, carries the version', async (t) => {
  const app = testApp(t, { poolThreads: 0 })
  for (const op of loadContract().operations.values()) {
    const url = op.url.replace(/:[A-Za-z0-9_]+/g, 'us-fed')
    const res = await app.inject({ method: op.method, url, ...(op.method === 'POST' ? { payload: {} } : {}) })
    t.equal(res.headers[HEADER], VERSION, `${op.method} ${url} → ${res.statusCode}`)
  }
  const answers = [
    await app.inject({ url: '/health' }),
    await app.inject({ method: 'POST', url: '/v1/scenarios', payload: theCase }),
    await app.inject({
      method: 'POST',
      url: '/v1/scenarios',
      payload: { ...theCase, note: { ...theCase.note, maturityDate: '2006-01-03' } },
    }),
    await app.inject({
      method: 'POST',
      url: '/v1/scenarios',
      payload: '{"note": ',
      headers: { 'content-type': 'application/json' },
    }),
    await app.inject({ method: 'POST', url: '/v1/scenarios', payload: 'x', headers: { 'content-type': 'text/plain' } }),
    await app.inject({
      method: 'POST',
      url: '/v1/scenarios/batch',
      payload: { items: [theCase] },
      headers: { accept: 'application/x-ndjson' },
    }),
    await app.inject({ url: '/no/such/path' }),
    await app.inject({ method: 'DELETE', url: '/health' }),
    await app.inject({ url: '/v1/calendars/%zz/holidays' }),
  ]
  t.same(
    answers.map((r) => r.statusCode),
    [200, 200, 422, 400, 415, 200, 404, 405, 400],
  )
  for (const res of answers) t.equal(res.headers[HEADER], VERSION, `${res.statusCode} ${res.raw.req.url}`)
  t.same((await app.inject({ url: '/health' })).json(), { status: 'ok', version: VERSION }, 'in GET /health')
})

t.test('a request shed for load carries the version', async (t) => {
  // Any heap in use is over 1 byte: once sampled, every request but the liveness probe is shed.
  const app = testApp(t, { maxHeapUsedBytes: 1 })
  await app.ready()
  await new Promise((resolve) => setTimeout(resolve, 1_500))
  const res = await app.inject({ url: '/v1/calendars' })
  t.equal(res.statusCode, 503)
  t.equal(res.headers[HEADER], VERSION)
})

t.test('malformed HTTP, answered on the socket, carries the version', async (t) => {
  const app = buildApp({ maxEventLoopDelayMs: 0, poolThreads: 0 })
  t.teardown(() => app.close())
  await app.listen({ port: 0, host: '127.0.0.1' })
  const { port } = app.server.address() as AddressInfo
  const raw = await new Promise<string>((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write('NOT HTTP AT ALL\r\n\r\n'))
    let text = ''
    socket.on('data', (chunk) => (text += chunk.toString()))
    socket.on('close', () => resolve(text))
    socket.on('error', reject)
  })
  t.match(raw, /^HTTP\/1\.1 400 /)
  t.match(raw, new RegExp(`\\r\\nConvertible-Default-Version: ${VERSION.replace(/\./g, '\\.')}\\r\\n`))
})
