/**
 * Rule 13d-3(d)(1)(i): shares a person has the right to acquire within 60 days (on conversion of
 * a convertible, on exercise of a warrant or option) are beneficially owned. A right counts when
 * it can be exercised on or before asOf + 60 days and has not expired (or been redeemed) by asOf.
 */
import { addDays, type IsoDate } from '../time/dates.js'

/** The rule's window, a named parameter (days after asOf). */
export const RIGHT_TO_ACQUIRE_DAYS = 60

export type AcquisitionStatus = 'counted' | 'beyond-60-days' | 'expired'

export interface ExerciseWindow {
  /** first day the right can be exercised; absent: exercisable now */
  exercisableFrom?: IsoDate
  /** last day the right can be exercised; absent: no expiry */
  expiresOn?: IsoDate
}

/** The last day on which a right that becomes exercisable still counts as of `asOf`. */
export function lastCountedDay(asOf: IsoDate, days: number = RIGHT_TO_ACQUIRE_DAYS): IsoDate {
  return addDays(asOf, days)
}

export function acquisitionStatus(
  window: ExerciseWindow,
  asOf: IsoDate,
  days: number = RIGHT_TO_ACQUIRE_DAYS,
): AcquisitionStatus {
  if (window.expiresOn !== undefined && window.expiresOn < asOf) return 'expired'
  if (window.exercisableFrom !== undefined && window.exercisableFrom > lastCountedDay(asOf, days))
    return 'beyond-60-days'
  return 'counted'
}
