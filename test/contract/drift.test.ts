/**
 * No drift between the app and openapi.yaml: the (method, path) pairs Fastify registers are
 * exactly the document's operations, each registered by its own operationId.
 *
 * Not part of the API, so not in the document: the HEAD twin Fastify adds to every GET, and
 * the routes @fastify/swagger-ui and @fastify/cors mark `schema.hide` (the /docs page, its
 * assets and the CORS preflight) — those must stay under /docs, or be the OPTIONS preflight.
 */
import t from 'tap'
import type { RouteOptions } from 'fastify'
import { buildApp } from '../../src/app.js'
import { loadContract } from '../../src/contract/index.js'

interface Registered {
  method: string
  path: string
  operationId: string | undefined
  hidden: boolean
}

async function registeredRoutes(): Promise<Registered[]> {
  const app = buildApp({ maxEventLoopDelayMs: 0 })
  const routes: Registered[] = []
  app.addHook('onRoute', (route: RouteOptions) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method]
    const schema = route.schema
    for (const method of methods) {
      routes.push({
        method: String(method).toUpperCase(),
        // Fastify's `:name` parameters as OpenAPI's `{name}`
        path: route.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}'),
        operationId: route.config?.operationId,
        hidden: schema?.hide === true,
      })
    }
  })
  await app.ready()
  await app.close()
  return routes
}

const key = (r: { method: string; path: string }) => `${r.method} ${r.path}`

t.test('the routes Fastify registers are exactly the operations of openapi.yaml', async (t) => {
  const routes = await registeredRoutes()
  const { operations } = loadContract()
  const gets = new Set(routes.filter((r) => r.method === 'GET').map((r) => r.path))
  const api = routes.filter((r) => !r.hidden && !(r.method === 'HEAD' && gets.has(r.path)))

  const documented = [...operations.values()].map((op) => ({ method: op.method, path: op.path }))
  t.same(api.map(key).sort(), documented.map(key).sort(), 'registered (method, path) = documented (method, path)')
  t.equal(new Set(api.map(key)).size, api.length, 'no route registered twice')

  for (const route of api) {
    const op = [...operations.values()].find((o) => o.method === route.method && o.path === route.path)
    t.equal(route.operationId, op?.operationId, `${key(route)} is registered by addOperation('${op?.operationId}')`)
  }

  const hidden = routes.filter((r) => r.hidden && !(r.method === 'HEAD' && gets.has(r.path)))
  t.ok(hidden.length > 0, 'the docs page is registered')
  for (const route of hidden) {
    t.ok(
      route.path === '/docs' || route.path.startsWith('/docs/') || (route.method === 'OPTIONS' && route.path === '*'),
      `${key(route)}: a hidden route is part of the docs page or the CORS preflight`,
    )
  }
})

t.test('operationIds make good generated method names', async (t) => {
  const { operations } = loadContract()
  for (const id of operations.keys()) t.match(id, /^[a-z][a-zA-Z0-9]+$/, `${id} is lowerCamelCase`)
})
