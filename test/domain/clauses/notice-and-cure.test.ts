/**
 * Note 4(a)(iv), called directly: when a notice takes effect by delivery method, the cure deadline
 * ten Business Days later, and the Event of Default the day after it (docs/rules/). Every date
 * below is counted by hand on the calendar named.
 */
import t from 'tap'
import { getCalendar } from '../../../src/domain/time/calendars/index.js'
import {
  curePeriod,
  noticeEffect,
  readNoticeRules,
  type DeliveryMethod,
} from '../../../src/domain/clauses/notice-and-cure.js'

const usFed = getCalendar('us-fed')
const usNyse = getCalendar('us-nyse')
const rules = readNoticeRules(undefined)

const effective = (sentAt: string, methods: DeliveryMethod[], effectiveDate: string | null = null) =>
  noticeEffect({ sentAt, methods, effectiveDate }, rules, usFed)

t.test('the case: fax and courier on Monday 2008-09-29, effective that day', async (t) => {
  const e = effective('2008-09-29', ['facsimile', 'overnight-courier'])
  t.same(e.byMethod, [
    { method: 'facsimile', effectiveDate: '2008-09-29' },
    { method: 'overnight-courier', effectiveDate: '2008-09-30' },
  ])
  t.equal(e.effectiveDate, '2008-09-29')
  t.equal(e.basis, 'delivery-method')
  t.equal(e.sentTime, null, 'a bare date')
})

t.test('the 17:00 New York cut-off: 16:59 the same day, 17:00 the next Business Day', async (t) => {
  // 2008-09-29 is in daylight time: New York is UTC−4.
  t.equal(effective('2008-09-29T16:59:00-04:00', ['facsimile']).effectiveDate, '2008-09-29')
  const at17 = effective('2008-09-29T17:00:00-04:00', ['email'])
  t.equal(at17.effectiveDate, '2008-09-30')
  t.equal(at17.sentTime, '17:00')
  // 20:59 UTC is 16:59 in New York; 21:00 UTC is 17:00.
  t.equal(effective('2008-09-29T20:59:00Z', ['personal']).effectiveDate, '2008-09-29')
  t.equal(effective('2008-09-29T21:00:00Z', ['personal']).effectiveDate, '2008-09-30')
})

t.test('a bare date counts as before the cut-off; a weekend date moves to the next Business Day', async (t) => {
  t.equal(effective('2008-09-29', ['email']).effectiveDate, '2008-09-29')
  // Saturday 2008-09-27 → Monday 2008-09-29
  t.equal(effective('2008-09-27', ['email']).effectiveDate, '2008-09-29')
})

t.test('mail takes effect on the third Business Day, courier on the first', async (t) => {
  // Mon 09-29 by mail: Tue 09-30 (1), Wed 10-01 (2), Thu 10-02 (3)
  t.equal(effective('2008-09-29', ['mail']).effectiveDate, '2008-10-02')
  t.equal(effective('2008-09-29', ['overnight-courier']).effectiveDate, '2008-09-30')
  // Fri 2008-10-10 by mail: Mon 10-13 is Columbus Day, so Tue 10-14 (1), Wed 10-15 (2), Thu 10-16 (3)
  t.equal(effective('2008-10-10', ['mail']).effectiveDate, '2008-10-16')
})

t.test('an explicit effective date overrides the methods', async (t) => {
  const e = effective('2008-09-29', ['mail'], '2008-09-30')
  t.equal(e.effectiveDate, '2008-09-30')
  t.equal(e.basis, 'explicit')
})

t.test('the case: cure deadline 2008-10-14 (Columbus Day skipped), Event of Default 2008-10-15', async (t) => {
  // From Mon 09-29: 09-30 (1), 10-01 (2), 10-02 (3), 10-03 (4), 10-06 (5), 10-07 (6), 10-08 (7),
  // 10-09 (8), 10-10 (9), [10-13 Columbus Day], 10-14 (10).
  const c = curePeriod('2008-09-29', 10, usFed, null, '2008-10-31')
  t.equal(c.clause, 'Note 4(a)(iv)')
  t.equal(c.cureDeadline, '2008-10-14')
  t.equal(c.eventOfDefaultDate, '2008-10-15')
  t.equal(c.eventOfDefaultStatus, 'occurred')
  t.equal(c.status, 'cure-period-expired')
})

t.test('on us-nyse (open on Columbus Day) the cure deadline is 2008-10-13', async (t) => {
  const c = curePeriod('2008-09-29', 10, usNyse, null, '2008-10-31')
  t.equal(c.cureDeadline, '2008-10-13')
  t.equal(c.eventOfDefaultDate, '2008-10-14')
})

t.test('cured on the deadline: no Event of Default; the day after: one, then cured', async (t) => {
  const inTime = curePeriod('2008-09-29', 10, usFed, '2008-10-14', '2008-10-31')
  t.equal(inTime.curedInTime, true)
  t.equal(inTime.eventOfDefaultDate, null)
  t.equal(inTime.eventOfDefaultStatus, 'none')
  t.equal(inTime.status, 'cured-in-time')
  const late = curePeriod('2008-09-29', 10, usFed, '2008-10-15', '2008-10-31')
  t.equal(late.curedInTime, false)
  t.equal(late.eventOfDefaultDate, '2008-10-15')
  t.equal(late.eventOfDefaultStatus, 'cured')
})

t.test('as of each day around the deadline', async (t) => {
  t.equal(curePeriod('2008-09-29', 10, usFed, null, '2008-09-28').status, 'notice-not-yet-effective')
  const running = curePeriod('2008-09-29', 10, usFed, null, '2008-10-10')
  t.equal(running.status, 'cure-period-running')
  // Business Days in (10-10, 10-14]: 10-14 only (10-11, 10-12 weekend, 10-13 Columbus Day)
  t.equal(running.businessDaysRemaining, 1)
  t.equal(curePeriod('2008-09-29', 10, usFed, null, '2008-10-14').eventOfDefaultStatus, 'pending')
  t.equal(curePeriod('2008-09-29', 10, usFed, null, '2008-10-15').eventOfDefaultStatus, 'occurred')
})
