/**
 * Readings: where a clause can be read two ways, the scenario under the other reading, as an
 * RFC 6902 JSON Patch on the scenario request (POST /v1/scenarios/compare; docs/readings.md).
 *
 * The default readings are those a careful analyst would try, each offered only where it changes
 * the request: the other reading of what the request says now (given or by default). The covenant
 * and notice readings need the SPA and the notice they read (a patch cannot read a clause into a
 * request that lacks it); the others are offered for every request, moving nothing where the
 * request has nothing they bear on (then `changed` is empty, itself an answer).
 */
import { CALENDAR_IDS, CALENDAR_RULES, type CalendarId } from './calendars/index.js'
import type { PeriodUnit } from './covenant.js'
import type { InterestForm } from './interest.js'
import type { ScenarioRequest } from './inputs.js'
import type { DeliveryMethod } from './notice.js'
import type { RoundingMode } from './decimal.js'
import { DEFAULTS } from './terms.js'

/** An RFC 6902 operation, as schemas/JsonPatchOperation.json carries it (the default readings use add and replace). */
export type PatchOperation =
  | { op: 'add' | 'replace' | 'test'; path: string; value: unknown }
  | { op: 'remove'; path: string }
  | { op: 'move' | 'copy'; from: string; path: string }

export interface Reading {
  id: string
  description: string
  patch: PatchOperation[]
}

/** What the default readings need of the base scenario's answer: the notice's date by method. */
export interface BaseNotice {
  methods: ReadonlyArray<{ method: DeliveryMethod; effectiveDate: string }>
  effectiveDate: string
}

/** Sets a member: `replace` where the request has it, `add` where it takes the default. */
function set(path: string, present: boolean, value: unknown): PatchOperation {
  return { op: present ? 'replace' : 'add', path, value }
}

function covenantReading(req: ScenarioRequest): Reading | null {
  const spa = req.spa ?? null
  if (spa === null) return null
  const covenant = spa.covenant
  const period = covenant?.period
  const unit: PeriodUnit = period?.unit ?? DEFAULTS.covenantPeriod.unit
  const other: PeriodUnit = unit === 'business-days' ? 'calendar-days' : 'business-days'
  const count = period?.count ?? DEFAULTS.covenantPeriod.count
  const section = covenant?.section ?? DEFAULTS.covenantSection
  const patch: PatchOperation[] =
    covenant === undefined
      ? [set('/spa/covenant', false, { period: { count, unit: other } })]
      : period === undefined
        ? [set('/spa/covenant/period', false, { count, unit: other })]
        : [set('/spa/covenant/period/unit', period.unit !== undefined, other)]
  const adjusted =
    other === 'calendar-days'
      ? ` (adjusted ${covenant?.adjustment ?? DEFAULTS.covenantAdjustment} when not a Business Day)`
      : ''
  return {
    id: `covenant-period-${other}`,
    description: `SPA ${section}: the ${count}-day period after the Closing read as ${count} ${other.replace('-', ' ')}${adjusted} instead of ${count} ${unit.replace('-', ' ')}.`,
    patch,
  }
}

function calendarReadings(req: ScenarioRequest): Reading[] {
  const current: CalendarId = req.note.calendar ?? DEFAULTS.calendar
  const name = (id: CalendarId) => `${id} (${CALENDAR_RULES[id].name})`
  return CALENDAR_IDS.filter((id) => id !== current).map((id) => ({
    id: `calendar-${id}`,
    description: `A Business Day read on the ${name(id)} calendar instead of ${name(current)}: the covenant period, the notice, the cure period and the payment date count its Business Days.`,
    patch: [set('/note/calendar', req.note.calendar !== undefined, id)],
  }))
}

function slowestNoticeReading(req: ScenarioRequest, notice: BaseNotice | null): Reading | null {
  const given = req.events?.noticeOfDefault ?? null
  // With an effectiveDate given, the delivery methods decide nothing; with one method, there is no other reading.
  if (given === null || given.effectiveDate != null || given.methods.length < 2 || notice === null) return null
  const slowest = notice.methods.reduce((latest, m) => (m.effectiveDate > latest.effectiveDate ? m : latest))
  return {
    id: 'notice-by-slowest-method',
    description: `Note 4(a)(iv): the notice effective only when its slowest method, ${slowest.method}, delivered it (${slowest.effectiveDate}), not by the earliest of ${given.methods.join(', ')} (${notice.effectiveDate}).`,
    patch: [{ op: 'replace', path: '/events/noticeOfDefault/methods', value: [slowest.method] }],
  }
}

/** The cure period's count of Business Days in the schema (schemas/CureTerms.json). */
const MAX_CURE_BUSINESS_DAYS = 1000

function cureReadings(req: ScenarioRequest): Reading[] {
  const cure = req.note.cure
  const count = cure?.businessDays ?? DEFAULTS.cureBusinessDays
  const reading = (id: string, n: number, why: string): Reading => ({
    id,
    description: `Note 4(a)(iv): a cure period of ${n} Business Days instead of ${count} (${why}).`,
    patch:
      cure === undefined
        ? [set('/note/cure', false, { businessDays: n })]
        : [set('/note/cure/businessDays', cure.businessDays !== undefined, n)],
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

function accruedInterestReading(req: ScenarioRequest): Reading {
  const interest = req.note.interest
  const form: InterestForm = interest?.accruedInterestForm ?? DEFAULTS.accruedInterestForm
  const other: InterestForm = form === 'cash' ? 'notes' : 'cash'
  const rates = (f: InterestForm) => (f === 'cash' ? 'the Cash Interest Rates' : 'the Note Interest Rates')
  return {
    id: `accrued-interest-in-${other}`,
    description: `Note 4(b): the interest accrued since the last Interest Date valued at ${rates(other)} (${other}) instead of ${rates(form)} (${form}).`,
    patch:
      interest === undefined
        ? [set('/note/interest', false, { accruedInterestForm: other })]
        : [set('/note/interest/accruedInterestForm', interest.accruedInterestForm !== undefined, other)],
  }
}

function roundingReading(req: ScenarioRequest): Reading {
  const onNote = req.note.rounding
  const onTop = req.rounding
  const mode: RoundingMode = onNote ?? onTop ?? DEFAULTS.rounding
  const other: RoundingMode = mode === 'half-up' ? 'half-even' : 'half-up'
  const patch: PatchOperation[] = []
  // The rounding may be given on the note, at the top, or both (then equal): change it wherever it is.
  if (onNote !== undefined) patch.push(set('/note/rounding', true, other))
  if (onTop !== undefined || onNote === undefined) patch.push(set('/rounding', onTop !== undefined, other))
  return {
    id: `rounding-${other}`,
    description: `Note 2: each sub-period's interest rounded to cents ${other} instead of ${mode}.`,
    patch,
  }
}

/**
 * The readings a careful analyst would try for this request, in a fixed order: the covenant
 * period in the other unit, each other calendar, the notice by its slowest method, the cure
 * period one Business Day shorter and longer, accrued interest in the other form, the other
 * rounding. `notice` is the base scenario's notice (its date by method), or null without one.
 */
export function defaultReadings(req: ScenarioRequest, notice: BaseNotice | null): Reading[] {
  return [
    covenantReading(req),
    ...calendarReadings(req),
    slowestNoticeReading(req, notice),
    ...cureReadings(req),
    accruedInterestReading(req),
    roundingReading(req),
  ].filter((r): r is Reading => r !== null)
}
