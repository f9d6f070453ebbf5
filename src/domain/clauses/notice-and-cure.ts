/**
 * Note Section 4(a)(iv): the notice of default, the date it takes effect by delivery method, and
 * the cure period after it (the failure becomes an Event of Default if it is not cured within n
 * Business Days after the notice). Its rule, defaults, wording, views and readings (docs/rules/).
 */
import type { BusinessCalendar } from '../time/calendars/index.js'
import { addDays, toNewYorkTime, type IsoDate } from '../time/dates.js'
import type { Contradictions, Explanation } from '../explain.js'
import type { NoticeRulesInput, ScenarioRequest } from '../inputs.js'
import type { Reading } from './reading.js'
import type { Timeline } from './timeline.js'
import { given, setMember } from './wording.js'

/** The case's notice and cure: 17:00 New York cut-off, courier next Business Day, mail third, cure in 10. */
export const NOTICE_AND_CURE_DEFAULTS = {
  cureBusinessDays: 10,
  noticeCutoffTime: '17:00',
  overnightCourierBusinessDays: 1,
  mailBusinessDays: 3,
} as const

export type DeliveryMethod = 'personal' | 'facsimile' | 'email' | 'overnight-courier' | 'mail'

export interface NoticeRules {
  /** same-day methods sent at or after this New York time take effect the next business day */
  cutoffMinutes: number
  overnightCourierBusinessDays: number
  mailBusinessDays: number
}

export interface NoticeOfDefault {
  /** a date, or an RFC 3339 timestamp converted to New York */
  sentAt: string
  methods: DeliveryMethod[]
  /** overrides the delivery rules when given */
  effectiveDate: IsoDate | null
}

export interface NoticeEffect {
  sentDate: IsoDate
  /** New York wall-clock time `HH:mm`, or null when only a date was given */
  sentTime: string | null
  byMethod: { method: DeliveryMethod; effectiveDate: IsoDate }[]
  effectiveDate: IsoDate
  basis: 'explicit' | 'delivery-method'
}

const SAME_DAY: ReadonlySet<DeliveryMethod> = new Set(['personal', 'facsimile', 'email'])

function methodEffectiveDate(
  method: DeliveryMethod,
  sent: ReturnType<typeof toNewYorkTime>,
  rules: NoticeRules,
  calendar: BusinessCalendar,
): IsoDate {
  if (SAME_DAY.has(method)) {
    const inTime = sent.dateOnly || sent.minutes < rules.cutoffMinutes
    return inTime && calendar.isBusinessDay(sent.date) ? sent.date : calendar.addBusinessDays(sent.date, 1)
  }
  const days = method === 'mail' ? rules.mailBusinessDays : rules.overnightCourierBusinessDays
  return calendar.addBusinessDays(sent.date, days)
}

/** The effective date: the explicit one if given, else the earliest over the methods used. */
export function noticeEffect(notice: NoticeOfDefault, rules: NoticeRules, calendar: BusinessCalendar): NoticeEffect {
  const sent = toNewYorkTime(notice.sentAt)
  const byMethod = notice.methods.map((method) => ({
    method,
    effectiveDate: methodEffectiveDate(method, sent, rules, calendar),
  }))
  const earliest = byMethod.reduce<IsoDate | null>(
    (min, m) => (min === null || m.effectiveDate < min ? m.effectiveDate : min),
    null,
  )
  const hh = Math.floor(sent.minutes / 60)
  const mm = sent.minutes % 60
  return {
    sentDate: sent.date,
    sentTime: sent.dateOnly ? null : `${hh < 10 ? '0' : ''}${hh}:${mm < 10 ? '0' : ''}${mm}`,
    byMethod,
    effectiveDate: notice.effectiveDate ?? earliest ?? sent.date,
    basis: notice.effectiveDate !== null ? 'explicit' : 'delivery-method',
  }
}

export type CureStatus = 'notice-not-yet-effective' | 'cure-period-running' | 'cured-in-time' | 'cure-period-expired'
export type EventOfDefaultStatus = 'none' | 'pending' | 'occurred' | 'cured'

export interface CureResult {
  clause: 'Note 4(a)(iv)'
  cureBusinessDays: number
  cureDeadline: IsoDate
  curedOn: IsoDate | null
  /** null while no cure is recorded */
  curedInTime: boolean | null
  /** as of `asOf` */
  status: CureStatus
  /** business days in (asOf, cureDeadline] while the cure period runs, else 0 */
  businessDaysRemaining: number
  /** the day after the cure deadline, unless cured on or before it */
  eventOfDefaultDate: IsoDate | null
  /** as of `asOf`: pending until the date arrives, cured once a late cure is recorded */
  eventOfDefaultStatus: EventOfDefaultStatus
}

export function curePeriod(
  noticeEffectiveDate: IsoDate,
  cureBusinessDays: number,
  calendar: BusinessCalendar,
  curedOn: IsoDate | null,
  asOf: IsoDate,
): CureResult {
  const cureDeadline = calendar.addBusinessDays(noticeEffectiveDate, cureBusinessDays)
  const curedInTime = curedOn === null ? null : curedOn <= cureDeadline
  const eventOfDefaultDate = curedInTime === true ? null : addDays(cureDeadline, 1)
  const curedByAsOf = curedOn !== null && curedOn <= asOf

  let status: CureStatus
  if (curedByAsOf && curedInTime === true) status = 'cured-in-time'
  else if (asOf < noticeEffectiveDate) status = 'notice-not-yet-effective'
  else if (asOf <= cureDeadline) status = 'cure-period-running'
  else status = 'cure-period-expired'

  let eventOfDefaultStatus: EventOfDefaultStatus
  if (eventOfDefaultDate === null) eventOfDefaultStatus = 'none'
  else if (asOf < eventOfDefaultDate) eventOfDefaultStatus = 'pending'
  else eventOfDefaultStatus = curedByAsOf ? 'cured' : 'occurred'

  return {
    clause: 'Note 4(a)(iv)',
    cureBusinessDays,
    cureDeadline,
    curedOn,
    curedInTime,
    status,
    businessDaysRemaining:
      status === 'notice-not-yet-effective'
        ? cureBusinessDays
        : status === 'cure-period-running'
          ? calendar.businessDaysBetween(asOf, cureDeadline)
          : 0,
    eventOfDefaultDate,
    eventOfDefaultStatus,
  }
}

/** The dates a notice and its cure period reach stay in the supported range: else 422 at `pointer`. */
export function checkCureDates(
  problems: Contradictions,
  noticeEffectiveDate: IsoDate,
  cure: CureResult,
  pointer: string,
): void {
  problems.checkComputedDate(noticeEffectiveDate, pointer, "the notice's effective date")
  problems.checkComputedDate(cure.cureDeadline, pointer, 'the cure deadline')
  problems.checkComputedDate(cure.eventOfDefaultDate, pointer, 'the Event of Default')
}

export function readNoticeRules(input: NoticeRulesInput | undefined): NoticeRules {
  const cutoff = input?.cutoffTime ?? NOTICE_AND_CURE_DEFAULTS.noticeCutoffTime
  return {
    cutoffMinutes: Number(cutoff.slice(0, 2)) * 60 + Number(cutoff.slice(3, 5)),
    overnightCourierBusinessDays:
      input?.overnightCourierBusinessDays ?? NOTICE_AND_CURE_DEFAULTS.overnightCourierBusinessDays,
    mailBusinessDays: input?.mailBusinessDays ?? NOTICE_AND_CURE_DEFAULTS.mailBusinessDays,
  }
}

/** Explains how the notice took effect and how long the cure period runs. */
export function assumeNoticeAndCure(
  rules: NoticeRules,
  basis: 'explicit' | 'delivery-method',
  cureBusinessDays: number,
  cureGiven: boolean,
  explanation: Explanation,
): void {
  const hh = String(Math.floor(rules.cutoffMinutes / 60)).padStart(2, '0')
  const mm = String(rules.cutoffMinutes % 60).padStart(2, '0')
  explanation.assume(
    'notice-effective-date',
    basis === 'explicit'
      ? 'The notice takes effect on the effectiveDate given.'
      : 'Personal delivery, facsimile and email take effect the New York day sent if a Business Day before ' +
          `${hh}:${mm} (a bare date counts as before), else the next Business Day; overnight courier after ` +
          `${rules.overnightCourierBusinessDays}, mail after ${rules.mailBusinessDays} Business Day(s); the ` +
          'earliest method wins.',
  )
  explanation.assume(
    'cure-period',
    `The cure period ends ${cureBusinessDays} Business Days after the notice takes effect ` +
      `(${given(cureGiven)}); the Event of Default occurs the day after, unless cured on or before the cure deadline.`,
  )
}

/**
 * The checks between a notice, its effective date and a cure, written once for the scenario and
 * POST /v1/cure-period; `at` says where each input sits in the request, `checkSent` adds the caller's
 * checks on the New York date sent (which it returns).
 */
export function checkNoticeAndCure(
  problems: Contradictions,
  notice: { sentAt: string; effectiveDate?: string | null },
  curedOn: IsoDate | null,
  at: { sentAt: string; effectiveDate: string; curedOn: string },
  checkSent: (nySent: IsoDate) => void = () => {},
): IsoDate {
  // Compare on the New York date: a timestamp's own date may differ from it.
  const nySent = toNewYorkTime(notice.sentAt).date
  problems.checkComputedDate(nySent, at.sentAt, 'its New York date')
  checkSent(nySent)
  if (notice.effectiveDate != null)
    problems.check(
      notice.effectiveDate >= nySent,
      at.effectiveDate,
      `precedes the date the notice was sent (${nySent})`,
    )
  if (curedOn !== null) problems.check(curedOn >= nySent, at.curedOn, `precedes the notice of default (${nySent})`)
  return nySent
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

/** `withRates`: the default rates' start and stop follow this route alone (no other route to default). */
export function noticeAndCureTimeline(t: Timeline, effect: NoticeEffect, cure: CureResult, withRates = true): void {
  t.add(
    effect.sentDate,
    'notice-sent',
    cure.clause,
    'Notice of default sent by ' +
      `${effect.byMethod.map((m) => m.method).join(', ')}` +
      (effect.sentTime ? ` at ${effect.sentTime} New York time.` : '.'),
  )
  t.add(
    effect.effectiveDate,
    'notice-effective',
    cure.clause,
    `Notice of default effective (${effect.basis === 'explicit' ? 'date given' : 'earliest delivery method'}); ` +
      'the cure period starts.',
  )
  t.add(
    cure.cureDeadline,
    'cure-deadline',
    cure.clause,
    `Last day of the ${cure.cureBusinessDays}-Business-Day cure period.`,
  )
  if (cure.curedOn !== null && cure.curedInTime)
    t.add(cure.curedOn, 'cured', cure.clause, 'Default cured within the cure period: no Event of Default.')
  if (cure.eventOfDefaultDate !== null) {
    t.add(
      cure.eventOfDefaultDate,
      'event-of-default',
      cure.clause,
      'Event of Default: the default was not cured within the cure period.',
    )
    if (withRates)
      t.add(cure.eventOfDefaultDate, 'default-rates-start', 'Note 2', 'Default interest rates apply from this day.')
    // A late cure follows the Event of Default it cures, on the same day too.
    if (cure.curedOn !== null && !cure.curedInTime) {
      t.add(cure.curedOn, 'cured', cure.clause, 'Default cured after the cure period: default rates stop.')
      if (withRates)
        t.add(
          cure.curedOn,
          'default-rates-stop',
          'Note 2',
          'Normal interest rates apply again from this day (the Event of Default was cured).',
        )
    }
  }
}

/** What the notice readings need of the base scenario's answer: the notice's date by method. */
export interface BaseNotice {
  methods: ReadonlyArray<{ method: DeliveryMethod; effectiveDate: string }>
  effectiveDate: string
}

/** The notice effective only by its slowest method; offered where two or more methods decide the date. */
export function slowestNoticeReading(req: ScenarioRequest, notice: BaseNotice | null): Reading | null {
  const sent = req.events?.noticeOfDefault ?? null
  // With an effectiveDate given, the delivery methods decide nothing; with one method, there is no other reading.
  if (sent === null || sent.effectiveDate != null || sent.methods.length < 2 || notice === null) return null
  const slowest = notice.methods.reduce((latest, m) => (m.effectiveDate > latest.effectiveDate ? m : latest))
  return {
    id: 'notice-by-slowest-method',
    description:
      `Note 4(a)(iv): the notice effective only when its slowest method, ${slowest.method}, ` +
      `delivered it (${slowest.effectiveDate}), not by the earliest of ${sent.methods.join(', ')} ` +
      `(${notice.effectiveDate}).`,
    patch: [{ op: 'replace', path: '/events/noticeOfDefault/methods', value: [slowest.method] }],
  }
}

/** The cure period's count of Business Days in the schema (schemas/CureTerms.json). */
export const MAX_CURE_BUSINESS_DAYS = 1000

/** The cure period one Business Day shorter and longer (each where the schema allows it). */
export function cureReadings(req: ScenarioRequest): Reading[] {
  const cure = req.note.cure
  const count = cure?.businessDays ?? NOTICE_AND_CURE_DEFAULTS.cureBusinessDays
  const reading = (id: string, n: number, why: string): Reading => ({
    id,
    description: `Note 4(a)(iv): a cure period of ${n} Business Days instead of ${count} (${why}).`,
    patch:
      cure === undefined
        ? [setMember('/note/cure', false, { businessDays: n })]
        : [setMember('/note/cure/businessDays', cure.businessDays !== undefined, n)],
  })
  const out: Reading[] = []
  if (count > 0)
    out.push(
      reading(
        'cure-period-one-day-shorter',
        count - 1,
        'as if the day the notice took effect were the first day counted',
      ),
    )
  if (count < MAX_CURE_BUSINESS_DAYS)
    out.push(
      reading(
        'cure-period-one-day-longer',
        count + 1,
        'as if the count began the Business Day after the notice took effect',
      ),
    )
  return out
}
