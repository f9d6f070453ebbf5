import t from 'tap'
import fc from 'fast-check'

// Reproducible runs: a failure in CI can be replayed locally.
fc.configureGlobal({ seed: 20081015 })
import { DateTime } from 'luxon'
import {
  addMonths,
  fromEpochDay,
  toEpochDay,
  toNewYorkTime,
  isValidIsoDate,
  NEW_YORK,
} from '../../src/domain/time/dates.js'

const anyDate = fc.integer({ min: toEpochDay('1901-01-01'), max: toEpochDay('2199-12-31') }).map(fromEpochDay)

t.test('epoch days round-trip and agree with luxon', async (t) => {
  fc.assert(
    fc.property(anyDate, (d) => {
      t.equal(fromEpochDay(toEpochDay(d)), d)
      t.equal(DateTime.fromISO(d, { zone: 'UTC' }).toMillis() / 86_400_000, toEpochDay(d))
    }),
    { numRuns: 500 },
  )
  t.equal(toEpochDay('1970-01-01'), 0)
  t.equal(fromEpochDay(-1), '1969-12-31')
})

t.test('addMonths clamps to month ends like luxon in New York', async (t) => {
  t.equal(addMonths('2021-01-31', 1), '2021-02-28')
  t.equal(addMonths('2020-01-31', 1), '2020-02-29')
  t.equal(addMonths('2021-01-31', 2), '2021-03-31')
  t.equal(addMonths('2021-03-31', -1), '2021-02-28')
  t.equal(addMonths('2007-01-03', 3), '2007-04-03')
  fc.assert(
    fc.property(anyDate, fc.integer({ min: -1200, max: 1200 }), (d, k) => {
      const luxon = DateTime.fromISO(d, { zone: NEW_YORK }).plus({ months: k }).toISODate()
      t.equal(addMonths(d, k), luxon)
    }),
    { numRuns: 1000 },
  )
})

t.test('timestamps are read on the New York clock', async (t) => {
  t.same(toNewYorkTime('2008-09-29T22:30:00Z'), { date: '2008-09-29', minutes: 18 * 60 + 30, dateOnly: false })
  t.same(toNewYorkTime('2008-09-30T03:30:00+01:00'), { date: '2008-09-29', minutes: 22 * 60 + 30, dateOnly: false })
  // winter: EST is UTC-5
  t.same(toNewYorkTime('2008-12-01T04:59:00Z'), { date: '2008-11-30', minutes: 23 * 60 + 59, dateOnly: false })
  t.same(toNewYorkTime('2008-09-29'), { date: '2008-09-29', minutes: 0, dateOnly: true })
})

t.test('isValidIsoDate knows month lengths and leap years', async (t) => {
  t.ok(isValidIsoDate('2008-02-29'))
  t.notOk(isValidIsoDate('2007-02-29'))
  t.notOk(isValidIsoDate('2008-02-30'))
  t.notOk(isValidIsoDate('1900-02-29'))
  t.ok(isValidIsoDate('2000-02-29'))
})
