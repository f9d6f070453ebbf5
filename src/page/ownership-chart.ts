/**
 * Each reporting person's percent through time as a step chart (a percent holds until the next
 * point): the 5% line, a mark at each crossing and material change, and below the axis each
 * obligation's event, deadline and filing, labelled with its date in lanes that never overlap.
 */
import { daysFrom } from './model.js'
import type { OwnershipTimeline } from './types.js'

const SVG = 'http://www.w3.org/2000/svg'
const PAD_L = 44
const PAD_R = 14
const TOP = 14
const PLOT = 170
const LANE = 17
const CHAR = 7

function el<K extends keyof SVGElementTagNameMap>(
  name: K,
  attrs: Record<string, string | number>,
  parent: Element,
  text?: string,
): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, name)
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v))
  if (text !== undefined) node.textContent = text
  parent.appendChild(node)
  return node
}

interface Mark {
  date: string
  text: string
  kind: 'event' | 'deadline' | 'filed'
}

const KIND_TEXT: Record<string, string> = {
  'crossed-above-five-percent': 'crossed above 5%',
  'fell-to-five-percent-or-below': 'fell to 5% or below',
  'material-change': 'material change',
}

export function drawOwnershipChart(svg: SVGSVGElement, t: OwnershipTimeline, from: string, to: string): void {
  const width = Math.max(300, Math.round(svg.parentElement?.clientWidth ?? 600))
  svg.replaceChildren()
  const span = Math.max(1, daysFrom(from, to))
  const x = (date: string) =>
    PAD_L + ((width - PAD_L - PAD_R) * Math.min(span, Math.max(0, daysFrom(from, date)))) / span
  const highest = Math.max(6, ...t.persons.flatMap((p) => p.points.map((q) => Number(q.percent))))
  const top = Math.ceil(highest / 2) * 2
  const y = (percent: number) => TOP + PLOT - (PLOT * percent) / top
  const base = TOP + PLOT

  el('title', {}, svg, `Percent of the class through time, ${from} to ${to}, with the 5% line`)
  // Grid and percent axis.
  for (let p = 0; p <= top; p += top > 12 ? 4 : 2) {
    el('line', { x1: PAD_L, x2: width - PAD_R, y1: y(p), y2: y(p), class: 'oc-grid' }, svg)
    el('text', { x: PAD_L - 6, y: y(p) + 4, class: 'oc-axis', 'text-anchor': 'end' }, svg, `${p}%`)
  }
  el('line', { x1: PAD_L, x2: width - PAD_R, y1: y(5), y2: y(5), class: 'oc-five' }, svg)
  el('text', { x: PAD_L + 6, y: y(5) - 5, class: 'oc-five-label' }, svg, '5% line')

  // Years along the axis.
  const firstYear = Number(from.slice(0, 4))
  const lastYear = Number(to.slice(0, 4))
  const step = Math.max(1, Math.ceil((lastYear - firstYear + 1) / Math.max(1, Math.floor((width - PAD_L) / 70))))
  for (let year = firstYear + 1; year <= lastYear; year += step) {
    const d = `${year}-01-01`
    el('line', { x1: x(d), x2: x(d), y1: base, y2: base + 5, class: 'oc-tick' }, svg)
    el('text', { x: x(d), y: base + 18, class: 'oc-axis', 'text-anchor': 'middle' }, svg, String(year))
  }
  el('line', { x1: PAD_L, x2: width - PAD_R, y1: base, y2: base, class: 'oc-base' }, svg)

  // Each person's percent as steps.
  t.persons.forEach((person, i) => {
    const points = person.points.filter((p) => p.date <= to)
    if (points.length === 0) return
    let d = ''
    points.forEach((p, j) => {
      const px = x(p.date)
      const py = y(Number(p.percent))
      d += j === 0 ? `M${px},${py}` : `H${px}V${py}`
    })
    d += `H${x(to)}`
    const line = el('path', { d, class: `oc-line oc-line-${i % 4}` }, svg)
    line.setAttribute('data-person', person.id)
    // Named at its start, above the line (its end may fall on the 5% line's label).
    const first = points[0]!
    el(
      'text',
      { x: x(first.date) + 8, y: Math.max(TOP + 10, y(Number(first.percent)) - 8), class: 'oc-person' },
      svg,
      person.name,
    )
  })

  // Crossings and material changes on the lines.
  for (const e of t.events) {
    const person = t.persons.find((p) => p.id === e.person)
    const point = person?.points.filter((p) => p.date <= e.date).pop()
    if (!point) continue
    const mark = el(
      'circle',
      { cx: x(e.date), cy: y(Number(point.percent)), r: 5, class: `oc-event oc-${e.kind}` },
      svg,
    )
    el('title', {}, mark, `${e.date} ${e.person}: ${KIND_TEXT[e.kind] ?? e.kind}`)
  }

  // Below the axis: what happened and what it made due, each with its date.
  const marks: Mark[] = []
  for (const e of t.events)
    marks.push({ date: e.date, text: `${e.date} ${KIND_TEXT[e.kind] ?? e.kind}`, kind: 'event' })
  for (const o of t.obligations) {
    const what = o.kind === 'initial' ? '13D' : 'amendment'
    if (o.deadline) marks.push({ date: o.deadline, text: `${o.deadline} ${what} due`, kind: 'deadline' })
    if (o.filedOn) marks.push({ date: o.filedOn, text: `${o.filedOn} ${what} filed`, kind: 'filed' })
    else if (!o.deadline)
      marks.push({ date: o.eventDate, text: `${what} due promptly (${o.status})`, kind: 'deadline' })
  }
  marks.sort((a, b) => a.date.localeCompare(b.date))
  const laneEnds: number[] = []
  const labelsTop = base + 30
  for (const m of marks) {
    const mx = x(m.date)
    const w = m.text.length * CHAR
    // Anchored at the mark, shifted inside the chart when it would reach an edge.
    const left = Math.max(2, Math.min(mx - 4, width - 2 - w))
    let lane = laneEnds.findIndex((end) => end + 8 <= left)
    if (lane === -1) {
      lane = laneEnds.length
      laneEnds.push(0)
    }
    laneEnds[lane] = left + w
    const ly = labelsTop + lane * LANE
    const g = el('g', { class: `oc-mark oc-mark-${m.kind}` }, svg)
    el('line', { x1: mx, x2: mx, y1: base + 22, y2: ly - 10, class: 'oc-leader' }, g)
    el('line', { x1: mx, x2: mx, y1: TOP, y2: base, class: 'oc-date-line' }, g)
    el('text', { x: left, y: ly, class: 'oc-label' }, g, m.text)
  }
  const height = labelsTop + Math.max(0, laneEnds.length - 1) * LANE + 10
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`)
  svg.setAttribute('width', String(width))
  svg.setAttribute('height', String(height))
}
