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
import { CALENDAR_IDS, CALENDAR_RULES, type CalendarId } from './time/calendars/index.js'
import { covenantReading } from './clauses/covenant.js'
import { accruedInterestReading, roundingReading } from './clauses/default-interest.js'
import { cureReadings, slowestNoticeReading, type BaseNotice } from './clauses/notice-and-cure.js'
import { paymentDefaultReading } from './clauses/payment-default.js'
import type { ScenarioRequest } from './inputs.js'
import { DEFAULTS } from './terms.js'
import { setMember } from './clauses/wording.js'
import type { PatchOperation, Reading } from './clauses/reading.js'

export type { PatchOperation, Reading }

export type { BaseNotice }

/** An RFC 6902 operation, as schemas/JsonPatchOperation.json carries it (the default readings use add and replace). */
function calendarReadings(req: ScenarioRequest): Reading[] {
  const current: CalendarId = req.note.calendar ?? DEFAULTS.calendar
  const name = (id: CalendarId) => `${id} (${CALENDAR_RULES[id].name})`
  return CALENDAR_IDS.filter((id) => id !== current).map((id) => ({
    id: `calendar-${id}`,
    description:
      `A Business Day read on the ${name(id)} calendar instead of ${name(current)}: the covenant ` +
      'period, the notice, the cure period and the payment date count its Business Days.',
    patch: [setMember('/note/calendar', req.note.calendar !== undefined, id)],
  }))
}

/**
 * The readings a careful analyst would try for this request, in a fixed order: the covenant
 * period in the other unit, each other calendar, the notice by its slowest method, the cure
 * period one Business Day shorter and longer, with coupons recorded the payment default on the other
 * day, accrued interest in the other form, the other rounding. `notice` is the base scenario's notice (its date
 * by method), or null without one.
 */
export function defaultReadings(req: ScenarioRequest, notice: BaseNotice | null): Reading[] {
  return [
    covenantReading(req.spa ?? null),
    ...calendarReadings(req),
    slowestNoticeReading(req, notice),
    ...cureReadings(req),
    paymentDefaultReading(req),
    accruedInterestReading(req),
    roundingReading(req),
  ].filter((r): r is Reading => r !== null)
}
