/**
 * Properties on random portfolios (fast-check): a person's aggregate is the sum of the distinct
 * holders it reaches; sole plus shared power never exceeds the aggregate; percent <= percentOf-
 * Outstanding; and the powers agree with an enumeration of every control path, written here
 * independently of the graph module.
 */
import fc from 'fast-check'
import t from 'tap'
import { Decimal } from '../../src/domain/decimal.js'
import { addDays } from '../../src/domain/time/dates.js'
import {
  computeBeneficialOwnership,
  type BeneficialOwnershipRequest,
} from '../../src/domain/ownership/beneficial-ownership.js'

type Power = 'sole' | 'shared' | 'none'
const power = fc.constantFrom<Power>('sole', 'shared', 'none', 'sole')
const ASOF = '2008-09-30'

const portfolio: fc.Arbitrary<BeneficialOwnershipRequest> = fc
  .record({
    holders: fc.array(
      fc.record({
        commonShares: fc.integer({ min: 0, max: 2_000_000 }),
        convertibles: fc.array(
          fc.record({
            sharesIssuable: fc.integer({ min: 0, max: 2_000_000 }),
            from: fc.integer({ min: -30, max: 90 }),
          }),
          { maxLength: 2 },
        ),
        warrants: fc.array(
          fc.record({
            shares: fc.integer({ min: 0, max: 2_000_000 }),
            from: fc.integer({ min: -30, max: 90 }),
            until: fc.integer({ min: 0, max: 400 }),
          }),
          { maxLength: 2 },
        ),
        limit: fc.option(fc.constantFrom('0.0499', '0.0999', '0.2'), { nil: undefined }),
      }),
      { minLength: 1, maxLength: 6 },
    ),
    persons: fc.array(fc.array(fc.record({ target: fc.nat(), voting: power, dispositive: power }), { maxLength: 4 }), {
      maxLength: 6,
    }),
    extra: fc.integer({ min: 1, max: 50_000_000 }),
  })
  .map(({ holders, persons, extra }) => {
    const holderIds = holders.map((_, i) => `h${i}`)
    return {
      asOf: ASOF,
      sharesOutstanding: holders.reduce((s, h) => s + h.commonShares, 0) + extra,
      holders: holders.map((h, i) => ({
        id: holderIds[i]!,
        name: `Holder ${i}`,
        commonShares: h.commonShares,
        convertibles: h.convertibles.map((c) => ({
          sharesIssuable: c.sharesIssuable,
          exercisableFrom: addDays(ASOF, c.from),
        })),
        warrants: h.warrants.map((w) => ({
          shares: w.shares,
          exercisableFrom: addDays(ASOF, w.from),
          expiresOn: addDays(ASOF, w.from + w.until),
        })),
        ...(h.limit !== undefined ? { ownershipLimit: h.limit } : {}),
      })),
      // A DAG: person i controls holders and persons with a smaller index; one edge per target.
      persons: persons.map((edges, i) => {
        const targets = [...holderIds, ...Array.from({ length: i }, (_, j) => `p${j}`)]
        const seen = new Set<string>()
        return {
          id: `p${i}`,
          name: `Person ${i}`,
          controls: edges
            .map((e) => ({ id: targets[e.target % targets.length]!, voting: e.voting, dispositive: e.dispositive }))
            .filter((e) => !seen.has(e.id) && seen.add(e.id) !== undefined),
        }
      }),
    }
  })

/** Every path from a person to each holder, as the list of edge powers along it. */
function paths(req: BeneficialOwnershipRequest, from: string, kind: 'voting' | 'dispositive'): Map<string, Power[][]> {
  const out = new Map<string, Power[][]>()
  const holderIds = new Set(req.holders.map((h) => h.id))
  const walk = (id: string, trail: Power[]): void => {
    for (const edge of req.persons!.find((p) => p.id === id)!.controls) {
      const next = [...trail, edge[kind] ?? 'sole']
      if (holderIds.has(edge.id)) out.set(edge.id, [...(out.get(edge.id) ?? []), next])
      else walk(edge.id, next)
    }
  }
  walk(from, [])
  return out
}

/**
 * The rule as docs/rules/ownership.md words it: sole when every path carrying the power is sole,
 * shared when one is shared.
 */
function powerOver(all: Power[][]): Power {
  const carrying = all.filter((p) => p.every((e) => e !== 'none'))
  if (carrying.length === 0) return 'none'
  return carrying.every((p) => p.every((e) => e === 'sole')) ? 'sole' : 'shared'
}

t.test('aggregates, powers and percents on random portfolios', async (t) => {
  fc.assert(
    fc.property(portfolio, (req) => {
      const result = computeBeneficialOwnership(req)
      const rows = new Map(result.persons.map((p) => [p.id, p]))
      for (const person of req.persons ?? []) {
        const row = rows.get(person.id)!
        const voting = paths(req, person.id, 'voting')
        const dispositive = paths(req, person.id, 'dispositive')
        const reached = req.holders.filter(
          (h) => powerOver(voting.get(h.id) ?? []) !== 'none' || powerOver(dispositive.get(h.id) ?? []) !== 'none',
        )
        // The aggregate is the sum of the distinct holders reached (each holder's own row).
        const sum = reached.reduce((s, h) => s + rows.get(h.id)!.aggregate, 0)
        if (row.aggregate !== sum)
          throw new Error(`${person.id}: aggregate ${row.aggregate}, holders reached add up to ${sum}`)
        // Powers, by enumerating paths.
        const by = (kind: Map<string, Power[][]>, p: Power) =>
          req.holders
            .filter((h) => powerOver(kind.get(h.id) ?? []) === p)
            .reduce((s, h) => s + rows.get(h.id)!.aggregate, 0)
        const expected = [by(voting, 'sole'), by(voting, 'shared'), by(dispositive, 'sole'), by(dispositive, 'shared')]
        const actual = [
          row.soleVotingPower,
          row.sharedVotingPower,
          row.soleDispositivePower,
          row.sharedDispositivePower,
        ]
        if (expected.join() !== actual.join())
          throw new Error(`${person.id}: powers ${actual.join()} != ${expected.join()}`)
      }
      for (const row of result.persons) {
        if (row.soleVotingPower + row.sharedVotingPower > row.aggregate)
          throw new Error(`${row.id}: voting power above the aggregate`)
        if (row.soleDispositivePower + row.sharedDispositivePower > row.aggregate)
          throw new Error(`${row.id}: dispositive power above the aggregate`)
        if (row.aggregate !== row.common + row.issuableOnConversion + row.issuableOnExercise)
          throw new Error(`${row.id}: parts`)
        if (new Decimal(row.percent).gt(row.percentOfOutstanding))
          throw new Error(`${row.id}: percent ${row.percent} > ${row.percentOfOutstanding}`)
        // The percent, recomputed with decimal.js (a different route from the service's integers).
        const acquirable = row.issuableOnConversion + row.issuableOnExercise
        const percent = new Decimal(row.aggregate)
          .times(100)
          .div(req.sharesOutstanding + acquirable)
          .toDecimalPlaces(2, Decimal.ROUND_HALF_UP)
          .toFixed(2)
        if (percent !== row.percent) throw new Error(`${row.id}: percent ${row.percent}, recomputed ${percent}`)
        if (row.moreThanFivePercent !== new Decimal(row.aggregate).div(req.sharesOutstanding + acquirable).gt('0.05'))
          throw new Error(`${row.id}: moreThanFivePercent`)
      }
    }),
    { numRuns: 500, seed: 20_080_930 },
  )
  t.pass('500 portfolios')
})

t.test('each holder counts only what it may acquire within 60 days, capped by its blocker', async (t) => {
  fc.assert(
    fc.property(portfolio, (req) => {
      const result = computeBeneficialOwnership(req)
      req.holders.forEach((h, i) => {
        const row = result.persons[i]!
        const last = addDays(ASOF, 60)
        const conversion = (h.convertibles ?? [])
          .filter((c) => c.exercisableFrom! <= last)
          .reduce((s, c) => s + c.sharesIssuable!, 0)
        const exercise = (h.warrants ?? [])
          .filter((w) => w.exercisableFrom! <= last && w.expiresOn! >= ASOF)
          .reduce((s, w) => s + w.shares, 0)
        let counted = conversion + exercise
        if (h.ownershipLimit !== undefined) {
          // The largest X with (common + X) / (outstanding + X) <= L, by the exact inequality.
          const L = new Decimal(h.ownershipLimit)
          const fits = (x: number) => new Decimal(h.commonShares + x).lte(L.times(req.sharesOutstanding + x))
          if (!fits(counted)) {
            let lo = 0
            let hi = counted
            if (!fits(0)) hi = 0
            while (lo < hi) {
              const mid = Math.ceil((lo + hi) / 2)
              if (fits(mid)) lo = mid
              else hi = mid - 1
            }
            counted = lo
          }
        }
        if (row.issuableOnConversion + row.issuableOnExercise !== counted)
          throw new Error(`${h.id}: counted ${row.issuableOnConversion + row.issuableOnExercise}, expected ${counted}`)
      })
    }),
    { numRuns: 500, seed: 20_080_931 },
  )
  t.pass('500 portfolios')
})
