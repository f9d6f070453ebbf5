/**
 * `npm run soak`: the built service (dist/server.js) in a child process, driven for 60 s by
 * autocannon from this process with mixed valid and invalid traffic (the case, the clause
 * endpoints, a small batch, calendar queries; malformed JSON, unknown fields, contradictions,
 * wrong media type, no or a wrong API key, unknown paths). Prints the requests served, non-2xx
 * by status, 5xx, errors and the server's resident memory at the start and the end of the
 * measured run (after a warm-up; medians of five one-second samples).
 *
 * Passes (exit 0) when there is no 5xx, no connection error or timeout, and resident memory
 * grew by less than 10%. Environment: SOAK_DURATION (seconds, default 60), SOAK_WARMUP
 * (seconds, default 10), SOAK_CONNECTIONS (default 16); the service's settings pass through.
 */
import { execFileSync, spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { freePort } from './free-port.js'
import { SERVICE_FLAGS } from './start-command.js'
import { fileURLToPath } from 'node:url'
import autocannon from 'autocannon'

// The parts of autocannon's API used here beyond bench/autocannon.d.ts (which tsconfig.json includes).
declare module 'autocannon' {
  interface Options {
    requests?: Array<{ method?: string; path: string; headers?: Record<string, string>; body?: string }>
  }
  interface Result {
    statusCodeStats: Record<string, { count: number }>
    '4xx': number
    '5xx': number
  }
}

const ROOT = fileURLToPath(new URL('../', import.meta.url))
const DURATION = Number(process.env['SOAK_DURATION'] ?? 60)
const WARMUP = Number(process.env['SOAK_WARMUP'] ?? 10)
const CONNECTIONS = Number(process.env['SOAK_CONNECTIONS'] ?? 16)
const KEY = 'soak-key-0123456789'
const GROWTH_LIMIT = 0.1

const theCase = JSON.parse(readFileSync(`${ROOT}test/fixtures/examples/liquidmetal-2008.request.json`, 'utf8'))
const json = { 'content-type': 'application/json', authorization: `Bearer ${KEY}` }
const post = (path: string, body: unknown, headers: Record<string, string> = json) => ({
  method: 'POST',
  path,
  headers,
  body: typeof body === 'string' ? body : JSON.stringify(body),
})
const get = (path: string, headers: Record<string, string> = { authorization: `Bearer ${KEY}` }) => ({
  method: 'GET',
  path,
  headers,
})

/** The mix, cycled by every connection: 9 valid, 9 invalid. */
const REQUESTS = [
  post('/v1/scenarios', theCase),
  get('/v1/calendars/us-fed/add-business-days?date=2008-09-29&days=10'),
  post('/v1/cure-period', {
    noticeOfDefault: { sentAt: '2008-09-29T16:30:00-04:00', methods: ['facsimile'] },
    asOf: '2008-10-31',
  }),
  post('/v1/default-interest', { note: theCase.note, eventOfDefaultDate: '2008-10-15', through: '2008-10-22' }),
  post('/v1/redemption', {
    note: theCase.note,
    eventOfDefaultDate: '2008-10-15',
    redemptionElection: theCase.events.redemptionElection,
  }),
  post('/v1/scenarios/batch', { items: Array.from({ length: 10 }, (_, i) => (i % 3 ? theCase : { note: {} })) }),
  get('/v1/calendars/us-nyse/holidays?from=2000-01-01&to=2010-12-31'),
  get('/health', {}),
  post('/v1/covenant-deadline', { spa: theCase.spa, asOf: '2008-10-31' }),
  post('/v1/scenarios', '{"note": {"principal": '), // malformed JSON: 400
  post('/v1/scenarios', { ...theCase, coupon: '0.08' }), // unknown field: 400
  post('/v1/scenarios', { ...theCase, note: { ...theCase.note, maturityDate: '2006-01-01' } }), // contradiction: 422
  post('/v1/scenarios', JSON.stringify(theCase), { ...json, 'content-type': 'text/plain' }), // 415
  post('/v1/scenarios', theCase, { 'content-type': 'application/json' }), // no key: 401
  get('/v1/calendars', { authorization: 'Bearer wrong-key' }), // wrong key: 401
  get('/v1/calendars/us-foo/holidays?from=2008-01-01&to=2008-12-31'), // unknown calendar: 404
  get('/v1/calendars/us-fed/add-business-days?date=2008-02-30&days=x'), // 400
  get('/nowhere', {}), // 404
]

/** Resident memory of a process in bytes (Linux /proc; else ps). */
function rss(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const kb = /VmRSS:\s+(\d+)\s+kB/.exec(status)
    if (kb) return Number(kb[1]) * 1024
  } catch {
    // not Linux: ask ps
  }
  return Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim()) * 1024
}

const mib = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MiB`
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function main(): Promise<number> {
  const port = await freePort()
  const base = `http://127.0.0.1:${port}`
  const server = spawn(process.execPath, [...SERVICE_FLAGS, `${ROOT}dist/server.js`], {
    env: {
      LOG_LEVEL: 'warn',
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      API_KEYS: KEY,
      WEB_CONCURRENCY: '1',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  const exited = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)))
  try {
    for (let i = 0; ; i++) {
      if (server.exitCode !== null) throw new Error(`the server exited (${server.exitCode})`)
      if (i > 100) throw new Error('the server did not start')
      const up = await fetch(`${base}/health`).then(
        (r) => r.ok,
        () => false,
      )
      if (up) break
      await sleep(100)
    }
    console.log(
      `soak: ${base} (pid ${server.pid}), ${CONNECTIONS} connections, ` +
        `${REQUESTS.length} kinds of request (half invalid)`,
    )

    const run = (duration: number) =>
      autocannon({ url: base, connections: CONNECTIONS, duration, timeout: 30, requests: REQUESTS })
    await run(WARMUP)
    console.log(`warm-up ${WARMUP} s done; resident memory ${mib(rss(server.pid!))}`)

    // Resident memory every second under load; start and end are the medians of the first and
    // the last five samples (a single sample mostly measures where the GC happens to be).
    const samples: number[] = []
    const sampler = setInterval(() => samples.push(rss(server.pid!)), 1_000)
    const result = await run(DURATION)
    clearInterval(sampler)
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
    const before = median(samples.slice(0, 5))
    const after = median(samples.slice(-5))

    const byStatus = Object.fromEntries(
      Object.entries(result.statusCodeStats)
        .sort(([a], [b]) => Number(a) - Number(b))
        .map(([s, { count }]) => [s, count]),
    )
    const non2xx = Object.fromEntries(Object.entries(byStatus).filter(([s]) => !s.startsWith('2')))
    const fivexx = Object.entries(byStatus)
      .filter(([s]) => s.startsWith('5'))
      .reduce((n, [, c]) => n + c, 0)
    const served = Object.values(byStatus).reduce((n, c) => n + c, 0)
    const growth = (after - before) / before
    console.log(
      `requests served: ${served} in ${DURATION} s ` +
        `(${Math.round(served / DURATION)}/s, p99 latency ${result.latency.p99} ms)`,
    )
    console.log(`by status:       ${JSON.stringify(byStatus)}`)
    console.log(`non-2xx:         ${JSON.stringify(non2xx)}`)
    console.log(`5xx:             ${fivexx}`)
    console.log(`errors:          ${result.errors} (timeouts ${result.timeouts})`)
    const every10 = samples.filter((_, i) => i % 10 === 9).map(mib)
    console.log(
      `resident memory: ${mib(before)} at start, ${mib(after)} at end ` +
        `(${growth >= 0 ? '+' : ''}${(growth * 100).toFixed(1)}%); ` +
        `every 10 s: ${every10.join(', ')}`,
    )

    server.kill('SIGTERM')
    const code = await exited
    console.log(`shutdown:        exit ${code}`)
    const failures = [
      fivexx > 0 && `${fivexx} 5xx`,
      result.errors > 0 && `${result.errors} errors`,
      result.timeouts > 0 && `${result.timeouts} timeouts`,
      growth >= GROWTH_LIMIT && `memory grew ${(growth * 100).toFixed(1)}% (limit ${GROWTH_LIMIT * 100}%)`,
      code !== 0 && `exit ${code}`,
      served === 0 && 'nothing served',
    ].filter(Boolean)
    console.log(failures.length === 0 ? 'soak: PASS' : `soak: FAIL (${failures.join(', ')})`)
    return failures.length === 0 ? 0 : 1
  } finally {
    if (server.exitCode === null) server.kill('SIGKILL')
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`soak: ${error instanceof Error ? error.message : String(error)}`)
    process.exit(1)
  },
)
