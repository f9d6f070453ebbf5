/**
 * The lifecycle endpoints over HTTP: the case against its published answer, each clause
 * endpoint, the edge (400 with pointers) and contradictions (422 with pointers), and the batch.
 */
import t from 'tap'
import { assertProblem, testApp } from '../helpers/http.js'
import { at, fixture, variant } from '../helpers/json.js'

const theCase = fixture('examples/liquidmetal-2008.request.json')
const expected = fixture<{ values: Record<string, string>; warningCodes: string[] }>(
  'examples/liquidmetal-2008.expected.json',
)

const post = (app: ReturnType<typeof testApp>, url: string, payload: unknown) =>
  app.inject({ method: 'POST', url, payload: payload as object })

t.test('POST /v1/scenarios answers the case at every fixed pointer', async (t) => {
  const app = testApp(t)
  const res = await post(app, '/v1/scenarios', theCase)
  t.equal(res.statusCode, 200)
  t.match(res.headers['content-type'], /^application\/json/)
  const body = res.json()
  for (const [pointer, value] of Object.entries(expected.values)) t.equal(at(body, pointer), value, pointer)
  t.same(
    body.warnings.map((w: { code: string }) => w.code),
    expected.warningCodes,
  )
  t.ok(body.assumptions.length > 5, 'assumptions listed')
  t.ok(
    body.timeline.every((e: { clause: string }) => /^(SPA|Note)/.test(e.clause)),
    'every timeline entry cites a clause',
  )
})

t.test('each clause on its own agrees with the scenario', async (t) => {
  const app = testApp(t)
  const covenant = await post(app, '/v1/covenant-deadline', { spa: theCase.spa, asOf: '2008-10-31' })
  t.equal(covenant.statusCode, 200)
  t.equal(covenant.json().covenant.deadline, '2007-01-10')
  t.equal(covenant.json().covenant.status, 'breached')

  const cure = await post(app, '/v1/cure-period', {
    noticeOfDefault: theCase.events.noticeOfDefault,
    asOf: '2008-10-31',
  })
  t.equal(cure.statusCode, 200)
  t.equal(cure.json().notice.cureDeadline, '2008-10-14')
  t.equal(cure.json().eventOfDefault.date, '2008-10-15')

  const interest = await post(app, '/v1/default-interest', {
    note: theCase.note,
    eventOfDefaultDate: '2008-10-15',
    through: '2008-10-22',
  })
  t.equal(interest.statusCode, 200)
  t.equal(interest.json().interest.outstandingPrincipal, '1188041.47')
  t.equal(interest.json().interest.totals.capitalized, '188041.47')
  // accrued to 10-22, to be paid in notes: 1,188,041.47 × 10% × 14/360 = 4,620.16, × 15% × 7/360 = 3,465.12
  t.equal(interest.json().interest.totals.accrued, '8085.28')

  const redemption = await post(app, '/v1/redemption', {
    note: theCase.note,
    eventOfDefaultDate: '2008-10-15',
    redemptionElection: theCase.events.redemptionElection,
  })
  t.equal(redemption.statusCode, 200)
  t.equal(redemption.json().redemption.totalDue, '1194509.70')
  t.same(
    redemption.json().warnings.map((w: { code: string }) => w.code),
    ['election-before-event-of-default'],
  )
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
    [
      'bad timestamp',
      (c) => (c.events.noticeOfDefault.sentAt = '2008-09-29T25:00:00Z'),
      ['/events/noticeOfDefault/sentAt'],
    ],
    [
      'unknown delivery method',
      (c) => (c.events.noticeOfDefault.methods = ['pigeon']),
      ['/events/noticeOfDefault/methods/0'],
    ],
    [
      'two errors at once',
      (c) => {
        c.note.principal = 'x'
        c.spa.closingDate = 'y'
      },
      ['/note/principal', '/spa/closingDate'],
    ],
  ]
  for (const [name, change, pointers] of cases) {
    t.test(name, async (t) => {
      assertProblem(t, await post(app, '/v1/scenarios', variant(theCase, change)), {
        status: 400,
        type: 'validation',
        errors: pointers.map((pointer) => ({ pointer })),
      })
    })
  }
  t.equal(({} as Record<string, unknown>)['polluted'], undefined, 'no prototype was polluted')
})

t.test('contradictions: 422 naming the fields', async (t) => {
  const app = testApp(t)
  const cases: [string, string, unknown, string][] = [
    [
      'maturity before issue',
      '/v1/scenarios',
      variant(theCase, (c) => (c.note.maturityDate = '2006-12-31')),
      '/note/maturityDate',
    ],
    [
      'notice before closing',
      '/v1/scenarios',
      variant(theCase, (c) => (c.events.noticeOfDefault.sentAt = '2006-06-01')),
      '/events/noticeOfDefault/sentAt',
    ],
    [
      'portion above 1',
      '/v1/redemption',
      {
        note: theCase.note,
        eventOfDefaultDate: '2008-10-15',
        redemptionElection: { date: '2008-10-15', portion: '1.01' },
      },
      '/redemptionElection/portion',
    ],
    [
      'cure before notice',
      '/v1/cure-period',
      { noticeOfDefault: theCase.events.noticeOfDefault, curedOn: '2008-09-01' },
      '/curedOn',
    ],
    [
      'performed before closing',
      '/v1/covenant-deadline',
      { spa: theCase.spa, covenantPerformedOn: '2006-01-01' },
      '/covenantPerformedOn',
    ],
    // A notice before the note exists: the SPA closed earlier, but there was no note to default on.
    [
      'notice before the issue date',
      '/v1/scenarios',
      variant(theCase, (c) => {
        c.spa.closingDate = '2006-01-03'
        c.events.noticeOfDefault.sentAt = '2006-03-01'
      }),
      '/events/noticeOfDefault/sentAt',
    ],
    // An election before the note exists is impossible, not premature.
    [
      'election before the issue date',
      '/v1/scenarios',
      variant(theCase, (c) => (c.events.redemptionElection.date = '2006-01-01')),
      '/events/redemptionElection/date',
    ],
    [
      'election before the issue date (/v1/redemption)',
      '/v1/redemption',
      { note: theCase.note, eventOfDefaultDate: '2008-10-15', redemptionElection: { date: '2006-01-01' } },
      '/redemptionElection/date',
    ],
    [
      'Event of Default before the issue date',
      '/v1/default-interest',
      { note: theCase.note, eventOfDefaultDate: '2006-10-15', through: '2008-10-22' },
      '/eventOfDefaultDate',
    ],
    // Cured on 2008-10-15, the day of the Event of Default: the premature election (2008-09-29)
    // would take effect that day. A scenario answers it void (below); the single clause refuses it.
    [
      'premature election, cured the day of the Event of Default (/v1/redemption)',
      '/v1/redemption',
      {
        note: theCase.note,
        eventOfDefaultDate: '2008-10-15',
        curedOn: '2008-10-15',
        redemptionElection: { date: '2008-09-29' },
      },
      '/redemptionElection/date',
    ],
    [
      'cured before the Event of Default (/v1/redemption)',
      '/v1/redemption',
      {
        note: theCase.note,
        eventOfDefaultDate: '2008-10-15',
        curedOn: '2008-10-14',
        redemptionElection: { date: '2008-09-29' },
      },
      '/curedOn',
    ],
  ]
  for (const [name, url, payload, pointer] of cases) {
    t.test(name, async (t) => {
      assertProblem(t, await post(app, url, payload), {
        status: 422,
        type: 'contradictory-input',
        errors: [{ pointer }],
      })
    })
  }
})

t.test(
  'a cure in time plus an election: the scenario answers 200 with the election void; /v1/redemption answers 422',
  async (t) => {
    const app = testApp(t)
    // Cured 2008-10-10, before the cure deadline 2008-10-14: no Event of Default to redeem under.
    const res = await post(
      app,
      '/v1/scenarios',
      variant(theCase, (c) => {
        c.events.curedOn = '2008-10-10'
        c.events.redemptionElection.date = '2008-10-20'
      }),
    )
    t.equal(res.statusCode, 200)
    const body = res.json()
    t.equal(body.notice.status, 'cured-in-time')
    t.equal(body.eventOfDefault.date, null)
    t.match(body.redemptionElection, { status: 'void', voidReason: 'cured-in-time', effectiveDate: null })
    t.equal(body.redemption, null)
    t.ok(body.warnings.some((w: { code: string }) => w.code === 'election-void'))
    // The single clause keeps refusing an election on or after a cure.
    assertProblem(
      t,
      await post(app, '/v1/redemption', {
        note: theCase.note,
        eventOfDefaultDate: '2008-10-15',
        curedOn: '2008-10-17',
        redemptionElection: { date: '2008-10-20' },
      }),
      {
        status: 422,
        type: 'contradictory-input',
        errors: [{ pointer: '/redemptionElection/date' }],
      },
    )
    // In a batch, the void election is an item that succeeds.
    const batch = await post(app, '/v1/scenarios/batch', {
      items: [variant(theCase, (c) => (c.events.curedOn = '2008-10-10'))],
    })
    t.match(batch.json().results[0], { ok: true, result: { redemptionElection: { status: 'void' }, redemption: null } })
  },
)

t.test('dates reached from the inputs stay in 1901-01-01..2199-12-31: past it, 422 naming the input', async (t) => {
  const app = testApp(t)
  const cases: [string, string, unknown, string][] = [
    // 2199-12-30 (a Monday) by fax: effective that day; ten business days later is in January 2200.
    [
      'cure deadline in 2200',
      '/v1/cure-period',
      { noticeOfDefault: { sentAt: '2199-12-30', methods: ['facsimile'] }, asOf: '2199-12-31' },
      '/noticeOfDefault',
    ],
    // 01:00 at +05:00 on 1901-01-01 is 15:00 on 1900-12-31 in New York (EST, -05:00).
    [
      'a timestamp whose New York date is 1900-12-31',
      '/v1/cure-period',
      { noticeOfDefault: { sentAt: '1901-01-01T01:00:00+05:00', methods: ['email'] }, asOf: '1901-06-01' },
      '/noticeOfDefault/sentAt',
    ],
    // 400 calendar days after 2199-06-01 is 2200-07-06.
    [
      'covenant deadline in 2200',
      '/v1/covenant-deadline',
      {
        spa: { closingDate: '2199-06-01', covenant: { period: { count: 400, unit: 'calendar-days' } } },
        asOf: '2199-06-02',
      },
      '/spa/covenant/period',
    ],
    // Elected 2199-12-28, a Saturday: five business days later is in January 2200.
    [
      'redemption due in 2200',
      '/v1/redemption',
      { note: theCase.note, eventOfDefaultDate: '2199-12-20', redemptionElection: { date: '2199-12-28' } },
      '/redemptionElection',
    ],
  ]
  for (const [name, url, payload, pointer] of cases) {
    t.test(name, async (t) => {
      const body = assertProblem(t, await post(app, url, payload), {
        status: 422,
        type: 'contradictory-input',
        errors: [{ pointer }],
      })
      t.match(body.errors[0].detail, /outside the supported range 1901-01-01\.\.2199-12-31/)
    })
  }
  const lastDay = await post(app, '/v1/cure-period', {
    noticeOfDefault: { sentAt: '2199-12-01', methods: ['facsimile'] },
    asOf: '2199-12-31',
  })
  t.equal(lastDay.statusCode, 200, 'a cure period that ends inside the range is computed')
})

t.test('a leap second (hh:59:60, which RFC 3339 allows) is the last second of its minute, never a 500', async (t) => {
  const app = testApp(t)
  // 2016-12-31T23:59:60Z is Saturday 18:59 EST. Email on a non-business day takes effect the
  // next business day: Monday 2017-01-02 is New Year's Day observed (Jan 1 is a Sunday), so
  // Tuesday 2017-01-03. Ten business days on (4, 5, 6, 9, 10, 11, 12, 13, then 17 and 18: the
  // 16th is Martin Luther King Jr. Day) the cure deadline is 2017-01-18, the Event of Default
  // the day after.
  const res = await post(app, '/v1/cure-period', {
    noticeOfDefault: { sentAt: '2016-12-31T23:59:60Z', methods: ['email'] },
    asOf: '2017-02-01',
  })
  t.equal(res.statusCode, 200)
  t.match(res.json(), {
    notice: { sentDate: '2016-12-31', sentTime: '18:59', effectiveDate: '2017-01-03', cureDeadline: '2017-01-18' },
    eventOfDefault: { date: '2017-01-19' },
  })
  // The case's notice at a leap second: sent 2008-09-29 19:59 EDT, after 17:00, so effective
  // the next business day, 2008-09-30, instead of the 29th.
  const scenario = await post(
    app,
    '/v1/scenarios',
    variant(theCase, (c) => (c.events.noticeOfDefault.sentAt = '2008-09-29T23:59:60Z')),
  )
  t.equal(scenario.statusCode, 200)
  t.equal(scenario.json().notice.effectiveDate, '2008-09-30')
})

t.test('amounts stay within the largest the contract carries (15 integer digits): past it, 422', async (t) => {
  const app = testApp(t)
  // 999,999,999,999,000.00 at 10% in notes: the first quarter capitalizes about 2.5 × 10^13.
  const huge = { ...theCase.note, principal: '999999999999000.00' }
  const interest = await post(app, '/v1/default-interest', { note: huge, through: '2008-10-22' })
  const body = assertProblem(t, interest, {
    status: 422,
    type: 'contradictory-input',
    errors: [{ pointer: '/note/interest' }],
  })
  t.match(body.errors[0].detail, /past 999999999999999\.99/)
  // As converted: about 1.19 million / 0.01 × 999,999,999 ≈ 1.2 × 10^17.
  const converted = {
    ...theCase.note,
    redemption: {
      ...theCase.note.redemption,
      conversion: { conversionPrice: '0.01', highestClosingPrice: '999999999.00' },
    },
  }
  const redemption = await post(app, '/v1/redemption', {
    note: converted,
    eventOfDefaultDate: '2008-10-15',
    redemptionElection: theCase.events.redemptionElection,
  })
  assertProblem(t, redemption, {
    status: 422,
    type: 'contradictory-input',
    errors: [{ pointer: '/redemptionElection' }],
  })
  // The same terms at a price that fits: 1,194,509.70 / 0.01 × 5 = 597,254,850.00.
  const fits = {
    ...converted,
    redemption: { ...converted.redemption, conversion: { conversionPrice: '0.01', highestClosingPrice: '5.00' } },
  }
  const ok = await post(app, '/v1/redemption', {
    note: fits,
    eventOfDefaultDate: '2008-10-15',
    redemptionElection: theCase.events.redemptionElection,
  })
  t.equal(ok.statusCode, 200)
  t.equal(ok.json().redemption.redemptionPrice, '597254850.00')

  // Interest paid in cash counts too. A year at 900% on 30/360 (2000-01-01 to 2001-01-01 is
  // 360/360) of 999,999,999,999,999.99 is 8,999,999,999,999,999.91: past the largest amount.
  const year = (principal: string, extra: object = {}) => ({
    note: {
      principal,
      issueDate: '2000-01-01',
      maturityDate: '2001-01-01',
      interest: { cashRate: '9', interestDates: ['2001-01-01'] },
    },
    ...extra,
  })
  const cash = assertProblem(t, await post(app, '/v1/default-interest', year('999999999999999.99')), {
    status: 422,
    type: 'contradictory-input',
    errors: [{ pointer: '/note/interest' }],
  })
  t.match(cash.errors[0].detail, /adds up past 999999999999999\.99/)
  // A tenth of it fits: 99,999,999,999,999.99 × 9 = 899,999,999,999,999.91.
  const tenth = await post(app, '/v1/default-interest', year('99999999999999.99'))
  t.equal(tenth.statusCode, 200)
  t.equal(tenth.json().interest.totals.interest, '899999999999999.91')
  // What a default rate of 0 takes away is bounded the same way: from 2000-01-02 on, nearly a
  // year of 900% (about 8.97 × 10^15) becomes 0.
  const lower = {
    ...year('999999999999999.99').note,
    interest: { cashRate: '9', defaultCashRate: '0', interestDates: ['2001-01-01'] },
  }
  const increment = assertProblem(
    t,
    await post(app, '/v1/default-interest', { note: lower, eventOfDefaultDate: '2000-01-02' }),
    {
      status: 422,
      type: 'contradictory-input',
      errors: [{ pointer: '/note/interest' }],
    },
  )
  t.match(increment.errors[0].detail, /what the default rates add/)
})

t.test('the covenant section is a section number, cited as "SPA <section>"', async (t) => {
  const app = testApp(t)
  for (const section of ['', 'SPA 4(i)', ' 4(i)', '4(i)\n']) {
    assertProblem(
      t,
      await post(app, '/v1/covenant-deadline', {
        spa: { ...theCase.spa, covenant: { ...theCase.spa.covenant, section } },
        asOf: '2008-10-31',
      }),
      { status: 400, type: 'validation', errors: [{ pointer: '/spa/covenant/section' }] },
    )
  }
  const res = await post(app, '/v1/covenant-deadline', {
    spa: { ...theCase.spa, covenant: { ...theCase.spa.covenant, section: '4.1(a)' } },
    asOf: '2008-10-31',
  })
  t.equal(res.statusCode, 200)
  t.equal(res.json().covenant.clause, 'SPA 4.1(a)')
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
  t.same(
    results.map((r: { ok: boolean }) => r.ok),
    [true, false, false, true],
  )
  t.equal(results[0].result.redemption.totalDue, '1194509.70')
  t.equal(results[1].problem.status, 400)
  t.same(results[1].problem.errors.map((e: { pointer: string }) => e.pointer).sort(), [
    '/note/issueDate',
    '/note/maturityDate',
  ])
  t.equal(results[2].problem.status, 422)
  t.same(
    results[2].problem.errors.map((e: { pointer: string }) => e.pointer),
    ['/note/maturityDate'],
  )
  // half of 1,188,041.47 = 594,020.735 → 594,020.74; + 1,848.06 + 1,386.05 (see test/domain/features)
  t.equal(results[3].result.redemption.redemptionPrice, '597254.85')

  assertProblem(t, await post(app, '/v1/scenarios/batch', { items: [] }), {
    status: 400,
    errors: [{ pointer: '/items' }],
  })
  const tooMany = { items: Array.from({ length: 10_001 }, () => ({})) }
  assertProblem(t, await post(app, '/v1/scenarios/batch', tooMany), { status: 400, errors: [{ pointer: '/items' }] })
})

t.test('a problem counts its invalid fields, and says when the list stops at 100', async (t) => {
  const app = testApp(t)
  const notice = theCase.events.noticeOfDefault
  const many = assertProblem(
    t,
    await post(app, '/v1/cure-period', {
      noticeOfDefault: notice,
      extraHolidays: Array.from({ length: 150 }, (_, i) => `bad-${i}`),
    }),
    { status: 400 },
  )
  t.equal(many.errors.length, 100)
  t.match(many.detail, /100 or more invalid fields \(the first 100 are listed\)/)
  const one = assertProblem(
    t,
    await post(app, '/v1/cure-period', { noticeOfDefault: notice, extraHolidays: ['bad'] }),
    { status: 400 },
  )
  t.match(one.detail, /: 1 invalid field\.$/)
  const batch = await post(app, '/v1/scenarios/batch', { items: [{ note: {}, spa: 5, x: 1 }] })
  t.match(batch.json().results[0].problem.detail, /: \d+ invalid fields\.$/)
})
