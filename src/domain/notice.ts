/**
 * The notice of default and the date it takes effect, by delivery method.
 */
import type { BusinessCalendar } from './calendars/index.js'
import { toNewYorkTime, type IsoDate } from './dates.js'

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
