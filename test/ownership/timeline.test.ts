/**
 * POST /v1/beneficial-ownership/timeline, worked by hand (docs/ownership.md, "Through time").
 *
 * The worked example: one holder `h` with 400,000 common and the whole 1,000,000.00 series of the
 * case's note at 1.00 a share (conversion shares: the ledger's principal rounded down, as in
 * note-series.test.ts), 10,000,000 shares outstanding, so 1% of the class is 100,000 shares.
 * On 2007-01-03: 1,400,000 / (10,000,000 + 1,000,000) = 12.727% -> 12.73, above 5%.
 * 2008-01-01: 1,503,214 - 1,400,000 = 103,214 >= 100,000: material. 2008-10-22 the redemption is
 * paid in full: 400,000 / 10,000,000 = 4.00%, the exit.
 */
import { readFileSync } from 'node:fs'
import t from 'tap'
import { addDays } from '../../src/domain/time/dates.js'
import { assertProblem, testApp } from '../helpers/http.js'

const example = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../examples/ownership-timeline-${name}.request.json`, import.meta.url), 'utf8'))
    .value

const post = async (app: ReturnType<typeof testApp>, payload: object) =>
  app.inject({ method: 'POST', url: '/v1/beneficial-ownership/timeline', payload })

t.test('the worked example under the rules before 2024-02-05', async (t) => {
  const app = testApp(t)
  const res = await post(app, example('2007'))
  t.equal(res.statusCode, 200)
  const body = res.json()
  const points = body.persons[0].points
  t.same(
    points.map((p: any) => [p.date, p.aggregate, p.causes]),
    [
      ['2007-01-03', 1_400_000, []],
      ['2007-04-01', 1_424_444, ['interest-notes']],
      ['2007-07-01', 1_450_055, ['interest-notes']],
      ['2007-10-01', 1_476_306, ['interest-notes']],
      ['2008-01-01', 1_503_214, ['interest-notes']],
      ['2008-04-01', 1_530_794, ['interest-notes']],
      ['2008-07-01', 1_559_064, ['interest-notes']],
      ['2008-10-01', 1_588_041, ['interest-notes']],
      ['2008-10-22', 400_000, ['redemption']],
    ],
  )
  t.equal(points[0].percent, '12.73')
  t.equal(points[0].moreThanFivePercent, true)
  t.equal(points.at(-1).percent, '4.00')
  t.equal(points.at(-1).moreThanFivePercent, false)
  t.same(
    body.events.map((e: any) => [e.date, e.kind]),
    [
      ['2007-01-03', 'crossed-above-five-percent'],
      ['2008-01-01', 'material-change'],
      ['2008-10-22', 'fell-to-five-percent-or-below'],
    ],
  )
  // +103,214 against the initial filing's 1,400,000: 1.03% of the class.
  t.same(body.events[1].baseline, { date: '2007-01-12', aggregate: 1_400_000 })
  t.same(body.events[1].change, { shares: 103_214, percentOfClass: '1.03' })
  t.match(body.obligations, [
    // 10 days after 2007-01-03 is Saturday 01-13; Monday 01-15 is Martin Luther King Jr. Day.
    {
      kind: 'initial',
      eventDate: '2007-01-03',
      deadline: '2007-01-16',
      status: 'filed-on-time',
      filedOn: '2007-01-12',
    },
    // "promptly": no deadline; filed 2008-01-04, 3 days after.
    { kind: 'amendment', eventDate: '2008-01-01', deadline: null, status: 'filed', daysAfterEvent: 3 },
    {
      kind: 'amendment',
      eventDate: '2008-10-22',
      deadline: null,
      status: 'open',
      reason: 'fell-to-five-percent-or-below',
    },
  ])
  t.equal(body.obligations.length, 3)
  t.equal(body.obligations[0].regime, 'before-2024-02-05')
})

t.test('the same holdings 18 years later, under the 2024 rules', async (t) => {
  const app = testApp(t)
  const req = example('2025')
  const body = (await post(app, req)).json()
  t.same(
    body.persons[0].points.map((p: any) => p.aggregate),
    [1_400_000, 1_424_444, 1_450_055, 1_476_306, 1_503_214, 1_530_794, 1_559_064, 1_588_041, 400_000],
  )
  t.match(body.obligations, [
    // Five us-sec business days after Friday 2025-01-03: 01-06, 07, 08, (09 closed), 10, 13.
    {
      kind: 'initial',
      eventDate: '2025-01-03',
      deadline: '2025-01-13',
      status: 'filed-on-time',
      regime: 'amended-2024',
    },
    // 2026-01-01 is New Year's Day: 01-02, 01-05.
    { kind: 'amendment', eventDate: '2026-01-01', deadline: '2026-01-05', status: 'filed-on-time' },
    // Thursday 2026-10-22: Friday 23, Monday 26; not filed by 2026-10-31.
    { kind: 'amendment', eventDate: '2026-10-22', deadline: '2026-10-26', status: 'overdue' },
  ])
  t.ok(body.warnings.some((w: any) => w.code === 'filing-overdue'))

  // The window ending before the exit's deadline: open.
  const early = (await post(app, { ...req, to: '2026-10-23' })).json()
  t.match(early.obligations[2], { eventDate: '2026-10-22', deadline: '2026-10-26', status: 'open' })
  // An amendment filed late: Tuesday 2026-01-06 and Wednesday 01-07 are business days after 01-05.
  const late = (
    await post(app, {
      ...req,
      filings: [req.filings[0], { ...req.filings[1], filedOn: '2026-01-07' }],
    })
  ).json()
  t.match(late.obligations[1], { status: 'filed-late', businessDaysLate: 2, filedOn: '2026-01-07' })
})

const HOLDER = { id: 'h', name: 'Holder' }

t.test("a crossing caused only by the issuer's count makes no filing due, with a warning", async (t) => {
  const app = testApp(t)
  const body = (
    await post(app, {
      from: '2024-03-01',
      to: '2024-12-31',
      // 500,000 / 10,000,000 = 5.00%, not more than 5%; over 9,000,000: 5.56%.
      sharesOutstanding: [
        { from: '2024-01-01', shares: 10_000_000 },
        { from: '2024-06-03', shares: 9_000_000 },
      ],
      holders: [{ ...HOLDER, commonShares: 500_000 }],
    })
  ).json()
  t.same(
    body.persons[0].points.map((p: any) => [p.date, p.percent, p.moreThanFivePercent, p.causes]),
    [
      ['2024-03-01', '5.00', false, []],
      ['2024-06-03', '5.56', true, ['outstanding-changed']],
    ],
  )
  t.match(body.events, [{ date: '2024-06-03', kind: 'crossed-above-five-percent', causes: ['outstanding-changed'] }])
  t.same(body.obligations, [])
  t.ok(body.warnings.some((w: any) => w.code === 'outstanding-alone-crossed-five-percent'))
})

t.test('purchases and sales since the last filing net against each other', async (t) => {
  const app = testApp(t)
  const req = {
    from: '2024-03-01',
    to: '2024-12-31',
    sharesOutstanding: 10_000_000,
    holders: [
      {
        ...HOLDER,
        commonShares: 600_000,
        transactions: [
          { date: '2024-04-10', commonShares: 90_000 }, // +90,000
          { date: '2024-05-10', commonShares: -40_000 }, // +50,000 net
          { date: '2024-06-10', commonShares: 45_000 }, // +95,000 net: below 100,000
        ],
      },
    ],
    filings: [{ filedOn: '2024-03-05', kind: 'initial', persons: ['h'], reported: { h: { aggregate: 600_000 } } }],
  }
  const body = (await post(app, req)).json()
  t.same(
    body.persons[0].points.map((p: any) => [p.date, p.aggregate]),
    [
      ['2024-03-01', 600_000],
      ['2024-04-10', 690_000],
      ['2024-05-10', 650_000],
      ['2024-06-10', 695_000],
    ],
  )
  // The crossing on the window's first day (Friday 2024-03-01): 03-04 .. 03-08.
  t.match(body.obligations, [{ kind: 'initial', deadline: '2024-03-08', status: 'filed-on-time' }])
  t.equal(body.obligations.length, 1, 'no amendment: 95,000 < 100,000')
  t.equal(body.events.filter((e: any) => e.kind === 'material-change').length, 0)

  // 5,000 more on Wednesday 2024-07-10: exactly 100,000 = 1% of the class, material; due Friday 07-12.
  // A further purchase before the amendment is filed joins it.
  req.holders[0]!.transactions.push(
    { date: '2024-07-10', commonShares: 5_000 },
    { date: '2024-07-11', commonShares: 200_000 },
  )
  const more = (await post(app, req)).json()
  t.match(more.events.at(-1), {
    date: '2024-07-10',
    kind: 'material-change',
    change: { shares: 100_000, percentOfClass: '1.00' },
  })
  t.equal(more.obligations.length, 2, 'one amendment, the later purchase joined it')
  t.match(more.obligations[1], {
    kind: 'amendment',
    eventDate: '2024-07-10',
    deadline: '2024-07-12',
    status: 'overdue',
  })
})

t.test('an exit to 5% or below, then a new initial filing after crossing again', async (t) => {
  const app = testApp(t)
  const body = (
    await post(app, {
      from: '2024-03-01',
      to: '2024-06-30',
      sharesOutstanding: 10_000_000,
      holders: [
        {
          ...HOLDER,
          commonShares: 600_000,
          transactions: [
            { date: '2024-04-02', commonShares: -150_000 }, // 450,000: 4.50%
            { date: '2024-06-03', commonShares: 200_000 }, // 650,000: 6.50%
          ],
        },
      ],
      filings: [
        // Reporting before the window: no crossing on its first day.
        { filedOn: '2024-01-10', kind: 'initial', persons: ['h'], reported: { h: { aggregate: 600_000 } } },
        { filedOn: '2024-04-04', kind: 'amendment', persons: ['h'] },
      ],
    })
  ).json()
  t.same(
    body.events.map((e: any) => [e.date, e.kind]),
    [
      ['2024-04-02', 'fell-to-five-percent-or-below'],
      ['2024-06-03', 'crossed-above-five-percent'],
    ],
  )
  t.match(body.obligations, [
    // Tuesday 2024-04-02 + 2 business days: 04-04.
    { kind: 'amendment', reason: 'fell-to-five-percent-or-below', deadline: '2024-04-04', status: 'filed-on-time' },
    // Monday 2024-06-03 + 5 business days: 06-04 .. 06-07, 06-10; not filed by 06-30.
    { kind: 'initial', eventDate: '2024-06-03', deadline: '2024-06-10', status: 'overdue' },
  ])
  t.equal(body.obligations.length, 2)
})

t.test('a late filing counts its business days late', async (t) => {
  const app = testApp(t)
  const req = (filedOn: string, from: string, date: string) => ({
    from,
    to: '2024-12-31',
    sharesOutstanding: 10_000_000,
    holders: [{ ...HOLDER, commonShares: 400_000, transactions: [{ date, commonShares: 200_000 }] }],
    filings: [{ filedOn, kind: 'initial', persons: ['h'] }],
  })
  // Crossing on Monday 2024-05-20: 21, 22, 23, 24, (27 Memorial Day), 28. Filed Tuesday 06-04:
  // 05-29, 05-30, 05-31, 06-03, 06-04 are 5 business days late.
  const now = (await post(app, req('2024-06-04', '2024-05-01', '2024-05-20'))).json()
  t.match(now.obligations, [
    { deadline: '2024-05-28', status: 'filed-late', businessDaysLate: 5, filedOn: '2024-06-04' },
  ])
  // Before 2024-02-05: crossing Friday 2023-06-09, 10 days reach Monday 06-19 (Juneteenth): 06-20.
  // Filed 06-22: 06-21 and 06-22 late.
  const before = (await post(app, { ...req('2023-06-22', '2023-06-01', '2023-06-09'), to: '2023-12-31' })).json()
  t.match(before.obligations, [{ deadline: '2023-06-20', status: 'filed-late', businessDaysLate: 2 }])
})

t.test('rights entering the 60-day window and expiring are causes', async (t) => {
  const app = testApp(t)
  const body = (
    await post(app, {
      from: '2024-03-01',
      to: '2024-12-31',
      sharesOutstanding: 10_000_000,
      holders: [
        {
          ...HOLDER,
          commonShares: 100_000,
          // Exercisable 2024-06-30: counted from 2024-05-01 (+60 days = 06-30); expires 08-31.
          warrants: [{ shares: 50_000, exercisableFrom: '2024-06-30', expiresOn: '2024-08-31' }],
        },
      ],
    })
  ).json()
  t.same(
    body.persons[0].points.map((p: any) => [p.date, p.issuableOnExercise, p.causes]),
    [
      ['2024-03-01', 0, []],
      ['2024-05-01', 50_000, ['right-enters-window']],
      ['2024-09-01', 0, ['right-expires']],
    ],
  )
})

t.test('persons: a controlling person reports what its holders hold', async (t) => {
  const app = testApp(t)
  const body = (
    await post(app, {
      from: '2024-03-01',
      to: '2024-12-31',
      sharesOutstanding: 10_000_000,
      holders: [
        { id: 'a', name: 'A', commonShares: 300_000 },
        { id: 'b', name: 'B', commonShares: 200_000, transactions: [{ date: '2024-04-01', commonShares: 1 }] },
      ],
      persons: [{ id: 'gp', name: 'GP', controls: [{ id: 'a' }, { id: 'b' }] }],
    })
  ).json()
  // 500,000 is 5.00%: not more; 500,001 is.
  const gp = body.persons.find((p: any) => p.id === 'gp')
  t.same(
    gp.points.map((p: any) => [p.date, p.aggregate, p.moreThanFivePercent, p.causes]),
    [
      ['2024-03-01', 500_000, false, []],
      ['2024-04-01', 500_001, true, ['transaction']],
    ],
  )
  t.equal(body.persons.find((p: any) => p.id === 'a').points.length, 1, "A's figures never move")
  // Monday 2024-04-01 + 5 business days: 04-08.
  t.match(body.obligations, [{ person: 'gp', kind: 'initial', deadline: '2024-04-08', status: 'overdue' }])
})

t.test('bad input names its pointer', async (t) => {
  const app = testApp(t)
  const base = {
    from: '2024-03-01',
    to: '2024-12-31',
    sharesOutstanding: 10_000_000,
    holders: [{ ...HOLDER, commonShares: 100 }],
  }
  const cases: [string, object, string[]][] = [
    ['from after to', { ...base, from: '2025-01-01' }, ['/from']],
    ['a window over 50 years', { ...base, to: '2074-03-02' }, ['/to']],
    [
      'counts unsorted',
      {
        ...base,
        sharesOutstanding: [
          { from: '2024-01-01', shares: 5 },
          { from: '2023-01-01', shares: 6 },
        ],
      },
      ['/sharesOutstanding/1/from'],
    ],
    [
      'counts duplicated',
      {
        ...base,
        sharesOutstanding: [
          { from: '2024-01-01', shares: 5000 },
          { from: '2024-01-01', shares: 6000 },
        ],
      },
      ['/sharesOutstanding/1/from'],
    ],
    [
      'counts starting after from',
      { ...base, sharesOutstanding: [{ from: '2024-03-02', shares: 5000 }] },
      ['/sharesOutstanding/0/from'],
    ],
    [
      'a sale below zero',
      {
        ...base,
        holders: [{ ...HOLDER, commonShares: 100, transactions: [{ date: '2024-04-01', commonShares: -101 }] }],
      },
      ['/holders/0/transactions/0/commonShares'],
    ],
    [
      'a filing naming an unknown person',
      { ...base, filings: [{ filedOn: '2024-04-01', kind: 'initial', persons: ['x'] }] },
      ['/filings/0/persons/0'],
    ],
    [
      'a filing after to',
      { ...base, filings: [{ filedOn: '2025-01-01', kind: 'initial', persons: ['h'] }] },
      ['/filings/0/filedOn'],
    ],
    [
      'an amendment with no filing before it',
      { ...base, filings: [{ filedOn: '2024-04-01', kind: 'amendment', persons: ['h'] }] },
      ['/filings/0/kind'],
    ],
  ]
  for (const [what, payload, pointers] of cases) {
    await t.test(what, async (t) => {
      assertProblem(t, await post(app, payload), { status: 422, errors: pointers.map((pointer) => ({ pointer })) })
    })
  }
  // Exactly 50 years is allowed.
  t.equal((await post(app, { ...base, to: '2074-03-01' })).statusCode, 200)
})

t.test('a window with more dates that move than the bound is a 422 at /to', async (t) => {
  const app = testApp(t)
  // 3 holders x 700 trades on distinct days: 2,100 dates (+ from), over the 2,000 allowed.
  const holders = [0, 1, 2].map((k) => ({
    id: `h${k}`,
    name: `H${k}`,
    commonShares: 10,
    transactions: Array.from({ length: 700 }, (_, i) => ({
      date: addDays('2000-01-01', 1 + k * 700 + i),
      commonShares: 1,
    })),
  }))
  const res = await post(app, { from: '2000-01-01', to: '2009-12-31', sharesOutstanding: 1_000_000, holders })
  const body = assertProblem(t, res, { status: 422, errors: [{ pointer: '/to' }] })
  t.match(body.errors[0].detail, /2,101 dates .* at most 2,000/)
})

t.test('a filing between two changes counts before the later one', async (t) => {
  const app = testApp(t)
  // Crossing on 2024-03-01 (from); the initial filed 03-05 reports 600,000; +120,000 on 04-10 is
  // material against it (120,000 >= 100,000): an amendment due Friday 04-12.
  const body = (
    await post(app, {
      from: '2024-03-01',
      to: '2024-12-31',
      sharesOutstanding: 10_000_000,
      holders: [{ ...HOLDER, commonShares: 600_000, transactions: [{ date: '2024-04-10', commonShares: 120_000 }] }],
      filings: [{ filedOn: '2024-03-05', kind: 'initial', persons: ['h'] }],
    })
  ).json()
  t.match(body.obligations, [
    { kind: 'initial', status: 'filed-on-time' },
    { kind: 'amendment', eventDate: '2024-04-10', deadline: '2024-04-12', status: 'overdue' },
  ])
  // Without a reported aggregate, the baseline is the aggregate on the crossing's date.
  t.same(body.events.at(-1).baseline, { date: '2024-03-01', aggregate: 600_000 })
})

t.test('a control cycle or an unknown controlled id is a 422, as in the snapshot', async (t) => {
  const app = testApp(t)
  const base = {
    from: '2024-03-01',
    to: '2024-12-31',
    sharesOutstanding: 1_000_000,
    holders: [{ ...HOLDER, commonShares: 1 }],
  }
  assertProblem(
    t,
    await post(app, {
      ...base,
      persons: [
        { id: 'p', name: 'P', controls: [{ id: 'q' }] },
        { id: 'q', name: 'Q', controls: [{ id: 'p' }, { id: 'h' }] },
      ],
    }),
    { status: 422, errors: [{ pointer: '/persons/1/controls/0/id' }] },
  )
  assertProblem(t, await post(app, { ...base, persons: [{ id: 'p', name: 'P', controls: [{ id: 'x' }] }] }), {
    status: 422,
    errors: [{ pointer: '/persons/0/controls/0/id' }],
  })
})
