/**
 * Coupons not paid over HTTP: POST /v1/scenarios answers the worked case paid in cash (figures
 * worked by hand in test/domain/payment-default.test.ts), in full and in the summary view, every
 * answer checked against the contract by testApp; and each bad entry is a problem at its pointer.
 */
import t from 'tap'
import { assertProblem, testApp } from '../helpers/http.js'
import { fixture, variant } from '../helpers/json.js'

const theCase = fixture('examples/liquidmetal-2008.request.json')
const inCash = variant(theCase, (c) => {
  c.note.interest.paymentForm = 'cash'
  c.events.interestPayments = [
    { interestDate: '2008-07-01', paidOn: null },
    { interestDate: '2008-10-01', paidOn: null },
  ]
  c.payoffQuotes = { from: '2008-10-01', businessDays: 4 }
})

t.test('the case paid in cash, in full and summarized', async (t) => {
  const app = testApp(t)
  for (const url of ['/v1/scenarios', '/v1/scenarios?view=summary']) {
    const res = await app.inject({ method: 'POST', url, payload: inCash })
    t.equal(res.statusCode, 200, url)
    const body = res.json()
    t.equal(body.eventOfDefault.date, '2008-07-10')
    t.same(
      body.eventsOfDefault.map((e: any) => [e.route, e.date]),
      [
        ['covenant', '2008-10-15'],
        ['payment', '2008-07-10'],
      ],
    )
    t.same(
      body.unpaidInterest.map((u: any) => [u.interestDate, u.due, u.unpaid]),
      [
        ['2008-07-01', '20000.00', '20000.00'],
        ['2008-10-01', '29000.00', '29000.00'],
      ],
    )
    t.equal(body.redemption.redemptionPrice, '1050666.67')
    t.equal(body.redemption.unpaidInterest, '49000.00')
    t.same(
      body.payoffQuotes.map((q: any) => q.totalDue),
      ['1049000.00', '1049333.33', '1049666.67', '1050666.67'],
    )
  }
})

t.test('bad entries: each a problem at its pointer', async (t) => {
  const app = testApp(t)
  const post = (change: (c: any) => void) =>
    app.inject({ method: 'POST', url: '/v1/scenarios', payload: variant(inCash, change) })
  assertProblem(t, await post((c) => (c.events.interestPayments[0].interestDate = '2008-07-02')), {
    status: 422,
    errors: [{ pointer: '/events/interestPayments/0/interestDate' }],
  })
  assertProblem(t, await post((c) => (c.events.interestPayments[1].paidOn = '2008-09-30')), {
    status: 422,
    errors: [{ pointer: '/events/interestPayments/1/paidOn' }],
  })
  assertProblem(
    t,
    await post((c) => Object.assign(c.events.interestPayments[0], { paidOn: '2008-07-02', amount: '20000.01' })),
    { status: 422, errors: [{ pointer: '/events/interestPayments/0/amount' }] },
  )
  assertProblem(t, await post((c) => (c.events.interestPayments[0].amount = '-1.00')), { status: 400 })
  assertProblem(t, await post((c) => (c.events.interestPayments[1].interestDate = '2008-07-01')), {
    status: 422,
    errors: [{ pointer: '/events/interestPayments/1/interestDate' }],
  })
  assertProblem(t, await post((c) => (c.note.interest.paymentForm = 'notes')), {
    status: 422,
    errors: [{ pointer: '/events/interestPayments/0' }, { pointer: '/events/interestPayments/1' }],
  })
  const tooMany = assertProblem(t, await post((c) => (c.payoffQuotes.businessDays = 31)), { status: 400 })
  t.match(JSON.stringify(tooMany.errors), /payoffQuotes\/businessDays/)
  assertProblem(t, await post((c) => (c.payoffQuotes.from = '2008-09-26')), {
    status: 422,
    errors: [{ pointer: '/payoffQuotes/from' }],
  })
})

t.test('compare: the payment default on the last day of grace, and the key figures of coupons not paid', async (t) => {
  const app = testApp(t)
  const res = await app.inject({ method: 'POST', url: '/v1/scenarios/compare', payload: { scenario: inCash } })
  t.equal(res.statusCode, 200)
  const body = res.json()
  t.equal(body.base.interest.totals.unpaid, '49000.00')
  t.equal(body.base.redemption.unpaidInterest, '49000.00')
  t.same(body.base.eventsOfDefault, [
    { route: 'covenant', date: '2008-10-15' },
    { route: 'payment', date: '2008-07-10' },
  ])
  const reading = body.variants.find((v: any) => v.id === 'payment-default-on-last-day-of-grace')
  t.ok(reading, 'offered with coupons recorded')
  // One day earlier: 2008-07-09, the last day of grace. The 10-01 coupon gains one day at 12% instead
  // of 8%: 1,000,000 × 0.04 × 1/360 = 111.11 (8 days at 8% = 1,777.78; 82 days at 12% = 27,333.33).
  t.match(reading.changed, [
    { pointer: '/eventOfDefault/date', base: '2008-07-10', variant: '2008-07-09', difference: -1 },
  ])
  const unpaid = reading.changed.find((c: any) => c.pointer === '/interest/totals/unpaid')
  t.same(unpaid, { pointer: '/interest/totals/unpaid', base: '49000.00', variant: '49111.11', difference: '111.11' })
  const route = reading.changed.find((c: any) => c.pointer === '/eventsOfDefault/1/date')
  t.match(route, { base: '2008-07-10', variant: '2008-07-09' })
  const plain = await app.inject({ method: 'POST', url: '/v1/scenarios/compare', payload: { scenario: theCase } })
  t.notOk(
    plain.json().variants.some((v: any) => v.id.startsWith('payment-default')),
    'not offered without coupons recorded',
  )
})
