/** The contract loader on small documents: bundling, route schemas, and load-time checks. */
import t from 'tap'
import { loadContract } from '../../src/contract/index.js'

const openapi = (paths: string) => `openapi: 3.1.0
info: { title: t, version: '1' }
paths:
${paths}
`
const op = `  /things/{id}:
    parameters:
      - { name: id, in: path, required: true, schema: { $ref: './schemas/Id.json' } }
    post:
      operationId: makeThing
      parameters:
        - { name: n, in: query, schema: { type: integer } }
      requestBody:
        content:
          application/json:
            schema: { $ref: './schemas/Thing.json' }
      responses:
        '201':
          description: made
          content: { application/json: { schema: { $ref: './schemas/Thing.json#/$defs/Part' } } }
        '400':
          description: bad
          content: { application/problem+json: { schema: { type: object } } }
`
const schemas = {
  'Id.json': JSON.stringify({ type: 'string' }),
  'Thing.json': JSON.stringify({
    type: 'object',
    properties: { id: { $ref: 'Id.json' }, part: { $ref: '#/$defs/Part' } },
    $defs: { Part: { type: 'object', properties: { id: { $ref: 'Id.json' } } } },
  }),
}

t.test('bundles file references into components and builds route schemas', async (t) => {
  const root = t.testdir({ 'openapi.yaml': openapi(op), schemas })
  const contract = loadContract(root)
  const b = contract.bundle as any
  t.same(Object.keys(b.components.schemas).sort(), ['Id', 'Thing'])
  t.same(b.components.schemas.Thing.properties, {
    id: { $ref: '#/components/schemas/Id' },
    part: { $ref: '#/components/schemas/Thing/$defs/Part' },
  })
  const post = b.paths['/things/{id}'].post
  t.same(post.requestBody.content['application/json'].schema, { $ref: '#/components/schemas/Thing' })
  t.same(post.responses['201'].content['application/json'].schema, { $ref: '#/components/schemas/Thing/$defs/Part' })
  t.equal(contract.schemas.get('Thing.json')?.['$id'], 'Thing.json')

  const make = contract.operations.get('makeThing')!
  t.equal(make.method, 'POST')
  t.equal(make.url, '/things/:id')
  t.same(make.schema, {
    params: { type: 'object', properties: { id: { $ref: 'Id.json' } }, required: ['id'], additionalProperties: false },
    querystring: { type: 'object', properties: { n: { type: 'integer' } }, required: [], additionalProperties: false },
    body: { $ref: 'Thing.json' },
    response: { 201: { $ref: 'Thing.json#/$defs/Part' } },
  })
  t.equal(loadContract(root), contract, 'loaded once')
})

t.test('refuses contracts that would drift', async (t) => {
  const bad = (name: string, files: Parameters<typeof t.testdir>[0], pattern: RegExp) =>
    t.throws(() => loadContract(t.testdir(files)), pattern, name)
  bad(
    '$id in a schema file',
    { 'openapi.yaml': openapi(op), schemas: { ...schemas, 'Id.json': '{"$id":"x","type":"string"}' } },
    /remove "\$id"/,
  )
  bad(
    'reference to a missing file',
    { 'openapi.yaml': openapi(op), schemas: { 'Thing.json': schemas['Thing.json'] } },
    /missing schemas\/Id\.json/,
  )
  bad(
    'no operationId',
    { 'openapi.yaml': openapi(op.replace('operationId: makeThing', 'summary: x')), schemas },
    /operationId missing/,
  )
  bad(
    'undeclared path parameter',
    { 'openapi.yaml': openapi(op.replace('/things/{id}:', '/things/{id}/{sub}:')), schemas },
    /path parameters/,
  )
  bad(
    'inline named schemas',
    { 'openapi.yaml': `${openapi(op)}components: { schemas: { X: { type: string } } }\n`, schemas },
    /components\.schemas/,
  )
  bad('OpenAPI 3.0', { 'openapi.yaml': openapi(op).replace('3.1.0', '3.0.3'), schemas }, /OpenAPI 3\.1/)
})
