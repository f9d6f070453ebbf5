/**
 * The timeline after a redemption, and what counts as a cause (docs/ownership.md, "Through time").
 *
 * A redemption pays the interest accrued on the redeemed principal since the last Interest Date in
 * its price, so the next Interest Date issues notes on the principal left only. A cause is what
 * moved a figure: trades that net to nothing on their day, interest notes worth less than a whole
 * share, interest notes on a part outside the 60-day window and a share count equal to the one
 * before it move none. Causes are listed in the contract's order.
 */
import t from 'tap'
import { testApp } from '../helpers/http.js'
import { exampleValue } from '../helpers/json.js'

const example = exampleValue('ownership-timeline-2007.request.json')
/** The case's note (issued 2007-01-03, quarterly from 2007-04-01, 10% in notes, 15% from 2008-10-15). */
const series = (principal: string, portion = '1.00') => ({
  ...example.noteSeries,
  note: { ...example.noteSeries.note, principal },
  events: {
    ...example.noteSeries.events,
    redemptionElection: { ...example.noteSeries.events.redemptionElection, portion },
  },
})

const post = async (app: ReturnType<typeof testApp>, path: string, payload: object) =>
  (await app.inject({ method: 'POST', url: path, payload })).json()

/** One holder `h` with 400,000 common and the whole series, of 10,000,000 shares outstanding. */
const ONE_HOLDER = {
  sharesOutstanding: 10_000_000,
  holders: [{ id: 'h', name: 'Holder', commonShares: 400_000, convertibles: [example.holders[0].convertibles[0]] }],
}
/** The one holder's timeline over 2008-07-01 .. 2009-06-30. */
const timelineOf = (app: ReturnType<typeof testApp>, noteSeries: object) =>
  post(app, '/v1/beneficial-ownership/timeline', { from: '2008-07-01', to: '2009-06-30', ...ONE_HOLDER, noteSeries })
/** The one holder's conversion shares on `asOf`, from the snapshot endpoint. */
const issuableOn = async (app: ReturnType<typeof testApp>, asOf: string, noteSeries: object) =>
  (await post(app, '/v1/beneficial-ownership', { asOf, ...ONE_HOLDER, noteSeries })).persons[0].issuableOnConversion

const rows = (body: any, i = 0) => body.persons[i].points.map((p: any) => [p.date, p.issuableOnConversion, p.causes])

t.test('a redemption paid in full leaves no interest notes to issue on the next Interest Date', async (t) => {
  const app = testApp(t)
  const body = await timelineOf(app, series('1000000.00'))
  // The ledger's principal after 2008-07-01 and 2008-10-01 (docs/ownership.md's worked example):
  // 1,159,064.85 and 1,188,041.47. The redemption price paid the interest of 2008-10-01 .. 10-22
  // in cash; 2009-01-01 and 2009-04-01 issue nothing (not the 8,085 shares of a stub).
  t.same(rows(body), [
    ['2008-07-01', 1_159_064, []],
    ['2008-10-01', 1_188_041, ['interest-notes']],
    ['2008-10-22', 0, ['redemption']],
  ])
  const snapshot = await post(app, '/v1/beneficial-ownership', {
    asOf: '2009-04-01',
    ...ONE_HOLDER,
    noteSeries: series('1000000.00'),
  })
  t.equal(snapshot.persons[0].issuableOnConversion, 0)
  t.equal(snapshot.persons[0].aggregate, 400_000)
})

t.test('after a redemption of half, interest notes accrue on the half left from the last Interest Date', async (t) => {
  const app = testApp(t)
  const noteSeries = series('1000000.00', '0.50')
  const body = await timelineOf(app, noteSeries)
  // Redeemed: 0.50 x 1,188,041.47 = 594,020.735 -> 594,020.74; left 594,020.73.
  // 2009-01-01 (30/360): 594,020.73 x 10% x 14/360 = 2,310.08 (10-01 .. 10-15), and from the Event of
  // Default 594,020.73 x 15% x 76/360 = 18,810.66 (10-15 .. 01-01): 615,141.47 -> 615,141 shares.
  // (Interest on the redeemed half to 10-22 was in the redemption price, not in these notes.)
  // 2009-04-01: 615,141.47 x 15% x 90/360 = 23,067.81: 638,209.28 -> 638,209.
  t.same(rows(body), [
    ['2008-07-01', 1_159_064, []],
    ['2008-10-01', 1_188_041, ['interest-notes']],
    ['2008-10-22', 594_020, ['redemption']],
    ['2009-01-01', 615_141, ['interest-notes']],
    ['2009-04-01', 638_209, ['interest-notes']],
  ])
  t.equal(await issuableOn(app, '2009-01-01', noteSeries), 615_141)
})

t.test('a redemption paid late: no interest on the redeemed half after its date, convertible until paid', async (t) => {
  const app = testApp(t)
  const base = series('1000000.00', '0.50')
  // Due 2008-10-22 (interest on the redeemed half stops there), paid 2009-02-17.
  const noteSeries = { ...base, events: { ...base.events, paymentDate: '2009-02-17' } }
  const body = await timelineOf(app, noteSeries)
  // 2009-01-01 issues the 21,120.74 of the half left (as above): 1,188,041.47 + 21,120.74 =
  // 1,209,162.21 -> 1,209,162, the redeemed half still convertible; paid 02-17: 615,141.47 left.
  t.same(rows(body), [
    ['2008-07-01', 1_159_064, []],
    ['2008-10-01', 1_188_041, ['interest-notes']],
    ['2009-01-01', 1_209_162, ['interest-notes']],
    ['2009-02-17', 615_141, ['redemption']],
    ['2009-04-01', 638_209, ['interest-notes']],
  ])
  for (const [asOf, shares] of [
    ['2009-02-16', 1_209_162],
    ['2009-02-17', 615_141],
  ] as const) {
    t.equal(await issuableOn(app, asOf, noteSeries), shares, asOf)
  }
})

t.test('trades that net to nothing on their day are no cause', async (t) => {
  const app = testApp(t)
  const body = await post(app, '/v1/beneficial-ownership/timeline', {
    from: '2024-03-01',
    to: '2024-12-31',
    sharesOutstanding: 10_000_000,
    holders: [
      {
        id: 'h',
        name: 'Holder',
        commonShares: 100_000,
        // Expires 06-15: not counted from 06-16, the day of a purchase and a sale of 5,000.
        warrants: [{ shares: 50_000, expiresOn: '2024-06-15' }],
        transactions: [
          { date: '2024-06-16', commonShares: 5_000 },
          { date: '2024-06-16', commonShares: -5_000 },
        ],
      },
    ],
  })
  t.same(
    body.persons[0].points.map((p: any) => [p.date, p.common, p.issuableOnExercise, p.causes]),
    [
      ['2024-03-01', 100_000, 50_000, []],
      ['2024-06-16', 100_000, 0, ['right-expires']],
    ],
  )
})

t.test('interest notes that move no conversion share are no cause', async (t) => {
  const app = testApp(t)
  const body = await post(app, '/v1/beneficial-ownership/timeline', {
    from: '2007-01-03',
    to: '2007-06-30',
    sharesOutstanding: 10_000_000,
    holders: [
      {
        id: 'h',
        name: 'Holder',
        commonShares: 100_000,
        // 100.00 at 50.00 is 2 shares; 2007-04-01 adds 100.00 x 10% x 88/360 = 2.44: 102.44 / 50 = 2.05 -> 2.
        convertibles: [{ noteSeriesPrincipal: '100.00', conversionPrice: '50.00' }],
        transactions: [{ date: '2007-04-01', commonShares: 1_000 }],
      },
      {
        id: 'g',
        name: 'Holder outside the window',
        commonShares: 100_000,
        // Exercisable from 2008: its interest notes of 2007-04-01 are outside the 60 days.
        convertibles: [{ noteSeriesPrincipal: '900.00', conversionPrice: '1.00', exercisableFrom: '2008-01-01' }],
        transactions: [{ date: '2007-04-01', commonShares: 1_000 }],
      },
    ],
    noteSeries: series('1000.00'),
  })
  t.same(rows(body, 0), [
    ['2007-01-03', 2, []],
    ['2007-04-01', 2, ['transaction']],
  ])
  t.same(rows(body, 1), [
    ['2007-01-03', 0, []],
    ['2007-04-01', 0, ['transaction']],
  ])
})

t.test("causes come in the contract's order; a share count equal to the last is no cause", async (t) => {
  const app = testApp(t)
  const body = await post(app, '/v1/beneficial-ownership/timeline', {
    from: '2007-01-03',
    to: '2007-06-30',
    sharesOutstanding: [
      { from: '2007-01-03', shares: 10_000_000 },
      { from: '2007-04-01', shares: 10_000_000 },
    ],
    holders: [
      {
        id: 'h',
        name: 'Holder',
        commonShares: 400_000,
        // The worked example's part: 1,024,444.44 on 2007-04-01.
        convertibles: [{ noteSeriesPrincipal: '1000000.00', conversionPrice: '1.00' }],
        transactions: [{ date: '2007-04-01', commonShares: 1_000 }],
      },
    ],
    noteSeries: series('1000000.00'),
  })
  t.same(
    body.persons[0].points.map((p: any) => [p.date, p.aggregate, p.causes]),
    [
      ['2007-01-03', 1_400_000, []],
      ['2007-04-01', 1_425_444, ['interest-notes', 'transaction']],
    ],
  )
})

t.test("a trade of a holder an ownership limit aggregates with is a cause of the limited holder's move", async (t) => {
  const app = testApp(t)
  const body = await post(app, '/v1/beneficial-ownership/timeline', {
    from: '2024-03-01',
    to: '2024-12-31',
    sharesOutstanding: 10_000_000,
    holders: [
      {
        id: 'h',
        name: 'Limited holder',
        commonShares: 0,
        // Exercisable 2024-08-02: counted from 06-03 (60 days before).
        warrants: [{ shares: 300_000 }, { shares: 300_000, exercisableFrom: '2024-08-02' }],
        ownershipLimit: '0.05',
        ownershipLimitAggregatesWith: ['g'],
      },
      {
        id: 'g',
        name: 'Affiliate',
        commonShares: 200_000,
        transactions: [{ date: '2024-06-03', commonShares: -100_000 }],
      },
    ],
  })
  // Cap: X <= (5% x 10,000,000 - owned) / 0.95. Owned 200,000: 315,789.47 -> 315,789, above the
  // 300,000 counted. On 06-03 the affiliate's sale leaves 100,000 owned: 421,052.63 -> 421,052, of
  // the 600,000 now counted: both the window and the sale moved h's figure.
  t.same(
    body.persons[0].points.map((p: any) => [p.date, p.issuableOnExercise, p.causes]),
    [
      ['2024-03-01', 300_000, []],
      ['2024-06-03', 421_052, ['transaction', 'right-enters-window']],
    ],
  )
})

/** One holder reporting since a filing before the window, with 600,000 of 10,000,000 (6.00%). */
const reporting = (sharesOutstanding: number | object[], transactions: object[]) => ({
  from: '2024-01-02',
  to: '2024-04-30',
  sharesOutstanding,
  holders: [{ id: 'h', name: 'Holder', commonShares: 600_000, transactions }],
  filings: [
    { filedOn: '2023-12-01', kind: 'initial', persons: ['h'], reported: { h: { aggregate: 600_000 } } },
    // The exit amendment for Friday 2024-03-01, due Tuesday 03-05 (two us-sec business days).
    { filedOn: '2024-03-05', kind: 'amendment', persons: ['h'] },
  ],
})

t.test('an exit amendment filed above 5% after an acquisition crossed again: the initial filing stands', async (t) => {
  const app = testApp(t)
  const body = await post(
    app,
    '/v1/beneficial-ownership/timeline',
    reporting(10_000_000, [
      { date: '2024-03-01', commonShares: -200_000 }, // 4.00%: the exit
      { date: '2024-03-04', commonShares: 200_000 }, // 6.00% by an acquisition: an initial, due 03-11
      { date: '2024-04-01', commonShares: -150_000 }, // 4.50%: not reporting, nothing due
    ]),
  )
  t.same(
    body.obligations.map((o: any) => [o.kind, o.reason, o.eventDate, o.deadline, o.status]),
    [
      ['amendment', 'fell-to-five-percent-or-below', '2024-03-01', '2024-03-05', 'filed-on-time'],
      ['initial', 'crossed-above-five-percent', '2024-03-04', '2024-03-11', 'overdue'],
    ],
  )
})

t.test("an exit amendment filed above 5% after the issuer's count alone crossed again keeps reporting", async (t) => {
  const app = testApp(t)
  const body = await post(
    app,
    '/v1/beneficial-ownership/timeline',
    reporting(
      [
        { from: '2024-01-02', shares: 10_000_000 },
        { from: '2024-03-04', shares: 7_000_000 },
      ],
      [
        { date: '2024-03-01', commonShares: -200_000 }, // 4.00%: the exit
        // 03-04: 400,000 / 7,000,000 = 5.71% by the count alone: no initial due.
        { date: '2024-04-01', commonShares: 100_000 }, // +100,000 >= 70,000 (1%) since the 400,000 of 03-01
      ],
    ),
  )
  t.same(
    body.obligations.map((o: any) => [o.kind, o.reason, o.eventDate, o.deadline, o.status]),
    [
      ['amendment', 'fell-to-five-percent-or-below', '2024-03-01', '2024-03-05', 'filed-on-time'],
      // Monday 04-01 + two business days.
      ['amendment', 'material-change', '2024-04-01', '2024-04-03', 'overdue'],
    ],
  )
  t.same(body.events.at(-1).baseline, { date: '2024-03-01', aggregate: 400_000 })
  t.same(body.events.at(-1).change, { shares: 100_000, percentOfClass: '1.43' })
})
