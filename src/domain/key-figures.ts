/**
 * The key figures of a scenario: the dates and amounts at the fixed pointers of
 * POST /v1/scenarios (openapi.yaml, KeyFigures), read from a scenario result, and what differs between two.
 *
 * The lists below are the one place that says which figures are key: the series' figures, and
 * with holders each holder's redemption figures at `/holders/{i}/redemption/...` (fixed names
 * of POST /v1/scenarios with holders). A status (`/covenant/status`) is neither a date nor an
 * amount, so it is no key figure. A figure added here is extracted, compared and (once
 * schemas/KeyFigures.json names it) answered everywhere.
 */
import { daysBetween } from './time/dates.js'
import { Decimal, formatMoney } from './decimal.js'

export type KeyFigureKind = 'date' | 'money'

export interface KeyFigure {
  /** as in the POST /v1/scenarios response */
  pointer: string
  kind: KeyFigureKind
}

const figure = (pointer: string, kind: KeyFigureKind): KeyFigure => ({ pointer, kind })

/** The redemption figures, relative to a redemption (`/redemption` or `/holders/{i}/redemption`). */
const REDEMPTION_FIGURES: readonly KeyFigure[] = [
  figure('/electionEffectiveDate', 'date'),
  figure('/paymentDueDate', 'date'),
  figure('/redemptionDate', 'date'),
  figure('/outstandingPrincipal', 'money'),
  figure('/capitalizedInterest', 'money'),
  figure('/redeemedPrincipal', 'money'),
  figure('/accruedInterest/base', 'money'),
  figure('/accruedInterest/default', 'money'),
  figure('/accruedInterest/total', 'money'),
  figure('/premiumAmount', 'money'),
  figure('/redemptionPrice', 'money'),
  figure('/lateCharge', 'money'),
  figure('/totalDue', 'money'),
  figure('/perDiem', 'money'),
  figure('/defaultInterestIncrement', 'money'),
]

const under = (prefix: string, figures: readonly KeyFigure[]): KeyFigure[] =>
  figures.map((f) => figure(`${prefix}${f.pointer}`, f.kind))

/** The series' key figures, present in every scenario (null where it has none). */
const KEY_FIGURES: readonly KeyFigure[] = [
  figure('/covenant/deadline', 'date'),
  figure('/notice/effectiveDate', 'date'),
  figure('/notice/cureDeadline', 'date'),
  figure('/eventOfDefault/date', 'date'),
  ...under('/redemption', REDEMPTION_FIGURES),
]

/** The key figures of holder i: its redemption figures. */
const holderFigures = (i: number): KeyFigure[] => under(`/holders/${i}/redemption`, REDEMPTION_FIGURES)

/** How many entries a scenario result's list names (0 without it). */
function countOf(result: unknown, member: 'holders' | 'eventsOfDefault'): number {
  const list = result !== null && typeof result === 'object' ? (result as Record<string, unknown>)[member] : undefined
  return Array.isArray(list) ? list.length : 0
}

/**
 * With coupons recorded (events.interestPayments): the unpaid interest, the redemption's part of it,
 * and each route's date to default (`/eventsOfDefault/{i}/date`, the covenant route first).
 */
const paymentFigures = (routes: number): KeyFigure[] => [
  figure('/interest/totals/unpaid', 'money'),
  figure('/redemption/unpaidInterest', 'money'),
  ...Array.from({ length: routes }, (_, i) => figure(`/eventsOfDefault/${i}/date`, 'date')),
]

/** The shape of a scenario's figures: its holders, and its routes to default when coupons were recorded. */
interface Shape {
  holders: number
  /** null without coupons recorded */
  routes: number | null
}

/** The key figures of a scenario: the series' figures, the payment figures, then each holder's in request order. */
function figuresWith({ holders, routes }: Shape): KeyFigure[] {
  return [
    ...KEY_FIGURES,
    ...(routes === null ? [] : paymentFigures(routes)),
    ...Array.from({ length: holders }, (_, i) => holderFigures(i)).flat(),
  ]
}

/** A key figure's value: a date or money string, or null where the scenario has none. */
export type FigureValue = string | null

/**
 * Key figures by pointer, in figuresWith order, with the holders' ids (`/holders/0/id`: null for a series without
 * holders).
 */
export interface FigureValues {
  values: ReadonlyMap<string, FigureValue>
  holderIds: readonly string[] | null
  /** each route to default (`covenant`, `payment`), null without coupons recorded */
  routes: readonly string[] | null
}

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

export function keyFigureValues(result: unknown): FigureValues {
  const count = countOf(result, 'holders')
  const recorded = result !== null && typeof result === 'object' && 'eventsOfDefault' in result
  const routes = recorded ? countOf(result, 'eventsOfDefault') : null
  return {
    values: new Map(figuresWith({ holders: count, routes }).map((f) => [f.pointer, valueAt(result, f.pointer)])),
    holderIds: count === 0 ? null : Array.from({ length: count }, (_, i) => valueAt(result, `/holders/${i}/id`) ?? ''),
    routes:
      routes === null
        ? null
        : Array.from({ length: routes }, (_, i) => valueAt(result, `/eventsOfDefault/${i}/route`) ?? ''),
  }
}

/**
 * The figures as one object with the scenario's own shape: `/covenant/deadline` is
 * `{ covenant: { deadline } }`, `/holders/0/redemption/totalDue` is `{ holders: [{ id, redemption: { totalDue } }] }`.
 */
export function keyFiguresView({ values, holderIds, routes }: FigureValues): Record<string, unknown> {
  const view: Record<string, unknown> = {}
  if (holderIds !== null) view['holders'] = holderIds.map((id) => ({ id }))
  if (routes !== null) view['eventsOfDefault'] = routes.map((route) => ({ route }))
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
  /**
   * variant − base: signed calendar days for dates, a signed money string for amounts; null where either side is null
   */
  difference: number | string | null
}

function difference(kind: KeyFigureKind, base: string, variant: string): number | string {
  return kind === 'date' ? daysBetween(base, variant) : formatMoney(new Decimal(variant).minus(base))
}

/**
 * Every key figure whose value differs between the two, in figuresWith order (the holders of
 * the side with more); nothing that is the same. A holder one side does not have has null figures there.
 */
export function changedFigures(base: FigureValues, variant: FigureValues): FigureChange[] {
  const holders = Math.max(base.holderIds?.length ?? 0, variant.holderIds?.length ?? 0)
  const routes =
    base.routes === null && variant.routes === null
      ? null
      : Math.max(base.routes?.length ?? 0, variant.routes?.length ?? 0)
  const changes: FigureChange[] = []
  for (const { pointer, kind } of figuresWith({ holders, routes })) {
    const b = base.values.get(pointer) ?? null
    const v = variant.values.get(pointer) ?? null
    if (b === v) continue
    changes.push({ pointer, base: b, variant: v, difference: b === null || v === null ? null : difference(kind, b, v) })
  }
  return changes
}
