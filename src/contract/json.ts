/** JSON helpers shared by the contract modules. */

export type JsonObject = { [key: string]: unknown }

export const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v)

/** Deep copy of JSON data with every `$ref` string passed through `rewrite`. */
export function mapRefs(value: unknown, rewrite: (ref: string) => string): unknown {
  if (Array.isArray(value)) return value.map((v) => mapRefs(v, rewrite))
  if (!isObject(value)) return value
  const out: JsonObject = {}
  for (const [k, v] of Object.entries(value)) {
    out[k] = k === '$ref' && typeof v === 'string' ? rewrite(v) : mapRefs(v, rewrite)
  }
  return out
}

/** `./schemas/Date.json` (openapi.yaml) or `Date.json` (schema files), with optional fragment. */
export const FILE_REF = /^(?:\.\/schemas\/)?([A-Za-z][A-Za-z0-9]*\.json)(#.*)?$/

/** A file reference in the `$id` form validators use (`Date.json#/a`). */
export function toIdRef(ref: string, where: string): string {
  const m = FILE_REF.exec(ref)
  if (m) return `${m[1]}${m[2] ?? ''}`
  if (ref.startsWith('#/components/schemas/')) {
    throw new Error(`${where}: "${ref}": put named schemas in schemas/ and reference the file`)
  }
  return ref
}

/** Escapes one JSON Pointer segment (RFC 6901). */
export { escapeToken as pointerSegment } from './json-pointer.js'
