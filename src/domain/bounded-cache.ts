/**
 * A memo with a bound: at most `limit` entries, the oldest dropped first when a new one would
 * pass it. The service's caches hold values that are pure functions of their keys (a schedule, a
 * UTC offset, a rate's text), so dropping one only costs its recomputation, and no stream of
 * distinct requests can grow memory without end.
 */
export class BoundedCache<K, V> {
  private readonly entries = new Map<K, V>()

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`a cache holds at least one entry, not ${limit}`)
  }

  get size(): number {
    return this.entries.size
  }

  get(key: K): V | undefined {
    return this.entries.get(key)
  }

  set(key: K, value: V): void {
    if (!this.entries.has(key) && this.entries.size >= this.limit) {
      // A Map iterates in insertion order: its first key is the oldest entry.
      this.entries.delete(this.entries.keys().next().value as K)
    }
    this.entries.set(key, value)
  }

  /** The value for `key`, computed by `compute` (and kept) the first time it is asked for. */
  getOrCompute(key: K, compute: (key: K) => V): V {
    let value = this.entries.get(key)
    if (value === undefined) {
      value = compute(key)
      this.set(key, value)
    }
    return value
  }
}
