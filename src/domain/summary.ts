/**
 * The summary view of a scenario (`?view=summary`): its key figures, statuses, warnings and
 * assumptions without the interest ledger, the timeline and the redemption's accrued rows
 * (schemas/ScenarioSummary.json). A projection of the full result, field by field: a field
 * added to ScenarioResult joins the summary here, and in the schema, by choice.
 */
import type { ScenarioResult } from './scenario.js'

export type ScenarioView = 'full' | 'summary'

type HolderResult = { id: string; name?: string; principal: string; redemption: ScenarioResult['redemption'] }

export function scenarioSummary(result: ScenarioResult & { holders?: HolderResult[] }) {
  const summary = {
    noteId: result.noteId,
    asOf: result.asOf,
    clauses: result.clauses,
    covenant: result.covenant,
    notice: result.notice,
    eventOfDefault: result.eventOfDefault,
    ...('eventsOfDefault' in result ? { eventsOfDefault: result.eventsOfDefault } : {}),
    interest: result.interest,
    redemptionElection: result.redemptionElection,
    redemption: result.redemption === null ? null : redemptionSummary(result.redemption),
    ...('unpaidInterest' in result ? { unpaidInterest: result.unpaidInterest } : {}),
    ...('payoffQuotes' in result ? { payoffQuotes: result.payoffQuotes } : {}),
    warnings: result.warnings,
    assumptions: result.assumptions,
  }
  if (result.holders === undefined) return summary
  const holders = result.holders.map((h) => ({
    ...h,
    redemption: h.redemption === null ? null : redemptionSummary(h.redemption),
  }))
  return { ...summary, holders }
}

function redemptionSummary(redemption: NonNullable<ScenarioResult['redemption']>) {
  const { rows: _rows, ...accruedInterest } = redemption.accruedInterest
  return { ...redemption, accruedInterest }
}

export type ScenarioSummary = ReturnType<typeof scenarioSummary>
