/**
 * A note series split among holders in POST /v1/scenarios: each holder's redemption on its own
 * principal, the series the sums. Expected values worked by hand: each holder's interest notes
 * are P x 10% x 88/360 for the first period (2007-01-03 -> 2007-04-01 in 30/360) and x 90/360 for
 * the next six, each rounded half-up to cents and added to P before the next; then accrued at 8% for
 * 14 days (10-01 -> 10-15) and 12% for 7 days (10-15 -> 10-22), per diem P x 12%/360, increment
 * P x 4% x 7/360 (docs/rules/redemption.md; the whole note gives the case's 1,188,041.47 this way).
 */
import { readFileSync } from 'node:fs'
import t from 'tap'
import { assertProblem, testApp } from '../helpers/http.js'

const CASE = JSON.parse(
  readFileSync(new URL('../fixtures/examples/liquidmetal-2008.request.json', import.meta.url), 'utf8'),
)
const MONEY = [
  'outstandingPrincipal',
  'capitalizedInterest',
  'redeemedPrincipal',
  'redemptionPrice',
  'totalDue',
  'perDiem',
  'defaultInterestIncrement',
] as const

const figures = (r: any) => ({
  outstandingPrincipal: r.outstandingPrincipal,
  capitalizedInterest: r.capitalizedInterest,
  redeemedPrincipal: r.redeemedPrincipal,
  base: r.accruedInterest.base,
  default: r.accruedInterest.default,
  total: r.accruedInterest.total,
  redemptionPrice: r.redemptionPrice,
  totalDue: r.totalDue,
  perDiem: r.perDiem,
  defaultInterestIncrement: r.defaultInterestIncrement,
})

t.test('two holders, 400,000 and 600,000: each on its own principal, the series their sums', async (t) => {
  const app = testApp(t)
  const res = await app.inject({
    method: 'POST',
    url: '/v1/scenarios',
    payload: {
      ...CASE,
      holders: [
        { id: 'wpscv-lp', name: 'Wynnefield Partners Small Cap Value LP', principal: '400000.00' },
        { id: 'wpscv-lp-i', principal: '600000.00' },
      ],
    },
  })
  t.equal(res.statusCode, 200)
  const body = res.json()
  t.same(
    body.holders.map((h: any) => [h.id, h.name, h.principal]),
    [
      ['wpscv-lp', 'Wynnefield Partners Small Cap Value LP', '400000.00'],
      ['wpscv-lp-i', undefined, '600000.00'],
    ],
  )
  // 400,000: interest notes 75,216.60 -> 475,216.60; accrued 1,478.45 + 1,108.84; per diem 158.41; increment 369.61.
  t.same(figures(body.holders[0].redemption), {
    outstandingPrincipal: '475216.60',
    capitalizedInterest: '75216.60',
    redeemedPrincipal: '475216.60',
    base: '1478.45',
    default: '1108.84',
    total: '2587.29',
    redemptionPrice: '477803.89',
    totalDue: '477803.89',
    perDiem: '158.41',
    defaultInterestIncrement: '369.61',
  })
  // 600,000: 112,824.88 -> 712,824.88; 2,217.68 + 1,663.26; per diem 237.61; increment 554.42.
  t.same(figures(body.holders[1].redemption), {
    outstandingPrincipal: '712824.88',
    capitalizedInterest: '112824.88',
    redeemedPrincipal: '712824.88',
    base: '2217.68',
    default: '1663.26',
    total: '3880.94',
    redemptionPrice: '716705.82',
    totalDue: '716705.82',
    perDiem: '237.61',
    defaultInterestIncrement: '554.42',
  })
  // The series: the sums, a cent above the single note's 1,188,041.47 (rounded per holder), per diem 396.02.
  t.same(figures(body.redemption), {
    outstandingPrincipal: '1188041.48',
    capitalizedInterest: '188041.48',
    redeemedPrincipal: '1188041.48',
    base: '3696.13',
    default: '2772.10',
    total: '6468.23',
    redemptionPrice: '1194509.71',
    totalDue: '1194509.71',
    perDiem: '396.02',
    defaultInterestIncrement: '924.03',
  })
  // Dates are the series' own.
  t.same([body.redemption.paymentDueDate, body.holders[1].redemption.paymentDueDate], ['2008-10-22', '2008-10-22'])
  t.ok(body.assumptions.some((a: any) => a.code === 'holders'))
})

t.test("with holders, the series ledger, /interest and the timeline are the holders' sums too", async (t) => {
  const app = testApp(t)
  const res = await app.inject({
    method: 'POST',
    url: '/v1/scenarios',
    payload: {
      ...CASE,
      holders: [
        { id: 'wpscv-lp', principal: '400000.00' },
        { id: 'wpscv-lp-i', principal: '600000.00' },
      ],
    },
  })
  t.equal(res.statusCode, 200)
  const body = res.json()
  // First period, 88/360 at 10%: 400,000 -> 9,777.777... = 9,777.78; 600,000 -> 14,666.666... = 14,666.67;
  // the row is their sum, 24,444.45 (the note as one would round to 24,444.44).
  t.match(body.interestLedger[0], {
    start: '2007-01-03',
    end: '2007-04-01',
    principal: '1000000.00',
    amount: '24444.45',
    rate: '0.10',
  })
  // Second period's principal: 409,777.78 + 614,666.67 = 1,024,444.45.
  t.equal(body.interestLedger[1].principal, '1024444.45')
  // The totals tie to /redemption: capitalized 75,216.60 + 112,824.88 = 188,041.48.
  t.equal(body.interest.totals.capitalized, '188041.48')
  t.equal(body.interest.totals.capitalized, body.redemption.capitalizedInterest)
  t.equal(body.interest.outstandingPrincipal, '1188041.48')
  // Accrued at 8% and 12%: (1,478.45 + 1,108.84) + (2,217.68 + 1,663.26) = 6,468.23.
  t.equal(body.interest.totals.accrued, '6468.23')
  // The ledger's rows add up to its total, and the timeline states the series' price, 477,803.89 + 716,705.82.
  const cents = body.interestLedger.reduce((s: number, r: any) => s + Math.round(Number(r.amount) * 100), 0)
  t.equal(cents, Math.round(Number(body.interest.totals.interest) * 100))
  t.equal(
    body.timeline.find((e: any) => e.event === 'redemption-payment-due')?.description,
    'Redemption price of 1194509.71 due.',
  )
})

t.test('three holders of thirds: the series sums to the cent', async (t) => {
  const app = testApp(t)
  const holders = [
    { id: 'a', principal: '333333.33' },
    { id: 'b', principal: '333333.33' },
    { id: 'c', principal: '333333.34' },
  ]
  const body = (await app.inject({ method: 'POST', url: '/v1/scenarios', payload: { ...CASE, holders } })).json()
  // By hand: 396,013.82 + 396,013.82 + 396,013.83 = 1,188,041.47; accrued 3 x 1,232.04 = 3,696.12 and
  // 3 x 924.03 = 2,772.09 (a cent below the single note each); per diem 3 x 132.00 = 396.00.
  t.same(figures(body.redemption), {
    outstandingPrincipal: '1188041.47',
    capitalizedInterest: '188041.47',
    redeemedPrincipal: '1188041.47',
    base: '3696.12',
    default: '2772.09',
    total: '6468.21',
    redemptionPrice: '1194509.68',
    totalDue: '1194509.68',
    perDiem: '396.00',
    defaultInterestIncrement: '924.03',
  })
  for (const key of MONEY) {
    const cents = body.holders.reduce((s: number, h: any) => s + Math.round(Number(h.redemption[key]) * 100), 0)
    t.equal(Math.round(Number(body.redemption[key]) * 100), cents, `${key}: the series is the holders' sum`)
  }
})

t.test('holders that do not add up, duplicates, zero principals: 422 with pointers', async (t) => {
  const app = testApp(t)
  const post = (holders: unknown, extra: object = {}) =>
    app.inject({ method: 'POST', url: '/v1/scenarios', payload: { ...CASE, ...extra, holders } })
  const short = assertProblem(
    t,
    await post([
      { id: 'a', principal: '400000.00' },
      { id: 'b', principal: '599999.99' },
    ]),
    { status: 422, errors: [{ pointer: '/holders' }] },
  )
  t.match(short.errors[0].detail, /999999\.99, not the note's principal 1000000\.00/)
  assertProblem(
    t,
    await post([
      { id: 'a', principal: '500000.00' },
      { id: 'a', principal: '500000.00' },
    ]),
    { status: 422, errors: [{ pointer: '/holders/1/id' }] },
  )
  assertProblem(
    t,
    await post([
      { id: 'a', principal: '1000000.00' },
      { id: 'b', principal: '0.00' },
    ]),
    { status: 422, errors: [{ pointer: '/holders/1/principal' }] },
  )
  assertProblem(
    t,
    await post([{ id: 'a', principal: '1000000.00' }], {
      principalPayments: [{ date: '2008-01-03', amount: '1000.00' }],
    }),
    { status: 422, errors: [{ pointer: '/holders' }] },
  )
  assertProblem(t, await post([{ id: 'a', principal: '1000000.00', share: '1' }]), {
    status: 400,
    errors: [{ pointer: '/holders/0/share' }],
  })
  assertProblem(t, await post([]), { status: 400, errors: [{ pointer: '/holders' }] })
})

t.test('batch items may carry holders; each item alone', async (t) => {
  const app = testApp(t)
  const items = [
    {
      ...CASE,
      holders: [
        { id: 'a', principal: '400000.00' },
        { id: 'b', principal: '600000.00' },
      ],
    },
    { ...CASE, holders: [{ id: 'a', principal: '400000.00' }] },
    CASE,
  ]
  const body = (await app.inject({ method: 'POST', url: '/v1/scenarios/batch', payload: { items } })).json()
  t.same(
    body.results.map((r: any) => r.ok),
    [true, false, true],
  )
  t.equal(body.results[0].result.redemption.outstandingPrincipal, '1188041.48', 'the sums, as above')
  t.same(
    body.results[0].result.holders.map((h: any) => h.redemption.outstandingPrincipal),
    ['475216.60', '712824.88'],
  )
  t.same(
    body.results[1].problem.errors.map((e: any) => e.pointer),
    ['/holders'],
  )
  t.equal(body.results[2].result.holders, undefined, 'no holders, no /holders')
  t.equal(body.results[2].result.redemption.outstandingPrincipal, '1188041.47')
})

t.test('the documented example with holders is what the service answers', async (t) => {
  const app = testApp(t)
  const read = (name: string) =>
    JSON.parse(readFileSync(new URL(`../../examples/${name}`, import.meta.url), 'utf8')).value
  const res = await app.inject({
    method: 'POST',
    url: '/v1/scenarios',
    payload: read('liquidmetal-2008.scenario-holders.request.json'),
  })
  t.same(res.json(), read('liquidmetal-2008.scenario-holders.response.json'))
  // and its figures are the ones worked by hand above
  t.equal(res.json().redemption.outstandingPrincipal, '1188041.48')
})

t.test('holders whose summed amounts pass the largest amount: a 422 at /holders', async (t) => {
  const { checkHolderSums } = await import('../../src/domain/holders.js')
  const { ContradictionError } = await import('../../src/domain/explain.js')
  // 999,999,999,999,999.99 is the largest amount (schemas/Money.json); a cent more is past it.
  const redemption = (totalDue: string) =>
    ({
      outstandingPrincipal: '1.00',
      capitalizedInterest: '0.00',
      redeemedPrincipal: '1.00',
      premiumAmount: '0.00',
      redemptionPrice: '1.00',
      lateCharge: '0.00',
      totalDue,
      perDiem: '0.00',
      defaultInterestIncrement: '0.00',
    }) as any
  t.doesNotThrow(() => checkHolderSums(redemption('999999999999999.99'), null), 'the largest amount itself')
  try {
    checkHolderSums(redemption('1000000000000000.00'), null)
    t.fail('a cent past the largest amount is refused')
  } catch (error) {
    t.ok(error instanceof ContradictionError)
    t.match((error as InstanceType<typeof ContradictionError>).errors, [
      { pointer: '/holders', detail: /totalDue adds up to 1000000000000000\.00/ },
    ])
  }
})
