/**
 * RFC 9457 problem details: the one error shape of the API.
 *
 * Routes throw `ProblemError` for anything the caller must fix; the error handler turns it
 * (and every other error) into an `application/problem+json` response.
 */

import { unescapeToken } from './json-pointer.js'

export const PROBLEM_CONTENT_TYPE = 'application/problem+json'
export const PROBLEM_BASE = 'https://convertible-default.example/problems/'

/** Stable problem kinds: `type` = PROBLEM_BASE + slug. */
export const PROBLEMS = {
  validation: { status: 400, title: 'Invalid request' },
  'malformed-body': { status: 400, title: 'Malformed request body' },
  'bad-request': { status: 400, title: 'Bad request' },
  'not-found': { status: 404, title: 'Not found' },
  // RFC 5789's status for a patch that cannot be applied to the document as it is.
  'patch-conflict': { status: 409, title: 'Patch does not apply' },
  'method-not-allowed': { status: 405, title: 'Method not allowed' },
  'payload-too-large': { status: 413, title: 'Request body too large' },
  'unsupported-media-type': { status: 415, title: 'Unsupported media type' },
  'contradictory-input': { status: 422, title: 'Contradictory input' },
  'service-unavailable': { status: 503, title: 'Service unavailable' },
  'internal-error': { status: 500, title: 'Internal error' },
} as const satisfies Record<string, { status: number; title: string }>

export type ProblemKind = keyof typeof PROBLEMS

export interface FieldError {
  /** JSON Pointer into the body (`/note/principal`), or `/<name>` for a parameter */
  pointer: string
  detail: string
  /** set for parameters; absent for body fields */
  in?: 'query' | 'path' | 'header'
}

/**
 * Contradictions can concern a default the caller never sent (`/note/interest/interestDates/firstDate`
 * when no interest terms were given). A pointer must name something in the request, so such
 * an error points at the deepest part that was sent, and its detail says which default it is about.
 */
export function anchorToRequest(errors: readonly FieldError[], body: unknown): FieldError[] {
  return errors.map((error) => {
    if (error.in !== undefined || !error.pointer.startsWith('/')) return error
    const escaped = error.pointer.slice(1).split('/') // reference tokens as written
    let node: unknown = body
    let found = 0
    for (const token of escaped.map(unescapeToken)) {
      if (node === null || typeof node !== 'object' || !Object.prototype.hasOwnProperty.call(node, token)) break
      node = (node as Record<string, unknown>)[token]
      found++
    }
    if (found === escaped.length) return error
    const given = escaped
      .slice(0, found)
      .map((t) => `/${t}`)
      .join('')
    return { pointer: given, detail: `${escaped.slice(found).join('/')} (not given, so its default): ${error.detail}` }
  })
}

export interface Problem {
  type: string
  title: string
  status: number
  detail: string
  instance?: string
  errors: FieldError[]
}

export function problem(kind: ProblemKind, detail: string, errors: FieldError[] = []): Problem {
  const { status, title } = PROBLEMS[kind]
  return { type: PROBLEM_BASE + kind, title, status, detail, errors }
}

export interface ProblemInit {
  status: number
  detail: string
  title?: string
  /** a slug under PROBLEM_BASE or a full URI; defaults from the status */
  type?: string
  errors?: FieldError[]
  headers?: Record<string, string>
}

const kindOfStatus = (status: number): ProblemKind | undefined =>
  (Object.keys(PROBLEMS) as ProblemKind[]).find(
    (k) => k !== 'malformed-body' && k !== 'validation' && PROBLEMS[k].status === status,
  )

/**
 * An error the caller must fix. Domain-facing routes throw it, e.g. a 422:
 *
 *   throw ProblemError.contradiction('The maturity date is before the issue date.', [
 *     { pointer: '/note/maturityDate', detail: 'must not be before /note/issueDate' },
 *   ])
 */
export class ProblemError extends Error {
  readonly status: number
  readonly title: string
  readonly type: string
  readonly detail: string
  readonly errors: FieldError[]
  readonly headers: Record<string, string>

  constructor(init: ProblemInit) {
    super(init.detail)
    this.name = 'ProblemError'
    const kind = kindOfStatus(init.status)
    this.status = init.status
    this.title = init.title ?? (kind ? PROBLEMS[kind].title : 'Error')
    const type = init.type ?? kind
    this.type = type === undefined ? 'about:blank' : type.includes(':') ? type : PROBLEM_BASE + type
    this.detail = init.detail
    this.errors = init.errors ?? []
    this.headers = init.headers ?? {}
  }

  /**
   * The problem of a stable kind, with that kind's status and title (a status alone cannot tell malformed-body from
   * validation).
   */
  static of(kind: ProblemKind, detail: string, errors: FieldError[] = []): ProblemError {
    const { status, title } = PROBLEMS[kind]
    return new ProblemError({ status, title, type: kind, detail, errors })
  }

  /** 422: well-formed input that contradicts itself. */
  static contradiction(detail: string, errors: FieldError[] = []): ProblemError {
    return ProblemError.of('contradictory-input', detail, errors)
  }

  toProblem(): Problem {
    return { type: this.type, title: this.title, status: this.status, detail: this.detail, errors: this.errors }
  }
}
