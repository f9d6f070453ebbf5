/**
 * Invariants of the lifecycle over random notes and events (fast-check).
 */
import t from 'tap'
import fc from 'fast-check'

// Reproducible runs: a failure in CI can be replayed locally.
fc.configureGlobal({ seed: 20081015 })
import { Decimal } from '../../src/domain/decimal.js'
import { ContradictionError } from '../../src/domain/explain.js'
import { computeScenario } from '../../src/domain/scenario.js'
import { addDays, fromEpochDay, toEpochDay } from '../../src/domain/time/dates.js'
import type { ScenarioRequest } from '../../src/domain/inputs.js'

const day = (from: string, to: string) => fc.integer({ min: toEpochDay(from), max: toEpochDay(to) }).map(fromEpochDay)
const rate = fc.integer({ min: 0, max: 2000 }).map((bp) => new Decimal(bp).div(10000).toString())
const money = fc
  .bigInt({ min: 100000n, max: 10000000000n })
  .map((cents) => new Decimal(cents.toString()).div(100).toFixed(2))

/** A note with a notice, maybe a cure, maybe an election and a payment. */
const scenario: fc.Arbitrary<ScenarioRequest> = fc
  .record({
    issueDate: day('1990-01-01', '2040-12-31'),
    years: fc.integer({ min: 1, max: 8 }),
    firstOffset: fc.integer({ min: 1, max: 200 }),
    frequency: fc.constantFrom('monthly', 'quarterly', 'semiannual', 'annual' as const),
    principal: money,
    cashRate: rate,
    noteRate: rate,
    defaultCashRate: rate,
    defaultNoteRate: rate,
    dayCount: fc.constantFrom('30-360-us', 'act-360', 'act-365-fixed', 'act-act-isda', '30e-360' as const),
    calendar: fc.constantFrom('us-fed', 'us-settlement', 'us-nyse' as const),
    paymentForm: fc.constantFrom('cash', 'notes' as const),
    accruedInterestForm: fc.constantFrom('cash', 'notes' as const),
    noticeOffset: fc.integer({ min: 0, max: 600 }),
    sentHour: fc.option(fc.integer({ min: 0, max: 23 })),
    methods: fc.uniqueArray(fc.constantFrom('personal', 'facsimile', 'email', 'overnight-courier', 'mail' as const), {
      minLength: 1,
      maxLength: 5,
    }),
    cureOffset: fc.option(fc.integer({ min: 20, max: 60 })),
    electionOffset: fc.integer({ min: -10, max: 15 }),
    portion: fc.integer({ min: 1, max: 100 }).map((p) => new Decimal(p).div(100).toFixed(2)),
    paymentOffset: fc.option(fc.integer({ min: 0, max: 30 })),
    lateChargeRate: fc.option(rate),
    premium: fc.integer({ min: 100, max: 130 }).map((p) => new Decimal(p).div(100).toFixed(2)),
  })
  .map((g): ScenarioRequest => {
    const maturityDate = addDays(g.issueDate, 365 * g.years)
    const sentDate = addDays(g.issueDate, g.noticeOffset)
    const sentAt = g.sentHour === null ? sentDate : `${sentDate}T${String(g.sentHour).padStart(2, '0')}:15:00-05:00`
    const electionDate = addDays(sentDate, 14 + g.electionOffset)
    return {
      note: {
        principal: g.principal,
        issueDate: g.issueDate,
        maturityDate,
        calendar: g.calendar,
        interest: {
          cashRate: g.cashRate,
          noteRate: g.noteRate,
          defaultCashRate: g.defaultCashRate,
          defaultNoteRate: g.defaultNoteRate,
          dayCount: g.dayCount,
          interestDates: { frequency: g.frequency, firstDate: addDays(g.issueDate, g.firstOffset) },
          paymentForm: g.paymentForm,
          accruedInterestForm: g.accruedInterestForm,
        },
        redemption: { premium: g.premium, lateChargeRate: g.lateChargeRate },
      },
      events: {
        noticeOfDefault: { sentAt, methods: g.methods },
        curedOn: g.cureOffset === null ? null : addDays(sentDate, g.cureOffset),
        redemptionElection: { date: electionDate, portion: g.portion },
        paymentDate: g.paymentOffset === null ? null : addDays(electionDate, g.paymentOffset + 10),
      },
      asOf: addDays(sentDate, 90),
    }
  })

/** Runs a scenario; contradictory draws (an election after a cure...) are 422s, not failures. */
function run(req: ScenarioRequest) {
  try {
    return computeScenario(req)
  } catch (e) {
    if (e instanceof ContradictionError) return null
    throw e
  }
}

const total = (xs: string[]) => xs.reduce((s, x) => s.plus(x), new Decimal(0))

t.test('breakdowns add up to their totals to the cent', async (t) => {
  fc.assert(
    fc.property(scenario, (req) => {
      const r = run(req)
      if (r === null) return
      const rows = r.interestLedger
      const totals = r.interest.totals
      t.ok(total(rows.map((x) => x.amount)).eq(totals.interest))
      t.ok(new Decimal(totals.normal).plus(totals.default).eq(totals.interest))
      t.ok(new Decimal(totals.capitalized).plus(totals.cashPaid).plus(totals.accrued).eq(totals.interest))
      t.ok(
        new Decimal(r.interest.principal)
          .plus(totals.capitalized)
          .minus(r.interest.principalPaid)
          .eq(r.interest.outstandingPrincipal),
      )
      const red = r.redemption
      if (red !== null) {
        t.ok(new Decimal(red.accruedInterest.base).plus(red.accruedInterest.default).eq(red.accruedInterest.total))
        t.ok(total(red.accruedInterest.rows.map((x) => x.amount)).eq(red.accruedInterest.total))
        t.ok(
          new Decimal(red.redeemedPrincipal)
            .plus(red.accruedInterest.total)
            .plus(red.premiumAmount)
            .eq(red.redemptionPrice),
        )
        t.ok(new Decimal(red.redemptionPrice).plus(red.lateCharge).eq(red.totalDue))
        for (const m of [red.redemptionPrice, red.totalDue, red.perDiem, red.lateCharge]) t.match(m, /^\d+\.\d{2}$/)
      }
    }),
    { numRuns: 300 },
  )
})

t.test('redeeming portion 1 redeems the whole outstanding principal', async (t) => {
  fc.assert(
    fc.property(scenario, (req) => {
      req.events!.redemptionElection!.portion = '1.00'
      const red = run(req)?.redemption
      if (red) t.equal(red.redeemedPrincipal, red.outstandingPrincipal)
    }),
    { numRuns: 200 },
  )
})

t.test(
  'a scenario never refuses an election for want of an Event of Default: void exactly when no redemption',
  async (t) => {
    let voids = 0
    fc.assert(
      fc.property(scenario, (req) => {
        let r
        try {
          r = computeScenario(req)
        } catch (e) {
          if (!(e instanceof ContradictionError)) throw e
          t.notOk(
            e.errors.some((x) =>
              /no Event of Default|cure of the Event of Default|the day it was cured/.test(x.detail),
            ),
            'not refused as void',
          )
          return
        }
        const standing = r.redemptionElection!
        t.equal(standing.status === 'void', r.redemption === null)
        t.equal(
          standing.status === 'void',
          r.warnings.some((w) => w.code === 'election-void'),
        )
        if (standing.status === 'void') voids++
        else t.equal(standing.effectiveDate, r.redemption!.electionEffectiveDate)
      }),
      { numRuns: 300 },
    )
    t.ok(voids > 0, 'the draws include void elections')
  },
)

t.test('days late are actual days from the due date to the payment', async (t) => {
  fc.assert(
    fc.property(scenario, (req) => {
      const red = run(req)?.redemption
      if (!red || red.paymentDate === null) return
      const late =
        red.paymentDate > red.paymentDueDate ? toEpochDay(red.paymentDate) - toEpochDay(red.paymentDueDate) : 0
      t.equal(red.lateChargeDays, late)
    }),
    { numRuns: 200 },
  )
})

t.test('interest notes never decrease the principal', async (t) => {
  fc.assert(
    fc.property(scenario, (req) => {
      req.note.interest!.paymentForm = 'notes'
      const r = run(req)
      if (r === null) return
      const principals = r.interestLedger.map((x) => new Decimal(x.principal))
      principals.forEach((p, i) => i === 0 || t.ok(p.gte(principals[i - 1]!)))
    }),
    { numRuns: 200 },
  )
})

t.test('with default rates equal to the normal rates the increment is zero and nothing changes', async (t) => {
  fc.assert(
    fc.property(scenario, (req) => {
      const i = req.note.interest!
      i.defaultCashRate = i.cashRate
      i.defaultNoteRate = i.noteRate
      const r = run(req)
      if (r === null) return
      t.equal(r.interest.totals.defaultInterestIncrement, '0.00')
      if (r.redemption) t.equal(r.redemption.defaultInterestIncrement, '0.00')
      const noDefault = run({
        ...req,
        events: { ...req.events, noticeOfDefault: null, curedOn: null, redemptionElection: null, paymentDate: null },
      })
      // Without a redemption (a void election) and without an Event of Default (cured in time) the
      // ledger is the one of no default at all; an Event of Default splits rows, and so the cents.
      if (noDefault && r.redemption === null && r.eventOfDefault.date === null)
        t.equal(r.interest.totals.interest, noDefault.interest.totals.interest)
    }),
    { numRuns: 200 },
  )
})

t.test('answers do not depend on the process time zone', async (t) => {
  const saved = process.env.TZ
  try {
    fc.assert(
      fc.property(scenario, (req) => {
        const answers = ['UTC', 'Pacific/Kiritimati', 'America/Los_Angeles', 'Asia/Kolkata'].map((tz) => {
          process.env.TZ = tz
          try {
            return JSON.stringify(computeScenario(req))
          } catch (e) {
            return JSON.stringify((e as ContradictionError).errors)
          }
        })
        t.ok(answers.every((a) => a === answers[0]))
      }),
      { numRuns: 100 },
    )
  } finally {
    if (saved === undefined) delete process.env.TZ
    else process.env.TZ = saved
  }
})
