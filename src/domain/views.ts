/**
 * Domain results as the contract carries them: money with two decimals, rates and year
 * fractions as exact decimal strings, dates as ISO strings.
 */
import { yearFractionDecimal, type YearFraction } from './day-counts/index.js'
import { formatFraction, formatMoney, formatRate, Total } from './decimal.js'
import type { CovenantResult } from './covenant.js'
import type { CureResult } from './cure.js'
import type { Ledger, LedgerRow, InterestTerms } from './interest.js'
import type { NoticeEffect } from './notice.js'
import type { ElectionStanding, RedemptionResult } from './redemption.js'
import type { ElectionInput } from './inputs.js'
import { DEFAULTS } from './terms.js'
import { BoundedCache } from './bounded-cache.js'

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

export function covenantView(c: CovenantResult) {
  return { ...c }
}

export function noticeView(effect: NoticeEffect, cure: CureResult) {
  return {
    clause: cure.clause,
    sentDate: effect.sentDate,
    sentTime: effect.sentTime,
    methods: effect.byMethod,
    effectiveDate: effect.effectiveDate,
    effectiveDateBasis: effect.basis,
    cureBusinessDays: cure.cureBusinessDays,
    cureDeadline: cure.cureDeadline,
    curedOn: cure.curedOn,
    curedInTime: cure.curedInTime,
    status: cure.status,
    businessDaysRemaining: cure.businessDaysRemaining,
  }
}

export function eventOfDefaultView(cure: CureResult | null) {
  const date = cure?.eventOfDefaultDate ?? null
  return {
    clause: 'Note 4(a)(iv)',
    date,
    status: cure?.eventOfDefaultStatus ?? 'none',
    curedOn: date !== null ? (cure?.curedOn ?? null) : null,
    defaultRatesFrom: date,
    defaultRatesUntil: date !== null ? (cure?.curedOn ?? null) : null,
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

export function redemptionView(r: RedemptionResult) {
  return {
    clause: r.clause,
    electionDate: r.electionDate,
    electionEffectiveDate: r.electionEffectiveDate,
    portion: formatRate(r.portion),
    paymentDueDate: r.paymentDueDate,
    paymentDate: r.paymentDate,
    redemptionDate: r.redemptionDate,
    outstandingPrincipal: formatMoney(r.outstandingPrincipal),
    capitalizedInterest: formatMoney(r.capitalizedInterest),
    redeemedPrincipal: formatMoney(r.redeemedPrincipal),
    accruedInterest: {
      from: r.accruedInterest.from,
      base: formatMoney(r.accruedInterest.base),
      default: formatMoney(r.accruedInterest.default),
      total: formatMoney(r.accruedInterest.total),
      rows: r.accruedInterest.rows.map(ledgerRowView),
    },
    premium: formatRate(r.premium),
    premiumAmount: formatMoney(r.premiumAmount),
    asConvertedValue: r.asConvertedValue === null ? null : formatMoney(r.asConvertedValue),
    priceBasis: r.priceBasis,
    redemptionPrice: formatMoney(r.redemptionPrice),
    lateChargeRate: r.lateChargeRate === null ? null : formatRate(r.lateChargeRate),
    lateChargeDays: r.lateChargeDays,
    lateCharge: formatMoney(r.lateCharge),
    totalDue: formatMoney(r.totalDue),
    perDiem: formatMoney(r.perDiem),
    defaultInterestIncrement: formatMoney(r.defaultInterestIncrement),
  }
}

/** Where the scenario's redemption election stands: effective, deferred to the Event of Default, or void. */
export function electionView(election: ElectionInput, standing: ElectionStanding) {
  return {
    clause: 'Note 4(b)',
    date: election.date,
    portion: election.portion ?? DEFAULTS.portion,
    status: standing.status,
    effectiveDate: standing.status === 'void' ? null : standing.effectiveDate,
    voidReason: standing.status === 'void' ? standing.reason : null,
  }
}
