/**
 * `npm run bench`: the five performance figures, measured in one run, each with MET or MISSED.
 *
 *   1. the engine against QuantLib-Python on the case: `computeScenario` in a process of its
 *      own (bench/engine.ts) against bench/quantlib.py's job on the same note, where python3
 *      has QuantLib (else the engine's figure alone);
 *   2. the service (dist/server.js as `npm start` runs it, logging at info) against the floor
 *      server (bench/floor.ts: the same validation and engine, JSON.stringify of the result),
 *      `POST /v1/scenarios` with the case, driven with autocannon from this process;
 *   3. `?view=summary` beside the full answer: bytes and requests/s (reported, no target);
 *   4. six clients each sending a 3,000-item batch at once: all complete (admission by memory);
 *   5. a batch of 10,000 varied notes, full and summary: what HTTP, validation and
 *      serialization add to the engine alone, by CPU time per note;
 *   6. `/health`'s worst latency while the costliest compare and scenario compute (pool);
 *   7. a 10,000-note batch: notes/s with the pool on 2 threads against 1;
 *   8. the same batch streamed as NDJSON: peak resident memory against the whole answer, and
 *      the time to the first line;
 *   9. `POST /v1/scenarios` with the case: requests/s against the service before the pool
 *      (BENCH_BASELINE, a git revision, built into a temporary directory; by default the
 *      parent of the commit that added src/plugins/pool.ts).
 *
 * Times are CPU times (user + system, from /proc or the process itself) where a figure is a
 * cost per unit of work: the machine is shared, and wall time would count the waits for a
 * core. Requests/s are wall-clock rates, the servers measured alternately so that drift hits
 * both alike. Targets are reported, never enforced: the exit code is 0 unless the benchmark
 * itself fails.
 *
 * Environment: BENCH_DURATION (seconds per measured autocannon run, default 10),
 * BENCH_CONNECTIONS (default 10), BENCH_ONLY (the figures to run, e.g. `1,3`; default all),
 * BENCH_PYTHON (default /usr/bin/python3); LOG_LEVEL and the service's other settings pass through.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import os from 'node:os'
import { fileURLToPath } from 'node:url'
import autocannon, { type Result } from 'autocannon'
import { freePort } from './free-port.js'
import { variedNotes } from './notes.js'
import { SERVICE_FLAGS } from './start-command.js'

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))
const HERE = fileURLToPath(new URL('.', import.meta.url))
const DURATION = Number(process.env['BENCH_DURATION'] ?? 10)
const CONNECTIONS = Number(process.env['BENCH_CONNECTIONS'] ?? 10)
const ONLY = new Set((process.env['BENCH_ONLY'] ?? '1,2,3,4,5,6,7,8,9').split(',').map((p) => p.trim()))
const PYTHON = process.env['BENCH_PYTHON'] ?? '/usr/bin/python3'
const SEED = 2008
const CASE_FILE = `${ROOT}test/fixtures/examples/liquidmetal-2008.request.json`
const CASE = readFileSync(CASE_FILE, 'utf8')

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

async function startService(env: Record<string, string> = {}, root = ROOT, name = 'service'): Promise<Server> {
  const port = await freePort()
  // One process: the service's own cluster mode (WEB_CONCURRENCY) would compete with the load generator for the 2nd
  // core.
  const child = spawnNode([...SERVICE_FLAGS, `${root}dist/server.js`], {
    PORT: String(port),
    HOST: '127.0.0.1',
    WEB_CONCURRENCY: '1',
    ...env,
  })
  const server = { name, child, url: `http://127.0.0.1:${port}` }
  await waitForHealth(server.url, child)
  return server
}

async function startFloor(): Promise<Server> {
  const port = await freePort()
  // The floor runs with the service's node flags too: the heap limit changes what V8 costs.
  const child = spawnNode([...SERVICE_FLAGS, `${HERE}floor.js`], { PORT: String(port) }, true)
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve())
    child.once('exit', (code) => reject(new BenchError(`the floor server exited with ${code}`)))
  })
  return { name: 'floor', child, url: `http://127.0.0.1:${port}` }
}

/** Runs a process to its end and returns what it printed on stdout, or null with its exit code. */
function output(command: string, args: string[]): Promise<{ code: number | null; out: string }> {
  const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] })
  children.push(child)
  let out = ''
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
  return new Promise((resolve) => {
    child.on('error', () => resolve({ code: null, out }))
    child.on('exit', (code) => resolve({ code, out }))
  })
}

/** Runs bench/engine.ts in a process of its own and returns the JSON it prints. */
async function engine(...args: string[]): Promise<any> {
  const { code, out } = await output(process.execPath, [...SERVICE_FLAGS, `${HERE}engine.js`, ...args])
  if (code !== 0) throw new BenchError(`engine ${args.join(' ')} exited with ${code}`)
  return JSON.parse(out)
}

/** bench/quantlib.py on the case, or why it could not run. */
async function quantlib(): Promise<
  { usPerJob: number; quantlib: string; cureDeadline: string; dueDate: string; cashFlows: number } | { error: string }
> {
  const { code, out } = await output(PYTHON, [`${ROOT}bench/quantlib.py`, CASE_FILE])
  if (code === 0) return JSON.parse(out)
  if (code === 2) return JSON.parse(out) as { error: string }
  return { error: `${PYTHON} could not run bench/quantlib.py (${code === null ? 'not found' : `exit ${code}`})` }
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
  name: string
  server: Server
  path: string
  body: string
}

interface Run {
  rps: number
  p99: number
  cpuPerRequest: number | null
  requests: number
}

async function cannon(load: Load, seconds: number): Promise<Result> {
  const result = await autocannon({
    url: load.server.url + load.path,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: load.body,
    connections: CONNECTIONS,
    duration: seconds,
    timeout: 120,
  })
  if (result.errors > 0 || result.timeouts > 0 || result.non2xx > 0) {
    throw new BenchError(`${load.name}: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx`)
  }
  return result
}

/**
 * The loads alternately (warm-up, then two rounds of DURATION/2 each), so that drift on a
 * shared machine hits all alike. rps over all rounds; p99 the worse round's; CPU per request
 * of the server process.
 */
async function compare(loads: Load[]): Promise<Run[]> {
  for (const load of loads) await cannon(load, 3)
  const totals: { requests: number; seconds: number; p99: number; cpu: number | null }[] = loads.map(() => ({
    requests: 0,
    seconds: 0,
    p99: 0,
    cpu: 0,
  }))
  for (let round = 0; round < 2; round++) {
    for (const [i, load] of loads.entries()) {
      const cpu0 = cpuMicros(load.server.child.pid)
      const r = await cannon(load, DURATION / 2)
      const cpu1 = cpuMicros(load.server.child.pid)
      const t = totals[i]!
      t.requests += r.requests.total
      t.seconds += r.duration
      t.p99 = Math.max(t.p99, r.latency.p99)
      t.cpu = cpu0 === null || cpu1 === null || t.cpu === null ? null : t.cpu + (cpu1 - cpu0)
    }
  }
  return totals.map((t) => ({
    rps: t.requests / t.seconds,
    p99: t.p99,
    cpuPerRequest: t.cpu === null ? null : t.cpu / t.requests,
    requests: t.requests,
  }))
}

interface BatchRun {
  notes: number
  bodyMb: number
  answerMb: number
  requests: number
  msPerBatch: number
  cpuPerNote: number | null
  peakRssMb: number | null
}

async function post(url: string, body: string): Promise<{ status: number; text: string }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
  return { status: res.status, text: await res.text() }
}

/** Whole batches of `count` varied notes, one after another on one connection, for about DURATION seconds. */
async function batch(service: Server, count: number, view: 'full' | 'summary'): Promise<BatchRun> {
  const body = JSON.stringify({ items: variedNotes(count, SEED) })
  const url = `${service.url}/v1/scenarios/batch${view === 'summary' ? '?view=summary' : ''}`
  // Correctness first: every item computed (a benchmark of 422s would measure nothing).
  const started = Date.now()
  const first = await post(url, body)
  const firstMs = Date.now() - started
  const ok = first.text.split('{"ok":true,').length - 1
  if (first.status !== 200 || ok !== count)
    throw new BenchError(`batch of ${count}: status ${first.status}, ${ok} items ok`)

  // As many whole batches as fit in about DURATION seconds (a batch cut short would count its CPU, not its notes).
  const amount = Math.min(1000, Math.max(3, Math.round((DURATION * 1000) / firstMs)))
  let peak = rssMb(service.child.pid)
  const sampler = setInterval(() => {
    const rss = rssMb(service.child.pid)
    if (rss !== null && (peak === null || rss > peak)) peak = rss
  }, 20)
  const cpu0 = cpuMicros(service.child.pid)
  const r = await autocannon({
    url,
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
    throw new BenchError(
      `batch of ${count}: ${r.errors} errors, ${r.timeouts} timeouts, ` +
        `${r.non2xx} non-2xx, ${r.requests.total}/${amount} answered`,
    )
  }
  return {
    notes: count,
    bodyMb: Buffer.byteLength(body) / 2 ** 20,
    answerMb: Buffer.byteLength(first.text) / 2 ** 20,
    requests: r.requests.total,
    msPerBatch: r.latency.mean,
    cpuPerNote: cpu0 === null || cpu1 === null ? null : (cpu1 - cpu0) / (r.requests.total * count),
    peakRssMb: peak,
  }
}

// ---- the pool (figures 6 to 9) --------------------------------------------------------------

/** The costliest legal scenario: monthly cash interest 1901–2199, with `holders` holders. */
function costliest(holders: number): unknown {
  const theCase = JSON.parse(CASE) as Record<string, any>
  return {
    ...theCase,
    note: {
      ...theCase['note'],
      issueDate: '1901-01-01',
      maturityDate: '2199-12-31',
      interest: {
        ...theCase['note'].interest,
        paymentForm: 'cash',
        interestDates: { frequency: 'monthly', firstDate: '1901-02-01' },
      },
    },
    spa: { closingDate: '1901-01-01' },
    events: {
      ...theCase['events'],
      noticeOfDefault: { sentAt: '1901-03-01', methods: ['facsimile'] },
      redemptionElection: { date: '2199-01-01' },
    },
    asOf: '2199-12-31',
    ...(holders > 0
      ? { holders: Array.from({ length: holders }, (_, i) => ({ id: `h${i}`, principal: '10000.00' })) }
      : {}),
  }
}

/** A whole POST answer with the time to its first body byte, and the server's peak RSS meanwhile. */
async function timed(
  server: Server,
  path: string,
  body: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; text: string; firstByteMs: number; ms: number; peakRssMb: number | null }> {
  let peak = rssMb(server.child.pid)
  const sampler = setInterval(() => {
    const rss = rssMb(server.child.pid)
    if (rss !== null && (peak === null || rss > peak)) peak = rss
  }, 10)
  const started = performance.now()
  const res = await fetch(server.url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  })
  const reader = res.body!.getReader()
  const chunks: Uint8Array[] = []
  let firstByteMs = -1
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    if (firstByteMs < 0) firstByteMs = performance.now() - started
    chunks.push(value)
  }
  const ms = performance.now() - started
  clearInterval(sampler)
  return { status: res.status, text: Buffer.concat(chunks).toString('utf8'), firstByteMs, ms, peakRssMb: peak }
}

function git(args: string[]): Promise<{ code: number | null; out: string }> {
  return output('git', args)
}

/** Builds the service at a git revision into a temporary directory; returns its root (with a trailing /). */
async function buildRevision(revision: string): Promise<string> {
  const dir = `${os.tmpdir()}/convertible-default-baseline-${process.pid}/`
  const made = await output('sh', [
    '-c',
    `rm -rf "${dir}" && mkdir -p "${dir}" && git archive "${revision}" | tar -x -C "${dir}" ` +
      `&& ln -s "${ROOT}node_modules" "${dir}node_modules" ` +
      `&& cd "${dir}" && "${process.execPath}" "${ROOT}node_modules/typescript/bin/tsc" -p tsconfig.build.json`,
  ])
  if (made.code !== 0) throw new BenchError(`could not build ${revision} in ${dir}: ${made.out}`)
  return dir
}

async function poolFigures(): Promise<void> {
  // 6. /health while the costliest compare and scenario compute
  if (ONLY.has('6')) {
    const service = await startService({}, ROOT, 'service (pool)')
    const compareBody = JSON.stringify({ scenario: costliest(100) })
    const scenarioBody = JSON.stringify(costliest(100))
    let done = false
    const started = performance.now()
    const work = Promise.all([
      post(`${service.url}/v1/scenarios/compare`, compareBody),
      post(`${service.url}/v1/scenarios`, scenarioBody),
    ]).finally(() => (done = true))
    const latencies: number[] = []
    while (!done) {
      const before = performance.now()
      const res = await fetch(`${service.url}/health`)
      await res.text()
      latencies.push(performance.now() - before)
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    const [compared, scenario] = await work
    const seconds = (performance.now() - started) / 1000
    const worst = Math.max(...latencies)
    console.log(
      '\n6. GET /health every 100 ms while the costliest compare ' +
        '(1901–2199 monthly, 100 holders, the default readings) and the same scenario compute',
    )
    console.log(
      `  compare ${compared.status}, scenario ${scenario.status}, both done in ${fmt(seconds, 1)} s; ` +
        `${latencies.length} health checks, worst ${fmt(worst)} ms, ` +
        `median ${fmt(latencies.sort((a, b) => a - b)[Math.floor(latencies.length / 2)]!)} ms`,
    )
    target('6. /health during the costliest requests', worst <= 1000, `worst ${fmt(worst)} ms (target <= 1,000 ms)`)
    service.child.kill('SIGTERM')
  }

  // 7. a 10,000-note batch on 2 pool threads against 1
  if (ONLY.has('7')) {
    const body = JSON.stringify({ items: variedNotes(10_000, SEED) })
    const one = await startService({ POOL_THREADS: '1' }, ROOT, '1 thread')
    const two = await startService({ POOL_THREADS: '2' }, ROOT, '2 threads')
    const rates = new Map<string, number[]>([
      ['1 thread', []],
      ['2 threads', []],
    ])
    const cpuPerNote = new Map<string, number[]>([
      ['1 thread', []],
      ['2 threads', []],
    ])
    // Alternately, after a warm-up each, so that drift on a shared machine hits both alike.
    for (const server of [one, two]) await timed(server, '/v1/scenarios/batch?view=summary', body)
    for (let round = 0; round < 3; round++) {
      for (const server of [one, two]) {
        const cpu0 = cpuMicros(server.child.pid)
        const r = await timed(server, '/v1/scenarios/batch?view=summary', body)
        const cpu1 = cpuMicros(server.child.pid)
        if (r.status !== 200) throw new BenchError(`batch on ${server.name}: ${r.status}`)
        rates.get(server.name)!.push((10_000 * 1000) / r.ms)
        if (cpu0 !== null && cpu1 !== null) cpuPerNote.get(server.name)!.push((cpu1 - cpu0) / 10_000)
      }
    }
    const best = (name: string) => Math.max(...rates.get(name)!)
    const ratio = best('2 threads') / best('1 thread')
    console.log('\n7. POST /v1/scenarios/batch?view=summary, 10,000 varied notes, the pool on 1 thread and on 2')
    for (const name of rates.keys())
      console.log(
        `  ${name.padEnd(10)} ${rates
          .get(name)!
          .map((r) => fmt(r))
          .join(', ')} notes/s (best ${fmt(best(name))}); process CPU ${cpuPerNote
          .get(name)!
          .map((c) => fmt(c, 1))
          .join(', ')} µs/note`,
      )
    console.log(`  ratio     ${ratio.toFixed(2)}x (target >= 1.6; ${os.availableParallelism()} cores)`)
    target('7. batch, 2 threads vs 1', ratio >= 1.6, `${ratio.toFixed(2)}x the notes/s (target >= 1.6)`)
    one.child.kill('SIGTERM')
    two.child.kill('SIGTERM')
  }

  // 8. the streamed batch's memory and first line
  if (ONLY.has('8')) {
    const body = JSON.stringify({ items: variedNotes(10_000, SEED) })
    const measure = async (ndjson: boolean) => {
      // A fresh process each: resident memory rarely shrinks, so a peak is one process's.
      const server = await startService({}, ROOT, ndjson ? 'ndjson' : 'whole')
      const baseline = rssMb(server.child.pid)
      const r = await timed(server, '/v1/scenarios/batch', body, ndjson ? { accept: 'application/x-ndjson' } : {})
      server.child.kill('SIGTERM')
      if (r.status !== 200) throw new BenchError(`batch (${server.name}): ${r.status}`)
      return { ...r, baseline }
    }
    const whole = await measure(false)
    const streamed = await measure(true)
    const lines = streamed.text.split('\n').length - 1
    const ratio = streamed.peakRssMb !== null && whole.peakRssMb !== null ? streamed.peakRssMb / whole.peakRssMb : null
    console.log(
      '\n8. POST /v1/scenarios/batch, 10,000 varied notes, full view: streamed as NDJSON against answered whole',
    )
    for (const [name, r] of [
      ['whole', whole],
      ['NDJSON', streamed],
    ] as const)
      console.log(
        `  ${name.padEnd(7)} first byte ${fmt(r.firstByteMs)} ms, done ${fmt(r.ms)} ms, ` +
          `${fmt(Buffer.byteLength(r.text) / 2 ** 20, 1)} MB; ` +
          `resident ${r.baseline === null ? 'n/a' : fmt(r.baseline)} MB idle, ` +
          `peak ${r.peakRssMb === null ? 'n/a' : fmt(r.peakRssMb)} MB`,
      )
    console.log(`  ${fmt(lines)} lines`)
    target(
      '8. streamed batch, peak RSS vs whole',
      ratio === null ? null : ratio <= 0.5,
      `${ratio === null ? 'n/a' : ratio.toFixed(2)} (target <= 0.5); first line after ${fmt(streamed.firstByteMs)} ms`,
    )
  }

  // 9. the case's requests/s against the service before the pool
  if (ONLY.has('9')) {
    let revision = process.env['BENCH_BASELINE']
    if (!revision) {
      const added = await git(['log', '--format=%H', '--diff-filter=A', '-1', '--', 'src/plugins/pool.ts'])
      revision = added.out.trim() === '' ? undefined : `${added.out.trim()}^`
    }
    if (revision === undefined) {
      target('9. the case vs before the pool', null, 'no git history to build the service before the pool from')
      return
    }
    const root = await buildRevision(revision)
    const before = await startService({}, root, 'before the pool')
    const now = await startService({}, ROOT, 'service')
    const [beforeRun, nowRun] = await compare([
      { name: 'before the pool', server: before, path: '/v1/scenarios', body: CASE },
      { name: 'service', server: now, path: '/v1/scenarios', body: CASE },
    ])
    const ratio = nowRun!.rps / beforeRun!.rps
    const bytes = Buffer.byteLength((await post(`${now.url}/v1/scenarios`, CASE)).text)
    console.log(`\n9. POST /v1/scenarios, the case: the service against itself before the pool (${revision})`)
    console.log(runLine('before the pool', beforeRun!, bytes))
    console.log(runLine('service', nowRun!, bytes))
    console.log(`  ratio     ${ratio.toFixed(2)} of the requests/s before (target >= 0.95)`)
    target('9. the case vs before the pool', ratio >= 0.95, `${ratio.toFixed(2)} of its requests/s (target >= 0.95)`)
    before.child.kill('SIGTERM')
    now.child.kill('SIGTERM')
  }
}

// ---- report ---------------------------------------------------------------------------------

const fmt = (n: number, digits = 0): string =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })
const results: string[] = []

function target(label: string, met: boolean | null, detail: string): void {
  results.push(`${met === null ? 'n/a   ' : met ? 'MET   ' : 'MISSED'}  ${label}: ${detail}`)
}

function runLine(label: string, r: Run, bytes: number): string {
  return (
    `  ${label.padEnd(22)} ${fmt(r.rps).padStart(7)} requests/s   p99 ${fmt(r.p99, 1).padStart(5)} ms   ` +
    `${fmt(bytes).padStart(6)} bytes` +
    `${r.cpuPerRequest === null ? '' : `   server CPU ${fmt(r.cpuPerRequest, 1)} µs/request`}`
  )
}

async function main(): Promise<void> {
  const cpus = os.cpus()
  console.log('convertible-default benchmark')
  console.log(
    `  machine: ${cpus.length} x ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ` +
      `${fmt(os.totalmem() / 2 ** 30, 1)} GB RAM, ` +
      `${os.type()} ${os.release()}, Node ${process.version}`,
  )
  console.log(
    `  load average at start: ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} (other work on the machine skews every figure)`,
  )
  console.log(
    `  service: node ${SERVICE_FLAGS.join(' ')} dist/server.js (as npm start runs it), 1 process, ` +
      `LOG_LEVEL=${process.env['LOG_LEVEL'] ?? 'info (default)'}; ` +
      `autocannon: ${CONNECTIONS} connections, ${DURATION} s per measurement`,
  )

  const service = await startService()

  // 1. the engine against QuantLib
  if (ONLY.has('1')) {
    const alone: { usPerNote: number; floor: { parseUs: number; validateUs: number; serializeUs: number } } =
      await engine('case', CASE_FILE)
    const ql = await quantlib()
    console.log('\n1. the engine on the case, in process (CPU time per call, median of rounds)')
    console.log(
      `  computeScenario     ${fmt(alone.usPerNote, 1).padStart(7)} µs  ` +
        `(alone, besides: parse ${fmt(alone.floor.parseUs, 1)}, ` +
        `validate ${fmt(alone.floor.validateUs, 1)}, ` +
        `serialize and encode ${fmt(alone.floor.serializeUs, 1)} µs)`,
    )
    if ('error' in ql) {
      console.log(`  QuantLib-Python     not measured: ${ql.error}`)
      target(
        '1. engine vs QuantLib-Python',
        null,
        `engine ${fmt(alone.usPerNote, 1)} µs; QuantLib absent (${ql.error})`,
      )
    } else {
      const ratio = ql.usPerJob / alone.usPerNote
      console.log(
        `  QuantLib ${ql.quantlib.padEnd(10)} ${fmt(ql.usPerJob, 1).padStart(7)} µs  ` +
          `(schedule, FixedRateBond 30/360 US, 2 Fed-calendar advances: cure deadline ${ql.cureDeadline}, ` +
          `due ${ql.dueDate}; accrued amount; ${ql.cashFlows} cash flows)`,
      )
      console.log(`  ratio     QuantLib / engine ${ratio.toFixed(2)} (target >= 2)`)
      target(
        '1. engine vs QuantLib-Python',
        ratio >= 2,
        `${ratio.toFixed(2)}x as fast ` +
          `(engine ${fmt(alone.usPerNote, 1)} µs, QuantLib ${fmt(ql.usPerJob, 1)} µs; target >= 2x)`,
      )
    }
  }

  // 2. and 3. the service against the floor; the summary view beside the full answer
  if (ONLY.has('2') || ONLY.has('3')) {
    const floor = await startFloor()
    const full = await post(`${service.url}/v1/scenarios`, CASE)
    const summary = await post(`${service.url}/v1/scenarios?view=summary`, CASE)
    const floorAnswer = await post(`${floor.url}/v1/scenarios`, CASE)
    if (full.status !== 200 || summary.status !== 200) throw new BenchError('the service did not answer the case')
    if (floorAnswer.text !== full.text)
      throw new BenchError('the floor server does not answer the same body as the service')
    const loads: Load[] = [
      { name: 'floor server', server: floor, path: '/v1/scenarios', body: CASE },
      { name: 'service', server: service, path: '/v1/scenarios', body: CASE },
      ...(ONLY.has('3')
        ? [{ name: 'service, view=summary', server: service, path: '/v1/scenarios?view=summary', body: CASE }]
        : []),
    ]
    const [floorRun, fullRun, summaryRun] = await compare(loads)
    const bytes = Buffer.byteLength(full.text)
    const summaryBytes = Buffer.byteLength(summary.text)
    console.log(
      '\n2. POST /v1/scenarios, the case: the service against the floor server ' +
        '(same validation and engine, JSON.stringify, no logging)',
    )
    console.log(runLine('floor server', floorRun!, bytes))
    console.log(runLine('service', fullRun!, bytes))
    const ratio = fullRun!.rps / floorRun!.rps
    const cpuRatio =
      fullRun!.cpuPerRequest !== null && floorRun!.cpuPerRequest !== null
        ? floorRun!.cpuPerRequest / fullRun!.cpuPerRequest
        : null
    console.log(
      `  ratio     ${ratio.toFixed(2)} of the floor's requests/s (target >= 0.8)` +
        `${cpuRatio === null ? '' : `; by CPU per request ${cpuRatio.toFixed(2)}`}`,
    )
    if (ONLY.has('2'))
      target(
        '2. service vs floor server',
        ratio >= 0.8,
        `${ratio.toFixed(2)} of its requests/s (${fmt(fullRun!.rps)} against ${fmt(floorRun!.rps)}; target >= 0.8)`,
      )
    if (summaryRun !== undefined) {
      console.log('\n3. POST /v1/scenarios?view=summary, the case, beside the full answer')
      console.log(runLine('service, view=full', fullRun!, bytes))
      console.log(runLine('service, view=summary', summaryRun, summaryBytes))
      console.log(
        `  the summary is ${((100 * summaryBytes) / bytes).toFixed(0)}% of the full answer's bytes, ` +
          `at ${(summaryRun.rps / fullRun!.rps).toFixed(2)}x its requests/s`,
      )
      target(
        '3. view=summary',
        null,
        `${fmt(summaryBytes)} bytes against ${fmt(bytes)}, ` +
          `${fmt(summaryRun.rps)} requests/s against ${fmt(fullRun!.rps)} (reported, no target)`,
      )
    }
  }

  // 4. six batches at once
  if (ONLY.has('4')) {
    const bodies = Array.from({ length: 6 }, (_, i) => JSON.stringify({ items: variedNotes(3_000, SEED + i) }))
    let peak = rssMb(service.child.pid)
    const sampler = setInterval(() => {
      const rss = rssMb(service.child.pid)
      if (rss !== null && (peak === null || rss > peak)) peak = rss
    }, 20)
    const started = Date.now()
    const answers = await Promise.all(bodies.map((body) => post(`${service.url}/v1/scenarios/batch`, body)))
    const seconds = (Date.now() - started) / 1000
    clearInterval(sampler)
    const complete = answers.filter((a) => a.status === 200 && a.text.split('{"ok":true,').length - 1 === 3_000).length
    console.log('\n4. six clients each sending a 3,000-item batch of varied notes at once')
    console.log(
      `  ${complete} of 6 complete (statuses ${answers.map((a) => a.status).join(', ')}), ` +
        `every item computed, in ${fmt(seconds, 1)} s; ` +
        `bodies ${fmt(Buffer.byteLength(bodies[0]!) / 2 ** 20, 1)} MB each; ` +
        `peak resident memory ${peak === null ? 'n/a' : `${fmt(peak)} MB`}`,
    )
    target(
      '4. six 3,000-item batches at once',
      complete === 6,
      `${complete} of 6 complete${peak === null ? '' : `, peak ${fmt(peak)} MB resident`}`,
    )
  }

  // 5. batch overhead
  if (ONLY.has('5')) {
    const count = 10_000
    const alone = await engine('batch', String(count), String(SEED))
    console.log(
      `\n5. POST /v1/scenarios/batch, ${fmt(count)} varied notes ` +
        `(${fmt(alone.rowsPerNote, 1)} ledger rows a note), ` +
        `1 connection, against the engine alone in a process of its own`,
    )
    console.log(
      `  engine alone            ${fmt(alone.usPerNote, 1).padStart(6)} µs/note CPU ` +
        `(parse ${fmt(alone.floor.parseUs, 1)}, ` +
        `validate ${fmt(alone.floor.validateUs, 1)}, ` +
        `serialize and encode the full answer ${fmt(alone.floor.serializeUs, 1)} µs/note, each alone)`,
    )
    for (const [view, goal] of [
      ['full', 0.4],
      ['summary', 0.25],
    ] as const) {
      const http = await batch(service, count, view)
      const overhead = http.cpuPerNote === null ? null : http.cpuPerNote / alone.usPerNote - 1
      console.log(
        `  service, view=${view.padEnd(8)} ` +
          `${http.cpuPerNote === null ? 'n/a' : fmt(http.cpuPerNote, 1).padStart(6)} µs/note CPU, ` +
          `${fmt((count * 1000) / http.msPerBatch).padStart(6)} notes/s ` +
          `(${fmt(http.msPerBatch)} ms a batch, ${http.requests} batches; ` +
          `${fmt(http.bodyMb, 1)} MB in, ${fmt(http.answerMb, 1)} MB out; ` +
          `peak ${http.peakRssMb === null ? 'n/a' : fmt(http.peakRssMb)} MB resident)`,
      )
      if (overhead !== null) {
        console.log(
          `    HTTP, validation and serialization add ${fmt(overhead * 100)}% to the engine (target <= ${goal * 100}%)`,
        )
        target(
          `5. batch of 10,000, view=${view}`,
          overhead <= goal,
          `+${fmt(overhead * 100)}% over the engine alone ` +
            `(${fmt(http.cpuPerNote!, 1)} against ${fmt(alone.usPerNote, 1)} µs/note; ` +
            `target <= ${goal * 100}%)`,
        )
      } else {
        target(`5. batch of 10,000, view=${view}`, null, 'no /proc to read the service CPU from')
      }
    }
  }

  service.child.kill('SIGTERM')
  await poolFigures()

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
