/**
 * Note Section 4(b): after an Event of Default the holder may elect to redeem all or part of
 * the Note, with accrued Interest (including Interest at the default-adjusted rates).
 */
import type { BusinessCalendar } from './calendars/index.js'
import { perDiemBasis } from './day-counts/index.js'
import { Decimal, MAX_MONEY, ZERO, ONE, roundMoney, sum } from './decimal.js'
import { ContradictionError, Contradictions, type Explanation } from './explain.js'
import {
  buildLedger,
  accruedRows,
  interestAmount,
  type DefaultWindow,
  type InterestTerms,
  type Ledger,
  type LedgerRow,
} from './interest.js'
import { daysBetween, type IsoDate } from './dates.js'

export type PrematureElectionPolicy = 'defer' | 'reject'

export interface RedemptionTerms {
  /** price = (principal + accrued) × premium; "1.00" is par */
  premium: Decimal
  paymentBusinessDays: number
  /** per annum on the price from the due date to a later payment; null for none */
  lateChargeRate: Decimal | null
  /** the as-converted alternative: the price is the greater of the two */
  conversion: { conversionPrice: Decimal; highestClosingPrice: Decimal } | null
  prematureElection: PrematureElectionPolicy
}

export interface RedemptionElection {
  date: IsoDate
  /** fraction of the outstanding principal, in (0, 1] */
  portion: Decimal
}

/** Where the inputs sit in the request, so that contradictions name them. */
export interface RedemptionPointers {
  election: string
  paymentDate: string
}

export interface RedemptionResult {
  clause: 'Note 4(b)'
  electionDate: IsoDate
  electionEffectiveDate: IsoDate
  portion: Decimal
  paymentDueDate: IsoDate
  paymentDate: IsoDate | null
  redemptionDate: IsoDate
  outstandingPrincipal: Decimal
  capitalizedInterest: Decimal
  redeemedPrincipal: Decimal
  accruedInterest: { from: IsoDate; base: Decimal; default: Decimal; total: Decimal; rows: LedgerRow[] }
  premium: Decimal
  premiumAmount: Decimal
  asConvertedValue: Decimal | null
  priceBasis: 'premium' | 'as-converted'
  redemptionPrice: Decimal
  lateChargeRate: Decimal | null
  lateChargeDays: number
  lateCharge: Decimal
  totalDue: Decimal
  perDiem: Decimal
  defaultInterestIncrement: Decimal
  ledger: Ledger
}

/**
 * Why an election finds no Event of Default to redeem under: none occurred (no notice of
 * default), the default was cured in time, or the Event of Default was cured (late) on or before
 * the day the election would take effect.
 */
export type VoidReason = 'no-notice-of-default' | 'cured-in-time' | 'cured-late'

export type ElectionStanding =
  { status: 'effective' | 'deferred'; effectiveDate: IsoDate } | { status: 'void'; reason: VoidReason; detail: string }

/**
 * Where an election stands against the Event of Default: effective on its date, deferred to
 * the Event of Default when premature, or void when there is no Event of Default to redeem under.
 * `hadNotice` tells apart "no notice" from "cured in time" when there is no Event of Default.
 */
export function electionStanding(
  electionDate: IsoDate,
  eventOfDefaultDate: IsoDate | null,
  curedOn: IsoDate | null,
  hadNotice = true,
): ElectionStanding {
  if (eventOfDefaultDate === null) {
    return hadNotice
      ? {
          status: 'void',
          reason: 'cured-in-time',
          detail: 'no Event of Default exists to redeem under (the default was cured within the cure period)',
        }
      : {
          status: 'void',
          reason: 'no-notice-of-default',
          detail: 'no Event of Default exists to redeem under (no notice of default was given)',
        }
  }
  if (curedOn !== null && electionDate >= curedOn) {
    return {
      status: 'void',
      reason: 'cured-late',
      detail: `the election is dated on or after the cure of the Event of Default (${curedOn})`,
    }
  }
  if (curedOn !== null && electionDate < eventOfDefaultDate && eventOfDefaultDate >= curedOn) {
    // A premature election takes effect on the Event of Default; cured that same day, there is nothing left to redeem under.
    return {
      status: 'void',
      reason: 'cured-late',
      detail: `the premature election would take effect on the Event of Default (${eventOfDefaultDate}), the day it was cured`,
    }
  }
  if (electionDate >= eventOfDefaultDate) return { status: 'effective', effectiveDate: electionDate }
  return { status: 'deferred', effectiveDate: eventOfDefaultDate }
}

/** The date the election takes effect: a premature one waits for the Event of Default; a void one is a contradiction. */
function effectiveElection(
  election: RedemptionElection,
  eventOfDefaultDate: IsoDate | null,
  curedOn: IsoDate | null,
  policy: PrematureElectionPolicy,
  pointers: RedemptionPointers,
  explanation: Explanation,
): IsoDate {
  const problems = new Contradictions()
  const standing = electionStanding(election.date, eventOfDefaultDate, curedOn)
  if (standing.status === 'void') {
    problems.add(eventOfDefaultDate === null ? pointers.election : `${pointers.election}/date`, standing.detail)
    problems.throwIfAny()
  }
  if (standing.status === 'deferred' && policy === 'reject') {
    problems.add(
      `${pointers.election}/date`,
      `the election is dated before the Event of Default occurred (${eventOfDefaultDate}) and the policy is reject`,
    )
    problems.throwIfAny()
  }
  if (standing.status !== 'deferred') return election.date
  explanation.warn(
    'election-before-event-of-default',
    `The redemption election dated ${election.date} precedes the Event of Default (${eventOfDefaultDate}); it is treated as made on ${eventOfDefaultDate}.`,
  )
  return standing.effectiveDate
}

export function redeem(
  interest: InterestTerms,
  window: DefaultWindow,
  eventOfDefaultDate: IsoDate | null,
  curedOn: IsoDate | null,
  terms: RedemptionTerms,
  election: RedemptionElection,
  paymentDate: IsoDate | null,
  calendar: BusinessCalendar,
  pointers: RedemptionPointers,
  explanation: Explanation,
): RedemptionResult {
  const electionEffectiveDate = effectiveElection(
    election,
    eventOfDefaultDate,
    curedOn,
    terms.prematureElection,
    pointers,
    explanation,
  )
  const paymentDueDate = calendar.addBusinessDays(electionEffectiveDate, terms.paymentBusinessDays)
  if (paymentDate !== null && paymentDate < electionEffectiveDate) {
    const problems = new Contradictions()
    problems.add(
      pointers.paymentDate,
      `the payment (${paymentDate}) precedes the effective redemption election (${electionEffectiveDate})`,
    )
    problems.throwIfAny()
  }
  const paidLate = paymentDate !== null && paymentDate > paymentDueDate
  const redemptionDate = paymentDate !== null && !paidLate ? paymentDate : paymentDueDate

  if (redemptionDate > interest.maturityDate) {
    explanation.warn(
      'redemption-after-maturity',
      `The redemption date ${redemptionDate} is after the maturity date ${interest.maturityDate}.`,
    )
  }
  const ledger = buildLedger(interest, window, redemptionDate, interest.accruedInterestForm)
  const { rounding } = interest
  const outstanding = ledger.outstandingPrincipal
  const redeemedPrincipal = roundMoney(outstanding.times(election.portion), rounding)

  // Accrued interest on the redeemed part: each accrued sub-period of the note, again on the
  // redeemed share of its principal (the same rows when the whole Note is redeemed).
  const fullRedemption = election.portion.eq(ONE)
  const rows = accruedRows(ledger).map((row): LedgerRow => {
    if (fullRedemption) return row
    const principal = roundMoney(row.principal.times(election.portion), rounding)
    return {
      ...row,
      principal,
      amount: interestAmount(principal, row.rate, row.yearFraction, rounding),
      defaultIncrement:
        row.rateKind === 'default'
          ? interestAmount(principal, row.rate.minus(row.normalRate), row.yearFraction, rounding)
          : ZERO,
    }
  })
  const base = sum(rows.filter((r) => r.rateKind === 'normal').map((r) => r.amount))
  const defaultPart = sum(rows.filter((r) => r.rateKind === 'default').map((r) => r.amount))
  const accruedTotal = base.plus(defaultPart)
  const principalAndInterest = redeemedPrincipal.plus(accruedTotal)

  // The price is the product, rounded once (docs/rules/redemption.md); the premium amount is what it adds.
  // Rounding the premium's share alone differs under half-even: 1,000,000.05 × 1.10 =
  // 1,100,000.055 is 1,100,000.06, while 100,000.005 alone would round to 100,000.00.
  const premiumPrice = roundMoney(principalAndInterest.times(terms.premium), rounding)
  let asConvertedValue: Decimal | null = null
  if (terms.conversion !== null) {
    // (principal + accrued) / conversion price shares at the highest closing price; multiplied
    // before dividing so that an exact half cent stays exact and rounds as it should.
    const value = principalAndInterest.times(terms.conversion.highestClosingPrice).div(terms.conversion.conversionPrice)
    asConvertedValue = roundMoney(value, rounding)
  }
  const priceBasis = asConvertedValue !== null && asConvertedValue.gt(premiumPrice) ? 'as-converted' : 'premium'
  const redemptionPrice = priceBasis === 'as-converted' ? asConvertedValue! : premiumPrice

  // The late charge runs for each actual day late (12 days are 12 days, whatever the note's day
  // count), on the per diem's basis: / 360 for the 30/360 family and act/360, / 365 otherwise.
  let lateCharge = ZERO
  let lateChargeDays = 0
  if (paidLate) {
    lateChargeDays = daysBetween(paymentDueDate, paymentDate!)
    const basis = perDiemBasis(interest.dayCount)
    if (terms.lateChargeRate !== null) {
      lateCharge = interestAmount(
        redemptionPrice,
        terms.lateChargeRate,
        { days: lateChargeDays, numerator: lateChargeDays, denominator: basis },
        rounding,
      )
    } else {
      explanation.warn(
        'late-payment-without-late-charge',
        `Paid ${lateChargeDays} days after the due date ${paymentDueDate}; no lateChargeRate is set, so no late charge is computed.`,
      )
    }
  }

  const totalDue = redemptionPrice.plus(lateCharge)
  if (totalDue.gt(MAX_MONEY)) {
    // A premium, an as-converted value or a late charge can take the price past the largest amount.
    throw new ContradictionError([
      {
        pointer: pointers.election,
        detail: `the total due (${totalDue.toFixed(2)}) exceeds ${MAX_MONEY.toFixed(2)}, the largest amount supported`,
      },
    ])
  }

  const accruedDefaultRate = interest.defaultRates[interest.accruedInterestForm]
  return {
    clause: 'Note 4(b)',
    electionDate: election.date,
    electionEffectiveDate,
    portion: election.portion,
    paymentDueDate,
    paymentDate,
    redemptionDate,
    outstandingPrincipal: outstanding,
    capitalizedInterest: ledger.capitalizedInterest,
    redeemedPrincipal,
    accruedInterest: { from: ledger.lastInterestDate, base, default: defaultPart, total: accruedTotal, rows },
    premium: terms.premium,
    premiumAmount: redemptionPrice.minus(principalAndInterest),
    asConvertedValue,
    priceBasis,
    redemptionPrice,
    lateChargeRate: terms.lateChargeRate,
    lateChargeDays,
    lateCharge,
    totalDue,
    perDiem: roundMoney(redeemedPrincipal.times(accruedDefaultRate).div(perDiemBasis(interest.dayCount)), rounding),
    defaultInterestIncrement: sum(rows.map((r) => r.defaultIncrement)),
    ledger,
  }
}
