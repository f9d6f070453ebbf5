/**
 * The page's pure parts (no DOM): amounts written for people and back, percentages as exact
 * decimal strings, the request in a URL, the ledger as CSV, JSON pointers, New York wall time.
 * Amounts stay strings throughout: the page never does arithmetic on money.
 */

import type { components } from '../contract/types.generated.js'

type Schemas = components['schemas']

/** "1194509.70" → "1,194,509.70" (a sign and any decimals kept as written). */
export function groupDigits(amount: string): string {
  const m = /^(-?)(\d+)(\.\d+)?$/.exec(amount)
  if (m === null) return amount
  return `${m[1]}${m[2]!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${m[3] ?? ''}`
}

/**
 * What a person typed in a money field, for the API: the grouping commas taken out when they
 * group thousands as written for people ("1,000,000.00"); anything else goes as typed, for the
 * service to judge (so "1,00,0" is rejected, not read as 1000).
 */
export function ungroupDigits(text: string): string {
  const trimmed = text.trim()
  return /^\d{1,3}(,\d{3})+(\.\d*)?$/.test(trimmed) ? trimmed.replace(/,/g, '') : trimmed
}

/**
 * A value of a request or link as text: strings, numbers and booleans as written; anything else
 * (absent, null, an object where a person edited a link) as `fallback`, never "[object Object]".
 */
export const scalarText = (value: unknown, fallback = ''): string =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : fallback

/** Moves a non-negative decimal string's point by `places` (negative: left), exactly. */
function shiftPoint(decimal: string, places: number): string | null {
  const m = /^(\d*)(?:\.(\d*))?$/.exec(decimal)
  if (m === null || (m[1] === '' && (m[2] ?? '') === '')) return null
  const whole = m[1] ?? ''
  const fraction = m[2] ?? ''
  let digits = whole + fraction
  let point = whole.length + places
  if (point < 0) {
    digits = '0'.repeat(-point) + digits
    point = 0
  }
  if (point > digits.length) digits += '0'.repeat(point - digits.length)
  const int = digits.slice(0, point).replace(/^0+(?=\d)/, '') || '0'
  const frac = digits.slice(point).replace(/0+$/, '')
  return frac === '' ? int : `${int}.${frac}`
}

/** "12.5" (percent, as typed) → "0.125" (the API's fraction); text that is not a number is returned as typed. */
export function percentToFraction(text: string): string {
  const trimmed = text.trim().replace(/\s*%$/, '')
  return shiftPoint(trimmed, -2) ?? text.trim()
}

/** "0.125" → "12.5". */
export function fractionToPercent(fraction: string): string {
  return shiftPoint(fraction, 2) ?? fraction
}

/** base64url (RFC 4648 §5, no padding) of the UTF-8 JSON of a value. */
export function encodeForUrl(value: unknown): string {
  const bytes = new TextEncoder().encode(JSON.stringify(value))
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

/** The value encodeForUrl wrote; throws on text that is not base64url of UTF-8 JSON. */
export function decodeFromUrl(text: string): unknown {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('not base64url')
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'))
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0))
  return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes))
}

/** A ledger row as the contract answers it. */
export type LedgerRow = Schemas['LedgerRow']

const LEDGER_COLUMNS = [
  'start',
  'end',
  'days',
  'principal',
  'rate',
  'rateKind',
  'form',
  'yearFraction',
  'amount',
  'status',
  'interestDate',
] as const

const csvField = (value: string): string => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value)

/** The ledger as RFC 4180 CSV: the API's field names as the header, amounts as the API writes them (no grouping). */
export function ledgerCsv(rows: readonly LedgerRow[]): string {
  const lines = [LEDGER_COLUMNS.join(',')]
  for (const row of rows) lines.push(LEDGER_COLUMNS.map((c) => csvField(String(row[c] ?? ''))).join(','))
  return `${lines.join('\r\n')}\r\n`
}

/** A JSON pointer's reference tokens, unescaped. */
function pointerTokens(pointer: string): string[] {
  if (pointer === '') return []
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'))
}

type Json = Record<string, unknown>
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)

export function getAt(root: unknown, pointer: string): unknown {
  let node = root
  for (const token of pointerTokens(pointer)) {
    if (!isObject(node) && !Array.isArray(node)) return undefined
    node = (node as Json)[token]
  }
  return node
}

/** Sets (or, for `undefined`, deletes) the value at a pointer, making the objects on the way. */
export function setAt(root: Json, pointer: string, value: unknown): void {
  const tokens = pointerTokens(pointer)
  let node: Json = root
  for (const token of tokens.slice(0, -1)) {
    if (!isObject(node[token])) {
      if (value === undefined) return
      node[token] = {}
    }
    node = node[token] as Json
  }
  const last = tokens[tokens.length - 1]!
  if (value === undefined) delete node[last]
  else node[last] = value
}

/** The pointers of a value's leaves (arrays count as leaves), for what the form does not show. */
export function leafPointers(value: unknown, at = ''): string[] {
  if (!isObject(value)) return [at]
  return Object.entries(value).flatMap(([k, v]) =>
    leafPointers(v, `${at}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`),
  )
}

/**
 * The UTC offset of New York at a wall-clock date and time ("-04:00" in summer, "-05:00" in
 * winter), from the browser's time-zone data.
 */
export function newYorkOffset(date: string, time: string): string {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number]
  const [h, mi] = time.split(':').map(Number) as [number, number]
  const offsetAt = (instant: number): number => {
    const name = new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', timeZoneName: 'longOffset' })
      .formatToParts(instant)
      .find((p) => p.type === 'timeZoneName')?.value
    const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name ?? '')
    return m === null ? 0 : (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]))
  }
  const wall = Date.UTC(y, mo - 1, d, h, mi)
  // Guess standard time, then correct once: right on both sides of a change of clocks.
  let offset = offsetAt(wall + 5 * 3_600_000)
  offset = offsetAt(wall - offset * 60_000)
  const sign = offset < 0 ? '-' : '+'
  const abs = Math.abs(offset)
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`
}

/** A timestamp's New York date and time ("2008-09-29T18:30:00Z" → 2008-09-29, 14:30). */
export function newYorkWallTime(timestamp: string): { date: string; time: string } | null {
  const instant = Date.parse(timestamp)
  if (Number.isNaN(instant)) return null
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: 'America/New_York',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  )
  return { date: `${parts['year']}-${parts['month']}-${parts['day']}`, time: `${parts['hour']}:${parts['minute']}` }
}

/** Whole days from one ISO date to another (calendar dates, no time zone involved). */
export function daysFrom(from: string, to: string): number {
  const utc = (d: string) => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)))
  return Math.round((utc(to) - utc(from)) / 86_400_000)
}

/** "2008-10-15" → "15 Oct 2008" (for the chart's axis, where space is short). */
export function shortDate(date: string): string {
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
  return `${Number(date.slice(8, 10))} ${months[Number(date.slice(5, 7)) - 1]} ${date.slice(0, 4)}`
}

/** What the timeline's event codes say, for people. */
const EVENT_NAMES: Readonly<Record<string, string>> = {
  'note-issued': 'Note issued',
  'spa-closing': 'SPA Closing',
  'principal-payment': 'Principal payment',
  'covenant-deadline': 'Covenant deadline',
  'covenant-performed': 'Covenant performed',
  'covenant-breach': 'Covenant in breach',
  'notice-sent': 'Notice sent',
  'notice-effective': 'Notice effective',
  'cure-deadline': 'Cure deadline',
  cured: 'Default cured',
  'event-of-default': 'Event of Default',
  'default-rates-start': 'Default rates start',
  'default-rates-stop': 'Default rates stop',
  'redemption-election': 'Redemption election',
  'redemption-election-effective': 'Election effective',
  'redemption-payment-due': 'Payment due',
  'redemption-payment': 'Redemption paid',
  maturity: 'Maturity',
}

export const eventName = (code: string): string =>
  EVENT_NAMES[code] ?? code.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase())

/** Assumptions that state rates or the portion as the API's fractions, in percent as the form shows them. */
export function assumptionText(a: { code: string; description: string }): string {
  if (!['rates', 'portion', 'late-charge'].includes(a.code)) return a.description
  return a.description.replace(/(?<![\d.-])(\d+\.\d+)(?![\d.-])/g, (fraction) => `${fractionToPercent(fraction)}%`)
}
