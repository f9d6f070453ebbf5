/**
 * A reading: one plausible other way to read a clause (a calendar, business or calendar days, a
 * delivery method), written as the JSON Patch that turns the scenario as given into the scenario
 * as so read. Each clause offers its own; readings.ts gathers them and the compare applies them.
 */
export type PatchOperation =
  | { op: 'add' | 'replace' | 'test'; path: string; value: unknown }
  | { op: 'remove'; path: string }
  | { op: 'move' | 'copy'; from: string; path: string }

export interface Reading {
  id: string
  description: string
  patch: PatchOperation[]
}
