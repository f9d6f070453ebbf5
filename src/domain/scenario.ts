/**
 * The whole lifecycle of a note in default as one dated timeline, composed of its clauses
 * (src/domain/clauses/): SPA 4(i) covenant, notice and cure period (Note 4(a)(iv)), default
 * interest (Note 2) and redemption (Note 4(b)). The checks between events live here, once.
 */
import { assumeBreach, covenantStatus, covenantTimeline, covenantView, readCovenant } from './clauses/covenant.js'
import type { CovenantResult } from './clauses/covenant.js'
import {
  buildLedger,
  defaultRatesTimeline,
  defaultWindow,
  type DefaultWindow,
  interestView,
  ledgerRowView,
  principalPaymentsTimeline,
} from './clauses/default-interest.js'
import {
  assumeNoticeAndCure,
  checkCureDates,
  checkNoticeAndCure,
  curePeriod,
  eventOfDefaultView,
  noticeAndCureTimeline,
  noticeEffect,
  noticeView,
  type CureResult,
  type NoticeEffect,
} from './clauses/notice-and-cure.js'
import {
  assumeRedemption,
  checkElection,
  electionStandingOn,
  electionView,
  payoffQuotes,
  redeem,
  redemptionTimeline,
  redemptionView,
  type ElectionStanding,
  type RedemptionResult,
  type VoidElection,
} from './clauses/redemption.js'
import {
  markUnpaid,
  overdueAt,
  paymentRouteView,
  paymentTimeline,
  paymentsRoute,
  type PaymentsRoute,
  unpaidInterestView,
  withUnpaidTotal,
  type PaymentRoute,
  type RouteView,
} from './clauses/payment-default.js'
import { Timeline, type TimelineEntry } from './clauses/timeline.js'
import { formatMoney, rateAsWritten, type Decimal } from './decimal.js'
import { Contradictions, Explanation } from './explain.js'
import { DEFAULTS, readNote, type NoteTerms } from './terms.js'
import { maxDate, minDate, todayInNewYork, type IsoDate } from './time/dates.js'
import type { ScenarioRequest } from './inputs.js'

export type { TimelineEntry }
export { defaultWindow }
export { redemptionDueText, redemptionPaidText } from './clauses/redemption.js'

/** Resolves `asOf`, defaulting to today in New York (recorded as an assumption). */
export function resolveAsOf(
  asOf: string | undefined,
  explanation: Explanation,
  today: () => IsoDate = todayInNewYork,
): IsoDate {
  if (asOf !== undefined) {
    explanation.assume('as-of', `Statuses are as of ${asOf} (as given).`)
    return asOf
  }
  const date = today()
  explanation.assume('as-of', `Statuses are as of today in New York, ${date} (default: no asOf given).`)
  return date
}

/**
 * An event dated after `asOf` has not happened as of `asOf`: it is computed as given, and says so,
 * each kind under its own code.
 */
function warnIfAfterAsOf(
  explanation: Explanation,
  date: IsoDate | null,
  asOf: IsoDate,
  code: string,
  what: string,
  consequence: string,
): void {
  if (date !== null && date > asOf)
    explanation.warn(code, `The ${what} (${date}) falls after asOf (${asOf}): ${consequence}`)
}

/**
 * Each event dated after `asOf`, under its own warning (the covenant's and the cure's statuses are judged on
 * `asOf`).
 */
export function warnEventsAfterAsOf(
  explanation: Explanation,
  asOf: IsoDate,
  dates: { covenantPerformedOn?: IsoDate | null; noticeSent?: IsoDate | null; curedOn?: IsoDate | null },
): void {
  warnIfAfterAsOf(
    explanation,
    dates.covenantPerformedOn ?? null,
    asOf,
    'covenant-performance-after-as-of',
    'covenant performance',
    'the covenant status is as of asOf, before it.',
  )
  warnIfAfterAsOf(
    explanation,
    dates.noticeSent ?? null,
    asOf,
    'notice-after-as-of',
    'notice of default',
    'the notice, its cure period and the Event of Default are computed as if it had been sent.',
  )
  warnIfAfterAsOf(
    explanation,
    dates.curedOn ?? null,
    asOf,
    'cure-after-as-of',
    'cure',
    'the cure is applied to the interest, but the statuses are as of asOf, before it.',
  )
}

/** The checks between the scenario's events (each clause's own inputs are checked by the clause's check). */
function checkEvents(req: ScenarioRequest, terms: NoteTerms, problems: Contradictions): Decimal {
  const events = req.events ?? {}
  const spa = req.spa ?? null
  const notice = events.noticeOfDefault ?? null
  const issueDate = terms.interest.issueDate
  if (spa !== null && events.covenantPerformedOn != null) {
    problems.check(
      events.covenantPerformedOn >= spa.closingDate,
      '/events/covenantPerformedOn',
      `precedes the Closing (${spa.closingDate})`,
    )
  } else if (events.covenantPerformedOn != null) {
    // Not dropped in silence: without the SPA there is no covenant to have performed.
    problems.add(
      '/events/covenantPerformedOn',
      'a covenant performance needs the SPA (spa) whose Section 4(i) covenant it performs',
    )
  }
  if (notice !== null) {
    const at = {
      sentAt: '/events/noticeOfDefault/sentAt',
      effectiveDate: '/events/noticeOfDefault/effectiveDate',
      curedOn: '/events/curedOn',
    }
    checkNoticeAndCure(problems, notice, events.curedOn ?? null, at, (nySent) => {
      // Not before the Closing; and whatever the Closing, not before the note exists to be in default.
      if (spa !== null && nySent < spa.closingDate) problems.add(at.sentAt, `precedes the Closing (${spa.closingDate})`)
      else problems.check(nySent >= issueDate, at.sentAt, `precedes the issue date (${issueDate})`)
    })
  } else if (events.curedOn != null) {
    problems.add('/events/curedOn', 'a cure needs a notice of default (events.noticeOfDefault) to cure')
  }
  const election = events.redemptionElection ?? null
  if (election !== null) return checkElection(problems, election, issueDate, '/events/redemptionElection')
  if (events.paymentDate != null)
    problems.add('/events/paymentDate', 'a redemption payment needs a redemption election (events.redemptionElection)')
  return rateAsWritten(DEFAULTS.portion)
}

function timelineOf(
  terms: NoteTerms,
  closingDate: IsoDate | null,
  covenant: CovenantResult | null,
  effect: NoticeEffect | null,
  cure: CureResult | null,
  redemption: RedemptionResult | null,
  voidElection: VoidElection | null,
  payments: PaymentsRoute,
): TimelineEntry[] {
  const t = new Timeline()
  t.add(
    terms.interest.issueDate,
    'note-issued',
    'Note',
    `Note issued: principal ${formatMoney(terms.interest.principal)}, maturity ${terms.interest.maturityDate}.`,
  )
  t.add(closingDate, 'spa-closing', 'SPA', 'Closing under the Securities Purchase Agreement.')
  principalPaymentsTimeline(t, terms.interest)
  if (covenant !== null) covenantTimeline(t, covenant)
  // With a payment default the default rates follow every route's window, not the cure alone.
  const paymentDefault = payments.route?.date != null
  if (effect !== null && cure !== null) noticeAndCureTimeline(t, effect, cure, !paymentDefault)
  paymentTimeline(t, payments.coupons, payments.route)
  if (paymentDefault) defaultRatesTimeline(t, payments.window)
  redemptionTimeline(t, redemption, voidElection)
  t.add(
    terms.interest.maturityDate,
    'maturity',
    'Note',
    'Maturity Date: the principal outstanding and its interest are due.',
  )
  return t.sorted()
}

/** /eventsOfDefault: each route with its date, clause and status. */
function routesView(cure: CureResult | null, route: PaymentRoute | null, curedOn: IsoDate | null): RouteView[] {
  const routes: RouteView[] = []
  if (cure !== null)
    routes.push({
      route: 'covenant',
      date: cure.eventOfDefaultDate,
      clause: cure.clause,
      status: cure.eventOfDefaultStatus,
      curedOn: cure.eventOfDefaultDate !== null ? curedOn : null,
    })
  if (route !== null) routes.push(paymentRouteView(route))
  return routes
}

/** /eventOfDefault with a payment default: the earliest route's, and the window of every route. */
function earliestView(cure: CureResult | null, route: PaymentRoute, curedOn: IsoDate | null, window: DefaultWindow) {
  const earliest = routesView(cure, route, curedOn)
    .filter((r) => r.date !== null)
    .reduce((a, b) => (b.date! < a.date! ? b : a))
  return {
    clause: earliest.clause,
    date: earliest.date,
    status: earliest.status,
    curedOn: earliest.curedOn,
    defaultRatesFrom: window.from,
    defaultRatesUntil: window.until,
  }
}

export function computeScenario(req: ScenarioRequest, today: () => IsoDate = todayInNewYork) {
  const explanation = new Explanation()
  const asOf = resolveAsOf(req.asOf, explanation, today)
  const terms = readNote(
    req.note,
    { extraHolidays: req.extraHolidays, rounding: req.rounding, principalPayments: req.principalPayments },
    explanation,
  )
  const problems = new Contradictions()
  const portion = checkEvents(req, terms, problems)
  problems.throwIfAny()

  const events = req.events ?? {}
  const spa = req.spa ?? null
  const calendar = terms.calendar
  const clauses = new Set<string>(['Note 2'])

  let covenant: CovenantResult | null = null
  if (spa !== null) {
    covenant = covenantStatus(readCovenant(spa, explanation), calendar, events.covenantPerformedOn ?? null, asOf)
    clauses.add(covenant.clause)
    assumeBreach(covenant, explanation)
  }

  let effect: NoticeEffect | null = null
  let cure: CureResult | null = null
  const notice = events.noticeOfDefault ?? null
  if (notice !== null) {
    effect = noticeEffect(
      { sentAt: notice.sentAt, methods: notice.methods, effectiveDate: notice.effectiveDate ?? null },
      terms.noticeRules,
      calendar,
    )
    cure = curePeriod(effect.effectiveDate, terms.cureBusinessDays, calendar, events.curedOn ?? null, asOf)
    clauses.add(cure.clause)
    assumeNoticeAndCure(
      terms.noticeRules,
      effect.basis,
      terms.cureBusinessDays,
      req.note.cure?.businessDays !== undefined,
      explanation,
    )
    if (
      covenant !== null &&
      !(
        effect.sentDate > covenant.deadline &&
        (covenant.performedOn === null || covenant.performedOn > effect.sentDate)
      )
    ) {
      explanation.warn(
        'notice-without-breach',
        `The ${covenant.clause} covenant was not in breach when the notice was sent (${effect.sentDate}).`,
      )
    }
    if (cure.eventOfDefaultStatus === 'pending') {
      explanation.warn(
        'event-of-default-after-as-of',
        `The Event of Default (${cure.eventOfDefaultDate}) falls after asOf (${asOf}); it occurs unless the ` +
          `default is cured by ${cure.cureDeadline}.`,
      )
    }
  }
  warnEventsAfterAsOf(explanation, asOf, {
    covenantPerformedOn: spa !== null ? (events.covenantPerformedOn ?? null) : null,
    noticeSent: effect?.sentDate ?? null,
    curedOn: events.curedOn ?? null,
  })

  const eventOfDefaultDate = cure?.eventOfDefaultDate ?? null
  const curedOn = events.curedOn ?? null
  const lateChargeRate = terms.redemption.lateChargeRate
  const payments = paymentsRoute(
    req.events?.interestPayments,
    req.note.paymentDefault,
    terms,
    effect?.effectiveDate ?? null,
    eventOfDefaultDate,
    curedOn,
    asOf,
    explanation,
    '/events/interestPayments',
  )
  const { window, periods, coupons, route } = payments
  if (route !== null && route.graces.length > 0) clauses.add(route.clause)

  let redemption: RedemptionResult | null = null
  let standing: ElectionStanding | null = null
  let voidElection: VoidElection | null = null
  const election = events.redemptionElection ?? null
  const paymentDate = events.paymentDate ?? null
  if (election !== null) {
    warnIfAfterAsOf(
      explanation,
      election.date,
      asOf,
      'redemption-election-after-as-of',
      'redemption election',
      'it is computed as if made on that date.',
    )
    warnIfAfterAsOf(
      explanation,
      paymentDate,
      asOf,
      'redemption-payment-after-as-of',
      'redemption payment',
      'it is computed as if paid on that date.',
    )
    if (effect !== null && election.date < effect.sentDate) {
      explanation.warn(
        'election-before-notice',
        `The redemption election dated ${election.date} precedes the notice of default (sent ` +
          `${effect.sentDate}): it is premature, made before the default was even notified.`,
      )
    }
    standing = electionStandingOn(election.date, periods, notice !== null)
    if (standing.status === 'void') {
      // A scenario reports facts that lead nowhere rather than refusing them (docs/decisions.md).
      explanation.warn(
        'election-void',
        `The redemption election dated ${election.date} is void: ${standing.detail}. No redemption is computed` +
          (paymentDate !== null ? `, and the payment dated ${paymentDate} pays no redemption.` : '.'),
      )
      clauses.add('Note 4(b)')
      voidElection = { date: election.date, portion, detail: standing.detail }
    } else {
      assumeRedemption(req.note, terms, election, explanation)
      redemption = redeem(
        terms.interest,
        window,
        periods,
        { ...terms.redemption, prematureElection: election.policy ?? DEFAULTS.prematureElection },
        { date: election.date, portion },
        paymentDate,
        calendar,
        { election: '/events/redemptionElection', paymentDate: '/events/paymentDate' },
        explanation,
        payments.recorded ? overdueAt(coupons, terms.interest, lateChargeRate, window) : null,
      )
      clauses.add(redemption.clause)
    }
  }

  // Dates reached from the inputs, as well as the inputs, stay in the supported range.
  const beyond = new Contradictions()
  beyond.checkComputedDate(covenant?.deadline ?? null, '/spa/covenant/period', 'the covenant deadline')
  if (effect !== null && cure !== null) checkCureDates(beyond, effect.effectiveDate, cure, '/events/noticeOfDefault')
  if (redemption !== null)
    beyond.checkComputedDate(redemption.paymentDueDate, '/events/redemptionElection', 'the redemption payment due date')
  for (const g of route?.graces ?? [])
    beyond.checkComputedDate(g.graceEnd, `${g.coupon.pointer}/interestDate`, 'the last day of grace')
  if (redemption !== null) {
    for (const c of coupons)
      beyond.check(
        c.interestDate <= redemption.redemptionDate,
        `${c.pointer}/interestDate`,
        `falls after the redemption date (${redemption.redemptionDate}): the redemption pays that period's ` +
          'interest as accrued interest',
      )
  }
  beyond.throwIfAny()
  const quotes =
    req.payoffQuotes === undefined
      ? null
      : payoffQuotes(req.payoffQuotes, redemption, calendar, terms.interest, lateChargeRate, explanation, (q) =>
          redeem(
            terms.interest,
            window,
            periods,
            { ...terms.redemption, prematureElection: election?.policy ?? DEFAULTS.prematureElection },
            { date: election!.date, portion },
            q,
            calendar,
            { election: '/events/redemptionElection', paymentDate: '/payoffQuotes' },
            new Explanation(),
            payments.recorded ? overdueAt(coupons, terms.interest, lateChargeRate, window) : null,
          ),
        )
  const end = redemption?.redemptionDate ?? asOf
  if (coupons.some((c) => c.paidOn !== null && c.paidOn > end))
    explanation.warn(
      'interest-paid-after-redemption',
      `A coupon is recorded as paid after ${end === asOf ? `asOf (${asOf})` : `the redemption date (${end})`}: ` +
        'it is taken as paid as recorded.',
    )

  // Without a redemption the ledger runs to asOf (accrued interest to date), within the note's life.
  const through =
    redemption?.redemptionDate ?? maxDate(terms.interest.issueDate, minDate(asOf, terms.interest.maturityDate))
  const ledger = markUnpaid(redemption?.ledger ?? buildLedger(terms.interest, window, through), coupons)
  if (redemption === null) {
    explanation.assume(
      'ledger-horizon',
      'The interest ledger runs to asOf (exclusive), or to maturity if earlier; the days since the last ' +
        'Interest Date accrue at the paymentForm rates, as they will be paid on the next Interest Date.',
    )
  }

  return {
    noteId: terms.id,
    asOf,
    clauses: [...clauses].sort(),
    covenant: covenant === null ? null : covenantView(covenant),
    notice: effect === null || cure === null ? null : noticeView(effect, cure),
    eventOfDefault: route?.date != null ? earliestView(cure, route, curedOn, window) : eventOfDefaultView(cure),
    ...(payments.recorded ? { eventsOfDefault: routesView(cure, route, curedOn) } : {}),
    interest: payments.recorded
      ? withUnpaidTotal(interestView(terms.interest, ledger), coupons)
      : interestView(terms.interest, ledger),
    interestLedger: ledger.rows.map(ledgerRowView),
    redemptionElection: election === null || standing === null ? null : electionView(election, standing),
    redemption: redemption === null ? null : redemptionView(redemption),
    ...(payments.recorded
      ? { unpaidInterest: unpaidInterestView(coupons, route, terms.interest, lateChargeRate, asOf, end, window) }
      : {}),
    ...(quotes !== null ? { payoffQuotes: quotes } : {}),
    timeline: timelineOf(terms, spa?.closingDate ?? null, covenant, effect, cure, redemption, voidElection, payments),
    warnings: explanation.warnings,
    assumptions: explanation.assumptions,
  }
}

export type ScenarioResult = ReturnType<typeof computeScenario>
