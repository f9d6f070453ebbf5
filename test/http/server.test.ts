/** The real server: start-up, and graceful shutdown on SIGTERM (spawns src/server.ts). */
import t from 'tap'
import { spawn, type ChildProcess } from 'node:child_process'
import { request } from 'node:http'
import { fileURLToPath } from 'node:url'

const serverPath = fileURLToPath(new URL('../../src/server.ts', import.meta.url))
// Run the TypeScript entry point with the same loader tap gives this test.
const loader = process.execArgv.filter((a) => a.includes('typescript'))

interface Running {
  child: ChildProcess
  base: string
  exit: Promise<number | null>
}

function start(env: Record<string, string> = {}): Promise<Running> {
  const child = spawn(process.execPath, [...loader, serverPath], {
    env: { ...process.env, NODE_OPTIONS: '', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  return new Promise((resolve, reject) => {
    let out = ''
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 60_000)
    child.stderr!.on('data', (chunk) => (out += chunk))
    child.stdout!.on('data', (chunk) => {
      out += chunk
      const m = /listening at (http:\/\/[^"\s]+)/.exec(out)
      if (m) {
        clearTimeout(timer)
        resolve({ child, base: m[1]!, exit })
      }
    })
    void exit.then((code) => {
      clearTimeout(timer)
      reject(new Error(`server exited (${code}):\n${out}`))
    })
  })
}

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

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

t.test('serves, then drains in-flight requests and exits 0 on SIGTERM', async (t) => {
  const server = await start()
  t.teardown(() => void server.child.kill('SIGKILL'))
  const health = await fetch(`${server.base}/health`)
  t.equal(health.status, 200)
  t.match(await health.json(), { status: 'ok', version: String })

  const inFlight = slowPost(server.base)
  await sleep(200)
  server.child.kill('SIGTERM')
  await sleep(300)
  t.equal(server.child.exitCode, null, 'waits for the in-flight request')
  inFlight.finish()
  t.equal(await inFlight.response, 405, 'the in-flight request is answered')
  t.equal(await server.exit, 0, 'exits 0')
})

t.test('a shutdown that outlasts SHUTDOWN_TIMEOUT_MS exits 1', async (t) => {
  const server = await start({ SHUTDOWN_TIMEOUT_MS: '500' })
  t.teardown(() => void server.child.kill('SIGKILL'))
  const stuck = slowPost(server.base)
  stuck.response.catch(() => {})
  await sleep(200)
  server.child.kill('SIGTERM')
  t.equal(await server.exit, 1)
})

t.test('invalid configuration stops start-up', async (t) => {
  await t.rejects(start({ PORT: 'eighty' }), /PORT/)
})
