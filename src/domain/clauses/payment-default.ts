/**
 * Coupons not paid, paid late or in part, and the payment default (Note 4(a)(i) of notes of this
 * kind): a failure to pay interest when due becomes an Event of Default if it continues for n
 * Business Days after the due date. Its rule, defaults, wording, views and reading
 * (docs/rules/payment-default.md).
 */
import type { BusinessCalendar } from '../time/calendars/index.js'
import { addDays, daysBetween, maxDate, minDate, type IsoDate } from '../time/dates.js'
import { Decimal, ZERO, formatMoney, sum } from '../decimal.js'
import { Contradictions, type Explanation } from '../explain.js'
import type { InterestPaymentInput, PaymentDefaultInput, ScenarioRequest } from '../inputs.js'
import type { Reading } from './reading.js'
import {
  buildLedger,
  defaultWindow,
  interestAmount,
  interestOn,
  lateChargeFraction,
  windowOf,
  type DefaultWindow,
  type DefaultInterval,
  type InterestTerms,
  type Ledger,
  type LedgerRow,
} from './default-interest.js'
import type { EventOfDefaultStatus } from './notice-and-cure.js'
import type { Timeline } from './timeline.js'
import { given, setMember } from './wording.js'

export const PAYMENT_DEFAULT_CLAUSE = 'Note 4(a)(i)'

/** Five Business Days of grace, no notice needed; the Event of Default on the day after the last day of grace. */
export const PAYMENT_DEFAULT_DEFAULTS = {
  graceBusinessDays: 5,
  noticeRequired: false,
  occursOn: 'day-after-grace' as PaymentDefaultOccursOn,
} as const

/** The day the payment default occurs: the day after the last day of grace, or (a reading) that last day. */
export type PaymentDefaultOccursOn = 'day-after-grace' | 'last-day-of-grace'

export interface PaymentDefaultTerms {
  graceBusinessDays: number
  /** the grace period runs from the notice of default's effective date when that is later than the due date */
  noticeRequired: boolean
  occursOn: PaymentDefaultOccursOn
}

/** A coupon recorded in events.interestPayments, with what was due on it. */
export interface Coupon {
  interestDate: IsoDate
  due: Decimal
  paid: Decimal
  paidOn: IsoDate | null
  unpaid: Decimal
  /** where the entry sits in the request */
  pointer: string
}

const occursOnWords = (o: PaymentDefaultOccursOn): string =>
  o === 'day-after-grace' ? 'the day after the last day of grace' : 'the last day of grace'

/** Reads `note.paymentDefault`: absent for the defaults, null for no such clause. */
export function readPaymentDefault(
  input: PaymentDefaultInput | null | undefined,
  explanation: Explanation,
): PaymentDefaultTerms | null {
  if (input === null) {
    explanation.assume(
      'payment-default',
      'The note has no payment default clause (paymentDefault null): a coupon not paid stays owed, and is no ' +
        'Event of Default.',
    )
    return null
  }
  const terms: PaymentDefaultTerms = {
    graceBusinessDays: input?.graceBusinessDays ?? PAYMENT_DEFAULT_DEFAULTS.graceBusinessDays,
    noticeRequired: input?.noticeRequired ?? PAYMENT_DEFAULT_DEFAULTS.noticeRequired,
    occursOn: input?.occursOn ?? PAYMENT_DEFAULT_DEFAULTS.occursOn,
  }
  explanation.assume(
    'payment-default',
    `${PAYMENT_DEFAULT_CLAUSE}: interest not paid in full within ${terms.graceBusinessDays} Business Days after its ` +
      `due date (${given(input?.graceBusinessDays !== undefined)}) is an Event of Default, ` +
      (terms.noticeRequired
        ? 'the grace period running from the notice of default when that takes effect later (noticeRequired)'
        : `no notice needed (${given(input?.noticeRequired !== undefined)})`) +
      `; it occurs on ${occursOnWords(terms.occursOn)} ` +
      `(${given(input?.occursOn !== undefined)}) and is cured when all that is overdue is paid.`,
  )
  return terms
}

/**
 * The checks on events.interestPayments that need no amounts: each entry on an Interest Date of a
 * cash-pay note, at most once, on or before asOf, paid (if at all) on or after its due date; an amount
 * only with the date it was paid.
 */
export function checkInterestPayments(
  problems: Contradictions,
  entries: readonly InterestPaymentInput[],
  terms: InterestTerms,
  asOf: IsoDate,
  pointer: string,
  asOfName = 'asOf',
): void {
  const dates = new Set(terms.interestDates)
  const seen = new Set<IsoDate>()
  entries.forEach((e, i) => {
    const at = `${pointer}/${i}`
    if (terms.paymentForm === 'notes') {
      problems.add(
        at,
        'the note pays its interest in notes (paymentForm notes): each coupon is capitalized, never unpaid',
      )
      return
    }
    if (!dates.has(e.interestDate)) problems.add(`${at}/interestDate`, 'is no Interest Date of the note')
    else if (seen.has(e.interestDate)) problems.add(`${at}/interestDate`, `a second entry for ${e.interestDate}`)
    else if (e.interestDate > asOf)
      problems.add(`${at}/interestDate`, `falls after ${asOfName} (${asOf}): the interest is not yet due`)
    seen.add(e.interestDate)
    if (e.paidOn != null && e.paidOn < e.interestDate)
      problems.add(`${at}/paidOn`, `precedes the Interest Date (${e.interestDate}): paid before it was due`)
    if (e.paidOn == null && e.amount !== undefined && !new Decimal(e.amount).isZero())
      problems.add(`${at}/amount`, 'an amount paid needs the date it was paid (paidOn)')
  })
}

/** Each recorded coupon with what was due on it (the ledger's rows closed on its date): amounts above it are a 422. */
export function couponsOf(
  problems: Contradictions,
  entries: readonly InterestPaymentInput[],
  ledger: Ledger,
  pointer: string,
): Coupon[] {
  const dueOn = new Map<IsoDate, Decimal>()
  for (const row of ledger.rows)
    if (row.interestDate !== null && row.status !== 'capitalized')
      dueOn.set(row.interestDate, (dueOn.get(row.interestDate) ?? ZERO).plus(row.amount))
  const coupons = entries.map((e, i): Coupon => {
    const due = dueOn.get(e.interestDate) ?? ZERO
    const paid = e.paidOn == null ? ZERO : e.amount !== undefined ? new Decimal(e.amount) : due
    if (paid.gt(due))
      problems.add(`${pointer}/${i}/amount`, `exceeds the interest due on ${e.interestDate} (${formatMoney(due)})`)
    return {
      interestDate: e.interestDate,
      due,
      paid,
      paidOn: e.paidOn ?? null,
      unpaid: due.minus(paid),
      pointer: `${pointer}/${i}`,
    }
  })
  return coupons.sort((a, b) => (a.interestDate < b.interestDate ? -1 : 1))
}

/** Later than every date: a coupon never paid in full. */
const NEVER: IsoDate = '9999-12-31'

/** Paid in full by the end of `date`. */
const paidInFullBy = (c: Coupon, date: IsoDate): boolean => c.unpaid.isZero() && c.paidOn !== null && c.paidOn <= date

/** One payment default: a coupon not paid in full within its grace period, and the day all overdue was paid. */
export interface PaymentDefault {
  /** the coupon whose grace period ran out */
  trigger: Coupon
  date: IsoDate
  /** the first day from `date` on which nothing due before that day is unpaid (default rates stop) */
  curedOn: IsoDate | null
}

/**
 * The payment route to default: every coupon not paid in full within its grace period makes an Event
 * of Default, unless one is already continuing (it is then part of that one, cured only when all
 * that is overdue is paid). A coupon missed after a cure makes a new one. The route reports the
 * first's date and, as of asOf, whether one is continuing.
 */
export interface PaymentRoute {
  clause: typeof PAYMENT_DEFAULT_CLAUSE
  /** each coupon not paid in full on its date, with the last day of its grace period (null: no grace runs) */
  graces: { coupon: Coupon; graceEnd: IsoDate | null; defaulted: boolean }[]
  /** each payment default, by date; their continuing periods do not overlap */
  defaults: PaymentDefault[]
  /** the coupon whose grace period ran out first */
  trigger: Coupon | null
  date: IsoDate | null
  /** the day the last payment default to occur by asOf was cured (null while one is continuing) */
  curedOn: IsoDate | null
  status: EventOfDefaultStatus
}

/**
 * Note 4(a)(i) on the recorded coupons. With noticeRequired the grace period runs from the notice's
 * effective date when later than the due date, and without a notice no payment default occurs.
 */
export function paymentRoute(
  coupons: readonly Coupon[],
  terms: PaymentDefaultTerms,
  calendar: BusinessCalendar,
  noticeEffectiveDate: IsoDate | null,
  asOf: IsoDate,
): PaymentRoute {
  const graces = coupons
    .filter((c) => !(c.unpaid.isZero() && c.paidOn === c.interestDate))
    .map((coupon) => {
      const start =
        terms.noticeRequired && noticeEffectiveDate !== null
          ? maxDate(coupon.interestDate, noticeEffectiveDate)
          : coupon.interestDate
      const graceEnd =
        terms.noticeRequired && noticeEffectiveDate === null
          ? null
          : calendar.addBusinessDays(start, terms.graceBusinessDays)
      return { coupon, graceEnd, defaulted: graceEnd !== null && !paidInFullBy(coupon, graceEnd) }
    })
  const occurs = (graceEnd: IsoDate): IsoDate =>
    terms.occursOn === 'day-after-grace' ? addDays(graceEnd, 1) : graceEnd
  // settledBy[k]: the day by which the k earliest coupons are all paid in full (NEVER if one is not).
  const byDate = [...coupons].sort((a, b) => (a.interestDate < b.interestDate ? -1 : 1))
  const settledBy: IsoDate[] = ['0000-01-01']
  for (const c of byDate) {
    const paidInFull = c.unpaid.isZero() && c.paidOn !== null ? c.paidOn : NEVER
    settledBy.push(maxDate(settledBy[settledBy.length - 1]!, paidInFull))
  }
  const dueBefore = (x: IsoDate): number => {
    let lo = 0
    let hi = byDate.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (byDate[mid]!.interestDate < x) lo = mid + 1
      else hi = mid
    }
    return lo
  }
  // Nothing due before `x` is unpaid at the end of `x`.
  const clearOn = (x: IsoDate): boolean => settledBy[dueBefore(x)]! <= x
  const paidDays = [...new Set(coupons.map((c) => c.paidOn).filter((d): d is IsoDate => d !== null))].sort()
  // Cured on the first day from the Event of Default on which nothing due before that day is unpaid.
  const cureOf = (date: IsoDate): IsoDate | null =>
    clearOn(date) ? date : (paidDays.find((x) => x > date && clearOn(x)) ?? null)
  // Each coupon whose grace runs out while none is continuing makes a new Event of Default; one
  // whose grace runs out while one continues is part of it.
  const defaulted = graces
    .filter((g) => g.defaulted)
    .map((g) => ({ coupon: g.coupon, date: occurs(g.graceEnd!) }))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
  const defaults: PaymentDefault[] = []
  for (const d of defaulted) {
    const last = defaults[defaults.length - 1]
    if (last !== undefined && last.curedOn === null) break
    if (last !== undefined && d.date <= last.curedOn!) continue
    defaults.push({ trigger: d.coupon, date: d.date, curedOn: cureOf(d.date) })
  }
  const first = defaults[0] ?? null
  const began = defaults.filter((d) => d.date <= asOf)
  const continuing = began.some((d) => d.curedOn === null || d.curedOn > asOf)
  let status: EventOfDefaultStatus = 'none'
  if (first !== null) status = began.length === 0 ? 'pending' : continuing ? 'occurred' : 'cured'
  const curedOn = status === 'pending' ? first!.curedOn : status === 'cured' ? began[began.length - 1]!.curedOn : null
  return {
    clause: PAYMENT_DEFAULT_CLAUSE,
    graces,
    defaults,
    trigger: first?.trigger ?? null,
    date: first?.date ?? null,
    curedOn,
    status,
  }
}

/** The periods each payment default is continuing, [date, cure), by date. */
export function paymentPeriods(route: PaymentRoute | null): DefaultInterval[] {
  return route === null ? [] : route.defaults.map((d) => ({ from: d.date, until: d.curedOn }))
}

/** What of a coupon was paid by the end of `date`, as recorded. */
const paidBy = (c: Coupon, date: IsoDate): Decimal => (c.paidOn !== null && c.paidOn <= date ? c.paid : ZERO)

/**
 * The late charge a coupon bears to `end`: the part paid late from its due date to the day paid,
 * the part unpaid from its due date to `end`, each on actual days and the per diem's basis, rounded.
 */
export function couponLateCharge(c: Coupon, end: IsoDate, terms: InterestTerms, rate: Decimal | null): Decimal {
  if (rate === null) return ZERO
  const d = c.interestDate
  let charge = ZERO
  const paid = paidBy(c, end)
  if (paid.gt(0) && c.paidOn! > d)
    charge = charge.plus(interestAmount(paid, rate, lateChargeFraction(terms.dayCount, d, c.paidOn!), terms.rounding))
  const unpaid = c.due.minus(paid)
  if (unpaid.gt(0) && end > d)
    charge = charge.plus(interestAmount(unpaid, rate, lateChargeFraction(terms.dayCount, d, end), terms.rounding))
  return charge
}

/**
 * With interestOnOverdueInterest, the interest a coupon's overdue amounts bear to `end`: the part paid
 * late from its due date to the day paid, the part unpaid to `end`, at the cash rates in force.
 */
export function couponInterest(c: Coupon, end: IsoDate, terms: InterestTerms, window: DefaultWindow): Decimal {
  if (terms.interestOnOverdueInterest !== true) return ZERO
  const paid = paidBy(c, end)
  const onPaid = c.paidOn !== null && paid.gt(0) ? interestOn(paid, c.interestDate, c.paidOn, terms, window) : ZERO
  return onPaid.plus(interestOn(c.due.minus(paid), c.interestDate, end, terms, window))
}

/**
 * What a payment on `date` owes for the coupons due on or before it: their unpaid amounts (with the
 * interest on them when the note says so) and late charges.
 */
export function overdueAt(
  coupons: readonly Coupon[],
  terms: InterestTerms,
  rate: Decimal | null,
  window: DefaultWindow,
): (date: IsoDate) => { unpaid: Decimal; lateCharge: Decimal } {
  return (date) => {
    const due = coupons.filter((c) => c.interestDate <= date)
    return {
      unpaid: sum(due.map((c) => c.due.minus(paidBy(c, date)).plus(couponInterest(c, date, terms, window)))),
      lateCharge: sum(due.map((c) => couponLateCharge(c, date, terms, rate))),
    }
  }
}

/** The ledger's rows of coupons with something unpaid say so; the cash paid is what was paid. */
export function markUnpaid(ledger: Ledger, coupons: readonly Coupon[]): Ledger {
  const unpaid = new Set(coupons.filter((c) => c.unpaid.gt(0)).map((c) => c.interestDate))
  const notPaid = sum(coupons.map((c) => c.unpaid))
  if (unpaid.size === 0) return ledger
  return {
    ...ledger,
    rows: ledger.rows.map((r): LedgerRow =>
      r.interestDate !== null && unpaid.has(r.interestDate) ? { ...r, status: 'unpaid' } : r,
    ),
    cashInterestPaid: ledger.cashInterestPaid.minus(notPaid),
  }
}

/** /unpaidInterest: each recorded coupon, its late charge to `end` (the redemption date, or asOf). */
export function unpaidInterestView(
  coupons: readonly Coupon[],
  route: PaymentRoute | null,
  terms: InterestTerms,
  rate: Decimal | null,
  asOf: IsoDate,
  end: IsoDate,
  window: DefaultWindow,
) {
  return coupons.map((c) => {
    const overdueUntil = c.unpaid.gt(0) || c.paidOn === null ? asOf : minDate(c.paidOn, asOf)
    const grace = route?.graces.find((g) => g.coupon === c) ?? null
    return {
      interestDate: c.interestDate,
      due: formatMoney(c.due),
      paid: formatMoney(c.paid),
      paidOn: c.paidOn,
      unpaid: formatMoney(c.unpaid),
      daysOverdue: Math.max(0, daysBetween(c.interestDate, overdueUntil)),
      gracePeriodEnd: grace?.graceEnd ?? null,
      lateCharge: formatMoney(couponLateCharge(c, end, terms, rate)),
      ...(terms.interestOnOverdueInterest === true
        ? { interestOnOverdue: formatMoney(couponInterest(c, end, terms, window)) }
        : {}),
    }
  })
}

/** The routes to default, each with its date, clause and status; the earliest that occurred first among equals. */
export interface RouteView {
  route: 'covenant' | 'payment'
  date: IsoDate | null
  clause: string
  status: EventOfDefaultStatus
  curedOn: IsoDate | null
}

export function paymentRouteView(route: PaymentRoute): RouteView {
  return { route: 'payment', date: route.date, clause: route.clause, status: route.status, curedOn: route.curedOn }
}

/** The missed coupons, each grace period's end, the payment default and its cure, each citing its clause. */
export function paymentTimeline(t: Timeline, coupons: readonly Coupon[], route: PaymentRoute | null): void {
  for (const c of coupons) {
    if (c.unpaid.isZero() && c.paidOn === c.interestDate) continue
    const how =
      c.paidOn === null
        ? 'not paid'
        : c.unpaid.gt(0)
          ? `paid only in part (${formatMoney(c.paid)} on ${c.paidOn})`
          : `paid late, on ${c.paidOn}`
    t.add(
      c.interestDate,
      'interest-not-paid',
      'Note 2',
      `Interest of ${formatMoney(c.due)} due on this Interest Date ${how}.`,
    )
    if (c.paidOn !== null && c.paidOn !== c.interestDate)
      t.add(
        c.paidOn,
        'interest-paid',
        'Note 2',
        `Interest due on ${c.interestDate} paid: ${formatMoney(c.paid)}` +
          (c.unpaid.gt(0) ? `, ${formatMoney(c.unpaid)} still unpaid.` : ', in full.'),
      )
  }
  if (route === null) return
  for (const g of route.graces)
    t.add(
      g.graceEnd,
      'grace-period-end',
      route.clause,
      `Last day of grace for the interest due on ${g.coupon.interestDate}` +
        (g.defaulted ? ': not paid in full.' : ': paid in full within it, no Event of Default.'),
    )
  for (const d of route.defaults) {
    t.add(
      d.date,
      'payment-default',
      route.clause,
      `Event of Default: the interest due on ${d.trigger.interestDate} was not paid within the grace period.`,
    )
    if (d.curedOn !== null)
      t.add(d.curedOn, 'payment-default-cured', route.clause, 'Payment default cured: all overdue interest paid.')
  }
}

/** Assumptions: what was taken as paid. */
export function assumeCoupons(coupons: readonly Coupon[], terms: InterestTerms, explanation: Explanation): void {
  const on = terms.interestOnOverdueInterest === true
  explanation.assume(
    'interest-payments',
    `Every cash coupon not listed in events.interestPayments is taken as paid in full on its Interest Date; ` +
      `${coupons.length} listed: each as recorded (paidOn null: unpaid; no amount: all that was due), ` +
      (on
        ? 'the rest of a coupon unpaid staying owed and bearing interest at the cash rates in force until paid ' +
          '(interestOnOverdueInterest).'
        : 'the rest of a coupon unpaid staying owed without interest on it ' +
          '(interestOnOverdueInterest: default false).'),
  )
}

/** The reading: the payment default on the last day of grace instead of the day after. */
export function paymentDefaultReading(req: ScenarioRequest): Reading | null {
  const pd = req.note.paymentDefault
  if (pd === null || (req.events?.interestPayments ?? []).length === 0) return null
  const occursOn = pd?.occursOn ?? PAYMENT_DEFAULT_DEFAULTS.occursOn
  const other: PaymentDefaultOccursOn = occursOn === 'day-after-grace' ? 'last-day-of-grace' : 'day-after-grace'
  return {
    id: `payment-default-on-${other}`,
    description:
      `${PAYMENT_DEFAULT_CLAUSE}: the payment default occurring on ${occursOnWords(other)} ` +
      `instead of ${occursOnWords(occursOn)}.`,
    patch:
      pd === undefined
        ? [setMember('/note/paymentDefault', false, { occursOn: other })]
        : [setMember('/note/paymentDefault/occursOn', pd.occursOn !== undefined, other)],
  }
}

/** The interest summary with what of the coupons recorded is still unpaid. */
export function withUnpaidTotal<T extends { totals: object }>(view: T, coupons: readonly Coupon[]): T {
  return { ...view, totals: { ...view.totals, unpaid: formatMoney(sum(coupons.map((c) => c.unpaid))) } }
}

/** The routes to default beside the covenant's: the coupons recorded and the payment default they lead to. */
export interface PaymentsRoute {
  /** whether events.interestPayments was given (the answer then carries its parts) */
  recorded: boolean
  coupons: Coupon[]
  route: PaymentRoute | null
  /** every Event of Default that occurred, [date, cure), by date */
  periods: DefaultInterval[]
  window: DefaultWindow
}

/** Rounds of the fixed point at most: each round settles at least one coupon, in date order. */
const MAX_ROUTE_ROUNDS = 20

/**
 * The payment route to default, beside another route's Event of Default (`eventOfDefaultDate`,
 * cured on `curedOn`: the covenant's, or the one a request gives). `at` is where the entries sit.
 * The coupons due depend on the default rates, and the default rates on the
 * coupons missed before: each round settles the coupons up to the next payment default, so the
 * rounds end when the window no longer moves.
 */
export function paymentsRoute(
  recorded: readonly InterestPaymentInput[] | undefined,
  paymentDefault: PaymentDefaultInput | null | undefined,
  terms: { interest: InterestTerms; calendar: BusinessCalendar },
  noticeEffectiveDate: IsoDate | null,
  eventOfDefaultDate: IsoDate | null,
  curedOn: IsoDate | null,
  asOf: IsoDate,
  explanation: Explanation,
  at: string,
  asOfName = 'asOf',
): PaymentsRoute {
  const covenantPeriod: DefaultInterval | null =
    eventOfDefaultDate === null
      ? null
      : { from: eventOfDefaultDate, until: curedOn !== null && curedOn >= eventOfDefaultDate ? curedOn : null }
  const covenantOnly: PaymentsRoute = {
    recorded: false,
    coupons: [],
    route: null,
    periods: covenantPeriod === null ? [] : [covenantPeriod],
    window: defaultWindow(eventOfDefaultDate, curedOn),
  }
  if (recorded === undefined) return covenantOnly
  const problems = new Contradictions()
  checkInterestPayments(problems, recorded, terms.interest, asOf, at, asOfName)
  problems.throwIfAny()
  // A note paying its interest in notes has no cash coupon to miss: no payment route.
  const pdTerms = terms.interest.paymentForm === 'notes' ? null : readPaymentDefault(paymentDefault, explanation)
  const through = recorded.reduce((d, e) => (e.interestDate > d ? e.interestDate : d), terms.interest.issueDate)
  let result: PaymentsRoute = { ...covenantOnly, recorded: true }
  for (let round = 0; round < MAX_ROUTE_ROUNDS; round++) {
    const amounts = new Contradictions()
    const coupons = couponsOf(amounts, recorded, buildLedger(terms.interest, result.window, through), at)
    amounts.throwIfAny()
    const route = pdTerms === null ? null : paymentRoute(coupons, pdTerms, terms.calendar, noticeEffectiveDate, asOf)
    const payments = paymentPeriods(route)
    const periods = [...(covenantPeriod === null ? [] : [covenantPeriod]), ...payments].sort((a, b) =>
      a.from < b.from ? -1 : a.from > b.from ? 1 : 0,
    )
    // Without a payment default the covenant's window stands as it always has.
    const window = payments.length === 0 ? covenantOnly.window : windowOf(periods)
    const settled = JSON.stringify(window) === JSON.stringify(result.window)
    result = { recorded: true, coupons, route, periods, window }
    if (settled) break
  }
  assumeCoupons(result.coupons, terms.interest, explanation)
  if (paymentPeriods(result.route).length > 0)
    explanation.assume(
      'default-rates-routes',
      'With Events of Default by several routes, default rates apply from the earliest (inclusive) for as long as ' +
        'any one that occurred is continuing: until every one is cured (exclusive); a payment default is cured by ' +
        'paying all that is overdue, and a coupon missed after a cure makes a new one.',
    )
  const later = result.route?.defaults.find((d) => d.date > asOf && result.route?.status !== 'pending')
  if (later !== undefined)
    explanation.warn(
      'payment-default-after-as-of',
      `A payment default (${later.date}) falls after asOf (${asOf}); it occurs unless all that is overdue is ` +
        'paid within the grace period.',
    )
  if (result.route?.status === 'pending')
    explanation.warn(
      'payment-default-after-as-of',
      `The payment default (${result.route.date}) falls after asOf (${asOf}); it occurs unless all that is ` +
        'overdue is ' +
        'paid within the grace period.',
    )
  return result
}
