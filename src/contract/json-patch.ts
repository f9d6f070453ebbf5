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
import type { PatchOperation } from '../domain/readings.js'
import { pointerTokens } from './json-pointer.js'
import { problem, type FieldError, type Problem } from './problem.js'

export type { PatchOperation }

/** Member names no scenario field has, which `obj[key]` would find on any object. */
const BUILT_IN = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype'])

const tokensOf = pointerTokens

function pointerProblem(pointer: string, fields: ReadonlySet<string>): string | null {
  const tokens = tokensOf(pointer)
  if (tokens.length === 0) return null // the whole scenario
  if (!fields.has(tokens[0]!)) {
    return (
      `is outside the scenario request: pointers are relative to the scenario, so the first segment is one of ` +
      `${[...fields].join(', ')}`
    )
  }
  const builtIn = tokens.find((t) => BUILT_IN.has(t))
  if (builtIn !== undefined) return `names "${builtIn}", which is no field of a scenario request`
  return null
}

/**
 * How deep a scenario request may nest, as patched. A valid one nests 4 levels
 * (`/note/redemption/conversion/conversionPrice`); thousands of levels (a deep value, or a
 * chain of copies each into the last) would exhaust the stack of the recursive
 * JSON.stringify that copies and measures values, and of the validator.
 */
export const MAX_DEPTH = 32

/**
 * How many arrays and objects a JSON value nests (0 for a scalar), found without recursion; past `limit`, limit + 1.
 */
function depthOf(value: unknown, limit: number): number {
  let deepest = 0
  const stack: Array<[unknown, number]> = [[value, 0]]
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!
    if (node === null || typeof node !== 'object') continue
    if (depth + 1 > limit) return limit + 1
    deepest = Math.max(deepest, depth + 1)
    for (const child of Array.isArray(node) ? node : Object.values(node)) stack.push([child, depth + 1])
  }
  return deepest
}

/**
 * The errors of a patch that no scenario could make right, with pointers under `at`
 * (`/variants/3/patch`). `fields` are the scenario request's top-level fields.
 */
export function patchFieldErrors(
  patch: readonly PatchOperation[],
  at: string,
  fields: ReadonlySet<string>,
): FieldError[] {
  const errors: FieldError[] = []
  patch.forEach((op, j) => {
    const pathProblem = pointerProblem(op.path, fields)
    if (pathProblem !== null) errors.push({ pointer: `${at}/${j}/path`, detail: pathProblem })
    if ('value' in op && depthOf(op.value, MAX_DEPTH) > MAX_DEPTH) {
      errors.push({
        pointer: `${at}/${j}/value`,
        detail: `nests arrays and objects more than ${MAX_DEPTH} levels deep, deeper than any scenario request`,
      })
    }
    if (op.op === 'move' || op.op === 'copy') {
      const fromProblem = pointerProblem(op.from, fields)
      if (fromProblem !== null) errors.push({ pointer: `${at}/${j}/from`, detail: fromProblem })
      // RFC 6902 4.4: a location cannot be moved into one of its children.
      else if (op.op === 'move' && op.path.startsWith(`${op.from}/`)) {
        errors.push({
          pointer: `${at}/${j}/from`,
          detail: `is a proper prefix of path ${op.path}: a value cannot be moved into one of its own children`,
        })
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

/**
 * Applies `patch` to a copy of `scenario`, operation by operation. The patched request is
 * bounded as a request body is: an upper bound of its size (the scenario's `scenarioBytes`
 * plus every value an operation adds or copies, nothing taken off for removals) may not pass
 * `maxBytes`, and it may not nest more than MAX_DEPTH levels; both are checked before each
 * value is placed, so a chain of copies stops at the limit.
 */
export function applyPatch(
  scenario: unknown,
  scenarioBytes: number,
  patch: readonly PatchOperation[],
  maxBytes: number,
): PatchOutcome {
  let document: unknown = structuredClone(scenario)
  let bytes = scenarioBytes
  let j = 0
  let at = ''
  const operation = () => `Operation ${j} (${patch[j]!.op} at "${patch[j]!.path}")`
  /**
   * One operation by the library, checked. A document made a scalar (`replace ""` with null) has no members: the
   * library would read one of null.
   */
  const apply = (op: jsonpatch.Operation): void => {
    if (op.path !== '' && (document === null || typeof document !== 'object')) {
      throw new jsonpatch.JsonPatchError(
        'Cannot perform operation at the desired path',
        'OPERATION_PATH_UNRESOLVABLE',
        j,
        op,
        document,
      )
    }
    document = jsonpatch.applyOperation(document, op, true, true, true, j).newDocument
  }
  /**
   * Places a value at `path` (an add, or a replace), as a fresh copy so that no later operation
   * changes the patch or another location; `grows` counts its size (not for a move).
   */
  const place = (value: unknown, path: string, op: 'add' | 'replace', grows: boolean): Problem | null => {
    at = path
    if (tokensOf(path).length + depthOf(value, MAX_DEPTH) > MAX_DEPTH) {
      return problem(
        'validation',
        `${operation()} would nest the scenario request more than ${MAX_DEPTH} levels deep.`,
        [{ pointer: path, detail: `a value placed here would nest more than ${MAX_DEPTH} levels deep` }],
      )
    }
    const text = JSON.stringify(value)
    const added = Buffer.byteLength(text)
    if (grows) bytes += added
    if (bytes > maxBytes) {
      return problem(
        'payload-too-large',
        `${operation()} would make the scenario request larger than ${maxBytes} bytes, the most a request body may ` +
          `hold.`,
        [{ pointer: path, detail: `adding ${added} bytes here passes the limit of ${maxBytes} bytes` }],
      )
    }
    apply({ op, path, value: JSON.parse(text) as unknown })
    return null
  }
  try {
    for (; j < patch.length; j++) {
      const op = patch[j]!
      switch (op.op) {
        case 'add':
        case 'replace': {
          const failed = place(op.value, op.path, op.op, true)
          if (failed) return { ok: false, problem: failed }
          break
        }
        case 'remove':
        case 'test':
          at = op.path
          apply(op.op === 'test' ? { op: 'test', path: op.path, value: op.value } : { op: 'remove', path: op.path })
          break
        case 'move':
        case 'copy': {
          at = op.from
          const read = { op: '_get' as const, path: op.from, value: undefined as unknown }
          apply(read) // sets read.value
          // RFC 6902 4.4: a move is a remove at `from`, then an add at `path`; to where it is, it changes nothing.
          if (op.op === 'move' && op.from === op.path) break
          if (op.op === 'move') apply({ op: 'remove', path: op.from })
          const failed = place(read.value, op.path, 'add', op.op === 'copy')
          if (failed) return { ok: false, problem: failed }
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
      problem: problem(
        'patch-conflict',
        `Operation ${j} of the patch (${op.op} at "${op.path}") does not apply to the scenario: ${why}.`,
        [{ pointer: at, detail: `operation ${j} (${op.op}): ${why}` }],
      ),
    }
  }
  return { ok: true, document }
}
