/** POST /v1/beneficial-ownership at the edge: 422s with pointers, 400s, warnings. */
import t from 'tap'
import { assertProblem, testApp } from '../helpers/http.js'

const URL_ = '/v1/beneficial-ownership'
const holder = (id: string, extra: object = {}) => ({ id, name: id.toUpperCase(), commonShares: 1_000, ...extra })
const base = { asOf: '2008-09-30', sharesOutstanding: 1_000_000 }

t.test('contradictions are 422s naming each field', async (t) => {
  const app = testApp(t)
  const post = (payload: object) => app.inject({ method: 'POST', url: URL_, payload: { ...base, ...payload } })
  // a person controlling an unknown id
  assertProblem(t, await post({ holders: [holder('a')], persons: [{ id: 'p', name: 'P', controls: [{ id: 'b' }] }] }), {
    status: 422,
    errors: [{ pointer: '/persons/0/controls/0/id' }],
  })
  // a cycle p -> q -> p
  const cycle = assertProblem(
    t,
    await post({
      holders: [holder('a')],
      persons: [
        { id: 'p', name: 'P', controls: [{ id: 'q' }] },
        { id: 'q', name: 'Q', controls: [{ id: 'p' }, { id: 'a' }] },
      ],
    }),
    { status: 422, errors: [{ pointer: '/persons/1/controls/0/id' }] },
  )
  t.match(cycle.errors[0].detail, /p -> q -> p/)
  // a person controlling itself
  assertProblem(t, await post({ holders: [holder('a')], persons: [{ id: 'p', name: 'P', controls: [{ id: 'p' }] }] }), {
    status: 422,
    errors: [{ pointer: '/persons/0/controls/0/id' }],
  })
  // duplicate ids, between holders and across holders and persons
  assertProblem(t, await post({ holders: [holder('a'), holder('a')] }), {
    status: 422,
    errors: [{ pointer: '/holders/1/id' }],
  })
  assertProblem(t, await post({ holders: [holder('a')], persons: [{ id: 'a', name: 'A', controls: [] }] }), {
    status: 422,
    errors: [{ pointer: '/persons/0/id' }],
  })
  // a conversion price of zero
  assertProblem(
    t,
    await post({ holders: [holder('a', { convertibles: [{ amount: '1000.00', conversionPrice: '0.00' }] })] }),
    { status: 422, errors: [{ pointer: '/holders/0/convertibles/0/conversionPrice' }] },
  )
  // a reported figure for nobody, a right that ends before it starts, more common than outstanding
  assertProblem(t, await post({ holders: [holder('a')], reported: { zz: { aggregate: 1 } } }), {
    status: 422,
    errors: [{ pointer: '/reported/zz' }],
  })
  assertProblem(
    t,
    await post({
      holders: [holder('a', { warrants: [{ shares: 1, exercisableFrom: '2008-10-02', expiresOn: '2008-10-01' }] })],
    }),
    { status: 422, errors: [{ pointer: '/holders/0/warrants/0/expiresOn' }] },
  )
  assertProblem(t, await post({ sharesOutstanding: 1_500, holders: [holder('a'), holder('b')] }), {
    status: 422,
    errors: [{ pointer: '/sharesOutstanding' }],
  })
  assertProblem(t, await post({ holders: [holder('a', { ownershipLimitAggregatesWith: ['a'] })] }), {
    status: 422,
    errors: [{ pointer: '/holders/0/ownershipLimitAggregatesWith' }],
  })
})

t.test('malformed input is a 400', async (t) => {
  const app = testApp(t)
  const post = (payload: object) => app.inject({ method: 'POST', url: URL_, payload: { ...base, ...payload } })
  // a convertible in none of its three forms (amount without a price)
  assertProblem(t, await post({ holders: [holder('a', { convertibles: [{ amount: '1000.00' }] })] }), {
    status: 400,
    errors: [{ pointer: '/holders/0/convertibles/0' }],
  })
  assertProblem(t, await post({ holders: [holder('a', { commonShares: -1 })] }), {
    status: 400,
    errors: [{ pointer: '/holders/0/commonShares' }],
  })
  assertProblem(t, await post({ holders: [holder('a', { ownershipLimit: '4.99' })] }), {
    status: 400,
    errors: [{ pointer: '/holders/0/ownershipLimit' }],
  })
  assertProblem(
    t,
    await post({ holders: [holder('a')], persons: [{ id: 'p', name: 'P', controls: [{ id: 'a', voting: 'most' }] }] }),
    { status: 400, errors: [{ pointer: '/persons/0/controls/0/voting' }] },
  )
  assertProblem(t, await post({ holders: [] }), { status: 400, errors: [{ pointer: '/holders' }] })
  assertProblem(t, await post({ holders: [holder('a')], reported: { a: { percent: 2.28 } } }), {
    status: 400,
    errors: [{ pointer: '/reported/a/percent' }],
  })
})

t.test('warnings: beyond 60 days, a binding blocker, a percent over the outstanding only', async (t) => {
  const app = testApp(t)
  const res = await app.inject({
    method: 'POST',
    url: URL_,
    payload: {
      ...base,
      holders: [
        holder('a', {
          commonShares: 40_000,
          convertibles: [{ sharesIssuable: 20_000 }],
          warrants: [{ shares: 5_000, exercisableFrom: '2009-01-01' }],
          ownershipLimit: '0.0499',
        }),
      ],
      reported: { a: { percent: '6.00' } },
    },
  })
  const body = res.json()
  // The warrant (exercisable 2009-01-01, after 2008-11-29) is not counted; the blocker caps the
  // 20,000 conversion shares at (49,900 - 40,000) / 0.9501 = 10,419.96 -> 10,419.
  t.same(
    [body.persons[0].issuableOnConversion, body.persons[0].issuableOnExercise, body.persons[0].aggregate],
    [10_419, 0, 50_419],
  )
  // 50,419 / 1,010,419 = 4.98991% -> 4.99; over the outstanding alone 5.04; reported 6.00 is neither.
  t.same([body.persons[0].percent, body.persons[0].percentOfOutstanding], ['4.99', '5.04'])
  t.same(body.warnings.map((w: any) => w.code).sort(), ['ownership-limit-binding', 'right-to-acquire-beyond-60-days'])
  t.match(body.persons[0].discrepancies[0].explanation, /neither reading gives 6\.00/)
  const over = (
    await app.inject({
      method: 'POST',
      url: URL_,
      payload: {
        ...base,
        holders: [holder('a', { warrants: [{ shares: 1_000 }] })],
        reported: { a: { percent: '0.20' } },
      },
    })
  ).json()
  // 2,000 / 1,000,000 = 0.20% over the outstanding alone; 2,000 / 1,001,000 = 0.1998% -> 0.20 too: no discrepancy.
  t.same([over.persons[0].percent, over.persons[0].discrepancies, over.warnings], ['0.20', [], []])
})

t.test('an ownership limit near 100% over a large class is answered (it does not bind)', async (t) => {
  const app = testApp(t)
  const res = await app.inject({
    method: 'POST',
    url: URL_,
    payload: {
      asOf: '2008-09-30',
      sharesOutstanding: 1_000_000_000_000,
      holders: [holder('a', { commonShares: 0, warrants: [{ shares: 1_000_000_000_000 }], ownershipLimit: '0.9999' })],
    },
  })
  t.equal(res.statusCode, 200)
  const a = res.json().persons[0]
  // The cap allows 0.9999 x 10^12 / 0.0001 = 9.999 x 10^15 shares, far above the 10^12 warrant
  // shares: all counted; percent 10^12 / (10^12 + 10^12) = 50.00, over the outstanding alone 100.00.
  t.same(
    [a.issuableOnExercise, a.aggregate, a.percent, a.percentOfOutstanding],
    [1_000_000_000_000, 1_000_000_000_000, '50.00', '100.00'],
  )
  t.notOk(res.json().warnings.some((w: { code: string }) => w.code === 'ownership-limit-binding'))
})
