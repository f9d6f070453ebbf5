/**
 * A holder's convertible as its part of the scenario's note series: the conversion shares follow
 * the interest ledger. The case's illustrative note (1,000,000 issued 2007-01-03, quarterly
 * Interest Dates from 2007-04-01, interest in notes at 10%, 30/360): interest notes worked by hand
 * as 1,000,000 x 10% x 88/360 = 24,444.44, then x 2.5% a quarter on the growing principal, each
 * rounded to cents: 25,611.11, 26,251.39, 26,907.67, 27,580.37, 28,269.87, 28,976.62 (the total,
 * 188,041.47, is the case's, docs/rules/README.md). At a conversion price of 1.00 a share per dollar, rounded down.
 */
import { readFileSync } from 'node:fs'
import t from 'tap'
import { assertProblem, testApp } from '../helpers/http.js'

const CASE = JSON.parse(
  readFileSync(new URL('../fixtures/examples/liquidmetal-2008.request.json', import.meta.url), 'utf8'),
)

const request = (
  asOf: string,
  noteSeries: object = CASE,
  convertible: object = { noteSeriesPrincipal: '1000000.00', conversionPrice: '1.00' },
) => ({
  asOf,
  sharesOutstanding: 44_726_295,
  noteSeries,
  holders: [{ id: 'fund', name: 'Fund', commonShares: 0, convertibles: [convertible] }],
})

t.test("the case's conversion shares grow on each Interest Date", async (t) => {
  const app = testApp(t)
  const shares = async (asOf: string, noteSeries?: object, convertible?: object): Promise<number> => {
    const res = await app.inject({
      method: 'POST',
      url: '/v1/beneficial-ownership',
      payload: request(asOf, noteSeries, convertible),
    })
    t.equal(res.statusCode, 200, asOf)
    return res.json().persons[0].issuableOnConversion
  }
  // Outstanding principal (whole dollars, rounded down) on and just before each Interest Date.
  const steps: [string, number][] = [
    ['2007-01-03', 1_000_000],
    ['2007-03-31', 1_000_000],
    ['2007-04-01', 1_024_444], // + 24,444.44
    ['2007-07-01', 1_050_055], // 1,024,444.44 + 25,611.11 = 1,050,055.55
    ['2007-10-01', 1_076_306], // + 26,251.39 = 1,076,306.94
    ['2008-01-01', 1_103_214], // + 26,907.67 = 1,103,214.61
    ['2008-04-01', 1_130_794], // + 27,580.37 = 1,130,794.98
    ['2008-07-01', 1_159_064], // + 28,269.87 = 1,159,064.85
    ['2008-09-30', 1_159_064],
    ['2008-10-01', 1_188_041], // + 28,976.62 = 1,188,041.47
    ['2008-10-21', 1_188_041], // the redemption is due 2008-10-22 but not paid (paymentDate null)
  ]
  for (const [asOf, expected] of steps) t.equal(await shares(asOf), expected, `as of ${asOf}`)

  // Paid on its due date, 2008-10-22: the whole note is redeemed, nothing left to convert from that day.
  const paid = { ...CASE, events: { ...CASE.events, paymentDate: '2008-10-22' } }
  t.equal(await shares('2008-10-21', paid), 1_188_041, 'the day before the payment')
  t.equal(await shares('2008-10-22', paid), 0, 'redeemed and paid')
  // Half redeemed and paid: 1,188,041.47 x 0.5 = 594,020.735 -> 594,020.74 redeemed, 594,020.73 left.
  const half = {
    ...CASE,
    events: { ...CASE.events, redemptionElection: { date: '2008-09-29', portion: '0.5' }, paymentDate: '2008-10-22' },
  }
  t.equal(await shares('2008-10-22', half), 594_020)

  // A holder of 400,000 of the series: its own interest notes, rounded per holder (75,216.60 through
  // 2008-10-01: 400,000 x 10% x 88/360 = 9,777.78, then 10,244.44, 10,500.56, 10,763.07, 11,032.15,
  // 11,307.95, 11,590.65), at 1.09 a share: 475,216.60 / 1.09 = 435,978.53 -> 435,978.
  t.equal(await shares('2008-10-01', CASE, { noteSeriesPrincipal: '400000.00', conversionPrice: '1.09' }), 435_978)
  // After maturity (2010-01-03) the notes are gone.
  t.equal(await shares('2010-01-04'), 0)
})

t.test('a part of the note series: its contradictions point into the request', async (t) => {
  const app = testApp(t)
  const post = (payload: object) => app.inject({ method: 'POST', url: '/v1/beneficial-ownership', payload })
  const { noteSeries: _n, ...withoutSeries } = request('2008-10-01')
  assertProblem(t, await post(withoutSeries), {
    status: 422,
    errors: [{ pointer: '/holders/0/convertibles/0/noteSeriesPrincipal' }],
  })
  assertProblem(t, await post(request('2006-12-31')), { status: 422, errors: [{ pointer: '/asOf' }] })
  assertProblem(t, await post(request('2008-10-01', { ...CASE, holders: [{ id: 'a', principal: '1000000.00' }] })), {
    status: 422,
    errors: [{ pointer: '/noteSeries/holders' }],
  })
  const many = {
    ...request('2008-10-01'),
    holders: Array.from({ length: 6 }, (_, i) => ({
      id: `h${i}`,
      name: 'H',
      commonShares: 0,
      convertibles: Array.from({ length: 20 }, () => ({ noteSeriesPrincipal: '1000.00', conversionPrice: '1.00' })),
    })),
  }
  // The 101st part of the series (holder 5, convertible 0) is one too many.
  assertProblem(t, await post(many), {
    status: 422,
    errors: [{ pointer: '/holders/5/convertibles/0/noteSeriesPrincipal' }],
  })
  const unused = (await post(request('2008-10-01', CASE, { sharesIssuable: 5 }))).json()
  t.same(
    unused.warnings.map((w: any) => w.code),
    ['note-series-unused'],
  )
  assertProblem(t, await post(request('2008-10-01', { ...CASE, note: { ...CASE.note, maturityDate: '2006-01-01' } })), {
    status: 422,
    errors: [{ pointer: '/noteSeries/note/maturityDate' }],
  })
  assertProblem(t, await post(request('2008-10-01', CASE, { noteSeriesPrincipal: '1000.00', conversionPrice: '0' })), {
    status: 422,
    errors: [{ pointer: '/holders/0/convertibles/0/conversionPrice' }],
  })
})
