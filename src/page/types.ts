/**
 * The answers the page reads, typed from the contract: src/contract/types.generated.ts is what
 * openapi-typescript generates from openapi.yaml, so a field the contract renames breaks the
 * page's type check instead of its display.
 */
import type { components } from '../contract/types.generated.js'

type Schemas = components['schemas']

/** Members the contract adds later are read when present (the page must work without them). */
interface Later {
  unpaidInterest?: Array<{
    interestDate: string
    due: string
    paid: string
    unpaid: string
    daysOverdue: number
    lateCharge: string
  }>
  eventsOfDefault?: Array<{ route: string; date: string | null; clause: string; status: string }>
  payoffQuotes?: Array<{ date: string; totalDue: string; dailyChange: string; lateCharge: string }>
}

export type ScenarioResult = Schemas['ScenarioResult'] & Later
export type TimelineEntry = Schemas['TimelineEntry']
export type Redemption = NonNullable<Schemas['ScenarioResult']['redemption']> & { unpaidInterest?: string }
export type HolderResult = Schemas['ScenarioHolderResult'] & { weight?: string }
export type CompareResult = Schemas['ScenarioCompareResult']
export type OwnershipResult = Schemas['BeneficialOwnershipResult']
export type ReportingPerson = OwnershipResult['persons'][number]
export type Problem = Schemas['Problem']

/** POST /v1/beneficial-ownership/timeline's answer (the contract's v1.2 shape). */
export interface OwnershipTimeline {
  persons: Array<{
    id: string
    name: string
    points: Array<{
      date: string
      causes: string[]
      aggregate: number
      percent: string
      moreThanFivePercent: boolean
    }>
  }>
  events: Array<{
    date: string
    person: string
    kind: 'crossed-above-five-percent' | 'fell-to-five-percent-or-below' | 'material-change'
    causes?: string[]
  }>
  obligations: Array<{
    person: string
    kind: 'initial' | 'amendment'
    rule: string
    eventDate: string
    deadline: string | null
    status: string
    filedOn?: string
    businessDaysLate?: number
    daysAfterEvent?: number
  }>
  warnings: Array<{ code: string; message: string }>
  assumptions: Array<{ code: string; description: string }>
}
