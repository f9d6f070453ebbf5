/**
 * Loads the contract (openapi.yaml + schemas/*.json) and bundles it into one document.
 *
 * Files reference each other by file name: openapi.yaml uses `./schemas/Date.json`, schema
 * files use `Date.json`. Each schema gets `$id` = its file name, so validators resolve the
 * same references the document shows. The bundle rewrites every file reference to
 * `#/components/schemas/<Name>` for tools that want a single file.
 *
 * Examples too large to write inline are Example Objects (`{ summary, value }`) in
 * `examples/<name>.json`, referenced from openapi.yaml as `$ref: './examples/<name>.json'`;
 * the bundle moves them to `#/components/examples/<name>`.
 */
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse, stringify } from 'yaml'
import { FILE_REF, isObject, mapRefs, type JsonObject } from './json.js'
import { buildOperations, type Operation } from './operations.js'

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url))

export interface Contract {
  /** openapi.yaml as written (file references intact) */
  readonly document: JsonObject
  /** schema `$id` (file name, `Date.json`) → schema with `$id` set */
  readonly schemas: ReadonlyMap<string, JsonObject>
  /** operationId → method, URL and Fastify route schema */
  readonly operations: ReadonlyMap<string, Operation>
  /** one self-contained OpenAPI document */
  readonly bundle: JsonObject
  readonly bundleJson: string
  readonly bundleYaml: string
}

const SCHEMA_FILE = /^[A-Za-z][A-Za-z0-9]*\.json$/

function readSchemas(dir: string): Map<string, JsonObject> {
  const schemas = new Map<string, JsonObject>()
  for (const file of readdirSync(dir).sort()) {
    if (!file.endsWith('.json')) continue
    if (!SCHEMA_FILE.test(file)) throw new Error(`schemas/${file}: name schema files <Name>.json (letters and digits)`)
    const schema: unknown = JSON.parse(readFileSync(join(dir, file), 'utf8'))
    if (!isObject(schema)) throw new Error(`schemas/${file}: not a JSON object`)
    if ('$id' in schema) throw new Error(`schemas/${file}: remove "$id"; the loader assigns the file name`)
    const { $schema: _dialect, ...rest } = schema
    schemas.set(file, { $id: file, ...rest })
  }
  return schemas
}

/** `./examples/liquidmetal-2008.scenario.request.json` in openapi.yaml. */
const EXAMPLE_REF = /^\.\/examples\/([A-Za-z0-9][A-Za-z0-9._-]*)\.json$/

function readExample(root: string, name: string): JsonObject {
  const file = `examples/${name}.json`
  let example: unknown
  try {
    example = JSON.parse(readFileSync(join(root, file), 'utf8'))
  } catch (error) {
    throw new Error(`openapi.yaml: $ref to ${file}: ${(error as Error).message}`, { cause: error })
  }
  if (!isObject(example) || !('value' in example)) throw new Error(`${file}: expected an Example Object with a "value"`)
  return example
}

function bundleOf(root: string, document: JsonObject, schemas: ReadonlyMap<string, JsonObject>): JsonObject {
  const known = (file: string, where: string): string => {
    if (!schemas.has(file)) throw new Error(`${where}: $ref to missing schemas/${file}`)
    return file.slice(0, -'.json'.length)
  }
  const toComponent = (ref: string, where: string, self?: string): string => {
    if (self && ref.startsWith('#')) return `#/components/schemas/${self}${ref.slice(1)}`
    const m = FILE_REF.exec(ref)
    return m ? `#/components/schemas/${known(m[1]!, where)}${m[2]?.slice(1) ?? ''}` : ref
  }
  const components: JsonObject = {}
  for (const [id, schema] of schemas) {
    const name = id.slice(0, -'.json'.length)
    const { $id: _id, ...body } = schema
    components[name] = mapRefs(body, (ref) => toComponent(ref, `schemas/${id}`, name))
  }
  const examples = new Map<string, JsonObject>()
  const toExample = (ref: string): string | undefined => {
    const m = EXAMPLE_REF.exec(ref)
    if (!m) return undefined
    if (!examples.has(m[1]!)) examples.set(m[1]!, readExample(root, m[1]!))
    return `#/components/examples/${m[1]}`
  }
  const bundled = mapRefs(document, (ref) => toExample(ref) ?? toComponent(ref, 'openapi.yaml')) as JsonObject
  const existing = isObject(bundled['components']) ? bundled['components'] : {}
  const inline = isObject(existing['examples']) ? existing['examples'] : {}
  for (const name of examples.keys()) {
    if (name in inline) throw new Error(`openapi.yaml: components.examples.${name} clashes with examples/${name}.json`)
  }
  const allExamples = { ...inline, ...Object.fromEntries(examples) }
  bundled['components'] = {
    ...existing,
    ...(Object.keys(allExamples).length > 0 ? { examples: allExamples } : {}),
    schemas: components,
  }
  return bundled
}

export function readContract(root: string): Contract {
  const document: unknown = parse(readFileSync(join(root, 'openapi.yaml'), 'utf8'))
  if (!isObject(document) || typeof document['openapi'] !== 'string' || !document['openapi'].startsWith('3.1')) {
    throw new Error('openapi.yaml: expected an OpenAPI 3.1 document')
  }
  const components = document['components']
  if (isObject(components) && components['schemas'] !== undefined) {
    throw new Error('openapi.yaml: components.schemas is generated; put named schemas in schemas/')
  }
  const schemas = readSchemas(join(root, 'schemas'))
  const bundle = bundleOf(root, document, schemas)
  return {
    document,
    schemas,
    operations: buildOperations(document),
    bundle,
    bundleJson: JSON.stringify(bundle),
    bundleYaml: stringify(bundle, { aliasDuplicateObjects: false, lineWidth: 0, blockQuote: 'literal' }),
  }
}

const cache = new Map<string, Contract>()

/** The contract under `root`, read and bundled once per process. */
export function loadContract(root: string = REPO_ROOT): Contract {
  let contract = cache.get(root)
  if (!contract) {
    contract = readContract(root)
    cache.set(root, contract)
  }
  return contract
}
