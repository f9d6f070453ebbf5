/**
 * The computation of POST /v1/scenarios/compare, on whichever thread runs it (src/plugins/pool.ts):
 * one scenario under several readings.
 *
 * The scenario is computed as POST /v1/scenarios computes it (with its holders, when it names
 * them: their sums are the series' figures); each variant is its RFC 6902
 * patch applied to a copy of the scenario, validated by the same ScenarioRequest schema and
 * computed alone, with the same asOf default (today is read once, by the route). A variant that
 * cannot be computed answers its own problem; the others are unaffected. Variants are computed in
 * turn within the batch time limit (src/plugins/limits.ts).
 */
import {
  anchorToRequest,
  invalidFields,
  loadContract,
  problem,
  ProblemError,
  validationFor,
  type FieldError,
  type Problem,
} from '../contract/index.js'
import { applyPatch, patchFieldErrors, type PatchOperation } from '../contract/json-patch.js'
import { ContradictionError, type Assumption, type Warning } from '../domain/explain.js'
import type { ScenarioRequest } from '../domain/inputs.js'
import type { Schemas } from '../contract/types.js'
import {
  changedFigures,
  keyFigureValues,
  keyFiguresView,
  type FigureChange,
  type FigureValues,
} from '../domain/key-figures.js'
import { defaultReadings, type Reading } from '../domain/readings.js'
import { computeScenarioWithHolders } from '../domain/holders.js'
import { stopCheck, type Deadline } from '../plugins/limits.js'

export type CompareRequest = Schemas['ScenarioCompareRequest']

/** What the compare task is sent: the request, today's date as the route read it, the body limit. */
export interface ComparePayload {
  body: CompareRequest
  day: string
  maxBytes: number
}

type VariantAnswer =
  | {
      id: string
      description: string
      patch: PatchOperation[]
      ok: true
      figures: Record<string, unknown>
      changed: FigureChange[]
      warnings: Warning[]
    }
  | { id: string; description: string; patch: PatchOperation[]; ok: false; problem: Problem }

const shown = (value: unknown): string => {
  const text = JSON.stringify(value) ?? 'null'
  return text.length > 40 ? `${text.slice(0, 37)}...` : text
}

/** A variant given without a description is described by its operations. */
function describe(patch: readonly PatchOperation[]): string {
  if (patch.length === 0) return 'The scenario as given (an empty patch).'
  const words = patch.map((op) => {
    switch (op.op) {
      case 'add':
      case 'replace':
        return `${op.op} ${op.path || '(the whole scenario)'} = ${shown(op.value)}`
      case 'test':
        return `test ${op.path || '(the whole scenario)'} == ${shown(op.value)}`
      case 'remove':
        return `remove ${op.path || '(the whole scenario)'}`
      case 'move':
      case 'copy':
        return `${op.op} ${op.from || '(the whole scenario)'} to ${op.path}`
    }
  })
  const text = `Patch: ${words.join('; ')}.`
  return text.length > 500 ? `${text.slice(0, 497)}...` : text
}

const under = (prefix: string, errors: readonly FieldError[]): FieldError[] =>
  errors.map((e) => ({ ...e, pointer: `${prefix}${e.pointer}` }))

let compiled: ReturnType<typeof compile> | undefined

function compile() {
  const contract = loadContract()
  const { ajv, fieldErrors } = validationFor(contract)
  const validateScenario = ajv.getSchema('ScenarioRequest.json')!
  const scenarioFields = new Set(Object.keys(contract.schemas.get('ScenarioRequest.json')!['properties'] ?? {}))
  return { fieldErrors, validateScenario, scenarioFields }
}

export function warmCompare(): void {
  compiled ??= compile()
}

/**
 * The compare's answer, or a ProblemError for the request as a whole. `failed` receives the
 * unexpected errors of variants (each answered as an internal-error problem), to be logged.
 */
export function compareScenarios(payload: ComparePayload, deadline: Deadline, failed: (error: unknown) => void) {
  compiled ??= compile()
  const { fieldErrors, validateScenario, scenarioFields } = compiled
  const { scenario } = payload.body
  const given = payload.body.variants

  /** One variant: patched, validated and computed, or its problem. */
  function computeVariant(
    scenarioBytes: number,
    reading: Reading,
    base: FigureValues,
    today: () => string,
  ): VariantAnswer {
    const { id, description, patch } = reading
    const fail = (p: Problem): VariantAnswer => ({ id, description, patch, ok: false, problem: p })
    const patched = applyPatch(scenario, scenarioBytes, patch, payload.maxBytes)
    if (!patched.ok) return fail(patched.problem)
    const request = patched.document
    if (!validateScenario(request)) {
      const errors = fieldErrors(validateScenario.errors ?? [], 'body')
      return fail(
        problem(
          'validation',
          `The patched scenario does not match ScenarioRequest: ${invalidFields(errors.length)}.`,
          errors,
        ),
      )
    }
    try {
      const result = computeScenarioWithHolders(request as ScenarioRequest, today)
      const figures = keyFigureValues(result)
      return {
        id,
        description,
        patch,
        ok: true,
        figures: keyFiguresView(figures),
        changed: changedFigures(base, figures),
        warnings: result.warnings,
      }
    } catch (error) {
      if (error instanceof ContradictionError) {
        return fail(
          ProblemError.contradiction(
            'The patched scenario is well-formed but contradicts itself.',
            anchorToRequest(error.errors, request),
          ).toProblem(),
        )
      }
      failed(error)
      return fail(problem('internal-error', 'An unexpected error occurred computing this variant.'))
    }
  }

  // What no scenario could make right is the request's error, at its pointer in the request.
  if (given !== undefined) {
    const errors: FieldError[] = []
    const seen = new Map<string, number>()
    given.forEach((v, i) => {
      const first = seen.get(v.id)
      if (first !== undefined)
        errors.push({
          pointer: `/variants/${i}/id`,
          detail: `repeats the id of /variants/${first}; give each variant its own id`,
        })
      else seen.set(v.id, i)
      errors.push(...patchFieldErrors(v.patch, `/variants/${i}/patch`, scenarioFields))
    })
    if (errors.length > 0)
      throw ProblemError.of(
        'validation',
        `The request does not match the contract: ${invalidFields(errors.length)}.`,
        errors.slice(0, 100),
      )
  }

  const today = () => payload.day
  let base: ReturnType<typeof computeScenarioWithHolders>
  try {
    base = computeScenarioWithHolders(scenario, today)
  } catch (error) {
    if (error instanceof ContradictionError) {
      throw ProblemError.contradiction(
        'The scenario is well-formed but contradicts itself.',
        under('/scenario', anchorToRequest(error.errors, scenario)),
      )
    }
    throw error
  }
  const baseFigures = keyFigureValues(base)

  const readings: Reading[] =
    given === undefined
      ? defaultReadings(
          scenario,
          base.notice === null ? null : { methods: base.notice.methods, effectiveDate: base.notice.effectiveDate },
        )
      : given.map((v) => ({ id: v.id, description: v.description ?? describe(v.patch), patch: v.patch }))

  const scenarioBytes = Buffer.byteLength(JSON.stringify(scenario))
  const stop = stopCheck(deadline)
  const variants: VariantAnswer[] = []
  for (const reading of readings) {
    const stopped = stop()
    if (stopped) {
      variants.push({
        id: reading.id,
        description: reading.description,
        patch: reading.patch,
        ok: false,
        problem: stopped,
      })
      continue
    }
    variants.push(computeVariant(scenarioBytes, reading, baseFigures, today))
  }

  const assumptions: Assumption[] = [
    ...base.assumptions,
    {
      code: 'readings',
      description:
        given === undefined
          ? `No variants given: the ${readings.length} reading(s) a careful analyst would try for this scenario ` +
            `(${readings.map((r) => r.id).join(', ') || 'none'}), each a JSON Patch on the scenario computed alone.`
          : `The ${readings.length} variant(s) given, each an RFC 6902 JSON Patch applied to the scenario and ` +
            'computed alone.',
    },
    {
      code: 'key-figure-changes',
      description:
        "A key figure (a date or an amount at a fixed pointer of POST /v1/scenarios: the series' figures and, " +
        "with holders, each holder's redemption figures) is listed as changed when its value under the variant " +
        'differs from the base: dates by signed calendar days (variant − base), amounts by signed money; a figure ' +
        'one side does not have (null) has a null difference.',
    },
  ]
  if (base.asOf !== scenario.asOf) {
    assumptions.push({
      code: 'readings-as-of',
      description: `Every variant without its own asOf is computed as of ${base.asOf}, as the base is.`,
    })
  }
  return { asOf: base.asOf, base: keyFiguresView(baseFigures), variants, warnings: base.warnings, assumptions }
}
