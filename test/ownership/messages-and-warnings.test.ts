/**
 * The ownership endpoints speak plainly: messages that name the field and the rule
 * broken (not "must be an object" for a form of a union), warnings for figures no class can have,
 * a reported percent above 100, and rows 7-10 of a filing checked like the others.
 */
import { readFileSync } from 'node:fs'
import t from 'tap'
import { assertProblem, testApp } from '../helpers/http.js'

const URL_ = '/v1/beneficial-ownership'
const holder = (id: string, extra: object = {}) => ({ id, name: id.toUpperCase(), commonShares: 1_000, ...extra })
const base = { asOf: '2008-09-30', sharesOutstanding: 1_000_000 }

t.test('a form of a union is told by its fields, and its own rule is named', async (t) => {
  const app = testApp(t)
  const post = (payload: object) => app.inject({ method: 'POST', url: URL_, payload: { ...base, ...payload } })
  const negative = assertProblem(
    t,
    await post({ holders: [holder('a', { convertibles: [{ sharesIssuable: -5 }] })] }),
    {
      status: 400,
      errors: [{ pointer: '/holders/0/convertibles/0/sharesIssuable' }],
    },
  )
  t.equal(negative.errors[0].detail, 'must be at least 0')
  const price = assertProblem(
    t,
    await post({ holders: [holder('a', { convertibles: [{ amount: '100.00', conversionPrice: '-1' }] })] }),
    { status: 400, errors: [{ pointer: '/holders/0/convertibles/0/conversionPrice' }] },
  )
  t.match(price.errors[0].detail, /must not be negative/)
  // No form's fields: the forms are named by their fields.
  const none = assertProblem(t, await post({ holders: [holder('a', { convertibles: [{}] })] }), {
    status: 400,
    errors: [{ pointer: '/holders/0/convertibles/0' }],
  })
  t.match(none.errors[0].detail, /an object with sharesIssuable or an object with amount and conversionPrice/)

  const CASE = JSON.parse(
    readFileSync(new URL('../fixtures/examples/liquidmetal-2008.request.json', import.meta.url), 'utf8'),
  )
  const patch = assertProblem(
    t,
    await app.inject({
      method: 'POST',
      url: '/v1/scenarios/compare',
      payload: {
        scenario: CASE,
        variants: [{ id: 'v', description: 'x', patch: [{ op: 'frobnicate', path: '/asOf', value: '2008-10-01' }] }],
      },
    }),
    { status: 400, errors: [{ pointer: '/variants/0/patch/0/op' }] },
  )
  t.match(patch.errors[0].detail, /^must be one of: add, remove, replace/)
})

t.test('warnings: acquirable shares beyond the class, a percent over 100, a person who controls nothing', async (t) => {
  const app = testApp(t)
  const body = (
    await app.inject({
      method: 'POST',
      url: URL_,
      payload: {
        asOf: '2008-09-30',
        sharesOutstanding: 44_726_295,
        // 1,000,000.00 / 0.000001 = 10^12 conversion shares against 44.7 million outstanding.
        holders: [holder('a', { convertibles: [{ amount: '1000000.00', conversionPrice: '0.000001' }] })],
        persons: [{ id: 'idle', name: 'Idle', controls: [{ id: 'a', voting: 'none', dispositive: 'none' }] }],
      },
    })
  ).json()
  const codes = body.warnings.map((w: any) => w.code)
  t.ok(codes.includes('acquirable-exceeds-outstanding'))
  t.ok(codes.includes('percent-of-outstanding-above-100'))
  t.ok(codes.includes('person-controls-nothing'))
  t.equal(body.persons[0].issuableOnConversion, 1_000_000_000_000)
  t.ok(Number(body.persons[0].percent) <= 100)
})

t.test('a reported percent above 100 is a 400', async (t) => {
  const app = testApp(t)
  assertProblem(
    t,
    await app.inject({
      method: 'POST',
      url: URL_,
      payload: { ...base, holders: [holder('a')], reported: { a: { percent: '100.01' } } },
    }),
    { status: 400, errors: [{ pointer: '/reported/a/percent' }] },
  )
  const ok = await app.inject({
    method: 'POST',
    url: URL_,
    payload: { ...base, holders: [holder('a')], reported: { a: { percent: '100.00' } } },
  })
  t.equal(ok.statusCode, 200)
})

t.test('rows 7-10 reported are checked like the other figures', async (t) => {
  const app = testApp(t)
  const body = (
    await app.inject({
      method: 'POST',
      url: URL_,
      payload: {
        ...base,
        holders: [holder('a', { commonShares: 3_000 }), holder('b', { commonShares: 2_000 })],
        persons: [
          { id: 'p', name: 'P', controls: [{ id: 'a' }, { id: 'b', voting: 'shared', dispositive: 'shared' }] },
        ],
        // p: sole over a's 3,000, shared over b's 2,000; the filing says 5,000 sole voting.
        reported: {
          p: {
            soleVotingPower: 5_000,
            sharedVotingPower: 0,
            soleDispositivePower: 3_000,
            sharedDispositivePower: 2_000,
          },
        },
      },
    })
  ).json()
  const p = body.persons.find((x: any) => x.id === 'p')
  t.same(
    [p.soleVotingPower, p.sharedVotingPower, p.soleDispositivePower, p.sharedDispositivePower],
    [3_000, 2_000, 3_000, 2_000],
  )
  t.same(
    p.discrepancies.map((d: any) => [d.field, d.reported, d.computed]),
    [
      ['soleVotingPower', 5_000, 3_000],
      ['sharedVotingPower', 0, 2_000],
    ],
  )
  t.match(p.discrepancies[0].explanation, /row 7.*\(a\) hold 3,000/)
})
