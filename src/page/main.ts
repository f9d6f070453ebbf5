/**
 * The calculator page: fills the form from the link (or the case), computes through
 * POST /v1/scenarios, shows the answer or places the service's errors beside their fields,
 * and keeps the request in the link so that the link reproduces the computation.
 */
import { redrawStatement, showAnswer } from './answer.js'
import { clearErrors, fillForm, keptPointers, readForm, showErrors } from './form.js'
import { initHolders } from './holders.js'
import { stateFromLink, type ScenarioForm } from './kit.js'
import { decodeFromUrl, encodeForUrl, ledgerCsv, scalarText } from './model.js'
import { initNotice } from './notice.js'
import { initOwnership } from './ownership.js'
import { initReadings } from './readings.js'
import { drawTimeline } from './timeline.js'
import type { Problem, ScenarioResult } from './types.js'

type Json = Record<string, unknown>

const HASH_KEY = 'request='
const byId = <T extends HTMLElement = HTMLElement>(id: string): T => document.getElementById(id) as T

const form = byId<HTMLFormElement>('scenario')
const answer = byId('answer')
const status = byId('answer-status')
const body = byId('answer-body')
const chart = byId('timeline') as unknown as SVGSVGElement
const example = JSON.parse(byId('example-request').textContent ?? '{}') as Json
const ownershipExample = JSON.parse(byId('example-ownership').textContent ?? '{}') as Json

/** What the form was last filled from, and what was last computed. */
let base: Json = example
let computed: { request: Json; result: ScenarioResult; text: string } | null = null
let pending: AbortController | null = null

function requestFromLink(): { request: Json } | { error: string } | null {
  const hash = location.hash.slice(1)
  if (!hash.startsWith(HASH_KEY)) return null
  try {
    const value = decodeFromUrl(hash.slice(HASH_KEY.length))
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      return { error: 'The link does not hold a scenario request.' }
    return { request: value as Json }
  } catch {
    return { error: 'The link is damaged: its request could not be read.' }
  }
}

function load(request: Json): void {
  base = request
  fillForm(form, request)
  clearErrors(form)
  const kept = keptPointers(form, request)
  const note = byId('kept')
  note.hidden = kept.length === 0
  note.textContent =
    kept.length === 0 ? '' : `Also in this request, not shown here and sent as given: ${kept.join(', ')}.`
}

/** The status sits over the answer (it never pushes it down); while busy the old figures are dimmed. */
function setStatus(text: string, kind: 'busy' | 'error' | 'idle'): void {
  status.textContent = text
  status.className = `status ${kind}`
  status.hidden = kind === 'idle'
  answer.setAttribute('aria-busy', String(kind === 'busy'))
  body.classList.toggle('stale', kind === 'busy')
}

/** No answer stands beside a form it does not answer: refused or unreadable, the old one is withdrawn. */
function withdraw(): void {
  body.hidden = true
  computed = null
}

function problemOf(value: unknown, httpStatus: number): Problem {
  const p = value as Partial<Problem> | null
  return {
    type: String(p?.type ?? 'about:blank'),
    title: String(p?.title ?? `HTTP ${httpStatus}`),
    status: httpStatus,
    detail: String(p?.detail ?? 'The service answered with an error.'),
    errors: Array.isArray(p?.errors) ? p.errors : [],
  }
}

async function compute(request: Json, options: { focus: boolean }): Promise<void> {
  pending?.abort()
  const controller = new AbortController()
  pending = controller
  setStatus('Computing…', 'busy')
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' }
  const key = byId<HTMLInputElement>('f-api-key').value
  if (key !== '') headers['authorization'] = `Bearer ${key}`
  let response: Response
  let text: string
  try {
    response = await fetch('/v1/scenarios', {
      method: 'POST',
      headers,
      body: JSON.stringify(request),
      signal: controller.signal,
    })
    text = await response.text()
  } catch (error) {
    if (controller.signal.aborted) return
    setStatus(`The service could not be reached (${(error as Error).message}). Try again.`, 'error')
    return
  }
  if (pending !== controller) return
  pending = null
  history.replaceState(null, '', `${location.pathname}#${HASH_KEY}${encodeForUrl(request)}`)
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    parsed = null
  }
  if (response.ok && parsed !== null) {
    clearErrors(form)
    const result = parsed as ScenarioResult
    computed = { request, result, text }
    body.hidden = false
    setStatus('', 'idle')
    showAnswer(result, computedAt(), response.headers.get('convertible-default-version'))
    drawTimeline(chart, result)
    if (options.focus) {
      // The key figures in view, at a phone's width (the answer under the form) and a desktop's.
      answer.focus({ preventScroll: true })
      byId('answer-head').scrollIntoView({ block: 'start' })
    }
    return
  }
  const problem = problemOf(parsed, response.status)
  if (response.status === 401) byId('api-key-field').hidden = false
  withdraw()
  if (problem.errors.length > 0) {
    showErrors(form, problem.title, problem.detail, problem.errors)
    setStatus(
      `${problem.title}: ${problem.errors.length === 1 ? 'one field' : `${problem.errors.length} fields`} ` +
        'to fix, marked in the form.',
      'error',
    )
  } else {
    clearErrors(form)
    setStatus(`${problem.title}: ${problem.detail}`, 'error')
  }
}

function computedAt(): string {
  const now = new Date()
  return `${now.toISOString().slice(0, 16).replace('T', ' ')} UTC`
}

function download(name: string, type: string, content: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }))
  const link = document.createElement('a')
  link.href = url
  link.download = name
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
  say(`Downloaded ${name}.`)
}

function say(text: string): void {
  byId('action-status').textContent = text
}

const fileStem = (): string =>
  scalarText((computed?.request['note'] as Json | undefined)?.['id'], 'scenario')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .slice(0, 60) || 'scenario'

form.addEventListener('submit', (event) => {
  event.preventDefault()
  const read = readForm(form, base)
  if ('problems' in read) {
    pending?.abort()
    withdraw()
    setStatus('Fix the marked fields of the form: the answer shown was for other input.', 'error')
    showErrors(
      form,
      'Incomplete input',
      'Some fields hold text the browser cannot read as a date or time.',
      read.problems,
    )
    return
  }
  void compute(read.request, { focus: true })
})

// Money fields show their grouping once a person leaves them.
form.addEventListener('focusout', (event) => {
  const input = event.target as HTMLInputElement
  if (input.dataset['kind'] !== 'money') return
  const raw = input.value.replace(/,/g, '')
  if (/^\d+(\.\d+)?$/.test(raw))
    input.value = raw.replace(/^(\d+)/, (whole) => whole.replace(/\B(?=(\d{3})+(?!\d))/g, ','))
})

byId('reset').addEventListener('click', () => {
  history.replaceState(null, '', location.pathname)
  load(example)
  void compute(example, { focus: false })
})

/** The scenario's own link (the address may hold a section's since). */
const scenarioLink = (): string =>
  computed ? `${location.origin}${location.pathname}#${HASH_KEY}${encodeForUrl(computed.request)}` : location.href

async function copyLink(): Promise<void> {
  history.replaceState(null, '', scenarioLink())
  try {
    await navigator.clipboard.writeText(scenarioLink())
    say('Link copied: it reproduces this computation.')
  } catch {
    say('Copy the address bar: the link reproduces this computation.')
  }
}
byId('copy-link').addEventListener('click', () => void copyLink())
byId('download-request').addEventListener('click', () => {
  if (computed)
    download(`${fileStem()}.request.json`, 'application/json', `${JSON.stringify(computed.request, null, 2)}\n`)
})
byId('download-answer').addEventListener('click', () => {
  if (computed) download(`${fileStem()}.answer.json`, 'application/json', computed.text)
})
byId('download-ledger').addEventListener('click', () => {
  if (computed) download(`${fileStem()}.ledger.csv`, 'text/csv', ledgerCsv(computed.result.interestLedger))
})
byId('print').addEventListener('click', () => {
  delete document.body.dataset['print']
  window.print()
})

// The chart is drawn for its width: again when the width changes.
let drawnWidth = 0
new ResizeObserver(() => {
  const width = chart.parentElement?.clientWidth ?? 0
  if (computed && Math.abs(width - drawnWidth) > 1) drawTimeline(chart, computed.result)
  drawnWidth = width
}).observe(chart.parentElement!)

/** The scenario a section's link carries (holders, readings, the notice), to open the form with. */
function scenarioOfSectionLink(): Json | undefined {
  for (const section of ['holders', 'readings', 'notice']) {
    const scenario = stateFromLink(section)?.['scenario']
    if (typeof scenario === 'object' && scenario !== null) return scenario as Json
  }
  return undefined
}

/** The scenario form as the other sections use it. */
const scenarioForm: ScenarioForm = {
  read(): Json | null {
    const read = readForm(form, base)
    return 'request' in read ? read.request : null
  },
  load(request: Json): void {
    // A section's link that carries the scenario the page opened with: already filled and computing.
    if (JSON.stringify(request) === JSON.stringify(base)) return
    load(request)
    void compute(request, { focus: false })
  },
}

for (const id of ['st-issuer', 'st-issuer-address', 'st-holder', 'st-holder-address', 'st-payment'])
  byId(id).addEventListener('input', redrawStatement)

function start(): void {
  const linked = requestFromLink()
  if (linked !== null && 'error' in linked) {
    load(example)
    setStatus(`${linked.error} Showing the case instead.`, 'error')
  } else {
    const request = linked?.request ?? scenarioOfSectionLink() ?? example
    load(request)
    void compute(request, { focus: false })
  }
  const holders = initHolders(scenarioForm)
  const readings = initReadings(scenarioForm)
  const sections = [holders, initOwnership(scenarioForm, ownershipExample, example), readings, initNotice(scenarioForm)]
  // A section's link: that section filled and computed (and the scenario it carries, above).
  const openedBy = linked === null ? sections.find((section) => section.openFromLink()) : undefined
  if (openedBy !== holders) holders.computeNow()
  if (openedBy !== readings) readings.computeNow()
}

window.addEventListener('hashchange', () => {
  const linked = requestFromLink()
  if (linked !== null && 'request' in linked && JSON.stringify(linked.request) !== JSON.stringify(computed?.request)) {
    load(linked.request)
    void compute(linked.request, { focus: false })
  }
})

start()
