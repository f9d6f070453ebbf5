/**
 * `npm run bench`: the real service (dist/server.js) in one child process, driven with
 * autocannon from this process, against two bare baselines in others (the same response
 * bytes, headers included, which the targets are judged against; and the body alone, printed
 * beside it); the engine alone in another. Prints every figure measured in this run and whether each target holds,
 * and, for targets 1 and 3, the floor: what the engine and the serialization cost alone, which bounds the best ratio.
 * Targets are reported, never enforced: the exit code is 0 unless the benchmark itself fails.
 *
 * Environment: BENCH_DURATION (seconds per measured autocannon run, default 10),
 * BENCH_CONNECTIONS (default 10), BENCH_ONLY (the parts to run, e.g. `1,3`; default all);
 * LOG_LEVEL and the service's other settings pass through.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { freePort } from './free-port.js'
import { SERVICE_FLAGS } from './start-command.js'
import os from 'node:os'
import { fileURLToPath } from 'node:url'
import autocannon, { type Result } from 'autocannon'
import type { Answer, BaselineAnswers } from './baseline.js'
import { variedNotes } from './notes.js'

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))
const HERE = fileURLToPath(new URL('.', import.meta.url))
const DURATION = Number(process.env['BENCH_DURATION'] ?? 10)
const CONNECTIONS = Number(process.env['BENCH_CONNECTIONS'] ?? 10)
const ONLY = new Set((process.env['BENCH_ONLY'] ?? '1,2,3,4,5').split(',').map((p) => p.trim()))
const SEED = 2008
const CASE_FILE = `${ROOT}test/fixtures/examples/liquidmetal-2008.request.json`
const CASE = readFileSync(CASE_FILE, 'utf8')
const CALENDAR_PATH = '/v1/calendars/us-fed/add-business-days?date=2008-09-29&days=10'

class BenchError extends Error {}

// ---- processes ----------------------------------------------------------------------------

interface Server {
  name: string
  child: ChildProcess
  url: string
}

const children: ChildProcess[] = []

function spawnNode(args: string[], env: Record<string, string>, ipc = false): ChildProcess {
  // No API keys: the load generator sends none (authentication is off by default).
  const { API_KEYS: _keys, ...inherited } = process.env
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...inherited, ...env },
    // the service logs to stdout (LOG_LEVEL, info by default): discarded, as a log shipper would take it
    stdio: ipc ? ['ignore', 'ignore', 'inherit', 'ipc'] : ['ignore', 'ignore', 'inherit'],
  })
  children.push(child)
  return child
}

async function waitForHealth(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 30_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new BenchError(`the process at ${url} exited with ${child.exitCode}`)
    try {
      if ((await fetch(`${url}/health`)).ok) return
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new BenchError(`${url} did not answer /health within 30 s`)
}

async function startService(): Promise<Server> {
  const port = await freePort()
  // One process: the service's own cluster mode (WEB_CONCURRENCY) would compete with the load generator for the 2nd core.
  const child = spawnNode([...SERVICE_FLAGS, `${ROOT}dist/server.js`], { PORT: String(port), HOST: '127.0.0.1', WEB_CONCURRENCY: '1' })
  const server = { name: 'service', child, url: `http://127.0.0.1:${port}` }
  await waitForHealth(server.url, child)
  return server
}

async function startBaseline(answers: BaselineAnswers): Promise<Server> {
  const port = await freePort()
  const name = answers.bodyOnly ? 'body-only baseline' : 'baseline'
  const child = spawnNode([`${HERE}baseline.js`], { PORT: String(port) }, true)
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve())
    child.once('exit', (code) => reject(new BenchError(`the baseline exited with ${code}`)))
    child.send(answers)
  })
  return { name, child, url: `http://127.0.0.1:${port}` }
}

/** Runs bench/engine.ts in a process of its own and returns the JSON it prints. */
async function engine(...args: string[]): Promise<any> {
  const child = spawn(process.execPath, [`${HERE}engine.js`, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] })
  children.push(child)
  let out = ''
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
  return new Promise((resolve, reject) => {
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new BenchError(`engine ${args.join(' ')} exited with ${code}`))))
  })
}

/** CPU time (user + system) of a process in µs, from /proc; null where there is no /proc. */
function cpuMicros(pid: number | undefined): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
    return ((Number(fields[11]) + Number(fields[12])) * 1e6) / 100 // clock ticks, USER_HZ = 100
  } catch {
    return null
  }
}

/** Resident set size of a process in MB, from /proc; null where there is no /proc. */
function rssMb(pid: number | undefined): number | null {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    return m ? Number(m[1]) / 1024 : null
  } catch {
    return null
  }
}

// ---- measurements ---------------------------------------------------------------------------

interface Load {
  path: string
  method: 'GET' | 'POST'
  body?: string
}

interface Run {
  rps: number
  p99: number
  cpuPerRequest: number | null
  requests: number
}

async function cannon(server: Server, load: Load, seconds: number, connections = CONNECTIONS): Promise<Result> {
  const result = await autocannon({
    url: server.url + load.path,
    method: load.method,
    headers: load.body === undefined ? {} : { 'content-type': 'application/json' },
    ...(load.body === undefined ? {} : { body: load.body }),
    connections,
    duration: seconds,
    timeout: 120,
  })
  if (result.errors > 0 || result.timeouts > 0 || result.non2xx > 0) {
    throw new BenchError(`${server.name} ${load.method} ${load.path}: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx`)
  }
  return result
}

/**
 * The servers alternately (warm-up, then two rounds of DURATION/2 each), so that drift on a
 * shared machine hits all alike. rps over all rounds; p99 the worse round's.
 */
async function compare(load: Load, servers: Server[]): Promise<Map<Server, Run>> {
  for (const server of servers) await cannon(server, load, 3)
  const totals = new Map<Server, { requests: number; seconds: number; p99: number; cpu: number | null }>()
  for (let round = 0; round < 2; round++) {
    for (const server of servers) {
      const cpu0 = cpuMicros(server.child.pid)
      const r = await cannon(server, load, DURATION / 2)
      const cpu1 = cpuMicros(server.child.pid)
      const t = totals.get(server) ?? { requests: 0, seconds: 0, p99: 0, cpu: 0 }
      t.requests += r.requests.total
      t.seconds += r.duration
      t.p99 = Math.max(t.p99, r.latency.p99)
      t.cpu = cpu0 === null || cpu1 === null || t.cpu === null ? null : t.cpu + (cpu1 - cpu0)
      totals.set(server, t)
    }
  }
  const runs = new Map<Server, Run>()
  for (const [server, t] of totals) {
    runs.set(server, { rps: t.requests / t.seconds, p99: t.p99, cpuPerRequest: t.cpu === null ? null : t.cpu / t.requests, requests: t.requests })
  }
  return runs
}

/** µs per note of the work an answer needs besides the engine, each part timed alone (bench/engine.ts). */
interface Floor {
  parseUs: number
  validateUs: number
  serializeUs: number
}

interface BatchRun {
  notes: number
  bodyMb: number
  requests: number
  msPerBatch: number
  notesPerSecond: number
  cpuPerNote: number | null
  peakRssMb: number | null
}

async function batch(service: Server, count: number): Promise<BatchRun> {
  const body = JSON.stringify({ items: variedNotes(count, SEED) })
  // Correctness first: every item computed (a benchmark of 422s would measure nothing).
  const started = Date.now()
  const res = await fetch(`${service.url}/v1/scenarios/batch`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
  const text = await res.text()
  const firstMs = Date.now() - started
  const ok = text.split('{"ok":true,').length - 1
  if (res.status !== 200 || ok !== count) throw new BenchError(`batch of ${count}: status ${res.status}, ${ok} items ok`)

  // As many whole batches as fit in about DURATION seconds (a batch cut short would count its CPU, not its notes).
  const amount = Math.min(1000, Math.max(3, Math.round((DURATION * 1000) / firstMs)))
  let peak = rssMb(service.child.pid)
  const sampler = setInterval(() => {
    const rss = rssMb(service.child.pid)
    if (rss !== null && (peak === null || rss > peak)) peak = rss
  }, 20)
  const cpu0 = cpuMicros(service.child.pid)
  const r = await autocannon({
    url: `${service.url}/v1/scenarios/batch`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    connections: 1,
    amount,
    timeout: 120,
  })
  const cpu1 = cpuMicros(service.child.pid)
  clearInterval(sampler)
  if (r.errors > 0 || r.timeouts > 0 || r.non2xx > 0 || r.requests.total !== amount) {
    throw new BenchError(`batch of ${count}: ${r.errors} errors, ${r.timeouts} timeouts, ${r.non2xx} non-2xx, ${r.requests.total}/${amount} answered`)
  }
  return {
    notes: count,
    bodyMb: Buffer.byteLength(body) / 2 ** 20,
    requests: r.requests.total,
    msPerBatch: r.latency.mean,
    notesPerSecond: (count * 1000) / r.latency.mean,
    cpuPerNote: cpu0 === null || cpu1 === null ? null : (cpu1 - cpu0) / (r.requests.total * count),
    peakRssMb: peak,
  }
}

// ---- report ---------------------------------------------------------------------------------

const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })
const verdict = (met: boolean): string => (met ? 'MET   ' : 'MISSED')
const results: string[] = []

function target(label: string, met: boolean, detail: string): void {
  const line = `${verdict(met)}  ${label}: ${detail}`
  results.push(line)
}

function printComparison(title: string, runs: Map<Server, Run>, service: Server, baseline: Server, bodyOnly: Server, goal: number, detail = ''): void {
  const run = (server: Server) => runs.get(server)!
  const ratio = run(service).rps / run(baseline).rps
  const line = (label: string, r: Run) =>
    `  ${label.padEnd(19)} ${fmt(r.rps).padStart(7)} requests/s   p99 ${fmt(r.p99, 1).padStart(5)} ms${r.cpuPerRequest === null ? '' : `, server CPU ${fmt(r.cpuPerRequest, 1)} µs/request`}`
  console.log(`\n${title}`)
  console.log(line('baseline', run(baseline)))
  console.log(line('body-only baseline', run(bodyOnly)))
  console.log(line('service', run(service)))
  console.log(`  ratio     ${ratio.toFixed(2)} (target >= ${goal}); against the body-only baseline ${(run(service).rps / run(bodyOnly).rps).toFixed(2)}`)
  target(title, ratio >= goal, `ratio ${ratio.toFixed(2)} (target >= ${goal})${detail}`)
}

/** What the service answered, as the baselines answer it: headers Node writes itself left out. */
async function answerOf(response: Response): Promise<Answer> {
  const headers: Record<string, string> = {}
  for (const [name, value] of response.headers) {
    if (!['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding'].includes(name)) headers[name] = value
  }
  return { headers, body: await response.text() }
}

async function main(): Promise<void> {
  const cpus = os.cpus()
  console.log('convertible-default benchmark')
  console.log(
    `  machine: ${cpus.length} x ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${fmt(os.totalmem() / 2 ** 30, 1)} GB RAM, ${os.type()} ${os.release()}, Node ${process.version}`,
  )
  console.log(`  load average at start: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} (other work on the machine skews every figure)`)
  console.log(`  service: node ${SERVICE_FLAGS.join(' ')} dist/server.js (as npm start runs it), 1 process, LOG_LEVEL=${process.env['LOG_LEVEL'] ?? 'info (default)'}; autocannon: ${CONNECTIONS} connections, ${DURATION} s per measurement`)

  const service = await startService()
  const startRss = rssMb(service.child.pid)
  const caseResponse = await fetch(`${service.url}/v1/scenarios`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: CASE })
  const calendarResponse = await fetch(service.url + CALENDAR_PATH)
  if (caseResponse.status !== 200 || calendarResponse.status !== 200) throw new BenchError('the service did not answer the case')
  const answers: BaselineAnswers = { scenario: await answerOf(caseResponse), addBusinessDays: await answerOf(calendarResponse), bodyOnly: false }
  const baseline = await startBaseline(answers)
  const bodyOnly = await startBaseline({ ...answers, bodyOnly: true })
  for (const server of [baseline, bodyOnly]) {
    const check = await fetch(`${server.url}/v1/scenarios`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: CASE })
    const same = (await check.text()) === answers.scenario.body
    const sameHeaders = Object.entries(answers.scenario.headers).every(([k, v]) => check.headers.get(k) === v)
    if (!same || (server === baseline && !sameHeaders)) throw new BenchError(`the ${server.name} does not answer the same bytes`)
  }

  // 1. the case
  if (ONLY.has('1')) {
  const c1 = await compare({ path: '/v1/scenarios', method: 'POST', body: CASE }, [baseline, bodyOnly, service])
  const alone: { usPerNote: number; floor: Floor } = await engine('case', CASE_FILE)
  const baselineCpu = c1.get(baseline)!.cpuPerRequest
  // The baseline already parses and validates the request and sends the same bytes: the
  // service needs at least that, plus computing the answer and serializing it.
  const best = baselineCpu === null ? null : baselineCpu / (baselineCpu + alone.usPerNote + alone.floor.serializeUs)
  printComparison(`1. POST /v1/scenarios, the case (${fmt(Buffer.byteLength(answers.scenario.body))} bytes answered)`, c1, service, baseline, bodyOnly, 0.8, best === null ? '' : `; the floor allows at most ${best.toFixed(2)}`)
  if (best !== null) {
    console.log(
      `  floor     the baseline's ${fmt(baselineCpu!, 1)} µs + the engine alone ${fmt(alone.usPerNote, 1)} µs + serializing and encoding the answer alone ${fmt(alone.floor.serializeUs, 1)} µs: a ratio of at most ${best.toFixed(2)} (by CPU) even if the rest of the service cost nothing`,
    )
  }
  }

  // 2. a calendar query
  if (ONLY.has('2')) {
  const c2 = await compare({ path: CALENDAR_PATH, method: 'GET' }, [baseline, bodyOnly, service])
  printComparison(`2. GET ${CALENDAR_PATH}`, c2, service, baseline, bodyOnly, 0.9)
  }

  // 3. batches, 5. memory
  const idleRss = rssMb(service.child.pid)
  let peakRss: number | null = null
  if (ONLY.has('3') || ONLY.has('5')) console.log('\n3. POST /v1/scenarios/batch, varied notes (1 connection), against the engine alone in-process')
  for (const count of ONLY.has('3') ? [1_000, 10_000] : ONLY.has('5') ? [10_000] : []) {
    const http = await batch(service, count)
    const alone = await engine('batch', String(count), String(SEED))
    const ratio = http.notesPerSecond / alone.notesPerSecond
    const overhead = alone.notesPerSecond / http.notesPerSecond - 1
    const cpu = http.cpuPerNote === null ? '' : `; service CPU ${fmt(http.cpuPerNote, 1)} µs/note`
    console.log(`  ${fmt(count)} notes (${fmt(http.bodyMb, 1)} MB request, ${fmt(alone.rowsPerNote, 1)} ledger rows/note), ${http.requests} batches:`)
    console.log(`    HTTP    ${fmt(http.notesPerSecond).padStart(7)} notes/s (${fmt(http.msPerBatch)} ms/batch${cpu})`)
    console.log(`    engine  ${fmt(alone.notesPerSecond).padStart(7)} notes/s (${fmt(alone.usPerNote, 1)} µs/note, in a process of its own)`)
    console.log(`    ratio   ${ratio.toFixed(2)}: HTTP, validation and serialization add ${fmt(overhead * 100)}% (target <= 25%)`)
    const f: Floor = alone.floor
    const least = (f.parseUs + f.validateUs + f.serializeUs) / alone.usPerNote
    console.log(
      `    floor   parsing ${fmt(f.parseUs, 1)}, validating ${fmt(f.validateUs, 1)}, serializing and encoding ${fmt(f.serializeUs, 1)} µs/note, each alone: at least ${fmt(least * 100)}% over the engine before any HTTP`,
    )
    target(
      `3. batch of ${fmt(count)}`,
      overhead <= 0.25,
      `HTTP, validation and serialization add ${fmt(overhead * 100)}% to the engine (target <= 25%); the floor is ${fmt(least * 100)}%`,
    )
    if (count === 10_000) peakRss = http.peakRssMb
  }

  // 4. scaling
  if (ONLY.has('4')) {
  const scaling: Array<{ years: number; frequency: string; periods: number; rows: number; days: number; usPerNote: number }> = await engine('scaling')
  console.log('\n4. engine time by note length (in-process, monthly interest)')
  for (const s of scaling) {
    console.log(
      `  ${String(s.years).padStart(2)} years ${s.frequency.padEnd(8)} ${String(s.periods).padStart(4)} periods ${String(s.rows).padStart(4)} ledger rows ${fmt(s.days).padStart(6)} days: ${fmt(s.usPerNote, 1).padStart(7)} µs/note, ${fmt(s.usPerNote / s.periods, 2)} µs/period`,
    )
  }
  const [y1, y10, y50, y4, y48annual] = scaling as [typeof scaling[0], typeof scaling[0], typeof scaling[0], typeof scaling[0], typeof scaling[0]]
  const slope1 = (y10.usPerNote - y1.usPerNote) / (y10.periods - y1.periods)
  const slope2 = (y50.usPerNote - y10.usPerNote) / (y50.periods - y10.periods)
  const perDay = y48annual.usPerNote / y4.usPerNote
  console.log(`  marginal cost per period: ${fmt(slope1, 2)} µs (1 → 10 years), ${fmt(slope2, 2)} µs (10 → 50 years)`)
  console.log(`  ${y48annual.periods} annual periods over ${fmt(y48annual.days)} days cost ${perDay.toFixed(2)}x ${y4.periods} monthly periods over ${fmt(y4.days)} days`)
  const linear = slope2 <= slope1 * 1.5 && slope2 >= slope1 / 1.5 && perDay < 1.5
  target('4. scaling', linear, `linear in periods (marginal ${fmt(slope1, 2)} vs ${fmt(slope2, 2)} µs/period), not days (${perDay.toFixed(2)}x for 12x the days)`)
  }

  // 5. memory
  if (ONLY.has('5')) {
  const mb = (v: number | null): string => (v === null ? 'n/a' : `${fmt(v)} MB`)
  console.log(`\n5. resident memory of the service: ${mb(startRss)} at start, ${mb(idleRss)} before the batches, peak ${mb(peakRss)} during the 10,000-note batches`)
  if (peakRss !== null) target('5. RSS during the 10,000-note batch', peakRss < 200, `peak ${fmt(peakRss)} MB (target < 200 MB)`)
  }

  console.log('\nTargets')
  for (const line of results) console.log(`  ${line}`)
}

function stopAll(): void {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM')
}

try {
  await main()
} catch (error) {
  console.error(error instanceof BenchError ? `benchmark failed: ${error.message}` : error)
  process.exitCode = 1
} finally {
  stopAll()
}
