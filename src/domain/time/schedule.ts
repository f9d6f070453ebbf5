/**
 * Interest Dates (Note 2): from a frequency rule or an explicit list, always ending at the
 * maturity date. Accrual uses these unadjusted dates.
 */
import { addMonths, type IsoDate } from './dates.js'
import { BoundedCache } from '../bounded-cache.js'

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
    dates = [...ruleDates(rule.frequency, rule.firstDate, maturityDate)]
  }
  if (dates[dates.length - 1] !== maturityDate) dates.push(maturityDate)
  return dates
}

/**
 * The dates of a frequency rule up to the maturity date, computed once per rule while the rule
 * has at most SCHEDULE_CACHED dates (the cache then holds at most about 10 MB): notes issued
 * together share their schedule.
 */
const SCHEDULE_CACHED = 240
const schedules = new BoundedCache<string, readonly IsoDate[]>(1_000)

function ruleDates(frequency: Frequency, firstDate: IsoDate, maturityDate: IsoDate): readonly IsoDate[] {
  const key = `${frequency} ${firstDate} ${maturityDate}`
  let dates = schedules.get(key)
  if (dates === undefined) {
    const list: IsoDate[] = []
    const step = MONTHS_PER_PERIOD[frequency]
    for (let k = 0; ; k++) {
      const date = addMonths(firstDate, k * step)
      if (date > maturityDate) break
      list.push(date)
    }
    dates = Object.freeze(list)
    if (list.length <= SCHEDULE_CACHED) schedules.set(key, dates)
  }
  return dates
}
