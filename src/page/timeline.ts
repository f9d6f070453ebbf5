/**
 * The timeline as an SVG chart: a dated axis, a mark on each day something happens with a label
 * naming each event and its clause, and the periods (cure period, default rates, covenant in
 * breach) as spans above the axis.
 *
 * Events cluster (a few weeks around the Event of Default) between long quiet stretches (years
 * from issue to notice), so the axis is cut: long gaps without events become a short break
 * marked with its length, and each stretch between breaks has its own linear scale.
 */
import { eventName, shortDate } from './model.js'
import { cutScale } from './scale.js'
import type { ScenarioResult } from './types.js'

const SVG = 'http://www.w3.org/2000/svg'
const PAD_X = 10
const SPAN_ROW = 28
const LINE = 15
const LANE_GAP = 10

interface Span {
  label: string
  from: string
  to: string
  kind: 'cure' | 'default' | 'breach'
}

interface Block {
  date: string
  x: number
  lines: Array<{ text: string; clause: string; key: boolean }>
  width: number
  start: number
  lane: number
}

function el<K extends keyof SVGElementTagNameMap>(
  name: K,
  attrs: Record<string, string | number>,
  parent?: Element,
  text?: string,
): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, name)
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v))
  if (text !== undefined) node.textContent = text
  parent?.appendChild(node)
  return node
}

function spansOf(result: ScenarioResult): Span[] {
  const spans: Span[] = []
  const c = result.covenant
  if (c?.breachStart)
    spans.push({
      label: `Covenant in breach (${c.clause})`,
      from: c.breachStart,
      to: c.performedOn ?? result.asOf,
      kind: 'breach',
    })
  const n = result.notice
  if (n) spans.push({ label: `Cure period (${n.clause})`, from: n.effectiveDate, to: n.cureDeadline, kind: 'cure' })
  const e = result.eventOfDefault
  if (e.defaultRatesFrom) {
    const until = e.defaultRatesUntil ?? result.redemption?.redemptionDate ?? result.interest.through
    spans.push({
      label: 'Default rates (Note 2)',
      from: e.defaultRatesFrom,
      to: until > e.defaultRatesFrom ? until : e.defaultRatesFrom,
      kind: 'default',
    })
  }
  return spans
}

function gapWords(days: number): string {
  if (days >= 365) return `${(days / 365.25).toFixed(1)} yr`
  if (days >= 60) return `${Math.round(days / 30.44)} mo`
  return `${days} d`
}

let measurer: CanvasRenderingContext2D | null = null
function textWidth(text: string, font: string): number {
  measurer ??= document.createElement('canvas').getContext('2d')
  if (measurer === null) return text.length * 7
  measurer.font = font
  return measurer.measureText(text).width
}

/**
 * Lanes below the axis, rightmost label first: each takes the lane nearest the axis where it
 * overlaps no label and no leader line crosses a label; where the width leaves no such lane,
 * the one with the fewest crossings (labels still never overlap).
 */
function assignLanes(blocks: Block[], width: number): number {
  const placed: Block[] = []
  const inside = (x: number, b: Block) => x >= b.start - 4 && x <= b.start + b.width + 4
  for (const b of [...blocks].sort((p, q) => q.x - p.x)) {
    b.start = Math.max(PAD_X / 2, Math.min(b.x - 6, width - b.width - 4))
    let best = 0
    let bestCost = Number.POSITIVE_INFINITY
    for (let lane = 0; lane < 40; lane++) {
      let cost = 0
      for (const p of placed) {
        if (p.lane === lane && b.start < p.start + p.width + 12 && p.start < b.start + b.width + 12) cost += 100
        if (p.lane < lane && inside(b.x, p)) cost += 1
        if (p.lane > lane && inside(p.x, b)) cost += 1
      }
      if (cost < bestCost) {
        best = lane
        bestCost = cost
      }
      if (cost === 0) break
    }
    b.lane = best
    placed.push(b)
  }
  return Math.max(0, ...blocks.map((b) => b.lane)) + 1
}

/** Draws the result's timeline into the svg, for its current width. */
export function drawTimeline(svg: SVGSVGElement, result: ScenarioResult): void {
  const width = Math.max(280, Math.floor(svg.parentElement?.clientWidth ?? 600))
  svg.replaceChildren()
  const spans = spansOf(result)
  const dates = [...result.timeline.map((e) => e.date), ...spans.flatMap((s) => [s.from, s.to]), result.asOf]
  if (dates.length === 0) {
    svg.setAttribute('viewBox', `0 0 ${width} 40`)
    svg.setAttribute('height', '40')
    el('text', { x: PAD_X, y: 24, class: 'tl-muted' }, svg, 'Nothing dated to show.')
    return
  }
  const scale = cutScale(dates, width)
  const family = getComputedStyle(svg).fontFamily || 'sans-serif'

  // Blocks: one per day, listing that day's events.
  const byDate = new Map<string, Block>()
  for (const entry of result.timeline) {
    let block = byDate.get(entry.date)
    if (!block) {
      block = { date: entry.date, x: scale.x(entry.date), lines: [], width: 0, start: 0, lane: 0 }
      byDate.set(entry.date, block)
    }
    block.lines.push({
      text: eventName(entry.event),
      clause: entry.clause,
      key: entry.event === 'event-of-default' || entry.event === 'redemption-payment-due',
    })
  }
  const blocks = [...byDate.values()]
  for (const b of blocks) {
    b.width =
      Math.max(
        textWidth(shortDate(b.date), `600 12px ${family}`),
        ...b.lines.map((l) => textWidth(`${l.text} · ${l.clause}`, `${l.key ? '600 ' : ''}12px ${family}`)),
      ) + 12 // room for a font that renders wider than the one measured
  }
  const lanes = assignLanes(blocks, width)
  const laneHeights = Array.from({ length: lanes }, (_, lane) =>
    Math.max(0, ...blocks.filter((b) => b.lane === lane).map((b) => (b.lines.length + 1) * LINE)),
  )
  const laneTop: number[] = []

  const spanTop = 8
  const axisY = spanTop + spans.length * SPAN_ROW + 16
  let y = axisY + 34
  for (let lane = 0; lane < lanes; lane++) {
    laneTop.push(y)
    y += laneHeights[lane]! + LANE_GAP
  }
  const height = y + 2
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`)
  svg.setAttribute('width', String(width))
  svg.setAttribute('height', String(height))

  // Spans above the axis, each on its own row: its name, then its bar.
  spans.forEach((s, i) => {
    const x0 = scale.x(s.from)
    const x1 = Math.max(scale.x(s.to), x0 + 4)
    const top = spanTop + i * SPAN_ROW
    const g = el('g', { class: `tl-span tl-span-${s.kind}` }, svg)
    el('title', {}, g, `${s.label}: ${s.from} to ${s.to}`)
    el('rect', { x: x0, y: top + 14, width: x1 - x0, height: 8, rx: 2 }, g)
    el('line', { x1: x0, x2: x0, y1: top + 22, y2: axisY, class: 'tl-span-edge' }, g)
    el('line', { x1, x2: x1, y1: top + 22, y2: axisY, class: 'tl-span-edge' }, g)
    const w = textWidth(s.label, `600 11px ${family}`)
    el('text', { x: Math.max(2, Math.min(x0, width - w - 2)), y: top + 10, class: 'tl-span-label' }, g, s.label)
  })

  // The axis, cut at the breaks.
  const axis = el('g', { class: 'tl-axis' }, svg)
  const cuts = [PAD_X / 2, ...scale.breaks.flatMap((b) => [b.x - 7, b.x + 7]), width - PAD_X / 2]
  for (let i = 0; i < cuts.length; i += 2) el('line', { x1: cuts[i]!, x2: cuts[i + 1]!, y1: axisY, y2: axisY }, axis)
  for (const b of scale.breaks) {
    el('path', { d: `M${b.x - 9},${axisY + 6} l5,-12 M${b.x + 4},${axisY + 6} l5,-12`, class: 'tl-break' }, axis)
    el('text', { x: b.x, y: axisY - 9, 'text-anchor': 'middle', class: 'tl-gap' }, axis, gapWords(b.days))
  }
  // Dated ticks at the ends of each stretch, skipped where they would overlap another, sit on a
  // break mark or be crossed by a leader line (a day with events is named by its own label).
  let lastRight = -Infinity
  const crossed = (left: number, right: number) =>
    blocks.some((b) => b.x >= left - 3 && b.x <= right + 3) ||
    scale.breaks.some((k) => k.x + 12 >= left && k.x - 12 <= right)
  for (const date of scale.ticks) {
    const x = scale.x(date)
    const text = shortDate(date)
    const w = textWidth(text, `12px ${family}`) + 4
    const left = Math.min(Math.max(x - w / 2, 2), width - w - 2)
    el('line', { x1: x, x2: x, y1: axisY, y2: axisY + 5 }, axis)
    if (left < lastRight + 8 || crossed(left, left + w)) continue
    el('text', { x: left, y: axisY + 18, class: 'tl-tick' }, axis, text)
    lastRight = left + w
  }

  // The day the statuses are as of, named where it stands.
  const asOfX = scale.x(result.asOf)
  const asOf = el('g', { class: 'tl-as-of' }, svg)
  el('line', { x1: asOfX, x2: asOfX, y1: spanTop, y2: axisY + 6 }, asOf)
  const asOfText = `as of ${shortDate(result.asOf)}`
  const asOfW = textWidth(asOfText, `600 12px ${family}`) + 4
  el(
    'text',
    { x: asOfX - asOfW - 4 < 2 ? asOfX + 4 : asOfX - asOfW - 4, y: axisY - 6, class: 'tl-as-of-label' },
    asOf,
    asOfText,
  )

  // Marks and their labels.
  for (const b of blocks) {
    const g = el('g', { class: b.lines.some((l) => l.key) ? 'tl-event tl-key' : 'tl-event' }, svg)
    el(
      'title',
      {},
      g,
      result.timeline
        .filter((e) => e.date === b.date)
        .map((e) => `${e.date} ${e.clause}: ${e.description}`)
        .join('\n'),
    )
    const top = laneTop[b.lane]!
    el('line', { x1: b.x, x2: b.x, y1: axisY, y2: top - 2, class: 'tl-leader' }, g)
    el('circle', { cx: b.x, cy: axisY, r: 5 }, g)
    el('text', { x: b.start, y: top + 10, class: 'tl-date' }, g, shortDate(b.date))
    b.lines.forEach((l, i) => {
      const text = el(
        'text',
        { x: b.start, y: top + 10 + (i + 1) * LINE, class: l.key ? 'tl-name tl-strong' : 'tl-name' },
        g,
        l.text,
      )
      el('tspan', { class: 'tl-clause' }, text, ` · ${l.clause}`)
    })
  }
  svg.setAttribute(
    'aria-label',
    `Timeline from ${result.timeline[0]?.date ?? ''} to ${result.timeline[result.timeline.length - 1]?.date ?? ''}: ` +
      `${result.timeline.length} events`,
  )
}
