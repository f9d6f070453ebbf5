/**
 * Properties of the timeline on random portfolios (fast-check):
 * - on any date of the window, each person's figures (its last point on or before that date) are
 *   what the snapshot computes as of that date from the positions then, the note series' part
 *   computed by the snapshot's own ledger as of that date (not the timeline's one ledger);
 * - at most one unfiled amendment per person;
 * - every obligation's deadline is the filing-deadline operation's for its event.
 */
import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import t from 'tap'
import { addDays, daysBetween } from '../../src/domain/time/dates.js'
import { computeBeneficialOwnership } from '../../src/domain/ownership/beneficial-ownership.js'
import { computeFilingDeadline } from '../../src/domain/ownership/filing-deadline.js'
import { computeTimeline, type TimelineRequest } from '../../src/domain/ownership/timeline.js'

const SERIES = JSON.parse(
  readFileSync(new URL('../../examples/ownership-timeline-2025.request.json', import.meta.url), 'utf8'),
).value.noteSeries

/** Two windows: one across 2024-02-05 (both deadline regimes), one over the note series' life. */
const WINDOWS = [
  { from: '2023-10-02', to: '2024-09-30', series: false },
  { from: '2025-01-03', to: '2026-12-31', series: true },
] as const

const timelines: fc.Arbitrary<TimelineRequest> = fc
  .record({
    window: fc.constantFrom(...WINDOWS),
    holders: fc.array(
      fc.record({
        common: fc.integer({ min: 0, max: 800_000 }),
        trades: fc.array(
          fc.record({ day: fc.integer({ min: 1, max: 700 }), shares: fc.integer({ min: -400_000, max: 400_000 }) }),
          {
            maxLength: 5,
          },
        ),
        warrant: fc.option(
          fc.record({
            shares: fc.integer({ min: 0, max: 500_000 }),
            from: fc.integer({ min: 0, max: 400 }),
            life: fc.integer({ min: 0, max: 400 }),
          }),
          { nil: undefined },
        ),
        part: fc.option(fc.constantFrom('100000.00', '400000.00', '600000.00'), { nil: undefined }),
      }),
      { minLength: 1, maxLength: 4 },
    ),
    persons: fc.array(fc.uniqueArray(fc.nat({ max: 3 }), { minLength: 1, maxLength: 3 }), { maxLength: 2 }),
    counts: fc.array(
      fc.record({ day: fc.integer({ min: 1, max: 700 }), extra: fc.integer({ min: 0, max: 20_000_000 }) }),
      {
        maxLength: 3,
      },
    ),
    extra: fc.integer({ min: 1, max: 20_000_000 }),
    filings: fc.array(
      fc.record({
        day: fc.integer({ min: -20, max: 700 }),
        amendment: fc.boolean(),
        who: fc.nat({ max: 5 }),
        reported: fc.option(fc.integer({ min: 0, max: 3_000_000 }), { nil: undefined }),
      }),
      { maxLength: 5 },
    ),
  })
  .map(({ window, holders, persons, counts, extra, filings }) => {
    const span = daysBetween(window.from, window.to)
    const day = (d: number) => addDays(window.from, Math.min(d, span))
    let maxCommon = 0
    const hs = holders.map((h, i) => {
      // Trades in date order, sales clamped so that no position goes below zero.
      let position = h.common
      let peak = position
      const transactions = [...h.trades]
        .sort((a, b) => a.day - b.day)
        .map((tr) => {
          const shares = Math.max(tr.shares, -position)
          position += shares
          peak = Math.max(peak, position)
          return { date: day(tr.day), commonShares: shares }
        })
      maxCommon += peak
      return {
        id: `h${i}`,
        name: `Holder ${i}`,
        commonShares: h.common,
        transactions,
        warrants:
          h.warrant === undefined
            ? []
            : [
                {
                  shares: h.warrant.shares,
                  exercisableFrom: day(h.warrant.from),
                  expiresOn: day(h.warrant.from + h.warrant.life),
                },
              ],
        convertibles:
          window.series && h.part !== undefined ? [{ noteSeriesPrincipal: h.part, conversionPrice: '1.00' }] : [],
      }
    })
    const ids = [...hs.map((h) => h.id)]
    const ps = persons.map((targets, i) => ({
      id: `p${i}`,
      name: `Person ${i}`,
      controls: targets.filter((x) => x < hs.length).map((x) => ({ id: `h${x}` })),
    }))
    ids.push(...ps.map((p) => p.id))
    const sharesOutstanding = [
      { from: window.from, shares: maxCommon + extra },
      ...[...new Set(counts.map((c) => c.day))]
        .sort((a, b) => a - b)
        .map((d) => ({ from: day(d), shares: maxCommon + 1 + (counts.find((c) => c.day === d)!.extra ?? 0) })),
    ].filter((c, i, all) => i === 0 || c.from > all[i - 1]!.from)
    const filed = new Set<string>()
    const fs = [...filings]
      .sort((a, b) => a.day - b.day)
      .map((f) => {
        const id = ids[f.who % ids.length]!
        const kind = f.amendment && filed.has(id) ? ('amendment' as const) : ('initial' as const)
        filed.add(id)
        return {
          filedOn: addDays(window.from, Math.min(f.day, span)),
          kind,
          persons: [id],
          ...(f.reported !== undefined ? { reported: { [id]: { aggregate: f.reported } } } : {}),
        }
      })
    return {
      from: window.from,
      to: window.to,
      sharesOutstanding,
      holders: hs,
      persons: ps,
      filings: fs,
      ...(window.series ? { noteSeries: SERIES } : {}),
    }
  })

const FIGURES = [
  'aggregate',
  'common',
  'issuableOnConversion',
  'issuableOnExercise',
  'percent',
  'percentOfOutstanding',
  'moreThanFivePercent',
] as const

t.test("on any date, a person's figures are the snapshot's", async (t) => {
  fc.assert(
    fc.property(timelines, fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), (req, picks) => {
      const result = computeTimeline(req)
      const span = daysBetween(req.from, req.to)
      const counts = req.sharesOutstanding as { from: string; shares: number }[]
      for (const pick of picks) {
        const asOf = addDays(req.from, pick % (span + 1))
        const snapshot = computeBeneficialOwnership({
          asOf,
          sharesOutstanding: counts.filter((c) => c.from <= asOf).at(-1)!.shares,
          holders: req.holders.map(({ transactions, ...h }) => ({
            ...h,
            commonShares: (transactions ?? [])
              .filter((x) => x.date <= asOf)
              .reduce((s, x) => s + x.commonShares, h.commonShares),
          })),
          persons: req.persons ?? [],
          ...(req.noteSeries !== undefined ? { noteSeries: req.noteSeries } : {}),
        })
        for (const row of snapshot.persons) {
          const points = result.persons.find((p) => p.id === row.id)!.points
          const point = points.filter((p) => p.date <= asOf).at(-1)!
          for (const f of FIGURES) if (point[f] !== row[f]) return false
        }
      }
      return true
    }),
    { numRuns: 40 },
  )
  t.pass('checked')
})

t.test('at most one unfiled amendment per person, and every deadline is the filing-deadline answer', async (t) => {
  fc.assert(
    fc.property(timelines, (req) => {
      const result = computeTimeline(req)
      for (const person of result.persons) {
        const unfiled = result.obligations.filter(
          (o) => o.person === person.id && o.kind === 'amendment' && o.filedOn === undefined,
        )
        if (unfiled.length > 1) return false
      }
      for (const o of result.obligations) {
        const answer = computeFilingDeadline({
          event: { date: o.eventDate, kind: o.kind === 'initial' ? 'crossed-five-percent' : 'material-change' },
        })
        if (answer.deadline !== o.deadline || answer.rule !== o.rule) return false
        if (o.status === 'filed-late' && !(o.businessDaysLate! > 0 && o.filedOn! > o.deadline!)) return false
        if (o.status === 'overdue' && !(o.deadline !== null && o.deadline < req.to)) return false
      }
      return true
    }),
    { numRuns: 60 },
  )
  t.pass('checked')
})

t.test(
  'filings match, in date order, the earliest open obligation of their kind; crossings are the points',
  async (t) => {
    fc.assert(
      fc.property(timelines, (req) => {
        const result = computeTimeline(req)
        // Matching, written literally over the obligations the timeline found.
        const open = result.obligations.map((o) => ({ o, filedOn: undefined as string | undefined }))
        const filings = (req.filings ?? []).map((f, i) => ({ f, i }))
        filings.sort((a, b) => (a.f.filedOn < b.f.filedOn ? -1 : a.f.filedOn > b.f.filedOn ? 1 : a.i - b.i))
        for (const { f } of filings) {
          for (const id of f.persons) {
            const candidates = open.filter(
              (x) => x.o.person === id && x.o.kind === f.kind && x.filedOn === undefined && x.o.eventDate <= f.filedOn,
            )
            candidates.sort((a, b) => (a.o.eventDate < b.o.eventDate ? -1 : a.o.eventDate > b.o.eventDate ? 1 : 0))
            // An obligation whose event comes after the filing cannot have been met by it.
            if (candidates[0] !== undefined && candidates[0].o.eventDate <= f.filedOn) candidates[0].filedOn = f.filedOn
          }
        }
        for (const x of open) if (x.o.filedOn !== x.filedOn) return false
        // Every move of a person's exact ratio across 5% between two points is an event, and no other.
        for (const person of result.persons) {
          const crossings = person.points.flatMap((p, i) => {
            const before = i === 0 ? false : person.points[i - 1]!.moreThanFivePercent
            if (p.moreThanFivePercent === before) return []
            return [
              `${p.date} ${p.moreThanFivePercent ? 'crossed-above-five-percent' : 'fell-to-five-percent-or-below'}`,
            ]
          })
          const events = result.events
            .filter((e) => e.person === person.id && e.kind !== 'material-change')
            .map((e) => `${e.date} ${e.kind}`)
          const reportingBefore = (req.filings ?? []).some((f) => f.filedOn < req.from && f.persons.includes(person.id))
          const expected = reportingBefore ? crossings.filter((c) => !c.startsWith(`${req.from} crossed`)) : crossings
          if (JSON.stringify(expected) !== JSON.stringify(events)) return false
        }
        return true
      }),
      { numRuns: 60 },
    )
    t.pass('checked')
  },
)
