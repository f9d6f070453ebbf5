/**
 * The request fuzzer, shared by test/reliability/fuzz.test.ts (FUZZ_RUNS, by default 300
 * requests per POST endpoint, in `npm test`) and bench/fuzz.ts (`npm run fuzz`, 100,000 per endpoint).
 *
 * Each request is either random JSON, or a valid request of the endpoint (its documented
 * example, or the Liquidmetal case) with 1 to 4 mutations: deleted fields, wrong types, junk
 * and huge strings, huge and odd numbers, unknown keys (`__proto__`, `constructor`...),
 * boundary and random valid values (dates anywhere in 1901..2199, money, rates, counts), grown
 * arrays; then sometimes truncated, or sent with another media type.
 *
 * The property: never a 5xx; every error is a problem document whose status is the HTTP
 * status; every 200 matches its response schema; a batch item is a result or a 4xx problem;
 * and no key ever reaches Object.prototype.
 */
import fc from 'fast-check'
import { readFileSync } from 'node:fs'
import type { FastifyInstance } from 'fastify'
import { loadContract, validationFor } from '../../src/contract/index.js'

export const FUZZ_SEED = 20_080_929

export interface Endpoint {
  url: string
  operationId: string
  /** the response schema of a 200 */
  result: string
  /** valid requests to mutate */
  bases: unknown[]
}

const json = (path: string): any => JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8'))
const CASE = json('../fixtures/examples/liquidmetal-2008.request.json')

/** The POST endpoints, with the documented examples and the case as valid starting points. */
export function postEndpoints(): Endpoint[] {
  const contract = loadContract()
  const example = (schema: string): unknown[] => {
    const examples = contract.schemas.get(schema)?.['examples']
    return Array.isArray(examples) ? examples : []
  }
  const { note, spa, events, asOf } = CASE
  // Every optional rule set, so that mutations reach every branch of the computation.
  const richNote = {
    ...note,
    rounding: 'half-even',
    extraHolidays: ['2008-10-13', '2008-10-20'],
    principalPayments: [{ date: '2008-01-03', amount: '100000.00' }],
    interest: {
      ...note.interest,
      interestDates: ['2007-04-01', '2007-07-01', '2007-10-01', '2008-01-01', '2008-07-01', '2009-01-01', '2010-01-03'],
    },
    notice: { cutoffTime: '17:00', overnightCourierBusinessDays: 1, mailBusinessDays: 3 },
    redemption: {
      premium: '1.25',
      paymentBusinessDays: 5,
      lateChargeRate: '0.18',
      conversion: { conversionPrice: '1.05', highestClosingPrice: '1.40' },
    },
  }
  const richEvents = {
    covenantPerformedOn: '2008-11-03',
    noticeOfDefault: { sentAt: '2008-09-29T17:30:00-04:00', methods: ['email', 'mail'], effectiveDate: null },
    curedOn: null,
    redemptionElection: { date: '2008-10-20', portion: '0.5', policy: 'reject' },
    paymentDate: '2008-11-15',
  }
  const richSpa = {
    closingDate: '2007-01-03',
    covenant: { section: '4(i)', period: { count: 30, unit: 'calendar-days' }, adjustment: 'modified-following' },
  }
  const rich = {
    note: richNote,
    spa: richSpa,
    events: richEvents,
    asOf: '2008-12-31',
    extraHolidays: ['2008-11-28'],
    rounding: 'half-up',
  }
  return [
    {
      url: '/v1/covenant-deadline',
      operationId: 'computeCovenantDeadline',
      result: 'CovenantDeadlineResult.json',
      bases: [
        ...example('CovenantDeadlineRequest.json'),
        { spa, covenantPerformedOn: '2007-01-12', asOf },
        { spa: richSpa, calendar: 'us-nyse', extraHolidays: ['2007-01-05'], asOf },
      ],
    },
    {
      url: '/v1/cure-period',
      operationId: 'computeCurePeriod',
      result: 'CurePeriodResult.json',
      bases: [
        ...example('CurePeriodRequest.json'),
        {
          noticeOfDefault: { ...events.noticeOfDefault, sentAt: '2008-09-29T16:30:00-04:00' },
          curedOn: '2008-10-10',
          asOf,
        },
        {
          noticeOfDefault: richEvents.noticeOfDefault,
          calendar: 'us-settlement',
          extraHolidays: ['2008-10-01'],
          cure: { businessDays: 15 },
          notice: richNote.notice,
          curedOn: null,
          asOf,
        },
      ],
    },
    {
      url: '/v1/default-interest',
      operationId: 'computeDefaultInterest',
      result: 'DefaultInterestResult.json',
      bases: [
        ...example('DefaultInterestRequest.json'),
        { note, eventOfDefaultDate: '2008-10-15', through: '2008-10-22' },
        {
          note: richNote,
          eventOfDefaultDate: '2008-10-15',
          curedOn: '2009-01-15',
          through: '2009-06-30',
          extraHolidays: ['2008-12-26'],
          rounding: 'half-up',
          principalPayments: [{ date: '2009-03-01', amount: '5000.00' }],
        },
      ],
    },
    {
      url: '/v1/redemption',
      operationId: 'computeRedemption',
      result: 'RedemptionResponse.json',
      bases: [
        ...example('RedemptionRequest.json'),
        { note, eventOfDefaultDate: '2008-10-15', redemptionElection: events.redemptionElection },
        {
          note: richNote,
          eventOfDefaultDate: '2008-10-15',
          curedOn: null,
          redemptionElection: richEvents.redemptionElection,
          paymentDate: '2008-12-01',
          rounding: 'half-even',
        },
      ],
    },
    {
      url: '/v1/scenarios',
      operationId: 'computeScenario',
      result: 'ScenarioResult.json',
      bases: [
        CASE,
        rich,
        ...example('ScenarioRequest.json'),
        {
          ...CASE,
          holders: [
            { id: 'a', principal: '400000.00' },
            { id: 'b', name: 'B', principal: '600000.00' },
          ],
        },
      ],
    },
    {
      url: '/v1/scenarios/compare',
      operationId: 'compareScenarios',
      result: 'ScenarioCompareResult.json',
      bases: [
        {
          scenario: CASE,
          variants: [
            { id: 'nyse', patch: [{ op: 'replace', path: '/note/calendar', value: 'us-nyse' }] },
            {
              id: 'moves',
              description: 'x',
              patch: [
                { op: 'test', path: '/asOf', value: '2008-10-31' },
                { op: 'move', from: '/events/curedOn', path: '/events/paymentDate' },
                { op: 'copy', from: '/spa/closingDate', path: '/events/covenantPerformedOn' },
                { op: 'remove', path: '/events/redemptionElection' },
              ],
            },
          ],
        },
        {
          scenario: rich,
          variants: [
            {
              id: 'cure',
              patch: [
                { op: 'add', path: '/note/cure', value: { businessDays: 3 } },
                { op: 'add', path: '/extraHolidays/-', value: '2008-10-01' },
              ],
            },
          ],
        },
        { scenario: { note: CASE.note, spa: CASE.spa } },
      ],
    },
    {
      url: '/v1/scenarios/batch',
      operationId: 'computeScenarioBatch',
      result: 'ScenarioBatchResult.json',
      bases: [{ items: [CASE, { note: CASE.note }, rich] }],
    },
    {
      url: '/v1/beneficial-ownership',
      operationId: 'computeBeneficialOwnership',
      result: 'BeneficialOwnershipResult.json',
      bases: [
        ...example('BeneficialOwnershipRequest.json'),
        {
          asOf: '2008-10-01',
          sharesOutstanding: 44_726_295,
          noteSeries: { ...CASE, events: { ...events, paymentDate: '2008-10-22' } },
          conversionShareRounding: 'half-up',
          accruedInterestConverts: true,
          holders: [
            {
              id: 'h1',
              name: 'H1',
              commonShares: 275_355,
              convertibles: [
                { noteSeriesPrincipal: '400000.00', conversionPrice: '1.09' },
                { amount: '5000.00', conversionPrice: '0.5', exercisableFrom: '2008-11-30' },
              ],
              warrants: [{ shares: 310_910, expiresOn: '2009-01-03' }],
              ownershipLimit: '0.0499',
              ownershipLimitAggregatesWith: ['p1'],
            },
            {
              id: 'h2',
              name: 'H2',
              commonShares: 1_000,
              convertibles: [{ sharesIssuable: 10, exercisableFrom: '2008-12-31' }],
              ownershipLimit: '0.0999',
            },
          ],
          persons: [
            { id: 'p1', name: 'P1', controls: [{ id: 'h1', voting: 'shared', dispositive: 'none' }, { id: 'h2' }] },
            {
              id: 'p2',
              name: 'P2',
              controls: [
                { id: 'p1', voting: 'sole', dispositive: 'shared' },
                { id: 'h2', voting: 'none' },
              ],
            },
          ],
          reported: {
            h1: { aggregate: 1, percent: '2.28' },
            p2: { common: 3, issuableOnConversion: 4, issuableOnExercise: 5 },
          },
        },
      ],
    },
    {
      url: '/v1/beneficial-ownership/filing-deadline',
      operationId: 'computeFilingDeadline',
      result: 'FilingDeadlineResult.json',
      bases: [
        ...example('FilingDeadlineRequest.json'),
        { event: { date: '2023-06-09', kind: 'crossed-five-percent' }, extraHolidays: ['2023-06-20'] },
      ],
    },
    {
      url: '/v1/beneficial-ownership/timeline',
      operationId: 'computeBeneficialOwnershipTimeline',
      result: 'BeneficialOwnershipTimelineResult.json',
      bases: [
        json('../../examples/ownership-timeline-2007.request.json').value,
        {
          from: '2023-12-01',
          to: '2024-06-30',
          sharesOutstanding: [
            { from: '2023-01-01', shares: 10_000_000 },
            { from: '2024-03-01', shares: 9_000_000 },
          ],
          holders: [
            {
              id: 'h1',
              name: 'H1',
              commonShares: 400_000,
              transactions: [
                { date: '2024-01-10', commonShares: 200_000 },
                { date: '2024-04-02', commonShares: -250_000 },
              ],
              warrants: [{ shares: 50_000, exercisableFrom: '2024-03-01', expiresOn: '2024-05-31' }],
              convertibles: [{ amount: '100000.00', conversionPrice: '2.00', expiresOn: '2024-06-15' }],
              ownershipLimit: '0.0999',
            },
            { id: 'h2', name: 'H2', commonShares: 100_000 },
          ],
          persons: [{ id: 'p1', name: 'P1', controls: [{ id: 'h1' }, { id: 'h2', voting: 'shared' }] }],
          filings: [
            { filedOn: '2023-11-01', kind: 'initial', persons: ['h2'] },
            { filedOn: '2024-01-20', kind: 'initial', persons: ['h1', 'p1'], reported: { h1: { aggregate: 650_000 } } },
            { filedOn: '2024-04-03', kind: 'amendment', persons: ['h1'], eventDate: '2024-04-02' },
          ],
          extraHolidays: ['2024-01-12'],
        },
      ],
    },
  ]
}

// ---- values -----------------------------------------------------------------------------

const pad = (n: number, width: number) => String(n).padStart(width, '0')
const isoDate = (days: number) => new Date(Date.UTC(1901, 0, 1) + days * 86_400_000).toISOString().slice(0, 10)
/** 1901-01-01 .. 2199-12-31 */
const DAYS = 109_206

/** Valid dates: mostly near 2008 (where the case lives), sometimes anywhere, sometimes at the ends. */
const validDate = fc.oneof(
  { weight: 5, arbitrary: fc.integer({ min: 38_000, max: 40_000 }).map(isoDate) },
  { weight: 3, arbitrary: fc.integer({ min: 0, max: DAYS - 1 }).map(isoDate) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '1901-01-01',
      '1901-01-02',
      '2199-12-30',
      '2199-12-31',
      '2000-02-29',
      '2008-02-29',
      '2008-12-31',
    ),
  },
)
const timestamp = fc
  .tuple(
    validDate,
    fc.integer({ min: 0, max: 23 }),
    fc.integer({ min: 0, max: 59 }),
    fc.integer({ min: -14, max: 14 }),
    fc.boolean(),
  )
  .map(
    ([d, h, m, off, z]) =>
      `${d}T${pad(h, 2)}:${pad(m, 2)}:00${z ? 'Z' : `${off < 0 ? '-' : '+'}${pad(Math.abs(off), 2)}:00`}`,
  )
const money = fc.oneof(
  fc.constantFrom('0', '0.00', '0.01', '1', '999999999999999.99', '100000000000000', '1000000.00'),
  fc.bigInt({ min: 0n, max: 99_999_999_999_999_999n }).map((c) => `${c / 100n}.${pad(Number(c % 100n), 2)}`),
)
const rate = fc.oneof(
  fc.constantFrom('0', '0.0', '1', '1.00', '9.999999999999', '0.000000000001', '0.5', '0.12'),
  fc.tuple(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 999_999 })).map(([i, f]) => `${i}.${f}`),
)
const count = fc.oneof(fc.integer({ min: 0, max: 40 }), fc.constantFrom(0, 1, 30, 1000, 3650, 3651, -1, 100_000))

const junkString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ maxLength: 40, unit: 'binary' }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '\ud800',
    '💥',
    'null',
    'true',
    '1e999',
    'NaN',
    '-0',
    '__proto__',
    '../../etc/passwd',
    '<script>',
    "'; DROP TABLE notes; --",
    '%s%n',
    '${x}',
  ),
  fc.constantFrom(
    '2008-02-30',
    '1900-12-31',
    '2200-01-01',
    '2008-9-29',
    '2008-09-29T16:30:00',
    '2008-09-29T24:00:00Z',
    '2008-09-29 16:30',
    '+002008-09-29',
    '１２３',
  ),
  fc.constantFrom('1,000.00', '1.005', '-1.00', '.5', '5.', '0x10', '1e5', '12%', '00.1', ' 1.00', '10.0'),
  fc.integer({ min: 1, max: 200_000 }).map((n) => 'x'.repeat(n)),
)
const oddNumber = fc.oneof(
  fc.constantFrom(
    0,
    -0,
    1,
    -1,
    0.5,
    1e308,
    -1e308,
    5e-324,
    2 ** 53,
    2 ** 53 + 2,
    -(2 ** 53),
    1e21,
    123_456_789_012_345_680_000,
  ),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
)
const junk: fc.Arbitrary<unknown> = fc.oneof(
  junkString,
  oddNumber,
  fc.boolean(),
  fc.constant(null),
  fc.constant([]),
  fc.constant({}),
  fc.jsonValue({ maxDepth: 3 }),
)

const ENUMS: Record<string, readonly string[]> = {
  calendar: ['us-fed', 'us-settlement', 'us-nyse', 'us-government-bond', 'weekends-only', 'us-sec'],
  dayCount: ['30-360-us', '30-360-bond-basis', '30e-360', '30e-360-isda', 'act-360', 'act-365-fixed', 'act-act-isda'],
  frequency: ['monthly', 'quarterly', 'semiannual', 'annual'],
  unit: ['business-days', 'calendar-days'],
  adjustment: ['following', 'modified-following', 'preceding', 'modified-preceding', 'unadjusted'],
  paymentForm: ['cash', 'notes'],
  accruedInterestForm: ['cash', 'notes'],
  rounding: ['half-up', 'half-even'],
  policy: ['defer', 'reject'],
  methods: ['personal', 'facsimile', 'email', 'overnight-courier', 'mail'],
  section: ['4(i)', 'Section 4(i)', 'x'],
  kind: ['crossed-five-percent', 'material-change'],
  voting: ['sole', 'shared', 'none'],
  dispositive: ['sole', 'shared', 'none'],
  conversionShareRounding: ['down', 'half-up', 'up'],
}

/** A plausible value for the field `key` whose current value is `current`: same type, another value. */
function sameKind(
  current: unknown,
  key: string | number | undefined,
  parentKey: string | number | undefined,
): fc.Arbitrary<unknown> {
  const name = String(typeof key === 'number' ? parentKey : key)
  const choices = Object.hasOwn(ENUMS, name) ? ENUMS[name] : undefined
  if (choices && typeof current === 'string') return fc.constantFrom(...choices)
  if (typeof current === 'number') return count
  if (typeof current === 'string') {
    if (/^\d{4}-\d{2}-\d{2}$/.test(current)) return validDate
    if (/T/.test(current)) return fc.oneof(timestamp, validDate)
    if (/^\d+\.\d{2}$/.test(current) && current.length > 5) return money
    if (/^\d(\.\d+)?$/.test(current)) return rate
    if (/^\d\d:\d\d$/.test(current)) return fc.constantFrom('00:00', '23:59', '17:00', '09:30')
    return fc.constantFrom(
      'us-fed',
      'us-settlement',
      'us-nyse',
      'us-government-bond',
      'weekends-only',
      'us-sec',
      'business-days',
      'calendar-days',
      'following',
      'modified-following',
      'preceding',
      'modified-preceding',
      'unadjusted',
      'monthly',
      'quarterly',
      'semiannual',
      'annual',
      'cash',
      'notes',
      'half-up',
      'half-even',
      'defer',
      'reject',
      'personal',
      'facsimile',
      'email',
      'overnight-courier',
      'mail',
      '30-360-us',
      '30-360-bond-basis',
      '30e-360',
      '30e-360-isda',
      'act-360',
      'act-365-fixed',
      'act-act-isda',
      '4(i)',
    )
  }
  if (current === null) return fc.oneof(validDate, fc.constant(null))
  return junk
}

// ---- mutations --------------------------------------------------------------------------

type Path = Array<string | number>

/** Every path into a JSON value (the root included), for objects and arrays alike. */
function pathsOf(value: unknown, at: Path = [], out: Path[] = []): Path[] {
  out.push(at)
  if (Array.isArray(value)) value.forEach((v, i) => pathsOf(v, [...at, i], out))
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) pathsOf(v, [...at, k], out)
  return out
}

function get(root: unknown, path: Path): unknown {
  return path.reduce<any>((node, key) => (node == null ? undefined : node[key]), root)
}

/** Sets with defineProperty: a `__proto__` key is an own property, as JSON.parse makes it. */
function put(parent: any, key: string | number, value: unknown): void {
  Object.defineProperty(parent, key, { value, enumerable: true, writable: true, configurable: true })
}

type Mutation =
  | { kind: 'delete'; pick: number }
  | { kind: 'replace'; pick: number; value: unknown }
  | { kind: 'same-kind'; pick: number; seed: number }
  | { kind: 'add-key'; pick: number; key: string; value: unknown }
  | { kind: 'grow'; pick: number; times: number }

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('replace' as const), pick: fc.nat(), value: junk }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('same-kind' as const), pick: fc.nat(), seed: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('add-key' as const),
      pick: fc.nat(),
      key: fc.oneof(
        fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', ''),
        fc.string({ maxLength: 12 }),
      ),
      value: junk,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('grow' as const),
      pick: fc.nat(),
      times: fc.constantFrom(2, 10, 400, 1001, 4000),
    }),
  },
)

function apply(doc: unknown, m: Mutation): unknown {
  const paths = pathsOf(doc)
  const path = paths[m.pick % paths.length]!
  const parent = path.length === 0 ? undefined : (get(doc, path.slice(0, -1)) as any)
  const key = path[path.length - 1]
  const current = get(doc, path)
  switch (m.kind) {
    case 'delete':
      if (parent === undefined) return undefined
      if (Array.isArray(parent)) parent.splice(key as number, 1)
      else delete parent[key as string]
      return doc
    case 'replace':
    case 'same-kind': {
      // Copies: fast-check's values are shared between runs and must not be mutated.
      const value = structuredClone(
        m.kind === 'replace'
          ? m.value
          : fc.sample(sameKind(current, key, path[path.length - 2]), { seed: m.seed, numRuns: 1 })[0],
      )
      if (parent === undefined) return value
      put(parent, key!, value)
      return doc
    }
    case 'add-key': {
      const target = current !== null && typeof current === 'object' && !Array.isArray(current) ? current : doc
      if (target === null || typeof target !== 'object' || Array.isArray(target)) return doc
      put(target, m.key, structuredClone(m.value))
      return doc
    }
    case 'grow': {
      if (!Array.isArray(current) || current.length === 0) return doc
      const grown = Array.from({ length: m.times }, (_, i) => structuredClone(current[i % current.length]))
      if (parent === undefined) return grown
      put(parent, key!, grown)
      return doc
    }
  }
}

export interface FuzzRequest {
  payload: string
  contentType: string
  /** how it was made, for the report of a failure */
  how: string
}

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'application/x-www-form-urlencoded',
  'application/xml',
  '',
]

/** Random JSON, or a mutated valid request; sometimes truncated or of another media type. */
export function requestFor(endpoint: Endpoint): fc.Arbitrary<FuzzRequest> {
  // Plausible mutations (same-kind values, deleted fields) mostly reach the computation;
  // hostile ones (junk, unknown keys, grown arrays) mostly test the edge.
  const plausible = fc.oneof(
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('same-kind' as const), pick: fc.nat(), seed: fc.nat() }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }) },
  ) as fc.Arbitrary<Mutation>
  const mutations = fc.oneof(
    fc.array(plausible, { minLength: 1, maxLength: 6 }),
    fc.array(mutation, { minLength: 1, maxLength: 4 }),
  )
  const mutated = fc.tuple(fc.nat({ max: endpoint.bases.length - 1 }), mutations).map(([base, mutations]) => {
    let doc: unknown = structuredClone(endpoint.bases[base])
    for (const m of mutations) doc = apply(doc, m)
    return { doc, how: `base ${base}, ${JSON.stringify(mutations).slice(0, 2000)}` }
  })
  const random = fc.jsonValue({ maxDepth: 4 }).map((doc) => ({ doc, how: 'random JSON' }))
  return fc
    .tuple(
      fc.oneof({ weight: 1, arbitrary: random }, { weight: 6, arbitrary: mutated }),
      fc.oneof(
        { weight: 12, arbitrary: fc.constant(null) },
        { weight: 1, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }) },
      ),
      fc.oneof(
        { weight: 24, arbitrary: fc.constant(CONTENT_TYPES[0]!) },
        { weight: 1, arbitrary: fc.constantFrom(...CONTENT_TYPES) },
      ),
    )
    .map(([{ doc, how }, cut, contentType]) => {
      const full = JSON.stringify(doc) ?? ''
      const payload = cut === null ? full : full.slice(0, Math.floor(full.length * cut))
      return {
        payload,
        contentType,
        how:
          `${how}${cut === null ? '' : `, truncated at ${payload.length}/${full.length}`}` +
          `, ${contentType || 'no content-type'}`,
      }
    })
}

// ---- the property -------------------------------------------------------------------------

export interface Checker {
  /** throws, saying what is wrong, when the answer breaks the property */
  check: (endpoint: Endpoint, request: FuzzRequest) => Promise<number>
}

export function checker(app: FastifyInstance): Checker {
  const { ajv } = validationFor(loadContract())
  const isProblem = ajv.getSchema('Problem.json')!
  const results = new Map(postEndpoints().map((e) => [e.url, ajv.getSchema(e.result)!]))
  const isScenario = ajv.getSchema('ScenarioResult.json')!
  const isFigures = ajv.getSchema('KeyFigures.json')!

  const fail = (request: FuzzRequest, status: number, why: string, body: string): never => {
    throw new Error(
      `${why}\n  status ${status}\n  request (${request.how}): ${request.payload.slice(0, 3000)}` +
        `\n  answer: ${body.slice(0, 3000)}`,
    )
  }

  return {
    async check(endpoint, request) {
      const res = await app.inject({
        method: 'POST',
        url: endpoint.url,
        payload: request.payload,
        headers: request.contentType ? { 'content-type': request.contentType } : {},
      })
      const { statusCode: status, body } = res
      const type = String(res.headers['content-type'] ?? '')
      if (status >= 500) fail(request, status, 'a 5xx', body)
      let parsed: any
      try {
        parsed = JSON.parse(body)
      } catch {
        fail(request, status, 'the answer is not JSON', body)
      }
      if (status === 200) {
        if (!type.startsWith('application/json')) fail(request, status, `a 200 of type ${type}`, body)
        if (!results.get(endpoint.url)!(parsed))
          fail(
            request,
            status,
            `a 200 that does not match ${endpoint.result}: ${ajv.errorsText(results.get(endpoint.url)!.errors)}`,
            body,
          )
        if (endpoint.url.endsWith('/compare')) {
          for (const v of parsed.variants) {
            if (v.ok && !isFigures(v.figures))
              fail(request, status, 'a variant whose figures do not match KeyFigures', body)
            if (!v.ok && ![400, 409, 413, 422].includes(v.problem.status))
              fail(request, status, `a variant with status ${v.problem.status}`, body)
          }
        }
        if (endpoint.url.endsWith('/batch')) {
          for (const item of parsed.results) {
            if (item.ok && !isScenario(item.result))
              fail(request, status, 'a batch result that does not match ScenarioResult', body)
            if (!item.ok && !(item.problem.status === 400 || item.problem.status === 422))
              fail(request, status, `a batch item with status ${item.problem.status}`, body)
          }
        }
      } else {
        if (!type.startsWith('application/problem+json')) fail(request, status, `an error of type ${type}`, body)
        if (!isProblem(parsed) || parsed.status !== status)
          fail(request, status, 'an error that is not a problem document with its status', body)
      }
      if (Object.keys(Object.prototype).length > 0 || ({} as any).polluted !== undefined)
        fail(request, status, 'Object.prototype was modified', body)
      return status
    },
  }
}

/** Runs `runs` fuzzed requests against one endpoint; resolves with the count per status. */
export async function fuzzEndpoint(
  app: FastifyInstance,
  endpoint: Endpoint,
  runs: number,
  seed: number = FUZZ_SEED,
): Promise<Record<number, number>> {
  const { check } = checker(app)
  const statuses: Record<number, number> = {}
  await fc.assert(
    fc.asyncProperty(requestFor(endpoint), async (request) => {
      const status = await check(endpoint, request)
      statuses[status] = (statuses[status] ?? 0) + 1
    }),
    { seed, numRuns: runs, endOnFailure: true },
  )
  return statuses
}

// ---- query endpoints and other methods --------------------------------------------------------

export interface FuzzUrl {
  method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'DELETE' | 'PATCH' | 'OPTIONS'
  url: string
}

/** encodeURIComponent, with lone surrogates replaced (it throws on them). */
const encode = (s: string): string => encodeURIComponent(s.replace(/[\ud800-\udfff]/g, '\ufffd'))

const segment = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...ENUMS['calendar']!, ...ENUMS['dayCount']!) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '__proto__',
      'constructor',
      '',
      '..',
      '%2e%2e',
      '%E0%A4%A',
      '%00',
      'US-FED',
      'x'.repeat(101),
    ),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }).map(encode) },
)
const queryValue = fc.oneof(
  validDate,
  fc.integer({ min: -110_000, max: 110_000 }).map(String),
  junkString.map((s) => s.slice(0, 300)),
  fc.constantFrom('1e3', '-0', '0x10', '99999999999999999999', '5.5', 'true', ''),
)
const queryName = fc.constantFrom(
  'from',
  'to',
  'date',
  'days',
  'maturityDate',
  'extraHolidays',
  'extraHolidays[]',
  '__proto__',
  'constructor',
  'x',
)

/** Any method on the documented paths (and a few others), with plausible and junk parameters. */
export const fuzzUrl: fc.Arbitrary<FuzzUrl> = fc
  .tuple(
    fc.oneof(
      { weight: 8, arbitrary: fc.constant('GET' as const) },
      {
        weight: 1,
        arbitrary: fc.constantFrom('HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'),
      },
    ),
    fc.constantFrom(
      '/v1/calendars/{}/holidays',
      '/v1/calendars/{}/add-business-days',
      '/v1/calendars/{}/business-days-between',
      '/v1/day-counts/{}/year-fraction',
      '/v1/calendars',
      '/v1/day-counts',
      '/v1/{}',
      '/{}',
      '/health',
      '/ready',
      '/openapi.json',
    ),
    segment,
    fc.array(fc.tuple(queryName, queryValue, fc.boolean()), { maxLength: 8 }),
  )
  .map(([method, template, seg, params]) => {
    const query = params.map(([n, v, escape]) => `${n}=${escape ? encode(v) : v.replace(/[#\s]/g, '')}`).join('&')
    return { method, url: `${template.replace('{}', seg)}${query ? `?${query}` : ''}` }
  })

export async function checkUrl(app: FastifyInstance, request: FuzzUrl): Promise<number> {
  const { ajv } = validationFor(loadContract())
  const isProblem = ajv.getSchema('Problem.json')!
  const res = await app.inject({ method: request.method, url: request.url })
  const { statusCode: status, body } = res
  const why = (what: string) =>
    new Error(`${what}\n  ${request.method} ${request.url}\n  status ${status}: ${body.slice(0, 2000)}`)
  if (status >= 500) throw why('a 5xx')
  if (status >= 400) {
    if (!String(res.headers['content-type']).startsWith('application/problem+json'))
      throw why('an error that is not a problem')
    if (request.method !== 'HEAD') {
      const parsed = JSON.parse(body)
      if (!isProblem(parsed) || parsed.status !== status)
        throw why('an error that is not a problem document with its status')
    }
  }
  return status
}
