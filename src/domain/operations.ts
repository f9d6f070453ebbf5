/**
 * The single-clause computations behind POST /v1/covenant-deadline, /v1/cure-period,
 * /v1/default-interest and /v1/redemption: each takes just the inputs its clause needs, in
 * the same shapes as the scenario's parts.
 */
import { assumeBreach, covenantStatus, covenantView, readCovenant } from './clauses/covenant.js'
import { buildLedger, interestView, ledgerRowView } from './clauses/default-interest.js'
import {
  assumeNoticeAndCure,
  checkCureDates,
  checkNoticeAndCure,
  curePeriod,
  eventOfDefaultView,
  noticeEffect,
  noticeView,
  readNoticeRules,
} from './clauses/notice-and-cure.js'
import {
  markUnpaid,
  overdueAt,
  paymentRouteView,
  paymentsRoute,
  unpaidInterestView,
  withUnpaidTotal,
} from './clauses/payment-default.js'
import { assumeRedemption, checkElection, redeem, redemptionView } from './clauses/redemption.js'
import { Contradictions, Explanation } from './explain.js'
import type { Schemas } from '../contract/types.js'
import { resolveAsOf, warnEventsAfterAsOf } from './scenario.js'
import { DEFAULTS, readCalendar, readNote } from './terms.js'
import { todayInNewYork, type IsoDate } from './time/dates.js'

export type CovenantDeadlineRequest = Schemas['CovenantDeadlineRequest']

export function computeCovenantDeadline(req: CovenantDeadlineRequest, today: () => IsoDate = todayInNewYork) {
  const explanation = new Explanation()
  const asOf = resolveAsOf(req.asOf, explanation, today)
  const problems = new Contradictions()
  const performedOn = req.covenantPerformedOn ?? null
  if (performedOn !== null)
    problems.check(
      performedOn >= req.spa.closingDate,
      '/covenantPerformedOn',
      `precedes the Closing (${req.spa.closingDate})`,
    )
  problems.throwIfAny()
  const calendar = readCalendar(req.calendar, req.extraHolidays ?? [], explanation)
  const covenant = covenantStatus(readCovenant(req.spa, explanation), calendar, performedOn, asOf)
  assumeBreach(covenant, explanation)
  warnEventsAfterAsOf(explanation, asOf, { covenantPerformedOn: performedOn })
  const beyond = new Contradictions()
  beyond.checkComputedDate(covenant.deadline, '/spa/covenant/period', 'the covenant deadline')
  beyond.throwIfAny()
  return {
    asOf,
    covenant: covenantView(covenant),
    warnings: explanation.warnings,
    assumptions: explanation.assumptions,
  }
}

export type CurePeriodRequest = Schemas['CurePeriodRequest']

export function computeCurePeriod(req: CurePeriodRequest, today: () => IsoDate = todayInNewYork) {
  const explanation = new Explanation()
  const asOf = resolveAsOf(req.asOf, explanation, today)
  const problems = new Contradictions()
  const curedOn = req.curedOn ?? null
  const effectiveDate = req.noticeOfDefault.effectiveDate ?? null
  checkNoticeAndCure(problems, req.noticeOfDefault, curedOn, {
    sentAt: '/noticeOfDefault/sentAt',
    effectiveDate: '/noticeOfDefault/effectiveDate',
    curedOn: '/curedOn',
  })
  problems.throwIfAny()

  const calendar = readCalendar(req.calendar, req.extraHolidays ?? [], explanation)
  const rules = readNoticeRules(req.notice)
  const effect = noticeEffect(
    { sentAt: req.noticeOfDefault.sentAt, methods: req.noticeOfDefault.methods, effectiveDate },
    rules,
    calendar,
  )
  const cureBusinessDays = req.cure?.businessDays ?? DEFAULTS.cureBusinessDays
  const cure = curePeriod(effect.effectiveDate, cureBusinessDays, calendar, curedOn, asOf)
  assumeNoticeAndCure(rules, effect.basis, cureBusinessDays, req.cure?.businessDays !== undefined, explanation)
  warnEventsAfterAsOf(explanation, asOf, { noticeSent: effect.sentDate, curedOn })
  const beyond = new Contradictions()
  checkCureDates(beyond, effect.effectiveDate, cure, '/noticeOfDefault')
  beyond.throwIfAny()
  return {
    asOf,
    notice: noticeView(effect, cure),
    eventOfDefault: eventOfDefaultView(cure),
    warnings: explanation.warnings,
    assumptions: explanation.assumptions,
  }
}

export type DefaultInterestRequest = Schemas['DefaultInterestRequest']

export function computeDefaultInterest(req: DefaultInterestRequest) {
  const explanation = new Explanation()
  const terms = readNote(req.note, req, explanation)
  const problems = new Contradictions()
  const eod = req.eventOfDefaultDate ?? null
  const curedOn = req.curedOn ?? null
  // As for /v1/redemption: a note cannot be in default before it is issued.
  if (eod !== null)
    problems.check(
      eod > terms.interest.issueDate,
      '/eventOfDefaultDate',
      `must be after the issue date (${terms.interest.issueDate})`,
    )
  if (curedOn !== null) {
    problems.check(eod !== null, '/curedOn', 'a cure needs an eventOfDefaultDate')
    // Cured the day it occurred: default rates apply on [eod, curedOn), no day at all.
    if (eod !== null) problems.check(curedOn >= eod, '/curedOn', `must not precede the Event of Default (${eod})`)
  }
  const through = req.through ?? terms.interest.maturityDate
  problems.check(
    through >= terms.interest.issueDate,
    '/through',
    `precedes the issue date (${terms.interest.issueDate})`,
  )
  problems.throwIfAny()
  explanation.assume(
    'ledger-horizon',
    `The interest ledger runs to ${through} (exclusive; ` +
      `${req.through === undefined ? 'default: the maturity date' : 'as given'}).`,
  )
  if (through > terms.interest.maturityDate) {
    explanation.warn(
      'ledger-after-maturity',
      `The ledger runs to ${through}, after the maturity date ${terms.interest.maturityDate}: interest accrues ` +
        'past maturity as if the note were still outstanding.',
    )
  }
  // Coupons recorded as not paid: their payment default joins the Event of Default given; statuses as of `through`.
  const payments = paymentsRoute(
    req.interestPayments,
    req.note.paymentDefault,
    terms,
    null,
    eod,
    curedOn,
    through,
    explanation,
    '/interestPayments',
    'through',
  )
  const ledger = markUnpaid(buildLedger(terms.interest, payments.window, through), payments.coupons)
  const lateChargeRate = terms.redemption.lateChargeRate
  return {
    noteId: terms.id,
    eventOfDefaultDate: eod,
    curedOn,
    interest: payments.recorded
      ? withUnpaidTotal(interestView(terms.interest, ledger), payments.coupons)
      : interestView(terms.interest, ledger),
    interestLedger: ledger.rows.map(ledgerRowView),
    ...(payments.recorded
      ? {
          unpaidInterest: unpaidInterestView(
            payments.coupons,
            payments.route,
            terms.interest,
            lateChargeRate,
            through,
            through,
            payments.window,
          ),
          eventsOfDefault: payments.route === null ? [] : [paymentRouteView(payments.route)],
        }
      : {}),
    warnings: explanation.warnings,
    assumptions: explanation.assumptions,
  }
}

export type RedemptionRequest = Schemas['RedemptionRequest']

export function computeRedemption(req: RedemptionRequest) {
  const explanation = new Explanation()
  const terms = readNote(req.note, req, explanation)
  const problems = new Contradictions()
  const portion = checkElection(problems, req.redemptionElection, terms.interest.issueDate, '/redemptionElection')
  problems.check(
    req.eventOfDefaultDate > terms.interest.issueDate,
    '/eventOfDefaultDate',
    `must be after the issue date (${terms.interest.issueDate})`,
  )
  const curedOn = req.curedOn ?? null
  // A cure on the Event of Default's own day is a cure (as in /v1/default-interest); redeem() then refuses an
  // election on or after it.
  if (curedOn !== null)
    problems.check(
      curedOn >= req.eventOfDefaultDate,
      '/curedOn',
      `must not precede the Event of Default (${req.eventOfDefaultDate})`,
    )
  problems.throwIfAny()
  assumeRedemption(req.note, terms, req.redemptionElection, explanation)
  const policy = req.redemptionElection.policy ?? DEFAULTS.prematureElection
  // Coupons recorded as not paid: checked against the maturity date (the redemption date is not known
  // yet), then each must fall on or before the redemption date.
  const payments = paymentsRoute(
    req.interestPayments,
    req.note.paymentDefault,
    terms,
    null,
    req.eventOfDefaultDate,
    curedOn,
    terms.interest.maturityDate,
    explanation,
    '/interestPayments',
    'the maturity date',
  )
  const lateChargeRate = terms.redemption.lateChargeRate
  const redemption = redeem(
    terms.interest,
    payments.window,
    payments.periods,
    { ...terms.redemption, prematureElection: policy },
    { date: req.redemptionElection.date, portion },
    req.paymentDate ?? null,
    terms.calendar,
    { election: '/redemptionElection', paymentDate: '/paymentDate' },
    explanation,
    payments.recorded ? overdueAt(payments.coupons, terms.interest, lateChargeRate, payments.window) : null,
  )
  const beyond = new Contradictions()
  beyond.checkComputedDate(redemption.paymentDueDate, '/redemptionElection', 'the redemption payment due date')
  for (const c of payments.coupons)
    beyond.check(
      c.interestDate <= redemption.redemptionDate,
      `${c.pointer}/interestDate`,
      `falls after the redemption date (${redemption.redemptionDate}): the redemption pays that period's ` +
        'interest as accrued interest',
    )
  beyond.throwIfAny()
  const end = redemption.redemptionDate
  return {
    noteId: terms.id,
    redemption: redemptionView(redemption),
    ...(payments.recorded
      ? {
          unpaidInterest: unpaidInterestView(
            payments.coupons,
            payments.route,
            terms.interest,
            lateChargeRate,
            end,
            end,
            payments.window,
          ),
        }
      : {}),
    warnings: explanation.warnings,
    assumptions: explanation.assumptions,
  }
}
