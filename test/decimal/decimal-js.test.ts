/**
 * What src/domain/decimal.ts relies on in decimal.js, held so that an upgrade which changes it
 * fails here first: the exact version pinned (no range), and the normalised form the fast paths
 * read and write: `d` the digits in base-10^7 words aligned on powers 7k with no leading or
 * trailing zero word, `e` the exponent of the leading digit, `s` the sign. The figures are
 * worked by hand from that form.
 */
import t from 'tap'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { Decimal, formatMoney, fromCents, moneyTimesRatio, scaledInteger } from '../../src/domain/decimal.js'

const require = createRequire(import.meta.url)
const root = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  dependencies: Record<string, string>
}
const installed = (require('decimal.js/package.json') as { version: string }).version

t.test('decimal.js is pinned to one exact version, and that version is the one installed', async (t) => {
  const pin = root.dependencies['decimal.js']!
  t.match(pin, /^\d+\.\d+\.\d+$/, `package.json pins an exact version (${pin}), not a range`)
  t.equal(installed, pin, 'node_modules has the pinned version')
})

const form = (x: Decimal) => {
  const { d, e, s } = x as unknown as { d: number[]; e: number; s: number }
  return { d: [...d], e, s }
}

t.test('the normalised form decimal.ts reads and writes', async (t) => {
  // 1,188,041.47: the words of powers 0..6 and -7..-1; the leading digit at 10^6.
  t.same(form(new Decimal('1188041.47')), { d: [1188041, 4700000], e: 6, s: 1 })
  // 10,000,000.00: one word (10^7 to 10^13), no trailing zero word.
  t.same(form(new Decimal('10000000.00')), { d: [1], e: 7, s: 1 })
  // -0.05: the word of powers -7..-1 is 0500000; the leading digit at 10^-2.
  t.same(form(new Decimal('-0.05')), { d: [500000], e: -2, s: -1 })
  // 12,345,678.9: words [1] (10^7) and [2345678] (10^0..10^6) and [9000000] (10^-1..10^-7).
  t.same(form(new Decimal('12345678.9')), { d: [1, 2345678, 9000000], e: 7, s: 1 })
})

t.test('the fast paths agree with the public API on the case figures', async (t) => {
  t.equal(scaledInteger(new Decimal('1188041.47'), 2), 118804147)
  t.equal(scaledInteger(new Decimal('0.005'), 2), null, 'more decimals than cents')
  t.equal(formatMoney(fromCents(118804147, false)), '1188041.47')
  t.ok(fromCents(5, true).eq(new Decimal('-0.05')))
  // 1,000,000.00 at 10% for 30/360 of a year: 8,333.333... → 8,333.33 half-up.
  t.equal(formatMoney(moneyTimesRatio(new Decimal('1000000.00'), new Decimal('0.10'), 30, 360, 'half-up')), '8333.33')
  // 0.05 × 0.5 = 0.025: half-up 0.03, half-even 0.02.
  t.equal(formatMoney(moneyTimesRatio(new Decimal('0.05'), new Decimal('0.5'), 1, 1, 'half-up')), '0.03')
  t.equal(formatMoney(moneyTimesRatio(new Decimal('0.05'), new Decimal('0.5'), 1, 1, 'half-even')), '0.02')
})
