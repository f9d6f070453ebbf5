/**
 * Day count conventions (public API of the day-counts module).
 *
 * One convention per file, each citing its rule; this file dispatches by id. Every result
 * is exact: a day count and a year fraction as a ratio of integers, never a float. For
 * end before start the result is the negative of the one of [end, start).
 *
 * Dates are `YYYY-MM-DD` strings already validated at the edge (see ../dates.ts).
 */
import type { IsoDate } from '../dates.js'
import { Decimal } from '../../decimal.js'
import { act360 } from './act-360.js'
import { act365Fixed } from './act-365-fixed.js'
import { actActIsda } from './act-act-isda.js'
import type { YearFraction } from './common.js'
import { thirty360BondBasis } from './thirty-360-bond-basis.js'
import { thirty360Us } from './thirty-360-us.js'
import { thirtyE360Isda } from './thirty-e-360-isda.js'
import { thirtyE360 } from './thirty-e-360.js'

export type { YearFraction } from './common.js'
export { act360, act365Fixed, actActIsda, thirty360BondBasis, thirty360Us, thirtyE360, thirtyE360Isda }

export type DayCountId =
  '30-360-us' | '30-360-bond-basis' | '30e-360' | '30e-360-isda' | 'act-360' | 'act-365-fixed' | 'act-act-isda'
export const DAY_COUNT_IDS: readonly DayCountId[] = [
  '30-360-us',
  '30-360-bond-basis',
  '30e-360',
  '30e-360-isda',
  'act-360',
  'act-365-fixed',
  'act-act-isda',
]
export const DEFAULT_DAY_COUNT: DayCountId = '30-360-us'

export interface DayCountInfo {
  id: DayCountId
  name: string
  description: string
}

/** What each convention counts, in the words of its rule (docs/rules/day-counts.md, ISDA 2006 4.16). */
const DAY_COUNT_INFO: Record<DayCountId, Omit<DayCountInfo, 'id'>> = {
  '30-360-us': {
    name: '30/360 US',
    description:
      '360·ΔY + 30·ΔM + ΔD over 360 ("a 360-day year of twelve 30-day months"), in this order: if both dates are ' +
      'the last day of February, D2 = 30; if the start is the last day of February, D1 = 30; if D2 = 31 and D1 ≥ ' +
      '30, D2 = 30; if D1 = 31, D1 = 30. The default for these notes. QuantLib Thirty360(USA).',
  },
  '30-360-bond-basis': {
    name: '30/360 Bond Basis',
    description:
      'ISDA 2006 4.16(f): 360·ΔY + 30·ΔM + ΔD over 360, with D1 = 31 → 30, and D2 = 31 → 30 only if D1 ≥ 30. ' +
      'QuantLib Thirty360(BondBasis).',
  },
  '30e-360': {
    name: '30E/360 (Eurobond Basis)',
    description:
      'ISDA 2006 4.16(g): 360·ΔY + 30·ΔM + ΔD over 360, with D1 = 31 → 30 and D2 = 31 → 30. QuantLib ' +
      'Thirty360(European).',
  },
  '30e-360-isda': {
    name: '30E/360 ISDA',
    description:
      'ISDA 2006 4.16(h): 360·ΔY + 30·ΔM + ΔD over 360, with D1 → 30 if the 31st or the last day of February; D2 → ' +
      '30 if the 31st, or the last day of February unless the end is the maturity date (give maturityDate). ' +
      'QuantLib Thirty360(German).',
  },
  'act-360': { name: 'Actual/360', description: 'Actual days over 360. QuantLib Actual360.' },
  'act-365-fixed': {
    name: 'Actual/365 (Fixed)',
    description: 'Actual days over 365, leap years included. QuantLib Actual365Fixed.',
  },
  'act-act-isda': {
    name: 'Actual/Actual (ISDA)',
    description:
      'ISDA 2006 4.16(b): days in leap years over 366 plus days in other years over 365. QuantLib ActualActual(ISDA).',
  },
}

/** The conventions, in the contract's order, with their names and rules. */
export function listDayCounts(): DayCountInfo[] {
  return DAY_COUNT_IDS.map((id) => ({ id, ...DAY_COUNT_INFO[id] }))
}

export function isDayCountId(id: string): id is DayCountId {
  return (DAY_COUNT_IDS as readonly string[]).includes(id)
}

/** `maturityDate` matters only to 30e-360-isda (February rule at the termination date). */
export function yearFraction(
  convention: DayCountId,
  start: IsoDate,
  end: IsoDate,
  maturityDate?: IsoDate,
): YearFraction {
  switch (convention) {
    case '30-360-us':
      return thirty360Us(start, end)
    case '30-360-bond-basis':
      return thirty360BondBasis(start, end)
    case '30e-360':
      return thirtyE360(start, end)
    case '30e-360-isda':
      return thirtyE360Isda(start, end, maturityDate)
    case 'act-360':
      return act360(start, end)
    case 'act-365-fixed':
      return act365Fixed(start, end)
    case 'act-act-isda':
      return actActIsda(start, end)
    default: {
      const unknown: never = convention
      throw new RangeError(`unknown day count convention: ${String(unknown)}`)
    }
  }
}

/** The convention's day count alone (30/360 days or actual days). */
export function dayCount(convention: DayCountId, start: IsoDate, end: IsoDate, maturityDate?: IsoDate): number {
  return yearFraction(convention, start, end, maturityDate).days
}

/**
 * The year fraction as a Decimal (numerator / denominator at the module's 40 significant
 * digits). For money, prefer multiplying by `numerator` before dividing by `denominator`.
 */
export function yearFractionDecimal(yf: YearFraction): Decimal {
  return new Decimal(yf.numerator).div(yf.denominator)
}

/** The denominator of a per diem: 360 for the 30/360 family and act-360, 365 otherwise. */
export function perDiemBasis(convention: DayCountId): number {
  switch (convention) {
    case '30-360-us':
    case '30-360-bond-basis':
    case '30e-360':
    case '30e-360-isda':
    case 'act-360':
      return 360
    case 'act-365-fixed':
    case 'act-act-isda':
      return 365
    default: {
      const unknown: never = convention
      throw new RangeError(`unknown day count convention: ${String(unknown)}`)
    }
  }
}
