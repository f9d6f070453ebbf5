/**
 * The contract's shapes as TypeScript, generated from openapi.yaml and schemas/ by `npm run types`
 * (openapi-typescript) into types.generated.ts, which is committed and never edited by hand: a
 * field added to a schema reaches every type below by regenerating. A test fails while the
 * committed file differs from what the generator makes.
 */
import type { components } from './types.generated.js'
import { timelineEntryEventValues } from './types.generated.js'

/** Every schema of schemas/, by its title. */
export type Schemas = components['schemas']

/** The timeline's event codes, in the order of a case's life (the TimelineEntry schema's enum). */
export const TIMELINE_EVENTS: readonly TimelineEvent[] = timelineEntryEventValues
export type TimelineEvent = Schemas['TimelineEntry']['event']
