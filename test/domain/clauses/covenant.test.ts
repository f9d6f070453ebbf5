/**
 * SPA 4(i), called directly: the deadline five Business Days after the Closing and the status on
 * each side of it (docs/rules/). Every date below is counted by hand on the calendar.
 */
import t from 'tap'
import { getCalendar } from '../../../src/domain/time/calendars/index.js'
import { covenantStatus, type CovenantTerms } from '../../../src/domain/clauses/covenant.js'

const usFed = getCalendar('us-fed')
const theCase: CovenantTerms = {
  section: '4(i)',
  closingDate: '2007-01-03',
  period: { count: 5, unit: 'business-days' },
  adjustment: 'following',
}

t.test('the case: five Business Days after Wednesday 2007-01-03 is Wednesday 2007-01-10', async (t) => {
  // Thu 01-04 (1), Fri 01-05 (2), Mon 01-08 (3), Tue 01-09 (4), Wed 01-10 (5); the closing day is not counted.
  const c = covenantStatus(theCase, usFed, null, '2008-09-29')
  t.equal(c.clause, 'SPA 4(i)')
  t.equal(c.deadline, '2007-01-10')
  t.equal(c.unadjustedDeadline, '2007-01-10')
  t.equal(c.status, 'breached')
  t.equal(c.breachStart, '2007-01-11')
})

t.test('performed on the deadline: on time; the day after: late by one day', async (t) => {
  const onTime = covenantStatus(theCase, usFed, '2007-01-10', '2008-09-29')
  t.equal(onTime.status, 'performed-on-time')
  t.equal(onTime.breachStart, null)
  t.equal(onTime.calendarDaysLate, 0)
  t.equal(onTime.businessDaysLate, 0)
  const late = covenantStatus(theCase, usFed, '2007-01-11', '2008-09-29')
  t.equal(late.status, 'performed-late')
  t.equal(late.breachStart, '2007-01-11')
  t.equal(late.calendarDaysLate, 1)
  t.equal(late.businessDaysLate, 1)
})

t.test('unperformed: pending on the deadline, breached the day after', async (t) => {
  t.equal(covenantStatus(theCase, usFed, null, '2007-01-10').status, 'pending')
  const breached = covenantStatus(theCase, usFed, null, '2007-01-16')
  t.equal(breached.status, 'breached')
  // 01-10 → 01-16 is 6 calendar days; Business Days in (01-10, 01-16]: 11, 12, 16 (01-15 is MLK Day) = 3
  t.equal(breached.calendarDaysLate, 6)
  t.equal(breached.businessDaysLate, 3)
})

t.test('performed after asOf: judged on what was known at asOf', async (t) => {
  t.equal(covenantStatus(theCase, usFed, '2007-01-09', '2007-01-08').status, 'pending')
  t.equal(covenantStatus(theCase, usFed, '2007-01-12', '2007-01-11').status, 'breached')
})

t.test('five calendar days: Monday 2007-01-08, a Business Day, so no adjustment', async (t) => {
  const c = covenantStatus({ ...theCase, period: { count: 5, unit: 'calendar-days' } }, usFed, null, '2007-01-08')
  t.equal(c.unadjustedDeadline, '2007-01-08')
  t.equal(c.deadline, '2007-01-08')
  t.equal(c.status, 'pending')
})

t.test('calendar days ending on a holiday move by the convention', async (t) => {
  // Closing 2007-01-10 + 5 calendar days = Monday 2007-01-15, Martin Luther King Jr. Day:
  // following → Tuesday 01-16; preceding → Friday 01-12.
  const base = { ...theCase, closingDate: '2007-01-10', period: { count: 5, unit: 'calendar-days' as const } }
  t.equal(covenantStatus(base, usFed, null, '2007-01-01').deadline, '2007-01-16')
  t.equal(covenantStatus({ ...base, adjustment: 'preceding' }, usFed, null, '2007-01-01').deadline, '2007-01-12')
})
