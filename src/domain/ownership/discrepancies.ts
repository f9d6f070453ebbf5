/**
 * A filing's reported figures checked against the computed ones: each difference with an
 * explanation a person can act on (what the figure is made of, and which reading the filer
 * probably used).
 */
import type { Power } from './control-graph.js'
import type { CountedHolding, CoverPage } from './cover-page.js'

export type PowerField = 'soleVotingPower' | 'sharedVotingPower' | 'soleDispositivePower' | 'sharedDispositivePower'

export type ReportedField =
  PowerField | 'aggregate' | 'common' | 'issuableOnConversion' | 'issuableOnExercise' | 'percent'

export interface ReportedFigures {
  soleVotingPower?: number
  sharedVotingPower?: number
  soleDispositivePower?: number
  sharedDispositivePower?: number
  aggregate?: number
  common?: number
  issuableOnConversion?: number
  issuableOnExercise?: number
  percent?: string
}

export interface Discrepancy {
  field: ReportedField
  reported: number | string
  computed: number | string
  explanation: string
}

const n = (x: number): string => x.toLocaleString('en-US')

const PART_WORDS: Record<'common' | 'issuableOnConversion' | 'issuableOnExercise', string> = {
  common: 'shares of common stock held',
  issuableOnConversion: 'conversion shares',
  issuableOnExercise: 'warrant shares',
}

/** The parts a person's figure adds up, as "433,266 + 567,372 + 546,740". */
function parts(holders: readonly { id: string; holding: CountedHolding }[], field: keyof CountedHolding): string {
  return holders.map((h) => n(h.holding[field])).join(' + ')
}

const theHolders = (k: number): string =>
  k === 1 ? "the holder's" : k === 2 ? "the two holders'" : k === 3 ? "the three holders'" : `the ${k} holders'`

/** Rows 7-10, in the cover page's words. */
const POWER_ROWS: Record<PowerField, { row: number; words: string; power: 'voting' | 'dispositive'; kind: Power }> = {
  soleVotingPower: { row: 7, words: 'sole voting power', power: 'voting', kind: 'sole' },
  sharedVotingPower: { row: 8, words: 'shared voting power', power: 'voting', kind: 'shared' },
  soleDispositivePower: { row: 9, words: 'sole dispositive power', power: 'dispositive', kind: 'sole' },
  sharedDispositivePower: { row: 10, words: 'shared dispositive power', power: 'dispositive', kind: 'shared' },
}

export function discrepancies(
  reported: ReportedFigures,
  page: CoverPage,
  holders: readonly { id: string; holding: CountedHolding; voting?: Power; dispositive?: Power }[],
  sharesOutstanding: number,
): Discrepancy[] {
  const out: Discrepancy[] = []
  for (const field of Object.keys(POWER_ROWS) as PowerField[]) {
    const r = reported[field]
    if (r === undefined || r === page[field]) continue
    const { row, words, power, kind } = POWER_ROWS[field]
    const through = holders.filter((h) => (h[power] ?? 'sole') === kind)
    const made =
      through.length === 0
        ? `no holder is reached with ${words}`
        : `the holders reached with ${words} (${through.map((h) => h.id).join(', ')}) hold ${n(page[field])} shares`
    out.push({
      field,
      reported: r,
      computed: page[field],
      explanation:
        `${n(r)} reported in row ${row}; ${made}. A power is sole when every control path carrying it is sole, ` +
        'shared when any is shared (Rule 13d-3(a)).',
    })
  }
  for (const field of ['common', 'issuableOnConversion', 'issuableOnExercise'] as const) {
    const r = reported[field]
    if (r === undefined || r === page[field]) continue
    const sum = holders.length > 1 ? ` (${parts(holders, field)})` : ''
    out.push({
      field,
      reported: r,
      computed: page[field],
      explanation:
        `${n(r)} reported; ${theHolders(holders.length)} ${PART_WORDS[field]} add up to ${n(page[field])}${sum}. ` +
        "Each holder's instruments convert or are exercised separately, so the person's figure is the sum of " +
        "the holders' figures.",
    })
  }
  const r = reported.aggregate
  if (r !== undefined && r !== page.aggregate) {
    const partsDiffer = (['common', 'issuableOnConversion', 'issuableOnExercise'] as const).filter(
      (f) => reported[f] !== undefined && reported[f] !== page[f],
    )
    const because =
      partsDiffer.length > 0 ? ` The difference follows from the ${partsDiffer.join(' and ')} figure above.` : ''
    out.push({
      field: 'aggregate',
      reported: r,
      computed: page.aggregate,
      explanation:
        `${n(r)} reported; the aggregate is ${n(page.aggregate)} = ${n(page.common)} common + ` +
        `${n(page.issuableOnConversion)} issuable on conversion + ${n(page.issuableOnExercise)} issuable on ` +
        `exercise.${because}`,
    })
  }
  const p = reported.percent
  if (p !== undefined && Number(p) !== Number(page.percent)) {
    const acquirable = page.issuableOnConversion + page.issuableOnExercise
    const reading =
      Number(p) === Number(page.percentOfOutstanding)
        ? ` ${p} is the aggregate over the ${n(sharesOutstanding)} outstanding shares alone: ` +
          'Rule 13d-3(d)(1)(i) deems the shares this person may acquire within 60 days outstanding for its own ' +
          'percentage.'
        : ` Over the outstanding shares alone it would be ${page.percentOfOutstanding}; neither reading gives ` +
          `${p}: check the aggregate and the shares outstanding used.`
    out.push({
      field: 'percent',
      reported: p,
      computed: page.percent,
      explanation:
        `${p} reported; Rule 13d-3(d)(1)(i) gives ${page.percent} = ${n(page.aggregate)} / ` +
        `(${n(sharesOutstanding)} outstanding + ${n(acquirable)} this person may acquire within 60 days).${reading}`,
    })
  }
  return out
}
