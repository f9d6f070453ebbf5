/**
 * POST /v1/beneficial-ownership: the Schedule 13D cover-page figures of each holder and of each
 * person who controls holders, as of a date, and the check of a filing's reported figures.
 */
import { Decimal } from '../decimal.js'
import { Contradictions, Explanation } from '../explain.js'
import type { Schemas } from '../../contract/types.js'
import { pointerOf } from '../../contract/json-pointer.js'
import { applyBlocker } from './blocker.js'
import { checkControlGraph, reachedHolders, type ControlNode, type HolderPower } from './control-graph.js'
import {
  conversionShares,
  DEFAULT_CONVERSION_SHARE_ROUNDING,
  type ConversionShareRounding,
} from './conversion-shares.js'
import { coverPage, type CountedHolding, type CoverPage } from './cover-page.js'
import { discrepancies, type Discrepancy } from './discrepancies.js'
import { acquisitionStatus, lastCountedDay, RIGHT_TO_ACQUIRE_DAYS, type ExerciseWindow } from './right-to-acquire.js'
import { seriesPosition } from './note-series.js'

type KeysOf<T> = T extends unknown ? keyof T : never
type ValueOf<T, K extends PropertyKey> = T extends unknown ? (K extends keyof T ? T[K] : never) : never
/** The schema's oneOf read as one shape, every field optional: the schema has already said which go together. */
type Flattened<T> = { [K in KeysOf<T>]?: ValueOf<T, K> }

/** A right to acquire shares by conversion: a count, or an amount (or a part of the note series) at a price. */
export type ConvertibleInput = Flattened<Schemas['Convertible']>
export type WarrantInput = Schemas['Warrant']
export type OwnershipHolderInput = Omit<Schemas['OwnershipHolder'], 'convertibles'> & {
  convertibles?: ConvertibleInput[]
}
export type PersonInput = Schemas['ControllingPerson']
export type BeneficialOwnershipRequest = Omit<Schemas['BeneficialOwnershipRequest'], 'holders'> & {
  holders: OwnershipHolderInput[]
}

export interface ReportingPerson extends CoverPage {
  id: string
  name: string
  kind: 'holder' | 'person'
  discrepancies: Discrepancy[]
}

/** More shares than this in one figure are refused (a trillion: beyond any listed class). */
export const MAX_SHARES = 1_000_000_000_000
/** Each part of the note series runs the series' ledger once (about a millisecond): bounded per request. */
export const MAX_NOTE_SERIES_PARTS = 100

const n = (x: number): string => x.toLocaleString('en-US')

interface HolderCount {
  /** before the blocker */
  conversion: number
  exercise: number
}

function countHolder(
  holder: OwnershipHolderInput,
  i: number,
  req: BeneficialOwnershipRequest,
  rounding: ConversionShareRounding,
  problems: Contradictions,
  explanation: Explanation,
  positionOf: typeof seriesPosition,
): HolderCount {
  const asOf = req.asOf
  let conversion = 0
  let exercise = 0
  const window = (w: ExerciseWindow, at: string, what: string): boolean => {
    if (w.exercisableFrom !== undefined && w.expiresOn !== undefined && w.exercisableFrom > w.expiresOn) {
      problems.add(
        `${at}/expiresOn`,
        `precedes exercisableFrom (${w.exercisableFrom}): the right could never be exercised`,
      )
      return false
    }
    const status = acquisitionStatus(w, asOf)
    if (status === 'beyond-60-days') {
      explanation.warn(
        'right-to-acquire-beyond-60-days',
        `${what} (${at}) becomes exercisable on ${w.exercisableFrom}, after ${lastCountedDay(asOf)} ` +
          `(asOf + ${RIGHT_TO_ACQUIRE_DAYS} days): not counted under Rule 13d-3(d)(1)(i) until that date is ` +
          'within 60 days.',
      )
    }
    if (status === 'expired')
      explanation.warn(
        'right-to-acquire-expired',
        `${what} (${at}) expired on ${w.expiresOn}, before asOf (${asOf}): not counted.`,
      )
    return status === 'counted'
  }
  ;(holder.convertibles ?? []).forEach((c, j) => {
    const at = `/holders/${i}/convertibles/${j}`
    let shares: number
    if (c.sharesIssuable !== undefined) {
      shares = c.sharesIssuable
    } else {
      const price = new Decimal(c.conversionPrice ?? '0')
      if (!price.gt(0)) {
        problems.add(
          `${at}/conversionPrice`,
          'must be greater than zero: shares issuable are the amount divided by the conversion price',
        )
        return
      }
      let amount: Decimal
      let expires = c.expiresOn
      if (c.noteSeriesPrincipal !== undefined) {
        if (req.noteSeries === undefined) {
          problems.add(`${at}/noteSeriesPrincipal`, 'a part of the note series needs the series itself (noteSeries)')
          return
        }
        const position = positionOf(req.noteSeries, c.noteSeriesPrincipal, asOf)
        if (asOf < position.issueDate) {
          problems.add('/asOf', `precedes the note series' issue date (${position.issueDate})`)
          return
        }
        expires ??= position.maturityDate
        amount = position.outstanding
        if (req.accruedInterestConverts === true) amount = amount.plus(position.accruedInterest)
        explanation.assume(
          'note-series-amount',
          "A convertible given as part of the note series converts the holder's outstanding principal as of " +
            `${asOf}: its own principal, plus the interest notes issued to it on Interest Dates on or before ` +
            `${asOf} (computed and rounded on its own principal), less any redemption paid on or before ` +
            `${asOf}; it expires at maturity (${position.maturityDate}) unless expiresOn says otherwise.`,
        )
      } else {
        amount = new Decimal(c.amount ?? '0')
      }
      if (!window({ ...c, expiresOn: expires }, at, 'A convertible')) return
      const q = conversionShares(amount, price, rounding)
      if (q.gt(MAX_SHARES)) {
        problems.add(`${at}/conversionPrice`, `converts into more than ${n(MAX_SHARES)} shares`)
        return
      }
      shares = q.toNumber()
      conversion += shares
      return
    }
    if (window(c, at, 'A convertible')) conversion += shares
  })
  ;(holder.warrants ?? []).forEach((w, j) => {
    if (window(w, `/holders/${i}/warrants/${j}`, 'A warrant')) exercise += w.shares
  })
  return { conversion, exercise }
}

export interface BeneficialOwnershipOptions {
  /** where a part of the note series finds its position (a timeline reads it from one ledger per part) */
  positionOf?: typeof seriesPosition
}

export function computeBeneficialOwnership(req: BeneficialOwnershipRequest, options: BeneficialOwnershipOptions = {}) {
  const explanation = new Explanation()
  const problems = new Contradictions()
  const persons = req.persons ?? []
  const rounding = req.conversionShareRounding ?? DEFAULT_CONVERSION_SHARE_ROUNDING
  const holderIds = req.holders.map((h) => h.id)
  const nodes: ControlNode[] = persons.map((p) => ({
    id: p.id,
    controls: p.controls.map((c) => ({ id: c.id, voting: c.voting ?? 'sole', dispositive: c.dispositive ?? 'sole' })),
  }))
  checkControlGraph(holderIds, nodes, problems)
  const known = new Set([...holderIds, ...persons.map((p) => p.id)])
  for (const id of Object.keys(req.reported ?? {})) {
    if (!known.has(id)) problems.add(pointerOf(['reported', id]), `no holder or person has the id "${id}"`)
  }
  req.holders.forEach((h, i) => {
    if (h.ownershipLimit !== undefined) {
      const limit = new Decimal(h.ownershipLimit)
      problems.check(
        limit.gt(0) && limit.lt(1),
        `/holders/${i}/ownershipLimit`,
        'must be a fraction in (0, 1), such as "0.0499" for 4.99%',
      )
    }
    ;(h.ownershipLimitAggregatesWith ?? []).forEach((id, j) => {
      problems.check(
        known.has(id),
        `/holders/${i}/ownershipLimitAggregatesWith/${j}`,
        `no holder or person has the id "${id}"`,
      )
    })
    if (h.ownershipLimitAggregatesWith !== undefined && h.ownershipLimit === undefined) {
      problems.add(
        `/holders/${i}/ownershipLimitAggregatesWith`,
        'applies to an ownership limit: give ownershipLimit too',
      )
    }
  })
  if (req.noteSeries?.holders !== undefined) {
    problems.add(
      '/noteSeries/holders',
      "give each holder's part of the series on its convertible (noteSeriesPrincipal) instead",
    )
  }
  const commonHeld = req.holders.reduce((s, h) => s + h.commonShares, 0)
  problems.check(
    commonHeld <= req.sharesOutstanding,
    '/sharesOutstanding',
    `is less than the ${n(commonHeld)} shares of common stock the holders hold ` +
      `(${n(req.sharesOutstanding)} outstanding)`,
  )
  problems.throwIfAny()

  const reach = reachedHolders(holderIds, nodes)
  const seriesParts = req.holders.flatMap((h, i) =>
    (h.convertibles ?? []).flatMap((c, j) =>
      c.noteSeriesPrincipal !== undefined ? [`/holders/${i}/convertibles/${j}`] : [],
    ),
  )
  if (seriesParts.length > MAX_NOTE_SERIES_PARTS) {
    problems.add(
      `${seriesParts[MAX_NOTE_SERIES_PARTS]}/noteSeriesPrincipal`,
      `at most ${MAX_NOTE_SERIES_PARTS} convertibles in a request may be parts of the note series`,
    )
    problems.throwIfAny()
  }
  // One ledger per distinct principal: holders of equal parts share it.
  const positions = new Map<string, ReturnType<typeof seriesPosition>>()
  const source = options.positionOf ?? seriesPosition
  const positionOf: typeof seriesPosition = (series, principal, asOf) => {
    let p = positions.get(principal)
    if (p === undefined) positions.set(principal, (p = source(series, principal, asOf)))
    return p
  }
  const counts = req.holders.map((h, i) => countHolder(h, i, req, rounding, problems, explanation, positionOf))
  problems.throwIfAny()

  // The blocker of each holder, on the counted rights.
  const holdings = new Map<string, CountedHolding>()
  const commonOf = new Map(req.holders.map((h) => [h.id, h.commonShares]))
  req.holders.forEach((h, i) => {
    const { conversion, exercise } = counts[i]!
    if (h.ownershipLimit === undefined) {
      holdings.set(h.id, { common: h.commonShares, issuableOnConversion: conversion, issuableOnExercise: exercise })
      return
    }
    const affiliates = new Set<string>([h.id])
    for (const id of h.ownershipLimitAggregatesWith ?? []) {
      if (commonOf.has(id)) affiliates.add(id)
      for (const r of reach.get(id) ?? []) affiliates.add(r.holder)
    }
    const owned = [...affiliates].reduce((s, id) => s + commonOf.get(id)!, 0)
    const limit = new Decimal(h.ownershipLimit)
    const capped = applyBlocker(owned, req.sharesOutstanding, limit, conversion, exercise)
    if (capped.binding) {
      explanation.warn(
        'ownership-limit-binding',
        `The ownership limit of ${limit.times(100).toString()}% binds for ${h.id}: ` +
          `${n(conversion + exercise)} shares are acquirable but only ${n(capped.capacity)} can be acquired ` +
          `without owning more than the limit (${n(owned)} owned of ${n(req.sharesOutstanding)} outstanding); ` +
          'the shares counted are capped.',
      )
    }
    holdings.set(h.id, {
      common: h.commonShares,
      issuableOnConversion: capped.conversion,
      issuableOnExercise: capped.exercise,
    })
  })

  const rows: ReportingPerson[] = []
  const reported = req.reported ?? {}
  const report = (id: string, name: string, kind: 'holder' | 'person', reached: HolderPower[]): void => {
    const page = coverPage(reached, holdings, req.sharesOutstanding)
    const parts = reached.map((r) => ({
      id: r.holder,
      holding: holdings.get(r.holder)!,
      voting: r.voting,
      dispositive: r.dispositive,
    }))
    const found = reported[id] === undefined ? [] : discrepancies(reported[id], page, parts, req.sharesOutstanding)
    const claimed = reported[id]?.percent
    if (
      claimed !== undefined &&
      Number(claimed) !== Number(page.percent) &&
      Number(claimed) === Number(page.percentOfOutstanding)
    ) {
      explanation.warn(
        'percent-over-outstanding-only',
        'A reported percent matches only the shares outstanding as denominator: Rule 13d-3(d)(1)(i) adds the ' +
          'shares the person may acquire within 60 days to the denominator of its own percentage ' +
          '(see each discrepancy).',
      )
    }
    rows.push({ id, name, kind, ...page, discrepancies: found })
  }
  for (const h of req.holders) report(h.id, h.name, 'holder', [{ holder: h.id, voting: 'sole', dispositive: 'sole' }])
  for (const p of persons) report(p.id, p.name, 'person', reach.get(p.id) ?? [])

  // Figures no class can have: usually a conversion price or share count mistyped.
  const outnumber = rows.filter((r) => r.issuableOnConversion + r.issuableOnExercise > req.sharesOutstanding)
  if (outnumber.length > 0) {
    explanation.warn(
      'acquirable-exceeds-outstanding',
      `The shares acquirable by ${outnumber.map((r) => r.id).join(', ')} exceed the ${n(req.sharesOutstanding)} ` +
        'shares outstanding: check the conversion prices, amounts and share counts given.',
    )
  }
  const overHundred = rows.filter((r) => new Decimal(r.percentOfOutstanding).gt(100))
  if (overHundred.length > 0) {
    explanation.warn(
      'percent-of-outstanding-above-100',
      `percentOfOutstanding passes 100 for ${overHundred.map((r) => r.id).join(', ')}: the aggregate exceeds the ` +
        'shares outstanding (percent, under Rule 13d-3(d)(1)(i), stays at or below 100).',
    )
  }
  const idle = persons.filter((p) => (reach.get(p.id) ?? []).length === 0)
  if (idle.length > 0) {
    explanation.warn(
      'person-controls-nothing',
      `${idle.map((p) => p.id).join(', ')} reach${idle.length === 1 ? 'es' : ''} no holder with voting or ` +
        'dispositive power: nothing is beneficially owned through them (check `controls`).',
    )
  }
  if (req.noteSeries !== undefined && seriesParts.length === 0) {
    explanation.warn(
      'note-series-unused',
      'noteSeries is given but no convertible is a part of it (noteSeriesPrincipal): it changes nothing.',
    )
  }
  explanation.assume('as-of', `Figures are as of ${req.asOf}.`)
  explanation.assume(
    'right-to-acquire',
    'Shares issuable on conversion or exercise count when the right can be exercised on or before ' +
      `${lastCountedDay(req.asOf)} (asOf + ${RIGHT_TO_ACQUIRE_DAYS} days) and has not expired by asOf ` +
      '(Rule 13d-3(d)(1)(i)); a right without exercisableFrom is exercisable now.',
  )
  explanation.assume(
    'conversion-share-rounding',
    'Conversion shares are the convertible amount divided by the conversion price, rounded ' +
      `${rounding === 'down' ? 'down (fractions paid in cash)' : rounding} to a whole share ` +
      `(${req.conversionShareRounding === undefined ? 'default' : 'as given'}).`,
  )
  explanation.assume(
    'accrued-interest-converts',
    `Accrued interest ${
      req.accruedInterestConverts === true ? 'converts with the principal (as given)' : 'does not convert (default)'
    }.`,
  )
  explanation.assume(
    'percent-of-class',
    'percent: aggregate / (shares outstanding + the shares this person may acquire within 60 days) x 100, ' +
      'Rule 13d-3(d)(1)(i); percentOfOutstanding: over the shares outstanding alone; both rounded half-up to two ' +
      'decimals. moreThanFivePercent compares the exact ratio, strictly.',
  )
  explanation.assume(
    'control-power',
    'A person beneficially owns what the holders it controls hold, each holder once however many paths reach ' +
      'it; its power is sole when every path carrying that power is sole, else shared (Rule 13d-3(a)). ' +
      'Controls without voting or dispositive given are sole.',
  )
  if (req.holders.some((h) => h.ownershipLimit !== undefined)) {
    explanation.assume(
      'ownership-limit',
      'Under an ownership limit L the acquirable shares counted are at most the largest whole X with ' +
        '(owned + X) / (outstanding + X) <= L, conversion shares first, then warrant shares; owned is the ' +
        'common stock of the holder and of the holders it aggregates with.',
    )
  }

  return {
    asOf: req.asOf,
    sharesOutstanding: req.sharesOutstanding,
    clauses: ['Rule 13d-3(a)', 'Rule 13d-3(d)(1)(i)'],
    persons: rows,
    warnings: explanation.warnings,
    assumptions: explanation.assumptions,
  }
}

export type BeneficialOwnershipResult = ReturnType<typeof computeBeneficialOwnership>
