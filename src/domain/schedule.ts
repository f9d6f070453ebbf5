/**
 * Interest Dates (Note 2): from a frequency rule or an explicit list, always ending at the
 * maturity date. Accrual uses these unadjusted dates.
 */
import { addMonths, type IsoDate } from './dates.js'

export type Frequency = 'monthly' | 'quarterly' | 'semiannual' | 'annual'

export const MONTHS_PER_PERIOD: Record<Frequency, number> = { monthly: 1, quarterly: 3, semiannual: 6, annual: 12 }

export type InterestDateRule = { frequency: Frequency; firstDate: IsoDate } | { dates: IsoDate[] }

/**
 * The Interest Dates in (issueDate, maturityDate], sorted, maturity included. Rule dates are
 * `firstDate + k periods`, each computed from `firstDate` and clamped to the month's end, so
 * a 31st gives Feb 28/29 then Mar 31 (no drift).
 */
export function interestDates(rule: InterestDateRule, maturityDate: IsoDate): IsoDate[] {
  let dates: IsoDate[]
  if ('dates' in rule) {
    dates = [...rule.dates].sort()
  } else {
    dates = []
    const step = MONTHS_PER_PERIOD[rule.frequency]
    for (let k = 0; ; k++) {
      const date = addMonths(rule.firstDate, k * step)
      if (date > maturityDate) break
      dates.push(date)
    }
  }
  if (dates[dates.length - 1] !== maturityDate) dates.push(maturityDate)
  return dates
}
