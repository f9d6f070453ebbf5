/**
 * The request shapes as JSON (after schema validation): amounts and rates are decimal
 * strings, dates ISO strings. Mirrors schemas/*.json.
 */
import type { BusinessDayConvention, CalendarId } from './calendars/index.js'
import type { DayCountId } from './day-counts/index.js'
import type { RoundingMode } from './decimal.js'
import type { InterestForm } from './interest.js'
import type { DeliveryMethod } from './notice.js'
import type { PeriodUnit } from './covenant.js'
import type { PrematureElectionPolicy } from './redemption.js'
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
  }
  cure?: { businessDays?: number }
  notice?: NoticeRulesInput
  redemption?: {
    premium?: string
    paymentBusinessDays?: number
    lateChargeRate?: string | null
    conversion?: { conversionPrice: string; highestClosingPrice: string } | null
  }
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
  /** the note series split by holder; the principals add up to note.principal */
  holders?: HolderInput[]
}

export interface HolderInput {
  id: string
  name?: string
  /** the holder's principal at issue; or, for every holder instead, `weight` */
  principal?: string
  /** the holder's share of the series principal, allocated in cents (src/domain/holder-weights.ts) */
  weight?: string
}
