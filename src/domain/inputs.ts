/**
 * The request shapes as JSON (after schema validation): amounts and rates are decimal
 * strings, dates ISO strings. Mirrors schemas/*.json.
 */
import type { BusinessDayConvention, CalendarId } from './calendars/index.js'
import type { DayCountId } from './day-counts/index.js'
import type { RoundingMode } from './decimal.js'
import type { InterestForm } from './clauses/default-interest.js'
import type { DeliveryMethod } from './clauses/notice-and-cure.js'
import type { PeriodUnit } from './clauses/covenant.js'
import type { PrematureElectionPolicy } from './clauses/redemption.js'
import type { Frequency } from './schedule.js'

export interface PrincipalPaymentInput {
  date: string
  amount: string
}

export interface NoteInput {
  id?: string
  principal: string
  issueDate: string
  maturityDate: string
  calendar?: CalendarId
  extraHolidays?: string[]
  rounding?: RoundingMode
  principalPayments?: PrincipalPaymentInput[]
  interest?: {
    cashRate?: string
    noteRate?: string
    defaultCashRate?: string
    defaultNoteRate?: string
    dayCount?: DayCountId
    interestDates?: { frequency?: Frequency; firstDate?: string } | string[]
    paymentForm?: InterestForm
    accruedInterestForm?: InterestForm
    interestOnOverdueInterest?: boolean
  }
  cure?: { businessDays?: number }
  notice?: NoticeRulesInput
  redemption?: {
    premium?: string
    paymentBusinessDays?: number
    lateChargeRate?: string | null
    conversion?: { conversionPrice: string; highestClosingPrice: string } | null
  }
  /** Note 4(a)(i); null for no such clause */
  paymentDefault?: PaymentDefaultInput | null
}

export interface PaymentDefaultInput {
  graceBusinessDays?: number
  noticeRequired?: boolean
  occursOn?: 'day-after-grace' | 'last-day-of-grace'
}

/** A cash coupon not paid as due: unpaid (paidOn null), paid late, or paid in part (amount). */
export interface InterestPaymentInput {
  interestDate: string
  paidOn: string | null
  amount?: string
}

export interface PayoffQuotesInput {
  from?: string
  businessDays: number
}

export interface NoticeRulesInput {
  cutoffTime?: string
  overnightCourierBusinessDays?: number
  mailBusinessDays?: number
}

export interface SpaInput {
  closingDate: string
  covenant?: {
    section?: string
    period?: { count: number; unit?: PeriodUnit }
    adjustment?: BusinessDayConvention
  }
}

export interface NoticeInput {
  sentAt: string
  methods: DeliveryMethod[]
  effectiveDate?: string | null
}

export interface ElectionInput {
  date: string
  portion?: string
  policy?: PrematureElectionPolicy
}

export interface EventsInput {
  covenantPerformedOn?: string | null
  noticeOfDefault?: NoticeInput | null
  curedOn?: string | null
  redemptionElection?: ElectionInput | null
  paymentDate?: string | null
  interestPayments?: InterestPaymentInput[]
}

/** `extraHolidays`, `rounding` and `principalPayments` may sit on the note or at the top. */
export interface ScenarioRequest {
  note: NoteInput
  spa?: SpaInput | null
  events?: EventsInput | null
  asOf?: string
  extraHolidays?: string[]
  rounding?: RoundingMode
  principalPayments?: PrincipalPaymentInput[]
  /** the total due if the redemption is paid on each of the next Business Days */
  payoffQuotes?: PayoffQuotesInput
  /** the note series split by holder; the principals add up to note.principal */
  holders?: HolderInput[]
}

export interface HolderInput {
  id: string
  name?: string
  principal: string
}
