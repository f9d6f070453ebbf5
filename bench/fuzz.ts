/**
 * `npm run fuzz`: the property of test/reliability/fuzz.test.ts at scale: 100,000 fuzzed
 * requests per POST endpoint, and 100,000 fuzzed URLs (any method, the query endpoints), one
 * child process per endpoint, as many at a time as there are cores.
 *
 * Environment: FUZZ_RUNS (per endpoint, default 100000), FUZZ_SEED (default the test's fixed
 * seed; `random` for a new one, printed). Exits 1 with the counterexample on the first failure.
 */
import { spawn } from 'node:child_process'
import { availableParallelism } from 'node:os'
import { fileURLToPath } from 'node:url'
import fc from 'fast-check'
import { buildApp } from '../src/app.js'
import { checkUrl, FUZZ_SEED, fuzzEndpoint, fuzzUrl, postEndpoints } from '../test/reliability/fuzz.js'

const RUNS = Number(process.env['FUZZ_RUNS'] ?? 100_000)
const SEED =
  process.env['FUZZ_SEED'] === 'random'
    ? Math.floor(Math.random() * 2 ** 31)
    : Number(process.env['FUZZ_SEED'] ?? FUZZ_SEED)
const ONE = process.env['FUZZ_ENDPOINT']
const URLS = 'urls'

async function runOne(name: string): Promise<void> {
  const app = buildApp()
  await app.ready()
  const started = Date.now()
  let statuses: Record<number, number> = {}
  if (name === URLS) {
    await fc.assert(
      fc.asyncProperty(fuzzUrl, async (request) => {
        const status = await checkUrl(app, request)
        statuses[status] = (statuses[status] ?? 0) + 1
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    )
  } else {
    statuses = await fuzzEndpoint(
      app,
      postEndpoints().find((e) => e.url === name)!,
      RUNS,
      SEED,
    )
  }
  await app.close()
  console.log(
    `${name}: ${RUNS} requests in ${((Date.now() - started) / 1000).toFixed(1)} s, ` +
      `by status ${JSON.stringify(statuses)}`,
  )
}

async function main(): Promise<number> {
  if (ONE) {
    await runOne(ONE)
    return 0
  }
  const names = [...postEndpoints().map((e) => e.url), URLS]
  console.log(
    `fuzz: ${RUNS} requests per endpoint, seed ${SEED} (FUZZ_SEED=${SEED} repeats it), ${names.length} endpoints`,
  )
  const self = fileURLToPath(import.meta.url)
  let failed = 0
  const queue = [...names]
  const worker = async () => {
    for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
      const code = await new Promise<number>((resolve) => {
        const child = spawn(process.execPath, [...process.execArgv, self], {
          env: { ...process.env, FUZZ_ENDPOINT: name, FUZZ_SEED: String(SEED), FUZZ_RUNS: String(RUNS) },
          stdio: 'inherit',
        })
        child.on('exit', (c) => resolve(c ?? 1))
      })
      if (code !== 0) failed++
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(availableParallelism(), names.length)) }, worker))
  console.log(
    failed === 0
      ? `fuzz: no 5xx, every error a problem, every 200 valid (${RUNS * names.length} requests)`
      : `fuzz: ${failed} endpoint(s) FAILED`,
  )
  return failed === 0 ? 0 : 1
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    // fast-check's message names the counterexample; its cause says what was wrong with the answer.
    const cause = error instanceof Error && error.cause instanceof Error ? `\n${error.cause.message}` : ''
    console.error(`${error instanceof Error ? error.message : String(error)}${cause}`)
    process.exit(1)
  },
)
