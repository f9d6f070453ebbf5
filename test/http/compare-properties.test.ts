/**
 * Properties of POST /v1/scenarios/compare over random scenarios and patches (fast-check):
 *
 * - an empty patch changes nothing;
 * - a variant is exactly two plain POST /v1/scenarios calls, the scenario and the scenario as
 *   patched (applied here with fast-json-patch's own applyPatch): `changed` lists exactly the
 *   key figures whose values differ between the two answers, with their values and differences
 *   worked out here; a variant the plain call refuses fails with the same status and pointers;
 *   a patch that does not apply is a 409;
 * - every default reading changes the request, is a valid scenario request and has its own id.
 *
 * The key figures are the dates and amounts among the pointers of the case's published answer
 * (test/fixtures/examples): every one but /covenant/status.
 */
import t from 'tap'
import fc from 'fast-check'
import jsonpatch from 'fast-json-patch'
import { Decimal } from 'decimal.js'
import { testApp } from '../helpers/http.js'
import { at, fixture } from '../helpers/json.js'
import { escapeToken } from '../../src/contract/json-pointer.js'

fc.configureGlobal({ seed: 20081014 })

const POINTERS = Object.keys(
  fixture<{ values: Record<string, string> }>('examples/liquidmetal-2008.expected.json').values,
).filter((p) => p !== '/covenant/status')

const day = (from: string, to: string) =>
  fc
    .integer({ min: Date.parse(`${from}T00:00:00Z`) / 86_400_000, max: Date.parse(`${to}T00:00:00Z`) / 86_400_000 })
    .map((d) => new Date(d * 86_400_000).toISOString().slice(0, 10))
const plus = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)
const calendar = fc.constantFrom('us-fed', 'us-settlement', 'us-nyse', 'us-government-bond', 'weekends-only', 'us-sec')
const methods = fc.uniqueArray(fc.constantFrom('personal', 'facsimile', 'email', 'overnight-courier', 'mail'), {
  minLength: 1,
  maxLength: 5,
})

/** A note issued 2000-2030, maybe an SPA, a notice, a cure, an election, a payment. */
const scenario = fc
  .record({
    issueDate: day('2000-01-01', '2030-12-31'),
    years: fc.integer({ min: 1, max: 5 }),
    principal: fc.integer({ min: 1_000, max: 10_000_000 }).map((d) => `${d}.00`),
    calendar: fc.option(calendar),
    paymentForm: fc.constantFrom('cash', 'notes'),
    accruedInterestForm: fc.option(fc.constantFrom('cash', 'notes')),
    cure: fc.option(fc.integer({ min: 0, max: 15 })),
    rounding: fc.option(fc.constantFrom('half-up', 'half-even')),
    spa: fc.option(
      fc.record({ count: fc.integer({ min: 0, max: 30 }), unit: fc.constantFrom('business-days', 'calendar-days') }),
    ),
    performed: fc.option(fc.integer({ min: 0, max: 60 })),
    notice: fc.option(fc.record({ offset: fc.integer({ min: 30, max: 300 }), methods })),
    cured: fc.option(fc.integer({ min: 0, max: 40 })),
    election: fc.option(fc.integer({ min: -5, max: 30 })),
    paid: fc.option(fc.integer({ min: 5, max: 40 })),
  })
  .map((g) => {
    const sent = g.notice === null ? null : plus(g.issueDate, g.notice.offset)
    // An election after a cure in time finds no Event of Default (a 422): a cure and an election are drawn apart.
    const electionDate = sent === null || g.election === null || g.cured !== null ? null : plus(sent, 14 + g.election)
    return {
      note: {
        principal: g.principal,
        issueDate: g.issueDate,
        maturityDate: plus(g.issueDate, 365 * g.years),
        ...(g.calendar === null ? {} : { calendar: g.calendar }),
        ...(g.rounding === null ? {} : { rounding: g.rounding }),
        interest: {
          paymentForm: g.paymentForm,
          ...(g.accruedInterestForm === null ? {} : { accruedInterestForm: g.accruedInterestForm }),
        },
        ...(g.cure === null ? {} : { cure: { businessDays: g.cure } }),
      },
      ...(g.spa === null ? {} : { spa: { closingDate: g.issueDate, covenant: { period: g.spa } } }),
      events: {
        covenantPerformedOn: g.spa === null || g.performed === null ? null : plus(g.issueDate, g.performed),
        noticeOfDefault: sent === null ? null : { sentAt: sent, methods: g.notice!.methods },
        curedOn: sent === null || g.cured === null ? null : plus(sent, g.cured),
        redemptionElection: electionDate === null ? null : { date: electionDate },
        paymentDate: electionDate === null || g.paid === null ? null : plus(electionDate, g.paid),
      },
      asOf: plus(g.issueDate, 400),
    }
  })

/** Operations a reader would try, some of which do not apply to a given scenario (a parent missing, a failed test). */
const operation = fc.oneof(
  calendar.map((value) => ({ op: 'add', path: '/note/calendar', value })),
  fc
    .constantFrom('business-days', 'calendar-days')
    .map((value) => ({ op: 'add', path: '/spa/covenant/period/unit', value })),
  fc.integer({ min: 0, max: 15 }).map((value) => ({ op: 'add', path: '/note/cure/businessDays', value })),
  fc.integer({ min: 0, max: 15 }).map((businessDays) => ({ op: 'add', path: '/note/cure', value: { businessDays } })),
  methods.map((value) => ({ op: 'replace', path: '/events/noticeOfDefault/methods', value })),
  fc.constantFrom('half-up', 'half-even').map((value) => ({ op: 'add', path: '/rounding', value })),
  fc.constantFrom('cash', 'notes').map((value) => ({ op: 'add', path: '/note/interest/accruedInterestForm', value })),
  day('2000-01-01', '2036-12-31').map((value) => ({ op: 'replace', path: '/asOf', value })),
  fc.option(day('2000-01-01', '2036-12-31')).map((value) => ({ op: 'add', path: '/events/curedOn', value })),
  fc.option(day('2000-01-01', '2036-12-31')).map((value) => ({ op: 'replace', path: '/events/paymentDate', value })),
  calendar.map((value) => ({ op: 'test', path: '/note/calendar', value })),
  fc
    .constantFrom('/events/redemptionElection', '/spa', '/note/cure', '/events/noticeOfDefault/methods/1')
    .map((path) => ({ op: 'remove', path })),
  fc.constant({ op: 'copy', from: '/note/issueDate', path: '/events/covenantPerformedOn' }),
  fc.constant({ op: 'move', from: '/events/curedOn', path: '/events/paymentDate' }),
  fc.integer({ min: 1, max: 20_000_000 }).map((d) => ({ op: 'replace', path: '/note/principal', value: `${d}.00` })),
)
const patch = fc.array(operation, { maxLength: 4 })

const kindOf = (value: string) => (/^\d{4}-\d{2}-\d{2}$/.test(value) ? 'date' : 'money')

/** A key figure's value in a POST /v1/scenarios answer: null where the answer has none. */
const figure = (answer: unknown, pointer: string): string | null => {
  const value = at(answer, pointer)
  return typeof value === 'string' ? value : null
}

/** variant − base, worked out here: days between UTC midnights, or exact decimal money. */
function difference(base: string | null, variant: string | null): number | string | null {
  if (base === null || variant === null) return null
  switch (kindOf(base)) {
    case 'date':
      return (Date.parse(`${variant}T00:00:00Z`) - Date.parse(`${base}T00:00:00Z`)) / 86_400_000
    default:
      return new Decimal(variant).minus(base).toFixed(2)
  }
}

t.test('an empty patch changes nothing', async (t) => {
  const app = testApp(t)
  let compared = 0
  await fc.assert(
    fc.asyncProperty(scenario, async (s) => {
      const res = await app.inject({
        method: 'POST',
        url: '/v1/scenarios/compare',
        payload: { scenario: s, variants: [{ id: 'as-given', patch: [] }] },
      })
      if (res.statusCode === 422) return // a contradictory draw: the whole request is refused, nothing to compare
      const body = res.json()
      if (res.statusCode !== 200 || !body.variants[0].ok)
        throw new Error(`${res.statusCode}: ${res.body.slice(0, 1000)}`)
      if (body.variants[0].changed.length !== 0) throw new Error(`changed: ${JSON.stringify(body.variants[0].changed)}`)
      t.same(body.variants[0].figures, body.base)
      compared++
    }),
    { numRuns: 150 },
  )
  t.ok(compared > 100, `${compared} scenarios compared`)
})

t.test('changed is exactly the key figures that differ between two plain POST /v1/scenarios calls', async (t) => {
  const app = testApp(t)
  const seen = { ok: 0, moved: 0, conflict: 0, refused: 0 }
  await fc.assert(
    fc.asyncProperty(scenario, patch, async (s, ops) => {
      const res = await app.inject({
        method: 'POST',
        url: '/v1/scenarios/compare',
        payload: { scenario: s, variants: [{ id: 'v', patch: ops }] },
      })
      if (res.statusCode === 422) return
      if (res.statusCode !== 200) throw new Error(`${res.statusCode}: ${res.body.slice(0, 1000)}`)
      const v = res.json().variants[0]
      let patched: unknown
      try {
        patched = jsonpatch.applyPatch(structuredClone(s), structuredClone(ops) as any, true, true).newDocument
      } catch {
        patched = undefined
      }
      if (patched === undefined) {
        if (v.ok || v.problem.status !== 409)
          throw new Error(`a patch that does not apply answered ${JSON.stringify(v).slice(0, 500)}`)
        seen.conflict++
        return
      }
      const base = await app.inject({ method: 'POST', url: '/v1/scenarios', payload: s })
      const plain = await app.inject({ method: 'POST', url: '/v1/scenarios', payload: patched as object })
      if (plain.statusCode !== 200) {
        if (v.ok || v.problem.status !== plain.statusCode)
          throw new Error(
            `POST /v1/scenarios answered ${plain.statusCode}, the variant ${JSON.stringify(v).slice(0, 500)}`,
          )
        t.same(
          v.problem.errors.map((e: { pointer: string }) => e.pointer),
          plain.json().errors.map((e: { pointer: string }) => e.pointer),
          'the same pointers',
        )
        seen.refused++
        return
      }
      if (!v.ok)
        throw new Error(
          `POST /v1/scenarios computed the patched scenario; the variant failed: ${JSON.stringify(v.problem)}`,
        )
      const expected = POINTERS.flatMap((pointer) => {
        const b = figure(base.json(), pointer)
        const p = figure(plain.json(), pointer)
        return b === p ? [] : [{ pointer, base: b, variant: p, difference: difference(b, p) }]
      })
      t.same(v.changed, expected)
      for (const pointer of POINTERS) {
        if (figure(v.figures, pointer) !== figure(plain.json(), pointer))
          throw new Error(`${pointer}: ${figure(v.figures, pointer)} vs ${figure(plain.json(), pointer)}`)
      }
      seen.ok++
      if (expected.length > 0) seen.moved++
    }),
    { numRuns: 200 },
  )
  t.comment(JSON.stringify(seen))
  t.ok(seen.moved > 20 && seen.conflict > 5 && seen.refused > 5, 'moved figures, conflicts and refusals all reached')
})

t.test('every default reading changes the request, is a valid scenario request, and has its own id', async (t) => {
  const app = testApp(t)
  let readings = 0
  await fc.assert(
    fc.asyncProperty(scenario, async (s) => {
      const res = await app.inject({ method: 'POST', url: '/v1/scenarios/compare', payload: { scenario: s } })
      if (res.statusCode === 422) return
      const { variants } = res.json()
      if (new Set(variants.map((v: { id: string }) => v.id)).size !== variants.length) throw new Error('an id twice')
      for (const v of variants) {
        const patched = jsonpatch.applyPatch(structuredClone(s), structuredClone(v.patch), true, true).newDocument
        if (JSON.stringify(patched) === JSON.stringify(s)) throw new Error(`${v.id} does not change the request`)
        // A reading may lead to a contradiction (a cure now late, an election now premature under "reject"), never to
        // an invalid request.
        if (!v.ok && v.problem.status !== 422) throw new Error(`${v.id}: ${JSON.stringify(v.problem)}`)
        readings++
      }
    }),
    { numRuns: 100 },
  )
  t.ok(readings > 500, `${readings} readings checked`)
})

/**
 * Every pointer into a JSON value, plus ones that do not resolve: '-', a past-the-end index, a missing member, escapes.
 */
function pointersOf(value: unknown, at = '', out: string[] = []): string[] {
  out.push(at)
  if (Array.isArray(value)) value.forEach((v, i) => pointersOf(v, `${at}/${i}`, out))
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) pointersOf(v, `${at}/${escapeToken(k)}`, out)
  return out
}

t.test(
  'no patch breaks it: random operations on random locations answer 200 with each variant a result or a 4xx problem',
  async (t) => {
    const app = testApp(t)
    const statuses: Record<string, number> = {}
    const anyPatch = scenario.chain((s) => {
      const pointers = pointersOf(s)
      const pointer = fc.oneof(
        { weight: 6, arbitrary: fc.constantFrom(...pointers) },
        { weight: 2, arbitrary: fc.constantFrom(...pointers).map((p) => `${p}/-`) },
        { weight: 1, arbitrary: fc.constantFrom(...pointers).map((p) => `${p}/9`) },
        { weight: 1, arbitrary: fc.constantFrom(...pointers).map((p) => `${p}/x~1y~0z`) },
        { weight: 1, arbitrary: fc.constantFrom(...pointers).map((p) => `${p}/01`) },
      )
      const value = fc.oneof(
        fc.jsonValue({ maxDepth: 3 }),
        fc.constantFrom(...pointers).map((p) => at(s, p) ?? null),
      )
      const op = fc.oneof(
        fc.record({ op: fc.constantFrom('add', 'replace', 'test'), path: pointer, value }),
        fc.record({ op: fc.constant('remove'), path: pointer }),
        fc.record({ op: fc.constantFrom('move', 'copy'), from: pointer, path: pointer }),
      )
      return fc.tuple(fc.constant(s), fc.array(fc.array(op, { maxLength: 8 }), { minLength: 1, maxLength: 4 }))
    })
    await fc.assert(
      fc.asyncProperty(anyPatch, async ([s, patches]) => {
        const variants = patches.map((patch, i) => ({ id: `v${i}`, patch }))
        const res = await app.inject({
          method: 'POST',
          url: '/v1/scenarios/compare',
          payload: { scenario: s, variants },
        })
        statuses[`request ${res.statusCode}`] = (statuses[`request ${res.statusCode}`] ?? 0) + 1
        if (res.statusCode === 400 || res.statusCode === 422) return // a move into its own child; a contradictory draw
        if (res.statusCode !== 200) throw new Error(`${res.statusCode}: ${res.body.slice(0, 1000)}`)
        for (const v of res.json().variants) {
          const key = v.ok ? 'variant ok' : `variant ${v.problem.status}`
          statuses[key] = (statuses[key] ?? 0) + 1
          if (!v.ok && ![400, 409, 422].includes(v.problem.status)) throw new Error(JSON.stringify(v).slice(0, 1000))
        }
      }),
      {
        numRuns: Number(process.env['COMPARE_PATCH_RUNS'] ?? 300),
        seed: Number(process.env['COMPARE_PATCH_SEED'] ?? 20081014),
      },
    )
    t.comment(JSON.stringify(statuses))
    t.ok(
      statuses['variant ok']! > 0 && statuses['variant 409']! > 0 && statuses['variant 400']! > 0,
      'results, conflicts and invalid patched scenarios all reached',
    )
  },
)
