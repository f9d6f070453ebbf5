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
import { minDate, type IsoDate } from '../dates.js'

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

export function seriesPosition(
  series: ScenarioRequest,
  holderPrincipal: string,
  asOf: IsoDate,
  pointer = '/noteSeries',
): SeriesPosition {
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
  const payments: PrincipalPayment[] = [...terms.interest.principalPayments]
  if (paidOn !== null && redeemed.gt(0))
    payments.push({ date: paidOn, amount: redeemed, pointer: `${pointer}/events/paymentDate` })
  payments.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
  const through = minDate(asOf, terms.interest.maturityDate)
  const ledger =
    through <= terms.interest.issueDate
      ? null
      : within(pointer, () =>
          buildLedger(
            { ...terms.interest, principalPayments: payments },
            defaultWindow(eventOfDefaultDate, curedOn),
            through,
          ),
        )
  const outstanding = ledger?.outstandingPrincipal ?? terms.interest.principal
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
