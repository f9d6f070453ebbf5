/**
 * The layout holds: no import circle anywhere in src/, and src/domain/time/ (dates, schedules,
 * calendars, day counts) depends on nothing above it, as QuantLib's ql/time does. The domain
 * core imports no HTTP or I/O.
 */
import t from 'tap'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const SRC = join(ROOT, 'src')

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sourceFiles(path)
    return /\.ts$/.test(name) && !name.endsWith('.d.ts') ? [path] : []
  })
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'";]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g

function importsOf(file: string): { local: string[]; packages: string[] } {
  const text = readFileSync(file, 'utf8')
  const local: string[] = []
  const packages: string[] = []
  for (const m of text.matchAll(IMPORT)) {
    const spec = m[1] ?? m[2] ?? ''
    if (spec.startsWith('.')) local.push(resolve(dirname(file), spec.replace(/\.js$/, '.ts')))
    else packages.push(spec)
  }
  return { local, packages }
}

const files = sourceFiles(SRC)
const graph = new Map(files.map((f) => [f, importsOf(f)]))
const rel = (f: string) => relative(ROOT, f)
// Pure modules outside time/ that dates and schedules may use: money and the one bounded cache.
const TIME_MAY_IMPORT = [join(SRC, 'domain', 'decimal.ts'), join(SRC, 'domain', 'bounded-cache.ts')]
// The contract modules the domain may use: the generated shapes (its inputs and answers are the
// contract's) and the JSON-pointer escaping (a warning names its field). Both are pure.
const DOMAIN_MAY_IMPORT = [join(SRC, 'contract', 'types.ts'), join(SRC, 'contract', 'json-pointer.ts')]

t.test('no import circle in src/', async (t) => {
  const state = new Map<string, 'open' | 'done'>()
  const cycles: string[] = []
  const visit = (file: string, path: string[]) => {
    if (state.get(file) === 'done') return
    if (state.get(file) === 'open') {
      cycles.push([...path.slice(path.indexOf(file)), file].map(rel).join(' -> '))
      return
    }
    state.set(file, 'open')
    for (const next of graph.get(file)?.local ?? []) if (graph.has(next)) visit(next, [...path, file])
    state.set(file, 'done')
  }
  for (const file of files) visit(file, [])
  t.same(cycles, [])
})

t.test('src/domain/time/ imports only itself, the money module and the bounded cache', async (t) => {
  const time = join(SRC, 'domain', 'time')
  const outside = files
    .filter((f) => f.startsWith(time + '/'))
    .flatMap((f) =>
      (graph.get(f)?.local ?? [])
        .filter((target) => !target.startsWith(time + '/') && !TIME_MAY_IMPORT.includes(target))
        .map((target) => `${rel(f)} -> ${rel(target)}`),
    )
  t.same(outside, [])
})

t.test('the domain core does no HTTP and no I/O', async (t) => {
  const domain = join(SRC, 'domain')
  const forbidden = /^(fastify|@fastify\/|node:(fs|http|https|net|child_process|worker_threads|cluster))/
  const core = [...files.filter((f) => f.startsWith(domain + '/')), ...DOMAIN_MAY_IMPORT]
  const found = core.flatMap((f) =>
    (graph.get(f)?.packages ?? []).filter((p) => forbidden.test(p)).map((p) => `${rel(f)}: ${p}`),
  )
  t.same(found, [], 'no HTTP or I/O package')
  const upward = files
    .filter((f) => f.startsWith(domain + '/'))
    .flatMap((f) =>
      (graph.get(f)?.local ?? [])
        .filter((target) => !target.startsWith(domain + '/') && !DOMAIN_MAY_IMPORT.includes(target))
        .map((x) => `${rel(f)} -> ${rel(x)}`),
    )
  t.same(upward, [], 'nothing above the domain but the pure contract modules named')
})
