/**
 * Day count conventions (public API of the day-counts module).
 * IMPLEMENTATION PENDING (helper): keep these exported names and signatures.
 */
import type { IsoDate } from '../dates.js'

export type DayCountId = '30-360-us' | '30-360-bond-basis' | '30e-360' | '30e-360-isda' | 'act-360' | 'act-365-fixed' | 'act-act-isda'
export const DAY_COUNT_IDS: readonly DayCountId[] = ['30-360-us', '30-360-bond-basis', '30e-360', '30e-360-isda', 'act-360', 'act-365-fixed', 'act-act-isda']
export const DEFAULT_DAY_COUNT: DayCountId = '30-360-us'

/** The year fraction of [start, end) as an exact ratio: numerator / denominator. */
export interface YearFraction {
  /** the convention's day count (30/360 days for the 30/360 family, actual days otherwise) */
  days: number
  numerator: number
  denominator: number
}

export declare function isDayCountId(id: string): id is DayCountId
/** `maturityDate` matters only to 30e-360-isda (February rule at the termination date). */
export declare function yearFraction(convention: DayCountId, start: IsoDate, end: IsoDate, maturityDate?: IsoDate): YearFraction
/** The denominator of a per diem: 360 for the 30/360 family and act-360, 365 otherwise. */
export declare function perDiemBasis(convention: DayCountId): number
