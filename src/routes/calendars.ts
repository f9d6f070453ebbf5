/** Calendar queries: thin adapters from HTTP to src/domain/time/calendars. */
import type { FastifyInstance } from 'fastify'
import { addOperation, ProblemError } from '../contract/index.js'
import { daysBetween, MAX_DATE, MIN_DATE, addDays, type IsoDate } from '../domain/time/dates.js'
import { getCalendar, listCalendars, type CalendarId } from '../domain/time/calendars/index.js'

interface CalendarParams {
  calendar: CalendarId
}
interface WithExtras {
  extraHolidays?: IsoDate[]
}
interface RangeQuery extends WithExtras {
  from: IsoDate
  to: IsoDate
}
interface AddQuery extends WithExtras {
  date: IsoDate
  days: number
}

/** 400 Gregorian years, in days. */
const MAX_RANGE_DAYS = 146_097

const outOfRange = (date: IsoDate): boolean => date < MIN_DATE || date > MAX_DATE

export default async function calendarRoutes(app: FastifyInstance): Promise<void> {
  addOperation(app, 'listCalendars', async () => ({ calendars: listCalendars() }))

  addOperation<{ Params: CalendarParams; Querystring: RangeQuery }>(app, 'getCalendarHolidays', async (request) => {
    const { from, to, extraHolidays } = request.query
    if (from > to) {
      throw ProblemError.contradiction('The range ends before it starts.', [
        { pointer: '/to', in: 'query', detail: `must not be before from (${from})` },
      ])
    }
    if (daysBetween(from, to) > MAX_RANGE_DAYS) {
      throw ProblemError.contradiction('The range spans more than 400 years.', [
        { pointer: '/to', in: 'query', detail: 'must be at most 400 years after from' },
      ])
    }
    return { holidays: getCalendar(request.params.calendar, extraHolidays).holidays(from, to) }
  })

  addOperation<{ Params: CalendarParams; Querystring: AddQuery }>(app, 'addBusinessDays', async (request) => {
    const { date, days, extraHolidays } = request.query
    const beyond = () =>
      ProblemError.contradiction(
        `Adding ${days} business days to ${date} leaves the supported range ${MIN_DATE}..${MAX_DATE}.`,
        [{ pointer: '/days', in: 'query', detail: `the result would be outside ${MIN_DATE}..${MAX_DATE}` }],
      )
    // n business days are at least n calendar days away: reject hopeless requests cheaply.
    if (outOfRange(addDays(date, days))) throw beyond()
    let result: IsoDate
    try {
      result = getCalendar(request.params.calendar, extraHolidays).addBusinessDays(date, days)
    } catch (error) {
      if (error instanceof RangeError) throw beyond()
      throw error
    }
    if (outOfRange(result)) throw beyond()
    return { result }
  })

  addOperation<{ Params: CalendarParams; Querystring: RangeQuery }>(app, 'countBusinessDays', async (request) => {
    const { from, to, extraHolidays } = request.query
    return { count: getCalendar(request.params.calendar, extraHolidays).businessDaysBetween(from, to) }
  })
}
