/**
 * Deterministic, varied scenario requests for the benchmark: a treasury's book of convertible
 * notes in every state (performing, noticed, cured in time or late, redeemed in whole or in
 * part, paid on time or late), over every calendar, day count and interest frequency.
 *
 * Every request is valid and consistent (no 400, no 422), so each item costs a full computation.
 */
import { addDays, addMonths, fromEpochDay, toEpochDay, type IsoDate } from '../src/domain/time/dates.js'
import type { ScenarioRequest } from '../src/domain/inputs.js'

/** mulberry32: a small seeded PRNG, so every run benchmarks the same notes. */
export function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const CALENDARS = ['us-fed', 'us-settlement', 'us-nyse', 'us-government-bond', 'weekends-only'] as const
const DAY_COUNTS = [
  '30-360-us',
  '30-360-bond-basis',
  '30e-360',
  '30e-360-isda',
  'act-360',
  'act-365-fixed',
  'act-act-isda',
] as const
const FREQUENCIES = ['monthly', 'quarterly', 'semiannual', 'annual'] as const
const MONTHS = { monthly: 1, quarterly: 3, semiannual: 6, annual: 12 } as const
const METHODS = ['personal', 'facsimile', 'email', 'overnight-courier', 'mail'] as const

/** `count` varied scenario requests (the same ones for the same seed). */
export function variedNotes(count: number, seed = 2008): ScenarioRequest[] {
  const rnd = prng(seed)
  const int = (lo: number, hi: number): number => lo + Math.floor(rnd() * (hi - lo + 1))
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!
  const money = (lo: number, hi: number): string => (int(lo, hi) * 1000 + int(0, 99) / 100).toFixed(2)
  const rate = (percent: number): string => String(Math.round(percent * 100) / 10000)
  const notes: ScenarioRequest[] = []
  for (let i = 0; i < count; i++) {
    const issueDate = fromEpochDay(toEpochDay('2000-01-03') + int(0, 7300))
    const years = int(1, 10)
    const maturityDate = addMonths(issueDate, 12 * years)
    const frequency = pick(FREQUENCIES)
    const cashRate = int(4, 10)
    const noteRate = cashRate + int(0, 3)
    const principal = money(100, 20_000)
    const life = toEpochDay(maturityDate) - toEpochDay(issueDate)
    const noticeDay = toEpochDay(issueDate) + int(30, life - 30)
    const notice: IsoDate = fromEpochDay(noticeDay)
    const kind = rnd()
    const events: NonNullable<ScenarioRequest['events']> = {}
    let asOf = addDays(notice, int(45, 400))
    if (kind < 0.2) {
      // performing: the ledger runs to asOf
      asOf = fromEpochDay(noticeDay)
    } else {
      events.noticeOfDefault = {
        sentAt:
          rnd() < 0.3
            ? `${notice}T${String(int(8, 20)).padStart(2, '0')}:${String(int(0, 59)).padStart(2, '0')}:00-05:00`
            : notice,
        methods: [pick(METHODS), ...(rnd() < 0.5 ? [] : ['overnight-courier' as const])].filter(
          (m, k, all) => all.indexOf(m) === k,
        ),
      }
      if (kind < 0.4) {
        events.curedOn = addDays(notice, int(1, 5)) // within the cure period
      } else if (kind < 0.5) {
        events.curedOn = addDays(notice, int(40, 120)) // after the Event of Default
      } else {
        const electionDate = addDays(notice, int(0, 60))
        events.redemptionElection = { date: electionDate, portion: pick(['1.00', '1.00', '0.5', '0.25']) }
        const p = rnd()
        // paid soon after the Event of Default, or months later (with or without a late charge)
        if (p < 0.3) events.paymentDate = addDays(electionDate, 35)
        else if (p < 0.5) events.paymentDate = addDays(electionDate, int(60, 120))
      }
    }
    const request: ScenarioRequest = {
      note: {
        id: `bench-${seed}-${i}`,
        principal,
        issueDate,
        maturityDate,
        calendar: pick(CALENDARS),
        interest: {
          cashRate: rate(cashRate),
          noteRate: rate(noteRate),
          defaultCashRate: rate(cashRate + 4),
          defaultNoteRate: rate(noteRate + 5),
          dayCount: pick(DAY_COUNTS),
          interestDates: { frequency, firstDate: addMonths(issueDate, MONTHS[frequency]) },
          paymentForm: rnd() < 0.5 ? 'notes' : 'cash',
          accruedInterestForm: rnd() < 0.8 ? 'cash' : 'notes',
        },
        cure: { businessDays: pick([5, 10, 10, 15]) },
        redemption: {
          premium: pick(['1.00', '1.00', '1.10', '1.25']),
          paymentBusinessDays: pick([3, 5, 10]),
          lateChargeRate: rnd() < 0.5 ? null : '0.18',
        },
      },
      spa: {
        closingDate: issueDate,
        covenant: {
          section: '4(i)',
          period: { count: int(3, 30), unit: rnd() < 0.5 ? 'business-days' : 'calendar-days' },
        },
      },
      events,
      asOf,
    }
    if (rnd() < 0.15)
      request.note.principalPayments = [
        { date: addMonths(issueDate, int(1, 11)), amount: (Number(principal) / 10).toFixed(2) },
      ]
    if (rnd() < 0.1) request.note.extraHolidays = [addDays(notice, 1), addDays(notice, 2)]
    notes.push(request)
  }
  return notes
}

/**
 * The case's note over `years` years with the interest frequency given, noticed in default
 * two months before maturity and redeemed, so that its ledger covers (nearly) every period:
 * for the scaling measurement.
 */
export function longNote(years: number, frequency: keyof typeof MONTHS): ScenarioRequest {
  const issueDate = '2007-01-03'
  const maturityDate = addMonths(issueDate, 12 * years)
  const notice = addDays(maturityDate, -60)
  return {
    note: {
      id: `scaling-${years}y-${frequency}`,
      principal: '1000000.00',
      issueDate,
      maturityDate,
      calendar: 'us-fed',
      interest: {
        dayCount: '30-360-us',
        interestDates: { frequency, firstDate: addMonths(issueDate, MONTHS[frequency]) },
        paymentForm: 'notes',
      },
    },
    spa: { closingDate: issueDate },
    events: { noticeOfDefault: { sentAt: notice, methods: ['facsimile'] }, redemptionElection: { date: notice } },
    asOf: addDays(notice, 30),
  }
}
