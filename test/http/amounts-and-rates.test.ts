/**
 * Amounts and rates at the edge: a principal must be positive, a negative amount or rate is told
 * that its sign is what is wrong, and rates come back as the request wrote them.
 */
import t from 'tap'
import { assertProblem, testApp } from '../helpers/http.js'
import { fixture, variant } from '../helpers/json.js'

const theCase = fixture('examples/liquidmetal-2008.request.json')
const post = (app: ReturnType<typeof testApp>, url: string, payload: unknown) =>
  app.inject({ method: 'POST', url, payload: payload as object })

t.test('a principal of zero is refused, naming it', async (t) => {
  const app = testApp(t)
  for (const principal of ['0.00', '0', '0.0']) {
    const body = assertProblem(
      t,
      await post(
        app,
        '/v1/scenarios',
        variant(theCase, (c) => (c.note.principal = principal)),
      ),
      {
        status: 422,
        errors: [{ pointer: '/note/principal' }],
      },
    )
    t.match(body.errors[0].detail, /greater than zero/, principal)
  }
  assertProblem(t, await post(app, '/v1/default-interest', { note: { ...theCase.note, principal: '0.00' } }), {
    status: 422,
    errors: [{ pointer: '/note/principal' }],
  })
  // One cent is a principal.
  t.equal(
    (
      await post(
        app,
        '/v1/scenarios',
        variant(theCase, (c) => (c.note.principal = '0.01')),
      )
    ).statusCode,
    200,
  )
})

t.test('a negative amount or rate is told about its sign', async (t) => {
  const app = testApp(t)
  const cases: [string, (c: any) => void, string][] = [
    ['principal', (c) => (c.note.principal = '-5.00'), '/note/principal'],
    ['a rate', (c) => (c.note.interest.cashRate = '-0.08'), '/note/interest/cashRate'],
    [
      'a principal payment',
      (c) => (c.principalPayments = [{ date: '2008-06-30', amount: '-1.00' }]),
      '/principalPayments/0/amount',
    ],
  ]
  for (const [name, change, pointer] of cases) {
    const body = assertProblem(t, await post(app, '/v1/scenarios', variant(theCase, change)), {
      status: 400,
      type: 'validation',
      errors: [{ pointer }],
    })
    t.match(body.errors[0].detail, /^must not be negative/, name)
    t.notMatch(body.errors[0].detail, /decimals/, `${name}: not the format's message`)
  }
  // A negative value that is malformed besides gets the format's message, which names the sign too.
  const both = assertProblem(
    t,
    await post(
      app,
      '/v1/scenarios',
      variant(theCase, (c) => (c.note.principal = '-5.001')),
    ),
    { status: 400, errors: [{ pointer: '/note/principal' }] },
  )
  t.match(both.errors[0].detail, /non-negative decimal string with at most 2 decimals/)
})

t.test('rates come back as written', async (t) => {
  const app = testApp(t)
  const res = await post(
    app,
    '/v1/scenarios',
    variant(theCase, (c) => {
      c.note.interest.cashRate = '0.080'
      c.note.redemption.lateChargeRate = '0.1800'
      c.events.redemptionElection.portion = '1'
    }),
  )
  t.equal(res.statusCode, 200)
  const body = res.json()
  // Given: cash "0.080", notes "0.10", default cash "0.12", default notes "0.15"; the case writes premium "1.00".
  t.same(body.interest.rates, { cash: '0.080', notes: '0.10', defaultCash: '0.12', defaultNotes: '0.15' })
  t.ok(
    body.interestLedger
      .filter((r: any) => r.form === 'notes' && r.rateKind === 'normal')
      .every((r: any) => r.rate === '0.10'),
  )
  t.equal(body.redemption.accruedInterest.rows[0].rate, '0.080')
  t.equal(body.redemption.lateChargeRate, '0.1800')
  t.equal(body.redemption.portion, '1')
  t.equal(body.redemptionElection.portion, '1')
  t.equal(body.redemption.premium, '1.00')
  // The same exact value whatever its zeros: "0.080" accrues as 8%: the case's 3,696.13.
  t.equal(body.redemption.accruedInterest.base, '3696.13')
  // Defaults are echoed as written in the contract: premium "1.00", portion "1.00".
  const defaults = await post(
    app,
    '/v1/scenarios',
    variant(theCase, (c) => {
      delete c.note.redemption.premium
      delete c.events.redemptionElection.portion
    }),
  )
  t.equal(defaults.json().redemption.premium, '1.00')
  t.equal(defaults.json().redemption.portion, '1.00')
})
