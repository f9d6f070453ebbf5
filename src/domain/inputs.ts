/**
 * The request shapes as JSON (after schema validation): amounts and rates are decimal strings,
 * dates ISO strings. Aliases of the types generated from schemas/*.json (`npm run types`), so
 * that a field added to a schema reaches the domain by regenerating, never by a second hand.
 */
import type { Schemas } from '../contract/types.js'

export type PrincipalPaymentInput = Schemas['PrincipalPayment']
export type NoteInput = Schemas['Note']
export type NoticeRulesInput = Schemas['NoticeRules']
export type SpaInput = Schemas['Spa']
export type NoticeInput = Schemas['NoticeOfDefault']
export type ElectionInput = Schemas['RedemptionElection']
export type EventsInput = Schemas['Events']
/** `extraHolidays`, `rounding` and `principalPayments` may sit on the note or at the top. */
export type ScenarioRequest = Schemas['ScenarioRequest']
export type HolderInput = Schemas['ScenarioHolder']
export type PaymentDefaultInput = Schemas['PaymentDefaultTerms']
/** A cash coupon not paid as due: unpaid (paidOn null), paid late, or paid in part (amount). */
export type InterestPaymentInput = Schemas['InterestPayment']
export type PayoffQuotesInput = Schemas['PayoffQuotesRequest']
