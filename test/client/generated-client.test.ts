/**
 * The path a treasury system takes: generate types from openapi.yaml with openapi-typescript,
 * write a client with openapi-fetch, compile it with `tsc --strict`, and call the live service.
 *
 * In a temporary directory (node_modules linked to the repository's): `api.d.ts` generated,
 * `client.ts` (the case as a literal request body) must compile cleanly and get the case's
 * answer, and `mistakes.ts` must fail to compile on every line marked `// mistake`, so that an
 * enum value, a required field or a parameter type the document gets wrong would show. Types
 * generated from the served `/openapi.json` (one bundled file) must be the same as from the files.
 */
import t from 'tap'
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildApp } from '../../src/app.js'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const bin = (path: string) => join(ROOT, 'node_modules', path)

interface Run {
  code: number | null
  out: string
}

// Generating and compiling 3,000 lines of types takes seconds on a quiet machine and minutes on a
// busy one: the limits below only bound a hang, and the file gets the time they add up to.
t.setTimeout(1_200_000)

function run(args: string[], cwd: string, timeoutMs = 480_000): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd,
      env: { ...process.env, NODE_OPTIONS: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    child.stdout.on('data', (chunk) => (out += chunk))
    child.stderr.on('data', (chunk) => (out += chunk))
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, out })
    })
  })
}

/** The client a treasury system would write: the case as a literal, typed by the generated `paths`. */
const CLIENT = `import createClient from 'openapi-fetch'
import type { paths } from './api.js'

const baseUrl = process.argv[2]
if (!baseUrl) throw new Error('usage: node client.js <baseUrl>')
const client = createClient<paths>({ baseUrl })

const scenarioBody = {
  note: {
    id: 'illustrative-wynnefield-note',
    principal: '1000000.00',
    issueDate: '2007-01-03',
    maturityDate: '2010-01-03',
    calendar: 'us-fed',
    interest: {
      cashRate: '0.08',
      noteRate: '0.10',
      defaultCashRate: '0.12',
      defaultNoteRate: '0.15',
      dayCount: '30-360-us',
      interestDates: { frequency: 'quarterly', firstDate: '2007-04-01' },
      paymentForm: 'notes',
      accruedInterestForm: 'cash',
    },
    cure: { businessDays: 10 },
    redemption: { premium: '1.00', paymentBusinessDays: 5 },
  },
  spa: {
    closingDate: '2007-01-03',
    covenant: { section: '4(i)', period: { count: 5, unit: 'business-days' } },
  },
  events: {
    covenantPerformedOn: null,
    noticeOfDefault: { sentAt: '2008-09-29', methods: ['facsimile', 'overnight-courier'] },
    curedOn: null,
    redemptionElection: { date: '2008-09-29', portion: '1.00' },
    paymentDate: null,
  },
  asOf: '2008-10-31',
} satisfies paths['/v1/scenarios']['post']['requestBody']['content']['application/json']
const scenario = await client.POST('/v1/scenarios', { body: scenarioBody })
if (scenario.error) throw new Error('scenario: ' + JSON.stringify(scenario.error))
const result = scenario.data
const redemption = result.redemption
if (redemption === null) throw new Error('no redemption')

const cure = await client.GET('/v1/calendars/{calendar}/add-business-days', {
  params: { path: { calendar: 'us-fed' }, query: { date: '2008-09-29', days: 10 } },
})
if (cure.error) throw new Error('add-business-days: ' + JSON.stringify(cure.error))

const contradiction = await client.POST('/v1/redemption', {
  body: {
    note: { principal: '1000000.00', issueDate: '2007-01-03', maturityDate: '2010-01-03' },
    eventOfDefaultDate: '2008-10-15',
    redemptionElection: { date: '2008-10-15', portion: '1.01' },
  },
})
const problem = contradiction.error
if (problem === undefined) throw new Error('a portion above 1 was accepted')

const ownership = await client.POST('/v1/beneficial-ownership', {
  body: {
    asOf: '2008-09-30',
    sharesOutstanding: 44726295,
    holders: [
      {
        id: 'wpscv-lp',
        name: 'Wynnefield Partners Small Cap Value LP',
        commonShares: 275355,
        convertibles: [{ sharesIssuable: 433266 }],
        warrants: [{ shares: 310910 }],
      },
      {
        id: 'wpscv-lp-i',
        name: 'Wynnefield Partners Small Cap Value LP I',
        commonShares: 395779,
        convertibles: [{ amount: '618435.48', conversionPrice: '1.09' }],
        warrants: [{ shares: 407143 }],
      },
    ],
    persons: [
      {
        id: 'wcm',
        name: 'Wynnefield Capital Management, LLC',
        controls: [{ id: 'wpscv-lp' }, { id: 'wpscv-lp-i', voting: 'sole', dispositive: 'sole' }],
      },
    ],
    reported: { wcm: { aggregate: 2389825, percent: '5.34' } },
  },
})
if (ownership.error) throw new Error('beneficial-ownership: ' + JSON.stringify(ownership.error))
const wcm = ownership.data.persons.find((p) => p.id === 'wcm')
if (wcm === undefined) throw new Error('no wcm')

const filing = await client.POST('/v1/beneficial-ownership/filing-deadline', {
  body: { event: { date: '2026-07-01', kind: 'material-change' } },
})
if (filing.error) throw new Error('filing-deadline: ' + JSON.stringify(filing.error))

const split = await client.POST('/v1/scenarios', {
  body: {
    ...scenarioBody,
    holders: [
      { id: 'a', principal: '400000.00' },
      { id: 'b', name: 'B', principal: '600000.00' },
    ],
  },
})
if (split.error) throw new Error('scenario with holders: ' + JSON.stringify(split.error))
const holders = split.data.holders ?? []
const pointers: string[] = problem.errors.map((e) => e.pointer)

// The timeline: one holder crossing 5% by a purchase on Monday 2024-05-20, filed on 2024-06-04.
const timeline = await client.POST('/v1/beneficial-ownership/timeline', {
  body: {
    from: '2024-05-01',
    to: '2024-12-31',
    sharesOutstanding: [{ from: '2024-01-01', shares: 10000000 }],
    holders: [
      { id: 'h', name: 'H', commonShares: 400000, transactions: [{ date: '2024-05-20', commonShares: 200000 }] },
    ],
    filings: [{ filedOn: '2024-06-04', kind: 'initial', persons: ['h'] }],
  },
})
if (timeline.error) throw new Error('timeline: ' + JSON.stringify(timeline.error))
const obligation = timeline.data.obligations[0]
if (obligation === undefined) throw new Error('no obligation')

// The case on the exchange's calendar, side by side with the case.
const compared = await client.POST('/v1/scenarios/compare', {
  body: {
    scenario: {
      note: { principal: '1000000.00', issueDate: '2007-01-03', maturityDate: '2010-01-03' },
      events: { noticeOfDefault: { sentAt: '2008-09-29', methods: ['facsimile'] } },
      asOf: '2008-10-31',
    },
    variants: [{ id: 'nyse', patch: [{ op: 'add', path: '/note/calendar', value: 'us-nyse' }] }],
  },
})
if (compared.error) throw new Error('compare: ' + JSON.stringify(compared.error))
const nyse = compared.data.variants[0]
if (nyse === undefined || !nyse.ok) throw new Error('the variant failed')
const moved: string[] = nyse.changed.map((c) => c.pointer + ' ' + String(c.difference))

console.log(JSON.stringify({
  compare: { base: compared.data.base.eventOfDefault.date, variant: nyse.figures.eventOfDefault.date, moved },
  status: scenario.response.status,
  totalDue: redemption.totalDue,
  eventOfDefaultDate: result.eventOfDefault.date,
  cureDeadline: cure.data.result,
  problem: { status: contradiction.response.status, type: problem.type, pointers },
  wcm: { aggregate: wcm.aggregate, percent: wcm.percent, discrepancies: wcm.discrepancies.map((d) => d.field) },
  filingDeadline: filing.data.deadline,
  holders: holders.map((h) => h.redemption?.totalDue ?? null),
  timeline: {
    deadline: obligation.deadline,
    status: obligation.status,
    businessDaysLate: obligation.businessDaysLate ?? null,
  },
}))
`

/** Mistakes the generated types must catch, one per marked line. */
const MISTAKES = `import createClient from 'openapi-fetch'
import type { paths } from './api.js'

type ScenarioRequest = paths['/v1/scenarios']['post']['requestBody']['content']['application/json']
const client = createClient<paths>({ baseUrl: 'http://127.0.0.1:9' })
declare const ok: ScenarioRequest
const { principal: _principal, ...notePrincipalMissing } = ok.note

export async function mistakes(): Promise<void> {
  await client.POST('/v1/scenarios', {
    body: { ...ok, note: { ...ok.note, calendar: 'tokyo' } }, // mistake: not a calendar
  })
  await client.POST('/v1/scenarios', {
    body: { ...ok, note: { ...ok.note, principal: 1000000 } }, // mistake: money as a number
  })
  await client.POST('/v1/scenarios', {
    body: { ...ok, note: notePrincipalMissing }, // mistake: a required field missing
  })
  // openapi-fetch infers the body's type, so TypeScript's excess-property check needs the type named:
  const body: ScenarioRequest = { note: ok.note, asof: '2008-10-31' } // mistake: an unknown field (in a typed literal)
  await client.POST('/v1/scenarios', { body })
  await client.POST('/v1/scenarios', {
    body: {
      ...ok,
      spa: {
        closingDate: '2007-01-03',
        covenant: { section: '4(i)', period: { count: 5, unit: 'weeks' } }, // mistake: not a period unit
      },
    },
  })
  await client.POST('/v1/scenario', { body: ok }) // mistake: no such path
  await client.GET('/v1/scenarios', {}) // mistake: no such method
  await client.POST('/v1/scenarios/compare', {
    body: {
      scenario: ok,
      variants: [{ id: 'x', patch: [{ op: 'merge', path: '/note', value: {} }] }], // mistake: not a patch operation
    },
  })
  await client.POST('/v1/scenarios/compare', {
    body: {
      scenario: ok,
      variants: [{ id: 'x', patch: [{ op: 'copy', path: '/asOf' }] }], // mistake: a copy needs from
    },
  })
  await client.GET('/v1/calendars/{calendar}/add-business-days', {
    params: {
      path: { calendar: 'us-fed' },
      query: { date: '2008-09-29', days: '10' }, // mistake: days is an integer
    },
  })
  await client.GET('/v1/calendars/{calendar}/add-business-days', {
    params: { path: { calendar: 'us-fed' }, query: { days: 10 } }, // mistake: date is required
  })
  await client.GET('/v1/day-counts/{convention}/year-fraction', {
    params: {
      path: { convention: 'act/360' }, // mistake: not a convention
      query: { from: '2008-10-01', to: '2008-10-15' },
    },
  })
  await client.POST('/v1/beneficial-ownership/filing-deadline', {
    body: { event: { date: '2026-07-01', kind: 'ten-percent' } }, // mistake: not an event kind
  })
  await client.POST('/v1/beneficial-ownership', {
    body: {
      asOf: '2008-09-30',
      sharesOutstanding: 1000,
      holders: [{ id: 'a', name: 'A', commonShares: '10' }], // mistake: shares are integers
    },
  })
  await client.POST('/v1/scenarios', {
    body: { ...ok, holders: [{ id: 'a', principal: 1000000 }] }, // mistake: a holder's principal is money
  })
  await client.POST('/v1/beneficial-ownership/timeline', {
    body: {
      from: '2024-05-01',
      to: '2024-12-31',
      sharesOutstanding: 1000,
      holders: [],
      filings: [{ filedOn: '2024-06-04', kind: 'original', persons: ['h'] }], // mistake: not a filing kind
    },
  })
}
`

/** The types from the files and from the service's bundled document are the same. */
const SAME = `import type { paths as FromFiles } from './api.js'
import type { paths as FromService } from './api-served.js'

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
export const same: Same<FromFiles, FromService> = true
`

const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    lib: ['ES2023', 'DOM'],
    types: ['node'],
    typeRoots: [bin('@types')],
    strict: true,
    noUncheckedIndexedAccess: true,
    skipLibCheck: false,
    outDir: 'out',
  },
  files: ['client.ts', 'mistakes.ts', 'same.ts', 'api.d.ts', 'api-served.d.ts'],
}

t.test("a client generated from openapi.yaml compiles under --strict and gets the case's answer", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'generated-client-'))
  let keep = true
  t.teardown(() => {
    if (keep) t.comment(`kept for inspection: ${dir}`)
    else rmSync(dir, { recursive: true, force: true })
  })
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir')
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'treasury-client', private: true, type: 'module' }))
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(TSCONFIG, null, 2))
  writeFileSync(join(dir, 'client.ts'), CLIENT)
  writeFileSync(join(dir, 'mistakes.ts'), MISTAKES)
  writeFileSync(join(dir, 'same.ts'), SAME)

  // The live service, on a random port.
  const app = buildApp({ maxEventLoopDelayMs: 0 })
  t.teardown(() => app.close())
  await app.listen({ port: 0, host: '127.0.0.1' })
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`

  // 1. generate: npx openapi-typescript openapi.yaml -o api.d.ts (and from the service's /openapi.json)
  const generate = await run([bin('openapi-typescript/bin/cli.js'), 'openapi.yaml', '-o', join(dir, 'api.d.ts')], ROOT)
  t.equal(generate.code, 0, 'openapi-typescript generates the types from openapi.yaml', { output: generate.out })
  const served = await run(
    [bin('openapi-typescript/bin/cli.js'), `${base}/openapi.json`, '-o', join(dir, 'api-served.d.ts')],
    dir,
  )
  t.equal(served.code, 0, "and from the running service's /openapi.json", { output: served.out })
  if (generate.code !== 0 || served.code !== 0) return

  // 2. compile under --strict: client.ts cleanly, mistakes.ts with an error on each marked line
  const tsc = await run([bin('typescript/bin/tsc'), '-p', 'tsconfig.json', '--pretty', 'false'], dir)
  const diagnostics = [...tsc.out.matchAll(/^(\S+?)\((\d+),\d+\): error (TS\d+): (.*)$/gm)].map((m) => ({
    file: m[1]!,
    line: Number(m[2]),
    code: m[3]!,
    text: m[4]!,
  }))
  t.same(
    diagnostics.filter((d) => d.file !== 'mistakes.ts'),
    [],
    'the client and the generated types compile cleanly',
    { output: tsc.out },
  )
  const lines = MISTAKES.split('\n')
  const marked = lines.flatMap((line, i) => (line.includes('// mistake') ? [i + 1] : []))
  t.ok(marked.length >= 10, 'mistakes are marked')
  for (const line of marked) {
    const what = lines[line - 1]!.replace(/.*\/\/ mistake: /, '')
    t.ok(
      diagnostics.some((d) => d.file === 'mistakes.ts' && d.line === line),
      `does not compile: ${what}`,
    )
  }
  t.same(
    diagnostics.filter((d) => d.file === 'mistakes.ts' && !marked.includes(d.line)),
    [],
    'no other errors in mistakes.ts',
  )

  // 3. run it against the live service
  const client = await run([join(dir, 'out', 'client.js'), base], dir)
  t.equal(client.code, 0, 'the client runs', { output: client.out })
  const answer = JSON.parse(client.out.trim().split('\n').pop() ?? '{}')
  const expected = JSON.parse(
    readFileSync(join(ROOT, 'test/fixtures/examples/liquidmetal-2008.expected.json'), 'utf8'),
  ).values
  t.equal(answer.status, 200)
  t.equal(answer.totalDue, expected['/redemption/totalDue'], 'totalDue')
  t.equal(answer.eventOfDefaultDate, expected['/eventOfDefault/date'], 'eventOfDefault.date')
  t.equal(answer.cureDeadline, expected['/notice/cureDeadline'], 'ten business days after the notice')
  // Ten us-fed business days after the notice end on 2008-10-14 (Columbus Day 10-13 closed), on us-nyse 10-13:
  // the Event of Default the day after moves from 10-15 to 10-14.
  t.same(
    answer.compare,
    { base: '2008-10-15', variant: '2008-10-14', moved: ['/notice/cureDeadline -1', '/eventOfDefault/date -1'] },
    'the compare answer, typed',
  )
  t.same(
    answer.problem,
    {
      status: 422,
      type: 'https://convertible-default.example/problems/contradictory-input',
      pointers: ['/redemptionElection/portion'],
    },
    'a 422 arrives as a typed Problem',
  )
  // WCM over both LPs: 275,355 + 433,266 + 310,910 + 395,779 + 567,372 (618,435.48 / 1.09 = 567,372.0 exactly)
  // + 407,143 = 2,389,825; 2,389,825 / (44,726,295 + 1,718,691) = 5.1455% -> 5.15 against 5.34 reported.
  t.same(
    answer.wcm,
    { aggregate: 2_389_825, percent: '5.15', discrepancies: ['percent'] },
    'beneficial ownership through the generated types',
  )
  t.equal(answer.filingDeadline, '2026-07-06', 'two us-sec business days after 2026-07-01')
  // 400,000 -> 477,803.89 and 600,000 -> 716,705.82 due (test/ownership/holders.test.ts, by hand).
  t.same(answer.holders, ['477803.89', '716705.82'], 'holders of the series')
  // 2024-05-20 + 5 us-sec business days (Memorial Day 05-27 closed): 05-28; filed 06-04, 5 business days late.
  t.same(answer.timeline, { deadline: '2024-05-28', status: 'filed-late', businessDaysLate: 5 }, 'the timeline, typed')
  keep = t.passing() === false
})
