/** The one bounded cache: never more than its limit, the oldest entry dropped first. */
import t from 'tap'
import fc from 'fast-check'
import { BoundedCache } from '../../src/domain/bounded-cache.js'

t.test('keeps at most its limit, dropping the oldest', async (t) => {
  const cache = new BoundedCache<string, number>(2)
  cache.set('a', 1)
  cache.set('b', 2)
  cache.set('a', 10) // already there: replaced, nothing dropped
  t.equal(cache.size, 2)
  cache.set('c', 3)
  t.equal(cache.size, 2)
  t.equal(cache.get('a'), undefined, 'the oldest ("a", first set) is dropped')
  t.equal(cache.get('b'), 2)
  t.equal(cache.get('c'), 3)
})

t.test('getOrCompute computes once per key while it is kept', async (t) => {
  const cache = new BoundedCache<number, number>(10)
  let calls = 0
  const square = (n: number) => (calls++, n * n)
  t.equal(cache.getOrCompute(7, square), 49)
  t.equal(cache.getOrCompute(7, square), 49)
  t.equal(calls, 1)
})

t.test('no stream of keys grows it past the limit', async (t) => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 20 }),
      fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 200 }),
      (limit, keys) => {
        const cache = new BoundedCache<number, number>(limit)
        for (const k of keys) {
          t.equal(
            cache.getOrCompute(k, (x) => x + 1),
            k + 1,
          )
          if (cache.size > limit) return false
        }
        return true
      },
    ),
  )
  t.throws(() => new BoundedCache(0), RangeError)
})
