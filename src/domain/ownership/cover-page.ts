/**
 * The Schedule 13D cover-page rows of one reporting person: 7 sole voting power, 8 shared voting
 * power, 9 sole dispositive power, 10 shared dispositive power, 11 the aggregate amount (with its
 * parts: common, issuable on conversion, issuable on exercise), 13 percent of class.
 */
import type { HolderPower } from './control-graph.js'
import { moreThanFivePercent, percentOfClass, percentOfOutstanding } from './percent.js'

/** What one holder holds, as counted (within 60 days, under its blocker). */
export interface CountedHolding {
  common: number
  issuableOnConversion: number
  issuableOnExercise: number
}

export interface CoverPage {
  soleVotingPower: number
  sharedVotingPower: number
  soleDispositivePower: number
  sharedDispositivePower: number
  aggregate: number
  common: number
  issuableOnConversion: number
  issuableOnExercise: number
  percent: string
  percentOfOutstanding: string
  moreThanFivePercent: boolean
}

const total = (h: CountedHolding): number => h.common + h.issuableOnConversion + h.issuableOnExercise

/** The rows for a person reaching `holders` (each distinct holder once) with the powers given. */
export function coverPage(
  reached: readonly HolderPower[],
  holdings: ReadonlyMap<string, CountedHolding>,
  sharesOutstanding: number,
): CoverPage {
  let soleVoting = 0
  let sharedVoting = 0
  let soleDispositive = 0
  let sharedDispositive = 0
  let common = 0
  let conversion = 0
  let exercise = 0
  for (const { holder, voting, dispositive } of reached) {
    const h = holdings.get(holder)!
    const shares = total(h)
    if (voting === 'sole') soleVoting += shares
    if (voting === 'shared') sharedVoting += shares
    if (dispositive === 'sole') soleDispositive += shares
    if (dispositive === 'shared') sharedDispositive += shares
    common += h.common
    conversion += h.issuableOnConversion
    exercise += h.issuableOnExercise
  }
  const aggregate = common + conversion + exercise
  const acquirable = conversion + exercise
  return {
    soleVotingPower: soleVoting,
    sharedVotingPower: sharedVoting,
    soleDispositivePower: soleDispositive,
    sharedDispositivePower: sharedDispositive,
    aggregate,
    common,
    issuableOnConversion: conversion,
    issuableOnExercise: exercise,
    percent: percentOfClass(aggregate, sharesOutstanding, acquirable),
    percentOfOutstanding: percentOfOutstanding(aggregate, sharesOutstanding),
    moreThanFivePercent: moreThanFivePercent(aggregate, sharesOutstanding, acquirable),
  }
}
