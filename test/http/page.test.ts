/**
 * GET / and /page/{asset} over HTTP: the page, its files and its policy, each response checked
 * against openapi.yaml (testApp). What the page does in a browser: test/browser/page.test.ts.
 */
import t from 'tap'
import { readFileSync } from 'node:fs'
import { PAGE_CSP, scriptJson } from '../../src/routes/page.js'
import { assertProblem, testApp } from '../helpers/http.js'

const theCase = JSON.parse(
  readFileSync(new URL('../../examples/liquidmetal-2008.scenario.request.json', import.meta.url), 'utf8'),
).value

t.test('GET / is the page, prefilled with the case, under its own CSP', async (t) => {
  const app = testApp(t)
  const res = await app.inject({ url: '/' })
  t.equal(res.statusCode, 200)
  t.equal(res.headers['content-type'], 'text/html; charset=utf-8')
  t.equal(res.headers['content-security-policy'], PAGE_CSP)
  t.equal(res.headers['x-content-type-options'], 'nosniff', "and the service's other security headers")
  for (const directive of [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "connect-src 'self'",
    "require-trusted-types-for 'script'",
  ]) {
    t.ok(PAGE_CSP.split(';').includes(directive), directive)
  }
  t.notMatch(PAGE_CSP, /unsafe|https?:/, 'no unsafe-*, no other hosts')

  const html = res.body
  const block = /<script type="application\/json" id="example-request">([^<]*)<\/script>/.exec(html)
  t.same(JSON.parse(block?.[1] ?? 'null'), theCase, 'the case of examples/, as a JSON data block')
  const scripts = [...html.matchAll(/<script\b([^>]*)>([^<]*)<\/script>/g)]
  t.same(
    scripts
      .filter((m) => !/type="application\/json"/.test(m[1]!))
      .map((m) => [/src="\/page\/[a-z-]+\.js"/.test(m[1]!), m[2]]),
    [[true, '']],
    'one script, from the service, none inline',
  )
  t.notMatch(html, /(src|href)="(https?:)?\/\//, 'nothing from another host')
  t.notMatch(html, /\sstyle=|\son[a-z]+=/, 'no inline styles or handlers')

  // Every file the page names is served with its type.
  const files = [...html.matchAll(/(?:src|href)="\/page\/([^"]+)"/g)].map((m) => m[1]!)
  t.ok(files.includes('main.js') && files.includes('calculator.css') && files.includes('favicon.svg'))
  const types: Record<string, RegExp> = {
    js: /^text\/javascript; charset=utf-8$/,
    css: /^text\/css; charset=utf-8$/,
    svg: /^image\/svg\+xml/,
  }
  for (const file of new Set(files)) {
    const asset = await app.inject({ url: `/page/${file}` })
    t.equal(asset.statusCode, 200, `/page/${file}`)
    t.match(asset.headers['content-type'], types[file.split('.').pop()!]!, `/page/${file} type`)
    t.equal(asset.headers['cache-control'], 'no-cache')
  }
  // The modules the entry imports are served too.
  const main = (await app.inject({ url: '/page/main.js' })).body
  for (const m of main.matchAll(/from '\.\/([a-z-]+\.js)'/g))
    t.equal((await app.inject({ url: `/page/${m[1]}` })).statusCode, 200, `import ./${m[1]}`)

  t.equal((await app.inject({ method: 'HEAD', url: '/' })).statusCode, 200, 'HEAD /')
})

t.test('strict at the edge: unknown files and parameters are problems', async (t) => {
  const app = testApp(t)
  assertProblem(t, await app.inject({ url: '/page/nope.js' }), {
    status: 404,
    type: 'not-found',
    errors: [{ pointer: '/asset', in: 'path' }],
  })
  assertProblem(t, await app.inject({ url: '/page/index.html' }), {
    status: 404,
    type: 'not-found',
    errors: [{ pointer: '/asset', in: 'path' }],
  })
  assertProblem(t, await app.inject({ url: '/page/model.ts' }), {
    status: 404,
    type: 'not-found',
    errors: [{ pointer: '/asset', in: 'path' }],
  })
  t.equal((await app.inject({ url: '/page/..%2Fpackage.json' })).statusCode, 404, 'no way out of the folder')
  t.equal((await app.inject({ url: '/page/' })).statusCode, 404)
  assertProblem(t, await app.inject({ url: '/?request=x' }), {
    status: 400,
    type: 'validation',
    errors: [{ pointer: '/request', in: 'query' }],
  })
  assertProblem(t, await app.inject({ url: '/page/main.js?v=1' }), {
    status: 400,
    type: 'validation',
    errors: [{ pointer: '/v', in: 'query' }],
  })
})

t.test('the JSON data block cannot be closed by what it holds', async (t) => {
  const text = scriptJson({ id: '</script><script>alert(1)</script><!--' })
  t.notMatch(text, /</, 'no < left')
  t.same(JSON.parse(text), { id: '</script><script>alert(1)</script><!--' }, 'and it reads back the same')
})
