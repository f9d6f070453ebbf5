/**
 * A holder's convertible given as its part of the scenario's note series: the amount that
 * converts is that holder's outstanding principal as of asOf, from the interest ledger computed
 * on its own principal (each interest note issued on an Interest Date on or before asOf adds to
 * it, rounded per holder), less what a redemption paid on or before asOf took away.
 */
import { Decimal, sum, ZERO } from '../decimal.js'
import { ContradictionError, Explanation } from '../explain.js'
import { accruedRows, buildLedger, type PrincipalPayment } from '../clauses/default-interest.js'
import type { ScenarioRequest } from '../inputs.js'
import { computeScenario, defaultWindow } from '../scenario.js'
import { readNote } from '../terms.js'
import { minDate, type IsoDate } from '../time/dates.js'

export interface SeriesPosition {
  issueDate: IsoDate
  maturityDate: IsoDate
  /** the holder's principal at issue */
  principal: Decimal
  /** interest notes issued to the holder on Interest Dates on or before asOf */
  interestNotes: Decimal
  /** principal redeemed and paid on or before asOf */
  redeemed: Decimal
  /** principal + interest notes - redeemed (and scheduled principal payments) */
  outstanding: Decimal
  /** interest accrued since the last Interest Date, to asOf (exclusive) */
  accruedInterest: Decimal
  redemptionPaidOn: IsoDate | null
}

/** Contradictions inside the series are reported under the request's `pointer` (e.g. /noteSeries). */
function within<T>(pointer: string, compute: () => T): T {
  try {
    return compute()
  } catch (error) {
    if (error instanceof ContradictionError)
      throw new ContradictionError(error.errors.map((e) => ({ pointer: `${pointer}${e.pointer}`, detail: e.detail })))
    throw error
  }
}

interface SeriesLedger {
  terms: ReturnType<typeof readNote>
  ledger: ReturnType<typeof buildLedger> | null
  payments: PrincipalPayment[]
  paidOn: IsoDate | null
  redeemed: Decimal
  /** redeemed principal that no longer bears interest but is not paid by asOf (a late payment) */
  unpaid: Decimal
}

/** The holder's ledger through asOf (or maturity), with the redemption paid by asOf as a payment. */
function seriesLedger(series: ScenarioRequest, holderPrincipal: string, asOf: IsoDate, pointer: string): SeriesLedger {
  const request: ScenarioRequest = { ...series, note: { ...series.note, principal: holderPrincipal }, asOf }
  const scenario = within(pointer, () => computeScenario(request))
  const terms = within(pointer, () =>
    readNote(
      request.note,
      {
        extraHolidays: request.extraHolidays,
        rounding: request.rounding,
        principalPayments: request.principalPayments,
      },
      new Explanation(),
    ),
  )
  const eventOfDefaultDate = scenario.eventOfDefault.date
  const curedOn = series.events?.curedOn ?? null
  const redemption = scenario.redemption
  const paidOn =
    redemption !== null && redemption.paymentDate !== null && redemption.paymentDate <= asOf
      ? redemption.paymentDate
      : null
  const redeemed = paidOn !== null ? new Decimal(redemption!.redeemedPrincipal) : ZERO
  const byDate = (a: PrincipalPayment, b: PrincipalPayment): number => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)
  const payments: PrincipalPayment[] = [...terms.interest.principalPayments]
  // The redemption price pays the interest accrued on the redeemed principal since the last
  // Interest Date, to the redemption date, and the redeemed principal bears no interest after it (a
  // late payment adds a late charge instead): no interest note is issued on it after that Interest
  // Date. So, for a redemption that is paid, the ledger accrues from that Interest Date on the
  // principal left once the redemption date has come, while the principal itself (and its
  // conversion shares) falls on the day the redemption is paid.
  const accrual: PrincipalPayment[] = [...terms.interest.principalPayments]
  const at = `${pointer}/events/paymentDate`
  if (paidOn !== null && redeemed.gt(0)) payments.push({ date: paidOn, amount: redeemed, pointer: at })
  let unpaid = ZERO
  if (redemption !== null && redemption.paymentDate !== null && redemption.redemptionDate <= asOf) {
    const amount = new Decimal(redemption.redeemedPrincipal)
    if (amount.gt(0)) accrual.push({ date: redemption.accruedInterest.from, amount, pointer: at })
    // Paid late, after asOf: the notes are still outstanding (and convertible) until paid.
    if (paidOn === null) unpaid = amount
  }
  payments.sort(byDate)
  accrual.sort(byDate)
  const through = minDate(asOf, terms.interest.maturityDate)
  const ledger =
    through <= terms.interest.issueDate
      ? null
      : within(pointer, () =>
          buildLedger(
            { ...terms.interest, principalPayments: accrual },
            defaultWindow(eventOfDefaultDate, curedOn),
            through,
          ),
        )
  return { terms, ledger, payments, paidOn, redeemed, unpaid }
}

export function seriesPosition(
  series: ScenarioRequest,
  holderPrincipal: string,
  asOf: IsoDate,
  pointer = '/noteSeries',
): SeriesPosition {
  const { terms, ledger, paidOn, redeemed, unpaid } = seriesLedger(series, holderPrincipal, asOf, pointer)
  const outstanding = ledger === null ? terms.interest.principal : ledger.outstandingPrincipal.plus(unpaid)
  return {
    issueDate: terms.interest.issueDate,
    maturityDate: terms.interest.maturityDate,
    principal: terms.interest.principal,
    interestNotes: ledger?.capitalizedInterest ?? ZERO,
    redeemed,
    outstanding: outstanding.lt(0) ? ZERO : outstanding,
    accruedInterest: ledger === null ? ZERO : sum(accruedRows(ledger).map((r) => r.amount)),
    redemptionPaidOn: paidOn,
  }
}

/** A date on which a holder's outstanding principal of the series changes, and why. */
export interface SeriesStep {
  date: IsoDate
  /** the outstanding principal from this date on */
  outstanding: Decimal
  cause: 'interest-notes' | 'redemption'
}

export interface SeriesPath {
  issueDate: IsoDate
  maturityDate: IsoDate
  principal: Decimal
  /** sorted by date, each date once */
  steps: SeriesStep[]
  redemptionPaidOn: IsoDate | null
}

/**
 * The holder's outstanding principal through `through`, as steps, from one ledger: the ledger is
 * causal (a row depends on earlier dates only), so the principal on any date d <= through is
 * what seriesPosition answers as of d. Interest accrued since the last Interest Date is not
 * part of it (a timeline converts principal only).
 */
export function seriesPath(
  series: ScenarioRequest,
  holderPrincipal: string,
  through: IsoDate,
  pointer = '/noteSeries',
): SeriesPath {
  const { terms, ledger, payments, paidOn } = seriesLedger(series, holderPrincipal, through, pointer)
  const last = minDate(through, terms.interest.maturityDate)
  const changes = new Map<IsoDate, { delta: Decimal; cause: SeriesStep['cause'] }>()
  const change = (date: IsoDate, delta: Decimal, cause: SeriesStep['cause']): void => {
    const c = changes.get(date)
    // A payment and an interest note on one date: the payment names it (the principal falls).
    if (c === undefined) changes.set(date, { delta, cause })
    else changes.set(date, { delta: c.delta.plus(delta), cause: cause === 'redemption' ? cause : c.cause })
  }
  for (const row of ledger?.rows ?? []) {
    if (row.status === 'capitalized' && row.interestDate !== null && row.amount.gt(0))
      change(row.interestDate, row.amount, 'interest-notes')
  }
  if (ledger !== null) for (const p of payments) if (p.date <= last) change(p.date, p.amount.neg(), 'redemption')
  let outstanding = terms.interest.principal
  const steps: SeriesStep[] = []
  for (const date of [...changes.keys()].sort()) {
    outstanding = outstanding.plus(changes.get(date)!.delta)
    steps.push({ date, outstanding: outstanding.lt(0) ? ZERO : outstanding, cause: changes.get(date)!.cause })
  }
  return {
    issueDate: terms.interest.issueDate,
    maturityDate: terms.interest.maturityDate,
    principal: terms.interest.principal,
    steps,
    redemptionPaidOn: paidOn,
  }
}

/** The outstanding principal on `date` along a path (the last step on or before it). */
export function outstandingOn(path: SeriesPath, date: IsoDate): Decimal {
  let lo = 0
  let hi = path.steps.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (path.steps[mid]!.date <= date) lo = mid + 1
    else hi = mid
  }
  return lo === 0 ? path.principal : path.steps[lo - 1]!.outstanding
}
