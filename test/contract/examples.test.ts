/**
 * The document's examples are real: each operation, called with its documented example, answers
 * 200 with a response the document declares (checked by testApp) and equal to its documented
 * response example, the scenario example is the case, and its documented answer shows the case's
 * published values.
 *
 * And the response check itself: a field, status or media type the document does not declare fails.
 */
import t, { type Test } from 'tap'
import { loadContract } from '../../src/contract/index.js'
import { testApp } from '../helpers/http.js'
import { examplePairs } from '../helpers/examples.js'
import { at, fixture } from '../helpers/json.js'
import { closed, responseValidator } from '../helpers/responses.js'

type Json = { [key: string]: any }
// The bundle's values are unknown to TypeScript; read as `any` here, checked by the assertions.
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
const bundle = loadContract().bundle as Json

/** An Example Object's value, following a `#/components/examples/...` reference. */
function exampleValue(example: Json): unknown {
  const resolved = typeof example['$ref'] === 'string' ? at(bundle, example['$ref'].slice(1)) : example
  return (resolved as Json)['value']
}

/** The operation's 200 example. */
function responseExample(path: string, method: string): unknown {
  const media = bundle['paths'][path][method].responses['200'].content['application/json']
  if (media.example !== undefined) return media.example
  const examples = Object.values<Json>(media.examples ?? {})
  return examples.length > 0 ? exampleValue(examples[0]!) : undefined
}

/** The request an operation's examples describe: path and query parameters, and the body. */
function exampleRequest(path: string, method: string): { url: string; payload?: unknown } | undefined {
  const op = bundle['paths'][path][method]
  const params = (op.parameters ?? []).map((p: Json) => (p['$ref'] ? at(bundle, p['$ref'].slice(1)) : p) as Json)
  let url = path
  const query = new URLSearchParams()
  for (const p of params) {
    if (p.example === undefined) {
      if (p.required) return undefined
      continue
    }
    if (p.in === 'path') url = url.replace(`{${p.name}}`, encodeURIComponent(String(p.example)))
    else if (p.in === 'query') query.append(p.name, String(p.example))
  }
  if (query.size > 0) url += `?${query.toString()}`
  const body = op.requestBody?.content?.['application/json']
  if (!body) return { url }
  const examples = Object.values<Json>(body.examples ?? {})
  return { url, payload: body.example ?? (examples.length > 0 ? exampleValue(examples[0]!) : undefined) }
}

t.test('every operation answers its documented example with 200 and a documented response', async (t) => {
  const app = testApp(t)
  for (const [path, item] of Object.entries(bundle['paths'] as Json)) {
    for (const method of ['get', 'post']) {
      if (!item[method]) continue
      const { operationId } = item[method]
      const request = exampleRequest(path, method)
      if (!request) {
        t.fail(`${operationId}: a required parameter has no example`)
        continue
      }
      if (method === 'post') t.not(request.payload, undefined, `${operationId}: the request body has an example`)
      const res = await app.inject({
        method: method.toUpperCase() as 'GET' | 'POST',
        url: request.url,
        payload: request.payload as object,
      })
      t.equal(res.statusCode, 200, `${operationId}: ${method.toUpperCase()} ${request.url}`)
      if (res.headers['content-type']?.toString().startsWith('application/json') && path !== '/openapi.json') {
        const documented = responseExample(path, method)
        t.not(documented, undefined, `${operationId}: the 200 response has an example`)
        // The example is the live answer, in full: an answer that moves must move its example too
        // (`npm run examples` rewrites the files in examples/ from the service).
        t.same(res.json(), documented, `${operationId}: the documented answer is what the service answers`)
      }
    }
  }
})

/** Every named response example of a POST, paired with its request example (test/helpers/examples.ts). */
t.test('every named response example is the live answer to its request example', async (t) => {
  const app = testApp(t)
  for (const { operationId, name, request, response, url } of examplePairs(bundle['paths'])) {
    if (!request) {
      t.fail(`${operationId}: response example ${name} has no request example of its name`)
      continue
    }
    const res = await app.inject({ method: 'POST', url, payload: exampleValue(request) as object })
    t.equal(res.statusCode, 200, `${operationId} ${name}`)
    t.same(
      res.json(),
      exampleValue(response),
      `${operationId} ${name}: the documented answer is what the service answers`,
    )
  }
})

t.test("the scenario example is the case, and its documented answer is the case's answer", async (t) => {
  const request = exampleRequest('/v1/scenarios', 'post')
  t.same(
    request?.payload,
    fixture('examples/liquidmetal-2008.request.json'),
    'the request example is test/fixtures/examples/liquidmetal-2008.request.json',
  )
  const answer = responseExample('/v1/scenarios', 'post')
  const expected = fixture<{ values: Record<string, string> }>('examples/liquidmetal-2008.expected.json')
  for (const [pointer, value] of Object.entries(expected.values))
    t.equal(at(answer, pointer), value, `documented ${pointer}`)

  const batch = exampleRequest('/v1/scenarios/batch', 'post')?.payload as { items: unknown[] }
  t.same(batch.items[0], request?.payload, 'the batch example starts with the case')
})

t.test('the response check rejects what the document does not declare', async (t) => {
  const check = responseValidator()
  const answer = structuredClone(responseExample('/v1/scenarios', 'post')) as Json
  const send = (
    body: unknown,
    status = 200,
    type = 'application/json; charset=utf-8',
    url = '/v1/scenarios',
    method = 'POST',
  ) => check.check(method, url, status, type, typeof body === 'string' ? body : JSON.stringify(body))

  t.same(send(answer), { operationId: 'computeScenario', errors: [] }, 'the documented answer passes')
  t.match(send({ ...answer, extra: 1 }).errors, [/additional properties \(extra\)/], 'an undeclared top-level field')
  t.match(
    send({ ...answer, redemption: { ...answer['redemption'], bonus: '1.00' } }).errors.join('\n'),
    /bonus/,
    'an undeclared nested field',
  )
  t.ok(
    send({ ...answer, redemption: { ...answer['redemption'], totalDue: 1194509.7 } }).errors.length > 0,
    'money as a number',
  )
  t.match(
    send(answer, 200, 'text/plain').errors,
    [/content-type "text\/plain" is not one of/],
    'an undeclared media type',
  )

  const batch = { results: [{ ok: true, result: { ...answer, extra: 1 } }] }
  t.ok(
    send(batch, 200, 'application/json', '/v1/scenarios/batch').errors.length > 0,
    'an undeclared field inside a streamed batch result',
  )

  const problem = {
    type: 'https://convertible-default.example/problems/validation',
    title: 'Invalid request',
    status: 400,
    detail: 'x',
    errors: [],
  }
  const type = 'application/problem+json; charset=utf-8'
  t.same(send(problem, 400, type).errors, [], 'a problem passes')
  t.ok(
    send({ ...problem, stack: 'at x' }, 400, type).errors.length > 0,
    'a problem with an undeclared field (Problem is checked as closed)',
  )
  t.ok(
    send({ ...problem, errors: [{ pointer: '/a', detail: 'x', hint: 'y' }] }, 400, type).errors.length > 0,
    'an undeclared field in a field error',
  )
  t.ok(send(problem, 400).errors.length > 0, 'a problem sent as application/json')
  t.same(
    send(problem, 404, type, '/nowhere', 'GET'),
    { operationId: undefined, errors: [] },
    'an unknown route answers a problem',
  )
  t.ok(
    send({ ...problem, extra: 1 }, 404, type, '/nowhere', 'GET').errors.length > 0,
    'an unknown route answers a problem, checked too',
  )
  t.ok(send(problem, 200, 'application/json', '/health', 'GET').errors.length > 0, 'a body of another schema')
  t.match(
    send({ ...problem, status: 409 }, 409, type, '/v1/scenarios').errors,
    [/status 409 is not declared for computeScenario/],
    'a 4xx the operation does not declare',
  )
  t.same(send({ ...problem, status: 503 }, 503, type, '/v1/scenarios').errors, [], 'a 503 falls to default')
})

t.test('testApp checks every response it injects', async (t) => {
  const failures: string[] = []
  const recorder = {
    teardown: (fn: () => unknown) => t.teardown(fn),
    fail: (message: string) => failures.push(message),
  } as unknown as Test
  const app = testApp(recorder)
  // A response with a field the document does not declare (answers are serialized to UTF-8 bytes).
  app.addHook('onSend', async (request, _reply, payload) =>
    request.url === '/health' && Buffer.isBuffer(payload)
      ? payload.toString('utf8').replace('}', ',"uptime":1}')
      : payload,
  )
  t.equal((await app.inject({ url: '/ready' })).statusCode, 200)
  t.same(failures, [], 'a documented response passes silently')
  t.equal((await app.inject({ url: '/health' })).statusCode, 200)
  t.match(
    failures,
    [/^GET \/health → 200: the response does not match getHealth/],
    'an undocumented field fails the test',
  )
})

t.test('closed(): objects that do not say are closed, the rest untouched', async (t) => {
  t.same(closed({ type: 'object', properties: { a: { type: 'object', properties: {} } } }), {
    type: 'object',
    properties: { a: { type: 'object', properties: {}, additionalProperties: false } },
    additionalProperties: false,
  })
  t.same(closed({ type: 'object', properties: {}, additionalProperties: true }), {
    type: 'object',
    properties: {},
    additionalProperties: true,
  })
  t.same(closed({ anyOf: [{ $ref: '#/x' }, { type: 'null' }] }), { anyOf: [{ $ref: '#/x' }, { type: 'null' }] })
})
