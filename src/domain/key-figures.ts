/**
 * The key figures of a scenario: the dates and amounts at the fixed pointers of
 * POST /v1/scenarios (API.md), read from a scenario result, and what differs between two.
 *
 * The list below is the one place that says which figures are key; a figure added to it is
 * extracted, compared and (once schemas/KeyFigures.json names it) answered everywhere.
 */
import { daysBetween } from './dates.js'
import { Decimal, formatMoney } from './decimal.js'

export type KeyFigureKind = 'date' | 'money' | 'status'

export interface KeyFigure {
  /** as in the POST /v1/scenarios response */
  pointer: string
  kind: KeyFigureKind
}

const figure = (pointer: string, kind: KeyFigureKind): KeyFigure => ({ pointer, kind })

export const KEY_FIGURES: readonly KeyFigure[] = [
  figure('/covenant/deadline', 'date'),
  figure('/covenant/status', 'status'),
  figure('/notice/effectiveDate', 'date'),
  figure('/notice/cureDeadline', 'date'),
  figure('/eventOfDefault/date', 'date'),
  figure('/redemption/electionEffectiveDate', 'date'),
  figure('/redemption/paymentDueDate', 'date'),
  figure('/redemption/redemptionDate', 'date'),
  figure('/redemption/outstandingPrincipal', 'money'),
  figure('/redemption/capitalizedInterest', 'money'),
  figure('/redemption/redeemedPrincipal', 'money'),
  figure('/redemption/accruedInterest/base', 'money'),
  figure('/redemption/accruedInterest/default', 'money'),
  figure('/redemption/accruedInterest/total', 'money'),
  figure('/redemption/premiumAmount', 'money'),
  figure('/redemption/redemptionPrice', 'money'),
  figure('/redemption/lateCharge', 'money'),
  figure('/redemption/totalDue', 'money'),
  figure('/redemption/perDiem', 'money'),
  figure('/redemption/defaultInterestIncrement', 'money'),
]

/** A key figure's value: a date, money or status string, or null where the scenario has none. */
export type FigureValue = string | null

/** Key figures by pointer, in KEY_FIGURES order. */
export type FigureValues = ReadonlyMap<string, FigureValue>

const tokens = (pointer: string): string[] => pointer.slice(1).split('/')

/** The value at a pointer of a scenario result (as the contract carries it); null when a part is null or absent. */
function valueAt(result: unknown, pointer: string): FigureValue {
  let node: unknown = result
  for (const token of tokens(pointer)) {
    if (node === null || typeof node !== 'object' || !Object.prototype.hasOwnProperty.call(node, token)) return null
    node = (node as Record<string, unknown>)[token]
  }
  return typeof node === 'string' ? node : null
}

export function keyFigureValues(result: unknown, figures: readonly KeyFigure[] = KEY_FIGURES): FigureValues {
  return new Map(figures.map((f) => [f.pointer, valueAt(result, f.pointer)]))
}

/** The figures as one object with the scenario's own shape: `/covenant/deadline` is `{ covenant: { deadline } }`. */
export function keyFiguresView(values: FigureValues): Record<string, unknown> {
  const view: Record<string, unknown> = {}
  for (const [pointer, value] of values) {
    const path = tokens(pointer)
    let node = view
    for (const token of path.slice(0, -1)) node = (node[token] ??= {}) as Record<string, unknown>
    node[path[path.length - 1]!] = value
  }
  return view
}

export interface FigureChange {
  pointer: string
  base: FigureValue
  variant: FigureValue
  /** variant − base: signed calendar days for dates, a signed money string for amounts; null for a status or where either side is null */
  difference: number | string | null
}

function difference(kind: KeyFigureKind, base: string, variant: string): number | string | null {
  switch (kind) {
    case 'date':
      return daysBetween(base, variant)
    case 'money':
      return formatMoney(new Decimal(variant).minus(base))
    case 'status':
      return null
  }
}

/** Every key figure whose value differs between the two, in KEY_FIGURES order; nothing that is the same. */
export function changedFigures(base: FigureValues, variant: FigureValues, figures: readonly KeyFigure[] = KEY_FIGURES): FigureChange[] {
  const changes: FigureChange[] = []
  for (const { pointer, kind } of figures) {
    const b = base.get(pointer) ?? null
    const v = variant.get(pointer) ?? null
    if (b === v) continue
    changes.push({ pointer, base: b, variant: v, difference: b === null || v === null ? null : difference(kind, b, v) })
  }
  return changes
}
