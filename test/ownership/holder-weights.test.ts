/**
 * Holders of a scenario given by weight: the series principal allocated in cents by largest
 * remainder, ties to the earlier holder. Allocations worked by hand.
 */
import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import t from 'tap'
import { Decimal } from '../../src/domain/decimal.js'
import { allocateByWeight } from '../../src/domain/holder-weights.js'
import { assertProblem, testApp } from '../helpers/http.js'

const CASE = JSON.parse(
  readFileSync(new URL('../fixtures/examples/liquidmetal-2008.request.json', import.meta.url), 'utf8'),
)
const allocate = (total: string, weights: string[]) =>
  allocateByWeight(
    new Decimal(total),
    weights.map((w) => new Decimal(w)),
  ).map((d) => d.toFixed(2))

t.test('largest remainder in cents, ties to the earlier holder', async (t) => {
  // 10,000 cents / 3 = 3,333 each, remainder 1 each: the one cent left goes to the first.
  t.same(allocate('100.00', ['1', '1', '1']), ['33.34', '33.33', '33.33'])
  // 100,000,000 cents x 1/7, 2/7, 4/7 = 14,285,714 r 2, 28,571,428 r 4, 57,142,857 r 1: the cent
  // left goes to the largest remainder, the second holder.
  t.same(allocate('1000000.00', ['1', '2', '4']), ['142857.14', '285714.29', '571428.57'])
  t.same(allocate('1000000.00', ['40', '60']), ['400000.00', '600000.00'])
  t.same(allocate('1000000.00', ['0.4', '0.6']), ['400000.00', '600000.00'], 'weights in any unit')
  // 2 cents over 3 equal weights: the first two.
  t.same(allocate('0.02', ['5', '5', '5']), ['0.01', '0.01', '0.00'])
})

t.test(
  'the allocations add up to the principal exactly and differ from the exact shares by under a cent',
  async (t) => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000_000 }),
        fc.array(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 1, maxLength: 100 }),
        (cents, weights) => {
          const total = new Decimal(cents).dividedBy(100)
          const out = allocateByWeight(
            total,
            weights.map((w) => new Decimal(w)),
          )
          const w = weights.reduce((s, x) => s + x, 0)
          const sumOut = out.reduce((s, x) => s.plus(x), new Decimal(0))
          return (
            sumOut.eq(total) && out.every((a, i) => a.minus(total.times(weights[i]!).dividedBy(w)).abs().lt('0.01'))
          )
        },
      ),
    )
    t.pass('checked')
  },
)

t.test('POST /v1/scenarios with holders by weight reports each allocation', async (t) => {
  const app = testApp(t)
  const byWeight = await app.inject({
    method: 'POST',
    url: '/v1/scenarios',
    payload: {
      ...CASE,
      holders: [
        { id: 'a', weight: '2' },
        { id: 'b', weight: '3' },
      ],
    },
  })
  t.equal(byWeight.statusCode, 200)
  const body = byWeight.json()
  t.match(body.holders, [
    { id: 'a', weight: '2', principal: '400000.00' },
    { id: 'b', weight: '3', principal: '600000.00' },
  ])
  t.ok(body.assumptions.some((a: any) => a.code === 'holder-weights'))
  const byPrincipal = await app.inject({
    method: 'POST',
    url: '/v1/scenarios',
    payload: {
      ...CASE,
      holders: [
        { id: 'a', principal: '400000.00' },
        { id: 'b', principal: '600000.00' },
      ],
    },
  })
  t.same(body.redemption, byPrincipal.json().redemption, 'the same as the principals given')

  const mixed = await app.inject({
    method: 'POST',
    url: '/v1/scenarios',
    payload: {
      ...CASE,
      holders: [
        { id: 'a', weight: '2' },
        { id: 'b', principal: '600000.00' },
      ],
    },
  })
  assertProblem(t, mixed, { status: 422, errors: [{ pointer: '/holders/1' }] })
  const zero = await app.inject({
    method: 'POST',
    url: '/v1/scenarios',
    payload: {
      ...CASE,
      holders: [
        { id: 'a', weight: '0' },
        { id: 'b', weight: '1' },
      ],
    },
  })
  assertProblem(t, zero, { status: 422, errors: [{ pointer: '/holders/0/weight' }] })
  const neither = await app.inject({
    method: 'POST',
    url: '/v1/scenarios',
    payload: { ...CASE, holders: [{ id: 'a' }, { id: 'b', principal: '1000000.00' }] },
  })
  assertProblem(t, neither, { status: 422, errors: [{ pointer: '/holders/0' }] })
})
