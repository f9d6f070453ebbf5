/**
 * Ownership: the Schedule 13D cover-page figures of every reporting person (holders, then the
 * persons who control them), each discrepancy against the filing beside its figure with its
 * explanation, and a worksheet of the cover pages to print. Below, the same persons through
 * time: each person's percent as a chart with the 5% line, the crossings and material changes,
 * and the filings they make due with their deadlines and statuses.
 */
import { drawOwnershipChart } from './ownership-chart.js'
import {
  byId,
  clearProblem,
  copy,
  count,
  enterComputes,
  h,
  integerOf,
  keepInAddress,
  linkFor,
  post,
  typed,
  printPart,
  Rows,
  showProblem,
  stateFromLink,
  type Json,
  type ScenarioForm,
} from './kit.js'
import { scalarText } from './model.js'
import type { OwnershipResult, OwnershipTimeline, ReportingPerson } from './types.js'

const SECTION = 'ownership'
const TIMELINE = 'ownership-timeline'

/** The cover-page figures in their rows' order, with the API's names. */
export const FIELDS: Array<{ key: keyof ReportingPerson; label: string; row: string }> = [
  { key: 'soleVotingPower', label: 'Sole voting', row: '7' },
  { key: 'sharedVotingPower', label: 'Shared voting', row: '8' },
  { key: 'soleDispositivePower', label: 'Sole dispositive', row: '9' },
  { key: 'sharedDispositivePower', label: 'Shared dispositive', row: '10' },
  { key: 'aggregate', label: 'Aggregate', row: '11' },
  { key: 'common', label: 'Common', row: '' },
  { key: 'issuableOnConversion', label: 'On conversion', row: '' },
  { key: 'issuableOnExercise', label: 'On exercise', row: '' },
  { key: 'percent', label: 'Percent', row: '13' },
  { key: 'percentOfOutstanding', label: 'Of outstanding', row: '' },
]

const POWERS: Array<[string, string]> = [
  ['', '(default)'],
  ['sole', 'sole'],
  ['shared', 'shared'],
  ['none', 'none'],
]

type Row = Record<string, string>

const num = (text: string | undefined): number | string | undefined =>
  text === undefined || text === '' ? undefined : integerOf(text)
const list = (text: string | undefined): string[] =>
  (text ?? '')
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '')

/** The case's filing (examples/liquidmetal-2008.beneficial-ownership.request.json) as the form's rows. */
function rowsOf(request: Json): { holders: Row[]; persons: Row[]; reported: Row[] } {
  const holders = ((request['holders'] as Json[] | undefined) ?? []).map((holder) => {
    const conv = (holder['convertibles'] as Json[] | undefined) ?? []
    const war = (holder['warrants'] as Json[] | undefined) ?? []
    const sum = (items: Json[], key: string) =>
      items.every((i) => typeof i[key] === 'number') ? String(items.reduce((s, i) => s + (i[key] as number), 0)) : ''
    return {
      id: scalarText(holder['id']),
      name: scalarText(holder['name']),
      common: scalarText(holder['commonShares']),
      conversion: sum(conv, 'sharesIssuable'),
      exercise: sum(war, 'shares'),
    }
  })
  const persons = ((request['persons'] as Json[] | undefined) ?? []).map((person) => {
    const controls = (person['controls'] as Json[] | undefined) ?? []
    return {
      id: scalarText(person['id']),
      name: scalarText(person['name']),
      controls: controls.map((c) => String(c['id'])).join(', '),
      voting: scalarText(controls[0]?.['voting']),
      dispositive: scalarText(controls[0]?.['dispositive']),
    }
  })
  const reported = Object.entries((request['reported'] as Record<string, Json> | undefined) ?? {}).map(([id, r]) => ({
    id,
    aggregate: scalarText(r['aggregate']),
    common: scalarText(r['common']),
    conversion: scalarText(r['issuableOnConversion']),
    exercise: scalarText(r['issuableOnExercise']),
    percent: scalarText(r['percent']),
  }))
  return { holders, persons, reported }
}

/**
 * The worked example of ownership through time (docs/ownership.md, docs/page.md): one holder `h`
 * with 400,000 common and the whole series convertible at 1.00, 10,000,000 shares outstanding,
 * the case's note paid in full on 2008-10-22, an initial filing on 2007-01-12 and an amendment
 * on 2008-01-04.
 */
function workedExample(scenario: Json): Json {
  const events = { ...((scenario['events'] as Json | undefined) ?? {}), paymentDate: '2008-10-22' }
  return {
    from: '2007-01-03',
    to: '2008-10-31',
    sharesOutstanding: '10,000,000',
    holders: [{ id: 'h', name: 'Holder h', common: '400,000', principal: '1,000,000.00', price: '1.00' }],
    filings: [
      { filedOn: '2007-01-12', kind: 'initial', persons: 'h', aggregate: '1,400,000' },
      { filedOn: '2008-01-04', kind: 'amendment', persons: 'h', aggregate: '1,503,214' },
    ],
    noteSeries: { ...scenario, events },
  }
}

export function initOwnership(form: ScenarioForm, caseRequest: Json, caseScenario: Json): { openFromLink(): boolean } {
  const section = byId('ownership')
  const holders = new Rows('own-holders', 'holder', [
    { key: 'id', label: 'Id', pointer: '/holders/{i}/id', width: 's' },
    { key: 'name', label: 'Name', pointer: '/holders/{i}/name', width: 'l' },
    { key: 'common', label: 'Common', kind: 'integer', pointer: '/holders/{i}/commonShares', width: 'm' },
    {
      key: 'conversion',
      label: 'On conversion',
      kind: 'integer',
      pointer: '/holders/{i}/convertibles/0/sharesIssuable',
      width: 'm',
    },
    { key: 'exercise', label: 'On exercise', kind: 'integer', pointer: '/holders/{i}/warrants/0/shares', width: 'm' },
  ])
  const persons = new Rows('own-persons', 'person', [
    { key: 'id', label: 'Id', pointer: '/persons/{i}/id', width: 's' },
    { key: 'name', label: 'Name', pointer: '/persons/{i}/name', width: 'l' },
    { key: 'controls', label: 'Controls (ids)', kind: 'list', pointer: '/persons/{i}/controls', width: 'l' },
    { key: 'voting', label: 'Voting', kind: 'select', options: POWERS, pointer: '/persons/{i}/controls/0/voting' },
    {
      key: 'dispositive',
      label: 'Dispositive',
      kind: 'select',
      options: POWERS,
      pointer: '/persons/{i}/controls/0/dispositive',
    },
  ])
  const reported = new Rows('own-reported', 'filed figure', [
    { key: 'id', label: 'Person id', width: 's' },
    { key: 'aggregate', label: 'Aggregate', kind: 'integer', width: 'm' },
    { key: 'common', label: 'Common', kind: 'integer', width: 'm' },
    { key: 'conversion', label: 'On conversion', kind: 'integer', width: 'm' },
    { key: 'exercise', label: 'On exercise', kind: 'integer', width: 'm' },
    { key: 'percent', label: 'Percent', kind: 'decimal', width: 's' },
  ])
  byId('own-holders-slot').replaceChildren(holders.element())
  byId('own-persons-slot').replaceChildren(persons.element())
  byId('own-reported-slot').replaceChildren(reported.element())
  const asOf = byId<HTMLInputElement>('own-as-of')
  const outstanding = byId<HTMLInputElement>('own-outstanding')
  const errors = byId('ownership-errors')
  const status = byId('ownership-status')
  let last: OwnershipResult | null = null

  function fill(s: Json): void {
    asOf.value = scalarText(s['asOf'])
    outstanding.value = s['sharesOutstanding'] === undefined ? '' : count(scalarText(s['sharesOutstanding']))
    const r = Array.isArray(s['holders']) && typeof (s['holders'] as Json[])[0]?.['common'] === 'string' ? s : rowsOf(s)
    holders.set(r['holders'] as Row[])
    persons.set(r['persons'] as Row[])
    reported.set(r['reported'] as Row[])
  }

  function state(): Json {
    return {
      asOf: asOf.value,
      sharesOutstanding: outstanding.value,
      holders: holders.values(),
      persons: persons.values(),
      reported: reported.values(),
    }
  }

  function request(): Json {
    const reportedFigures: Record<string, Json> = {}
    for (const r of reported.values()) {
      const figures: Json = {}
      const put = (key: string, value: unknown) => value !== undefined && (figures[key] = value)
      put('aggregate', num(r['aggregate']))
      put('common', num(r['common']))
      put('issuableOnConversion', num(r['conversion']))
      put('issuableOnExercise', num(r['exercise']))
      if (r['percent']) figures['percent'] = r['percent']
      reportedFigures[r['id'] ?? ''] = figures
    }
    const body: Json = {
      asOf: asOf.value,
      sharesOutstanding: integerOf(outstanding.value),
      holders: holders.values().map((r) => {
        const holder: Json = { id: r['id'], name: r['name'], commonShares: num(r['common']) ?? 0 }
        holder['convertibles'] = r['conversion'] ? [{ sharesIssuable: num(r['conversion']) }] : []
        holder['warrants'] = r['exercise'] ? [{ shares: num(r['exercise']) }] : []
        return holder
      }),
      persons: persons.values().map((r) => ({
        id: r['id'],
        name: r['name'],
        controls: list(r['controls']).map((id) => {
          const control: Json = { id }
          if (r['voting']) control['voting'] = r['voting']
          if (r['dispositive']) control['dispositive'] = r['dispositive']
          return control
        }),
      })),
    }
    if (Object.keys(reportedFigures).length > 0) body['reported'] = reportedFigures
    return body
  }

  async function compute(keep = true): Promise<void> {
    status.textContent = 'Computing…'
    byId('ownership-result').classList.add('stale')
    const answer = await post('/v1/beneficial-ownership', typed('/v1/beneficial-ownership', request()))
    byId('ownership-result').classList.remove('stale')
    status.textContent = ''
    keepInAddress(SECTION, state(), keep)
    if (!answer.ok || !answer.body) {
      last = null
      byId('ownership-result').hidden = true
      showProblem(errors, section, answer.problem!, labelOf)
      return
    }
    clearProblem(errors, section)
    last = answer.body
    drawTable(answer.body)
  }

  function drawTable(result: OwnershipResult): void {
    byId('ownership-result').hidden = false
    const body = byId<HTMLTableElement>('ownership-table').tBodies[0]!
    body.replaceChildren()
    for (const person of result.persons) {
      const differs = new Map<string, (typeof person.discrepancies)[number]>(
        person.discrepancies.map((d) => [d.field, d]),
      )
      const tr = h(
        'tr',
        { 'data-person': person.id, class: differs.size > 0 ? 'has-discrepancy' : undefined },
        h('th', { scope: 'row' }, person.name, h('span', { class: 'sub' }, ` ${person.id}`)),
      )
      for (const f of FIELDS) {
        const value = person[f.key] as unknown
        const text = typeof value === 'number' ? count(value) : String(value)
        const d = differs.get(f.key)
        const td = h('td', { class: d ? 'num differs' : 'num', 'data-field': f.key, 'data-label': f.label }, text)
        if (d)
          td.append(
            h(
              'span',
              { class: 'reported' },
              `filed ${typeof d.reported === 'number' ? count(d.reported) : String(d.reported)}`,
            ),
          )
        tr.append(td)
      }
      tr.append(
        h(
          'td',
          { 'data-field': 'moreThanFivePercent', 'data-label': 'Above 5%' },
          person.moreThanFivePercent ? 'yes' : 'no',
        ),
      )
      body.append(tr)
      if (differs.size > 0)
        body.append(
          h(
            'tr',
            { class: 'explain' },
            h(
              'td',
              { colspan: FIELDS.length + 2 },
              h(
                'ul',
                {},
                ...person.discrepancies.map((d) =>
                  h('li', {}, h('strong', {}, `${person.name}, ${labelOfField(d.field)}: `), d.explanation),
                ),
              ),
            ),
          ),
        )
    }
    const notes = byId('ownership-notes')
    notes.replaceChildren(
      ...result.warnings.map((w) => h('li', { class: 'warning' }, w.message)),
      ...result.assumptions.map((a) => h('li', {}, a.description)),
    )
  }

  function labelOf(pointer: string): string {
    const m = /^\/(holders|persons)\/(\d+)(?:\/(.+))?/.exec(pointer)
    if (m) return `${m[1] === 'holders' ? 'Holder' : 'Person'} ${Number(m[2]) + 1}${m[3] ? ` (${m[3]})` : ''}`
    if (pointer.startsWith('/reported/')) return `Filed figures of ${pointer.split('/')[2]}`
    return { '/asOf': 'As of', '/sharesOutstanding': 'Shares outstanding' }[pointer] ?? pointer
  }

  function worksheet(): Node[] {
    if (!last) return []
    const out: Node[] = [
      h('p', { class: 'st-kicker' }, 'Schedule 13D cover pages: worksheet'),
      h('h1', {}, `As of ${last.asOf}, ${count(last.sharesOutstanding)} shares outstanding`),
    ]
    const grid = h('div', { class: 'ws-grid' })
    for (const person of last.persons) {
      const differs = new Map<string, (typeof person.discrepancies)[number]>(
        person.discrepancies.map((d) => [d.field, d]),
      )
      const table = h('table', { class: 'ws-person' }, h('caption', {}, `${person.name} (${person.id})`))
      const body = h('tbody')
      for (const f of FIELDS) {
        const value = person[f.key] as unknown
        const d = differs.get(f.key)
        body.append(
          h(
            'tr',
            { class: d ? 'differs' : undefined },
            h('th', { scope: 'row' }, f.row ? `${f.row}. ${f.label}` : f.label),
            h('td', { class: 'num' }, typeof value === 'number' ? count(value) : `${String(value)}%`),
            h(
              'td',
              { class: 'num' },
              d ? `filed ${typeof d.reported === 'number' ? count(d.reported) : d.reported}` : '',
            ),
          ),
        )
      }
      table.append(body)
      grid.append(table)
    }
    out.push(grid)
    // Persons who differ alike (two individuals controlling the same funds) share one line.
    const alike = new Map<string, { ids: string[]; field: string; explanation: string }>()
    for (const p of last.persons)
      for (const d of p.discrepancies) {
        const key = `${d.field}\n${d.explanation}`
        const entry = alike.get(key) ?? { ids: [], field: d.field, explanation: d.explanation }
        entry.ids.push(p.id)
        alike.set(key, entry)
      }
    const explained = [...alike.values()].map((e) =>
      h('li', {}, h('strong', {}, `${e.ids.join(', ')}, ${labelOfField(e.field)}: `), e.explanation),
    )
    if (explained.length > 0)
      out.push(h('h2', {}, 'Differences from the filing'), h('ul', { class: 'st-list' }, ...explained))
    out.push(
      h(
        'div',
        { class: 'st-foot' },
        h('p', {}, 'Computed by convertible-default (POST /v1/beneficial-ownership), Rule 13d-3(d)(1)(i).'),
        h('p', { class: 'st-sign' }, 'Checked by ______________________   Date ____________'),
      ),
    )
    return out
  }

  fill(caseRequest)
  enterComputes(section, byId('ownership-compute'), byId('ownership-through-time'))
  byId('ownership-compute').addEventListener('click', () => void compute())
  byId('ownership-print').addEventListener('click', () => printPart(worksheet()))
  byId('ownership-link').addEventListener(
    'click',
    () => void copy(linkFor(SECTION, state()), byId('ownership-link-status')),
  )
  byId('ownership-reset').addEventListener('click', () => {
    fill(caseRequest)
    void compute()
  })

  const through = initThroughTime(form, caseScenario)
  void compute(false)

  return {
    openFromLink(): boolean {
      const s = stateFromLink(SECTION)
      if (s !== null) {
        fill(s)
        void compute().then(() => section.scrollIntoView())
        return true
      }
      return through.openFromLink()
    },
  }
}

const FIELD_LABELS: Record<string, string> = {
  aggregate: 'aggregate (row 11)',
  percent: 'percent (row 13)',
  issuableOnConversion: 'issuable on conversion',
  issuableOnExercise: 'issuable on exercise',
  common: 'common',
  soleVotingPower: 'sole voting power (row 7)',
  sharedVotingPower: 'shared voting power (row 8)',
  soleDispositivePower: 'sole dispositive power (row 9)',
  sharedDispositivePower: 'shared dispositive power (row 10)',
}
const labelOfField = (field: string): string => FIELD_LABELS[field] ?? field

const STATUS: Record<string, string> = {
  'filed-on-time': 'filed on time',
  'filed-late': 'filed late',
  filed: 'filed',
  open: 'open',
  overdue: 'overdue',
}

function initThroughTime(form: ScenarioForm, caseScenario: Json): { openFromLink(): boolean } {
  const part = byId('ownership-through-time')
  const holders = new Rows('tl-holders', 'holder', [
    { key: 'id', label: 'Id', pointer: '/holders/{i}/id', width: 's' },
    { key: 'name', label: 'Name', pointer: '/holders/{i}/name', width: 'l' },
    {
      key: 'common',
      label: 'Common on the first day',
      kind: 'integer',
      pointer: '/holders/{i}/commonShares',
      width: 'm',
    },
    {
      key: 'principal',
      label: 'Notes of the series (USD)',
      kind: 'decimal',
      pointer: '/holders/{i}/convertibles/0/noteSeriesPrincipal',
      width: 'm',
    },
    {
      key: 'price',
      label: 'Conversion price',
      kind: 'decimal',
      pointer: '/holders/{i}/convertibles/0/conversionPrice',
      width: 's',
    },
  ])
  const filings = new Rows('tl-filings', 'filing', [
    { key: 'filedOn', label: 'Filed on', kind: 'date', pointer: '/filings/{i}/filedOn' },
    {
      key: 'kind',
      label: 'Kind',
      kind: 'select',
      options: [
        ['initial', 'initial 13D'],
        ['amendment', 'amendment'],
      ],
      pointer: '/filings/{i}/kind',
    },
    { key: 'persons', label: 'For (ids)', kind: 'list', pointer: '/filings/{i}/persons', width: 's' },
    { key: 'aggregate', label: 'Aggregate reported', kind: 'integer', width: 'm' },
  ])
  byId('tl-holders-slot').replaceChildren(holders.element())
  byId('tl-filings-slot').replaceChildren(filings.element())
  const from = byId<HTMLInputElement>('tl-from')
  const to = byId<HTMLInputElement>('tl-to')
  const outstanding = byId<HTMLInputElement>('tl-outstanding')
  const errors = byId('ownership-timeline-errors')
  const status = byId('ownership-timeline-status')
  const chart = byId('ownership-chart') as unknown as SVGSVGElement
  let noteSeries: Json = {}
  let last: OwnershipTimeline | null = null

  function fill(s: Json): void {
    from.value = scalarText(s['from'])
    to.value = scalarText(s['to'])
    outstanding.value = scalarText(s['sharesOutstanding'])
    holders.set((s['holders'] as Row[] | undefined) ?? [])
    filings.set((s['filings'] as Row[] | undefined) ?? [])
    noteSeries = (s['noteSeries'] as Json | undefined) ?? {}
    describeSeries()
  }

  function describeSeries(): void {
    const note = (noteSeries['note'] as Json | undefined) ?? {}
    const paid = (noteSeries['events'] as Json | undefined)?.['paymentDate']
    byId('tl-series').textContent =
      `Note ${scalarText(note['id'], '(no identifier)')}, principal ${count(scalarText(note['principal'], '—'))}, ` +
      `issued ${scalarText(note['issueDate'], '—')}; ` +
      `${paid ? `redemption paid ${scalarText(paid)}` : 'no redemption paid'}.`
  }

  const state = (): Json => ({
    from: from.value,
    to: to.value,
    sharesOutstanding: outstanding.value,
    holders: holders.values(),
    filings: filings.values(),
    noteSeries,
  })

  function request(): Json {
    const body: Json = {
      from: from.value,
      to: to.value,
      sharesOutstanding: integerOf(outstanding.value),
      holders: holders.values().map((r) => {
        const holder: Json = { id: r['id'], name: r['name'] || r['id'], commonShares: num(r['common']) ?? 0 }
        holder['convertibles'] = r['principal']
          ? [{ noteSeriesPrincipal: (r['principal'] ?? '').replace(/,/g, ''), conversionPrice: r['price'] ?? '' }]
          : []
        holder['warrants'] = []
        return holder
      }),
      persons: [],
      noteSeries,
      filings: filings.values().map((r) => {
        const filing: Json = { filedOn: r['filedOn'], kind: r['kind'], persons: list(r['persons']) }
        const aggregate = num(r['aggregate'])
        if (aggregate !== undefined)
          filing['reported'] = Object.fromEntries(list(r['persons']).map((id) => [id, { aggregate }]))
        return filing
      }),
    }
    return body
  }

  async function compute(keep = true): Promise<void> {
    status.textContent = 'Computing…'
    const answer = await post(
      '/v1/beneficial-ownership/timeline',
      typed('/v1/beneficial-ownership/timeline', request()),
    )
    status.textContent = ''
    keepInAddress(TIMELINE, state(), keep)
    if (!answer.ok || !answer.body) {
      last = null
      byId('ownership-timeline-result').hidden = true
      showProblem(errors, part, answer.problem!, (p) => p)
      return
    }
    clearProblem(errors, part)
    last = answer.body
    byId('ownership-timeline-result').hidden = false
    drawOwnershipChart(chart, answer.body, from.value, to.value)
    drawObligations(answer.body)
  }

  function drawObligations(t: OwnershipTimeline): void {
    const body = byId<HTMLTableElement>('ownership-obligations').tBodies[0]!
    body.replaceChildren(
      ...t.obligations.map((o) =>
        h(
          'tr',
          { 'data-status': o.status },
          h('td', {}, o.person),
          h('td', {}, o.kind === 'initial' ? 'Initial Schedule 13D' : 'Amendment'),
          h('td', { class: 'nowrap' }, o.rule),
          h('td', { class: 'nowrap' }, o.eventDate),
          h('td', { class: 'nowrap' }, o.deadline ?? 'promptly'),
          h('td', { class: `nowrap status-${o.status}` }, STATUS[o.status] ?? o.status),
          h(
            'td',
            {},
            o.filedOn
              ? `${o.filedOn}${o.businessDaysLate ? `, ${o.businessDaysLate} business days late` : ''}${
                  o.daysAfterEvent !== undefined ? `, ${o.daysAfterEvent} days after the event` : ''
                }`
              : '—',
          ),
        ),
      ),
    )
    byId('ownership-timeline-notes').replaceChildren(
      ...t.events.map((e) => h('li', {}, `${e.date} ${e.person}: ${EVENT_NAMES[e.kind] ?? e.kind}`)),
      ...t.warnings.map((w) => h('li', { class: 'warning' }, w.message)),
    )
  }

  // The worked example is on the case's note, whatever scenario the page opened with.
  const initial = (): Json => workedExample(caseScenario)
  enterComputes(part, byId('ownership-timeline-compute'))
  fill(initial())
  byId('ownership-timeline-compute').addEventListener('click', () => void compute())
  byId('tl-use-scenario').addEventListener('click', () => {
    const scenario = form.read()
    if (scenario) {
      noteSeries = scenario
      describeSeries()
    }
  })
  byId('ownership-timeline-link').addEventListener(
    'click',
    () => void copy(linkFor(TIMELINE, state()), byId('ownership-timeline-link-status')),
  )
  // The chart is drawn for its width: again when the width changes.
  let width = 0
  new ResizeObserver(() => {
    const now = chart.parentElement?.clientWidth ?? 0
    if (last && Math.abs(now - width) > 1) drawOwnershipChart(chart, last, from.value, to.value)
    width = now
  }).observe(chart.parentElement!)
  void compute(false)

  return {
    openFromLink(): boolean {
      const s = stateFromLink(TIMELINE)
      if (s === null) return false
      fill(s)
      void compute().then(() => part.scrollIntoView())
      return true
    },
  }
}

export const EVENT_NAMES: Record<string, string> = {
  'crossed-above-five-percent': 'crossed above 5%',
  'fell-to-five-percent-or-below': 'fell to 5% or below',
  'material-change': 'material change (1% of the class)',
}
