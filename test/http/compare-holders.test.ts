/**
 * POST /v1/scenarios/compare with holders: the base and each variant are computed as
 * POST /v1/scenarios computes them (each holder on its own principal, /redemption the sums), and
 * the holders' redemption figures (`/holders/{i}/redemption/...`, fixed pointers of
 * POST /v1/scenarios with holders) are key figures: listed in `changed` when they move.
 */
import t from 'tap'
import fc from 'fast-check'
import jsonpatch from 'fast-json-patch'
import { Decimal } from 'decimal.js'
import { assertProblem, testApp } from '../helpers/http.js'
import { at, fixture } from '../helpers/json.js'

fc.configureGlobal({ seed: 20080929 })

const theCase = fixture('examples/liquidmetal-2008.request.json')
/** The case's series held 400,000 / 600,000 by two funds. */
const withHolders = {
  ...theCase,
  holders: [
    { id: 'wpscv-lp', principal: '400000.00' },
    { id: 'wpscv-lp-i', principal: '600000.00' },
  ],
}
const URL = '/v1/scenarios/compare'
const nyse = { id: 'nyse', patch: [{ op: 'replace', path: '/note/calendar', value: 'us-nyse' }] }

t.test('the case held by two funds, on us-nyse: the series and each holder move', async (t) => {
  const app = testApp(t)
  const res = await app.inject({ method: 'POST', url: URL, payload: { scenario: withHolders, variants: [nyse] } })
  t.equal(res.statusCode, 200)
  const body = res.json()
  // Interest notes per fund, 10% 30/360 US, rounded per fund: 400,000 → +9,777.78 (88 days to 2007-04-01)
  // → 409,777.78 → +10,244.44 → +10,500.56 → +10,763.07 → +11,032.15 → +11,307.95 → +11,590.65 = 475,216.60;
  // 600,000 → +14,666.67 → +15,366.67 → +15,750.83 → +16,144.60 → +16,548.22 → +16,961.92 → +17,385.97 = 712,824.88.
  // The series is the sum, 1,188,041.48 (a cent above one note of 1,000,000: 1,188,041.47).
  t.same(
    body.base.holders.map((h: any) => [h.id, h.redemption.outstandingPrincipal]),
    [
      ['wpscv-lp', '475216.60'],
      ['wpscv-lp-i', '712824.88'],
    ],
  )
  t.equal(
    body.base.redemption.outstandingPrincipal,
    '1188041.48',
    "the series is the holders' sum, as POST /v1/scenarios answers",
  )
  const dates = (prefix: string) => [
    // the premature election (09-29) takes effect on the Event of Default, a day earlier (cure deadline 10-13 on the
    // exchange's calendar)
    { pointer: `${prefix}/electionEffectiveDate`, base: '2008-10-15', variant: '2008-10-14', difference: -1 },
    // 5 NYSE business days after 10-14: 10-15, 16, 17, 20, 21
    { pointer: `${prefix}/paymentDueDate`, base: '2008-10-22', variant: '2008-10-21', difference: -1 },
    { pointer: `${prefix}/redemptionDate`, base: '2008-10-22', variant: '2008-10-21', difference: -1 },
  ]
  const amounts = (prefix: string, base: string, variant: string, price: string, priceNow: string, diff: string) => [
    { pointer: `${prefix}/accruedInterest/base`, base, variant, difference: diff },
    {
      pointer: `${prefix}/accruedInterest/total`,
      base: new Decimal(base).plus(dflt(prefix)).toFixed(2),
      variant: new Decimal(variant).plus(dflt(prefix)).toFixed(2),
      difference: diff,
    },
    { pointer: `${prefix}/redemptionPrice`, base: price, variant: priceNow, difference: diff },
    { pointer: `${prefix}/totalDue`, base: price, variant: priceNow, difference: diff },
  ]
  // 12% for 7 days (10-15..10-22, or 10-14..10-21) either way: 475,216.60 × 0.12 × 7 / 360 = 1,108.8387 → 1,108.84;
  // 712,824.88 × 0.12 × 7 / 360 = 1,663.2580 → 1,663.26; the series 2,772.10.
  const dflt = (prefix: string) =>
    ({ '/redemption': '2772.10', '/holders/0/redemption': '1108.84', '/holders/1/redemption': '1663.26' })[prefix]!
  t.same(body.variants[0].changed, [
    { pointer: '/notice/cureDeadline', base: '2008-10-14', variant: '2008-10-13', difference: -1 },
    { pointer: '/eventOfDefault/date', base: '2008-10-15', variant: '2008-10-14', difference: -1 },
    ...dates('/redemption'),
    // the series: the holders' sums, 1,478.45 + 2,217.68 = 3,696.13 → 1,372.85 + 2,059.27 = 3,432.12; price
    // 1,194,509.71 → 1,194,245.70
    ...amounts('/redemption', '3696.13', '3432.12', '1194509.71', '1194245.70', '-264.01'),
    ...dates('/holders/0/redemption'),
    // 8% on 475,216.60 from 10-01: 14 days 475,216.60 × 0.08 × 14 / 360 = 1,478.4517 → 1,478.45; 13 days 1,372.8480 →
    // 1,372.85;
    // price 475,216.60 + 1,478.45 + 1,108.84 = 477,803.89 → 477,698.29
    ...amounts('/holders/0/redemption', '1478.45', '1372.85', '477803.89', '477698.29', '-105.60'),
    ...dates('/holders/1/redemption'),
    // 8% on 712,824.88: 14 days 2,217.6774 → 2,217.68; 13 days 2,059.2719 → 2,059.27;
    // price 712,824.88 + 2,217.68 + 1,663.26 = 716,705.82 → 716,547.41
    ...amounts('/holders/1/redemption', '2217.68', '2059.27', '716705.82', '716547.41', '-158.41'),
  ])
  t.same(
    body.variants[0].figures.holders.map((h: any) => h.id),
    ['wpscv-lp', 'wpscv-lp-i'],
  )
})

t.test("a variant without the holders: the series as one note, and each holder's figures gone", async (t) => {
  const app = testApp(t)
  const res = await app.inject({
    method: 'POST',
    url: URL,
    payload: { scenario: withHolders, variants: [{ id: 'one-note', patch: [{ op: 'remove', path: '/holders' }] }] },
  })
  t.equal(res.statusCode, 200)
  const v = res.json().variants[0]
  t.equal(v.ok, true)
  t.equal(v.figures.holders, undefined, 'no holders, no holder figures')
  const series = v.changed.filter((c: any) => c.pointer.startsWith('/redemption/'))
  // One note of 1,000,000: 1,188,041.47 outstanding (docs/rules/README.md) against the funds' 1,188,041.48; accrued
  // interest rounds to the same cents (3,696.13 and 2,772.10 either way), so the price, the total due and
  // the per diem (1,188,041.47 × 0.12 / 360 = 396.0138 → 396.01 against 158.41 + 237.61 = 396.02) are a cent lower.
  t.same(series, [
    { pointer: '/redemption/outstandingPrincipal', base: '1188041.48', variant: '1188041.47', difference: '-0.01' },
    { pointer: '/redemption/capitalizedInterest', base: '188041.48', variant: '188041.47', difference: '-0.01' },
    { pointer: '/redemption/redeemedPrincipal', base: '1188041.48', variant: '1188041.47', difference: '-0.01' },
    { pointer: '/redemption/redemptionPrice', base: '1194509.71', variant: '1194509.70', difference: '-0.01' },
    { pointer: '/redemption/totalDue', base: '1194509.71', variant: '1194509.70', difference: '-0.01' },
    { pointer: '/redemption/perDiem', base: '396.02', variant: '396.01', difference: '-0.01' },
  ])
  // Every one of each holder's 15 redemption figures (3 dates, 12 amounts) is listed, gone under the variant.
  const holders = v.changed.filter((c: any) => c.pointer.startsWith('/holders/'))
  t.equal(holders.length, 30)
  t.ok(holders.every((c: any) => c.base !== null && c.variant === null && c.difference === null))
  t.same(holders[0], {
    pointer: '/holders/0/redemption/electionEffectiveDate',
    base: '2008-10-15',
    variant: null,
    difference: null,
  })
})

t.test('holders that do not add up to the principal: the variant fails alone, at /holders', async (t) => {
  const app = testApp(t)
  const res = await app.inject({
    method: 'POST',
    url: URL,
    payload: {
      scenario: withHolders,
      variants: [{ id: 'short', patch: [{ op: 'replace', path: '/holders/1/principal', value: '500000.00' }] }, nyse],
    },
  })
  t.equal(res.statusCode, 200)
  const [short, ok] = res.json().variants
  // 400,000 + 500,000 = 900,000, not the note's 1,000,000 (docs/rules/ownership.md: else 422 at /holders)
  t.match(short, { ok: false, problem: { status: 422, errors: [{ pointer: '/holders' }] } })
  t.equal(ok.ok, true)
  // The same holders in the scenario itself: the whole request is a 422, at the pointer under /scenario.
  const whole = await app.inject({
    method: 'POST',
    url: URL,
    payload: {
      scenario: { ...withHolders, holders: [withHolders.holders[0], { id: 'wpscv-lp-i', principal: '500000.00' }] },
      variants: [nyse],
    },
  })
  assertProblem(t, whole, { status: 422, errors: [{ pointer: '/scenario/holders' }] })
})

/** A key figure's kind, from the pointer's last token. */
const isDate = (pointer: string) => /(Date|deadline|cureDeadline|effectiveDate|\/date)$/.test(pointer)
const SERIES = ['/covenant/deadline', '/notice/effectiveDate', '/notice/cureDeadline', '/eventOfDefault/date']
const REDEMPTION = [
  'electionEffectiveDate',
  'paymentDueDate',
  'redemptionDate',
  'outstandingPrincipal',
  'capitalizedInterest',
  'redeemedPrincipal',
  'accruedInterest/base',
  'accruedInterest/default',
  'accruedInterest/total',
  'premiumAmount',
  'redemptionPrice',
  'lateCharge',
  'totalDue',
  'perDiem',
  'defaultInterestIncrement',
]

/** The key figures' pointers for answers with up to `holders` holders: the series', then each holder's. */
const pointers = (holders: number) => [
  ...SERIES,
  ...REDEMPTION.map((r) => `/redemption/${r}`),
  ...Array.from({ length: holders }, (_, i) => REDEMPTION.map((r) => `/holders/${i}/redemption/${r}`)).flat(),
]

const value = (answer: unknown, pointer: string) => {
  const v = at(answer, pointer)
  return typeof v === 'string' ? v : null
}

/** The split of 1,000,000 among 1 to 4 holders, in whole dollars. */
const split = fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 4 }).map((weights) => {
  const total = weights.reduce((a, b) => a + b, 0)
  let left = 1_000_000
  return weights.map((w, i) => {
    const p = i === weights.length - 1 ? left : Math.floor((1_000_000 * w) / total)
    left -= p
    return { id: `h${i}`, principal: `${p}.00` }
  })
})
const operation = fc.oneof(
  fc
    .constantFrom('us-settlement', 'us-nyse', 'weekends-only', 'us-sec')
    .map((value) => ({ op: 'replace', path: '/note/calendar', value })),
  fc.integer({ min: 5, max: 12 }).map((value) => ({ op: 'replace', path: '/note/cure/businessDays', value })),
  fc
    .constantFrom('0.25', '0.50', '1.00')
    .map((value) => ({ op: 'add', path: '/events/redemptionElection/portion', value })),
  fc.constantFrom('2008-10-10', '2008-10-25').map((value) => ({ op: 'replace', path: '/events/curedOn', value })),
  fc.constantFrom('2008-10-20', '2008-10-29').map((value) => ({ op: 'replace', path: '/events/paymentDate', value })),
  fc
    .constantFrom('cash', 'notes')
    .map((value) => ({ op: 'replace', path: '/note/interest/accruedInterestForm', value })),
  fc.constant({ op: 'add', path: '/note/redemption/lateChargeRate', value: '0.18' }),
  fc.constant({ op: 'remove', path: '/holders' }),
  split.map((value) => ({ op: 'add', path: '/holders', value })),
)

t.test(
  "changed is exactly the key figures, the holders' included, that differ between two plain POST /v1/scenarios calls",
  async (t) => {
    const app = testApp(t)
    let moved = 0
    await fc.assert(
      fc.asyncProperty(
        fc.option(split, { nil: undefined }),
        fc.array(operation, { maxLength: 3 }),
        async (holders, ops) => {
          const scenario = { ...theCase, ...(holders === undefined ? {} : { holders }) }
          const res = await app.inject({
            method: 'POST',
            url: URL,
            payload: { scenario, variants: [{ id: 'v', patch: ops }] },
          })
          if (res.statusCode !== 200) throw new Error(res.body)
          const v = res.json().variants[0]
          let patched: unknown
          try {
            patched = jsonpatch.applyPatch(
              structuredClone(scenario),
              structuredClone(ops) as any,
              true,
              false,
            ).newDocument
          } catch {
            // removing holders the scenario does not have: the variant's patch does not apply
            if (v.ok || v.problem.status !== 409)
              throw new Error(`a patch that does not apply answered ${JSON.stringify(v)}`)
            return
          }
          const base = (await app.inject({ method: 'POST', url: '/v1/scenarios', payload: scenario })).json()
          const plain = await app.inject({ method: 'POST', url: '/v1/scenarios', payload: patched as object })
          if (plain.statusCode !== 200) {
            if (v.ok || v.problem.status !== plain.statusCode)
              throw new Error(`plain ${plain.statusCode}, variant ${JSON.stringify(v)}`)
            return
          }
          const answer = plain.json()
          const n = Math.max(base.holders?.length ?? 0, answer.holders?.length ?? 0)
          // variant − base: days between UTC midnights, or exact decimal money; null where one side has none.
          const expected = pointers(n).flatMap((pointer) => {
            const b = value(base, pointer)
            const p = value(answer, pointer)
            if (b === p) return []
            const difference =
              b === null || p === null
                ? null
                : isDate(pointer)
                  ? (Date.parse(`${p}T00:00:00Z`) - Date.parse(`${b}T00:00:00Z`)) / 86_400_000
                  : new Decimal(p).minus(b).toFixed(2)
            return [{ pointer, base: b, variant: p, difference }]
          })
          t.same(v.changed, expected)
          if (expected.some((c) => c.pointer.startsWith('/holders/'))) moved++
        },
      ),
      { numRuns: 80 },
    )
    t.ok(moved > 20, `${moved} variants moved a holder's figures`)
  },
)
