/**
 * SPA Section 4(i): the covenant to be performed within n days after the Closing. Its rule,
 * defaults, wording (assumptions, timeline), view and reading (docs/rules/).
 */
import type { BusinessCalendar, BusinessDayConvention } from '../time/calendars/index.js'
import { addDays, daysBetween, type IsoDate } from '../time/dates.js'
import type { Explanation } from '../explain.js'
import type { SpaInput } from '../inputs.js'
import type { Reading } from './reading.js'
import { given, setMember } from './wording.js'
import type { Timeline } from './timeline.js'

/** The case's covenant: five Business Days after the Closing (2007-01-03 to 2007-01-10). */
export const COVENANT_DEFAULTS = {
  covenantSection: '4(i)',
  covenantPeriod: { count: 5, unit: 'business-days' as PeriodUnit },
  covenantAdjustment: 'following' as BusinessDayConvention,
} as const

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

export function readCovenant(spa: SpaInput, explanation: Explanation): CovenantTerms {
  const c = spa.covenant ?? {}
  const period = {
    count: c.period?.count ?? COVENANT_DEFAULTS.covenantPeriod.count,
    unit: c.period?.unit ?? COVENANT_DEFAULTS.covenantPeriod.unit,
  }
  const adjustment = c.adjustment ?? COVENANT_DEFAULTS.covenantAdjustment
  explanation.assume(
    'covenant-period',
    `The SPA ${c.section ?? COVENANT_DEFAULTS.covenantSection} deadline is ${period.count} ${period.unit} after ` +
      `the Closing (${given(c.period !== undefined)})` +
      (period.unit === 'calendar-days'
        ? `, adjusted ${adjustment} (${given(c.adjustment !== undefined)}).`
        : '; the closing day itself is not counted.'),
  )
  return { section: c.section ?? COVENANT_DEFAULTS.covenantSection, closingDate: spa.closingDate, period, adjustment }
}

/** Explains how a breach is dated and counted (when the covenant was breached or performed late). */
export function assumeBreach(covenant: CovenantResult, explanation: Explanation): void {
  if (covenant.status === 'breached' || covenant.status === 'performed-late') {
    explanation.assume(
      'breach-start',
      'A breach runs from the day after the deadline; days late are counted to the performance date, or to asOf ' +
        'while unperformed.',
    )
  }
}

export function covenantView(c: CovenantResult) {
  return { ...c }
}

export function covenantTimeline(t: Timeline, covenant: CovenantResult): void {
  t.add(
    covenant.deadline,
    'covenant-deadline',
    covenant.clause,
    `Last day to perform the covenant: ${covenant.period.count} ${covenant.period.unit} after the Closing.`,
  )
  if (covenant.performedOn !== null)
    t.add(
      covenant.performedOn,
      'covenant-performed',
      covenant.clause,
      `Covenant performed (${covenant.performedOn <= covenant.deadline ? 'on time' : 'late'}).`,
    )
  if (covenant.breachStart !== null)
    t.add(
      covenant.breachStart,
      'covenant-breach',
      covenant.clause,
      'Covenant in breach from this day: the deadline passed unperformed.',
    )
}

/** The covenant period read in the other unit (business or calendar days); needs the SPA it reads. */
export function covenantReading(spa: SpaInput | null): Reading | null {
  if (spa === null) return null
  const covenant = spa.covenant
  const period = covenant?.period
  const unit: PeriodUnit = period?.unit ?? COVENANT_DEFAULTS.covenantPeriod.unit
  const other: PeriodUnit = unit === 'business-days' ? 'calendar-days' : 'business-days'
  const count = period?.count ?? COVENANT_DEFAULTS.covenantPeriod.count
  const section = covenant?.section ?? COVENANT_DEFAULTS.covenantSection
  const patch =
    covenant === undefined
      ? [setMember('/spa/covenant', false, { period: { count, unit: other } })]
      : period === undefined
        ? [setMember('/spa/covenant/period', false, { count, unit: other })]
        : [setMember('/spa/covenant/period/unit', period.unit !== undefined, other)]
  const adjusted =
    other === 'calendar-days'
      ? ` (adjusted ${covenant?.adjustment ?? COVENANT_DEFAULTS.covenantAdjustment} when not a Business Day)`
      : ''
  return {
    id: `covenant-period-${other}`,
    description:
      `SPA ${section}: the ${count}-day period after the Closing read as ${count} ` +
      `${other.replace('-', ' ')}${adjusted} instead of ${count} ${unit.replace('-', ' ')}.`,
    patch,
  }
}
