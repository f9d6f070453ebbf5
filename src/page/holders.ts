/**
 * Holders: the note series split among its holders, by amounts or by weights (the service then
 * allocates the cents), each holder's redemption figures and each holder's payoff statement.
 */
import { partiesTyped, statementNodes } from './answer.js'
import {
  byId,
  clearProblem,
  computedAt,
  enterComputes,
  copy,
  h,
  keepInAddress,
  linkFor,
  money,
  post,
  typed,
  printPart,
  Rows,
  showProblem,
  stateFromLink,
  type Json,
  type ScenarioForm,
} from './kit.js'
import { getAt } from './model.js'
import type { HolderResult, ScenarioResult } from './types.js'

const SECTION = 'holders'

/** The case's two holders of examples/liquidmetal-2008.scenario-holders.request.json. */
const CASE_HOLDERS = [
  { id: 'wpscv-lp', name: 'Wynnefield Partners Small Cap Value LP', amount: '400,000.00' },
  { id: 'wpscv-lp-i', name: 'Wynnefield Partners Small Cap Value LP I', amount: '600,000.00' },
]

type Split = 'principal' | 'weight'

export function initHolders(form: ScenarioForm): { openFromLink(): boolean; computeNow(): void } {
  const section = byId('holders')
  const rows = new Rows('holders-rows', 'holder', [
    { key: 'id', label: 'Id', pointer: '/holders/{i}/id', width: 's' },
    { key: 'name', label: 'Name', pointer: '/holders/{i}/name', width: 'l' },
    { key: 'amount', label: 'Amount (USD) or weight', kind: 'decimal', pointer: '/holders/{i}/principal', width: 'm' },
  ])
  byId('holders-rows-slot').replaceChildren(rows.element())
  const errors = byId('holders-errors')
  const status = byId('holders-status')
  const result = byId('holders-result')
  let last: { scenario: Json; answer: ScenarioResult; version: string | null } | null = null

  const split = (): Split =>
    (section.querySelector<HTMLInputElement>('input[name="holders-split"]:checked')?.value as Split) ?? 'principal'

  function pointers(by: Split): void {
    for (const input of section.querySelectorAll<HTMLInputElement>('[data-key="amount"]'))
      input.dataset['pointer'] = (input.dataset['pointer'] ?? '').replace(/(principal|weight)$/, by)
  }

  function state(scenario: Json): Json {
    return { scenario, split: split(), holders: rows.values() }
  }

  function request(scenario: Json): Json {
    const by = split()
    const holders = rows.values().map((r) => {
      const holder: Json = { id: r['id'] ?? '' }
      if (r['name']) holder['name'] = r['name']
      const amount = (r['amount'] ?? '').replace(/,/g, '')
      holder[by] = amount
      return holder
    })
    return { ...scenario, holders }
  }

  async function compute(scenario: Json, keep = true): Promise<void> {
    pointers(split())
    status.textContent = 'Computing…'
    result.classList.add('stale')
    const answer = await post('/v1/scenarios', typed('/v1/scenarios', request(scenario)))
    result.classList.remove('stale')
    keepInAddress(SECTION, state(scenario), keep)
    if (!answer.ok || !answer.body) {
      last = null
      result.hidden = true
      status.textContent = ''
      showProblem(errors, section, answer.problem!, (p) => labelOf(p))
      return
    }
    clearProblem(errors, section)
    status.textContent = ''
    last = { scenario, answer: answer.body, version: answer.version }
    draw(answer.body)
  }

  function labelOf(pointer: string): string {
    const m = /^\/holders\/(\d+)(?:\/(\w+))?/.exec(pointer)
    if (m) return `Holder ${Number(m[1]) + 1}${m[2] ? ` (${m[2]})` : ''}`
    return pointer === '/holders' ? 'Holders' : `Scenario ${pointer}`
  }

  function draw(answer: ScenarioResult): void {
    result.hidden = false
    const holders: HolderResult[] = answer.holders ?? []
    const table = byId<HTMLTableElement>('holders-table')
    const body = table.tBodies[0]!
    body.replaceChildren()
    for (const holder of holders) {
      const r = holder.redemption
      const print = h(
        'button',
        { type: 'button', class: 'quiet' },
        'Print statement',
        h('span', { class: 'visually-hidden' }, ` of ${holder.name ?? holder.id}`),
      )
      print.addEventListener('click', () => printHolder(holder))
      body.append(
        h(
          'tr',
          { 'data-holder': holder.id },
          h('th', { scope: 'row' }, holder.name ?? holder.id, h('span', { class: 'sub' }, ` ${holder.id}`)),
          cell('principal', money(holder.principal)),
          cell('redeemedPrincipal', r ? money(r.redeemedPrincipal) : '—'),
          cell('accruedInterest', r ? money(r.accruedInterest.total) : '—'),
          cell('totalDue', r ? money(r.totalDue) : '—'),
          cell('perDiem', r ? money(r.perDiem) : '—'),
          h('td', {}, print),
        ),
      )
    }
    const s = answer.redemption
    const foot = table.tFoot!
    foot.replaceChildren(
      h(
        'tr',
        {},
        h('th', { scope: 'row' }, 'The series'),
        cell('principal', money(answer.interest.principal)),
        cell('redeemedPrincipal', s ? money(s.redeemedPrincipal) : '—'),
        cell('accruedInterest', s ? money(s.accruedInterest.total) : '—'),
        cell('totalDue', s ? money(s.totalDue) : '—'),
        cell('perDiem', s ? money(s.perDiem) : '—'),
        h('td'),
      ),
    )
    byId('holders-sub').textContent =
      `Note ${answer.noteId ?? '(no identifier)'}, statuses as of ${answer.asOf}. ` +
      (s ? `Payment due ${s.paymentDueDate}; the series is the holders' sums to the cent.` : 'No redemption is due.')
  }

  const cell = (field: string, text: string) => h('td', { class: 'num', 'data-field': field }, text)

  function printHolder(holder: HolderResult): void {
    if (!last) return
    printPart(
      statementNodes(last.answer, {
        computedAt: computedAt(),
        version: last.version,
        parties: partiesTyped(),
        holder: { id: holder.id, name: holder.name, principal: holder.principal, redemption: holder.redemption },
      }),
    )
  }

  function fill(s: Json): void {
    const by: Split = s['split'] === 'weight' ? 'weight' : 'principal'
    section.querySelector<HTMLInputElement>(`input[name="holders-split"][value="${by}"]`)!.checked = true
    const given = Array.isArray(s['holders']) ? (s['holders'] as Array<Record<string, string>>) : null
    rows.set(given ?? CASE_HOLDERS)
  }

  fill({})
  enterComputes(section, byId('holders-compute'))
  byId('holders-compute').addEventListener('click', () => {
    const scenario = form.read()
    if (scenario) void compute(scenario)
    else status.textContent = 'The scenario above has a field to fix first.'
  })
  byId('holders-link').addEventListener('click', () => {
    const scenario = form.read()
    if (scenario) void copy(linkFor(SECTION, state(scenario)), byId('holders-link-status'))
  })
  // Weights need not add up to anything; amounts add up to the note's principal.
  section.addEventListener('change', (event) => {
    if ((event.target as HTMLInputElement).name === 'holders-split') pointers(split())
  })

  return {
    computeNow(): void {
      const scenario = form.read()
      if (scenario) void compute(scenario, false)
    },
    openFromLink(): boolean {
      const s = stateFromLink(SECTION)
      if (s === null) return false
      const scenario = (getAt(s, '/scenario') as Json | undefined) ?? null
      fill(s)
      if (scenario) {
        form.load(scenario)
        void compute(scenario)
      }
      section.scrollIntoView()
      return true
    },
  }
}
