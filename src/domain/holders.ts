/**
 * A note series split among holders (docs/rules/ownership.md, "Several holders of one note series"): the
 * notes are separate instruments on the same terms, so each holder's ledger and redemption are
 * computed on its own principal (interest notes issued and rounded per holder), and the series'
 * redemption figures are the sums of the holders' figures, to the cent.
 */
import { Decimal, formatMoney, MAX_MONEY, sum } from './decimal.js'
import { Contradictions } from './explain.js'
import type { IsoDate } from './time/dates.js'
import { todayInNewYork } from './time/dates.js'
import type { ScenarioRequest } from './inputs.js'
import { principalsOf, type HolderWithPrincipal } from './holder-weights.js'
import { computeScenario, redemptionDueText, redemptionPaidText, type ScenarioResult } from './scenario.js'

type RedemptionView = NonNullable<ScenarioResult['redemption']>
type InterestView = ScenarioResult['interest']
type LedgerRowView = ScenarioResult['interestLedger'][number]

const MONEY = [
  'outstandingPrincipal',
  'capitalizedInterest',
  'redeemedPrincipal',
  'premiumAmount',
  'redemptionPrice',
  'lateCharge',
  'totalDue',
  'perDiem',
  'defaultInterestIncrement',
] as const

const add = (values: readonly string[]): string => formatMoney(sum(values.map((v) => new Decimal(v))))

/** The series' redemption: each amount the sum of the holders' amounts; dates and terms are common. */
function sumRedemptions(views: readonly RedemptionView[]): RedemptionView {
  const first = views[0]!
  const out: RedemptionView = { ...first, accruedInterest: { ...first.accruedInterest } }
  for (const key of MONEY) out[key] = add(views.map((v) => v[key]))
  out.accruedInterest.base = add(views.map((v) => v.accruedInterest.base))
  out.accruedInterest.default = add(views.map((v) => v.accruedInterest.default))
  out.accruedInterest.total = add(views.map((v) => v.accruedInterest.total))
  out.accruedInterest.rows = first.accruedInterest.rows.map((row, k) => ({
    ...row,
    principal: add(views.map((v) => v.accruedInterest.rows[k]!.principal)),
    amount: add(views.map((v) => v.accruedInterest.rows[k]!.amount)),
  }))
  // Coupons not paid: the holders' parts of them, summed as every other amount.
  if (first.unpaidInterest !== undefined) out.unpaidInterest = add(views.map((v) => v.unpaidInterest ?? '0.00'))
  if (first.unpaidInterestLateCharge !== undefined)
    out.unpaidInterestLateCharge = add(views.map((v) => v.unpaidInterestLateCharge ?? '0.00'))
  out.asConvertedValue = views.some((v) => v.asConvertedValue === null)
    ? first.asConvertedValue
    : add(views.map((v) => v.asConvertedValue!))
  return out
}

const TOTALS = [
  'interest',
  'normal',
  'default',
  'capitalized',
  'cashPaid',
  'accrued',
  'defaultInterestIncrement',
] as const

/**
 * The series' interest: the holders' ledgers added row by row (each row's principal and amount),
 * and each total the sum of the holders' totals. The holders' notes share every date, so their
 * ledgers have the same rows; null if they did not.
 */
function sumInterest(
  results: readonly ScenarioResult[],
): { interest: InterestView; interestLedger: LedgerRowView[] } | null {
  const first = results[0]!
  const rows = first.interestLedger
  const aligned = results.every(
    (r) =>
      r.interestLedger.length === rows.length &&
      r.interestLedger.every(
        (row, k) => row.start === rows[k]!.start && row.end === rows[k]!.end && row.rate === rows[k]!.rate,
      ),
  )
  if (!aligned) return null
  const interestLedger = rows.map((row, k) => ({
    ...row,
    principal: add(results.map((r) => r.interestLedger[k]!.principal)),
    amount: add(results.map((r) => r.interestLedger[k]!.amount)),
  }))
  const totals = { ...first.interest.totals }
  for (const key of TOTALS) totals[key] = add(results.map((r) => r.interest.totals[key]))
  const interest: InterestView = {
    ...first.interest,
    totals,
    principal: add(results.map((r) => r.interest.principal)),
    principalPaid: add(results.map((r) => r.interest.principalPaid)),
    outstandingPrincipal: add(results.map((r) => r.interest.outstandingPrincipal)),
  }
  return { interest, interestLedger }
}

function checkHolders(req: Omit<ScenarioRequest, 'holders'> & { holders: HolderWithPrincipal[] }): void {
  const problems = new Contradictions()
  const seen = new Map<string, number>()
  req.holders.forEach((h, i) => {
    const first = seen.get(h.id)
    if (first !== undefined) problems.add(`/holders/${i}/id`, `duplicates the id "${h.id}" of /holders/${first}`)
    else seen.set(h.id, i)
    problems.check(new Decimal(h.principal).gt(0), `/holders/${i}/principal`, 'must be greater than zero')
  })
  const total = sum(req.holders.map((h) => new Decimal(h.principal)))
  problems.check(
    total.eq(new Decimal(req.note.principal)),
    '/holders',
    `the holders' principals add up to ${formatMoney(total)}, ` +
      `not the note's principal ${formatMoney(new Decimal(req.note.principal))}`,
  )
  if ((req.events?.interestPayments ?? []).some((p) => p.amount !== undefined)) {
    problems.add(
      '/holders',
      'cannot be combined with a partial interest payment (an amount in events.interestPayments): ' +
        'how it is split among the holders is not given',
    )
  }
  if ((req.principalPayments ?? req.note.principalPayments) !== undefined) {
    problems.add(
      '/holders',
      'cannot be combined with principalPayments: how a scheduled payment is split among the holders is not given',
    )
  }
  problems.throwIfAny()
}

/**
 * Each holder's amounts are within the largest amount, but their sums, rounded per holder, can
 * pass it by a few cents where the series as one note would not: a 422, as for the note itself.
 */
export function checkHolderSums(redemption: RedemptionView | null, interest: InterestView | null): void {
  const amounts: Array<[string, string]> = [
    ...(redemption === null ? [] : MONEY.map((key): [string, string] => [key, redemption[key]])),
    ...(interest === null ? [] : TOTALS.map((key): [string, string] => [`interest ${key}`, interest.totals[key]])),
  ]
  const past = amounts.find(([, amount]) => new Decimal(amount).gt(MAX_MONEY))
  if (past === undefined) return
  const problems = new Contradictions()
  problems.add(
    '/holders',
    `the holders' ${past[0]} adds up to ${past[1]}, past ${MAX_MONEY.toFixed(2)}, the largest amount supported`,
  )
  problems.throwIfAny()
}

/** POST /v1/scenarios: the scenario, and with `holders` each holder's redemption and the series' sums. */
export function computeScenarioWithHolders(req: ScenarioRequest, today: () => IsoDate = todayInNewYork) {
  const { holders: given, ...scenario } = req
  if (given === undefined) return computeScenario(scenario, today)
  const { holders, weighted } = principalsOf(given, scenario.note.principal)
  checkHolders({ ...scenario, holders })
  const series = computeScenario(scenario, today)
  const each = holders.map((h) =>
    computeScenario({ ...scenario, note: { ...scenario.note, principal: h.principal } }, today),
  )
  const redemptions = each.map((r) => r.redemption)
  const redemption = redemptions.every((r): r is RedemptionView => r !== null)
    ? sumRedemptions(redemptions)
    : series.redemption
  const interest = sumInterest(each)
  checkHolderSums(redemption, interest?.interest ?? null)
  // The timeline states the series' amounts: the sums, as /redemption does.
  const timeline = series.timeline.map((entry) =>
    redemption === null
      ? entry
      : entry.event === 'redemption-payment-due'
        ? { ...entry, description: redemptionDueText(redemption.redemptionPrice) }
        : entry.event === 'redemption-payment'
          ? { ...entry, description: redemptionPaidText(redemption.lateCharge) }
          : entry,
  )
  return {
    ...series,
    ...(interest ?? {}),
    timeline,
    redemption,
    holders: holders.map((h, i) => ({
      id: h.id,
      ...(h.name !== undefined ? { name: h.name } : {}),
      principal: formatMoney(new Decimal(h.principal)),
      ...(h.weight !== undefined ? { weight: h.weight } : {}),
      redemption: each[i]!.redemption,
    })),
    assumptions: [
      ...series.assumptions,
      {
        code: 'holders',
        description:
          "The note series is split among the holders given: each holder's redemption is computed on its own " +
          'principal (interest notes issued and rounded per holder) and /redemption, /interest and each row of the ' +
          "interest ledger hold the sums of the holders' figures, to the cent.",
      },
      ...(weighted
        ? [
            {
              code: 'holder-weights',
              description:
                "The holders' principals are allocated from their weights in cents by largest remainder: " +
                'each holder gets the whole cents of principal x weight / total weight, and the cents left over ' +
                'go one each to the largest remainders, a tie to the earlier holder; /holders/{i}/principal is ' +
                'each allocation.',
            },
          ]
        : []),
    ],
  }
}
