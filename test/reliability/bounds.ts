/**
 * What "bounded" means for the request schemas, as a walk over every schema a request body,
 * query or path parameter can reach: each string has a maxLength (or is an enum or const),
 * each array a maxItems, each integer or number a minimum and a maximum, each object
 * `additionalProperties: false` (or, for a map, a maxProperties and a propertyNames maxLength),
 * and each `uniqueItems` array scalar-typed items (Ajv compares object items with
 * fast-deep-equal, which calls a `valueOf` key sent as data).
 */
import type { Contract } from '../../src/contract/index.js'

type Json = Record<string, any>

/** Problems of the schema reachable from `root`, each as "where: what". */
export function unbounded(contract: Contract, root: unknown, where: string, seen = new Set<unknown>()): string[] {
  const out: string[] = []
  const resolve = (ref: string): Json | undefined => {
    const [file, fragment] = ref.split('#')
    let node: any = contract.schemas.get(file!)
    for (const part of (fragment ?? '').split('/').filter(Boolean)) node = node?.[part]
    return node
  }
  const walk = (node: unknown, at: string): void => {
    if (node === null || typeof node !== 'object' || seen.has(node)) return
    seen.add(node)
    const s = node as Json
    if (typeof s['$ref'] === 'string') walk(resolve(s['$ref']), `${at} → ${s['$ref']}`)
    for (const key of ['anyOf', 'oneOf', 'allOf'])
      if (Array.isArray(s[key])) s[key].forEach((b: unknown, i: number) => walk(b, `${at}/${key}/${i}`))
    const types: string[] = Array.isArray(s['type']) ? s['type'] : s['type'] ? [s['type']] : []
    // A $ref's target is checked where it is defined.
    const fixed = 'enum' in s || 'const' in s || typeof s['$ref'] === 'string'
    if (types.includes('string') && !fixed && typeof s['maxLength'] !== 'number')
      out.push(`${at}: a string without maxLength`)
    if (
      (types.includes('integer') || types.includes('number')) &&
      !fixed &&
      (typeof s['minimum'] !== 'number' || typeof s['maximum'] !== 'number')
    ) {
      out.push(`${at}: a number without minimum and maximum`)
    }
    if (types.includes('array')) {
      if (typeof s['maxItems'] !== 'number') out.push(`${at}: an array without maxItems`)
      if (s['uniqueItems'] === true) {
        const items = s['items'] as Json | undefined
        const itemTypes: string[] = Array.isArray(items?.['type'])
          ? items['type']
          : items?.['type']
            ? [items['type']]
            : []
        if (itemTypes.length === 0 || itemTypes.some((t) => t === 'object' || t === 'array'))
          out.push(`${at}: uniqueItems without scalar-typed items`)
      }
      walk(s['items'], `${at}/items`)
    }
    if (types.includes('object')) {
      // A map (keys chosen by the caller) is bounded by its number of keys and their length.
      const map = typeof s['additionalProperties'] === 'object' && s['additionalProperties'] !== null
      if (map) {
        if (typeof s['maxProperties'] !== 'number') out.push(`${at}: a map without maxProperties`)
        if (typeof s['propertyNames']?.['maxLength'] !== 'number')
          out.push(`${at}: a map without propertyNames.maxLength`)
        walk(s['additionalProperties'], `${at}/additionalProperties`)
      } else if (s['additionalProperties'] !== false) out.push(`${at}: an object that allows unknown fields`)
      for (const [name, p] of Object.entries((s['properties'] ?? {}) as Json)) walk(p, `${at}/${name}`)
    }
  }
  walk(root, where)
  return out
}
