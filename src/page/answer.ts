/**
 * The answer, written for people: key figures first, then the warnings, the timeline, the
 * redemption itemized, the interest ledger and the assumptions; and the payoff statement that
 * prints on one page. Amounts are shown as the service computed them, grouped for reading.
 */
import { assumptionText, eventName, fractionToPercent, groupDigits } from './model.js'
import type { HolderPart, Redemption, ScenarioResult } from './types.js'

const byId = <T extends HTMLElement = HTMLElement>(id: string): T => document.getElementById(id) as T

function node<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  text?: string,
  className?: string,
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag)
  if (text !== undefined) el.textContent = text
  if (className !== undefined) el.className = className
  return el
}

const money = (amount: string): string => groupDigits(amount)
const percent = (fraction: string): string => `${fractionToPercent(fraction)}%`
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`

const EVENT_OF_DEFAULT_STATUS: Record<ScenarioResult['eventOfDefault']['status'], string> = {
  none: 'No Event of Default',
  pending: 'Pending: occurs unless cured in time',
  occurred: 'Occurred',
  cured: 'Occurred, then cured',
}

const NOTICE_STATUS: Record<NonNullable<ScenarioResult['notice']>['status'], string> = {
  'notice-not-yet-effective': 'Notice not yet effective',
  'cure-period-running': 'Cure period running',
  'cured-in-time': 'Cured in time',
  'cure-period-expired': 'Cure period expired',
}

/** A key figure, and the note under it; a clause in the note is kept on one line. */
function setFigure(id: string, value: string, note: string, empty = false): void {
  const big = byId(id)
  big.textContent = value
  big.classList.toggle('none', empty)
  // An amount of eight digits or more takes the row on a narrow screen rather than spill out of its card.
  big.closest('.figure')?.classList.toggle('wide', value.length > 12)
  const small = document.getElementById(`${id}-note`)
  if (!small) return
  small.replaceChildren(
    ...note
      .split(/((?:Note|SPA) [0-9][0-9A-Za-z().]*)/)
      .map((part, i) => (i % 2 === 1 ? node('span', part, 'nowrap') : document.createTextNode(part))),
  )
}

const VOID_REASON: Record<string, string> = {
  'no-notice-of-default': 'no notice of default was given',
  'cured-in-time': 'the default was cured within the cure period',
  'cured-late': 'the Event of Default was cured before the election took effect',
}

/** Why there is no redemption: no election, or an election that found no Event of Default. */
function noRedemption(result: ScenarioResult): string {
  const e = result.redemptionElection
  return e?.status === 'void'
    ? `Election void: ${VOID_REASON[e.voidReason ?? ''] ?? 'no Event of Default'}`
    : 'No redemption election'
}

function keyFigures(result: ScenarioResult): void {
  const e = result.eventOfDefault
  const n = result.notice
  setFigure(
    'event-of-default-date',
    e.date ?? '—',
    e.date
      ? `${EVENT_OF_DEFAULT_STATUS[e.status]} · ${e.clause}`
      : n === null
        ? 'No notice of default given'
        : n.curedOn !== null && n.status === 'cured-in-time'
          ? `None: cured in time on ${n.curedOn} · ${n.clause}`
          : `None yet: ${NOTICE_STATUS[n.status].toLowerCase()} · ${n.clause}`,
    e.date === null,
  )
  covenantLine(result)
  setFigure(
    'cure-deadline',
    n?.cureDeadline ?? '—',
    n ? `${NOTICE_STATUS[n.status]} · ${plural(n.cureBusinessDays, 'Business Day')}` : 'No notice of default given',
    n === null,
  )
  const r = result.redemption
  setFigure(
    'payment-due-date',
    r?.paymentDueDate ?? '—',
    r ? `${r.paymentDate ? `Paid ${r.paymentDate}` : 'Not paid'} · ${r.clause}` : noRedemption(result),
    r === null,
  )
  setFigure(
    'total-due',
    r ? money(r.totalDue) : '—',
    r
      ? r.lateCharge !== '0.00'
        ? `includes a late charge of ${money(r.lateCharge)}`
        : `price on ${r.redemptionDate}`
      : noRedemption(result),
    r === null,
  )
  byId('per-diem').textContent = r ? money(r.perDiem) : '—'
  byId('per-diem').classList.toggle('none', r === null)
}

const COVENANT_STATUS: Record<string, string> = {
  pending: 'not yet due',
  'performed-on-time': 'performed on time',
  'performed-late': 'performed late',
  breached: 'breached, not performed',
}

/** The covenant's deadline and, when late, by how much: the answer counts both kinds of days. */
function covenantLine(result: ScenarioResult): void {
  const c = result.covenant
  const line = byId('covenant-line')
  line.hidden = c === null
  if (c === null) return
  const late =
    c.businessDaysLate > 0 || c.calendarDaysLate > 0
      ? `: ${plural(c.businessDaysLate, 'business day')} (${plural(c.calendarDaysLate, 'calendar day')}) late` +
        `${c.performedOn ? '' : ` as of ${result.asOf}`}`
      : ''
  line.textContent = `${c.clause} covenant due ${c.deadline}, ${COVENANT_STATUS[c.status] ?? c.status}${
    c.performedOn ? ` on ${c.performedOn}` : ''
  }${late}.`
}

const ROUTE: Record<string, string> = { covenant: 'Covenant default', payment: 'Payment default' }

/** Coupons due and not paid, and each route to an Event of Default, when the answer has them. */
function coupons(result: ScenarioResult): void {
  const unpaid = result.unpaidInterest ?? []
  const routes = result.eventsOfDefault ?? []
  byId('coupons').hidden = unpaid.length === 0 && routes.length < 2
  byId('events-of-default').replaceChildren(
    ...routes.map((e) =>
      node('li', `${ROUTE[e.route] ?? e.route}: ${e.date ?? 'none'} (${e.clause}; ${e.status.replace(/-/g, ' ')})`),
    ),
  )
  const body = byId<HTMLTableElement>('unpaid-interest').tBodies[0]!
  body.replaceChildren(
    ...unpaid.map((u) => {
      const tr = node('tr')
      tr.append(
        node('td', u.interestDate, 'nowrap'),
        node('td', money(u.due), 'num'),
        node('td', money(u.paid), 'num'),
        node('td', money(u.unpaid), 'num'),
        node('td', String(u.daysOverdue), 'num'),
        node('td', money(u.lateCharge), 'num'),
      )
      return tr
    }),
  )
}

function warnings(result: ScenarioResult): void {
  const box = byId('warnings')
  box.replaceChildren()
  box.hidden = result.warnings.length === 0
  if (box.hidden) return
  box.append(
    node(
      'p',
      result.warnings.length === 1 ? 'Read this first' : `Read these ${result.warnings.length} first`,
      'warnings-title',
    ),
  )
  const list = node('ul')
  for (const w of result.warnings) list.append(node('li', w.message))
  box.append(list)
}

/** Rows of the itemized redemption: [label, amount, note, class]. */
function redemptionRows(r: Redemption): Array<[string, string, string, string?]> {
  const rows: Array<[string, string, string, string?]> = [
    [
      'Outstanding principal',
      money(r.outstandingPrincipal),
      `including ${money(r.capitalizedInterest)} of interest paid in notes`,
    ],
    [`Portion redeemed`, percent(r.portion), `election dated ${r.electionDate}, effective ${r.electionEffectiveDate}`],
    ['Principal redeemed', money(r.redeemedPrincipal), ''],
    ['Accrued interest, normal rates', money(r.accruedInterest.base), `from ${r.accruedInterest.from}`],
    ['Accrued interest, default rates', money(r.accruedInterest.default), `to ${r.redemptionDate}, exclusive`],
  ]
  if (r.unpaidInterest !== undefined && r.unpaidInterest !== '0.00')
    rows.push(['Unpaid interest', money(r.unpaidInterest), 'coupons due and not paid, on the part redeemed'])
  // The premium comes back as written ("1.00", "1"): only one above par is worth a row.
  if (r.premiumAmount !== '0.00' || !/^1(\.0*)?$/.test(r.premium))
    rows.push(['Premium', money(r.premiumAmount), `price = (principal + interest) × ${r.premium}`])
  if (r.asConvertedValue !== null)
    rows.push([
      'As-converted value',
      money(r.asConvertedValue),
      r.priceBasis === 'as-converted' ? 'greater: the price' : 'not greater than the premium price',
    ])
  rows.push([
    'Redemption price',
    money(r.redemptionPrice),
    r.priceBasis === 'as-converted' ? 'as converted' : `× ${r.premium}`,
    'subtotal',
  ])
  if (r.lateCharge !== '0.00' || r.lateChargeDays > 0) {
    rows.push([
      'Late charge',
      money(r.lateCharge),
      r.lateChargeRate ? `${percent(r.lateChargeRate)} a year for ${plural(r.lateChargeDays, 'day')}` : '',
    ])
  } else if (r.lateChargeRate !== null) {
    // Nothing is late (yet): the rate is what a late payment would add, not a charge of 0.00.
    const from = `from the day after ${r.paymentDueDate}`
    rows.push(['Late charge', '—', `none: ${percent(r.lateChargeRate)} a year ${from}`])
  }
  rows.push(['Total due', money(r.totalDue), `due ${r.paymentDueDate}`, 'total'])
  return rows
}

function redemption(result: ScenarioResult): void {
  const r = result.redemption
  const body = byId('redemption').querySelector('tbody')!
  body.replaceChildren()
  byId('redemption-clause').textContent = r?.clause ?? 'Note 4(b)'
  if (r === null) {
    const row = node('tr')
    const cell = node('td', `${noRedemption(result)}: nothing to redeem.`)
    row.append(cell)
    body.append(row)
    return
  }
  for (const [label, amount, note, cls] of redemptionRows(r)) {
    const row = node('tr')
    if (cls) row.className = cls
    const th = node('th', label)
    th.scope = 'row'
    row.append(th, node('td', amount, 'num'), node('td', note, 'note'))
    body.append(row)
  }
  const row = node('tr', undefined, 'aside')
  const th = node('th', 'Per diem: saved for each day paid before the due date')
  th.scope = 'row'
  row.append(
    th,
    node('td', money(r.perDiem), 'num'),
    node('td', `default interest increment so far ${money(r.defaultInterestIncrement)}`, 'note'),
  )
  body.append(row)
}

const STATUS: Record<string, string> = { paid: 'paid', capitalized: 'in notes', accrued: 'accrued' }

function ledger(result: ScenarioResult): void {
  const table = byId<HTMLTableElement>('ledger')
  const body = table.tBodies[0]!
  body.replaceChildren()
  const i = result.interest
  // Amounts of eight digits or more: on a narrow screen each card's cells take a line of their own.
  table.classList.toggle(
    'long-amounts',
    result.interestLedger.some((row) => money(row.principal).length > 12) || money(i.totals.interest).length > 12,
  )
  byId('ledger-sub').textContent =
    `${i.from} to ${i.through} on ${i.dayCount}: ${plural(result.interestLedger.length, 'period')}, ` +
    `${money(i.totals.interest)} of interest (${money(i.totals.default)} at default rates).`
  for (const row of result.interestLedger) {
    const tr = node('tr')
    if (row.rateKind === 'default') tr.className = 'default'
    const cells: Array<[string, string, string?]> = [
      ['Period', `${row.start} – ${row.end}`],
      ['Days', String(row.days), 'num'],
      ['Principal', money(row.principal), 'num'],
      ['Rate', `${percent(row.rate)}${row.rateKind === 'default' ? ' default' : ''}`, 'num'],
      ['Paid in', row.form],
      ['Interest', money(row.amount), 'num'],
      ['Status', `${STATUS[row.status] ?? row.status}${row.interestDate ? ` ${row.interestDate}` : ''}`],
    ]
    for (const [label, text, cls] of cells) {
      const td = node('td', text, cls)
      td.dataset['label'] = label
      tr.append(td)
    }
    body.append(tr)
  }
  const foot = table.tFoot!
  foot.replaceChildren()
  const tr = node('tr')
  const th = node('th', 'Total')
  th.scope = 'row'
  th.colSpan = 5
  const total = node('td', money(i.totals.interest), 'num')
  total.dataset['label'] = 'Total interest'
  tr.append(th, total, node('td'))
  foot.append(tr)
}

function assumptions(result: ScenarioResult): void {
  const list = byId('assumptions')
  list.replaceChildren(...result.assumptions.map((a) => node('li', assumptionText(a))))
}

function timelineTable(result: ScenarioResult): void {
  const body = byId<HTMLTableElement>('timeline-table').tBodies[0]!
  body.replaceChildren()
  for (const e of result.timeline) {
    const tr = node('tr')
    tr.append(
      node('td', e.date, 'nowrap'),
      node('td', eventName(e.event)),
      node('td', e.clause, 'nowrap'),
      node('td', e.description),
    )
    body.append(tr)
  }
}

/** Who owes whom, and how to pay: typed on the page (the answer knows only the note). */
export interface Parties {
  issuer: string
  issuerAddress: string
  holder: string
  holderAddress: string
  payment: string
}

/** The parties as typed in the statement's fields (empty when the page has none). */
export function partiesTyped(): Parties {
  const value = (id: string) => (document.getElementById(id) as HTMLInputElement | null)?.value.trim() ?? ''
  return {
    issuer: value('st-issuer'),
    issuerAddress: value('st-issuer-address'),
    holder: value('st-holder'),
    holderAddress: value('st-holder-address'),
    payment: value('st-payment'),
  }
}

export interface StatementOptions {
  computedAt: string
  /** The service's version (the Convertible-Default-Version header); null: not printed. */
  version: string | null
  parties: Parties
  /** A holder's own statement: its part of the series and its redemption figures. */
  holder?: HolderPart
}

/** The payoff statement: one printed page a person can check and sign. */
export function statementNodes(result: ScenarioResult, options: StatementOptions): Node[] {
  const out: Node[] = []
  const holder = options.holder
  const r = holder ? holder.redemption : result.redemption
  const e = result.eventOfDefault
  const p = options.parties
  out.push(node('p', 'Payoff statement', 'st-kicker'))
  out.push(node('h1', `Note ${result.noteId ?? '(no identifier)'}${holder ? ` · ${holder.name ?? holder.id}` : ''}`))
  const parties = node('div', undefined, 'st-parties')
  const party = (role: string, name: string, address: string) => {
    const div = node('div')
    div.append(node('p', role, 'st-role'), node('p', name || '—', 'st-name'))
    if (address) div.append(node('p', address, 'st-address'))
    parties.append(div)
  }
  party('Issuer (pays)', p.issuer, p.issuerAddress)
  party('Holder (is paid)', holder ? (holder.name ?? holder.id) : p.holder, holder ? '' : p.holderAddress)
  out.push(parties)
  const facts = node('dl', undefined, 'st-facts')
  const fact = (term: string, value: string) => {
    const div = node('div')
    div.append(node('dt', term), node('dd', value))
    facts.append(div)
  }
  fact(
    holder ? 'Principal held at issue' : 'Original principal',
    `USD ${money(holder ? holder.principal : result.interest.principal)}`,
  )
  fact('Interest from', result.interest.from)
  fact(
    'Event of Default',
    e.date ? `${e.date} (${e.clause}; ${EVENT_OF_DEFAULT_STATUS[e.status].toLowerCase()})` : 'none',
  )
  if (result.notice)
    fact(
      'Notice of default',
      `sent ${result.notice.sentDate}, effective ${result.notice.effectiveDate}; ` +
        `cure deadline ${result.notice.cureDeadline}`,
    )
  if (r) {
    fact('Redemption election', `${r.electionDate}, effective ${r.electionEffectiveDate} (${r.clause})`)
    fact('Payment due', r.paymentDueDate)
  }
  fact('Statuses as of', result.asOf)
  out.push(facts)

  if (r) {
    out.push(node('h2', `Redemption amount (${r.clause})`))
    const table = node('table', undefined, 'st-amounts')
    const body = node('tbody')
    for (const [label, amount, note, cls] of redemptionRows(r)) {
      const tr = node('tr')
      if (cls) tr.className = cls
      const th = node('th', label)
      th.scope = 'row'
      tr.append(
        th,
        node('td', note, 'note'),
        node('td', label.startsWith('Portion') || amount === '—' ? amount : `USD ${amount}`, 'num'),
      )
      body.append(tr)
    }
    table.append(body)
    out.push(table)
    // docs/rules/payment-default.md: an earlier payment saves the per diem, a later one costs the late charge.
    const late =
      r.lateChargeRate === null
        ? 'The note sets no late charge: a later payment adds nothing.'
        : `Each day later adds the late charge of ${percent(r.lateChargeRate)} a year on the redemption price, ` +
          'not the per diem.'
    const pastDue = r.paymentDate === null && result.asOf > r.paymentDueDate
    const perDiem =
      `Interest stops on the due date: each day paid before ${r.paymentDueDate} saves the per diem of ` +
      `USD ${money(r.perDiem)} (one day of default interest on the principal redeemed).`
    out.push(
      node(
        'p',
        pastDue
          ? `Past due since ${r.paymentDueDate}. Payable on ${result.asOf}: USD ${money(r.totalDue)}` +
              `${r.lateCharge !== '0.00' ? `, late charge of USD ${money(r.lateCharge)} included` : ''}. ` +
              `${perDiem} ${late}`
          : `Due on ${r.paymentDueDate}. ${perDiem} ${late}`,
        'st-due',
      ),
    )
    if (!holder && result.payoffQuotes && result.payoffQuotes.length > 0)
      out.push(
        node(
          'p',
          `Payoff quotes: ${result.payoffQuotes
            .map((q) => `${q.date} USD ${money(q.totalDue)} (then ${money(q.dailyChange)} a day)`)
            .join('; ')}.`,
          'st-due',
        ),
      )
  } else {
    out.push(node('p', `${noRedemption(result)}: no redemption amount is due.`, 'st-due'))
  }
  if (r && p.payment) {
    out.push(node('h2', 'Payment instructions'))
    out.push(node('p', p.payment, 'st-payment'))
  }
  if (result.warnings.length > 0) {
    out.push(node('h2', 'Warnings'))
    const list = node('ul', undefined, 'st-list')
    for (const w of result.warnings) list.append(node('li', w.message))
    out.push(list)
  }
  out.push(node('h2', 'Assumptions'))
  const list = node('ul', undefined, 'st-list st-assumptions')
  for (const a of result.assumptions) list.append(node('li', assumptionText(a)))
  out.push(list)
  const foot = node('div', undefined, 'st-foot')
  foot.append(
    node(
      'p',
      `Computed ${options.computedAt} by convertible-default${options.version ? ` ${options.version}` : ''} ` +
        `(POST /v1/scenarios). Clauses applied: ${result.clauses.join(', ')}.`,
    ),
    node('p', 'Checked by ______________________   Date ____________', 'st-sign'),
  )
  out.push(foot)
  return out
}

let shown: { result: ScenarioResult; computedAt: string; version: string | null } | null = null

/** The page's payoff statement, again (its parties were edited). */
export function redrawStatement(): void {
  if (shown)
    byId('statement').replaceChildren(
      ...statementNodes(shown.result, {
        computedAt: shown.computedAt,
        version: shown.version,
        parties: partiesTyped(),
      }),
    )
}

export function showAnswer(result: ScenarioResult, computedAt: string, version: string | null): void {
  byId('answer-sub').textContent = `Note ${result.noteId ?? '(no identifier)'} · statuses as of ${result.asOf}`
  keyFigures(result)
  warnings(result)
  coupons(result)
  redemption(result)
  ledger(result)
  assumptions(result)
  timelineTable(result)
  shown = { result, computedAt, version }
  redrawStatement()
}
