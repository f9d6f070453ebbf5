/**
 * Exact decimal arithmetic for money and rates.
 *
 * decimal.js is pinned to one exact version in package.json: the fast paths below read the
 * fields of its documented normalised form (`d`, `e`, `s`) and `fromCents` writes them, which
 * its public API does not promise to keep across releases. test/decimal/decimal-js.test.ts
 * fails on an upgrade that moves the pin or changes that form; then re-check this file.
 *
 * One decimal.js constructor, configured once: 40 significant digits is far beyond any
 * amount this service handles (at most 10^15 with cents), so intermediate products are exact
 * and only the explicit rounding to cents rounds.
 */
import { Decimal as DecimalJs } from 'decimal.js'
import { BoundedCache } from './bounded-cache.js'

export const Decimal = DecimalJs.clone({
  precision: 40,
  rounding: DecimalJs.ROUND_HALF_UP,
  toExpNeg: -40,
  toExpPos: 40,
})
export type Decimal = InstanceType<typeof Decimal>

export type RoundingMode = 'half-up' | 'half-even'

const MODES: Record<RoundingMode, DecimalJs.Rounding> = {
  'half-up': DecimalJs.ROUND_HALF_UP,
  'half-even': DecimalJs.ROUND_HALF_EVEN,
}

export const ZERO = new Decimal(0)
/** The largest amount the contract carries (schemas/Money.json: 15 integer digits and cents). */
export const MAX_MONEY = new Decimal('999999999999999.99')
export const ONE = new Decimal(1)

/** Rounds to cents with the note's rounding mode. */
export function roundMoney(amount: Decimal, mode: RoundingMode): Decimal {
  return amount.toDecimalPlaces(2, MODES[mode])
}

/** Money as carried in JSON: always two decimals ("0.00", "1188041.47"), the text of toFixed(2). */
export function formatMoney(amount: Decimal): string {
  // Amounts are nearly always whole cents below 2^53 cents: then the text of the integer with
  // a point put in (toFixed builds a new Decimal, toString walks the digits twice).
  const cents = scaledInteger(amount, 2)
  if (cents !== null) {
    if (cents === 0) return '0.00' // toFixed(2) of −0 too
    const negative = cents < 0
    const digits = String(negative ? -cents : cents)
    const text =
      digits.length === 1
        ? `0.0${digits}`
        : digits.length === 2
          ? `0.${digits}`
          : `${digits.slice(0, -2)}.${digits.slice(-2)}`
    return negative ? `-${text}` : text
  }
  return amount.toFixed(2)
}

/** Where a rate read from a request keeps its text (decimal.js keeps the value, not the zeros). */
const WRITTEN: unique symbol = Symbol('rate as written')
type Written = Decimal & { readonly [WRITTEN]?: string }

/** Rates by their text: a request names a few, and a ledger prints them on every row. */
const written = new BoundedCache<string, Decimal>(10_000)

/**
 * A rate or fraction read from a request (or a default), exact, remembering how it was written:
 * responses echo it as given, so "0.10" stays "0.10". Arithmetic on it yields plain values.
 */
export function rateAsWritten(text: string): Decimal {
  return written.getOrCompute(text, () => {
    const rate = new Decimal(text)
    Object.defineProperty(rate, WRITTEN, { value: text, enumerable: false })
    return rate
  })
}

/** Texts of computed rates by value (see rateAsWritten for those read from a request). */
const rateTexts = new WeakMap<Decimal, string>()

/**
 * A rate or fraction as carried in JSON: as written when it came from the request or a default
 * ("0.10"), else in lowest terms, without trailing zeros ("0.1").
 */
export function formatRate(rate: Decimal): string {
  const given = (rate as Written)[WRITTEN]
  if (given !== undefined) return given
  let text = rateTexts.get(rate)
  if (text === undefined) {
    text = rate.toString()
    rateTexts.set(rate, text)
  }
  return text
}

/** A year fraction as carried in JSON: at most 20 decimals, trailing zeros dropped. */
export function formatFraction(value: Decimal): string {
  return value.toDecimalPlaces(20).toString()
}

/** Exact powers of ten as numbers (10^22 is the largest a double holds exactly). */
const POW10: readonly number[] = Array.from({ length: 23 }, (_, k) => 10 ** k)

/**
 * `x × 10^scale` as a number when that is an integer no larger than 2^53 − 1, so exact; else
 * null (more than `scale` decimals, or too large). Read from the value's documented digits
 * (decimal.js's `d`: base-10^7 words, the first holding the digits of powers 7·⌊e/7⌋ and
 * above; `e`: the exponent; `s`: the sign), without building anything.
 */
export function scaledInteger(x: Decimal, scale: number): number | null {
  const words = x.d
  if (!words) return null // NaN or an infinity
  let n = 0
  let power = 7 * Math.floor(x.e / 7) + scale
  for (let i = 0; i < words.length; i++, power -= 7) {
    const word = words[i]!
    if (power > 22) return null
    if (power >= 0) n += word * POW10[power]!
    else {
      const unit = POW10[-power] ?? Infinity
      if (word % unit !== 0) return null
      n += word / unit
    }
  }
  // Past 2^53 the sum above may have rounded (and is then at least 2^53, so refused here).
  if (n > Number.MAX_SAFE_INTEGER) return null
  return x.s < 0 ? -n : n
}

/** −0 as decimal.js gives it (a negative product that rounds to nothing); printed "0.00" like 0. */
const NEGATIVE_ZERO = new Decimal(-0)

/**
 * The amount of `cents` cents (a safe integer ≥ 0), negated if `negative`: the Decimal that
 * `new Decimal("<the amount's text>")` gives, built straight from decimal.js's documented
 * normalised form (base-10^7 words aligned on powers 7k, no leading or trailing zero words;
 * `e` the exponent of the leading digit) instead of parsing text, which cost more than the
 * arithmetic. A test holds the two equal, field for field.
 */
export function fromCents(cents: number, negative: boolean): Decimal {
  if (cents === 0) return negative ? NEGATIVE_ZERO : ZERO
  const whole = Math.floor(cents / 100) // exact: cents < 2^53
  const fraction = (cents - whole * 100) * 100_000 // the word of powers -7..-1: the cents at -1 and -2
  const low = whole % 10_000_000
  const high = (whole - low) / 10_000_000 // < 10^7 since whole < 2^53 / 100 < 10^14
  const words: number[] = high > 0 ? [high, low] : low > 0 ? [low] : []
  if (fraction > 0) words.push(fraction)
  else if (words[words.length - 1] === 0) words.pop() // 10,000,000.00 is [1], not [1, 0]
  const exponent = high > 0 ? 7 + digitCount(high) - 1 : low > 0 ? digitCount(low) - 1 : fraction >= 1_000_000 ? -1 : -2
  // Made by the constructor (its fast path for a small integer), then given the amount's
  // fields: the same shape as every other Decimal, which keeps property reads monomorphic.
  const value = new Decimal(1) as unknown as { s: number; e: number; d: number[] }
  value.s = negative ? -1 : 1
  value.e = exponent
  value.d = words
  return value as unknown as Decimal
}

/** Digits of a word, 1 ≤ n < 10^7. */
function digitCount(n: number): number {
  return n < 1_000 ? (n < 10 ? 1 : n < 100 ? 2 : 3) : n < 100_000 ? (n < 10_000 ? 4 : 5) : n < 1_000_000 ? 6 : 7
}

/**
 * round(amount × rate × numerator / denominator) to cents in the rounding mode given:
 * `roundMoney(amount.times(rate).times(numerator).div(denominator), mode)`, the same Decimal.
 *
 * When amount in cents × rate's digits × numerator is a safe integer (every usual note), the
 * quotient and its rounding are computed on exact integers; else through decimal.js. Either
 * way the answer is the exact quotient rounded once: the 40-digit division of the Decimal path
 * cannot move a quotient onto or across a half cent (the quotient of integers below 2^53 is
 * at least 1/(2·denominator) from any half cent it is not on, far more than 40 digits resolve).
 */
export function moneyTimesRatio(
  amount: Decimal,
  rate: Decimal,
  numerator: number,
  denominator: number,
  mode: RoundingMode,
): Decimal {
  const cents = scaledInteger(amount, 2)
  const places = rate.decimalPlaces()
  const digits = places <= 22 ? scaledInteger(rate, places) : null
  if (
    cents !== null &&
    digits !== null &&
    Number.isSafeInteger(numerator) &&
    Number.isSafeInteger(denominator) &&
    denominator > 0
  ) {
    const dividend = Math.abs(cents) * Math.abs(digits) * Math.abs(numerator)
    const divisor = POW10[places]! * denominator
    if (dividend <= Number.MAX_SAFE_INTEGER && divisor <= Number.MAX_SAFE_INTEGER) {
      // % is exact on doubles, and so is the division of the multiple that is left.
      const remainder = dividend % divisor
      let quotient = (dividend - remainder) / divisor
      const twice = 2 * remainder
      if (twice > divisor || (twice === divisor && (mode === 'half-up' || quotient % 2 === 1))) quotient++
      // The sign decimal.js gives a product, a zero's included: the product of the signs.
      const negative = amount.s * rate.s * (numerator < 0 || Object.is(numerator, -0) ? -1 : 1) < 0
      return fromCents(quotient, negative)
    }
  }
  return roundMoney(amount.times(rate).times(numerator).div(denominator), mode)
}

/**
 * An exact running total from ZERO: in integer cents while every value added is whole cents
 * and the total stays a safe integer (each addition then exact), in decimal.js from the first
 * value that is not. The same Decimal as ZERO.plus(a).plus(b)...: exact either way, and a zero
 * total is +0 either way (decimal.js gives +0 for ZERO + −0 and for x + −x).
 */
export class Total {
  private cents = 0
  private decimal: Decimal | null = null

  add(value: Decimal): this {
    if (this.decimal === null) {
      const c = scaledInteger(value, 2)
      if (c !== null && Number.isSafeInteger(this.cents + c)) {
        this.cents += c
        return this
      }
      this.decimal = this.value()
    }
    this.decimal = this.decimal.plus(value)
    return this
  }

  value(): Decimal {
    if (this.decimal !== null) return this.decimal
    return this.cents < 0 ? fromCents(-this.cents, true) : fromCents(this.cents, false)
  }
}

/**
 * Whether an amount is past MAX_MONEY: amount.gt(MAX_MONEY), without the copy of MAX_MONEY
 * that decimal.js's comparisons make. Whole cents below 2^53 (9·10^13 dollars) are not past it.
 */
export function pastMaxMoney(amount: Decimal): boolean {
  return scaledInteger(amount, 2) === null && amount.gt(MAX_MONEY)
}

/** a + b exactly: in integer cents when both are whole cents and the sum fits (see Total). */
export function addMoney(a: Decimal, b: Decimal): Decimal {
  const x = scaledInteger(a, 2)
  const y = x === null ? null : scaledInteger(b, 2)
  if (x === null || y === null || !Number.isSafeInteger(x + y) || x + y === 0) return a.plus(b)
  return x + y < 0 ? fromCents(-(x + y), true) : fromCents(x + y, false)
}

/** The exact sum of amounts (see Total). */
export function sum(values: readonly Decimal[]): Decimal {
  const total = new Total()
  for (const v of values) total.add(v)
  return total.value()
}
