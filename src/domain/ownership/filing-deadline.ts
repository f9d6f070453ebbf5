/**
 * When a Schedule 13D or an amendment is due (Rules 13d-1(a) and 13d-2(a)), counted on the us-sec
 * calendar. Release 33-11253 shortened both deadlines for events on or after 2024-02-05:
 * - crossing 5% (Rule 13d-1(a)): 5 business days after the acquisition; before, 10 days, a last
 *   day on a weekend or holiday moving to the next business day (Rule 0-3);
 * - a material change (Rule 13d-2(a)): 2 business days after it; before, "promptly", which has
 *   no date.
 */
import { getCalendar } from '../time/calendars/index.js'
import { addDays, fromEpochDay, toEpochDay, Weekday, weekdayOf, type IsoDate } from '../time/dates.js'
import { Contradictions, Explanation } from '../explain.js'

export type FilingEventKind = 'crossed-five-percent' | 'material-change'

/** The first event date under the amended rules (Release 33-11253). */
export const AMENDED_RULES_FROM: IsoDate = '2024-02-05'
export const FILING_CALENDAR = 'us-sec' as const

export interface ClosedDay {
  date: IsoDate
  reason: string
}

export interface FilingDeadline {
  deadline: IsoDate | null
  rule: 'Rule 13d-1(a)' | 'Rule 13d-2(a)'
  calendar: typeof FILING_CALENDAR
  regime: 'amended-2024' | 'before-2024-02-05'
  period: { count: number; unit: 'business-days' | 'calendar-days' } | null
  /** the last day before Rule 0-3 moves it (calendar-day periods), else the deadline */
  unadjustedDeadline: IsoDate | null
  /**
   * the closed days that moved the deadline: for a business-day count, those from the event
   * (exclusive) to the deadline; for 10 calendar days, the closed run from the 10th day on that
   * Rule 0-3 stepped over (none when the 10th day is a business day)
   */
  closedDays: ClosedDay[]
  counted: string
}

const WEEKDAY_NAMES = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']

export function filingDeadline(
  date: IsoDate,
  kind: FilingEventKind,
  extraHolidays: readonly IsoDate[] = [],
): FilingDeadline {
  const calendar = getCalendar(FILING_CALENDAR, extraHolidays)
  const amended = date >= AMENDED_RULES_FROM
  const rule = kind === 'crossed-five-percent' ? 'Rule 13d-1(a)' : 'Rule 13d-2(a)'
  const regime = amended ? 'amended-2024' : 'before-2024-02-05'
  const closedBetween = (to: IsoDate, from: IsoDate = addDays(date, 1)): ClosedDay[] => {
    const out: ClosedDay[] = []
    for (let e = toEpochDay(from); e <= toEpochDay(to); e++) {
      const day = fromEpochDay(e)
      if (calendar.isBusinessDay(day)) continue
      const w = weekdayOf(e)
      out.push({
        date: day,
        reason: w >= Weekday.Saturday ? WEEKDAY_NAMES[w]! : (calendar.holidayName(day) ?? 'holiday'),
      })
    }
    return out
  }
  if (kind === 'material-change' && !amended) {
    return {
      deadline: null,
      rule,
      calendar: FILING_CALENDAR,
      regime,
      period: null,
      unadjustedDeadline: null,
      closedDays: [],
      counted:
        `Before ${AMENDED_RULES_FROM}, Rule 13d-2(a) required an amendment "promptly" after a material change: ` +
        'the rule gives no date.',
    }
  }
  if (amended) {
    const count = kind === 'crossed-five-percent' ? 5 : 2
    const deadline = calendar.addBusinessDays(date, count)
    return {
      deadline,
      rule,
      calendar: FILING_CALENDAR,
      regime,
      period: { count, unit: 'business-days' },
      unadjustedDeadline: deadline,
      closedDays: closedBetween(deadline),
      counted:
        `${count} business days after ${date} on the us-sec calendar (the event's day not counted): ` + `${deadline}.`,
    }
  }
  const last = addDays(date, 10)
  const deadline = calendar.adjust(last, 'following')
  const moved =
    deadline !== last
      ? `; ${last} is not a business day, so under Rule 0-3 the filing is due on the next one, ${deadline}`
      : ''
  return {
    deadline,
    rule,
    calendar: FILING_CALENDAR,
    regime,
    period: { count: 10, unit: 'calendar-days' },
    unadjustedDeadline: last,
    // Weekends inside the 10 days move nothing: only the closed days from the 10th on do.
    closedDays: closedBetween(addDays(deadline, -1), last),
    counted: `10 days after ${date} (before ${AMENDED_RULES_FROM}): ${last}${moved}.${
      deadline >= AMENDED_RULES_FROM
        ? ` The event precedes ${AMENDED_RULES_FROM}, so the rule before Release 33-11253 applies though the ` +
          'deadline falls after it.'
        : ''
    }`,
  }
}

export interface FilingDeadlineRequest {
  event: { date: IsoDate; kind: FilingEventKind }
  extraHolidays?: IsoDate[]
}

/** POST /v1/beneficial-ownership/filing-deadline. */
export function computeFilingDeadline(req: FilingDeadlineRequest) {
  const result = filingDeadline(req.event.date, req.event.kind, req.extraHolidays ?? [])
  const beyond = new Contradictions()
  beyond.checkComputedDate(result.deadline, '/event/date', 'the filing deadline')
  beyond.throwIfAny()
  const explanation = new Explanation()
  if (result.regime === 'before-2024-02-05' && result.deadline !== null && result.deadline >= AMENDED_RULES_FROM) {
    explanation.warn(
      'deadline-under-earlier-rule',
      `The event (${req.event.date}) precedes ${AMENDED_RULES_FROM}: the 10-day rule applies, though its deadline ` +
        `(${result.deadline}) falls after the amended rules took effect (Release 33-11253 applies to events on or ` +
        `after ${AMENDED_RULES_FROM}).`,
    )
  }
  if (result.deadline === null) {
    explanation.warn(
      'deadline-promptly',
      `The event (${req.event.date}) precedes ${AMENDED_RULES_FROM}: Rule 13d-2(a) then said "promptly", ` +
        'which has no date; file as soon as practicable.',
    )
  }
  explanation.assume(
    'filing-regime',
    'Deadlines follow Rules 13d-1(a) and 13d-2(a) as amended by Release 33-11253 for events on or after ' +
      `${AMENDED_RULES_FROM} (5 and 2 business days), and the earlier rules before (10 days with Rule 0-3; ` +
      '"promptly").',
  )
  explanation.assume(
    'filing-calendar',
    'Business days are those of the us-sec calendar (Federal holidays as federal offices observe them and ' +
      "EDGAR's closings)" +
      `${req.extraHolidays !== undefined && req.extraHolidays.length > 0 ? ', with the extra holidays given' : ''}` +
      "; the event's own day is not counted.",
  )
  return {
    event: req.event,
    ...result,
    warnings: explanation.warnings,
    assumptions: explanation.assumptions,
  }
}
