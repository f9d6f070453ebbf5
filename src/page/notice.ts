/**
 * Notice: a Notice of Default drafted from the computed answer. The scenario of the form is
 * computed with the notice (and the redemption election, when there is one) sent on the
 * letter's date, nothing cured and nothing paid: the covenant and its deadline, the cure
 * deadline, the Event of Default absent cure and the payment due all come from that answer, so
 * a new date redrafts every date. Addressee, sender and signatory are the person's to edit.
 */
import {
  byId,
  copy,
  enterComputes,
  h,
  keepInAddress,
  linkFor,
  money,
  post,
  typed,
  printPart,
  stateFromLink,
  type Json,
  type ScenarioForm,
} from './kit.js'
import { fieldLabelFor } from './form.js'
import { fractionToPercent, newYorkWallTime, scalarText } from './model.js'
import type { ScenarioResult } from './types.js'

const SECTION = 'notice'
/** Letter lengths (characters) above which it prints tighter, to stay on one page of A4 or Letter. */
const DENSE = 2700
const DENSER = 3300
/** The last date the service computes (docs/rules/calendars.md). */
const LAST_DATE = '2199-12-31'

const FIELDS = [
  'notice-date',
  'notice-to',
  'notice-address',
  'notice-from',
  'notice-signatory',
  'notice-title',
  'notice-covenant',
] as const

/** The case's parties and covenant (the SPA 4(i) of the Liquidmetal case), as the letter opens. */
const CASE_LETTER: Record<string, string> = {
  'notice-to': 'Liquidmetal Technologies, Inc.',
  'notice-address': 'Attention: Chief Executive Officer',
  'notice-from': 'Wynnefield Partners Small Cap Value LP',
  'notice-signatory': 'Nelson Obus',
  'notice-title': 'Authorized signatory',
  'notice-covenant':
    'pay off all of its indebtedness other than scheduled debt, trade debt, capital leases and ' +
    'equipment financing in the ordinary course',
}

const METHOD: Record<string, string> = {
  personal: 'personal delivery',
  facsimile: 'facsimile',
  email: 'email',
  'overnight-courier': 'overnight courier',
  mail: 'mail',
}

const pct = (fraction: string | undefined, fallback: string) =>
  `${fraction === undefined ? fallback : fractionToPercent(fraction)}%`
/** A clause of the Note as the letter cites it: "Note 4(b)" is Section 4(b) of the Note. */
const ofTheNote = (clause: string) => clause.replace(/^Note /, 'Section ')
const days = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`
const and = (items: string[]) =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`

/** The ISO date `days` after another (calendar arithmetic in UTC: no time zone involved). */
function addDays(date: string, n: number): string {
  const t = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) + n * 86_400_000
  return new Date(t).toISOString().slice(0, 10)
}

export function initNotice(form: ScenarioForm): { openFromLink(): boolean } {
  const section = byId('notice')
  const letter = byId('notice-letter')
  const status = byId('notice-status')
  const input = (id: string) => byId<HTMLInputElement | HTMLTextAreaElement>(id)
  let last: { scenario: Json; answer: ScenarioResult } | null = null
  let pending = 0

  const values = (): Record<string, string> => Object.fromEntries(FIELDS.map((id) => [id, input(id).value]))

  function fill(v: Record<string, string>): void {
    for (const id of FIELDS) input(id).value = v[id] ?? CASE_LETTER[id] ?? ''
  }

  /** The scenario as the letter sends it: notice and election on the letter's date, not cured, not paid. */
  function requestFor(scenario: Json, date: string): Json {
    const events = { ...((scenario['events'] as Json | undefined) ?? {}) }
    const notice = (events['noticeOfDefault'] as Json | null | undefined) ?? null
    const methods = (notice?.['methods'] as string[] | undefined) ?? ['facsimile', 'overnight-courier']
    events['noticeOfDefault'] = { sentAt: date, methods }
    const election = events['redemptionElection'] as Json | null | undefined
    if (election) events['redemptionElection'] = { ...election, date }
    events['curedOn'] = null
    events['paymentDate'] = null
    // A year on: every date of the letter falls before it, so none is cut off by the answer's asOf
    // (the last supported date at the latest: a letter of 2199 is still drafted).
    const asOf = addDays(date, 366) < LAST_DATE ? addDays(date, 366) : LAST_DATE
    return { ...scenario, events, asOf }
  }

  async function draft(scenario: Json, keep = true): Promise<void> {
    const date = input('notice-date').value
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) {
      status.textContent = 'Give the notice a date (YYYY-MM-DD) to draft it.'
      return
    }
    const mine = ++pending
    status.textContent = 'Drafting…'
    letter.classList.add('stale')
    const answer = await post('/v1/scenarios', typed('/v1/scenarios', requestFor(scenario, date)))
    if (mine !== pending) return
    letter.classList.remove('stale')
    keepInAddress(SECTION, { scenario, letter: values() }, keep)
    if (!answer.ok || !answer.body) {
      last = null
      const errors = answer.problem?.errors ?? []
      // The letter's date sets the notice and the election: their errors are the date's.
      const atDate = (pointer: string) =>
        pointer.startsWith('/events/noticeOfDefault') || pointer.startsWith('/events/redemptionElection/date')
      const scenarioForm = byId<HTMLFormElement>('scenario')
      const words = errors.map(
        (e) =>
          `${atDate(e.pointer) ? 'Notice dated' : (fieldLabelFor(scenarioForm, e.pointer) ?? e.pointer)}: ${e.detail}`,
      )
      if (errors.some((e) => atDate(e.pointer))) input('notice-date').setAttribute('aria-invalid', 'true')
      status.textContent = `Not drafted: ${answer.problem?.title ?? 'error'}. ${
        words.length > 0 ? words.join('; ') : (answer.problem?.detail ?? '')
      }`
      letter.replaceChildren()
      return
    }
    input('notice-date').removeAttribute('aria-invalid')
    status.textContent = ''
    last = { scenario, answer: answer.body }
    render()
  }

  function render(): void {
    if (!last) return
    const r = last.answer
    const s = last.scenario
    const v = values()
    const note = (s['note'] as Json | undefined) ?? {}
    const interest = (note['interest'] as Json | undefined) ?? {}
    const spa = (s['spa'] as Json | null | undefined) ?? null
    const events = (s['events'] as Json | undefined) ?? {}
    const methods = ((events['noticeOfDefault'] as Json | null | undefined)?.['methods'] as string[] | undefined) ?? [
      'facsimile',
      'overnight-courier',
    ]
    const c = r.covenant
    const n = r.notice
    const rate = (key: string, fallback: string) => pct(interest[key] as string | undefined, fallback)
    const rates = {
      cash: rate('cashRate', '8'),
      notes: rate('noteRate', '10'),
      defaultCash: rate('defaultCashRate', '12'),
      defaultNotes: rate('defaultNoteRate', '15'),
    }
    const covenantSection = scalarText(
      (spa?.['covenant'] as Json | undefined)?.['section'],
      c?.clause.replace(/^SPA /, '') ?? '',
    )
    const e = r.eventOfDefault
    const red = r.redemption
    const election = r.redemptionElection
    const paras: Node[] = []
    const p = (...parts: Array<Node | string>) => paras.push(h('p', {}, ...parts))
    const d = (date: string | null | undefined) => h('span', { class: 'date' }, date ?? '—')

    if (c && spa) {
      const period = c.period
      const breached = c.status === 'breached' || c.status === 'performed-late'
      p(
        h('strong', {}, breached ? '1. The covenant breached. ' : '1. The covenant. '),
        `Section ${covenantSection} of the Securities Purchase Agreement dated `,
        d(scalarText(spa['closingDate'])),
        ` required the Company to ${v['notice-covenant'] || 'perform the covenant of that Section'} within ${days(
          period.count,
          period.unit === 'calendar-days' ? 'calendar day' : 'Business Day',
        )} after the Closing, that is, no later than `,
        d(c.deadline),
        '. ',
        c.status === 'performed-on-time'
          ? 'The Company performed it on time.'
          : c.status === 'performed-late'
            ? `The Company performed it only on ${c.performedOn ?? ''}, late.`
            : c.status === 'pending'
              ? 'Its deadline has not passed.'
              : 'The Company has not performed it. This failure is a default under the Note.',
      )
    }
    if (n) {
      p(
        h('strong', {}, '2. Cure period. '),
        `This notice is sent on ${n.sentDate} by ${and(methods.map((m) => METHOD[m] ?? m))} and takes effect on `,
        d(n.effectiveDate),
        `. Under ${ofTheNote(n.clause)} of the Note, the Company has ${days(n.cureBusinessDays, 'Business Day')} ` +
          'after this notice to cure the default, that is, until ',
        d(n.cureDeadline),
        '. ',
        e.date
          ? h(
              'span',
              {},
              'If the default is not cured by then, an Event of Default occurs on ',
              d(e.date),
              ' without further notice.',
            )
          : 'No Event of Default follows from this notice.',
      )
    }
    p(
      h('strong', {}, '3. Default interest. '),
      `From the Event of Default${e.date ? ` (${e.date})` : ''}, interest on the Note accrues under Section 2 ` +
        `of the Note at the default rates: ${rates.defaultCash} a year when paid in cash and ` +
        `${rates.defaultNotes} a year when paid in notes, instead of ${rates.cash} and ${rates.notes}.`,
    )
    if (election) {
      const portion = `${fractionToPercent(election.portion)}%`
      p(
        h('strong', {}, '4. Redemption election. '),
        `Under ${ofTheNote(red?.clause ?? 'Note 4(b)')} of the Note, the Holder elects to have the Company redeem ` +
          `${portion} of the Note, together with accrued interest, including interest at the default rates. `,
        red
          ? h(
              'span',
              {},
              'The election takes effect on the Event of Default, ',
              d(red.electionEffectiveDate),
              ', and the redemption price is due on ',
              d(red.paymentDueDate),
              `: USD ${money(red.totalDue)} if paid that day, USD ${money(red.perDiem)} (the per diem) less ` +
                'for each day it is paid earlier' +
                (red.lateChargeRate === null
                  ? '.'
                  : `, and a late charge of ${fractionToPercent(red.lateChargeRate)}% a year on the price ` +
                    'for each day it is paid later.'),
            )
          : `The election takes effect when an Event of Default occurs.`,
      )
    }
    p(
      'Nothing in this notice waives any right or remedy of the Holder under the Note, the Securities ' +
        'Purchase Agreement or the law, all of which are reserved.',
    )
    letter.replaceChildren(
      h(
        'header',
        { class: 'nl-head' },
        h('p', { class: 'nl-from' }, v['notice-from'] ?? ''),
        h('p', { class: 'nl-date' }, 'Date: ', d(n?.sentDate ?? v['notice-date'])),
      ),
      h(
        'address',
        { class: 'nl-to' },
        h('span', {}, v['notice-to'] ?? ''),
        ...(v['notice-address'] ?? '').split('\n').map((line) => h('span', {}, line)),
      ),
      h('p', { class: 'nl-via' }, `By ${and(methods.map((m) => METHOD[m] ?? m))}`),
      h(
        'h3',
        { class: 'nl-re' },
        `Notice of Default: Note ${r.noteId ?? ''} ` +
          `(principal USD ${money(r.interest.principal)}, issued ${r.interest.from})`,
      ),
      h('p', {}, 'Ladies and Gentlemen:'),
      ...paras,
      h(
        'div',
        { class: 'nl-sign' },
        h('p', {}, 'Very truly yours,'),
        h('p', { class: 'nl-holder' }, v['notice-from'] ?? ''),
        h('p', { class: 'nl-line' }, `By: ______________________________`),
        h('p', {}, `Name: ${v['notice-signatory'] ?? ''}`),
        h('p', {}, `Title: ${v['notice-title'] ?? ''}`),
      ),
      h(
        'p',
        { class: 'nl-foot' },
        `Dates computed by convertible-default (POST /v1/scenarios); clauses ${r.clauses.join(', ')}.`,
      ),
    )
  }

  /** The letter's date: the scenario's notice, else the date its statuses are as of, else today in New York. */
  function opening(scenario: Json): string {
    const sent = ((scenario['events'] as Json | undefined)?.['noticeOfDefault'] as Json | null | undefined)?.['sentAt']
    if (typeof sent === 'string') return sent.slice(0, 10)
    const asOf = scenario['asOf']
    if (typeof asOf === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(asOf)) return asOf
    return newYorkWallTime(new Date().toISOString())?.date ?? ''
  }

  fill({})
  enterComputes(section, byId('notice-draft'))
  const start = form.read()
  if (start) input('notice-date').value = opening(start)

  // The date redrafts (a new answer); the other fields only rewrite the words.
  input('notice-date').addEventListener('change', () => {
    const scenario = last?.scenario ?? form.read()
    if (scenario) void draft(scenario)
  })
  for (const id of FIELDS.slice(1)) input(id).addEventListener('input', render)
  byId('notice-draft').addEventListener('click', () => {
    const scenario = form.read()
    if (scenario) void draft(scenario)
    else status.textContent = 'The scenario above has a field to fix first.'
  })
  byId('notice-print').addEventListener('click', () => {
    // The letter's length (its text, and a line's worth for each line of the address) sets how
    // tight it prints: the case's letter at the normal size, long parties or covenant words tighter.
    const copy = letter.cloneNode(true) as HTMLElement
    const length = (letter.textContent ?? '').length + 80 * letter.querySelectorAll('address span').length
    copy.classList.toggle('dense', length > DENSE)
    copy.classList.toggle('denser', length > DENSER)
    printPart([copy])
  })
  byId('notice-link').addEventListener('click', () => {
    const scenario = last?.scenario ?? form.read()
    if (scenario) void copy(linkFor(SECTION, { scenario, letter: values() }), byId('notice-link-status'))
  })
  if (start) void draft(start, false)

  return {
    openFromLink(): boolean {
      const s = stateFromLink(SECTION)
      if (s === null) return false
      fill((s['letter'] as Record<string, string> | undefined) ?? {})
      const scenario = s['scenario'] as Json | undefined
      if (scenario) {
        form.load(scenario)
        if (input('notice-date').value === '') input('notice-date').value = opening(scenario)
        void draft(scenario).then(() => section.scrollIntoView())
      }
      return true
    },
  }
}
