/**
 * Where a redemption election stands against the Event of Default (Note 4(b)): impossible before
 * the note exists, premature before the notice or the Event of Default, and void when there is no
 * Event of Default to redeem under. A scenario reports a void election (200); the single clause,
 * POST /v1/redemption, refuses it (422). Dates are the case's (docs/rules/README.md): notice effective
 * 2008-09-29, cure deadline 2008-10-14, Event of Default 2008-10-15.
 */
import t from 'tap'
import { computeScenario } from '../../src/domain/scenario.js'
import { computeRedemption } from '../../src/domain/operations.js'
import { fixture, variant } from '../helpers/json.js'

const theCase = fixture('examples/liquidmetal-2008.request.json')
const codes = (r: { warnings: { code: string }[] }) => r.warnings.map((w) => w.code)

t.test('an election before the issue date (2007-01-03) is impossible: 422 at its date', async (t) => {
  const early = variant(theCase, (c) => (c.events.redemptionElection.date = '2006-01-01'))
  t.throws(() => computeScenario(early), {
    errors: [{ pointer: '/events/redemptionElection/date', detail: /precedes the issue date \(2007-01-03\)/ }],
  })
  t.throws(
    () =>
      computeRedemption({
        note: theCase.note,
        eventOfDefaultDate: '2008-10-15',
        redemptionElection: { date: '2006-01-01' },
      }),
    {
      errors: [{ pointer: '/redemptionElection/date' }],
    },
  )
  // On the issue date itself there is a note: premature, not impossible.
  const onIssue = computeScenario(variant(theCase, (c) => (c.events.redemptionElection.date = '2007-01-03')))
  t.equal(onIssue.redemptionElection?.status, 'deferred')
})

t.test(
  'an election before the notice of default is premature: deferred to the Event of Default, with a warning',
  async (t) => {
    // Friday 2008-09-26, before the notice of Monday 2008-09-29: treated as made on 2008-10-15, so
    // every figure is the case's own (due 2008-10-22, total 1,194,509.70, docs/rules/redemption.md).
    const r = computeScenario(variant(theCase, (c) => (c.events.redemptionElection.date = '2008-09-26')))
    t.same(r.redemptionElection, {
      clause: 'Note 4(b)',
      date: '2008-09-26',
      portion: '1.00',
      status: 'deferred',
      effectiveDate: '2008-10-15',
      voidReason: null,
    })
    t.equal(r.redemption?.electionEffectiveDate, '2008-10-15')
    t.equal(r.redemption?.paymentDueDate, '2008-10-22')
    t.equal(r.redemption?.totalDue, '1194509.70')
    t.ok(codes(r).includes('election-before-event-of-default'))
    t.match(
      r.warnings.find((w) => w.code === 'election-before-notice')?.message,
      /2008-09-26 precedes the notice of default \(sent 2008-09-29\)/,
    )
    // The case's own election, the day of the notice, does not precede it.
    t.notOk(codes(computeScenario(theCase)).includes('election-before-notice'))
    // Under policy reject it is a 422 at its date, as any premature election.
    const reject = variant(theCase, (c) => {
      c.events.redemptionElection.date = '2008-09-26'
      c.events.redemptionElection.policy = 'reject'
    })
    t.throws(() => computeScenario(reject), { errors: [{ pointer: '/events/redemptionElection/date' }] })
  },
)

t.test('a cure in time plus an election: 200, cured-in-time, the election void, no redemption', async (t) => {
  // Cured 2008-10-10, on or before the cure deadline 2008-10-14: no Event of Default; the
  // election of 2008-10-20 has nothing to redeem under.
  const r = computeScenario(
    variant(theCase, (c) => {
      c.events.curedOn = '2008-10-10'
      c.events.redemptionElection.date = '2008-10-20'
    }),
  )
  t.equal(r.notice?.status, 'cured-in-time')
  t.equal(r.eventOfDefault.date, null)
  t.same(r.redemptionElection, {
    clause: 'Note 4(b)',
    date: '2008-10-20',
    portion: '1.00',
    status: 'void',
    effectiveDate: null,
    voidReason: 'cured-in-time',
  })
  t.equal(r.redemption, null)
  t.match(
    r.warnings.find((w) => w.code === 'election-void')?.message,
    /^The redemption election dated 2008-10-20 is void: no Event of Default exists to redeem under/,
  )
  t.notOk(codes(r).includes('election-before-event-of-default'), 'a void election is not also deferred')
  t.match(
    r.timeline.find((e) => e.event === 'redemption-election'),
    { date: '2008-10-20', clause: 'Note 4(b)', description: /void/ },
  )
  t.notOk(
    r.timeline.some((e) => e.event.startsWith('redemption-payment')),
    'no payment due',
  )
  // Without a redemption the ledger runs to asOf (2008-10-31) at normal rates, in notes: the
  // accrued stub [10-01, 10-31) is 30 days 30/360: 1,188,041.47 × 10% × 30/360 = 9,900.3456 → 9,900.35.
  const stub = r.interestLedger.filter((x) => x.status === 'accrued')
  t.same(
    stub.map((x) => [x.start, x.end, x.rate, x.amount]),
    [['2008-10-01', '2008-10-31', '0.10', '9900.35']],
  )
  t.ok(r.clauses.includes('Note 4(b)'), 'the clause the election invoked is cited')
})

t.test('an election after a late cure, or taking effect the day of the cure, is void (cured-late)', async (t) => {
  // Event of Default 2008-10-15, cured late on 2008-10-17; an election on 2008-10-20 comes after the cure.
  const after = computeScenario(
    variant(theCase, (c) => {
      c.events.curedOn = '2008-10-17'
      c.events.redemptionElection.date = '2008-10-20'
    }),
  )
  t.equal(after.eventOfDefault.date, '2008-10-15')
  t.equal(after.eventOfDefault.status, 'cured')
  t.match(after.redemptionElection, { status: 'void', voidReason: 'cured-late', effectiveDate: null })
  t.equal(after.redemption, null)
  t.ok(codes(after).includes('election-void'))
  // Cured on 2008-10-15: the case's premature election would take effect that very day.
  const sameDay = computeScenario(variant(theCase, (c) => (c.events.curedOn = '2008-10-15')))
  t.match(sameDay.redemptionElection, { date: '2008-09-29', status: 'void', voidReason: 'cured-late' })
  t.equal(sameDay.redemption, null)
  // POST /v1/redemption keeps the 422, at the election's date.
  t.throws(
    () =>
      computeRedemption({
        note: theCase.note,
        eventOfDefaultDate: '2008-10-15',
        curedOn: '2008-10-17',
        redemptionElection: { date: '2008-10-20' },
      }),
    {
      errors: [{ pointer: '/redemptionElection/date' }],
    },
  )
  t.throws(
    () =>
      computeRedemption({
        note: theCase.note,
        eventOfDefaultDate: '2008-10-15',
        curedOn: '2008-10-15',
        redemptionElection: { date: '2008-09-29' },
      }),
    {
      errors: [{ pointer: '/redemptionElection/date' }],
    },
  )
})

t.test('an election with no notice of default at all is void too, and a payment then pays nothing', async (t) => {
  const r = computeScenario(
    variant(theCase, (c) => {
      c.events.noticeOfDefault = null
      c.events.paymentDate = '2008-10-22'
    }),
  )
  t.match(r.redemptionElection, { status: 'void', voidReason: 'no-notice-of-default' })
  t.equal(r.redemption, null)
  t.match(
    r.warnings.find((w) => w.code === 'election-void')?.message,
    /no notice of default was given.*the payment dated 2008-10-22 pays no redemption/,
  )
})

t.test('an election on or after the Event of Default is effective on its date', async (t) => {
  // Elected 2008-10-16: due 5 us-fed Business Days later, 2008-10-23 (17, 20, 21, 22, 23).
  const r = computeScenario(variant(theCase, (c) => (c.events.redemptionElection.date = '2008-10-16')))
  t.match(r.redemptionElection, { status: 'effective', effectiveDate: '2008-10-16', voidReason: null })
  t.equal(r.redemption?.paymentDueDate, '2008-10-23')
  t.same(
    computeScenario(variant(theCase, (c) => (c.events.redemptionElection = null))).redemptionElection,
    null,
    'no election, nothing to stand',
  )
})
