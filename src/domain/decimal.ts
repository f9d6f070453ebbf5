/**
 * Exact decimal arithmetic for money and rates.
 *
 * One decimal.js constructor, configured once: 40 significant digits is far beyond any
 * amount this service handles (at most 10^15 with cents), so intermediate products are exact
 * and only the explicit rounding to cents rounds.
 */
import { Decimal as DecimalJs } from 'decimal.js'

export const Decimal = DecimalJs.clone({ precision: 40, rounding: DecimalJs.ROUND_HALF_UP, toExpNeg: -40, toExpPos: 40 })
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

/** Money as carried in JSON: always two decimals ("0.00", "1188041.47"). */
export function formatMoney(amount: Decimal): string {
  // Amounts are nearly always whole cents already: then toFixed(2), which rounds (a new
  // Decimal each call, the engine's costliest formatting), is toString() padded to two
  // decimals. toString() uses no exponent below 10^toExpPos (40).
  if (amount.decimalPlaces() <= 2 && amount.e < 40) {
    const text = amount.toString()
    const dot = text.indexOf('.')
    return dot < 0 ? `${text}.00` : dot === text.length - 2 ? `${text}0` : text
  }
  return amount.toFixed(2)
}

/** Where a rate read from a request keeps its text (decimal.js keeps the value, not the zeros). */
const WRITTEN: unique symbol = Symbol('rate as written')
type Written = Decimal & { readonly [WRITTEN]?: string }

/**
 * A rate or fraction read from a request (or a default), exact, remembering how it was written:
 * responses echo it as given, so "0.10" stays "0.10". Arithmetic on it yields plain values.
 */
export function rateAsWritten(text: string): Decimal {
  const rate = new Decimal(text)
  Object.defineProperty(rate, WRITTEN, { value: text, enumerable: false })
  return rate
}

/**
 * A rate or fraction as carried in JSON: as written when it came from the request or a default
 * ("0.10"), else in lowest terms, without trailing zeros ("0.1").
 */
export function formatRate(rate: Decimal): string {
  return (rate as Written)[WRITTEN] ?? rate.toString()
}

/** A year fraction as carried in JSON: at most 20 decimals, trailing zeros dropped. */
export function formatFraction(value: Decimal): string {
  return value.toDecimalPlaces(20).toString()
}

export function sum(values: Iterable<Decimal>): Decimal {
  let total = ZERO
  for (const v of values) total = total.plus(v)
  return total
}
