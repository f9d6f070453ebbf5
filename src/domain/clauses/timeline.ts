/** The scenario's dated timeline, to which each clause adds its own entries. */
import type { TimelineEvent } from '../../contract/types.js'
import type { IsoDate } from '../time/dates.js'

export interface TimelineEntry {
  date: IsoDate
  event: TimelineEvent
  clause: string
  description: string
}

/** Collects entries in causal order; the scenario sorts them by date (stably) at the end. */
export class Timeline {
  readonly entries: TimelineEntry[] = []

  add(date: IsoDate | null, event: TimelineEvent, clause: string, description: string): void {
    if (date !== null) this.entries.push({ date, event, clause, description })
  }

  sorted(): TimelineEntry[] {
    // Stable sort: same-day events keep their causal order (the maturity after the day's events).
    return this.entries.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
  }
}
