/**
 * Note Section 2: interest on the outstanding principal, paid on each Interest Date in cash or
 * in interest notes that join the principal, at default rates from the Event of Default
 * (inclusive) until it is cured (exclusive).
 *
 * The ledger is a list of sub-periods: runs of days with one principal and one rate. Each
 * sub-period's interest is computed exactly and rounded to cents once; every total is a sum of
 * those rounded amounts, so breakdowns add up to the cent. Its rule, defaults, wording, views
 * and readings (docs/rules/).
 */
import {
  perDiemBasis,
  yearFraction,
  yearFractionDecimal,
  type DayCountId,
  type YearFraction,
} from '../time/day-counts/index.js'
import {
  Decimal,
  MAX_MONEY,
  ZERO,
  Total,
  addMoney,
  moneyTimesRatio,
  pastMaxMoney,
  formatFraction,
  formatMoney,
  formatRate,
  type RoundingMode,
} from '../decimal.js'
import { ContradictionError, Contradictions, type Explanation } from '../explain.js'
import { daysBetween, isLeapYear, ymdOfIso, type IsoDate } from '../time/dates.js'
import type { ScenarioRequest } from '../inputs.js'
import type { Reading } from './reading.js'
import type { Timeline } from './timeline.js'
import { given, setMember } from './wording.js'
import { BoundedCache } from '../bounded-cache.js'

/** The case's interest terms: 8% cash / 10% in notes, 12% / 15% after an Event of Default, half-up cents. */
export const INTEREST_DEFAULTS = {
  rounding: 'half-up' as RoundingMode,
  cashRate: '0.08',
  noteRate: '0.10',
  defaultCashRate: '0.12',
  defaultNoteRate: '0.15',
  paymentForm: 'cash' as InterestForm,
  accruedInterestForm: 'cash' as InterestForm,
} as const

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
  /** whether interest unpaid when due bears interest itself (default false: no compounding) */
  interestOnOverdueInterest?: boolean
}

/** Default rates apply on days in [from, until); `until` is the cure, null while uncured. */
export interface DefaultInterval {
  from: IsoDate
  until: IsoDate | null
}

/**
 * The days at default rates: [from, until) overall; with several Events of Default whose
 * continuing periods do not touch, `intervals` lists each (sorted, disjoint) and the gaps between
 * them are at normal rates.
 */
export interface DefaultWindow {
  from: IsoDate | null
  until: IsoDate | null
  intervals?: readonly DefaultInterval[]
}

export const NO_DEFAULT: DefaultWindow = { from: null, until: null }

export type RowStatus = 'capitalized' | 'paid' | 'unpaid' | 'accrued'

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

const inInterval = (date: IsoDate, i: { from: IsoDate | null; until: IsoDate | null }): boolean =>
  i.from !== null && date >= i.from && (i.until === null || date < i.until)

export function isDefaultOn(date: IsoDate, window: DefaultWindow): boolean {
  return window.intervals !== undefined ? window.intervals.some((i) => inInterval(date, i)) : inInterval(date, window)
}

/**
 * The window of several Events of Default, each [from, until): default rates apply while any one
 * is continuing. Overlapping or touching periods join; an empty one (cured the day it occurred)
 * adds no day.
 */
export function windowOf(periods: readonly DefaultInterval[]): DefaultWindow {
  const sorted = periods.filter((p) => p.until === null || p.until > p.from).sort((a, b) => (a.from < b.from ? -1 : 1))
  const merged: DefaultInterval[] = []
  for (const p of sorted) {
    const last = merged[merged.length - 1]
    if (last !== undefined && (last.until === null || last.until >= p.from)) {
      if (last.until !== null && (p.until === null || p.until > last.until))
        merged[merged.length - 1] = { from: last.from, until: p.until }
    } else merged.push(p)
  }
  if (merged.length === 0) return NO_DEFAULT
  const span = { from: merged[0]!.from, until: merged[merged.length - 1]!.until }
  return merged.length === 1 ? span : { ...span, intervals: merged }
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
  const windowDates = (window.intervals ?? [window]).flatMap((i) => [i.from, i.until])
  const cuts = [
    ...new Set([...windowDates, ...payments.map((p) => p.date)].filter((d): d is IsoDate => d !== null)),
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

/** Explains the interest terms read from the note (after the calendar's assumption, before the rest). */
export function assumeInterest(
  terms: Pick<InterestTerms, 'dayCount' | 'normalRates' | 'defaultRates' | 'paymentForm' | 'accruedInterestForm'>,
  rounding: RoundingMode | undefined,
  isGiven: {
    dayCount: boolean
    rates: boolean
    paymentForm: boolean
    accruedInterestForm: boolean
  },
  explanation: Explanation,
): void {
  const { dayCount, normalRates, defaultRates, paymentForm, accruedInterestForm } = terms
  explanation.assume('day-count', `Interest accrues on the ${dayCount} day count (${given(isGiven.dayCount)}).`)
  explanation.assume(
    'rounding',
    `Each sub-period's interest is rounded to cents ${rounding ?? INTEREST_DEFAULTS.rounding} ` +
      `(${given(rounding !== undefined)}); totals are sums of rounded amounts.`,
  )
  explanation.assume(
    'rates',
    `Normal rates ${formatRate(normalRates.cash)} cash / ${formatRate(normalRates.notes)} in notes; default ` +
      `rates ${formatRate(defaultRates.cash)} cash / ${formatRate(defaultRates.notes)} in notes (Note 2; ` +
      `${given(isGiven.rates)}).`,
  )
  explanation.assume(
    'payment-form',
    'Interest is paid on each Interest Date in ' +
      `${paymentForm === 'notes' ? 'interest notes that join the principal' : 'cash'} (${given(isGiven.paymentForm)}).`,
  )
  explanation.assume(
    'accrued-interest-form',
    `Interest accrued since the last Interest Date is valued at the ${accruedInterestForm} rates ` +
      `(${given(isGiven.accruedInterestForm)}).`,
  )
  explanation.assume(
    'default-rates-window',
    'Default rates apply from the Event of Default (inclusive) until it is cured (exclusive); a period spanning ' +
      'either date is split there.',
  )
  if (defaultRates.cash.lt(normalRates.cash) || defaultRates.notes.lt(normalRates.notes)) {
    explanation.warn('default-rate-below-normal', 'A default rate is below the corresponding normal rate.')
  }
}

/** The default-rate window implied by an Event of Default and a (late) cure. */
export function defaultWindow(eventOfDefaultDate: IsoDate | null, curedOn: IsoDate | null): DefaultWindow {
  if (eventOfDefaultDate === null) return NO_DEFAULT
  return { from: eventOfDefaultDate, until: curedOn !== null && curedOn >= eventOfDefaultDate ? curedOn : null }
}

/** Year fractions as text, by ratio: ledgers repeat a few hundred ratios, each a division at 40 digits. */
const fractionTexts = new BoundedCache<number, string>(10_000)

function yearFractionText(yf: YearFraction): string {
  // One number for the ratio: |numerator| < 10^8 (300 years of act/act ISDA over 365 × 366)
  // and 0 < denominator < 10^6, so numerator × 10^6 + denominator is exact and one-to-one.
  const key = yf.numerator * 1_000_000 + yf.denominator
  return fractionTexts.getOrCompute(key, () => formatFraction(yearFractionDecimal(yf)))
}

export function ledgerRowView(row: LedgerRow) {
  return {
    start: row.start,
    end: row.end,
    days: row.yearFraction.days,
    principal: formatMoney(row.principal),
    rate: formatRate(row.rate),
    rateKind: row.rateKind,
    form: row.form,
    yearFraction: yearFractionText(row.yearFraction),
    amount: formatMoney(row.amount),
    status: row.status,
    interestDate: row.interestDate,
  }
}

export function interestView(terms: InterestTerms, ledger: Ledger) {
  // The totals of the rows, in one pass (each an exact sum, see Total).
  const interest = new Total()
  const normal = new Total()
  const atDefault = new Total()
  const accrued = new Total()
  const increment = new Total()
  for (const row of ledger.rows) {
    interest.add(row.amount)
    if (row.rateKind === 'normal') normal.add(row.amount)
    else atDefault.add(row.amount)
    if (row.status === 'accrued') accrued.add(row.amount)
    increment.add(row.defaultIncrement)
  }
  return {
    clause: 'Note 2',
    from: terms.issueDate,
    through: ledger.through,
    dayCount: terms.dayCount,
    paymentForm: terms.paymentForm,
    accruedInterestForm: terms.accruedInterestForm,
    rates: {
      cash: formatRate(terms.normalRates.cash),
      notes: formatRate(terms.normalRates.notes),
      defaultCash: formatRate(terms.defaultRates.cash),
      defaultNotes: formatRate(terms.defaultRates.notes),
    },
    interestDates: terms.interestDates.filter((d) => d <= ledger.through),
    totals: {
      interest: formatMoney(interest.value()),
      normal: formatMoney(normal.value()),
      default: formatMoney(atDefault.value()),
      capitalized: formatMoney(ledger.capitalizedInterest),
      cashPaid: formatMoney(ledger.cashInterestPaid),
      accrued: formatMoney(accrued.value()),
      defaultInterestIncrement: formatMoney(increment.value()),
    },
    principal: formatMoney(terms.principal),
    principalPaid: formatMoney(ledger.principalPaid),
    outstandingPrincipal: formatMoney(ledger.outstandingPrincipal),
    lastInterestDate: ledger.lastInterestDate,
  }
}

export function principalPaymentsTimeline(t: Timeline, terms: InterestTerms): void {
  for (const payment of terms.principalPayments) {
    t.add(
      payment.date,
      'principal-payment',
      'Note 2',
      `Principal payment of ${formatMoney(payment.amount)}: interest accrues on the reduced principal from this day.`,
    )
  }
}

/** Interest accrued since the last Interest Date valued in the other form. */
export function accruedInterestReading(req: ScenarioRequest): Reading {
  const interest = req.note.interest
  const form: InterestForm = interest?.accruedInterestForm ?? INTEREST_DEFAULTS.accruedInterestForm
  const other: InterestForm = form === 'cash' ? 'notes' : 'cash'
  const rates = (f: InterestForm) => (f === 'cash' ? 'the Cash Interest Rates' : 'the Note Interest Rates')
  return {
    id: `accrued-interest-in-${other}`,
    description:
      `Note 4(b): the interest accrued since the last Interest Date valued at ${rates(other)} ` +
      `(${other}) instead of ${rates(form)} (${form}).`,
    patch:
      interest === undefined
        ? [setMember('/note/interest', false, { accruedInterestForm: other })]
        : [setMember('/note/interest/accruedInterestForm', interest.accruedInterestForm !== undefined, other)],
  }
}

/** Each sub-period's interest rounded the other way. */
export function roundingReading(req: ScenarioRequest): Reading {
  const onNote = req.note.rounding
  const onTop = req.rounding
  const mode: RoundingMode = onNote ?? onTop ?? INTEREST_DEFAULTS.rounding
  const other: RoundingMode = mode === 'half-up' ? 'half-even' : 'half-up'
  const patch = []
  // The rounding may be given on the note, at the top, or both (then equal): change it wherever it is.
  if (onNote !== undefined) patch.push(setMember('/note/rounding', true, other))
  if (onTop !== undefined || onNote === undefined) patch.push(setMember('/rounding', onTop !== undefined, other))
  return {
    id: `rounding-${other}`,
    description: `Note 2: each sub-period's interest rounded to cents ${other} instead of ${mode}.`,
    patch,
  }
}

/**
 * The days of a per diem, on the ledger's own year: 360 for the 30/360 family and act/360, 365 for
 * act/365 fixed, and under act/act ISDA 366 when `date` (the due date) falls in a leap year, else 365.
 */
export function perDiemDays(dayCount: DayCountId, date: IsoDate): number {
  if (dayCount === 'act-act-isda') return isLeapYear(ymdOfIso(date).year) ? 366 : 365
  return perDiemBasis(dayCount)
}

/**
 * The fraction of a year a late charge runs over [from, to): actual days over the per diem's basis
 * (12 days late are 12 days, whatever the day count), and under act/act ISDA the days in leap years
 * over 366 and the others over 365, as that day count counts them.
 */
export function lateChargeFraction(dayCount: DayCountId, from: IsoDate, to: IsoDate): YearFraction {
  if (dayCount === 'act-act-isda') return yearFraction('act-act-isda', from, to)
  const days = daysBetween(from, to)
  return { days, numerator: days, denominator: perDiemBasis(dayCount) }
}

/** The default rates' start and stop over a window of several Events of Default. */
export function defaultRatesTimeline(t: Timeline, window: DefaultWindow): void {
  for (const i of window.intervals ?? (window.from === null ? [] : [window])) {
    t.add(i.from, 'default-rates-start', 'Note 2', 'Default interest rates apply from this day.')
    t.add(
      i.until,
      'default-rates-stop',
      'Note 2',
      'Normal interest rates apply again from this day (no Event of Default is continuing).',
    )
  }
}

/**
 * Simple interest on an amount over [from, to) at the cash rates in force each day (default rates
 * while an Event of Default continues), on the note's day count, each sub-period rounded to cents.
 */
export function interestOn(
  amount: Decimal,
  from: IsoDate,
  to: IsoDate,
  terms: InterestTerms,
  window: DefaultWindow,
): Decimal {
  if (to <= from || amount.isZero()) return ZERO
  const cuts = (window.intervals ?? [window])
    .flatMap((i) => [i.from, i.until])
    .filter((d): d is IsoDate => d !== null && d > from && d < to)
  const points = [from, ...[...new Set(cuts)].sort(), to]
  let total = ZERO
  for (let i = 0; i + 1 < points.length; i++)
    total = total.plus(accrualRow(terms, window, points[i]!, points[i + 1]!, amount, 'cash', 'accrued', null).amount)
  return total
}
