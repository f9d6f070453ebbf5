/**
 * The engine alone, in a process of its own (no HTTP, no validation, no serialization):
 * started by run.ts, prints one JSON line.
 *
 *   node dist/bench/bench/engine.js batch <count> <seed>   notes/s over the varied notes
 *   node dist/bench/bench/engine.js scaling                  µs per note by length
 *   node dist/bench/bench/engine.js case <request.json>      µs for the case
 *
 * `batch` and `case` also time, alone, the work any HTTP answer of the same bytes needs
 * besides the engine (parsing and validating the request, serializing and encoding the
 * answer with the service's own serializers): the floor under what HTTP can add, which tells
 * how far a target is reachable at all.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { loadContract, serializerFor, utf8, validationFor } from '../src/contract/index.js'
import type { ScenarioRequest } from '../src/domain/inputs.js'
import { computeScenario } from '../src/domain/scenario.js'
import { longNote, variedNotes } from './notes.js'

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))

/**
 * This process's CPU time in ms (user + system): on a machine shared with other work, wall
 * time counts the time the process waits for a core; CPU time counts only its own work
 * (bench/quantlib.py measures QuantLib the same way).
 */
const now = (): number => {
  const { user, system } = process.cpuUsage()
  return (user + system) / 1000
}

/** Median µs per call of `run` (which computes `per` notes), over `rounds` rounds of at least `ms` each. */
function measure(run: () => void, per: number, { rounds = 7, ms = 300 } = {}): number {
  const warmUntil = now() + ms
  while (now() < warmUntil) run()
  const samples: number[] = []
  for (let r = 0; r < rounds; r++) {
    let n = 0
    const start = now()
    let elapsed: number
    do {
      run()
      n++
      elapsed = now() - start
    } while (elapsed < ms)
    samples.push((elapsed * 1000) / (n * per))
  }
  samples.sort((a, b) => a - b)
  return samples[Math.floor(samples.length / 2)]!
}

function computeAll(notes: readonly ScenarioRequest[]): number {
  let rows = 0
  for (const note of notes) rows += computeScenario(note).interestLedger.length
  return rows
}

/** µs per note, each part alone: parse the request text, validate it, serialize and encode the answer. */
function floor(
  notes: readonly ScenarioRequest[],
  opts: { rounds: number; ms: number },
): { parseUs: number; validateUs: number; serializeUs: number } {
  const contract = loadContract(ROOT)
  const validate = validationFor(contract).ajv.getSchema('ScenarioRequest.json')!
  const serialize = serializerFor(contract, { $ref: 'ScenarioResult.json#' })
  const texts = notes.map((note) => JSON.stringify(note))
  const answers = notes.map((note) => computeScenario(note))
  if (notes.some((note) => !validate(note))) throw new Error('a benchmark note does not match ScenarioRequest')
  return {
    parseUs: measure(() => texts.forEach((text) => JSON.parse(text)), notes.length, opts),
    validateUs: measure(
      () =>
        notes.forEach((note) => {
          validate(note)
        }),
      notes.length,
      opts,
    ),
    serializeUs: measure(() => answers.forEach((answer) => utf8(serialize(answer))), notes.length, opts),
  }
}

const [mode, ...args] = process.argv.slice(2)
if (mode === 'batch') {
  // parsed from JSON, as the service receives them
  const notes = JSON.parse(JSON.stringify(variedNotes(Number(args[0]), Number(args[1])))) as ScenarioRequest[]
  const rows = computeAll(notes) // throws if a note is contradictory: the benchmark would be wrong
  const usPerNote = measure(() => computeAll(notes), notes.length, {
    rounds: 5,
    ms: notes.length >= 10_000 ? 1500 : 400,
  })
  const alone = floor(notes, { rounds: 3, ms: notes.length >= 10_000 ? 1000 : 300 })
  console.log(
    JSON.stringify({
      notes: notes.length,
      rowsPerNote: rows / notes.length,
      usPerNote,
      notesPerSecond: 1e6 / usPerNote,
      floor: alone,
    }),
  )
} else if (mode === 'scaling') {
  const cases = [
    { years: 1, frequency: 'monthly' },
    { years: 10, frequency: 'monthly' },
    { years: 50, frequency: 'monthly' },
    // same number of periods as 4 years monthly, 12 times the calendar days
    { years: 4, frequency: 'monthly' },
    { years: 48, frequency: 'annual' },
  ] as const
  const out = cases.map(({ years, frequency }) => {
    const note = longNote(years, frequency)
    const result = computeScenario(note)
    const periods = result.interest.interestDates.length
    const days = Math.round((Date.parse(result.interest.through) - Date.parse(result.interest.from)) / 86_400_000)
    return {
      years,
      frequency,
      periods,
      rows: result.interestLedger.length,
      days,
      usPerNote: measure(() => computeScenario(note), 1),
    }
  })
  console.log(JSON.stringify(out))
} else if (mode === 'case') {
  const note = JSON.parse(readFileSync(args[0]!, 'utf8')) as ScenarioRequest
  console.log(
    JSON.stringify({
      usPerNote: measure(() => computeScenario(note), 1),
      floor: floor([note], { rounds: 5, ms: 300 }),
    }),
  )
} else {
  console.error('usage: engine.js batch <count> <seed> | scaling | case <request.json>')
  process.exit(2)
}
