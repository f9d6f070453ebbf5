import { isSupportedDate, MAX_DATE, MIN_DATE, type IsoDate } from './time/dates.js'

/**
 * Explanations carried by every computed result: the clauses applied, the assumptions made
 * (defaults filled in, conventions chosen) and warnings about the inputs.
 */
export type Clause = 'SPA 4(i)' | 'Note 4(a)(iv)' | 'Note 2' | 'Note 4(b)' | 'Note' | 'SPA'

export interface Warning {
  code: string
  message: string
}

export interface Assumption {
  code: string
  description: string
}

/** Collects warnings and assumptions while a computation runs, each code once. */
export class Explanation {
  readonly warnings: Warning[] = []
  readonly assumptions: Assumption[] = []

  warn(code: string, message: string): void {
    if (!this.warnings.some((w) => w.code === code)) this.warnings.push({ code, message })
  }

  assume(code: string, description: string): void {
    if (!this.assumptions.some((a) => a.code === code)) this.assumptions.push({ code, description })
  }
}

/**
 * A well-formed input that contradicts itself (maturity before issue, a cure before the
 * notice...). Each entry names the offending field by JSON pointer into the request.
 */
export class ContradictionError extends Error {
  readonly errors: { pointer: string; detail: string }[]

  constructor(errors: { pointer: string; detail: string }[]) {
    super(errors.map((e) => `${e.pointer}: ${e.detail}`).join('; '))
    this.name = 'ContradictionError'
    this.errors = errors
  }
}

/** Gathers contradictions so that a caller learns of all of them at once. */
export class Contradictions {
  private readonly errors: { pointer: string; detail: string }[] = []

  add(pointer: string, detail: string): void {
    this.errors.push({ pointer, detail })
  }

  check(condition: boolean, pointer: string, detail: string): void {
    if (!condition) this.add(pointer, detail)
  }

  /**
   * A date the computation reached from the inputs (a deadline, a due date) must lie in the
   * supported range too: past it, the inputs that led there are what is wrong (422, not a date
   * the calendars were never checked for).
   */
  checkComputedDate(date: IsoDate | null, pointer: string, what: string): void {
    if (date === null || isSupportedDate(date)) return
    // One error per input: the first date that leaves the range says why (the later ones follow from it).
    if (this.errors.some((e) => e.pointer === pointer)) return
    this.add(pointer, `${what} would be ${date}, outside the supported range ${MIN_DATE}..${MAX_DATE}`)
  }

  throwIfAny(): void {
    if (this.errors.length > 0) throw new ContradictionError(this.errors)
  }
}
