/**
 * POST /v1/scenarios/compare: the case under its readings, worked by hand; each variant
 * failing alone; the request's own errors at their pointers; the bounds on variants, patches
 * and the patched request; the default readings and when each is offered.
 */
import t from 'tap'
import { assertProblem, testApp } from '../helpers/http.js'
import { fixture, variant } from '../helpers/json.js'

const theCase = fixture('examples/liquidmetal-2008.request.json')
const URL = '/v1/scenarios/compare'

const compare = (app: ReturnType<typeof testApp>, payload: unknown) =>
  app.inject({ method: 'POST', url: URL, payload: payload as object })

const byId = (body: any, id: string) => body.variants.find((v: { id: string }) => v.id === id)

t.test(
  'the case on us-nyse: the cure deadline and the Event of Default a day earlier, and the amounts that follow',
  async (t) => {
    const app = testApp(t)
    const res = await compare(app, {
      scenario: theCase,
      variants: [{ id: 'nyse', patch: [{ op: 'replace', path: '/note/calendar', value: 'us-nyse' }] }],
    })
    t.equal(res.statusCode, 200)
    const body = res.json()
    // The base is the case (docs/rules/README.md, the case computed).
    t.equal(body.base.notice.cureDeadline, '2008-10-14')
    t.equal(body.base.redemption.totalDue, '1194509.70')
    const nyse = body.variants[0]
    t.equal(nyse.ok, true)
    t.same(nyse.changed, [
      // 10 NYSE business days after the notice (Mon 2008-09-29): 09-30, 10-01, 02, 03, 06, 07, 08, 09, 10, 13;
      // Columbus Day (10-13) is a bank holiday but the exchange is open.
      { pointer: '/notice/cureDeadline', base: '2008-10-14', variant: '2008-10-13', difference: -1 },
      // the day after the cure deadline
      { pointer: '/eventOfDefault/date', base: '2008-10-15', variant: '2008-10-14', difference: -1 },
      // the premature election (09-29) takes effect on the Event of Default
      { pointer: '/redemption/electionEffectiveDate', base: '2008-10-15', variant: '2008-10-14', difference: -1 },
      // 5 NYSE business days after 10-14: 10-15, 16, 17, 20, 21
      { pointer: '/redemption/paymentDueDate', base: '2008-10-22', variant: '2008-10-21', difference: -1 },
      { pointer: '/redemption/redemptionDate', base: '2008-10-22', variant: '2008-10-21', difference: -1 },
      // 8% on 1,188,041.47 from the last Interest Date 10-01 to 10-14, 13 days 30/360 US:
      // 1,188,041.47 × 0.08 × 13 / 360 = 3,432.1198 → 3,432.12 (the base: 14 days, 3,696.1290 → 3,696.13); −264.01
      { pointer: '/redemption/accruedInterest/base', base: '3696.13', variant: '3432.12', difference: '-264.01' },
      // 12% from 10-14 to 10-21 is 7 days as in the base (10-15 to 10-22): 1,188,041.47 × 0.12 × 7 / 360 = 2,772.0968
      // → 2,772.10 unchanged, so not listed; total 3,432.12 + 2,772.10 = 6,204.22
      { pointer: '/redemption/accruedInterest/total', base: '6468.23', variant: '6204.22', difference: '-264.01' },
      // price = 1,188,041.47 + 6,204.22 = 1,194,245.69 (premium 1.00); no late charge, so total due the same
      { pointer: '/redemption/redemptionPrice', base: '1194509.70', variant: '1194245.69', difference: '-264.01' },
      { pointer: '/redemption/totalDue', base: '1194509.70', variant: '1194245.69', difference: '-264.01' },
    ])
    // Not moved: the principal (interest notes to 10-01, before either Event of Default), the per diem
    // 1,188,041.47 × 0.12 / 360 = 396.0138 → 396.01, the increment 1,188,041.47 × 0.04 × 7 / 360 = 924.0322 → 924.03.
    t.equal(nyse.figures.redemption.outstandingPrincipal, '1188041.47')
    t.equal(nyse.figures.redemption.accruedInterest.default, '2772.10')
    t.equal(nyse.figures.redemption.perDiem, '396.01')
    t.equal(nyse.figures.redemption.defaultInterestIncrement, '924.03')
    t.equal(nyse.figures.covenant.deadline, '2007-01-10', 'the covenant deadline is the same on the exchange calendar')
  },
)

t.test('the covenant in calendar days moves /covenant/deadline to 2007-01-08 and nothing else', async (t) => {
  const app = testApp(t)
  const res = await compare(app, {
    scenario: theCase,
    variants: [
      { id: 'calendar-days', patch: [{ op: 'replace', path: '/spa/covenant/period/unit', value: 'calendar-days' }] },
    ],
  })
  const v = res.json().variants[0]
  t.equal(v.ok, true)
  // 2007-01-03 + 5 calendar days = Monday 2007-01-08, a business day (no adjustment); 2 days before 01-10.
  t.same(v.changed, [{ pointer: '/covenant/deadline', base: '2007-01-10', variant: '2007-01-08', difference: -2 }])
  t.notOk('status' in v.figures.covenant, 'a status is neither a date nor an amount: no key figure')
})

t.test('the documented example: three variants, the third failing alone', async (t) => {
  const app = testApp(t)
  const example = fixture('../../examples/liquidmetal-2008.scenario-compare.request.json').value
  const res = await compare(app, example)
  t.equal(res.statusCode, 200)
  const [nyse, calendarDays, tokyo] = res.json().variants
  t.equal(nyse.ok, true)
  t.equal(calendarDays.ok, true)
  t.equal(tokyo.ok, false)
  t.equal(tokyo.problem.status, 400)
  t.same(
    tokyo.problem.errors.map((e: { pointer: string }) => e.pointer),
    ['/note/calendar'],
    'pointer into the patched scenario',
  )
  t.match(
    tokyo.description,
    /replace \/note\/calendar = "tokyo"/,
    'described by its operations when no description is given',
  )
  t.same(
    fixture('../../examples/liquidmetal-2008.scenario-compare.response.json').value,
    res.json(),
    'the documented answer is the answer',
  )
})

t.test(
  'each variant succeeds or fails alone: 400, 422, 409 and 413 problems beside computed variants; ' +
    'the patched request is bounded',
  async (t) => {
    const app = testApp(t)
    const variants = [
      { id: 'invalid', patch: [{ op: 'add', path: '/note/coupon', value: '0.08' }] },
      { id: 'contradictory', patch: [{ op: 'replace', path: '/note/maturityDate', value: '2006-01-03' }] },
      {
        id: 'test-fails',
        patch: [
          { op: 'test', path: '/note/calendar', value: 'us-nyse' },
          { op: 'replace', path: '/note/calendar', value: 'weekends-only' },
        ],
      },
      { id: 'no-such-value', patch: [{ op: 'remove', path: '/note/cure/days' }] },
      { id: 'no-parent', patch: [{ op: 'add', path: '/note/notice/cutoffTime/x', value: 1 }] },
      { id: 'past-the-end', patch: [{ op: 'add', path: '/events/noticeOfDefault/methods/3', value: 'mail' }] },
      { id: 'fine', patch: [{ op: 'add', path: '/events/noticeOfDefault/methods/-', value: 'mail' }] },
      // Each copy appends the whole request to a list in it, doubling it: past BODY_LIMIT (1 MiB) at the 10th or so.
      {
        id: 'copy-loop',
        patch: [
          { op: 'add', path: '/extraHolidays', value: [] },
          ...Array.from({ length: 49 }, () => ({ op: 'copy', from: '', path: '/extraHolidays/-' })),
        ],
      },
      // Each copy nests the request one level deeper in itself: past 32 levels (MAX_DEPTH) at about the 15th.
      { id: 'nesting', patch: Array.from({ length: 40 }, () => ({ op: 'copy', from: '', path: '/note/x' })) },
      { id: 'null', patch: [{ op: 'replace', path: '', value: null }] },
      {
        id: 'into-null',
        patch: [
          { op: 'replace', path: '', value: null },
          { op: 'add', path: '/note', value: {} },
        ],
      },
      { id: 'empty', patch: [] },
    ]
    const res = await compare(app, { scenario: theCase, variants })
    t.equal(res.statusCode, 200)
    const got = res.json().variants
    t.same(
      got.map((v: { id: string }) => v.id),
      variants.map((v) => v.id),
      'in request order',
    )
    const problemOf = (id: string) => got.find((v: { id: string }) => v.id === id).problem
    t.match(problemOf('invalid'), { status: 400, errors: [{ pointer: '/note/coupon' }] })
    t.match(problemOf('contradictory'), { status: 422, errors: [{ pointer: '/note/maturityDate' }] })
    t.match(problemOf('test-fails'), {
      status: 409,
      type: 'https://convertible-default.example/problems/patch-conflict',
      errors: [{ pointer: '/note/calendar' }],
    })
    t.match(problemOf('test-fails').detail, /Operation 0 .*test/)
    t.match(problemOf('no-such-value'), { status: 409, errors: [{ pointer: '/note/cure/days' }] })
    t.match(problemOf('no-parent'), { status: 409, errors: [{ pointer: '/note/notice/cutoffTime/x' }] })
    t.match(problemOf('past-the-end'), { status: 409, errors: [{ pointer: '/events/noticeOfDefault/methods/3' }] })
    t.match(problemOf('copy-loop'), {
      status: 413,
      type: 'https://convertible-default.example/problems/payload-too-large',
      errors: [{ pointer: '/extraHolidays/-' }],
    })
    t.match(problemOf('nesting'), { status: 400, errors: [{ pointer: '/note/x' }] })
    t.match(problemOf('nesting').detail, /more than 32 levels deep/)
    // The whole scenario replaced by null: not a scenario request; and then nothing to add a member to.
    t.match(problemOf('null'), { status: 400, errors: [{ pointer: '' }] })
    t.match(problemOf('into-null'), { status: 409, errors: [{ pointer: '/note' }] })
    // facsimile still wins (mail is slower), so adding mail moves nothing
    t.match(byId(res.json(), 'fine'), { ok: true, changed: [] })
    t.match(byId(res.json(), 'empty'), { ok: true, changed: [] })
    t.same(byId(res.json(), 'empty').figures, res.json().base, 'an empty patch is the base')
  },
)

t.test('move and copy as RFC 6902 defines them', async (t) => {
  const app = testApp(t)
  const scenario = variant(theCase, (c) => {
    c.events.curedOn = '2008-10-10'
    c.events.redemptionElection = null
  })
  const res = await compare(app, {
    scenario,
    variants: [
      // The date read as the covenant's performance, not a cure: performed late, and nothing cures the default.
      { id: 'move', patch: [{ op: 'move', from: '/events/curedOn', path: '/events/covenantPerformedOn' }] },
      { id: 'copy', patch: [{ op: 'copy', from: '/spa/closingDate', path: '/events/covenantPerformedOn' }] },
      { id: 'move-to-itself', patch: [{ op: 'move', from: '/asOf', path: '/asOf' }] },
    ],
  })
  t.equal(res.statusCode, 200)
  const body = res.json()
  // Cured 10-10, within the cure period (to 10-14): no Event of Default.
  t.equal(body.base.eventOfDefault.date, null)
  t.equal(body.base.redemption.totalDue, null, 'no redemption: every redemption figure is null')
  const moved = byId(body, 'move')
  t.same(moved.patch, [{ op: 'move', from: '/events/curedOn', path: '/events/covenantPerformedOn' }])
  t.same(moved.changed, [
    // 2008-10-10 is after the deadline 2007-01-10: performed late, a status, which is no key figure (neither a date nor
    // an amount)
    // uncured, the Event of Default is the day after the cure deadline; the base has none, so no difference
    { pointer: '/eventOfDefault/date', base: null, variant: '2008-10-15', difference: null },
  ])
  // Performed on the Closing day itself: on time, a status only; the deadline (2007-01-10) and every date and amount
  // stay.
  t.same(byId(body, 'copy').changed, [])
  t.match(byId(body, 'move-to-itself'), { ok: true, changed: [] })
})

t.test("the request's own errors are 400s at their pointer in the request", async (t) => {
  const app = testApp(t)
  const one = (patch: unknown[]) => ({ scenario: theCase, variants: [{ id: 'v', patch }] })
  const cases: Array<[string, unknown, string[]]> = [
    [
      'a path outside the scenario',
      one([{ op: 'replace', path: '/scenario/note/calendar', value: 'us-nyse' }]),
      ['/variants/0/patch/0/path'],
    ],
    [
      'a from outside the scenario',
      one([{ op: 'copy', from: '/variants/1', path: '/asOf' }]),
      ['/variants/0/patch/0/from'],
    ],
    ['a built-in name', one([{ op: 'test', path: '/note/toString', value: 1 }]), ['/variants/0/patch/0/path']],
    ['__proto__', one([{ op: 'add', path: '/note/__proto__/polluted', value: true }]), ['/variants/0/patch/0/path']],
    ['a move into its own child', one([{ op: 'move', from: '/note', path: '/note/id' }]), ['/variants/0/patch/0/from']],
    [
      'not a JSON pointer',
      one([{ op: 'replace', path: 'note/calendar', value: 'us-nyse' }]),
      ['/variants/0/patch/0/path'],
    ],
    ['a bad escape', one([{ op: 'remove', path: '/note/~2' }]), ['/variants/0/patch/0/path']],
    ['no such op', one([{ op: 'merge', path: '/note', value: {} }]), ['/variants/0/patch/0/op']],
    ['a value missing', one([{ op: 'add', path: '/note/calendar' }]), ['/variants/0/patch/0/value']],
    ['a from missing', one([{ op: 'copy', path: '/note/calendar' }]), ['/variants/0/patch/0/from']],
    ['an unknown member', one([{ op: 'remove', path: '/asOf', value: 1 }]), ['/variants/0/patch/0/value']],
    [
      'a repeated id',
      {
        scenario: theCase,
        variants: [
          { id: 'a', patch: [] },
          { id: 'b', patch: [] },
          { id: 'a', patch: [] },
        ],
      },
      ['/variants/2/id'],
    ],
    [
      '51 variants',
      { scenario: theCase, variants: Array.from({ length: 51 }, (_, i) => ({ id: `v${i}`, patch: [] })) },
      ['/variants'],
    ],
    [
      '51 operations',
      one(Array.from({ length: 51 }, () => ({ op: 'test', path: '/asOf', value: '2008-10-31' }))),
      ['/variants/0/patch'],
    ],
    ['an id that is not one', { scenario: theCase, variants: [{ id: 'a b', patch: [] }] }, ['/variants/0/id']],
    [
      'an invalid scenario',
      { scenario: variant(theCase, (c) => (c.note.principal = 1000000)) },
      ['/scenario/note/principal'],
    ],
    ['no scenario', { variants: [] }, ['/scenario']],
  ]
  for (const [what, payload, pointers] of cases) {
    t.test(what, async (t) => {
      assertProblem(t, await compare(app, payload), { status: 400, errors: pointers.map((pointer) => ({ pointer })) })
    })
  }
  t.equal(({} as any).polluted, undefined, 'Object.prototype untouched')
})

t.test('a contradictory scenario is a 422 for the whole request, pointers under /scenario', async (t) => {
  const app = testApp(t)
  const res = await compare(app, { scenario: variant(theCase, (c) => (c.note.maturityDate = '2006-01-03')) })
  assertProblem(t, res, {
    status: 422,
    type: 'contradictory-input',
    errors: [{ pointer: '/scenario/note/maturityDate' }],
  })
  // Every pointer of the scenario's contradictions is under /scenario: the first Interest Date before the issue date.
  const early = variant(theCase, (c) => (c.note.issueDate = '2009-12-01'))
  const res2 = await compare(app, { scenario: early, variants: [] })
  assertProblem(t, res2, { status: 422, errors: [{ pointer: '/scenario/note/interest/interestDates/firstDate' }] })
})

t.test('a variant computes the same as POST /v1/scenarios with the patched request (asOf default too)', async (t) => {
  const app = testApp(t)
  const { asOf: _asOf, ...withoutAsOf } = theCase
  const res = await compare(app, {
    scenario: withoutAsOf,
    variants: [{ id: 'nyse', patch: [{ op: 'add', path: '/note/calendar', value: 'us-nyse' }] }],
  })
  const body = res.json()
  const plain = (
    await app.inject({
      method: 'POST',
      url: '/v1/scenarios',
      payload: { ...withoutAsOf, note: { ...withoutAsOf.note, calendar: 'us-nyse' } },
    })
  ).json()
  t.equal(body.asOf, plain.asOf, 'today in New York for both')
  t.equal(body.variants[0].figures.redemption.totalDue, plain.redemption.totalDue)
  t.ok(
    body.assumptions.some((a: { code: string }) => a.code === 'readings-as-of'),
    'says the variants share the asOf',
  )
})

/** The calendars other than the case's us-fed, in the contract's order (schemas/CalendarId.json). */
const OTHER_THAN_US_FED = [
  'calendar-us-settlement',
  'calendar-us-nyse',
  'calendar-us-government-bond',
  'calendar-weekends-only',
  'calendar-us-sec',
]

const DEFAULT_IDS = [
  'covenant-period-calendar-days',
  ...OTHER_THAN_US_FED,
  'notice-by-slowest-method',
  'cure-period-one-day-shorter',
  'cure-period-one-day-longer',
  'accrued-interest-in-notes',
  'rounding-half-even',
]

t.test('without variants: the readings an analyst would try, each saying what it assumes', async (t) => {
  const app = testApp(t)
  const res = await compare(app, { scenario: theCase })
  t.equal(res.statusCode, 200)
  const body = res.json()
  t.same(
    body.variants.map((v: { id: string }) => v.id),
    DEFAULT_IDS,
  )
  for (const v of body.variants) {
    t.equal(v.ok, true, `${v.id} computes`)
    t.ok(v.description.length > 30, `${v.id} is described`)
  }
  t.match(byId(body, 'covenant-period-calendar-days').description, /5 calendar days .* instead of 5 business days/)
  t.same(
    byId(body, 'covenant-period-calendar-days').changed.map((c: { pointer: string }) => c.pointer),
    ['/covenant/deadline'],
  )
  // The same reading as the explicit us-nyse variant above.
  t.equal(byId(body, 'calendar-us-nyse').figures.eventOfDefault.date, '2008-10-14')
  // us-settlement and us-government-bond close on Columbus Day too: the case does not move.
  t.same(byId(body, 'calendar-us-settlement').changed, [])
  t.same(byId(body, 'calendar-us-government-bond').changed, [])

  // Overnight courier: effective the first us-fed business day after 09-29, 09-30; cure deadline 10 business days
  // later: 10-01, 02, 03, 06, 07, 08, 09, 10, 14, 15 (10-13 Columbus Day) → 10-15; Event of Default 10-16; due
  // 10-17, 20, 21, 22, 23 → 10-23. Accrued 8% from 10-01 to 10-16, 15 days: 1,188,041.47 × 0.08 × 15 / 360 =
  // 3,960.1382 → 3,960.14 (+264.01); 12% 10-16 to 10-23 is 7 days as before (2,772.10).
  const courier = byId(body, 'notice-by-slowest-method')
  t.match(courier.description, /overnight-courier.*2008-09-30/)
  t.same(courier.patch, [{ op: 'replace', path: '/events/noticeOfDefault/methods', value: ['overnight-courier'] }])
  t.same(
    courier.changed.map((c: any) => [c.pointer, c.variant, c.difference]),
    [
      ['/notice/effectiveDate', '2008-09-30', 1],
      ['/notice/cureDeadline', '2008-10-15', 1],
      ['/eventOfDefault/date', '2008-10-16', 1],
      ['/redemption/electionEffectiveDate', '2008-10-16', 1],
      ['/redemption/paymentDueDate', '2008-10-23', 1],
      ['/redemption/redemptionDate', '2008-10-23', 1],
      ['/redemption/accruedInterest/base', '3960.14', '264.01'],
      ['/redemption/accruedInterest/total', '6732.24', '264.01'],
      ['/redemption/redemptionPrice', '1194773.71', '264.01'],
      ['/redemption/totalDue', '1194773.71', '264.01'],
    ],
  )
  // 9 business days after 09-29 end on 10-10 (Friday): the Event of Default on Saturday 10-11, the election
  // effective then, due 5 business days later: 10-14, 15, 16, 17, 20 (10-13 a holiday) → 10-20.
  const shorter = byId(body, 'cure-period-one-day-shorter')
  t.same(shorter.patch, [{ op: 'replace', path: '/note/cure/businessDays', value: 9 }])
  t.equal(shorter.figures.notice.cureDeadline, '2008-10-10')
  t.equal(shorter.figures.eventOfDefault.date, '2008-10-11')
  t.equal(shorter.figures.redemption.paymentDueDate, '2008-10-20')
  t.equal(byId(body, 'cure-period-one-day-longer').figures.notice.cureDeadline, '2008-10-15')
  // Accrued at the note rates: 1,188,041.47 × 0.10 × 14 / 360 = 4,620.1613 → 4,620.16 and × 0.15 × 7 / 360 =
  // 3,465.1210 → 3,465.12; per diem at the default note rate 1,188,041.47 × 0.15 / 360 = 495.0173 → 495.02.
  const notes = byId(body, 'accrued-interest-in-notes').figures.redemption
  t.equal(notes.accruedInterest.base, '4620.16')
  t.equal(notes.accruedInterest.default, '3465.12')
  t.equal(notes.perDiem, '495.02')
  t.same(byId(body, 'rounding-half-even').patch, [{ op: 'add', path: '/rounding', value: 'half-even' }])
  t.match(body.assumptions.find((a: { code: string }) => a.code === 'readings').description, /No variants given/)
})

t.test(
  'a default reading is offered only when it changes the request, ' +
    'and the covenant and notice readings only with their clause',
  async (t) => {
    const app = testApp(t)
    const ids = async (scenario: unknown) => {
      const res = await compare(app, { scenario })
      t.equal(res.statusCode, 200)
      return res.json().variants.map((v: { id: string }) => v.id) as string[]
    }
    const oneMethod = await ids(variant(theCase, (c) => (c.events.noticeOfDefault.methods = ['mail'])))
    t.notOk(oneMethod.includes('notice-by-slowest-method'), 'no slowest method with one method')
    const explicit = await ids(variant(theCase, (c) => (c.events.noticeOfDefault.effectiveDate = '2008-10-01')))
    t.notOk(explicit.includes('notice-by-slowest-method'), 'no slowest method when the effective date is given')
    t.ok(explicit.includes('cure-period-one-day-longer'))
    const noSpa = await ids(variant(theCase, (c) => delete c.spa))
    t.notOk(
      noSpa.some((id) => id.startsWith('covenant-')),
      'no covenant reading without an SPA',
    )
    // A note and nothing that happened: the readings of the note are still offered (each changes the request), moving
    // nothing.
    const noteOnly = await compare(app, { scenario: { note: theCase.note, asOf: '2008-10-31' } })
    t.same(
      noteOnly.json().variants.map((v: { id: string }) => v.id),
      [
        ...OTHER_THAN_US_FED,
        'cure-period-one-day-shorter',
        'cure-period-one-day-longer',
        'accrued-interest-in-notes',
        'rounding-half-even',
      ],
    )
    t.ok(
      noteOnly.json().variants.every((v: { changed: unknown[] }) => v.changed.length === 0),
      'no figure moves: the note has no SPA, notice or redemption, and its figures are null',
    )
    const other = await ids(
      variant(theCase, (c) => {
        c.note.calendar = 'us-nyse'
        c.spa.covenant.period.unit = 'calendar-days'
        c.note.cure.businessDays = 0
        c.note.interest.accruedInterestForm = 'notes'
        c.note.rounding = 'half-even'
      }),
    )
    t.same(
      other,
      [
        'covenant-period-business-days',
        'calendar-us-fed',
        'calendar-us-settlement',
        'calendar-us-government-bond',
        'calendar-weekends-only',
        'calendar-us-sec',
        'notice-by-slowest-method',
        'cure-period-one-day-longer',
        'accrued-interest-in-cash',
        'rounding-half-up',
      ],
      'the other way of each reading; no cure period shorter than 0',
    )
  },
)
