/**
 * POST /v1/beneficial-ownership/timeline: each reporting person's figures through a window, the
 * crossings of 5%, the material changes against the last filing, and the filings they make due
 * (Rules 13d-1(a) and 13d-2(a)), matched to the filings given. See docs/ownership.md, "Through time".
 *
 * The figures on each date are the snapshot's (computeBeneficialOwnership with asOf = that date and
 * the positions as of it), so a timeline and a snapshot never disagree: only the dates on which
 * an input can move a figure are computed.
 */
import { getCalendar } from '../time/calendars/index.js'
import { addDays, addMonths, daysBetween, type IsoDate } from '../time/dates.js'
import { Decimal, ZERO } from '../decimal.js'
import { ContradictionError, Contradictions, Explanation, type Warning } from '../explain.js'
import type { ScenarioRequest } from '../inputs.js'
import {
  computeBeneficialOwnership,
  MAX_NOTE_SERIES_PARTS,
  type BeneficialOwnershipRequest,
  type OwnershipHolderInput,
  type PersonInput,
} from './beneficial-ownership.js'
import { checkControlGraph, reachedHolders } from './control-graph.js'
import {
  conversionShares,
  DEFAULT_CONVERSION_SHARE_ROUNDING,
  type ConversionShareRounding,
} from './conversion-shares.js'
import { filingDeadline, FILING_CALENDAR } from './filing-deadline.js'
import { outstandingOn, seriesPath, type SeriesPath, type SeriesPosition } from './note-series.js'
import { acquisitionStatus, RIGHT_TO_ACQUIRE_DAYS } from './right-to-acquire.js'

export type Cause =
  'interest-notes' | 'redemption' | 'transaction' | 'right-enters-window' | 'right-expires' | 'outstanding-changed'

/** The order causes are listed in: the contract's own (OwnershipCause). */
const CAUSES: readonly Cause[] = [
  'interest-notes',
  'redemption',
  'transaction',
  'right-enters-window',
  'right-expires',
  'outstanding-changed',
]

export interface Transaction {
  date: IsoDate
  /** signed: bought +, sold - */
  commonShares: number
}

export interface TimelineHolderInput extends OwnershipHolderInput {
  transactions?: Transaction[]
}

export interface OutstandingFrom {
  from: IsoDate
  shares: number
}

export interface FilingInput {
  filedOn: IsoDate
  kind: 'initial' | 'amendment'
  persons: string[]
  eventDate?: IsoDate
  reported?: Record<string, { aggregate?: number }>
}

export interface TimelineRequest {
  from: IsoDate
  to: IsoDate
  sharesOutstanding: number | OutstandingFrom[]
  holders: TimelineHolderInput[]
  persons?: PersonInput[]
  noteSeries?: ScenarioRequest
  filings?: FilingInput[]
  extraHolidays?: IsoDate[]
  conversionShareRounding?: ConversionShareRounding
}

export interface TimelinePoint {
  date: IsoDate
  causes: Cause[]
  aggregate: number
  common: number
  issuableOnConversion: number
  issuableOnExercise: number
  percent: string
  percentOfOutstanding: string
  moreThanFivePercent: boolean
}

export type EventKind = 'crossed-above-five-percent' | 'fell-to-five-percent-or-below' | 'material-change'

export interface TimelineEvent {
  date: IsoDate
  person: string
  kind: EventKind
  /** what the change is measured from: the last filing's figure, else the person's previous point */
  baseline: { date: IsoDate; aggregate: number } | null
  change: { shares: number; percentOfClass: string }
  causes: Cause[]
}

export type ObligationStatus = 'filed-on-time' | 'filed-late' | 'filed' | 'open' | 'overdue'

export interface Obligation {
  person: string
  kind: 'initial' | 'amendment'
  rule: 'Rule 13d-1(a)' | 'Rule 13d-2(a)'
  regime: 'amended-2024' | 'before-2024-02-05'
  /** what made it due */
  reason: EventKind
  eventDate: IsoDate
  /** null: "promptly" (a material change before 2024-02-05) */
  deadline: IsoDate | null
  status: ObligationStatus
  filedOn?: IsoDate
  businessDaysLate?: number
  daysAfterEvent?: number
}

/** The longest window, in years (a named parameter; the contract says the same). */
export const MAX_WINDOW_YEARS = 50
/** Dates on which some input moves (transactions, Interest Dates, rights, the issuer's count). */
export const MAX_TIMELINE_DATES = 2000
/** Points in one answer, all persons together (about 200 bytes each). */
export const MAX_TIMELINE_POINTS = 100_000

const n = (x: number): string => x.toLocaleString('en-US')

/** 100 x shares / outstanding, rounded half-up to two decimals, signed. */
function signedPercent(shares: number, outstanding: number): string {
  const a = BigInt(Math.abs(shares)) * 10_000n
  const d = BigInt(outstanding)
  const hundredths = (2n * a + d) / (2n * d)
  const text = `${hundredths / 100n}.${(hundredths % 100n).toString().padStart(2, '0')}`
  return shares < 0 && hundredths > 0n ? `-${text}` : text
}

interface PersonState {
  /** figures on the last date computed */
  last: TimelinePoint | null
  points: TimelinePoint[]
  /** a filing since the person last exceeded 5% (or since its exit): amendments apply */
  reporting: boolean
  baseline: { date: IsoDate; aggregate: number } | null
  openAmendment: Obligation | null
}

/** Throws the contradictions of the request's own shape: dates, counts, filings. */
function checkRequest(req: TimelineRequest, ids: Set<string>): void {
  const problems = new Contradictions()
  if (req.from > req.to) problems.add('/from', `is after to (${req.to})`)
  const latest = addMonths(req.from, 12 * MAX_WINDOW_YEARS)
  if (req.to > latest)
    problems.add(
      '/to',
      `is more than ${MAX_WINDOW_YEARS} years after from (${req.from}): the last date allowed is ${latest}`,
    )
  if (Array.isArray(req.sharesOutstanding)) {
    const counts = req.sharesOutstanding
    if (counts.length > 0 && counts[0]!.from > req.from)
      problems.add(
        '/sharesOutstanding/0/from',
        `is after from (${req.from}): the first count must be in force on the window's first day`,
      )
    counts.forEach((c, i) => {
      if (i > 0 && c.from <= counts[i - 1]!.from)
        problems.add(
          `/sharesOutstanding/${i}/from`,
          c.from === counts[i - 1]!.from
            ? `repeats the date of the count before it (${c.from})`
            : `precedes the count before it (${counts[i - 1]!.from}): give the counts in date order`,
        )
    })
  }
  req.holders.forEach((h, i) => {
    const byDate = new Map<IsoDate, number>()
    ;(h.transactions ?? []).forEach((t, j) => {
      const at = `/holders/${i}/transactions/${j}`
      if (t.date <= req.from)
        problems.add(`${at}/date`, `is not after from (${req.from}): commonShares is the position on from`)
      else if (t.date > req.to) problems.add(`${at}/date`, `is after to (${req.to})`)
      else byDate.set(t.date, (byDate.get(t.date) ?? 0) + t.commonShares)
    })
    let position = h.commonShares
    for (const date of [...byDate.keys()].sort()) {
      position += byDate.get(date)!
      if (position < 0) {
        const j = h.transactions!.findIndex((t) => t.date === date)
        problems.add(
          `/holders/${i}/transactions/${j}/commonShares`,
          `leaves ${h.id} with ${n(position)} shares of common stock on ${date}: a holder cannot sell more ` +
            'than it holds',
        )
        break
      }
    }
  })
  const filed = new Set<string>()
  const order = (req.filings ?? [])
    .map((f, i) => ({ f, i }))
    .sort((a, b) => (a.f.filedOn < b.f.filedOn ? -1 : a.f.filedOn > b.f.filedOn ? 1 : a.i - b.i))
  for (const { f, i } of order) {
    const at = `/filings/${i}`
    if (f.filedOn > req.to) problems.add(`${at}/filedOn`, `is after to (${req.to})`)
    if (f.eventDate !== undefined && f.eventDate > f.filedOn)
      problems.add(`${at}/eventDate`, `is after the filing's own date (${f.filedOn})`)
    const named = new Set<string>()
    f.persons.forEach((id, j) => {
      if (!ids.has(id)) problems.add(`${at}/persons/${j}`, `no holder or person has the id "${id}"`)
      else if (named.has(id)) problems.add(`${at}/persons/${j}`, `names "${id}" twice`)
      else if (f.kind === 'amendment' && !filed.has(id))
        problems.add(
          `${at}/kind`,
          `is an amendment for "${id}", who has no filing before it: an amendment amends an earlier Schedule 13D`,
        )
      named.add(id)
    })
    for (const id of Object.keys(f.reported ?? {})) {
      if (!named.has(id))
        problems.add(
          `${at}/reported/${id.replace(/~/g, '~0').replace(/\//g, '~1')}`,
          `"${id}" is not one of the filing's persons`,
        )
    }
    for (const id of named) filed.add(id)
  }
  problems.throwIfAny()
}

export function computeTimeline(req: TimelineRequest) {
  const explanation = new Explanation()
  const persons = req.persons ?? []
  const ids = new Set([...req.holders.map((h) => h.id), ...persons.map((p) => p.id)])
  checkRequest(req, ids)
  const calendar = getCalendar(FILING_CALENDAR, req.extraHolidays ?? [])
  const counts: OutstandingFrom[] = Array.isArray(req.sharesOutstanding)
    ? req.sharesOutstanding
    : [{ from: req.from, shares: req.sharesOutstanding }]
  /** index of the count in force on `date` */
  const countIndexOn = (date: IsoDate): number => {
    let k = 0
    while (k + 1 < counts.length && counts[k + 1]!.from <= date) k++
    return k
  }

  // The dates on which an input moves, and the causes by holder.
  const causes = new Map<IsoDate, Map<string, Set<Cause>>>()
  const mark = (date: IsoDate, holder: string, cause: Cause): void => {
    if (date <= req.from || date > req.to) return
    let byHolder = causes.get(date)
    if (byHolder === undefined) causes.set(date, (byHolder = new Map<string, Set<Cause>>()))
    let set = byHolder.get(holder)
    if (set === undefined) byHolder.set(holder, (set = new Set()))
    set.add(cause)
  }
  const OUTSTANDING = '' // the issuer, under an id no holder can have
  // A count equal to the one before it changes nothing: no cause.
  counts.forEach((c, i) => {
    if (i === 0 || c.shares !== counts[i - 1]!.shares) mark(c.from, OUTSTANDING, 'outstanding-changed')
  })

  const parts = req.holders.flatMap((h, i) =>
    (h.convertibles ?? []).flatMap((c, j) =>
      c.noteSeriesPrincipal !== undefined ? [`/holders/${i}/convertibles/${j}`] : [],
    ),
  )
  if (parts.length > MAX_NOTE_SERIES_PARTS) {
    throw new ContradictionError([
      {
        pointer: `${parts[MAX_NOTE_SERIES_PARTS]}/noteSeriesPrincipal`,
        detail: `at most ${MAX_NOTE_SERIES_PARTS} convertibles in a request may be parts of the note series`,
      },
    ])
  }
  const paths = new Map<string, SeriesPath>()
  const pathOf = (principal: string): SeriesPath => {
    let p = paths.get(principal)
    if (p === undefined) paths.set(principal, (p = seriesPath(req.noteSeries!, principal, req.to)))
    return p
  }
  const window = (holder: string, exercisableFrom?: IsoDate, expiresOn?: IsoDate): void => {
    if (exercisableFrom !== undefined)
      mark(addDays(exercisableFrom, -RIGHT_TO_ACQUIRE_DAYS), holder, 'right-enters-window')
    if (expiresOn !== undefined) mark(addDays(expiresOn, 1), holder, 'right-expires')
  }
  const rounding = req.conversionShareRounding ?? DEFAULT_CONVERSION_SHARE_ROUNDING
  for (const h of req.holders) {
    // A cause is what moved a figure: trades that net to nothing on their day move none.
    const net = new Map<IsoDate, number>()
    for (const t of h.transactions ?? []) net.set(t.date, (net.get(t.date) ?? 0) + t.commonShares)
    for (const [date, shares] of net) if (shares !== 0) mark(date, h.id, 'transaction')
    for (const w of h.warrants ?? []) window(h.id, w.exercisableFrom, w.expiresOn)
    for (const c of h.convertibles ?? []) {
      if (c.noteSeriesPrincipal !== undefined && req.noteSeries !== undefined && req.noteSeries.holders === undefined) {
        const path = pathOf(c.noteSeriesPrincipal)
        const expiresOn = c.expiresOn ?? path.maturityDate
        const price = new Decimal(c.conversionPrice ?? '0')
        // Interest notes or a redemption are a cause where they move the part's conversion shares
        // while it counts (a note worth less than a share, or a right outside the window, moves none).
        const shares = (amount: Decimal): Decimal | null =>
          price.gt(0) ? conversionShares(amount, price, rounding) : null
        let before = shares(path.principal)
        for (const s of path.steps) {
          const after = shares(s.outstanding)
          const moves = before === null || after === null || !before.eq(after)
          const counted = acquisitionStatus({ exercisableFrom: c.exercisableFrom, expiresOn }, s.date) === 'counted'
          if (moves && counted) mark(s.date, h.id, s.cause)
          before = after
        }
        window(h.id, c.exercisableFrom, expiresOn)
      } else {
        window(h.id, c.exercisableFrom, c.expiresOn)
      }
    }
  }
  const dates = [req.from, ...[...causes.keys()].sort()]
  if (dates.length > MAX_TIMELINE_DATES) {
    throw new ContradictionError([
      {
        pointer: '/to',
        detail:
          `the window holds ${n(dates.length)} dates on which an input moves (transactions, Interest Dates, rights, ` +
          `share counts); at most ${n(MAX_TIMELINE_DATES)}: shorten the window`,
      },
    ])
  }

  const positionOf = (_series: ScenarioRequest, principal: string, asOf: IsoDate): SeriesPosition => {
    const path = pathOf(principal)
    return {
      issueDate: path.issueDate,
      maturityDate: path.maturityDate,
      principal: path.principal,
      interestNotes: ZERO,
      redeemed: ZERO,
      outstanding: outstandingOn(path, asOf),
      accruedInterest: ZERO,
      redemptionPaidOn: path.redemptionPaidOn !== null && path.redemptionPaidOn <= asOf ? path.redemptionPaidOn : null,
    }
  }

  const nodes = persons.map((p) => ({
    id: p.id,
    controls: p.controls.map((c) => ({ id: c.id, voting: c.voting ?? 'sole', dispositive: c.dispositive ?? 'sole' })),
  }))
  // The graph checked (unknown ids, cycles, duplicates) before it is walked, as the snapshot does.
  const graphProblems = new Contradictions()
  checkControlGraph(
    req.holders.map((h) => h.id),
    nodes,
    graphProblems,
  )
  graphProblems.throwIfAny()
  const reach = reachedHolders(
    req.holders.map((h) => h.id),
    nodes,
  )
  /** the holders whose ownership limit counts other holders' common, and those others */
  const aggregating = req.holders.flatMap((h) => {
    if (h.ownershipLimit === undefined || (h.ownershipLimitAggregatesWith ?? []).length === 0) return []
    const others = new Set<string>()
    for (const id of h.ownershipLimitAggregatesWith!) {
      if (req.holders.some((x) => x.id === id)) others.add(id)
      for (const r of reach.get(id) ?? []) others.add(r.holder)
    }
    others.delete(h.id)
    return [{ id: h.id, others: [...others] }]
  })
  /** holder -> the reporting persons reaching it (itself included) */
  const reaching = new Map<string, string[]>(req.holders.map((h) => [h.id, [h.id]]))
  for (const p of persons) for (const r of reach.get(p.id) ?? []) reaching.get(r.holder)!.push(p.id)

  const states = new Map<string, PersonState>()
  const names = new Map<string, { name: string; kind: 'holder' | 'person' }>()
  for (const h of req.holders) names.set(h.id, { name: h.name, kind: 'holder' })
  for (const p of persons) names.set(p.id, { name: p.name, kind: 'person' })
  for (const id of names.keys())
    states.set(id, { last: null, points: [], reporting: false, baseline: null, openAmendment: null })

  const events: TimelineEvent[] = []
  const obligations: Obligation[] = []
  const snapshotWarnings = new Map<string, Warning>()
  const filings = (req.filings ?? [])
    .map((f, i) => ({ f, i }))
    .sort((a, b) => (a.f.filedOn < b.f.filedOn ? -1 : a.f.filedOn > b.f.filedOn ? 1 : a.i - b.i))
  let nextFiling = 0
  let pointCount = 0

  /** the unfiled obligations of each kind and person, earliest first */
  const openQueues = new Map<string, Obligation[]>()
  const oblige = (person: string, kind: 'initial' | 'amendment', reason: EventKind, date: IsoDate): Obligation => {
    const d = filingDeadline(
      date,
      kind === 'initial' ? 'crossed-five-percent' : 'material-change',
      req.extraHolidays ?? [],
    )
    const beyond = new Contradictions()
    beyond.checkComputedDate(d.deadline, '/to', `the deadline of ${person}'s filing for ${date}`)
    beyond.throwIfAny()
    const o: Obligation = {
      person,
      kind,
      rule: d.rule,
      regime: d.regime,
      reason,
      eventDate: date,
      deadline: d.deadline,
      status: 'open',
    }
    obligations.push(o)
    // Obligations arise in date order, so each queue is in event-date order.
    const key = `${kind}:${person}`
    const queue = openQueues.get(key)
    if (queue === undefined) openQueues.set(key, [o])
    else queue.push(o)
    return o
  }

  /** The person's aggregate on `date` (its last point on or before it; the first point before the window). */
  const aggregateOn = (state: PersonState, date: IsoDate): number => {
    let lo = 1
    let hi = state.points.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (state.points[mid]!.date <= date) lo = mid + 1
      else hi = mid
    }
    return state.points[lo - 1]!.aggregate
  }

  const file = (entry: { f: FilingInput; i: number }): void => {
    const { f } = entry
    for (const id of f.persons) {
      const state = states.get(id)!
      // The earliest open obligation of the filing's kind, if its event is on or before the filing.
      const queue = openQueues.get(`${f.kind}:${id}`)
      const match =
        queue !== undefined && queue.length > 0 && queue[0]!.eventDate <= f.filedOn ? queue.shift() : undefined
      if (match !== undefined) {
        match.filedOn = f.filedOn
        if (match.deadline === null) {
          match.status = 'filed'
          match.daysAfterEvent = daysBetween(match.eventDate, f.filedOn)
        } else if (f.filedOn <= match.deadline) {
          match.status = 'filed-on-time'
        } else {
          match.status = 'filed-late'
          match.businessDaysLate = calendar.businessDaysBetween(match.deadline, f.filedOn)
        }
        if (state.openAmendment === match) state.openAmendment = null
      } else if (f.filedOn >= req.from) {
        explanation.warn(
          'filing-without-obligation',
          `A filing of kind ${f.kind} on ${f.filedOn} (/filings/${entry.i}) names ${id}, for whom no ` +
            `${f.kind === 'initial' ? 'initial Schedule 13D' : 'amendment'} was due on or before that date: ` +
            'it is taken as filed voluntarily and sets the baseline.',
        )
      }
      // The exit amendment ends the reporting: the next crossing needs a new initial filing. Filed
      // while above 5% again, it keeps the person reporting only where no initial filing is due
      // (the issuer's count alone carried it back); an acquisition that did made an initial due,
      // and that filing, not the exit amendment, starts the reporting again.
      const initialDue = (openQueues.get(`initial:${id}`)?.length ?? 0) > 0
      if (
        match?.reason === 'fell-to-five-percent-or-below' &&
        (state.last?.moreThanFivePercent !== true || initialDue)
      ) {
        state.reporting = false
        state.baseline = null
        continue
      }
      state.reporting = true
      const reported = f.reported?.[id]?.aggregate
      const on = f.eventDate ?? match?.eventDate ?? f.filedOn
      state.baseline =
        reported !== undefined
          ? { date: f.filedOn, aggregate: reported }
          : { date: on, aggregate: aggregateOn(state, on) }
    }
  }

  // Each holder's common stock, advanced through its trades as the dates ascend.
  const positions = req.holders.map((h) => ({
    common: h.commonShares,
    next: 0,
    trades: [...(h.transactions ?? [])].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)),
  }))
  // Filings before the window: the persons they name are reporting on its first day.
  const priorFilings: number[] = []
  let prevCountIndex = -1
  for (const date of dates) {
    // Filings between the last date computed and this one, before this date's changes.
    if (date !== req.from) {
      while (nextFiling < filings.length && filings[nextFiling]!.f.filedOn < date) file(filings[nextFiling++]!)
    }
    const k = countIndexOn(date)
    const snapshotReq: BeneficialOwnershipRequest = {
      asOf: date,
      sharesOutstanding: counts[k]!.shares,
      holders: req.holders.map((h, i) => {
        const p = positions[i]!
        while (p.next < p.trades.length && p.trades[p.next]!.date <= date) p.common += p.trades[p.next++]!.commonShares
        const { transactions: _t, ...rest } = h
        return { ...rest, commonShares: p.common }
      }),
      ...(req.persons !== undefined ? { persons: req.persons } : {}),
      ...(req.noteSeries !== undefined ? { noteSeries: req.noteSeries } : {}),
      ...(req.conversionShareRounding !== undefined ? { conversionShareRounding: req.conversionShareRounding } : {}),
    }
    let snapshot: ReturnType<typeof computeBeneficialOwnership>
    try {
      snapshot = computeBeneficialOwnership(snapshotReq, { positionOf })
    } catch (error) {
      if (!(error instanceof ContradictionError)) throw error
      throw new ContradictionError(
        error.errors.map((e) => ({
          pointer:
            e.pointer === '/asOf'
              ? '/from'
              : e.pointer === '/sharesOutstanding' && Array.isArray(req.sharesOutstanding)
                ? `/sharesOutstanding/${k}/shares`
                : e.pointer,
          detail: `on ${date}: ${e.detail}`,
        })),
      )
    }
    for (const w of snapshot.warnings) {
      if (w.code.startsWith('right-to-acquire-') || snapshotWarnings.has(w.code)) continue
      snapshotWarnings.set(w.code, { code: w.code, message: `On ${date}: ${w.message}` })
    }
    if (date === req.from) {
      while (nextFiling < filings.length && filings[nextFiling]!.f.filedOn < req.from) {
        priorFilings.push(filings[nextFiling]!.i)
        nextFiling++
      }
    }
    const outstandingChanged = date !== req.from && counts[k]!.shares !== counts[prevCountIndex]!.shares
    const onDate = new Map<string, Set<Cause>>(causes.get(date) ?? [])
    // A holder's ownership limit counts the common of the holders it aggregates with: where their
    // trades move its acquirable shares, a transaction is one of its causes.
    for (const { id, others } of aggregating) {
      const before = states.get(id)!.last
      const row = snapshot.persons.find((r) => r.id === id)
      if (before === null || row === undefined) continue
      if (
        before.issuableOnConversion === row.issuableOnConversion &&
        before.issuableOnExercise === row.issuableOnExercise
      )
        continue
      if (!others.some((o) => onDate.get(o)?.has('transaction') === true)) continue
      onDate.set(id, new Set([...(onDate.get(id) ?? []), 'transaction']))
    }
    // Each person's causes on this date: those of the holders it reaches.
    const ownCauses = new Map<string, Set<Cause>>()
    const allCauses = new Set<Cause>()
    for (const [holder, set] of onDate) {
      for (const c of set) allCauses.add(c)
      for (const id of reaching.get(holder) ?? []) {
        let own = ownCauses.get(id)
        if (own === undefined) ownCauses.set(id, (own = new Set()))
        for (const c of set) own.add(c)
      }
    }
    for (const row of snapshot.persons) {
      const state = states.get(row.id)!
      const point: TimelinePoint = {
        date,
        causes: [],
        aggregate: row.aggregate,
        common: row.common,
        issuableOnConversion: row.issuableOnConversion,
        issuableOnExercise: row.issuableOnExercise,
        percent: row.percent,
        percentOfOutstanding: row.percentOfOutstanding,
        moreThanFivePercent: row.moreThanFivePercent,
      }
      const before = state.last
      const changed =
        before === null ||
        before.aggregate !== point.aggregate ||
        before.common !== point.common ||
        before.issuableOnConversion !== point.issuableOnConversion ||
        before.issuableOnExercise !== point.issuableOnExercise ||
        before.percent !== point.percent ||
        before.percentOfOutstanding !== point.percentOfOutstanding ||
        before.moreThanFivePercent !== point.moreThanFivePercent
      if (!changed) continue
      // The causes of the holders this person reaches; if a figure moved through another holder
      // (an ownership limit aggregating with it), every cause of the date.
      const own = new Set<Cause>(ownCauses.get(row.id))
      if (outstandingChanged) own.add('outstanding-changed')
      const pick = own.size > 0 ? own : allCauses
      point.causes = before === null ? [] : CAUSES.filter((c) => pick.has(c))
      state.points.push(point)
      state.last = point
      if (++pointCount > MAX_TIMELINE_POINTS) {
        throw new ContradictionError([
          {
            pointer: '/to',
            detail:
              `the answer would hold more than ${n(MAX_TIMELINE_POINTS)} points ` +
              '(a point per person and date a figure ' +
              `moves); shorten the window or give fewer holders`,
          },
        ])
      }
    }
    if (date === req.from) {
      // Filings before the window set each person's standing on its first day.
      for (const i of priorFilings) {
        const f = req.filings![i]!
        for (const id of f.persons) {
          const state = states.get(id)!
          state.reporting = true
          const reported = f.reported?.[id]?.aggregate
          state.baseline = { date: f.filedOn, aggregate: reported ?? state.last!.aggregate }
        }
      }
    }
    const outstanding = counts[k]!.shares
    for (const row of snapshot.persons) {
      const state = states.get(row.id)!
      const point = state.last!
      if (point.date !== date) continue
      const previous = state.points.length >= 2 ? state.points[state.points.length - 2]! : null
      const wasAbove = previous?.moreThanFivePercent ?? false
      const passive = point.causes.length > 0 && point.causes.every((c) => c === 'outstanding-changed')
      const from = state.baseline ?? (previous === null ? null : { date: previous.date, aggregate: previous.aggregate })
      const event = (kind: EventKind): void => {
        const shares = point.aggregate - (from?.aggregate ?? 0)
        events.push({
          date,
          person: row.id,
          kind,
          baseline: from,
          change: { shares, percentOfClass: signedPercent(shares, outstanding) },
          causes: point.causes,
        })
      }
      let obliged = false
      // Reporting on the first day through a filing before the window: no crossing to report.
      const reportingFromBefore = previous === null && state.reporting
      if (point.moreThanFivePercent && !wasAbove && !reportingFromBefore) {
        event('crossed-above-five-percent')
        if (passive) {
          explanation.warn(
            'outstanding-alone-crossed-five-percent',
            `On ${date} ${row.id} passed 5% only because the shares outstanding changed: no acquisition, so no ` +
              `filing is due by it (the issuer's count moves percents; it is no acquisition or disposition).`,
          )
        } else if (!state.reporting) {
          oblige(row.id, 'initial', 'crossed-above-five-percent', date)
          obliged = true
        }
      } else if (!point.moreThanFivePercent && wasAbove) {
        event('fell-to-five-percent-or-below')
        if (passive) {
          explanation.warn(
            'outstanding-alone-crossed-five-percent',
            `On ${date} ${row.id} fell to 5% or below only because the shares outstanding changed: no disposition, ` +
              `so no filing is due by it (the issuer's count moves percents; it is no acquisition or disposition).`,
          )
        } else if (state.reporting) {
          if (state.openAmendment === null)
            state.openAmendment = oblige(row.id, 'amendment', 'fell-to-five-percent-or-below', date)
          else state.openAmendment.reason = 'fell-to-five-percent-or-below'
          state.reporting = false
          state.baseline = null
          obliged = true
        }
      }
      if (obliged || !state.reporting || state.baseline === null || state.openAmendment !== null) continue
      if (passive) continue
      const delta = point.aggregate - state.baseline.aggregate
      if (100 * Math.abs(delta) >= outstanding) {
        event('material-change')
        state.openAmendment = oblige(row.id, 'amendment', 'material-change', date)
      }
    }
    // Filings on this date, after the date's own changes (an event can be filed on its day).
    while (nextFiling < filings.length && filings[nextFiling]!.f.filedOn <= date) file(filings[nextFiling++]!)
    prevCountIndex = k
  }
  // Filings between the last date that moved and `to`.
  while (nextFiling < filings.length) file(filings[nextFiling++]!)

  for (const o of obligations) {
    if (o.filedOn === undefined) o.status = o.deadline !== null && o.deadline < req.to ? 'overdue' : 'open'
  }
  for (const w of snapshotWarnings.values()) explanation.warn(w.code, w.message)
  if (obligations.some((o) => o.status === 'overdue'))
    explanation.warn(
      'filing-overdue',
      `Some obligations were not filed by their deadline, before the window's end (${req.to}).`,
    )

  explanation.assume(
    'figures-as-snapshot',
    'The figures on each date are what POST /v1/beneficial-ownership answers with asOf = that date: common stock ' +
      'after the transactions dated on or before it, a part of the note series from its interest ledger, and the ' +
      'shares outstanding in force (the latest count dated on or before it). A point is listed on from and on each ' +
      'date a figure of the person moves.',
  )
  explanation.assume(
    'above-five-percent-on-from',
    `A person above 5% on the window's first day (${req.from}) with no filing before it is taken to cross 5% on ` +
      `that day; a filing dated before the window makes the persons it names reporting from its first day, with the ` +
      `aggregate it reported (else the aggregate on ${req.from}) as baseline.`,
  )
  explanation.assume(
    'crossing',
    'Crossing above 5% compares the exact ratio of Rule 13d-3(d)(1)(i), strictly; it makes an initial Schedule 13D ' +
      'due (Rule 13d-1(a)) when an acquisition caused it and the person has no filing since it last exceeded 5%. A ' +
      'change of the shares outstanding alone creates no obligation.',
  )
  explanation.assume(
    'material-change',
    'After a filing the baseline is the aggregate it reported for the person (else the aggregate on its event date, ' +
      'or on its filing date). An amendment is due (Rule 13d-2(a)) when 100 x |aggregate - baseline| >= the shares ' +
      'outstanding in force (1% of the class), acquisitions and dispositions netted; further changes before it is ' +
      'filed join it (one open amendment per person, its deadline the first). Falling to 5% or below after a filing ' +
      'makes an amendment due whatever the size (the exit); after it, the next crossing needs a new initial filing.',
  )
  explanation.assume(
    'filing-matching',
    'Filings are taken in date order; each is matched, for each person it names, to the earliest open obligation of ' +
      'its kind whose event date is on or before the filing date. filed-late counts the us-sec business days in ' +
      '(deadline, filedOn]; a "promptly" amendment (no deadline) is filed, with the days after its event; an unfiled ' +
      "obligation is overdue when its deadline is before the window's end, else open.",
  )
  explanation.assume(
    'filing-deadlines',
    'Deadlines are counted as POST /v1/beneficial-ownership/filing-deadline counts them: crossed-five-percent for ' +
      'an initial filing, material-change for an amendment, on the us-sec calendar ' +
      '(regime by the event date: Release ' +
      '33-11253 from 2024-02-05).',
  )

  return {
    from: req.from,
    to: req.to,
    persons: [...names].map(([id, { name, kind }]) => ({ id, name, kind, points: states.get(id)!.points })),
    events,
    obligations,
    warnings: explanation.warnings,
    assumptions: explanation.assumptions,
  }
}

export type TimelineResult = ReturnType<typeof computeTimeline>
