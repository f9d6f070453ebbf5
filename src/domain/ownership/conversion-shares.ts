/**
 * Shares issuable on conversion: the convertible amount divided by the conversion price,
 * rounded to a whole share. Notes pay fractions in cash, so the default rounds down.
 */
import { Decimal as DecimalJs } from 'decimal.js'
import { Decimal } from '../decimal.js'

export type ConversionShareRounding = 'down' | 'half-up' | 'up'
export const DEFAULT_CONVERSION_SHARE_ROUNDING: ConversionShareRounding = 'down'

const MODES: Record<ConversionShareRounding, DecimalJs.Rounding> = {
  down: DecimalJs.ROUND_DOWN,
  'half-up': DecimalJs.ROUND_HALF_UP,
  up: DecimalJs.ROUND_UP,
}

/** amount / price to a whole share; `price` must be positive (the caller reports a zero price). */
export function conversionShares(
  amount: Decimal,
  conversionPrice: Decimal,
  rounding: ConversionShareRounding = DEFAULT_CONVERSION_SHARE_ROUNDING,
): Decimal {
  if (!conversionPrice.gt(0)) throw new RangeError('the conversion price must be positive')
  // amount has at most 2 decimals and 15 digits, the price at most 10 decimals: the quotient's
  // integer part is exact at 40 significant digits, and a fraction never rounds up to a whole.
  return amount.div(conversionPrice).toDecimalPlaces(0, MODES[rounding])
}
