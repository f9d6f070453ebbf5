/**
 * Who beneficially owns what (Rule 13d-3(a)): a holder owns its own holdings; a person who
 * controls holders (a general partner, an investment manager, the individuals behind them) owns
 * what they hold. Control is a graph, person -> holder or person, each edge with its voting and
 * dispositive power. A holding reached by several paths counts once; its power is sole for a
 * person when every path carrying that power is sole, shared when any is shared, none when no
 * path carries it. A path carries a power when each of its edges does (an edge with `none`
 * cuts it), and is sole when each edge is sole.
 */
import { Contradictions } from '../explain.js'

export type Power = 'sole' | 'shared' | 'none'

export interface ControlEdge {
  id: string
  voting: Power
  dispositive: Power
}

export interface ControlNode {
  id: string
  controls: readonly ControlEdge[]
}

/** Per holder reached: whether some path carries the power solely, and whether some path shares it. */
interface Reach {
  votingSole: boolean
  votingShared: boolean
  dispositiveSole: boolean
  dispositiveShared: boolean
}

export interface HolderPower {
  holder: string
  voting: Power
  dispositive: Power
}

const powerOf = (sole: boolean, shared: boolean): Power => (shared ? 'shared' : sole ? 'sole' : 'none')

/** A power carried along an edge, then along the rest of the path. */
function along(edge: Power, sole: boolean, shared: boolean): { sole: boolean; shared: boolean } {
  if (edge === 'none') return { sole: false, shared: false }
  if (edge === 'sole') return { sole, shared }
  return { sole: false, shared: sole || shared }
}

/**
 * Checks the graph: ids unique across holders and persons, every controlled id known, no id
 * controlled twice by one person, no cycle. Pointers are `/holders/{i}/id`, `/persons/{i}/id`,
 * `/persons/{i}/controls/{j}/id`.
 */
export function checkControlGraph(
  holderIds: readonly string[],
  persons: readonly ControlNode[],
  problems: Contradictions,
): void {
  const seen = new Map<string, string>()
  holderIds.forEach((id, i) => {
    const first = seen.get(id)
    if (first !== undefined) problems.add(`/holders/${i}/id`, `duplicates the id "${id}" of ${first}`)
    else seen.set(id, `/holders/${i}`)
  })
  persons.forEach((p, i) => {
    const first = seen.get(p.id)
    if (first !== undefined) problems.add(`/persons/${i}/id`, `duplicates the id "${p.id}" of ${first}`)
    else seen.set(p.id, `/persons/${i}`)
  })
  const personIndex = new Map<string, number>()
  persons.forEach((p, i) => {
    if (!personIndex.has(p.id)) personIndex.set(p.id, i)
  })
  persons.forEach((p, i) => {
    const mine = new Set<string>()
    p.controls.forEach((edge, j) => {
      const at = `/persons/${i}/controls/${j}/id`
      if (!seen.has(edge.id)) problems.add(at, `no holder or person has the id "${edge.id}"`)
      else if (mine.has(edge.id)) problems.add(at, `"${edge.id}" is listed twice among this person's controls`)
      mine.add(edge.id)
    })
  })
  // Cycles: depth-first over persons; an edge back to a person on the stack closes a cycle.
  const state = new Map<string, 'open' | 'done'>()
  const stack: string[] = []
  const visit = (id: string): void => {
    state.set(id, 'open')
    stack.push(id)
    const i = personIndex.get(id)!
    persons[i]!.controls.forEach((edge, j) => {
      if (!personIndex.has(edge.id)) return
      const s = state.get(edge.id)
      if (s === 'open') {
        const cycle = [...stack.slice(stack.indexOf(edge.id)), edge.id].join(' -> ')
        problems.add(`/persons/${i}/controls/${j}/id`, `closes a control cycle (${cycle}): control must run one way`)
      } else if (s === undefined) visit(edge.id)
    })
    stack.pop()
    state.set(id, 'done')
  }
  for (const p of persons) if (state.get(p.id) === undefined && personIndex.get(p.id) !== undefined) visit(p.id)
}

/**
 * For each person, the holders it reaches and its power over each (the graph checked first).
 * Holders reached with neither power are left out: without power there is no beneficial ownership.
 */
export function reachedHolders(
  holderIds: readonly string[],
  persons: readonly ControlNode[],
): Map<string, HolderPower[]> {
  const holders = new Set(holderIds)
  const byId = new Map(persons.map((p) => [p.id, p]))
  const memo = new Map<string, Map<string, Reach>>()
  const reach = (id: string): Map<string, Reach> => {
    const known = memo.get(id)
    if (known !== undefined) return known
    const out = new Map<string, Reach>()
    const merge = (
      holder: string,
      voting: { sole: boolean; shared: boolean },
      dispositive: { sole: boolean; shared: boolean },
    ): void => {
      if (!voting.sole && !voting.shared && !dispositive.sole && !dispositive.shared) return
      const r = out.get(holder) ?? {
        votingSole: false,
        votingShared: false,
        dispositiveSole: false,
        dispositiveShared: false,
      }
      r.votingSole ||= voting.sole
      r.votingShared ||= voting.shared
      r.dispositiveSole ||= dispositive.sole
      r.dispositiveShared ||= dispositive.shared
      out.set(holder, r)
    }
    for (const edge of byId.get(id)!.controls) {
      if (holders.has(edge.id)) {
        merge(edge.id, along(edge.voting, true, false), along(edge.dispositive, true, false))
      } else if (byId.has(edge.id)) {
        for (const [holder, r] of reach(edge.id)) {
          merge(
            holder,
            along(edge.voting, r.votingSole, r.votingShared),
            along(edge.dispositive, r.dispositiveSole, r.dispositiveShared),
          )
        }
      }
    }
    memo.set(id, out)
    return out
  }
  const result = new Map<string, HolderPower[]>()
  for (const p of persons) {
    const order = holderIds.filter((h) => reach(p.id).has(h))
    result.set(
      p.id,
      order.map((holder) => {
        const r = reach(p.id).get(holder)!
        return {
          holder,
          voting: powerOf(r.votingSole, r.votingShared),
          dispositive: powerOf(r.dispositiveSole, r.dispositiveShared),
        }
      }),
    )
  }
  return result
}
