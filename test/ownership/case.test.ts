/**
 * The case's Schedule 13D/A No. 2 (docs/rules/ownership.md): the cover pages computed from the filing's own
 * inputs, and exactly the discrepancies docs/rules/ownership.md names.
 */
import { readFileSync } from 'node:fs'
import t from 'tap'
import { testApp } from '../helpers/http.js'

const example = JSON.parse(
  readFileSync(new URL('../../examples/liquidmetal-2008.beneficial-ownership.request.json', import.meta.url), 'utf8'),
).value

t.test('the cover pages of the three funds, the two managers and the two individuals', async (t) => {
  const app = testApp(t)
  const res = await app.inject({ method: 'POST', url: '/v1/beneficial-ownership', payload: example })
  t.equal(res.statusCode, 200)
  const body = res.json()
  const byId = Object.fromEntries(body.persons.map((p: any) => [p.id, p]))
  t.same(
    body.persons.map((p: any) => p.id),
    ['wpscv-lp', 'wpscv-lp-i', 'wscv-offshore', 'wcm', 'wci', 'obus', 'landes'],
    'holders first, then persons, in request order',
  )

  // Aggregates: the filing's own sums, except Obus and Landes, whose conversion shares are
  // 433,266 + 567,372 + 546,740 = 1,547,378 (docs/rules/ownership.md),
  // so 1,073,554 + 1,547,378 + 1,110,392 = 3,731,324.
  const aggregates = {
    'wpscv-lp': 1_019_531,
    'wpscv-lp-i': 1_370_294,
    'wscv-offshore': 1_341_499,
    wcm: 2_389_825,
    wci: 1_341_499,
    obus: 3_731_324,
    landes: 3_731_324,
  }
  for (const [id, aggregate] of Object.entries(aggregates)) t.equal(byId[id].aggregate, aggregate, `${id} aggregate`)
  t.same(
    { common: byId.wcm.common, conversion: byId.wcm.issuableOnConversion, exercise: byId.wcm.issuableOnExercise },
    // The filing's parts for WCM: 671,134 + 1,000,638 + 718,053.
    { common: 671_134, conversion: 1_000_638, exercise: 718_053 },
  )
  t.same(
    { common: byId.obus.common, conversion: byId.obus.issuableOnConversion, exercise: byId.obus.issuableOnExercise },
    // 275,355 + 395,779 + 402,420 = 1,073,554; 310,910 + 407,143 + 392,339 = 1,110,392.
    { common: 1_073_554, conversion: 1_547_378, exercise: 1_110_392 },
  )

  // Rule 13d-3(d)(1)(i), the figures of docs/rules/ownership.md:
  // e.g. 1,019,531 / (44,726,295 + 433,266 + 310,910) = 2.2422% -> 2.24.
  const percents = {
    'wpscv-lp': '2.24',
    'wpscv-lp-i': '3.00',
    'wscv-offshore': '2.94',
    wcm: '5.15',
    wci: '2.94',
    obus: '7.87',
    landes: '7.87',
  }
  // Over the outstanding alone, the filing's figures: e.g. 1,019,531 / 44,726,295 = 2.2795% -> 2.28
  // (Obus: 3,731,324 / 44,726,295 = 8.3426% -> 8.34, as the filing's 3,731,323 also gives).
  const overOutstanding = {
    'wpscv-lp': '2.28',
    'wpscv-lp-i': '3.06',
    'wscv-offshore': '3.00',
    wcm: '5.34',
    wci: '3.00',
    obus: '8.34',
    landes: '8.34',
  }
  for (const id of Object.keys(percents)) {
    t.equal(byId[id].percent, percents[id as keyof typeof percents], `${id} percent`)
    t.equal(
      byId[id].percentOfOutstanding,
      overOutstanding[id as keyof typeof overOutstanding],
      `${id} percentOfOutstanding`,
    )
  }
  // More than 5%: WCM (5.15) and the individuals (7.87); the funds and WCI not.
  t.same(
    body.persons.filter((p: any) => p.moreThanFivePercent).map((p: any) => p.id),
    ['wcm', 'obus', 'landes'],
  )

  // Powers: each fund and manager sole; Obus and Landes share everything they own.
  for (const id of ['wpscv-lp', 'wpscv-lp-i', 'wscv-offshore', 'wcm', 'wci']) {
    t.same(
      [
        byId[id].soleVotingPower,
        byId[id].sharedVotingPower,
        byId[id].soleDispositivePower,
        byId[id].sharedDispositivePower,
      ],
      [aggregates[id as keyof typeof aggregates], 0, aggregates[id as keyof typeof aggregates], 0],
      `${id}: sole power`,
    )
  }
  for (const id of ['obus', 'landes'])
    t.same(
      [
        byId[id].soleVotingPower,
        byId[id].sharedVotingPower,
        byId[id].soleDispositivePower,
        byId[id].sharedDispositivePower,
      ],
      [0, 3_731_324, 0, 3_731_324],
      `${id}: shared power`,
    )

  // The discrepancies: every reported percent (the outstanding-only denominator), and for Obus
  // and Landes the conversion shares (1,547,377 vs 1,547,378) with the aggregate that follows from them.
  for (const id of ['wpscv-lp', 'wpscv-lp-i', 'wscv-offshore', 'wcm', 'wci']) {
    t.same(
      byId[id].discrepancies.map((d: any) => [d.field, d.reported, d.computed]),
      [['percent', overOutstanding[id as keyof typeof overOutstanding], percents[id as keyof typeof percents]]],
      `${id}: the percent only`,
    )
  }
  for (const id of ['obus', 'landes']) {
    const found = byId[id].discrepancies
    t.same(
      found.map((d: any) => [d.field, d.reported, d.computed]),
      [
        ['issuableOnConversion', 1_547_377, 1_547_378],
        ['aggregate', 3_731_323, 3_731_324],
        ['percent', '8.34', '7.87'],
      ],
      `${id}: conversion shares, the aggregate they make, the percent`,
    )
    t.match(
      found[0].explanation,
      /^1,547,377 reported; the three holders' conversion shares add up to 1,547,378 \(433,266 \+ 567,372 \+ 546,740\)/,
    )
    t.match(found[2].explanation, /44,726,295 outstanding \+ 2,657,770/)
    t.match(found[2].explanation, /8\.34 is the aggregate over the 44,726,295 outstanding shares alone/)
  }
  t.same(
    body.warnings.map((w: any) => w.code),
    ['percent-over-outstanding-only'],
  )
})

t.test('without the reported figures there is nothing to check, and no warning', async (t) => {
  const app = testApp(t)
  const { reported: _reported, ...request } = example
  const body = (await app.inject({ method: 'POST', url: '/v1/beneficial-ownership', payload: request })).json()
  t.ok(body.persons.every((p: any) => p.discrepancies.length === 0))
  t.same(body.warnings, [])
})

t.test('the documented answers are what the service answers', async (t) => {
  const app = testApp(t)
  const read = (name: string) =>
    JSON.parse(readFileSync(new URL(`../../examples/${name}`, import.meta.url), 'utf8')).value
  for (const [name, url] of [
    ['beneficial-ownership', '/v1/beneficial-ownership'],
    ['filing-deadline', '/v1/beneficial-ownership/filing-deadline'],
  ] as const) {
    const res = await app.inject({ method: 'POST', url, payload: read(`liquidmetal-2008.${name}.request.json`) })
    t.same(res.json(), read(`liquidmetal-2008.${name}.response.json`), name)
  }
})
