/**
 * Note Section 4(b): after an Event of Default the holder may elect to redeem all or part of
 * the Note, with accrued Interest (including Interest at the default-adjusted rates). Its rule,
 * defaults, wording, views and the checks on an election (docs/rules/).
 */
import type { BusinessCalendar } from '../time/calendars/index.js'
import { perDiemBasis } from '../time/day-counts/index.js'
import { Decimal, MAX_MONEY, ZERO, ONE, formatMoney, formatRate, rateAsWritten, roundMoney, sum } from '../decimal.js'
import { ContradictionError, Contradictions, type Explanation } from '../explain.js'
import type { ElectionInput, NoteInput } from '../inputs.js'
import type { Timeline } from './timeline.js'
import { given } from './wording.js'
import {
  buildLedger,
  accruedRows,
  interestAmount,
  lateChargeFraction,
  perDiemDays,
  type DefaultInterval,
  type DefaultWindow,
  type InterestTerms,
  type Ledger,
  type LedgerRow,
  ledgerRowView,
} from './default-interest.js'
import { daysBetween, type IsoDate } from '../time/dates.js'

/** The case's redemption: 100% at par, due five Business Days after the effective election. */
export const REDEMPTION_DEFAULTS = {
  premium: '1.00',
  paymentBusinessDays: 5,
  portion: '1.00',
  prematureElection: 'defer' as const,
} as const

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
  /** the redeemed portion of the coupons not paid, and of their late charge; null when none were recorded */
  unpaidInterest: { amount: Decimal; lateCharge: Decimal } | null
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
    // A premature election takes effect on the Event of Default; cured that same day, there is nothing left to
    // redeem under.
    return {
      status: 'void',
      reason: 'cured-late',
      detail:
        `the premature election would take effect on the Event of Default (${eventOfDefaultDate}), the ` +
        'day it was cured',
    }
  }
  if (electionDate >= eventOfDefaultDate) return { status: 'effective', effectiveDate: electionDate }
  return { status: 'deferred', effectiveDate: eventOfDefaultDate }
}

/**
 * Where an election stands when Events of Default came by several routes (`periods`, each
 * [occurred, cured), sorted by date): a premature election takes effect on the earliest; an election
 * is effective while one is continuing, and void only when none is (nor any later one occurs).
 * With one route this is electionStanding, word for word.
 */
export function electionStandingOn(
  electionDate: IsoDate,
  periods: readonly DefaultInterval[],
  hadNotice = true,
): ElectionStanding {
  if (periods.length <= 1) {
    const only = periods[0] ?? null
    return electionStanding(electionDate, only?.from ?? null, only?.until ?? null, hadNotice)
  }
  const continuing = (d: IsoDate): boolean => periods.some((p) => p.from <= d && (p.until === null || d < p.until))
  const target = electionDate < periods[0]!.from ? periods[0]!.from : electionDate
  if (continuing(target))
    return target === electionDate
      ? { status: 'effective', effectiveDate: electionDate }
      : { status: 'deferred', effectiveDate: target }
  const next = periods.find((p) => p.from > target && continuing(p.from))
  if (next !== undefined) return { status: 'deferred', effectiveDate: next.from }
  const lastCure = periods.reduce((d, p) => (p.until !== null && p.until > d ? p.until : d), periods[0]!.from)
  return {
    status: 'void',
    reason: 'cured-late',
    detail: `no Event of Default is continuing on ${target} (every one that occurred was cured by ${lastCure})`,
  }
}

/**
 * The date the election takes effect: a premature one waits for the Event of Default; a void one is a
 * contradiction.
 */
function effectiveElection(
  election: RedemptionElection,
  periods: readonly DefaultInterval[],
  policy: PrematureElectionPolicy,
  pointers: RedemptionPointers,
  explanation: Explanation,
): IsoDate {
  const problems = new Contradictions()
  const standing = electionStandingOn(election.date, periods)
  const eventOfDefaultDate = standing.status === 'void' ? null : standing.effectiveDate
  if (standing.status === 'void') {
    problems.add(periods.length === 0 ? pointers.election : `${pointers.election}/date`, standing.detail)
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
    `The redemption election dated ${election.date} precedes the Event of Default (${eventOfDefaultDate}); it ` +
      `is treated as made on ${eventOfDefaultDate}.`,
  )
  return standing.effectiveDate
}

/**
 * The unpaid interest a redemption on a given date pays, and the late charge on it to that date
 * (both for the whole Note; the redemption takes its portion).
 */
export type OverdueInterestAt = (redemptionDate: IsoDate) => { unpaid: Decimal; lateCharge: Decimal }

/**
 * `periods` are the Events of Default that occurred, each [date, cure), sorted; `overdue` the
 * unpaid coupons (null when none were recorded: the answer then has no unpaid-interest part).
 */
export function redeem(
  interest: InterestTerms,
  window: DefaultWindow,
  periods: readonly DefaultInterval[],
  terms: RedemptionTerms,
  election: RedemptionElection,
  paymentDate: IsoDate | null,
  calendar: BusinessCalendar,
  pointers: RedemptionPointers,
  explanation: Explanation,
  overdue: OverdueInterestAt | null = null,
): RedemptionResult {
  const electionEffectiveDate = effectiveElection(election, periods, terms.prematureElection, pointers, explanation)
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
  // Coupons not paid stay owed: the redeemed portion of them joins the price, and of the late
  // charge they bore to the redemption date, the total due.
  const owed = overdue === null ? null : overdue(redemptionDate)
  const unpaidInterest = owed === null ? ZERO : roundMoney(owed.unpaid.times(election.portion), rounding)
  const unpaidInterestLateCharge = owed === null ? ZERO : roundMoney(owed.lateCharge.times(election.portion), rounding)
  const principalAndInterest = redeemedPrincipal.plus(accruedTotal).plus(unpaidInterest)

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
  // count), on the per diem's basis: / 360 for the 30/360 family and act/360, / 365 for act/365
  // fixed, and under act/act ISDA the days in leap years / 366, the others / 365.
  let lateCharge = ZERO
  let lateChargeDays = 0
  if (paidLate) {
    lateChargeDays = daysBetween(paymentDueDate, paymentDate)
    if (terms.lateChargeRate !== null) {
      lateCharge = interestAmount(
        redemptionPrice,
        terms.lateChargeRate,
        lateChargeFraction(interest.dayCount, paymentDueDate, paymentDate),
        rounding,
      )
    } else {
      explanation.warn(
        'late-payment-without-late-charge',
        `Paid ${lateChargeDays} days after the due date ${paymentDueDate}; no lateChargeRate is set, so no late ` +
          'charge is computed.',
      )
    }
  }

  const totalDue = redemptionPrice.plus(lateCharge).plus(unpaidInterestLateCharge)
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
    perDiem: roundMoney(
      redeemedPrincipal.times(accruedDefaultRate).div(perDiemDays(interest.dayCount, paymentDueDate)),
      rounding,
    ),
    defaultInterestIncrement: sum(rows.map((r) => r.defaultIncrement)),
    unpaidInterest: owed === null ? null : { amount: unpaidInterest, lateCharge: unpaidInterestLateCharge },
    ledger,
  }
}

/**
 * The checks on an election written once for the scenario and POST /v1/redemption: a portion in
 * (0, 1], dated on or after the issue date. Returns the portion.
 */
export function checkElection(
  problems: Contradictions,
  election: ElectionInput,
  issueDate: IsoDate,
  pointer: string,
): Decimal {
  const portion = rateAsWritten(election.portion ?? REDEMPTION_DEFAULTS.portion)
  problems.check(
    portion.gt(0) && portion.lte(1),
    `${pointer}/portion`,
    'must be in (0, 1]: a fraction of the outstanding principal',
  )
  problems.check(
    election.date >= issueDate,
    `${pointer}/date`,
    `precedes the issue date (${issueDate}): there is no note to redeem yet`,
  )
  return portion
}

/** Explains the redemption parameters (only when a redemption is computed). */
export function assumeRedemption(
  note: NoteInput,
  terms: { interest: InterestTerms; redemption: Omit<RedemptionTerms, 'prematureElection'> },
  election: ElectionInput,
  explanation: Explanation,
): void {
  const r = note.redemption ?? {}
  const policy = election.policy ?? REDEMPTION_DEFAULTS.prematureElection
  explanation.assume(
    'portion',
    `The holder redeems ${election.portion ?? REDEMPTION_DEFAULTS.portion} of the outstanding principal, ` +
      `interest notes included (${given(election.portion !== undefined)}).`,
  )
  explanation.assume(
    'premature-election',
    'An election dated before the Event of Default is ' +
      `${policy === 'defer' ? 'treated as made on the Event of Default date' : 'rejected'} (${policy}; ` +
      `${given(election.policy !== undefined)}).`,
  )
  explanation.assume(
    'ledger-horizon',
    'The interest ledger runs to the redemption date (exclusive); the days since the last Interest Date accrue ' +
      'at the accruedInterestForm rates.',
  )
  explanation.assume(
    'premium',
    `Redemption price = (principal + accrued interest) × ${formatRate(terms.redemption.premium)} ` +
      `(${given(r.premium !== undefined)}).`,
  )
  if (terms.redemption.conversion !== null) {
    explanation.assume(
      'as-converted',
      'As converted: (principal + accrued interest) / ' +
        `${terms.redemption.conversion.conversionPrice.toString()} × ` +
        `${terms.redemption.conversion.highestClosingPrice.toString()}, rounded to cents; the redemption price ` +
        'is the greater of it and the premium price.',
    )
  }
  explanation.assume(
    'payment-business-days',
    `The redemption price is due ${terms.redemption.paymentBusinessDays} Business Days after the effective ` +
      `election (${given(r.paymentBusinessDays !== undefined)}).`,
  )
  const dayCount = terms.interest.dayCount
  // Under act/act ISDA the year has 365 or 366 days: said once, as the ledger counts them.
  const actAct = dayCount === 'act-act-isda'
  explanation.assume(
    'per-diem-basis',
    actAct
      ? `Per diem = redeemed principal × default ${terms.interest.accruedInterestForm} rate / 366 when the due ` +
          "date falls in a leap year, else / 365 (act-act-isda: the ledger's own year); it is what each day of an " +
          'earlier payment saves, interest stopping at the due date.'
      : `Per diem = redeemed principal × default ${terms.interest.accruedInterestForm} rate / ` +
          `${perDiemBasis(dayCount)} (${dayCount}).`,
  )
  explanation.assume(
    'default-interest-increment',
    'The default interest increment is, per accrued sub-period at default rates, the interest at (default rate ' +
      '− normal rate), rounded.',
  )
  explanation.assume(
    'late-charge',
    terms.redemption.lateChargeRate === null
      ? 'No late charge rate is set: a late payment adds no late charge (default).'
      : actAct
        ? `A late payment adds ${formatRate(terms.redemption.lateChargeRate)} per annum on the redemption price ` +
          'for each actual day from the due date to the payment date, the days in leap years over 366 and the ' +
          'others over 365 (as act-act-isda counts them); interest itself stops at the due date.'
        : `A late payment adds ${formatRate(terms.redemption.lateChargeRate)} per annum on the redemption price ` +
          `for each actual day from the due date to the payment date, over ${perDiemBasis(dayCount)} (the per ` +
          `diem's basis for ${dayCount}).`,
  )
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
    ...(r.unpaidInterest === null
      ? {}
      : {
          unpaidInterest: formatMoney(r.unpaidInterest.amount),
          unpaidInterestLateCharge: formatMoney(r.unpaidInterest.lateCharge),
        }),
  }
}

/** Where the scenario's redemption election stands: effective, deferred to the Event of Default, or void. */
export function electionView(election: ElectionInput, standing: ElectionStanding) {
  return {
    clause: 'Note 4(b)',
    date: election.date,
    portion: election.portion ?? REDEMPTION_DEFAULTS.portion,
    status: standing.status,
    effectiveDate: standing.status === 'void' ? null : standing.effectiveDate,
    voidReason: standing.status === 'void' ? standing.reason : null,
  }
}

/** The timeline's words for the redemption's amounts (a series of holders restates them with its sums). */
export const redemptionDueText = (price: string): string => `Redemption price of ${price} due.`
export const redemptionPaidText = (lateCharge: string): string =>
  `Redemption paid${lateCharge !== '0.00' ? ` late, with a late charge of ${lateCharge}` : ''}.`

/** An election void under electionStanding, as the timeline states it. */
export interface VoidElection {
  date: IsoDate
  portion: Decimal
  detail: string
}

export function redemptionTimeline(
  t: Timeline,
  redemption: RedemptionResult | null,
  voided: VoidElection | null,
): void {
  if (redemption !== null) {
    t.add(
      redemption.electionDate,
      'redemption-election',
      redemption.clause,
      `Holder elects to redeem ${redemption.portion.times(100).toString()}% of the Note.`,
    )
    if (redemption.electionEffectiveDate !== redemption.electionDate) {
      t.add(
        redemption.electionEffectiveDate,
        'redemption-election-effective',
        redemption.clause,
        'The premature election takes effect on the Event of Default.',
      )
    }
    t.add(
      redemption.paymentDueDate,
      'redemption-payment-due',
      redemption.clause,
      redemptionDueText(formatMoney(redemption.redemptionPrice)),
    )
    if (redemption.paymentDate !== null) {
      t.add(
        redemption.paymentDate,
        'redemption-payment',
        redemption.clause,
        redemptionPaidText(formatMoney(redemption.lateCharge)),
      )
    }
  }
  if (voided !== null) {
    t.add(
      voided.date,
      'redemption-election',
      'Note 4(b)',
      `Holder elects to redeem ${voided.portion.times(100).toString()}% of the Note; the election is void: ` +
        `${voided.detail}.`,
    )
  }
}

export interface PayoffQuote {
  date: IsoDate
  totalDue: string
  dailyChange: string
  lateCharge: string
}

/** The most payoff quotes one answer lists (schemas/PayoffQuotes.json). */
export const MAX_PAYOFF_QUOTES = 30

/**
 * Payoff quotes: for each of the next Business Days from `from` (default: the effective election),
 * the total due if the redemption is paid that day. On or before the due date interest runs to the
 * day before; after it, the due date's price plus the late charge to that day. Each carries its daily
 * change: the per diem before the due date, the late charge's daily amount after it.
 */
export function payoffQuotes(
  input: { from?: string; businessDays: number },
  redemption: RedemptionResult | null,
  calendar: BusinessCalendar,
  interest: Pick<InterestTerms, 'dayCount' | 'rounding'>,
  lateChargeRate: Decimal | null,
  explanation: Explanation,
  paidOn: (date: IsoDate) => RedemptionResult,
): PayoffQuote[] {
  if (redemption === null) {
    explanation.warn(
      'payoff-quotes-without-redemption',
      'Payoff quotes need an effective redemption election: none is computed.',
    )
    return []
  }
  const from = input.from ?? redemption.electionEffectiveDate
  if (from < redemption.electionEffectiveDate) {
    throw new ContradictionError([
      {
        pointer: '/payoffQuotes/from',
        detail: `precedes the effective redemption election (${redemption.electionEffectiveDate})`,
      },
    ])
  }
  const problems = new Contradictions()
  const days: IsoDate[] = []
  let day = calendar.addBusinessDays(from, 0)
  for (let i = 0; i < Math.min(input.businessDays, MAX_PAYOFF_QUOTES); i++) {
    problems.checkComputedDate(day, '/payoffQuotes', 'a payoff date')
    problems.throwIfAny()
    days.push(day)
    day = calendar.addBusinessDays(day, 1)
  }
  explanation.assume(
    'payoff-quotes',
    `Payoff quotes for ${days.length} Business Day(s) from ${from} ` +
      `(${input.from === undefined ? 'default: the effective election' : 'as given'}): ` +
      "on or before the due date, interest to the day before the day paid; after it, the due date's price plus the " +
      'late charge to that day (interest stops at the due date).',
  )
  return days.map((date) => {
    const r = paidOn(date)
    const late = r.lateCharge.plus(r.unpaidInterest?.lateCharge ?? ZERO)
    const daily =
      date <= r.paymentDueDate
        ? r.perDiem
        : lateChargeRate === null
          ? ZERO
          : roundMoney(
              r.redemptionPrice.times(lateChargeRate).div(perDiemDays(interest.dayCount, date)),
              interest.rounding,
            )
    return { date, totalDue: formatMoney(r.totalDue), dailyChange: formatMoney(daily), lateCharge: formatMoney(late) }
  })
}
