/**
 * The form over the scenario request. Each input names the request field it edits by its JSON
 * pointer (`data-path`) and how its text becomes JSON (`data-kind`), so filling the form,
 * reading it back and placing the service's errors all follow from the markup.
 *
 * The request the form was filled from is kept: what the form does not show (principal
 * payments, an explicit list of Interest Dates...) goes back to the service as it was, and the
 * form says so.
 */
import {
  fractionToPercent,
  getAt,
  groupDigits,
  leafPointers,
  newYorkOffset,
  newYorkWallTime,
  percentToFraction,
  scalarText,
  setAt,
  ungroupDigits,
} from './model.js'

type Json = Record<string, unknown>
type Control = HTMLInputElement | HTMLSelectElement | HTMLFieldSetElement

export interface FieldProblem {
  pointer: string
  detail: string
}

const controls = (form: HTMLFormElement): Control[] => [...form.querySelectorAll<Control>('[data-path]')]
const timeInput = (form: HTMLFormElement) => form.querySelector<HTMLInputElement>('[data-kind="sent-time"]')!

/** Writes a request into the form. */
export function fillForm(form: HTMLFormElement, request: Json): void {
  for (const control of controls(form)) {
    const path = control.dataset['path']!
    const value = getAt(request, path)
    const kind = control.dataset['kind']
    control.removeAttribute('disabled')
    control.title = ''
    if (control instanceof HTMLFieldSetElement) {
      const chosen = Array.isArray(value) ? value.map(String) : []
      for (const box of control.querySelectorAll<HTMLInputElement>('input[type=checkbox]'))
        box.checked = chosen.includes(box.value)
      continue
    }
    if (value !== undefined && value !== null && typeof value === 'object' && !Array.isArray(value)) continue
    const text = Array.isArray(value) ? value.map((v) => scalarText(v)).join(', ') : scalarText(value)
    if (kind === 'sent-date') {
      const time = timeInput(form)
      const wall = /T/.test(text) ? newYorkWallTime(text) : null
      control.value = wall?.date ?? text
      time.value = wall?.time ?? ''
    } else if (kind === 'money') control.value = groupDigits(text)
    else if (kind === 'percent') control.value = text === '' ? '' : fractionToPercent(text)
    else control.value = text
  }
  // Interest Dates given as a list, not a rule: the rule's two fields do not apply.
  const interestDates = getAt(request, '/note/interest/interestDates')
  if (Array.isArray(interestDates)) {
    for (const control of controls(form).filter((c) =>
      c.dataset['path']!.startsWith('/note/interest/interestDates/'),
    )) {
      control.setAttribute('disabled', '')
      control.title = `Interest Dates are given as a list of ${interestDates.length} dates, kept as given.`
    }
  }
}

/** Pointers of the request that the form does not show (sent back as they were). */
export function keptPointers(form: HTMLFormElement, request: Json): string[] {
  const shown = controls(form)
    .filter((c) => !c.hasAttribute('disabled'))
    .map((c) => c.dataset['path']!)
  return leafPointers(request).filter(
    (p) => p !== '' && getAt(request, p) !== null && !shown.some((s) => p === s || p.startsWith(`${s}/`)),
  )
}

/** A date input holding text that is not a whole date (typed halfway): the browser reports it as empty. */
function incompleteDates(form: HTMLFormElement): FieldProblem[] {
  return [...form.querySelectorAll<HTMLInputElement>('input[type=date], input[type=time]')]
    .filter((i) => i.validity.badInput && !i.disabled)
    .map((i) => ({
      pointer: i.dataset['path'] ?? timeInput(form).id,
      detail:
        i.type === 'time'
          ? 'is not a whole time HH:MM'
          : 'is not a date of the calendar (such as 30 February), or is not typed in full',
    }))
}

const isCalendarDate = (text: string): boolean => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text)
  if (m === null) return false
  const t = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))
  return t.toISOString().slice(0, 10) === text
}

/**
 * What the page can tell at once, in the form's own terms (amounts in USD, rates and the
 * portion in percent): the service would refuse it too, but in the API's terms (fractions).
 */
function fieldProblems(form: HTMLFormElement): FieldProblem[] {
  const problems: FieldProblem[] = []
  for (const control of controls(form)) {
    if (control.hasAttribute('disabled') || control instanceof HTMLFieldSetElement) continue
    const path = control.dataset['path']!
    const kind = control.dataset['kind']
    const text = control.value.trim()
    if (kind === 'money') {
      const plain = ungroupDigits(text)
      if (text === '') {
        if (control.hasAttribute('data-required'))
          problems.push({ pointer: path, detail: 'is required: an amount in USD such as 1,000,000.00' })
      } else if (/^\d+\.\d{3,}$/.test(plain))
        problems.push({ pointer: path, detail: 'has more than 2 decimals: cents are the smallest amount' })
      else if (/^\d{16,}(\.\d*)?$/.test(plain.replace(/^0+(?=\d)/, '')))
        problems.push({ pointer: path, detail: 'is too large: at most 999,999,999,999,999.99 (15 digits)' })
      else if (!/^\d+(\.\d{1,2})?$/.test(plain))
        problems.push({
          pointer: path,
          detail: 'is not an amount: digits and at most 2 decimals, such as 1,000,000.00',
        })
    } else if (kind === 'percent' && text !== '') {
      const value = Number(text.replace(/\s*%$/, ''))
      if (!/^\d+(\.\d+)?\s*%?$/.test(text) || !Number.isFinite(value))
        problems.push({ pointer: path, detail: 'is not a percent: a number such as 12 (for 12%)' })
      else if (path.endsWith('/portion') && (value <= 0 || value > 100))
        problems.push({ pointer: path, detail: 'must be more than 0% and at most 100% (100 redeems the whole note)' })
      else if (!path.endsWith('/portion') && value > 100)
        problems.push({ pointer: path, detail: 'is more than 100% a year: type the rate in percent (12 for 12%)' })
    } else if (kind === 'dates' && text !== '') {
      text
        .split(/[\s,;]+/)
        .filter((d) => d !== '')
        .forEach((d, i) => {
          if (!isCalendarDate(d))
            problems.push({
              pointer: `${path}/${i}`,
              detail: `entry ${i + 1} ("${d}") is not a date of the calendar YYYY-MM-DD`,
            })
        })
    }
  }
  return problems
}

/**
 * The request the form describes, on top of `base`. Empty optional fields are left out (the
 * service applies its defaults); empty required ones are sent empty, for the service to name;
 * text that does not parse is sent as typed, never guessed at. Returns the problems the browser
 * alone can see (a date typed halfway) instead, when there are any.
 */
export function readForm(form: HTMLFormElement, base: Json): { request: Json } | { problems: FieldProblem[] } {
  const problems = [...incompleteDates(form), ...fieldProblems(form)]
  if (problems.length > 0) return { problems }
  const request = structuredClone(base)
  const groups = new Map<string, boolean>()
  for (const control of controls(form)) {
    if (control.hasAttribute('disabled')) continue
    const path = control.dataset['path']!
    const kind = control.dataset['kind']
    let value: unknown
    if (control instanceof HTMLFieldSetElement) {
      value = [...control.querySelectorAll<HTMLInputElement>('input[type=checkbox]:checked')].map((b) => b.value)
    } else {
      const text = control.value.trim()
      if (text === '')
        value = control.hasAttribute('data-required') ? '' : control.dataset['empty'] === 'null' ? null : undefined
      else if (kind === 'money') value = ungroupDigits(text)
      else if (kind === 'percent') value = percentToFraction(text)
      else if (kind === 'integer') value = /^-?\d{1,9}$/.test(text) ? Number(text) : text
      else if (kind === 'dates') value = text.split(/[\s,;]+/).filter((d) => d !== '')
      else if (kind === 'sent-date') {
        const time = timeInput(form).value
        value = time === '' ? text : `${text}T${time}:00${newYorkOffset(text, time)}`
      } else value = text
    }
    setAt(request, path, value)
    const group = control.dataset['group']
    if (group !== undefined) groups.set(group, value !== undefined && value !== null && value !== '')
  }
  // A part whose key date is empty did not happen (or does not exist): null, as the contract says.
  for (const [group, present] of groups) if (!present) setAt(request, group, null)
  return { request }
}

/** The control that shows a pointer's error: the field it names, or the nearest one above or below it. */
function controlFor(form: HTMLFormElement, pointer: string): Control | HTMLInputElement | undefined {
  const all = controls(form).filter((c) => !c.hasAttribute('disabled'))
  const exact =
    all.find((c) => c.dataset['path'] === pointer) ??
    form.querySelector<HTMLInputElement>(`#${CSS.escape(pointer)}`) ??
    undefined
  if (exact) return exact
  const above = all
    .filter((c) => pointer.startsWith(`${c.dataset['path']}/`))
    .sort((a, b) => b.dataset['path']!.length - a.dataset['path']!.length)[0]
  return above ?? all.find((c) => c.dataset['path']!.startsWith(`${pointer}/`))
}

/** The form's words for a pointer into the scenario (the label of the field it names, or the nearest). */
export function fieldLabelFor(form: HTMLFormElement, pointer: string): string | null {
  const control = controlFor(form, pointer)
  return control ? labelOf(control) : null
}

export function clearErrors(form: HTMLFormElement): void {
  for (const node of form.querySelectorAll('.field-error')) node.remove()
  for (const node of form.querySelectorAll('[aria-invalid]')) {
    node.removeAttribute('aria-invalid')
    const described = (node.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .filter((id) => id !== '' && !id.startsWith('err-'))
    if (described.length > 0) node.setAttribute('aria-describedby', described.join(' '))
    else node.removeAttribute('aria-describedby')
  }
  const summary = form.querySelector<HTMLElement>('#form-errors')!
  summary.hidden = true
  summary.replaceChildren()
}

/** Each error beside its field, and a summary at the top linking to them. */
export function showErrors(
  form: HTMLFormElement,
  title: string,
  detail: string,
  problems: readonly FieldProblem[],
): void {
  clearErrors(form)
  const summary = form.querySelector<HTMLElement>('#form-errors')!
  const heading = document.createElement('p')
  heading.className = 'errors-title'
  heading.textContent = title
  const text = document.createElement('p')
  text.textContent = detail
  const list = document.createElement('ul')
  summary.append(heading, text, list)
  problems.forEach((problem, i) => {
    const control = controlFor(form, problem.pointer)
    const item = document.createElement('li')
    const label = control ? labelOf(control) : problem.pointer
    if (control) {
      const id = `err-${i}`
      const message = document.createElement('p')
      message.className = 'field-error'
      message.id = id
      message.dataset['pointer'] = problem.pointer
      message.textContent =
        control.dataset['path'] === problem.pointer ? sentence(problem.detail) : entryDetail(control, problem)
      const wrapper =
        control instanceof HTMLFieldSetElement ? control : (control.closest('.field') ?? control.parentElement!)
      wrapper.appendChild(message)
      control.setAttribute('aria-invalid', 'true')
      control.setAttribute('aria-describedby', `${control.getAttribute('aria-describedby') ?? ''} ${id}`.trim())
      const link = document.createElement('a')
      link.href = `#${control.id}`
      link.textContent = label
      link.addEventListener('click', (event) => {
        event.preventDefault()
        focusControl(control)
      })
      item.append(
        link,
        `: ${control.dataset['path'] === problem.pointer ? problem.detail : entryDetail(control, problem)}`,
      )
    } else {
      item.textContent = `${problem.pointer}: ${problem.detail}`
    }
    list.appendChild(item)
  })
  summary.hidden = false
  summary.focus()
}

function focusControl(control: Control | HTMLInputElement): void {
  control.closest('details')?.setAttribute('open', '')
  const target = control instanceof HTMLFieldSetElement ? (control.querySelector('input') ?? control) : control
  target.focus()
  target.scrollIntoView({ block: 'center' })
}

function labelOf(control: Control | HTMLInputElement): string {
  if (control instanceof HTMLFieldSetElement) return control.querySelector('legend')?.textContent?.trim() ?? control.id
  return control.labels?.[0]?.textContent?.trim() ?? control.id
}

/** An error inside a list field (`/extraHolidays/1`): which entry, as typed, and what is wrong with it. */
function entryDetail(control: Control | HTMLInputElement, problem: FieldProblem): string {
  const rest = problem.pointer.slice((control.dataset['path'] ?? '').length)
  const m = /^\/(\d+)$/.exec(rest)
  if (m === null || control instanceof HTMLFieldSetElement) return `${problem.pointer}: ${problem.detail}`
  if (problem.detail.startsWith('entry ')) return sentence(problem.detail)
  const typed = control.value.split(/[\s,;]+/).filter((d) => d !== '')[Number(m[1])]
  return `Entry ${Number(m[1]) + 1}${typed ? ` ("${typed}")` : ''}: ${problem.detail}`
}

const sentence = (detail: string): string => detail.charAt(0).toUpperCase() + detail.slice(1)
