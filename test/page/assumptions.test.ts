/**
 * The answer's words for people (src/page/model.ts, run in Node): assumptions that
 * state rates or the portion as the API's fractions are shown in percent, as the form takes them;
 * dates and other numbers in them are left as written.
 */
import t from 'tap'
import fc from 'fast-check'
import { Decimal } from 'decimal.js'
import { assumptionText } from '../../src/page/model.js'

t.test("the case's rates and portion in percent", async (t) => {
  // examples/liquidmetal-2008.scenario.response.json's assumptions, as the service writes them.
  t.equal(
    assumptionText({
      code: 'rates',
      description:
        'Normal rates 0.08 cash / 0.10 in notes; default rates 0.12 cash / 0.15 in notes (Note 2; as given).',
    }),
    'Normal rates 8% cash / 10% in notes; default rates 12% cash / 15% in notes (Note 2; as given).',
  )
  t.equal(
    assumptionText({
      code: 'portion',
      description: 'The holder redeems 1.00 of the outstanding principal, interest notes included (as given).',
    }),
    'The holder redeems 100% of the outstanding principal, interest notes included (as given).',
  )
  const asOf = { code: 'as-of', description: 'Statuses are as of 2008-10-31 (as given).' }
  t.equal(assumptionText(asOf), asOf.description, 'other assumptions as written')
})

t.test('any fraction in a rates assumption reads as its percent (decimal.js × 100)', async (t) => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 1, max: 6 }), (units, places) => {
      const fraction = new Decimal(units).div(new Decimal(10).pow(places)).toFixed(places)
      const shown = assumptionText({ code: 'rates', description: `Normal rate ${fraction} cash.` })
      const percent = new Decimal(fraction).times(100)
      return shown === `Normal rate ${percent.toString()}% cash.` || shown === `Normal rate ${percent.toFixed()}% cash.`
    }),
  )
  t.pass('every fraction')
})
