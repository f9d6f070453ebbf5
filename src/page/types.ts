/**
 * The answers and requests the page reads and sends, typed from the contract:
 * src/contract/types.generated.ts is what openapi-typescript generates from openapi.yaml, so a
 * field the contract renames breaks the page's type check instead of its display. Nothing here
 * declares a field: every type is a schema of the contract or a part of one.
 */
import type { components } from '../contract/types.generated.js'

type Schemas = components['schemas']

export type ScenarioRequest = Schemas['ScenarioRequest']
export type ScenarioResult = Schemas['ScenarioResult']
export type TimelineEntry = Schemas['TimelineEntry']
export type Redemption = Schemas['RedemptionResult']
export type UnpaidInterest = Schemas['UnpaidInterest']
export type EventOfDefaultRoute = Schemas['EventOfDefaultRoute']
export type PayoffQuote = Schemas['PayoffQuote']
export type HolderResult = Schemas['ScenarioHolderResult']
/** A holder's own part of a statement: who it is, its principal and its redemption. */
export type HolderPart = Pick<HolderResult, 'id' | 'name' | 'principal' | 'redemption'>
export type CompareRequest = Schemas['ScenarioCompareRequest']
export type CompareResult = Schemas['ScenarioCompareResult']
export type OwnershipRequest = Schemas['BeneficialOwnershipRequest']
export type OwnershipResult = Schemas['BeneficialOwnershipResult']
export type ReportingPerson = OwnershipResult['persons'][number]
export type OwnershipTimelineRequest = Schemas['BeneficialOwnershipTimelineRequest']
/** POST /v1/beneficial-ownership/timeline's answer. */
export type OwnershipTimeline = Schemas['BeneficialOwnershipTimelineResult']
export type OwnershipTimelinePerson = OwnershipTimeline['persons'][number]
export type OwnershipEvent = Schemas['OwnershipEvent']
export type FilingObligation = Schemas['FilingObligation']
export type Problem = Schemas['Problem']

/**
 * What the page POSTs to each path of the service and what that path answers. A request is built
 * from what a person typed: the contract's shape as far as the page can tell, the service judges
 * the rest (and answers a problem naming each field at fault).
 */
export interface Routes {
  '/v1/scenarios': { request: ScenarioRequest; answer: ScenarioResult }
  '/v1/scenarios/compare': { request: CompareRequest; answer: CompareResult }
  '/v1/beneficial-ownership': { request: OwnershipRequest; answer: OwnershipResult }
  '/v1/beneficial-ownership/timeline': { request: OwnershipTimelineRequest; answer: OwnershipTimeline }
}
