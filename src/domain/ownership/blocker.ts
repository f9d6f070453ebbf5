/**
 * The beneficial ownership limitation ("blocker") of many notes and warrants: no conversion or
 * exercise beyond a cap L of the outstanding shares. The acquirable shares counted are at most
 * the largest whole X with (owned + X) / (outstanding + X) <= L, i.e.
 * X <= (L * outstanding - owned) / (1 - L), and never below 0.
 */
import { Decimal } from '../decimal.js'

/** The largest whole X with owned + X <= L * (outstanding + X); 0 when already at or over the cap. */
export function blockerCapacity(owned: number, outstanding: number, limit: Decimal): number {
  if (!(limit.gt(0) && limit.lt(1))) throw new RangeError('the ownership limit must be in (0, 1)')
  const bound = limit.times(outstanding).minus(owned).div(new Decimal(1).minus(limit)).floor()
  let x = bound.lt(0) ? 0 : bound.toNumber()
  // The division is rounded at 40 digits: settle the last unit with the exact inequality.
  const within = (n: number): boolean => new Decimal(owned).plus(n).lte(limit.times(new Decimal(outstanding).plus(n)))
  while (x > 0 && !within(x)) x--
  while (within(x + 1)) x++
  return within(x) ? x : 0
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
