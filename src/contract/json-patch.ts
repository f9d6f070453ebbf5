/**
 * RFC 6902 JSON Patches on a scenario request, for POST /v1/scenarios/compare, applied with
 * fast-json-patch. Two kinds of failure:
 *
 * - what is wrong whatever the scenario (`patchFieldErrors`): a path outside the scenario
 *   request's fields, a `move` into its own child. The whole request is a 400 at the
 *   operation's pointer in the compare request (`/variants/3/patch/0/path`).
 * - what depends on the scenario (`applyPatch`): a `test` that fails, a path with no value, an
 *   array index past the end, a result larger than the body limit. That variant alone fails,
 *   with a problem whose pointer is the operation's `path` (or `from`) in the scenario.
 *
 * fast-json-patch resolves pointers with `obj[key]`, which finds inherited members
 * (`/note/toString`), and its own `move` and `copy` neither check the target's parent nor
 * avoid copying the whole document; so names of Object.prototype members are refused up front
 * (no scenario field has one), and `move` and `copy` are applied as the RFC defines them: a
 * read of `from`, then `remove` and `add`, each checked by the library.
 */
import jsonpatch from 'fast-json-patch'
import { problem, type FieldError, type Problem } from './problem.js'

export type PatchOperation =
  | { op: 'add' | 'replace' | 'test'; path: string; value: unknown }
  | { op: 'remove'; path: string }
  | { op: 'move' | 'copy'; from: string; path: string }

/** Member names no scenario field has, which `obj[key]` would find on any object. */
const BUILT_IN = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype'])

const unescape = (token: string): string => token.replace(/~1/g, '/').replace(/~0/g, '~')
const tokensOf = (pointer: string): string[] => (pointer === '' ? [] : pointer.slice(1).split('/').map(unescape))

function pointerProblem(pointer: string, fields: ReadonlySet<string>): string | null {
  const tokens = tokensOf(pointer)
  if (tokens.length === 0) return null // the whole scenario
  if (!fields.has(tokens[0]!)) {
    return `is outside the scenario request: pointers are relative to the scenario, so the first segment is one of ${[...fields].join(', ')}`
  }
  const builtIn = tokens.find((t) => BUILT_IN.has(t))
  if (builtIn !== undefined) return `names "${builtIn}", which is no field of a scenario request`
  return null
}

/**
 * The errors of a patch that no scenario could make right, with pointers under `at`
 * (`/variants/3/patch`). `fields` are the scenario request's top-level fields.
 */
export function patchFieldErrors(patch: readonly PatchOperation[], at: string, fields: ReadonlySet<string>): FieldError[] {
  const errors: FieldError[] = []
  patch.forEach((op, j) => {
    const pathProblem = pointerProblem(op.path, fields)
    if (pathProblem !== null) errors.push({ pointer: `${at}/${j}/path`, detail: pathProblem })
    if (op.op === 'move' || op.op === 'copy') {
      const fromProblem = pointerProblem(op.from, fields)
      if (fromProblem !== null) errors.push({ pointer: `${at}/${j}/from`, detail: fromProblem })
      // RFC 6902 4.4: a location cannot be moved into one of its children.
      else if (op.op === 'move' && op.path.startsWith(`${op.from}/`)) {
        errors.push({ pointer: `${at}/${j}/from`, detail: `is a proper prefix of path ${op.path}: a value cannot be moved into one of its own children` })
      }
    }
  })
  return errors
}

export type PatchOutcome = { ok: true; document: unknown } | { ok: false; problem: Problem }

const WHY: Record<string, string> = {
  TEST_OPERATION_FAILED: 'the value here is not the value the test gives',
  OPERATION_PATH_UNRESOLVABLE: 'there is no value here',
  OPERATION_FROM_UNRESOLVABLE: 'there is no value here',
  OPERATION_PATH_CANNOT_ADD: 'its parent does not exist, so nothing can be added here',
  OPERATION_PATH_ILLEGAL_ARRAY_INDEX: 'an array index must be a non-negative integer, or "-" to add at the end',
  OPERATION_VALUE_OUT_OF_BOUNDS: 'the index is past the end of the array',
}

/** The size of a JSON value as UTF-8 text, and that text. */
function measured(value: unknown): { text: string; bytes: number } {
  const text = JSON.stringify(value)
  return { text, bytes: Buffer.byteLength(text) }
}

/**
 * Applies `patch` to a copy of `scenario`, operation by operation. The patched request is
 * bounded as a request body is: an upper bound of its size (the scenario's `scenarioBytes`
 * plus every value an operation adds or copies, nothing taken off for removals) may not pass
 * `maxBytes`, checked before each value is added, so a chain of copies stops at the limit.
 */
export function applyPatch(scenario: unknown, scenarioBytes: number, patch: readonly PatchOperation[], maxBytes: number): PatchOutcome {
  let document: unknown = structuredClone(scenario)
  let bytes = scenarioBytes
  let j = 0
  let at = ''
  /** Adds a value given as JSON text: a fresh copy, so no later operation changes the patch or another location. */
  const add = (path: string, text: string, op: 'add' | 'replace'): void => {
    at = path
    document = jsonpatch.applyOperation(document, { op, path, value: JSON.parse(text) }, true, true, true, j).newDocument
  }
  const grow = (value: unknown, pointer: string): string | Problem => {
    const { text, bytes: added } = measured(value)
    bytes += added
    if (bytes <= maxBytes) return text
    return problem('payload-too-large', `Operation ${j} (${patch[j]!.op} at "${patch[j]!.path}") would make the scenario request larger than ${maxBytes} bytes, the most a request body may hold.`, [
      { pointer, detail: `adding ${added} bytes here passes the limit of ${maxBytes} bytes` },
    ])
  }
  try {
    for (; j < patch.length; j++) {
      const op = patch[j]!
      switch (op.op) {
        case 'add':
        case 'replace': {
          const text = grow(op.value, op.path)
          if (typeof text !== 'string') return { ok: false, problem: text }
          add(op.path, text, op.op)
          break
        }
        case 'remove':
        case 'test':
          at = op.path
          document = jsonpatch.applyOperation(document, op.op === 'test' ? { op: 'test', path: op.path, value: op.value } : { op: 'remove', path: op.path }, true, true, true, j).newDocument
          break
        case 'move':
        case 'copy': {
          at = op.from
          const read = { op: '_get' as const, path: op.from, value: undefined as unknown }
          jsonpatch.applyOperation(document, read, true, true, true, j)
          if (op.op === 'move') {
            // RFC 6902 4.4: a remove at `from`, then an add at `path`; moving a value to where it is changes nothing.
            if (op.from === op.path) break
            document = jsonpatch.applyOperation(document, { op: 'remove', path: op.from }, true, true, true, j).newDocument
            add(op.path, JSON.stringify(read.value), 'add')
          } else {
            const text = grow(read.value, op.path)
            if (typeof text !== 'string') return { ok: false, problem: text }
            add(op.path, text, 'add')
          }
          break
        }
      }
    }
  } catch (error) {
    if (!(error instanceof jsonpatch.JsonPatchError)) throw error
    const op = patch[j]!
    const why = WHY[error.name] ?? `the operation does not apply (${error.name})`
    return {
      ok: false,
      problem: problem('patch-conflict', `Operation ${j} of the patch (${op.op} at "${op.path}") does not apply to the scenario: ${why}.`, [
        { pointer: at, detail: `operation ${j} (${op.op}): ${why}` },
      ]),
    }
  }
  return { ok: true, document }
}
