/**
 * The lifecycle endpoints over HTTP: the case against its published answer, each clause
 * endpoint, the edge (400 with pointers) and contradictions (422 with pointers), and the batch.
 */
import t from 'tap'
import { assertProblem, testApp } from '../helpers/http.js'
import { at, fixture, variant } from '../helpers/json.js'

const theCase = fixture('examples/liquidmetal-2008.request.json')
const expected = fixture<{ values: Record<string, string>; warningCodes: string[] }>('examples/liquidmetal-2008.expected.json')

const post = (app: ReturnType<typeof testApp>, url: string, payload: unknown) => app.inject({ method: 'POST', url, payload: payload as object })

t.test('POST /v1/scenarios answers the case at every fixed pointer', async (t) => {
  const app = testApp(t)
  const res = await post(app, '/v1/scenarios', theCase)
  t.equal(res.statusCode, 200)
  t.match(res.headers['content-type'], /^application\/json/)
  const body = res.json()
  for (const [pointer, value] of Object.entries(expected.values)) t.equal(at(body, pointer), value, pointer)
  t.same(body.warnings.map((w: { code: string }) => w.code), expected.warningCodes)
  t.ok(body.assumptions.length > 5, 'assumptions listed')
  t.ok(body.timeline.every((e: { clause: string }) => /^(SPA|Note)/.test(e.clause)), 'every timeline entry cites a clause')
})

t.test('each clause on its own agrees with the scenario', async (t) => {
  const app = testApp(t)
  const covenant = await post(app, '/v1/covenant-deadline', { spa: theCase.spa, asOf: '2008-10-31' })
  t.equal(covenant.statusCode, 200)
  t.equal(covenant.json().covenant.deadline, '2007-01-10')
  t.equal(covenant.json().covenant.status, 'breached')

  const cure = await post(app, '/v1/cure-period', { noticeOfDefault: theCase.events.noticeOfDefault, asOf: '2008-10-31' })
  t.equal(cure.statusCode, 200)
  t.equal(cure.json().notice.cureDeadline, '2008-10-14')
  t.equal(cure.json().eventOfDefault.date, '2008-10-15')

  const interest = await post(app, '/v1/default-interest', { note: theCase.note, eventOfDefaultDate: '2008-10-15', through: '2008-10-22' })
  t.equal(interest.statusCode, 200)
  t.equal(interest.json().interest.outstandingPrincipal, '1188041.47')
  t.equal(interest.json().interest.totals.capitalized, '188041.47')
  // accrued to 10-22, to be paid in notes: 1,188,041.47 × 10% × 14/360 = 4,620.16, × 15% × 7/360 = 3,465.12
  t.equal(interest.json().interest.totals.accrued, '8085.28')

  const redemption = await post(app, '/v1/redemption', { note: theCase.note, eventOfDefaultDate: '2008-10-15', redemptionElection: theCase.events.redemptionElection })
  t.equal(redemption.statusCode, 200)
  t.equal(redemption.json().redemption.totalDue, '1194509.70')
  t.same(redemption.json().warnings.map((w: { code: string }) => w.code), ['election-before-event-of-default'])
})

t.test('strict edge: 400 naming each bad field', async (t) => {
  const app = testApp(t)
  const cases: [string, (c: any) => void, string[]][] = [
    ['unknown field', (c) => (c.note.coupon = '0.08'), ['/note/coupon']],
    ['prototype key', (c) => (c.events = JSON.parse('{"__proto__": {"polluted": true}}')), ['/events/__proto__']],
    ['constructor key', (c) => (c.note.constructor = { prototype: { polluted: true } }), ['/note/constructor']],
    ['number where a string is required', (c) => (c.note.principal = 1000000), ['/note/principal']],
    ['impossible date', (c) => (c.note.issueDate = '2008-02-30'), ['/note/issueDate']],
    ['date out of range', (c) => (c.asOf = '2200-01-01'), ['/asOf']],
    ['malformed decimal', (c) => (c.note.interest.cashRate = '8%'), ['/note/interest/cashRate']],
    ['unknown enum', (c) => (c.note.calendar = 'tokyo'), ['/note/calendar']],
    ['missing field', (c) => delete c.note.principal, ['/note/principal']],
    ['bad timestamp', (c) => (c.events.noticeOfDefault.sentAt = '2008-09-29T25:00:00Z'), ['/events/noticeOfDefault/sentAt']],
    ['unknown delivery method', (c) => (c.events.noticeOfDefault.methods = ['pigeon']), ['/events/noticeOfDefault/methods/0']],
    ['two errors at once', (c) => { c.note.principal = 'x'; c.spa.closingDate = 'y' }, ['/note/principal', '/spa/closingDate']],
  ]
  for (const [name, change, pointers] of cases) {
    t.test(name, async (t) => {
      assertProblem(t, await post(app, '/v1/scenarios', variant(theCase, change)), { status: 400, type: 'validation', errors: pointers.map((pointer) => ({ pointer })) })
    })
  }
  t.equal(({} as Record<string, unknown>)['polluted'], undefined, 'no prototype was polluted')
})

t.test('contradictions: 422 naming the fields', async (t) => {
  const app = testApp(t)
  const cases: [string, string, unknown, string][] = [
    ['maturity before issue', '/v1/scenarios', variant(theCase, (c) => (c.note.maturityDate = '2006-12-31')), '/note/maturityDate'],
    ['notice before closing', '/v1/scenarios', variant(theCase, (c) => (c.events.noticeOfDefault.sentAt = '2006-06-01')), '/events/noticeOfDefault/sentAt'],
    ['election after an in-time cure', '/v1/scenarios', variant(theCase, (c) => (c.events.curedOn = '2008-10-01')), '/events/redemptionElection'],
    ['portion above 1', '/v1/redemption', { note: theCase.note, eventOfDefaultDate: '2008-10-15', redemptionElection: { date: '2008-10-15', portion: '1.01' } }, '/redemptionElection/portion'],
    ['cure before notice', '/v1/cure-period', { noticeOfDefault: theCase.events.noticeOfDefault, curedOn: '2008-09-01' }, '/curedOn'],
    ['performed before closing', '/v1/covenant-deadline', { spa: theCase.spa, covenantPerformedOn: '2006-01-01' }, '/covenantPerformedOn'],
  ]
  for (const [name, url, payload, pointer] of cases) {
    t.test(name, async (t) => {
      assertProblem(t, await post(app, url, payload), { status: 422, type: 'contradictory-input', errors: [{ pointer }] })
    })
  }
})

t.test('POST /v1/scenarios/batch: each item succeeds or fails alone, in order', async (t) => {
  const app = testApp(t)
  const items = [
    theCase,
    { note: { principal: '1000.00' } },
    variant(theCase, (c) => (c.note.maturityDate = '2006-12-31')),
    variant(theCase, (c) => (c.events.redemptionElection.portion = '0.50')),
  ]
  const res = await post(app, '/v1/scenarios/batch', { items })
  t.equal(res.statusCode, 200)
  const { results } = res.json()
  t.same(results.map((r: { ok: boolean }) => r.ok), [true, false, false, true])
  t.equal(results[0].result.redemption.totalDue, '1194509.70')
  t.equal(results[1].problem.status, 400)
  t.same(results[1].problem.errors.map((e: { pointer: string }) => e.pointer).sort(), ['/note/issueDate', '/note/maturityDate'])
  t.equal(results[2].problem.status, 422)
  t.same(results[2].problem.errors.map((e: { pointer: string }) => e.pointer), ['/note/maturityDate'])
  // half of 1,188,041.47 = 594,020.735 → 594,020.74; + 1,848.06 + 1,386.05 (see test/domain/features)
  t.equal(results[3].result.redemption.redemptionPrice, '597254.85')

  assertProblem(t, await post(app, '/v1/scenarios/batch', { items: [] }), { status: 400, errors: [{ pointer: '/items' }] })
  const tooMany = { items: Array.from({ length: 10_001 }, () => ({})) }
  assertProblem(t, await post(app, '/v1/scenarios/batch', tooMany), { status: 400, errors: [{ pointer: '/items' }] })
})
