/**
 * Note Section 4(a)(iv): the failure becomes an Event of Default if it is not cured within
 * n Business Days after the notice of default.
 */
import type { BusinessCalendar } from './calendars/index.js'
import { addDays, type IsoDate } from './dates.js'
import type { Contradictions } from './explain.js'

export type CureStatus = 'notice-not-yet-effective' | 'cure-period-running' | 'cured-in-time' | 'cure-period-expired'
export type EventOfDefaultStatus = 'none' | 'pending' | 'occurred' | 'cured'

export interface CureResult {
  clause: 'Note 4(a)(iv)'
  cureBusinessDays: number
  cureDeadline: IsoDate
  curedOn: IsoDate | null
  /** null while no cure is recorded */
  curedInTime: boolean | null
  /** as of `asOf` */
  status: CureStatus
  /** business days in (asOf, cureDeadline] while the cure period runs, else 0 */
  businessDaysRemaining: number
  /** the day after the cure deadline, unless cured on or before it */
  eventOfDefaultDate: IsoDate | null
  /** as of `asOf`: pending until the date arrives, cured once a late cure is recorded */
  eventOfDefaultStatus: EventOfDefaultStatus
}

export function curePeriod(
  noticeEffectiveDate: IsoDate,
  cureBusinessDays: number,
  calendar: BusinessCalendar,
  curedOn: IsoDate | null,
  asOf: IsoDate,
): CureResult {
  const cureDeadline = calendar.addBusinessDays(noticeEffectiveDate, cureBusinessDays)
  const curedInTime = curedOn === null ? null : curedOn <= cureDeadline
  const eventOfDefaultDate = curedInTime === true ? null : addDays(cureDeadline, 1)
  const curedByAsOf = curedOn !== null && curedOn <= asOf

  let status: CureStatus
  if (curedByAsOf && curedInTime === true) status = 'cured-in-time'
  else if (asOf < noticeEffectiveDate) status = 'notice-not-yet-effective'
  else if (asOf <= cureDeadline) status = 'cure-period-running'
  else status = 'cure-period-expired'

  let eventOfDefaultStatus: EventOfDefaultStatus
  if (eventOfDefaultDate === null) eventOfDefaultStatus = 'none'
  else if (asOf < eventOfDefaultDate) eventOfDefaultStatus = 'pending'
  else eventOfDefaultStatus = curedByAsOf ? 'cured' : 'occurred'

  return {
    clause: 'Note 4(a)(iv)',
    cureBusinessDays,
    cureDeadline,
    curedOn,
    curedInTime,
    status,
    businessDaysRemaining:
      status === 'notice-not-yet-effective'
        ? cureBusinessDays
        : status === 'cure-period-running'
          ? calendar.businessDaysBetween(asOf, cureDeadline)
          : 0,
    eventOfDefaultDate,
    eventOfDefaultStatus,
  }
}

/** The dates a notice and its cure period reach stay in the supported range: else 422 at `pointer`. */
export function checkCureDates(
  problems: Contradictions,
  noticeEffectiveDate: IsoDate,
  cure: CureResult,
  pointer: string,
): void {
  problems.checkComputedDate(noticeEffectiveDate, pointer, "the notice's effective date")
  problems.checkComputedDate(cure.cureDeadline, pointer, 'the cure deadline')
  problems.checkComputedDate(cure.eventOfDefaultDate, pointer, 'the Event of Default')
}
