/**
 * The page's pure parts, in Node: amounts for people and back, percentages as exact decimal
 * strings, the request in a URL, the ledger as CSV, New York wall time, the timeline's cut axis.
 */
import t from 'tap'
import fc from 'fast-check'
import { Decimal } from 'decimal.js'
import {
  decodeFromUrl,
  encodeForUrl,
  fractionToPercent,
  getAt,
  groupDigits,
  leafPointers,
  ledgerCsv,
  newYorkOffset,
  newYorkWallTime,
  percentToFraction,
  scalarText,
  setAt,
  ungroupDigits,
  type LedgerRow,
} from '../../src/page/model.js'
import { cutScale } from '../../src/page/scale.js'

t.test('amounts grouped for people, and back', async (t) => {
  t.equal(groupDigits('1194509.70'), '1,194,509.70')
  t.equal(groupDigits('396.01'), '396.01')
  t.equal(groupDigits('-924.03'), '-924.03')
  t.equal(groupDigits('1000'), '1,000')
  t.equal(groupDigits('0.12345678'), '0.12345678', 'decimals are never grouped')
  t.equal(ungroupDigits(' 1,000,000.00 '), '1000000.00')
  t.equal(ungroupDigits('1000000.00'), '1000000.00')
  t.equal(
    ungroupDigits('1,00,0'),
    '1,00,0',
    'commas that do not group thousands go as typed, for the service to refuse',
  )
  t.equal(ungroupDigits('1,000.5,0'), '1,000.5,0')
  fc.assert(
    fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n - 1n }), fc.integer({ min: 0, max: 99 }), (whole, cents) => {
      const amount = `${whole}.${String(cents).padStart(2, '0')}`
      return ungroupDigits(groupDigits(amount)) === amount
    }),
  )
})

t.test('percentages: exact shifts of the decimal point, no floating point', async (t) => {
  t.equal(percentToFraction('8'), '0.08')
  t.equal(percentToFraction('12.5'), '0.125')
  t.equal(percentToFraction('100'), '1')
  t.equal(percentToFraction('0.0001'), '0.000001')
  t.equal(percentToFraction('15 %'), '0.15')
  t.equal(percentToFraction('7.1'), '0.071', 'where 7.1 / 100 in binary floating point is 0.07100000000000001')
  t.equal(percentToFraction('twelve'), 'twelve', 'text that is not a number goes as typed')
  t.equal(fractionToPercent('0.10'), '10')
  t.equal(fractionToPercent('1.00'), '100')
  t.equal(fractionToPercent('0.125'), '12.5')
  fc.assert(
    fc.property(fc.stringMatching(/^[0-9]{1,4}(\.[0-9]{1,10})?$/), (percent) => {
      const fraction = percentToFraction(percent)
      // The same number divided by 100 (decimal.js), and back to the same percentage.
      return (
        new Decimal(fraction).equals(new Decimal(percent).div(100)) &&
        new Decimal(fractionToPercent(fraction)).equals(new Decimal(percent))
      )
    }),
  )
})

t.test('the request in a URL: base64url of its JSON, any text', async (t) => {
  const request = { note: { id: 'ünïcødé ✓ </script>', principal: '1000000.00' } }
  const encoded = encodeForUrl(request)
  t.match(encoded, /^[A-Za-z0-9_-]+$/, 'only URL-safe characters, no padding')
  t.same(decodeFromUrl(encoded), request)
  t.throws(() => decodeFromUrl('not base64!'))
  t.throws(() => decodeFromUrl(encodeForUrl('x').slice(0, -1) + '*'))
  fc.assert(
    fc.property(
      fc.jsonValue(),
      (value) => JSON.stringify(decodeFromUrl(encodeForUrl(value))) === JSON.stringify(value),
    ),
  )
})

t.test("the ledger as CSV: the API's names and values, RFC 4180", async (t) => {
  const row: LedgerRow = {
    start: '2008-10-15',
    end: '2008-10-22',
    days: 7,
    principal: '1188041.47',
    rate: '0.12',
    rateKind: 'default',
    form: 'cash',
    yearFraction: '0.01944444444444444444',
    amount: '2772.10',
    status: 'accrued',
    interestDate: null,
  }
  t.equal(
    ledgerCsv([row]),
    'start,end,days,principal,rate,rateKind,form,yearFraction,amount,status,interestDate\r\n' +
      '2008-10-15,2008-10-22,7,1188041.47,0.12,default,cash,0.01944444444444444444,2772.10,accrued,\r\n',
  )
  t.match(ledgerCsv([{ ...row, status: 'a,"b"' as LedgerRow['status'] }]), /,"a,""b""",/, 'a comma or quote is quoted')
})

t.test("a link's values as text: scalars as written, anything else the fallback", async (t) => {
  t.equal(scalarText('2008-10-15'), '2008-10-15')
  t.equal(scalarText(1547378), '1547378')
  t.equal(scalarText(false), 'false')
  t.equal(scalarText(undefined), '')
  t.equal(scalarText(null, '—'), '—')
  t.equal(scalarText({ id: 'x' }, '(no identifier)'), '(no identifier)', 'an object edited into a link')
  t.equal(scalarText(['a'], 'none'), 'none')
})

t.test('JSON pointers: get, set, delete, leaves', async (t) => {
  const doc: Record<string, unknown> = { note: { interest: { cashRate: '0.08' } }, 'a/b': { '~': 1 } }
  t.equal(getAt(doc, '/note/interest/cashRate'), '0.08')
  t.equal(getAt(doc, '/a~1b/~0'), 1, 'escaped tokens')
  setAt(doc, '/events/noticeOfDefault/sentAt', '2008-09-29')
  t.same(doc['events'], { noticeOfDefault: { sentAt: '2008-09-29' } }, 'objects made on the way')
  setAt(doc, '/note/interest/cashRate', undefined)
  t.same(doc['note'], { interest: {} }, 'undefined deletes')
  setAt(doc, '/nothing/here', undefined)
  t.notOk('nothing' in doc, 'deleting makes nothing')
  t.same(leafPointers({ a: { b: 1, c: [1, 2] }, 'x/y': null }), ['/a/b', '/a/c', '/x~1y'])
})

t.test('New York wall time, from the time-zone data', async (t) => {
  // 2008: EDT (UTC-4) from 9 March 02:00 to 2 November 02:00, EST (UTC-5) otherwise.
  t.equal(newYorkOffset('2008-09-29', '14:30'), '-04:00', 'September: daylight time')
  t.equal(newYorkOffset('2008-12-01', '09:00'), '-05:00', 'December: standard time')
  t.equal(newYorkOffset('2008-03-09', '03:00'), '-04:00', 'the first hour of daylight time')
  t.equal(newYorkOffset('2008-03-09', '01:59'), '-05:00', 'the last minute of standard time')
  t.equal(newYorkOffset('2008-11-02', '03:00'), '-05:00', 'after the clocks go back')
  t.same(newYorkWallTime('2008-09-29T18:30:00Z'), { date: '2008-09-29', time: '14:30' })
  t.same(newYorkWallTime('2008-09-30T02:30:00Z'), { date: '2008-09-29', time: '22:30' }, "the New York date, not UTC's")
  t.equal(newYorkWallTime('not a time'), null)
  fc.assert(
    fc.property(
      fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2199-12-31T00:00:00Z'), noInvalidDate: true }),
      (instant) => {
        const rounded = new Date(Math.floor(instant.getTime() / 60_000) * 60_000)
        const wall = newYorkWallTime(rounded.toISOString())!
        // Wall time and offset make the instant again (an hour repeated in November may read either way).
        const back = Date.parse(`${wall.date}T${wall.time}:00${newYorkOffset(wall.date, wall.time)}`)
        return back === rounded.getTime() || Math.abs(back - rounded.getTime()) === 3_600_000
      },
    ),
  )
})

t.test('the cut axis: in order, inside the width, long gaps cut', async (t) => {
  const dates = [
    '2007-01-03',
    '2007-01-10',
    '2007-01-11',
    '2008-09-29',
    '2008-10-14',
    '2008-10-15',
    '2008-10-22',
    '2010-01-03',
  ]
  const scale = cutScale(dates, 390)
  t.same(
    scale.breaks.map((b) => b.days),
    [627, 438],
    'two quiet stretches cut: 2007-01-11 to 2008-09-29 and 2008-10-22 to 2010-01-03',
  )
  const xs = dates.map(scale.x)
  t.ok(
    xs.every((x, i) => i === 0 || x > xs[i - 1]!),
    'later dates further right',
  )
  t.ok(
    xs.every((x) => x >= 0 && x <= 390),
    'inside the width',
  )
  t.ok(xs[2]! - xs[1]! >= 2, 'neighbouring days apart')
  fc.assert(
    fc.property(
      fc.uniqueArray(fc.integer({ min: 0, max: 100_000 }), { minLength: 1, maxLength: 40 }),
      fc.integer({ min: 280, max: 1600 }),
      (days, width) => {
        const iso = days.map((d) => new Date(Date.UTC(1901, 0, 1) + d * 86_400_000).toISOString().slice(0, 10)).sort()
        const s = cutScale(iso, width)
        const x = iso.map(s.x)
        return x.every((v, i) => v >= 0 && v <= width && (i === 0 || v > x[i - 1]!))
      },
    ),
  )
})
