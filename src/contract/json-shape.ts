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
 * stops and says nothing, and JSON.parse reports the error. Text malformed after a duplicate
 * name or past a limit gets that answer instead (a 400 or 413 either way).
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

const QUOTE = 0x22
const BACKSLASH = 0x5c
const COLON = 0x3a
const COMMA = 0x2c
/**
 * Up to this many members, an object's names are compared in place; past it, or once a name has an escape, kept in a
 * set.
 */
const FEW_MEMBERS = 8

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

/** Whether text[a, a + length) and text[b, b + length) are the same characters. */
function sameText(text: string, a: number, b: number, length: number): boolean {
  for (let k = 0; k < length; k++) if (text.charCodeAt(a + k) !== text.charCodeAt(b + k)) return false
  return true
}

function hasEscape(text: string, start: number, end: number): boolean {
  for (let k = start; k < end; k++) if (text.charCodeAt(k) === BACKSLASH) return true
  return false
}

/** FNV-1a over a name's characters, or -1 when it has an escape (then only its decoded form compares). */
function hashOf(text: string, start: number, end: number): number {
  let hash = 0x811c9dc5
  for (let k = start; k < end; k++) {
    const c = text.charCodeAt(k)
    if (c === BACKSLASH) return -1
    hash = Math.imul(hash ^ c, 0x01000193) >>> 0
  }
  return hash
}

/** A member name from its raw text between the quotes, or null when an escape is malformed. */
function nameAt(text: string, start: number, end: number): string | null {
  const raw = text.slice(start, end)
  if (!hasEscape(text, start, end)) return raw
  try {
    return JSON.parse(`"${raw}"`) as string // "\u0061" and "a" are one name
  } catch {
    return null
  }
}

/**
 * The first duplicate member or exceeded limit in `text`, or null (also for malformed text).
 *
 * It allocates next to nothing for what it reads (a batch body is read once more, whole):
 * open containers are a few number stacks, and member names are compared by length and hash,
 * then where they stand in the text; only an object of more than 8 members, or one with an
 * escaped name, keeps its names in a set. Each character is looked at a bounded number of
 * times, so a 32 MiB body is read in tens of milliseconds, whatever its shape.
 */
export function checkJsonShape(text: string, limits: JsonShapeLimits): JsonShapeIssue | null {
  const n = text.length
  // One entry per open container.
  const objectAt: boolean[] = []
  const indexAt: number[] = [] // an array's current item
  const namesFrom: number[] = [] // where its members start in nameStart/nameEnd
  const sets: Array<Set<string> | undefined> = []
  // The members of every open object, innermost last: each name's bounds in the text.
  const nameStart: number[] = []
  const nameEnd: number[] = []
  const nameHash: number[] = []
  let containers = 0
  let values = 0
  let i = 0

  const pointerTo = (name: string): string => {
    let pointer = ''
    for (let d = 0; d < objectAt.length - 1; d++) {
      const member = namesFrom[d + 1]! - 1 // the last name of depth d: the member being read there
      pointer +=
        '/' +
        (objectAt[d] ? pointerSegment(nameAt(text, nameStart[member]!, nameEnd[member]!) ?? '') : String(indexAt[d]))
    }
    return `${pointer}/${pointerSegment(name)}`
  }

  while (i < n) {
    const c = text.charCodeAt(i)
    if (c === QUOTE) {
      const close = closingQuote(text, i)
      if (close < 0) return null
      let next = close + 1
      while (next < n && isWhitespace(text.charCodeAt(next))) next++
      const depth = objectAt.length - 1
      if (next < n && text.charCodeAt(next) === COLON && objectAt[depth] === true) {
        const start = i + 1
        const from = namesFrom[depth]!
        const hash = hashOf(text, start, close)
        let set = sets[depth]
        if (set === undefined && (nameStart.length - from >= FEW_MEMBERS || hash < 0)) {
          set = new Set()
          for (let k = from; k < nameStart.length; k++) set.add(nameAt(text, nameStart[k]!, nameEnd[k]!)!)
          sets[depth] = set
        }
        if (set !== undefined) {
          const name = nameAt(text, start, close)
          if (name === null) return null
          if (set.has(name)) return { kind: 'duplicate-member', pointer: pointerTo(name) }
          set.add(name)
        } else {
          const length = close - start
          for (let k = from; k < nameStart.length; k++) {
            if (
              nameHash[k] === hash &&
              nameEnd[k]! - nameStart[k]! === length &&
              sameText(text, nameStart[k]!, start, length)
            ) {
              return { kind: 'duplicate-member', pointer: pointerTo(text.slice(start, close)) }
            }
          }
        }
        nameStart.push(start)
        nameEnd.push(close)
        nameHash.push(hash)
        i = next + 1
        continue
      }
      values++
      i = close + 1
    } else if (c === 0x7b || c === 0x5b) {
      if (++containers > limits.maxContainers) return { kind: 'too-many-containers', limit: limits.maxContainers }
      values++
      objectAt.push(c === 0x7b)
      indexAt.push(0)
      namesFrom.push(nameStart.length)
      sets.push(undefined)
      i++
    } else if (c === 0x7d || c === 0x5d) {
      if (objectAt.length > 0) {
        nameStart.length = nameEnd.length = nameHash.length = namesFrom.pop()!
        objectAt.pop()
        indexAt.pop()
        sets.pop()
      }
      i++
    } else if (c === COMMA) {
      const depth = objectAt.length - 1
      if (depth >= 0 && !objectAt[depth]) indexAt[depth]!++
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
