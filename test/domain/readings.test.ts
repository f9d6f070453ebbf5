/**
 * The cure-period readings at the ends of the range the contract admits: a reading is offered
 * only when its patched request is still a valid one, so none goes below 0 Business Days or past
 * the maximum of schemas/CureTerms.json (read from the schema, so the two cannot drift apart).
 */
import { readFileSync } from 'node:fs'
import t from 'tap'
import type { ScenarioRequest } from '../../src/domain/inputs.js'
import { defaultReadings } from '../../src/domain/readings.js'

const cureSchema = JSON.parse(readFileSync(new URL('../../schemas/CureTerms.json', import.meta.url), 'utf8'))
const MAX_CURE: number = cureSchema.properties.businessDays.maximum

const withCure = (businessDays: number): ScenarioRequest => ({
  note: { principal: '1000000.00', issueDate: '2007-01-03', maturityDate: '2010-01-03', cure: { businessDays } },
})

const cureReadings = (businessDays: number) =>
  defaultReadings(withCure(businessDays), null).filter((r) => r.id.startsWith('cure-period-'))

t.test('at the schema maximum: one day shorter only', async (t) => {
  t.same(
    cureReadings(MAX_CURE).map((r) => [r.id, r.patch]),
    [['cure-period-one-day-shorter', [{ op: 'replace', path: '/note/cure/businessDays', value: MAX_CURE - 1 }]]],
  )
})

t.test('at 0 Business Days: one day longer only', async (t) => {
  t.same(
    cureReadings(0).map((r) => [r.id, r.patch]),
    [['cure-period-one-day-longer', [{ op: 'replace', path: '/note/cure/businessDays', value: 1 }]]],
  )
})

t.test('inside the range: both, the given count minus and plus one', async (t) => {
  // 10 Business Days (the notes' default, given here): 9 and 11.
  t.same(
    cureReadings(10).map((r) => [r.id, r.patch[0]]),
    [
      ['cure-period-one-day-shorter', { op: 'replace', path: '/note/cure/businessDays', value: 9 }],
      ['cure-period-one-day-longer', { op: 'replace', path: '/note/cure/businessDays', value: 11 }],
    ],
  )
})
