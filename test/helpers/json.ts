import { readFileSync } from 'node:fs'
import { pointerTokens } from '../../src/contract/json-pointer.js'

/** Reads a JSON fixture relative to test/fixtures. */
export function fixture<T = any>(path: string): T {
  return JSON.parse(readFileSync(new URL(`../fixtures/${path}`, import.meta.url), 'utf8')) as T
}

/** The value of an OpenAPI example object in examples/ (the contract's own request examples). */
export function exampleValue<T = any>(name: string): T {
  return (JSON.parse(readFileSync(new URL(`../../examples/${name}`, import.meta.url), 'utf8')) as { value: T }).value
}

/** Resolves an RFC 6901 JSON pointer. */
export function at(doc: unknown, pointer: string): unknown {
  if (pointer === '') return doc
  return pointerTokens(pointer).reduce<any>((node, key) => (node == null ? undefined : node[key]), doc)
}

/** A deep copy with a change applied, for variations of the case. */
export function variant<T>(base: T, change: (copy: any) => void): T {
  const copy = structuredClone(base)
  change(copy)
  return copy
}
