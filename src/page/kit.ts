/**
 * What the page's sections share: building elements, calling the service, a section's link,
 * printing one part of the page, the service's problems shown beside a section's fields, and
 * tables of rows a person edits (holders, persons, filings).
 */
import { decodeFromUrl, encodeForUrl, groupDigits } from './model.js'
import type { Problem, Routes } from './types.js'

export type Json = Record<string, unknown>

export const byId = <T extends HTMLElement = HTMLElement>(id: string): T => document.getElementById(id) as T

/** An element with attributes (`class`, `data-*`, ...) and children (strings become text). */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number | boolean | undefined> = {},
  ...children: Array<Node | string | null | undefined | false>
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag)
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue
    node.setAttribute(k, v === true ? '' : String(v))
  }
  for (const child of children) if (child !== null && child !== undefined && child !== false) node.append(child)
  return node
}

export const money = (amount: string): string => groupDigits(amount)
export const count = (n: number | string): string => groupDigits(String(n))

export interface Answer<T> {
  ok: boolean
  status: number
  body: T | null
  problem: Problem | null
  version: string | null
}

/**
 * A request built from a form's rows and fields (a JSON object), given the contract's type of the
 * path it goes to: the service, not the page, judges whether it is one.
 */
export const typed = <P extends keyof Routes>(_path: P, body: Json): Routes[P]['request'] =>
  body as unknown as Routes[P]['request']

/** A POST of JSON to the service; the API key of the scenario form goes along when one was typed. */
export async function post<P extends keyof Routes>(
  path: P,
  body: Routes[P]['request'],
  signal?: AbortSignal,
): Promise<Answer<Routes[P]['answer']>> {
  type T = Routes[P]['answer']
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' }
  const key = (document.getElementById('f-api-key') as HTMLInputElement | null)?.value ?? ''
  if (key !== '') headers['authorization'] = `Bearer ${key}`
  const init: RequestInit = { method: 'POST', headers, body: JSON.stringify(body) }
  if (signal) init.signal = signal
  let response: Response
  let text: string
  try {
    response = await fetch(path, init)
    text = await response.text()
  } catch (error) {
    if (signal?.aborted) throw error
    return {
      ok: false,
      status: 0,
      body: null,
      version: null,
      problem: {
        type: 'about:blank',
        title: 'The service could not be reached',
        status: 0,
        detail: `${(error as Error).message}. Try again.`,
        errors: [],
      } as unknown as Problem,
    }
  }
  let parsed: unknown = null
  try {
    parsed = JSON.parse(text)
  } catch {
    // Not JSON: answered below as a problem of its HTTP status.
  }
  const version = response.headers.get('convertible-default-version')
  if (response.ok && parsed !== null)
    return { ok: true, status: response.status, body: parsed as T, problem: null, version }
  const p = (parsed ?? {}) as Partial<Problem>
  return {
    ok: false,
    status: response.status,
    body: null,
    version,
    problem: {
      type: String(p.type ?? 'about:blank'),
      title: String(p.title ?? `HTTP ${response.status}`),
      status: response.status,
      detail: String(p.detail ?? 'The service answered with an error.'),
      errors: Array.isArray(p.errors) ? p.errors : [],
    },
  }
}

/** A section's link: its state in the address, so that opening it reproduces the section. */
export const linkFor = (section: string, state: unknown): string =>
  `${location.origin}${location.pathname}#${section}=${encodeForUrl(state)}`

/** The state a link gave a section, or null (no link for it, or a damaged one). */
export function stateFromLink(section: string): Json | null {
  const hash = location.hash.slice(1)
  if (!hash.startsWith(`${section}=`)) return null
  try {
    const value = decodeFromUrl(hash.slice(section.length + 1))
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : null
  } catch {
    return null
  }
}

/**
 * Keeps the section's state in the address bar (no history entry per computation), when a person
 * computed it: what the page computes by itself on opening leaves the address as it was opened.
 */
export function keepInAddress(section: string, state: unknown, keep: boolean): void {
  if (keep) history.replaceState(null, '', linkFor(section, state))
}

/**
 * Prints one part: its copy goes into the print-out (ids dropped, so the page keeps one of each),
 * the print styles show the print-out alone.
 */
export function printPart(content: Node[]): void {
  const out = byId('printout')
  out.replaceChildren(...content)
  for (const node of out.querySelectorAll('[id]')) node.removeAttribute('id')
  document.body.dataset['print'] = 'printout'
  window.print()
}

/** The service's problem for a section: a summary, and each error at the input its pointer names. */
export function showProblem(
  box: HTMLElement,
  scope: HTMLElement,
  problem: Problem,
  label: (p: string) => string,
): void {
  clearProblem(box, scope)
  box.hidden = false
  const list = h('ul')
  for (const [i, e] of (problem.errors ?? []).entries()) {
    const input = scope.querySelector<HTMLElement>(`[data-pointer="${CSS.escape(e.pointer)}"]`)
    const text = `${label(e.pointer)}: ${e.detail}`
    if (input) {
      const id = `${scope.id}-err-${i}`
      input.setAttribute('aria-invalid', 'true')
      input.setAttribute('aria-describedby', id)
      const where = input.closest('td, .field') ?? input.parentElement!
      where.append(h('p', { class: 'field-error', id }, e.detail.charAt(0).toUpperCase() + e.detail.slice(1)))
      const link = h('a', { href: `#${input.id}` }, label(e.pointer))
      link.addEventListener('click', (event) => {
        event.preventDefault()
        input.focus()
      })
      list.append(h('li', {}, link, `: ${e.detail}`))
    } else list.append(h('li', {}, text))
  }
  box.replaceChildren(h('p', { class: 'errors-title' }, problem.title), h('p', {}, problem.detail), list)
}

export function clearProblem(box: HTMLElement, scope: HTMLElement): void {
  box.hidden = true
  box.replaceChildren()
  for (const node of scope.querySelectorAll('.field-error')) node.remove()
  for (const node of scope.querySelectorAll('[aria-invalid]')) {
    node.removeAttribute('aria-invalid')
    node.removeAttribute('aria-describedby')
  }
}

export interface Column {
  key: string
  label: string
  /** integer: sent as a JSON number when it is one; list: comma-separated, sent as an array. */
  kind?: 'text' | 'integer' | 'decimal' | 'date' | 'list' | 'select'
  options?: Array<[string, string]>
  /** The request pointer of a row's value, for placing the service's errors (`{i}`: the row). */
  pointer?: string
  width?: string
}

/**
 * A table of rows a person edits: one input per column, a button to remove a row and one to add
 * a row. Inputs are labelled by column and row ("Name, holder 2"), so a screen reader and the
 * keyboard reach every cell.
 */
export class Rows {
  readonly table: HTMLTableElement
  private readonly body: HTMLTableSectionElement
  private serial = 0

  constructor(
    readonly id: string,
    readonly noun: string,
    readonly columns: Column[],
    readonly max = 50,
  ) {
    this.body = h('tbody')
    this.table = h(
      'table',
      { class: 'data rows', id },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ...columns.map((c) => h('th', { scope: 'col' }, c.label)),
          h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Remove')),
        ),
      ),
      this.body,
    )
  }

  /** The table, with its add button under it. */
  element(): HTMLElement {
    const add = h('button', { type: 'button', class: 'quiet' }, `Add ${this.noun}`)
    add.addEventListener('click', () => {
      if (this.body.rows.length >= this.max) return
      this.addRow({})
      this.body.rows[this.body.rows.length - 1]?.querySelector('input')?.focus()
    })
    return h('div', { class: 'rows-wrap' }, h('div', { class: 'scroll', tabindex: 0 }, this.table), add)
  }

  set(rows: Array<Record<string, string>>): void {
    this.body.replaceChildren()
    for (const row of rows.slice(0, this.max)) this.addRow(row)
  }

  private addRow(values: Record<string, string>): void {
    const n = ++this.serial
    const tr = h('tr')
    for (const c of this.columns) {
      const label = `${c.label}, ${this.noun} ${this.body.rows.length + 1}`
      let input: HTMLInputElement | HTMLSelectElement
      if (c.kind === 'select') {
        input = h('select', { 'aria-label': label })
        for (const [value, text] of c.options ?? []) input.append(h('option', { value }, text))
      } else
        input = h('input', {
          type: c.kind === 'date' ? 'date' : 'text',
          'aria-label': label,
          autocomplete: 'off',
          inputmode: c.kind === 'integer' ? 'numeric' : c.kind === 'decimal' ? 'decimal' : undefined,
          min: c.kind === 'date' ? '1901-01-01' : undefined,
          max: c.kind === 'date' ? '2199-12-31' : undefined,
          maxlength: c.kind === 'date' ? undefined : 200,
        })
      input.id = `${this.id}-${n}-${c.key}`
      input.dataset['key'] = c.key
      input.value = values[c.key] ?? ''
      tr.append(h('td', { class: c.width ? `w-${c.width}` : undefined, 'data-label': c.label }, input))
    }
    const remove = h('button', { type: 'button', class: 'quiet remove', 'aria-label': `Remove ${this.noun}` }, '×')
    remove.addEventListener('click', () => {
      const next = tr.nextElementSibling ?? tr.previousElementSibling
      tr.remove()
      this.relabel()
      ;(next?.querySelector('input, select') as HTMLElement | null)?.focus()
    })
    tr.append(h('td', { class: 'remove-cell' }, remove))
    this.body.append(tr)
    this.relabel()
  }

  /** Labels and error pointers follow the rows' order. */
  private relabel(): void {
    ;[...this.body.rows].forEach((tr, i) => {
      for (const input of tr.querySelectorAll<HTMLInputElement | HTMLSelectElement>('[data-key]')) {
        const c = this.columns.find((col) => col.key === input.dataset['key'])!
        input.setAttribute('aria-label', `${c.label}, ${this.noun} ${i + 1}`)
        if (c.pointer) input.dataset['pointer'] = c.pointer.replace('{i}', String(i))
      }
      tr.querySelector('.remove')?.setAttribute('aria-label', `Remove ${this.noun} ${i + 1}`)
    })
  }

  /** The rows as typed (trimmed); rows left wholly empty are skipped. */
  values(): Array<Record<string, string>> {
    return [...this.body.rows]
      .map((tr) =>
        Object.fromEntries(
          [...tr.querySelectorAll<HTMLInputElement | HTMLSelectElement>('[data-key]')].map((i) => [
            i.dataset['key']!,
            i.value.trim(),
          ]),
        ),
      )
      .filter((row) => Object.values(row).some((v) => v !== ''))
  }
}

/** Text a person typed for a count: a JSON number when it is one (grouping commas allowed), else as typed. */
export function integerOf(text: string): number | string {
  const plain = text.replace(/,/g, '')
  return /^-?\d{1,15}$/.test(plain) ? Number(plain) : text
}

/** The scenario form, as the sections use it: its request (null when it holds a half-typed date), and filling it. */
export interface ScenarioForm {
  read(): Json | null
  load(request: Json): void
}

/** The current time written for a statement's foot. */
export function computedAt(): string {
  return `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`
}

/** The link to the clipboard, or a word to copy it from the address bar. */
export async function copy(link: string, say: HTMLElement): Promise<void> {
  history.replaceState(null, '', link)
  try {
    await navigator.clipboard.writeText(link)
    say.textContent = 'Link copied: it reproduces this section.'
  } catch {
    say.textContent = 'Copy the address bar: it reproduces this section.'
  }
}

/** Enter in a section's field computes the section, as in a form (not in a text area, nor on a box). */
export function enterComputes(scope: HTMLElement, button: HTMLElement, except?: HTMLElement): void {
  scope.addEventListener('keydown', (event) => {
    const target = event.target as HTMLElement
    if (event.key !== 'Enter' || !(target instanceof HTMLInputElement)) return
    if (target.type === 'checkbox' || target.type === 'radio' || except?.contains(target)) return
    event.preventDefault()
    button.click()
  })
}
