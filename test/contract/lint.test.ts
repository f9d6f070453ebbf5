/**
 * The document lints clean with Redocly CLI (rules in redocly.yaml): openapi.yaml with its
 * files (as `npm run lint:openapi` does), and the one-file bundle the service serves at
 * /openapi.json, which clients may generate from. Zero errors and zero warnings.
 */
import t from 'tap'
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { loadContract } from '../../src/contract/index.js'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))

interface Lint {
  totals: { errors: number; warnings: number }
  problems: Array<{ ruleId: string; severity: string; message: string; location?: Array<{ pointer?: string }> }>
}

function lint(file: string): Promise<{ code: number | null; report: Lint | undefined; stderr: string }> {
  const cli = join(ROOT, 'node_modules/@redocly/cli/bin/cli.js')
  const args = [
    cli,
    'lint',
    file,
    '--config',
    join(ROOT, 'redocly.yaml'),
    '--lint-config',
    'error',
    '--format',
    'json',
    '--max-problems',
    '1000',
  ]
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: { ...process.env, NODE_OPTIONS: '', REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.stderr.on('data', (chunk) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (code) => {
      let report: Lint | undefined
      try {
        report = JSON.parse(stdout.slice(stdout.indexOf('{'))) as Lint
      } catch {
        report = undefined
      }
      resolve({ code, report, stderr })
    })
  })
}

const summary = (report: Lint | undefined) =>
  report?.problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location?.[0]?.pointer ?? '?'}`)

t.test('openapi.yaml and the served bundle lint clean: zero errors, zero warnings', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'lint-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  const served = join(dir, 'openapi.json')
  writeFileSync(served, loadContract().bundleJson)

  const runs = await Promise.all([lint('openapi.yaml'), lint(served)])
  for (const [name, { code, report, stderr }] of [
    ['openapi.yaml', runs[0]],
    ['the served /openapi.json', runs[1]],
  ] as const) {
    t.ok(report, `${name}: redocly lint reports`, { stderr })
    t.same(
      report?.totals && { errors: report.totals.errors, warnings: report.totals.warnings },
      { errors: 0, warnings: 0 },
      `${name}: no problems`,
      {
        problems: summary(report),
      },
    )
    t.equal(code, 0, `${name}: redocly lint exits 0`)
  }
})
