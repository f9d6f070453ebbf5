/**
 * The calculator page for people: `GET /` and its files under `/page/`.
 *
 * The HTML, styles and icon are read from src/page/; the scripts are the page's TypeScript as
 * bundled by `npm run build:page` (esbuild) into one file, dist/page/main.js. Everything is
 * read once per process and served from memory. The case of examples/ (the scenario and the
 * filing's ownership figures) is written into the HTML as JSON data blocks, so the forms open prefilled
 * without a second copy of the case.
 *
 * The page gets a stricter Content-Security-Policy than the service's default: its own
 * scripts and styles only (no inline styles, no https: hosts), fetches to the service alone,
 * and DOM sinks that take strings closed by Trusted Types (the page builds its DOM node by node).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { addOperation, ProblemError, REPO_ROOT } from '../contract/index.js'

const SOURCE = join(REPO_ROOT, 'src', 'page')
const BUILT = join(REPO_ROOT, 'dist', 'page')
const EXAMPLE = join(REPO_ROOT, 'examples', 'liquidmetal-2008.scenario.request.json')
const OWNERSHIP_EXAMPLE = join(REPO_ROOT, 'examples', 'liquidmetal-2008.beneficial-ownership.request.json')

export const PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "script-src-attr 'none'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'self'",
  "object-src 'none'",
  "require-trusted-types-for 'script'",
  'trusted-types',
].join(';')

const TYPES: Readonly<Record<string, string>> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml; charset=utf-8',
}

interface Asset {
  body: Buffer
  type: string
}

interface PageFiles {
  html: string
  assets: Map<string, Asset>
}

let files: PageFiles | undefined

/** JSON inside a <script> element: `<` escaped so no `</script>` or `<!--` can end it early. */
export const scriptJson = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c')

function loadPageFiles(): PageFiles {
  const assets = new Map<string, Asset>()
  const add = (folder: string, name: string): void => {
    const type = TYPES[name.slice(name.lastIndexOf('.'))]
    if (type !== undefined) assets.set(name, { body: readFileSync(join(folder, name)), type })
  }
  for (const name of readdirSync(SOURCE)) if (!name.endsWith('.ts') && name !== 'index.html') add(SOURCE, name)
  // Without a build the page still opens (and says why nothing works); the API is unaffected.
  if (existsSync(BUILT)) for (const name of readdirSync(BUILT)) if (name.endsWith('.js')) add(BUILT, name)
  const example = (JSON.parse(readFileSync(EXAMPLE, 'utf8')) as { value: unknown }).value
  const ownership = (JSON.parse(readFileSync(OWNERSHIP_EXAMPLE, 'utf8')) as { value: unknown }).value
  const html = readFileSync(join(SOURCE, 'index.html'), 'utf8')
    .replace('{{example}}', scriptJson(example))
    .replace('{{ownership}}', scriptJson(ownership))
  return { html, assets }
}

export default async function pageRoutes(app: FastifyInstance): Promise<void> {
  files ??= loadPageFiles()
  const { html, assets } = files

  addOperation(app, 'getCalculatorPage', async (_request, reply) =>
    reply
      .header('content-security-policy', PAGE_CSP)
      .header('cache-control', 'no-cache')
      .type('text/html; charset=utf-8')
      .send(html),
  )

  addOperation<{ Params: { asset: string } }>(app, 'getPageAsset', async (request, reply) => {
    const asset = assets.get(request.params.asset)
    if (asset === undefined) {
      const hint =
        request.params.asset.endsWith('.js') && !existsSync(BUILT)
          ? ' The page scripts are not built: run npm run build.'
          : ''
      throw ProblemError.of('not-found', `No page file "${request.params.asset}".${hint}`, [
        { pointer: '/asset', in: 'path', detail: 'is not a file of the page' },
      ])
    }
    return reply
      .header('content-security-policy', PAGE_CSP)
      .header('cache-control', 'no-cache')
      .type(asset.type)
      .send(asset.body)
  })
}
