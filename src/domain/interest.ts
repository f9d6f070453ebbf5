/**
 * Note Section 2: interest on the outstanding principal, paid on each Interest Date in cash or
 * in interest notes that join the principal, at default rates from the Event of Default
 * (inclusive) until it is cured (exclusive).
 *
 * The ledger is a list of sub-periods: runs of days with one principal and one rate. Each
 * sub-period's interest is computed exactly and rounded to cents once; every total is a sum of
 * those rounded amounts, so breakdowns add up to the cent.
 */
import { yearFraction, type DayCountId, type YearFraction } from './day-counts/index.js'
import {
  Decimal,
  MAX_MONEY,
  ZERO,
  Total,
  addMoney,
  moneyTimesRatio,
  pastMaxMoney,
  type RoundingMode,
} from './decimal.js'
import { ContradictionError, Contradictions } from './explain.js'
import type { IsoDate } from './dates.js'

export type InterestForm = 'cash' | 'notes'
export type RateKind = 'normal' | 'default'

export interface Rates {
  cash: Decimal
  notes: Decimal
}

export interface PrincipalPayment {
  date: IsoDate
  amount: Decimal
  /** where the payment came from in the request, for contradictions */
  pointer: string
}

export interface InterestTerms {
  principal: Decimal
  issueDate: IsoDate
  maturityDate: IsoDate
  normalRates: Rates
  defaultRates: Rates
  dayCount: DayCountId
  /** sorted, in (issueDate, maturityDate], maturity last */
  interestDates: IsoDate[]
  paymentForm: InterestForm
  accruedInterestForm: InterestForm
  rounding: RoundingMode
  /** sorted by date, each in (issueDate, maturityDate] */
  principalPayments: PrincipalPayment[]
}

/** Default rates apply on days in [from, until); `until` is the cure, null while uncured. */
export interface DefaultWindow {
  from: IsoDate | null
  until: IsoDate | null
}

export const NO_DEFAULT: DefaultWindow = { from: null, until: null }

export type RowStatus = 'capitalized' | 'paid' | 'accrued'

export interface LedgerRow {
  start: IsoDate
  end: IsoDate
  principal: Decimal
  rate: Decimal
  /** the normal rate of the same form, for the default increment */
  normalRate: Decimal
  rateKind: RateKind
  form: InterestForm
  yearFraction: YearFraction
  amount: Decimal
  /** what the default rate added over the normal rate in this sub-period (0 when normal) */
  defaultIncrement: Decimal
  status: RowStatus
  /** the Interest Date on which the amount is paid or capitalized; null while accrued */
  interestDate: IsoDate | null
}

export interface Ledger {
  rows: LedgerRow[]
  through: IsoDate
  /** principal outstanding at `through`, interest notes included, payments on `through` deducted */
  outstandingPrincipal: Decimal
  capitalizedInterest: Decimal
  cashInterestPaid: Decimal
  principalPaid: Decimal
  /** the last Interest Date on or before `through`, or the issue date */
  lastInterestDate: IsoDate
}

export function isDefaultOn(date: IsoDate, window: DefaultWindow): boolean {
  return window.from !== null && date >= window.from && (window.until === null || date < window.until)
}

/** Interest of one sub-period, exact until the final rounding to cents. */
export function interestAmount(principal: Decimal, rate: Decimal, yf: YearFraction, rounding: RoundingMode): Decimal {
  // round(principal × rate × numerator / denominator), on exact integers when they fit (see decimal.ts)
  return moneyTimesRatio(principal, rate, yf.numerator, yf.denominator, rounding)
}

/** One accrual row over [start, end) at the principal given, default rate if in the window. */
export function accrualRow(
  terms: InterestTerms,
  window: DefaultWindow,
  start: IsoDate,
  end: IsoDate,
  principal: Decimal,
  form: InterestForm,
  status: RowStatus,
  interestDate: IsoDate | null,
): LedgerRow {
  const rateKind: RateKind = isDefaultOn(start, window) ? 'default' : 'normal'
  const normalRate = terms.normalRates[form]
  const rate = rateKind === 'default' ? terms.defaultRates[form] : normalRate
  const yf = yearFraction(terms.dayCount, start, end, terms.maturityDate)
  return {
    start,
    end,
    principal,
    rate,
    normalRate,
    rateKind,
    form,
    yearFraction: yf,
    amount: interestAmount(principal, rate, yf, terms.rounding),
    defaultIncrement:
      rateKind === 'default' ? interestAmount(principal, rate.minus(normalRate), yf, terms.rounding) : ZERO,
    status,
    interestDate,
  }
}

/**
 * The ledger from the issue date up to `through` (exclusive): every Interest Date on or
 * before `through` closes its period (paid or capitalized), and the days after the last one
 * accrue in `accruedForm`: the payment form by default, since that interest will be paid on
 * the next Interest Date; a redemption pays it instead, in the `accruedInterestForm`.
 */
export function buildLedger(
  terms: InterestTerms,
  window: DefaultWindow,
  through: IsoDate,
  accruedForm: InterestForm = terms.paymentForm,
): Ledger {
  const rows: LedgerRow[] = []
  const payments = terms.principalPayments
  let principal = terms.principal
  const capitalized = new Total()
  const cashPaid = new Total()
  const principalPaid = new Total()
  let nextPayment = 0
  const problems = new Contradictions()

  const applyPaymentsThrough = (date: IsoDate): void => {
    while (nextPayment < payments.length && payments[nextPayment]!.date <= date) {
      const payment = payments[nextPayment++]!
      principal = principal.minus(payment.amount)
      principalPaid.add(payment.amount)
      problems.check(
        principal.gte(0),
        `${payment.pointer}/amount`,
        `exceeds the principal outstanding on ${payment.date}`,
      )
    }
  }

  // The dates where the principal or the rate may change inside a period: sorted, each once.
  const cuts = [
    ...new Set([window.from, window.until, ...payments.map((p) => p.date)].filter((d): d is IsoDate => d !== null)),
  ].sort()

  // What the default rates added, in absolute value: bounded below like every other total.
  const defaultIncrements = new Total()
  const accrue = (
    start: IsoDate,
    end: IsoDate,
    form: InterestForm,
    status: RowStatus,
    interestDate: IsoDate | null,
  ): Decimal => {
    const points = cuts.some((d) => d > start && d < end)
      ? [start, ...cuts.filter((d) => d > start && d < end), end]
      : [start, end]
    const total = new Total()
    for (let i = 0; i + 1 < points.length; i++) {
      applyPaymentsThrough(points[i]!)
      const row = accrualRow(terms, window, points[i]!, points[i + 1]!, principal, form, status, interestDate)
      rows.push(row)
      total.add(row.amount)
      if (row.rateKind === 'default') defaultIncrements.add(row.defaultIncrement.abs())
    }
    return total.value()
  }
  const tooLarge = (what: string): ContradictionError =>
    new ContradictionError([
      { pointer: '/note/interest', detail: `${what} past ${MAX_MONEY.toFixed(2)}, the largest amount supported` },
    ])

  let start = terms.issueDate
  for (const date of terms.interestDates) {
    if (date > through) break
    const interest = accrue(
      start,
      date,
      terms.paymentForm,
      terms.paymentForm === 'notes' ? 'capitalized' : 'paid',
      date,
    )
    if (terms.paymentForm === 'notes') {
      principal = addMoney(principal, interest)
      capitalized.add(interest)
      // Compounding can outgrow any amount (a high rate over centuries): stop at the contract's
      // largest, long before 40 significant digits would cost the cents their exactness.
      if (pastMaxMoney(principal))
        throw tooLarge(`the interest notes issued through ${date} take the outstanding principal`)
    } else {
      cashPaid.add(interest)
    }
    start = date
  }
  const lastInterestDate = start
  const accrued = start < through ? accrue(start, through, accruedForm, 'accrued', null) : ZERO
  applyPaymentsThrough(through)
  problems.throwIfAny()
  const capitalizedInterest = capitalized.value()
  const cashInterestPaid = cashPaid.value()
  // Every total of the ledger (normal, default, capitalized, paid, accrued) is part of the
  // interest through `through`, and every amount a row carries is part of a total.
  if (pastMaxMoney(capitalizedInterest.plus(cashInterestPaid).plus(accrued)))
    throw tooLarge(`the interest through ${through} adds up`)
  if (pastMaxMoney(defaultIncrements.value())) throw tooLarge(`what the default rates add through ${through} adds up`)

  return {
    rows,
    through,
    outstandingPrincipal: principal,
    capitalizedInterest,
    cashInterestPaid,
    principalPaid: principalPaid.value(),
    lastInterestDate,
  }
}

/** The rows accrued after the last Interest Date (the part a redemption pays as accrued interest). */
export function accruedRows(ledger: Ledger): LedgerRow[] {
  return ledger.rows.filter((r) => r.status === 'accrued')
}
