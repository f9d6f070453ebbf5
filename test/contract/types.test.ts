/**
 * src/contract/types.generated.ts is what `npm run types` makes from openapi.yaml and schemas/
 * now: a schema changed without regenerating fails here, so the types the routes and the domain
 * read can never drift from the contract. And the timeline's event codes are one list: the
 * TimelineEntry schema's enum.
 */
import t from 'tap'
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { loadContract, TIMELINE_EVENTS } from '../../src/contract/index.js'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const COMMITTED = join(ROOT, 'src/contract/types.generated.ts')

/** The `types` script of package.json, with its output sent elsewhere. */
function typesArgs(output: string): string[] {
  const script = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> })
    .scripts['types']!
  const args = script.split(/\s+/).slice(1)
  const o = args.indexOf('-o')
  t.ok(o >= 0 && args[o + 1] === 'src/contract/types.generated.ts', 'npm run types writes the committed file')
  args[o + 1] = output
  return args
}

t.test('the committed generated types are what openapi-typescript makes from the contract now', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'types-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  const output = join(dir, 'types.generated.ts')
  const cli = join(ROOT, 'node_modules/openapi-typescript/bin/cli.js')
  const { code, out } = await new Promise<{ code: number | null; out: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...typesArgs(output)], {
      cwd: ROOT,
      env: { ...process.env, NODE_OPTIONS: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    child.stdout.on('data', (chunk) => (out += chunk))
    child.stderr.on('data', (chunk) => (out += chunk))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, out }))
  })
  t.equal(code, 0, 'openapi-typescript runs', { output: out })
  if (code !== 0) return
  t.ok(
    readFileSync(output, 'utf8') === readFileSync(COMMITTED, 'utf8'),
    'src/contract/types.generated.ts is up to date (else run `npm run types` and commit it)',
  )
})

t.test("TIMELINE_EVENTS is the TimelineEntry schema's enum, in its order", async (t) => {
  const entry = loadContract().schemas.get('TimelineEntry.json') as {
    properties: { event: { enum: string[] } }
  }
  t.same([...TIMELINE_EVENTS], entry.properties.event.enum)
  // The scenario's 18 events and the five of a coupon not paid (interest-not-paid, interest-paid,
  // grace-period-end, payment-default, payment-default-cured), from the note issued to maturity.
  t.equal(TIMELINE_EVENTS.length, 23)
  t.equal(TIMELINE_EVENTS[0], 'note-issued')
  t.equal(TIMELINE_EVENTS[TIMELINE_EVENTS.length - 1], 'maturity')
  for (const e of [
    'interest-not-paid',
    'interest-paid',
    'grace-period-end',
    'payment-default',
    'payment-default-cured',
  ])
    t.ok(TIMELINE_EVENTS.includes(e as never), e)
})
