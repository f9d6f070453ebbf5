/**
 * Holders of a note series given by weight instead of principal: the series principal is
 * allocated in cents by largest remainder (Hamilton's method), so that the holders' principals
 * add up to the note's exactly. Each holder first gets the whole cents of its exact share
 * (principal x weight / total weight, rounded down); the cents left over go one each to the
 * holders with the largest remainders, a tie to the earlier holder. In integers, so exact.
 */
import { Decimal, formatMoney } from './decimal.js'
import { Contradictions } from './explain.js'
import type { HolderInput } from './inputs.js'

/** The cents of `total` allocated in proportion to `weights` (each > 0), largest remainder. */
export function allocateByWeight(total: Decimal, weights: readonly Decimal[]): Decimal[] {
  const scale = Math.max(0, ...weights.map((w) => w.decimalPlaces()))
  const units = weights.map((w) => BigInt(w.times(new Decimal(10).pow(scale)).toFixed(0)))
  const sumUnits = units.reduce((s, u) => s + u, 0n)
  const cents = BigInt(total.times(100).toFixed(0))
  const shares = units.map((u, i) => ({ i, whole: (cents * u) / sumUnits, remainder: (cents * u) % sumUnits }))
  let left = cents - shares.reduce((s, x) => s + x.whole, 0n)
  const order = [...shares].sort((a, b) =>
    a.remainder === b.remainder ? a.i - b.i : a.remainder > b.remainder ? -1 : 1,
  )
  for (const s of order) {
    if (left === 0n) break
    s.whole += 1n
    left -= 1n
  }
  return shares.map((s) => new Decimal(s.whole.toString()).dividedBy(100))
}

export type HolderWithPrincipal = HolderInput & { principal: string }

/**
 * The holders with their principals: as given, or allocated from their weights (all one way).
 * `weighted` says which, for the answer's assumption.
 */
export function principalsOf(
  holders: readonly HolderInput[],
  notePrincipal: string,
): { holders: HolderWithPrincipal[]; weighted: boolean } {
  const problems = new Contradictions()
  const byWeight = holders[0]?.weight !== undefined
  holders.forEach((h, i) => {
    if (h.principal !== undefined && h.weight !== undefined)
      problems.add(`/holders/${i}/weight`, 'give principal or weight, not both')
    else if (byWeight && h.weight === undefined)
      problems.add(`/holders/${i}/weight`, 'is required: the first holder is given by weight, so every holder is')
    else if (!byWeight && h.principal === undefined)
      problems.add(`/holders/${i}/principal`, 'is required: give every holder a principal, or every holder a weight')
    else if (h.weight !== undefined && !new Decimal(h.weight).gt(0))
      problems.add(`/holders/${i}/weight`, 'must be greater than zero')
  })
  problems.throwIfAny()
  if (!byWeight) return { holders: holders as HolderWithPrincipal[], weighted: false }
  const allocated = allocateByWeight(
    new Decimal(notePrincipal),
    holders.map((h) => new Decimal(h.weight!)),
  )
  allocated.forEach((p, i) =>
    problems.check(
      p.gt(0),
      `/holders/${i}/weight`,
      `is too small a part of ${formatMoney(new Decimal(notePrincipal))}: it is allocated 0.00`,
    ),
  )
  problems.throwIfAny()
  return { holders: holders.map((h, i) => ({ ...h, principal: formatMoney(allocated[i]!) })), weighted: true }
}
