/**
 * The timeline's axis, cut: events cluster (weeks around the Event of Default) between long quiet
 * stretches (years from issue to notice), so a long gap becomes a short break marked with its
 * length, and dates elsewhere stand in proportion to the days between them. Pure: no DOM.
 */
import { daysFrom } from './model.js'

/** A gap longer than this (days, and 8% of the whole range) without events becomes a break. */
const BREAK_DAYS = 45
export const BREAK_WIDTH = 30
const PAD_X = 10

/**
 * Positions along the axis: consecutive dates at least MIN_GAP px apart, else in proportion to
 * the days between them; a gap longer than the threshold is a break of fixed width instead.
 */
export function cutScale(
  dates: readonly string[],
  width: number,
): { x: (date: string) => number; breaks: Array<{ x: number; days: number }>; ticks: string[] } {
  const sorted = [...new Set(dates)].sort()
  const total = Math.max(1, daysFrom(sorted[0]!, sorted[sorted.length - 1]!))
  const threshold = Math.max(BREAK_DAYS, total * 0.08)
  const gaps = sorted.slice(1).map((d, i) => daysFrom(sorted[i]!, d))
  const usable = width - 2 * (PAD_X + 8)
  let minGap = 16
  const length = (perDay: number) =>
    gaps.reduce((sum, g) => sum + (g > threshold ? BREAK_WIDTH : Math.max(minGap, g * perDay)), 0)
  while (minGap > 2 && length(0) > usable) minGap /= 2
  // The largest scale that fits (the length grows with it): bisection.
  let low = 0
  let high = usable
  for (let i = 0; i < 50; i++) {
    const mid = (low + high) / 2
    if (length(mid) <= usable) low = mid
    else high = mid
  }
  const positions = new Map<string, number>()
  const breaks: Array<{ x: number; days: number }> = []
  const ticks: string[] = [sorted[0]!]
  let x = PAD_X + 8 + Math.max(0, (usable - length(low)) / 2)
  positions.set(sorted[0]!, x)
  gaps.forEach((g, i) => {
    const step = g > threshold ? BREAK_WIDTH : Math.max(minGap, g * low)
    if (g > threshold) {
      breaks.push({ x: x + step / 2, days: g })
      ticks.push(sorted[i]!, sorted[i + 1]!)
    }
    x += step
    positions.set(sorted[i + 1]!, x)
  })
  ticks.push(sorted[sorted.length - 1]!)
  const xOf = (date: string): number => {
    const exact = positions.get(date)
    if (exact !== undefined) return exact
    // Between two known dates: in proportion (only dates given are drawn, so this is a fallback).
    const after = sorted.findIndex((d) => d > date)
    if (after <= 0) return after === 0 ? positions.get(sorted[0]!)! : positions.get(sorted[sorted.length - 1]!)!
    const a = sorted[after - 1]!
    const b = sorted[after]!
    return (
      positions.get(a)! + ((positions.get(b)! - positions.get(a)!) * daysFrom(a, date)) / Math.max(1, daysFrom(a, b))
    )
  }
  return { x: xOf, breaks, ticks: [...new Set(ticks)] }
}
