/** The parts of the POST /v1/scenarios answer the page shows (schemas/ScenarioResult.json). */
import type { LedgerRow } from './model.js'

export interface TimelineEntry {
  date: string
  event: string
  clause: string
  description: string
}

export interface ScenarioResult {
  noteId: string | null
  asOf: string
  clauses: string[]
  covenant: {
    clause: string
    deadline: string
    performedOn: string | null
    status: 'pending' | 'performed-on-time' | 'performed-late' | 'breached'
    breachStart: string | null
    calendarDaysLate: number
    businessDaysLate: number
  } | null
  notice: {
    clause: string
    sentDate: string
    sentTime: string | null
    effectiveDate: string
    cureBusinessDays: number
    cureDeadline: string
    curedOn: string | null
    status: 'notice-not-yet-effective' | 'cure-period-running' | 'cured-in-time' | 'cure-period-expired'
    businessDaysRemaining: number
  } | null
  eventOfDefault: {
    clause: string
    date: string | null
    status: 'none' | 'pending' | 'occurred' | 'cured'
    curedOn: string | null
    defaultRatesFrom: string | null
    defaultRatesUntil: string | null
  }
  interest: {
    clause: string
    from: string
    through: string
    dayCount: string
    principal: string
    outstandingPrincipal: string
    totals: {
      interest: string
      normal: string
      default: string
      capitalized: string
      cashPaid: string
      accrued: string
    }
  }
  interestLedger: LedgerRow[]
  redemptionElection: {
    clause: string
    date: string
    portion: string
    status: 'effective' | 'deferred' | 'void'
    effectiveDate: string | null
    voidReason: 'no-notice-of-default' | 'cured-in-time' | 'cured-late' | null
  } | null
  redemption: {
    clause: string
    electionDate: string
    electionEffectiveDate: string
    portion: string
    paymentDueDate: string
    paymentDate: string | null
    redemptionDate: string
    outstandingPrincipal: string
    capitalizedInterest: string
    redeemedPrincipal: string
    accruedInterest: { from: string; base: string; default: string; total: string }
    premium: string
    premiumAmount: string
    asConvertedValue: string | null
    priceBasis: 'premium' | 'as-converted'
    redemptionPrice: string
    lateChargeRate: string | null
    lateChargeDays: number
    lateCharge: string
    totalDue: string
    perDiem: string
    defaultInterestIncrement: string
  } | null
  timeline: TimelineEntry[]
  warnings: Array<{ code: string; message: string }>
  assumptions: Array<{ code: string; description: string }>
}

/** An RFC 9457 problem as the service writes it. */
export interface Problem {
  type: string
  title: string
  status: number
  detail: string
  errors: Array<{ pointer: string; detail: string; in?: string }>
}
