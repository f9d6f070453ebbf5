/**
 * `?view=summary` on POST /v1/scenarios and POST /v1/scenarios/batch: the full answer without
 * the interest ledger, the timeline and the redemption's accrued rows, every other field as the
 * full answer gives it (schemas/ScenarioSummary.json). The expected summary is made here from
 * the full answer by deleting those three parts; every response is also checked against the
 * contract by testApp.
 */
import t from 'tap'
import { assertProblem, testApp } from '../helpers/http.js'
import { fixture } from '../helpers/json.js'
import { variedNotes } from '../../bench/notes.js'

const theCase = fixture('examples/liquidmetal-2008.request.json')

/** The full answer with the ledger, the timeline and the redemption's accrued rows deleted. */
function withoutDetail(full: any): any {
  const copy = structuredClone(full)
  delete copy.interestLedger
  delete copy.timeline
  if (copy.redemption !== null) delete copy.redemption.accruedInterest.rows
  for (const holder of copy.holders ?? []) if (holder.redemption !== null) delete holder.redemption.accruedInterest.rows
  return copy
}

t.test('view=summary: the full answer without the ledger, the timeline and the accrued rows', async (t) => {
  const app = testApp(t)
  const full = await app.inject({ method: 'POST', url: '/v1/scenarios', payload: theCase })
  const summary = await app.inject({ method: 'POST', url: '/v1/scenarios?view=summary', payload: theCase })
  t.equal(summary.statusCode, 200)
  t.match(summary.headers['content-type'], /^application\/json; charset=utf-8/)
  t.same(summary.json(), withoutDetail(full.json()))
  // The case's published figures are in it (README: due 2008-10-22, price 1,194,509.70).
  t.equal(summary.json().redemption.redemptionPrice, '1194509.70')
  t.equal(summary.json().redemption.paymentDueDate, '2008-10-22')
  t.notOk('interestLedger' in summary.json() || 'timeline' in summary.json())
  t.ok(summary.body.length < full.body.length, `${summary.body.length} bytes against ${full.body.length}`)

  const explicit = await app.inject({ method: 'POST', url: '/v1/scenarios?view=full', payload: theCase })
  t.equal(explicit.body, full.body, 'view=full is the default, byte for byte')
})

t.test('view=summary when parts are null: a scenario without events or SPA', async (t) => {
  const app = testApp(t)
  const payload = {
    note: { principal: '100000.00', issueDate: '2007-01-03', maturityDate: '2010-01-03' },
    asOf: '2008-01-03',
  }
  const full = await app.inject({ method: 'POST', url: '/v1/scenarios', payload })
  const summary = await app.inject({ method: 'POST', url: '/v1/scenarios?view=summary', payload })
  t.same(summary.json(), withoutDetail(full.json()))
  t.equal(summary.json().redemption, null)
})

t.test(
  "view=summary with holders: each holder's redemption without its accrued rows; a void election says so",
  async (t) => {
    const app = testApp(t)
    const payload = {
      ...theCase,
      holders: [
        { id: 'a', principal: '400000.00' },
        { id: 'b', name: 'B', principal: '600000.00' },
      ],
    }
    const full = await app.inject({ method: 'POST', url: '/v1/scenarios', payload })
    const summary = await app.inject({ method: 'POST', url: '/v1/scenarios?view=summary', payload })
    t.equal(summary.statusCode, 200)
    t.same(summary.json(), withoutDetail(full.json()))
    t.same(
      summary.json().holders.map((h: any) => h.id),
      ['a', 'b'],
    )
    // Cured in time (2008-10-10, before the 2008-10-14 deadline): the election is void, no redemption.
    const cured = { ...theCase, events: { ...theCase.events, curedOn: '2008-10-10' } }
    const voided = (await app.inject({ method: 'POST', url: '/v1/scenarios?view=summary', payload: cured })).json()
    t.equal(voided.redemptionElection.status, 'void')
    t.equal(voided.redemption, null)
  },
)

t.test('an unknown view is a 400 naming the parameter', async (t) => {
  const app = testApp(t)
  for (const url of ['/v1/scenarios?view=ledger', '/v1/scenarios/batch?view=SUMMARY']) {
    const payload = url.includes('batch') ? { items: [theCase] } : theCase
    const body = assertProblem(t, await app.inject({ method: 'POST', url, payload }), { status: 400 })
    t.match(JSON.stringify(body.errors), /view/, `${url}: the error names view`)
  }
})

t.test('batch view=summary: each result summarized, problems as they are, in order', async (t) => {
  const app = testApp(t)
  const items = [...variedNotes(40, 11), { note: {} }, theCase]
  const full = (await app.inject({ method: 'POST', url: '/v1/scenarios/batch', payload: { items } })).json()
  const summary = await app.inject({ method: 'POST', url: '/v1/scenarios/batch?view=summary', payload: { items } })
  t.equal(summary.statusCode, 200)
  const results = summary.json().results
  t.equal(results.length, items.length)
  const expected = full.results.map((r: any) => (r.ok ? { ok: true, result: withoutDetail(r.result) } : r))
  t.same(results, expected)
  t.ok(
    results.some((r: any) => !r.ok) && results.filter((r: any) => r.ok).length > 30,
    'both kinds of item in the batch',
  )
})
