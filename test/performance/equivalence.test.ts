/**
 * The fast paths taken for speed (see docs/performance.md) give exactly what the plain
 * paths give. No timing is asserted here: bench/ measures, tests only check equality.
 */
import t from 'tap'
import fc from 'fast-check'
import fastJson from 'fast-json-stringify'
import { DateTime } from 'luxon'
import { ChunkEncoder, loadContract, serializerFor, utf8 } from '../../src/contract/index.js'
import { NEW_YORK, todayInNewYork, toNewYorkTime } from '../../src/domain/time/dates.js'
import {
  Decimal,
  MAX_MONEY,
  addMoney,
  formatFraction,
  formatMoney,
  fromCents,
  moneyTimesRatio,
  pastMaxMoney,
  roundMoney,
  scaledInteger,
  sum,
} from '../../src/domain/decimal.js'
import { computeScenario } from '../../src/domain/scenario.js'
import { ledgerRowView } from '../../src/domain/clauses/default-interest.js'
import type { LedgerRow } from '../../src/domain/clauses/default-interest.js'
import { variedNotes } from '../../bench/notes.js'
import { fixture } from '../helpers/json.js'

fc.configureGlobal({ seed: 20081015 })

t.test('formatMoney is toFixed(2)', async (t) => {
  const cents = fc.bigInt({ min: -(10n ** 17n), max: 10n ** 17n })
  const scale = fc.integer({ min: 0, max: 12 })
  fc.assert(
    fc.property(cents, scale, (n, k) => {
      const text = n.toString()
      const value = new Decimal(k === 0 ? text : `${text}e-${k}`)
      t.equal(formatMoney(value), value.toFixed(2), `${value.toString()}`)
    }),
    { numRuns: 3000 },
  )
  for (const v of [
    '0',
    '-0',
    '0.5',
    '-0.5',
    '0.05',
    '-0.001',
    '1e15',
    '123456789012345.6',
    '1e39',
    '1e45',
    '-1e45',
    'NaN',
    'Infinity',
  ]) {
    t.equal(formatMoney(new Decimal(v)), new Decimal(v).toFixed(2), v)
  }
})

t.test('moneyTimesRatio is the Decimal product divided and rounded once', async (t) => {
  // Amounts as the contract carries them (cents, up to 15 integer digits), products of them
  // with portions (more decimals), rates of up to 12 decimals and their differences (negative),
  // numerators of every day count over up to 300 years, and their denominators.
  const amount = fc.oneof(
    fc.bigInt({ min: 0n, max: 10n ** 17n - 1n }).map((c) => new Decimal(`${c}e-2`)),
    fc.bigInt({ min: 0n, max: 10n ** 9n }).map((c) => new Decimal(`${c}e-2`)),
    fc.bigInt({ min: 0n, max: 10n ** 12n }).map((c) => new Decimal(`${c}e-5`)),
  )
  const rate = fc.oneof(
    fc.bigInt({ min: -(10n ** 13n), max: 10n ** 13n - 1n }).map((r) => new Decimal(`${r}e-12`)),
    fc.integer({ min: -2000, max: 2000 }).map((r) => new Decimal(`${r}e-4`)),
  )
  const numerator = fc.oneof(
    fc.integer({ min: -110_000, max: 110_000 }),
    fc.integer({ min: -40_000_000, max: 40_000_000 }),
    fc.constantFrom(0, -0, 1, 90, 360),
  )
  const denominator = fc.constantFrom(360, 365, 366, 365 * 366, 1, 7)
  const mode = fc.constantFrom('half-up' as const, 'half-even' as const)
  fc.assert(
    fc.property(amount, rate, numerator, denominator, mode, (a, r, n, d, m) => {
      const fast = moneyTimesRatio(a, r, n, d, m)
      const plain = roundMoney(a.times(r).times(n).div(d), m)
      return fast.toString() === plain.toString() && fast.s === plain.s && formatMoney(fast) === formatMoney(plain)
    }),
    { numRuns: 20_000 },
  )
  // Exact half cents, either side of them, in both modes: 0.005 and 0.015 (half-even: down, up).
  for (const [a, r, n, d, m, expected] of [
    ['0.01', '0.5', 1, 1, 'half-up', '0.01'], // 0.005 → 0.01 away from zero
    ['0.01', '0.5', 1, 1, 'half-even', '0'], // 0.005 → 0.00, to the even cent
    ['0.03', '0.5', 1, 1, 'half-even', '0.02'], // 0.015 → 0.02, to the even cent
    ['0.01', '-0.5', 1, 1, 'half-up', '-0.01'], // −0.005 → −0.01 away from zero
    ['2250.00', '0.08', 1, 360, 'half-up', '0.5'], // 2250 × 0.08 / 360 = 0.5 exactly
    ['1000000.00', '0.10', 90, 360, 'half-up', '25000'], // a quarter at 10% on 1,000,000
  ] as const) {
    t.equal(
      moneyTimesRatio(new Decimal(a), new Decimal(r), n, d, m).toString(),
      expected,
      `${a} × ${r} × ${n}/${d} ${m}`,
    )
  }
})

t.test('fromCents builds the Decimal that parsing the amount builds, field for field', async (t) => {
  const check = (cents: number, negative: boolean): boolean => {
    const text = `${negative ? '-' : ''}${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`
    const built = fromCents(cents, negative)
    const parsed = new Decimal(text)
    return (
      built.s === parsed.s &&
      built.e === parsed.e &&
      JSON.stringify(built.d) === JSON.stringify(parsed.d) &&
      built.toString() === parsed.toString() &&
      built instanceof Decimal &&
      built.plus(1).eq(parsed.plus(1))
    )
  }
  fc.assert(fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), fc.boolean(), check), { numRuns: 20_000 })
  fc.assert(fc.property(fc.integer({ min: 0, max: 10_000_000_000 }), fc.boolean(), check), { numRuns: 20_000 })
  // Word boundaries and zeros: 0.01, 0.10, 1, 99,999.99, 100,000.00, 10,000,000.00 and .01, 2^53 − 1 cents.
  for (const cents of [
    1,
    10,
    100,
    9_999_999,
    10_000_000,
    1_000_000_000,
    1_000_000_001,
    1_000_000_100,
    100_000_000_000_000,
    Number.MAX_SAFE_INTEGER,
  ]) {
    t.ok(check(cents, false) && check(cents, true), String(cents))
  }
  t.equal(fromCents(0, false).toString(), '0')
  t.ok(fromCents(0, true).isNegative() && fromCents(0, true).isZero(), '−0')
})

t.test('sum adds exactly, in cents or in Decimal', async (t) => {
  const value = fc.oneof(
    fc.bigInt({ min: -(10n ** 17n), max: 10n ** 17n }).map((c) => new Decimal(`${c}e-2`)),
    fc.bigInt({ min: -(10n ** 9n), max: 10n ** 9n }).map((c) => new Decimal(`${c}e-5`)),
  )
  fc.assert(
    fc.property(fc.array(value, { maxLength: 40 }), (values) => {
      const plain = values.reduce((a, b) => a.plus(b), new Decimal(0))
      const fast = sum(values)
      return fast.toString() === plain.toString() && fast.s === plain.s
    }),
    { numRuns: 5_000 },
  )
  t.equal(sum([]).toString(), '0')
  t.equal(sum([new Decimal('0.10'), new Decimal('0.20')]).toString(), '0.3') // 10 + 20 cents
})

t.test('addMoney is plus, the sign of a zero included', async (t) => {
  const value = fc.oneof(
    fc.bigInt({ min: -(10n ** 17n), max: 10n ** 17n }).map((c) => new Decimal(`${c}e-2`)),
    fc.bigInt({ min: -(10n ** 9n), max: 10n ** 9n }).map((c) => new Decimal(`${c}e-5`)),
    fc.constantFrom(new Decimal(0), new Decimal(-0), new Decimal('0.01'), new Decimal('-0.01')),
  )
  fc.assert(
    fc.property(value, value, (a, b) => {
      const fast = addMoney(a, b)
      const plain = a.plus(b)
      return fast.toString() === plain.toString() && fast.s === plain.s
    }),
    { numRuns: 10_000 },
  )
  // 118804147 + 2376083 cents
  t.equal(addMoney(new Decimal('1188041.47'), new Decimal('23760.83')).toString(), '1211802.3')
  t.equal(addMoney(new Decimal('0.01'), new Decimal('-0.01')).s, 1, 'x + −x is +0, as decimal.js gives it')
})

t.test('pastMaxMoney is gt(MAX_MONEY)', async (t) => {
  const amount = fc.oneof(
    fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n }).map((c) => new Decimal(`${c}e-2`)),
    fc.bigInt({ min: 0n, max: 10n ** 20n }).map((c) => new Decimal(`${c}e-5`)),
  )
  fc.assert(
    fc.property(amount, (a) => pastMaxMoney(a) === a.gt(MAX_MONEY)),
    { numRuns: 10_000 },
  )
  t.equal(pastMaxMoney(new Decimal('999999999999999.99')), false, 'the largest amount itself')
  t.equal(pastMaxMoney(new Decimal('1000000000000000.00')), true, 'a cent past it')
  t.equal(pastMaxMoney(new Decimal('999999999999999.991')), true, 'a fraction of a cent past it')
})

t.test('scaledInteger reads a Decimal as an exact integer, or refuses', async (t) => {
  fc.assert(
    fc.property(
      fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }),
      fc.integer({ min: 0, max: 14 }),
      fc.integer({ min: 0, max: 14 }),
      (n, k, scale) => {
        const x = new Decimal(`${n}e-${k}`)
        const exact = x.times(new Decimal(10).pow(scale))
        const expected = exact.isInteger() && exact.abs().lte(Number.MAX_SAFE_INTEGER) ? exact.toNumber() : null
        const got = scaledInteger(x, scale)
        return got === expected || (got === 0 && expected === 0)
      },
    ),
    { numRuns: 20_000 },
  )
  t.equal(scaledInteger(new Decimal('1188041.47'), 2), 118804147)
  t.equal(scaledInteger(new Decimal('0.08'), 2), 8)
  t.equal(scaledInteger(new Decimal('0.125'), 2), null, 'three decimals are not cents')
  t.equal(scaledInteger(new Decimal('1e20'), 0), null, 'past 2^53')
  t.equal(scaledInteger(new Decimal(NaN), 0), null)
})

t.test('toNewYorkTime agrees with luxon', async (t) => {
  const luxon = (value: string) => {
    const x = DateTime.fromISO(value, { setZone: true }).setZone(NEW_YORK)
    return { date: x.toISODate(), minutes: x.hour * 60 + x.minute, dateOnly: false }
  }
  const p2 = (n: number): string => String(n).padStart(2, '0')
  const instant = fc.integer({ min: Date.UTC(1901, 0, 2), max: Date.UTC(2199, 11, 30) })
  const offset = fc.integer({ min: -(23 * 60 + 59), max: 23 * 60 + 59 })
  fc.assert(
    fc.property(instant, offset, fc.boolean(), fc.constantFrom('', '.5', '.123456789'), (ms, off, utc, fraction) => {
      const wall = new Date(ms + (utc ? 0 : off) * 60_000)
      const zone = utc ? 'Z' : `${off < 0 ? '-' : '+'}${p2(Math.floor(Math.abs(off) / 60))}:${p2(Math.abs(off) % 60)}`
      const value =
        `${wall.getUTCFullYear()}-${p2(wall.getUTCMonth() + 1)}-${p2(wall.getUTCDate())}` +
        `T${p2(wall.getUTCHours())}:${p2(wall.getUTCMinutes())}:${p2(wall.getUTCSeconds())}${fraction}${zone}`
      t.same(toNewYorkTime(value), luxon(value), value)
    }),
    { numRuns: 2000 },
  )
  // Every change of clock in 2008, 1945 (war time ends) and 2100, on either side of the hour.
  for (const day of ['2008-03-09', '2008-11-02', '1945-09-30', '2100-03-14', '2100-11-07']) {
    for (let hour = 0; hour < 24; hour++) {
      for (const minute of ['00', '59']) {
        const value = `${day}T${p2(hour)}:${minute}:59Z`
        t.same(toNewYorkTime(value), luxon(value), value)
      }
    }
  }
  // Lowercase separators, on either path.
  for (const value of ['2008-09-29t16:30:00z', '1900-12-31t23:30:00-05:00']) {
    t.same(toNewYorkTime(value), luxon(value), value)
  }
  // A leap second, which luxon rejects, is the last second of its minute: 2008-12-31T23:59:60Z
  // is 18:59 in New York (EST, UTC-5), minute 18 * 60 + 59 = 1139; 2016-12-31T23:59:60Z likewise.
  t.same(toNewYorkTime('2008-12-31T23:59:60Z'), { date: '2008-12-31', minutes: 1139, dateOnly: false })
  t.same(toNewYorkTime('2016-12-31T18:59:60.5-05:00'), { date: '2016-12-31', minutes: 1139, dateOnly: false })
  // An impossible date is an error, never a date of null.
  t.throws(() => toNewYorkTime('2008-02-30T12:00:00Z'), RangeError)
})

t.test("today in New York agrees with luxon's", async (t) => {
  const instant = fc.integer({ min: Date.UTC(1970, 0, 1), max: Date.UTC(2199, 11, 30) })
  fc.assert(
    fc.property(instant, (ms) => {
      t.equal(todayInNewYork(ms), DateTime.fromMillis(ms).setZone(NEW_YORK).toISODate(), new Date(ms).toISOString())
    }),
    { numRuns: 2000 },
  )
  t.equal(todayInNewYork(), DateTime.now().setZone(NEW_YORK).toISODate(), 'now')
})

t.test('ledger rows carry the year fraction computed at 40 digits', async (t) => {
  const row = (numerator: number, denominator: number) =>
    ({ yearFraction: { days: numerator, numerator, denominator } }) as unknown as LedgerRow
  fc.assert(
    fc.property(
      fc.integer({ min: -200_000, max: 200_000 }),
      fc.constantFrom(360, 365, 366, 365 * 366, 7, 1),
      (n, d) => {
        const text = formatFraction(new Decimal(n).div(d))
        t.equal(
          ledgerRowView({ ...row(n, d), principal: new Decimal(1), rate: new Decimal(1), amount: new Decimal(1) })
            .yearFraction,
          text,
        )
      },
    ),
    { numRuns: 2000 },
  )
})

t.test('responses serialize to the bytes the schemas give without reshaping', async (t) => {
  const contract = loadContract()
  const external = Object.fromEntries([...contract.schemas].map(([id, schema]) => [id, structuredClone(schema)]))
  const plain = fastJson(
    { $ref: 'ScenarioResult.json#' },
    { schema: external as unknown as fastJson.Options['schema'] },
  )
  const serialize = serializerFor(contract, { $ref: 'ScenarioResult.json#' })
  const requests = [
    fixture('examples/liquidmetal-2008.request.json'),
    ...variedNotes(300, 7),
    { note: { principal: '100.00', issueDate: '2001-01-01', maturityDate: '2002-01-01' } },
  ]
  for (const [i, request] of requests.entries()) {
    const result = computeScenario(request as Parameters<typeof computeScenario>[0], () => '2001-06-01')
    const bytes = serialize(result)
    if (bytes !== plain(result) || bytes !== JSON.stringify(result)) {
      t.fail(`request ${i} serializes differently`)
      return
    }
  }
  t.pass(`${requests.length} results, identical bytes`)
  t.equal(serialize, serializerFor(contract, { $ref: 'ScenarioResult.json#' }), 'compiled once')
})

t.test('ChunkEncoder and utf8 give the bytes Buffer.from gives, whatever falls on a chunk boundary', async (t) => {
  const text = fc.string({
    unit: fc.oneof(fc.constantFrom('a', '"', 'é', '€', '😀', '\n'), fc.string({ unit: 'grapheme', maxLength: 1 })),
    maxLength: 200,
  })
  fc.assert(
    fc.property(fc.array(text, { maxLength: 30 }), fc.integer({ min: 4, max: 64 }), (texts, size) => {
      const encoder = new ChunkEncoder(size)
      const chunks: Buffer[] = []
      for (const piece of texts) {
        for (const chunk of encoder.write(piece)) {
          if (chunk.length > size || chunk.length === 0) return false
          chunks.push(chunk)
        }
      }
      chunks.push(encoder.end())
      const expected = Buffer.from(texts.join(''), 'utf8')
      return (
        Buffer.concat(chunks).equals(expected) && texts.every((piece) => utf8(piece).equals(Buffer.from(piece, 'utf8')))
      )
    }),
    { numRuns: 1000 },
  )
  t.pass('1,000 cases')
})
