/**
 * The beneficial ownership limitation ("blocker") of many notes and warrants: no conversion or
 * exercise beyond a cap L of the outstanding shares. The acquirable shares counted are at most
 * the largest whole X with (owned + X) / (outstanding + X) <= L, i.e.
 * X <= (L * outstanding - owned) / (1 - L), and never below 0.
 */
import { Decimal } from '../decimal.js'

/**
 * The largest capacity reported: beyond any count of acquirable shares a request can hold
 * (at most 100 holders x 41 figures of 10^12), and still an exact JS integer. A cap near 100%
 * over a large class allows more (0.9999 of 10^12 outstanding: about 10^16 shares).
 */
export const MAX_CAPACITY = Number.MAX_SAFE_INTEGER

/**
 * The largest whole X with owned + X <= L * (outstanding + X); 0 when already at or over the cap.
 * Exact: L = p / 10^k is a decimal fraction, so X = floor((p * outstanding - 10^k * owned) / (10^k - p))
 * in integers (no rounded division, no search over X).
 */
export function blockerCapacity(owned: number, outstanding: number, limit: Decimal): number {
  if (!(limit.gt(0) && limit.lt(1))) throw new RangeError('the ownership limit must be in (0, 1)')
  const k = limit.decimalPlaces()
  const scale = 10n ** BigInt(k)
  const p = BigInt(limit.times(new Decimal(10).pow(k)).toFixed(0))
  const numerator = p * BigInt(outstanding) - scale * BigInt(owned)
  if (numerator <= 0n) return 0
  const x = numerator / (scale - p)
  return x > BigInt(MAX_CAPACITY) ? MAX_CAPACITY : Number(x)
}

/** The acquirable shares counted under the cap: conversion shares first, then warrant shares. */
export function applyBlocker(
  owned: number,
  outstanding: number,
  limit: Decimal,
  conversion: number,
  exercise: number,
): { conversion: number; exercise: number; capacity: number; binding: boolean } {
  const capacity = blockerCapacity(owned, outstanding, limit)
  const counted = Math.min(conversion + exercise, capacity)
  const c = Math.min(conversion, counted)
  return { conversion: c, exercise: counted - c, capacity, binding: conversion + exercise > capacity }
}
