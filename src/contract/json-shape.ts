/**
 * What JSON.parse does not check, checked in one pass over the text before it builds anything:
 *
 * - each member is named once in its object: JSON.parse keeps the last of two, so a request
 *   `{"principal": "1000000.00", ..., "principal": "5.00"}` would be computed on 5.00 with the
 *   first value silently dropped (RFC 8259 leaves duplicates to the receiver);
 * - the body holds no more values than its byte limit allows memory for: an object costs the
 *   parser 64 bytes and an array 40 (measured, Node 20), so 32 MiB of `{},` (3 bytes each)
 *   would need about 700 MB before any schema could reject it.
 *
 * Malformed text is not this module's to judge: where the scan cannot follow the text it
 * stops and says nothing, and JSON.parse reports the error as before.
 */
import { pointerSegment } from './json.js'

export interface JsonShapeLimits {
  /** objects and arrays */
  maxContainers: number
  /** every value: objects, arrays, strings, numbers, true, false, null */
  maxValues: number
}

export type JsonShapeIssue =
  | { kind: 'duplicate-member'; pointer: string }
  | { kind: 'too-many-containers'; limit: number }
  | { kind: 'too-many-values'; limit: number }

/**
 * The limits for a body of at most `bodyLimit` bytes: one object or array per 32 bytes and one
 * value per 8. A request that means something spends more bytes on each (a member name, a date,
 * an amount); at most about 64 MB of objects and 32 MB of other values for a 32 MiB batch.
 */
export function shapeLimitsFor(bodyLimit: number): JsonShapeLimits {
  return { maxContainers: Math.max(1, Math.floor(bodyLimit / 32)), maxValues: Math.max(1, Math.floor(bodyLimit / 8)) }
}

/** Member names seen in one object: a list while short, a set once long (no quadratic scan). */
class ObjectFrame {
  readonly isObject = true
  private names: string[] | Set<string> = []
  /** the member being read: its value's pointer segment */
  current = ''

  /** Adds a member name; false when the object already has it. */
  add(name: string): boolean {
    const names = this.names
    if (Array.isArray(names)) {
      if (names.includes(name)) return false
      names.push(name)
      if (names.length > 16) this.names = new Set(names)
      return true
    }
    if (names.has(name)) return false
    names.add(name)
    return true
  }
}

class ArrayFrame {
  readonly isObject = false
  index = 0
}

type Frame = ObjectFrame | ArrayFrame

const QUOTE = 0x22
const BACKSLASH = 0x5c
const COLON = 0x3a
const COMMA = 0x2c

const isWhitespace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09
const endsScalar = (c: number): boolean => c === COMMA || c === 0x7d || c === 0x5d || isWhitespace(c)

/** The index of the quote closing the string opened at `open`, or -1. */
function closingQuote(text: string, open: number): number {
  let at = open + 1
  for (;;) {
    at = text.indexOf('"', at)
    if (at < 0) return -1
    let before = at - 1
    while (text.charCodeAt(before) === BACKSLASH) before--
    if ((at - 1 - before) % 2 === 0) return at // an even run of backslashes escapes none of the quote
    at++
  }
}

function pointerTo(frames: Frame[], name: string): string {
  let pointer = ''
  for (let i = 0; i < frames.length - 1; i++) {
    const frame = frames[i]!
    pointer += '/' + (frame.isObject ? pointerSegment(frame.current) : String(frame.index))
  }
  return `${pointer}/${pointerSegment(name)}`
}

/** The first duplicate member or exceeded limit in `text`, or null (also for malformed text). */
export function checkJsonShape(text: string, limits: JsonShapeLimits): JsonShapeIssue | null {
  const frames: Frame[] = []
  const n = text.length
  let containers = 0
  let values = 0
  let i = 0
  while (i < n) {
    const c = text.charCodeAt(i)
    if (c === QUOTE) {
      const close = closingQuote(text, i)
      if (close < 0) return null
      let next = close + 1
      while (next < n && isWhitespace(text.charCodeAt(next))) next++
      const frame = frames[frames.length - 1]
      if (next < n && text.charCodeAt(next) === COLON && frame?.isObject === true) {
        const raw = text.slice(i + 1, close)
        let name = raw
        if (raw.includes('\\')) {
          try {
            name = JSON.parse(`"${raw}"`) as string // "\u0061" and "a" are one name
          } catch {
            return null
          }
        }
        if (!frame.add(name)) return { kind: 'duplicate-member', pointer: pointerTo(frames, name) }
        frame.current = name
        i = next + 1
        continue
      }
      values++
      i = close + 1
    } else if (c === 0x7b || c === 0x5b) {
      if (++containers > limits.maxContainers) return { kind: 'too-many-containers', limit: limits.maxContainers }
      values++
      frames.push(c === 0x7b ? new ObjectFrame() : new ArrayFrame())
      i++
    } else if (c === 0x7d || c === 0x5d) {
      frames.pop()
      i++
    } else if (c === COMMA) {
      const frame = frames[frames.length - 1]
      if (frame !== undefined && !frame.isObject) frame.index++
      i++
    } else if (isWhitespace(c)) {
      i++
    } else {
      // a number, true, false or null
      values++
      i++
      while (i < n && !endsScalar(text.charCodeAt(i))) i++
    }
    if (values > limits.maxValues) return { kind: 'too-many-values', limit: limits.maxValues }
  }
  return null
}
