/** Small helpers every clause's wording and readings share. */
import type { PatchOperation } from './reading.js'

/** How an assumption says where a value came from. */
export const given = (isGiven: boolean): string => (isGiven ? 'as given' : 'default')

/** Sets a member in a reading's patch: `replace` where the request has it, `add` where it takes the default. */
export function setMember(path: string, present: boolean, value: unknown): PatchOperation {
  return { op: present ? 'replace' : 'add', path, value }
}
