/**
 * Events dated after asOf have not happened as of asOf: they are computed as given, and each
 * kind says so under its own warning code. An event on asOf itself has happened.
 */
import t from 'tap'
import { computeScenario } from '../../src/domain/scenario.js'
import { computeCovenantDeadline, computeCurePeriod } from '../../src/domain/operations.js'
import { fixture, variant } from '../helpers/json.js'

const theCase = fixture('examples/liquidmetal-2008.request.json')
const codes = (r: { warnings: { code: string }[] }) => r.warnings.map((w) => w.code)

t.test('a scenario warns of each event after asOf', async (t) => {
  // asOf 2008-09-15: the covenant performed 2008-10-01, the notice and the election of 2008-09-29,
  // and the payment of 2008-10-22 all come later.
  const r = computeScenario(
    variant(theCase, (c) => {
      c.asOf = '2008-09-15'
      c.events.covenantPerformedOn = '2008-10-01'
      c.events.paymentDate = '2008-10-22'
    }),
  )
  t.same(
    codes(r)
      .filter((c) => c.endsWith('-after-as-of'))
      .sort(),
    [
      'covenant-performance-after-as-of',
      'event-of-default-after-as-of',
      'notice-after-as-of',
      'redemption-election-after-as-of',
      'redemption-payment-after-as-of',
    ],
  )
  t.match(
    r.warnings.find((w) => w.code === 'notice-after-as-of')?.message,
    /^The notice of default \(2008-09-29\) falls after asOf \(2008-09-15\)/,
  )
  t.match(
    r.warnings.find((w) => w.code === 'redemption-payment-after-as-of')?.message,
    /\(2008-10-22\) falls after asOf/,
  )
  // Judged as of asOf, the covenant is breached (deadline 2007-01-10), its performance still to come.
  t.equal(r.covenant?.status, 'breached')
  t.equal(r.notice?.status, 'notice-not-yet-effective')
  // The redemption is computed as if the events happened: the case's figures.
  t.equal(r.redemption?.totalDue, '1194509.70')
})

t.test('a cure after asOf', async (t) => {
  // Cured 2008-10-10 (in time), asOf 2008-10-01: the cure period is still running as of asOf.
  const r = computeScenario(
    variant(theCase, (c) => {
      c.asOf = '2008-10-01'
      c.events.curedOn = '2008-10-10'
      c.events.redemptionElection = null
    }),
  )
  t.ok(codes(r).includes('cure-after-as-of'))
  t.equal(r.notice?.status, 'cure-period-running')
})

t.test('events on asOf itself, or before it, do not warn', async (t) => {
  const r = computeScenario(variant(theCase, (c) => (c.asOf = '2008-09-29')))
  t.same(
    codes(r).filter((c) => c.endsWith('-after-as-of')),
    ['event-of-default-after-as-of'],
    'only the Event of Default of 2008-10-15 is to come',
  )
  t.same(
    codes(computeScenario(theCase)).filter((c) => c.endsWith('-after-as-of')),
    [],
    'the case as of 2008-10-31',
  )
})

t.test('the single clauses warn the same way', async (t) => {
  const covenant = computeCovenantDeadline({ spa: theCase.spa, covenantPerformedOn: '2007-01-16', asOf: '2007-01-12' })
  t.ok(codes(covenant).includes('covenant-performance-after-as-of'))
  t.equal(covenant.covenant.status, 'breached')
  const cure = computeCurePeriod({
    noticeOfDefault: theCase.events.noticeOfDefault,
    curedOn: '2008-10-10',
    asOf: '2008-09-20',
  })
  t.ok(codes(cure).includes('notice-after-as-of'))
  t.ok(codes(cure).includes('cure-after-as-of'))
})
