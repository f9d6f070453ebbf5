/**
 * SPA Section 4(i): the covenant to be performed within n days after the Closing.
 */
import type { BusinessCalendar, BusinessDayConvention } from './calendars/index.js'
import { addDays, daysBetween, type IsoDate } from './dates.js'

export type PeriodUnit = 'business-days' | 'calendar-days'

export interface CovenantTerms {
  /** the SPA section cited, "4(i)" in the case */
  section: string
  closingDate: IsoDate
  period: { count: number; unit: PeriodUnit }
  /** how a calendar-day deadline that is not a business day moves */
  adjustment: BusinessDayConvention
}

export type CovenantStatus = 'pending' | 'performed-on-time' | 'performed-late' | 'breached'

export interface CovenantResult {
  clause: string
  closingDate: IsoDate
  period: { count: number; unit: PeriodUnit }
  /** calendar-day deadlines before adjustment; equal to `deadline` for business days */
  unadjustedDeadline: IsoDate
  deadline: IsoDate
  performedOn: IsoDate | null
  status: CovenantStatus
  /** the first day in breach (the day after the deadline), when the deadline was missed */
  breachStart: IsoDate | null
  calendarDaysLate: number
  businessDaysLate: number
}

/** The deadline: closing + n business days, or closing + n calendar days then adjusted. */
export function covenantDeadline(
  terms: CovenantTerms,
  calendar: BusinessCalendar,
): { unadjusted: IsoDate; deadline: IsoDate } {
  const { count, unit } = terms.period
  if (unit === 'business-days') {
    const deadline = calendar.addBusinessDays(terms.closingDate, count)
    return { unadjusted: deadline, deadline }
  }
  const unadjusted = addDays(terms.closingDate, count)
  return { unadjusted, deadline: calendar.adjust(unadjusted, terms.adjustment) }
}

/**
 * Status as of `asOf`. A covenant performed after `asOf` is judged on what was known at
 * `asOf`: breached if the deadline had passed by then, pending otherwise.
 */
export function covenantStatus(
  terms: CovenantTerms,
  calendar: BusinessCalendar,
  performedOn: IsoDate | null,
  asOf: IsoDate,
): CovenantResult {
  const { unadjusted, deadline } = covenantDeadline(terms, calendar)
  const performedByAsOf = performedOn !== null && performedOn <= asOf ? performedOn : null

  let status: CovenantStatus
  let lateUntil: IsoDate | null = null
  if (performedByAsOf !== null) {
    status = performedByAsOf <= deadline ? 'performed-on-time' : 'performed-late'
    if (status === 'performed-late') lateUntil = performedByAsOf
  } else if (asOf > deadline) {
    status = 'breached'
    lateUntil = asOf
  } else {
    status = 'pending'
  }

  return {
    clause: `SPA ${terms.section}`,
    closingDate: terms.closingDate,
    period: terms.period,
    unadjustedDeadline: unadjusted,
    deadline,
    performedOn,
    status,
    breachStart: lateUntil === null ? null : addDays(deadline, 1),
    calendarDaysLate: lateUntil === null ? 0 : daysBetween(deadline, lateUntil),
    businessDaysLate: lateUntil === null ? 0 : calendar.businessDaysBetween(deadline, lateUntil),
  }
}
