/**
 * The real server: start-up, and graceful shutdown on SIGTERM (dist/server.js in a child
 * process, started as test/reliability/server.ts starts it).
 */
import t from 'tap'
import { request } from 'node:http'
import { sleep, startServer, type Server } from '../reliability/server.js'

/** A POST whose body is sent in two parts, so the request is in flight in between. */
function slowPost(base: string): { finish: () => void; response: Promise<number> } {
  const body = '{"x":1}'
  let finish = () => {}
  const response = new Promise<number>((resolve, reject) => {
    const req = request(`${base}/v1/calendars`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    })
    req.on('response', (res) => {
      res.resume()
      res.on('end', () => resolve(res.statusCode ?? 0))
    })
    req.on('error', reject)
    req.write(body.slice(0, 3))
    finish = () => req.end(body.slice(3))
  })
  return { finish, response }
}

/** Waits until the server has logged the POST's arrival (at debug), however busy the machine. */
async function arrived(server: Server): Promise<void> {
  const posted = () => server.logs().some((l) => l.msg === 'incoming request' && l.req?.method === 'POST')
  while (!posted()) await sleep(20)
}

t.test('serves, then drains in-flight requests and exits 0 on SIGTERM', async (t) => {
  const server = await startServer(t, { LOG_LEVEL: 'debug' })
  const health = await fetch(`${server.base}/health`)
  t.equal(health.status, 200)
  t.match(await health.json(), { status: 'ok', version: String })

  const inFlight = slowPost(server.base)
  await arrived(server)
  server.child.kill('SIGTERM')
  while (!/"msg":"shutting down"/.test(server.output())) await sleep(20)
  await sleep(300)
  t.equal(server.child.exitCode, null, 'waits for the in-flight request')
  inFlight.finish()
  t.equal(await inFlight.response, 405, 'the in-flight request is answered')
  t.equal((await server.exit).code, 0, 'exits 0')
})

t.test('a shutdown that outlasts SHUTDOWN_TIMEOUT_MS exits 1', async (t) => {
  const server = await startServer(t, { SHUTDOWN_TIMEOUT_MS: '500', LOG_LEVEL: 'debug' })
  const stuck = slowPost(server.base)
  stuck.response.catch(() => {})
  await arrived(server)
  server.child.kill('SIGTERM')
  t.equal((await server.exit).code, 1)
})

t.test('invalid configuration stops start-up', async (t) => {
  await t.rejects(startServer(t, { PORT: 'eighty' }), /PORT/)
})
