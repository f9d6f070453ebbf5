/**
 * Readings: the scenario under the readings a careful analyst would try (the service's default
 * variants of POST /v1/scenarios/compare), one row per reading: the key figures it moves, by how
 * much, and the base figure beside each; a reading that makes the scenario invalid says why.
 */
import {
  byId,
  clearProblem,
  copy,
  h,
  keepInAddress,
  linkFor,
  money,
  post,
  typed,
  showProblem,
  stateFromLink,
  type Json,
  type ScenarioForm,
} from './kit.js'
import { fieldLabelFor } from './form.js'
import { scalarText } from './model.js'
import type { CompareResult } from './types.js'

const SECTION = 'readings'

/** What a key figure's pointer names, for people. */
const FIGURES: Record<string, string> = {
  '/covenant/deadline': 'Covenant deadline',
  '/notice/effectiveDate': 'Notice effective',
  '/notice/cureDeadline': 'Cure deadline',
  '/eventOfDefault/date': 'Event of Default',
  '/redemption/electionEffectiveDate': 'Election effective',
  '/redemption/paymentDueDate': 'Payment due',
  '/redemption/redemptionDate': 'Redemption date',
  '/redemption/outstandingPrincipal': 'Outstanding principal',
  '/redemption/capitalizedInterest': 'Interest in notes',
  '/redemption/redeemedPrincipal': 'Principal redeemed',
  '/redemption/accruedInterest/base': 'Accrued, normal rates',
  '/redemption/accruedInterest/default': 'Accrued, default rates',
  '/redemption/accruedInterest/total': 'Accrued interest',
  '/redemption/premiumAmount': 'Premium',
  '/redemption/redemptionPrice': 'Redemption price',
  '/redemption/lateCharge': 'Late charge',
  '/redemption/totalDue': 'Total due',
  '/redemption/perDiem': 'Per diem',
  '/redemption/defaultInterestIncrement': 'Default interest increment',
}
const figureName = (pointer: string): string => FIGURES[pointer] ?? pointer

const isDate = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)
const shown = (v: unknown): string => (v === null || v === undefined ? '—' : isDate(v) ? v : money(scalarText(v)))
const plural = (n: number, word: string) => `${n} ${word}${Math.abs(n) === 1 ? '' : 's'}`

function difference(base: unknown, variant: unknown, diff: unknown): string {
  if (diff === null || diff === undefined) return 'appears or disappears'
  if (isDate(base) || isDate(variant)) {
    const n = Number(diff)
    return `${n > 0 ? '+' : ''}${plural(n, 'day')}`
  }
  const text = scalarText(diff)
  return text.startsWith('-') ? `−${money(text.slice(1))}` : `+${money(text)}`
}

export function initReadings(form: ScenarioForm): { openFromLink(): boolean; computeNow(): void } {
  const section = byId('readings')
  const errors = byId('readings-errors')
  const status = byId('readings-status')
  let scenarioShown: Json | null = null

  async function compute(scenario: Json, keep = true): Promise<void> {
    status.textContent = 'Computing the readings…'
    byId('readings-result').classList.add('stale')
    const answer = await post('/v1/scenarios/compare', typed('/v1/scenarios/compare', { scenario }))
    byId('readings-result').classList.remove('stale')
    status.textContent = ''
    keepInAddress(SECTION, { scenario }, keep)
    if (!answer.ok || !answer.body) {
      byId('readings-result').hidden = true
      showProblem(errors, section, answer.problem!, (p) => `The scenario ${p.replace(/^\/scenario/, '')}`)
      return
    }
    clearProblem(errors, section)
    scenarioShown = scenario
    draw(answer.body)
  }

  function draw(result: CompareResult): void {
    byId('readings-result').hidden = false
    const base = result.base as unknown as Json
    const at = (root: unknown, pointer: string): unknown =>
      pointer
        .split('/')
        .slice(1)
        .reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Json)[key] : undefined), root)
    byId('readings-base').replaceChildren(
      ...[
        '/covenant/deadline',
        '/notice/cureDeadline',
        '/eventOfDefault/date',
        '/redemption/paymentDueDate',
        '/redemption/totalDue',
      ].map((p) => h('div', {}, h('dt', {}, figureName(p)), h('dd', {}, shown(at(base, p))))),
    )
    const body = byId<HTMLTableElement>('readings-table').tBodies[0]!
    body.replaceChildren()
    for (const v of result.variants) {
      const what = h('td', { 'data-field': 'changed' })
      if (!v.ok) {
        const p = v.problem
        what.className = 'fails'
        what.append(
          h('p', {}, h('strong', {}, 'Fails: '), `${p?.title ?? 'invalid'}. ${p?.detail ?? ''}`),
          h(
            'ul',
            {},
            ...(p?.errors ?? []).map((e) => {
              // In the form's words where the pointer names one of its fields; the pointer kept beside.
              const label = fieldLabelFor(byId<HTMLFormElement>('scenario'), e.pointer)
              return h(
                'li',
                { 'data-pointer': e.pointer },
                label ? `${label} ` : '',
                h('code', {}, e.pointer),
                `: ${e.detail}`,
              )
            }),
          ),
        )
      } else if ((v.changed ?? []).length === 0) {
        what.append('Moves nothing: every key figure as in the base.')
      } else {
        const list = h('ul', { class: 'moves' })
        for (const c of v.changed ?? [])
          list.append(
            h(
              'li',
              { 'data-pointer': c.pointer },
              h('span', { class: 'figure-name' }, `${figureName(c.pointer)}: `),
              h('strong', { class: 'nowrap' }, shown(c.variant)),
              ' ',
              h('span', { class: 'nowrap delta' }, `(${difference(c.base, c.variant, c.difference)})`),
              ' ',
              h('span', { class: 'nowrap base' }, `base ${shown(c.base)}`),
            ),
          )
        what.append(list)
      }
      body.append(
        h(
          'tr',
          { 'data-variant': v.id, class: v.ok ? undefined : 'failed' },
          h('th', { scope: 'row' }, h('code', {}, v.id), h('p', { class: 'sub' }, v.description ?? '')),
          what,
        ),
      )
    }
  }

  byId('readings-compare').addEventListener('click', () => {
    const scenario = form.read()
    if (scenario) void compute(scenario)
    else status.textContent = 'The scenario above has a field to fix first.'
  })
  byId('readings-link').addEventListener('click', () => {
    const scenario = scenarioShown ?? form.read()
    if (scenario) void copy(linkFor(SECTION, { scenario }), byId('readings-link-status'))
  })

  return {
    computeNow(): void {
      const scenario = form.read()
      if (scenario) void compute(scenario, false)
    },
    openFromLink(): boolean {
      const s = stateFromLink(SECTION)
      if (s === null) return false
      const scenario = s['scenario'] as Json | undefined
      if (scenario) {
        form.load(scenario)
        void compute(scenario).then(() => section.scrollIntoView())
      }
      return true
    },
  }
}
