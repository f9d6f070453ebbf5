/**
 * Percent of class (cover-page row 13). Under Rule 13d-3(d)(1)(i) the shares a person may
 * acquire within 60 days are deemed outstanding for that person's own percentage (and for no
 * one else's): aggregate / (outstanding + own acquirable) x 100. Beside it, the same over the
 * outstanding shares alone, which is how filers often compute it. Both are rounded half-up to
 * two decimals, exactly (integer arithmetic, no binary floating point).
 */

/** round-half-up(numerator * 100 / denominator) to 2 decimals, as "2.24". */
export function percentText(numerator: number, denominator: number): string {
  if (!(denominator > 0)) throw new RangeError('the denominator must be positive')
  const n = BigInt(numerator) * 10_000n
  const d = BigInt(denominator)
  const hundredths = (2n * n + d) / (2n * d)
  const whole = hundredths / 100n
  const cents = hundredths % 100n
  return `${whole}.${cents.toString().padStart(2, '0')}`
}

/** Rule 13d-3(d)(1)(i): the person's own acquirable shares join the denominator. */
export function percentOfClass(aggregate: number, outstanding: number, acquirable: number): string {
  return percentText(aggregate, outstanding + acquirable)
}

export function percentOfOutstanding(aggregate: number, outstanding: number): string {
  return percentText(aggregate, outstanding)
}

/** More than 5% (strictly), on the exact ratio, not the rounded percent. */
export function moreThanFivePercent(aggregate: number, outstanding: number, acquirable: number): boolean {
  return BigInt(aggregate) * 100n > 5n * BigInt(outstanding + acquirable)
}
