/**
 * Rewrites each response example file in examples/ with what the service answers for the
 * operation's request example, so that the contract shows live answers. Run after a change that
 * moves an answer (`npm run examples`); test/contract/examples.test.ts fails while they differ.
 *
 * Only the `value` of each response Example Object is written; its summary and description stay.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { buildApp } from '../../src/app.js'
import { loadContract, REPO_ROOT } from '../../src/contract/index.js'
import { examplePairs } from './examples.js'

type Json = { [key: string]: any }

const EXAMPLE_FILE = /^\.\/examples\/(.+\.json)$/

const fileOf = (example: Json | undefined): string | undefined => {
  const ref = example?.['$ref']
  const match = typeof ref === 'string' ? EXAMPLE_FILE.exec(ref) : null
  return match ? join(REPO_ROOT, 'examples', match[1]!) : undefined
}

const document = loadContract().document
const app = buildApp({ logLevel: 'silent' })
let written = 0
for (const pair of examplePairs(document['paths'] as Json)) {
  const requestFile = fileOf(pair.request)
  const responseFile = fileOf(pair.response)
  if (!requestFile || !responseFile) continue
  const payload = JSON.parse(readFileSync(requestFile, 'utf8')).value
  const res = await app.inject({ method: 'POST', url: pair.url, payload })
  if (res.statusCode !== 200) throw new Error(`${pair.operationId} example ${pair.name}: ${res.statusCode} ${res.body}`)
  const file = JSON.parse(readFileSync(responseFile, 'utf8'))
  writeFileSync(responseFile, `${JSON.stringify({ ...file, value: res.json() }, null, 2)}\n`)
  written++
}
await app.close()
console.log(`${written} response examples written`)
