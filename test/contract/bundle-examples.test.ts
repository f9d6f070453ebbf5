/** Example files: `$ref: './examples/<name>.json'` in openapi.yaml, moved into components.examples by the bundle. */
import t from 'tap'
import { loadContract } from '../../src/contract/index.js'

const openapi = (ref: string, inline = '') => `openapi: 3.1.0
info: { title: t, version: '1' }
paths:
  /things:
    post:
      operationId: makeThing
      requestBody:
        content:
          application/json:
            schema: { $ref: './schemas/Thing.json' }
            examples:
              one: { $ref: '${ref}' }
      responses:
        '200':
          description: made
          content:
            application/json:
              schema: { $ref: './schemas/Thing.json' }
              examples:
                one: { $ref: '${ref}' }
${inline}`
const schemas = { 'Thing.json': JSON.stringify({ type: 'object', properties: { a: { type: 'string' } } }) }
const example = JSON.stringify({ summary: 'One thing', value: { a: 'x' } })

t.test('an example file is bundled once, under components.examples', async (t) => {
  const root = t.testdir({
    'openapi.yaml': openapi('./examples/one-thing.json'),
    schemas,
    examples: { 'one-thing.json': example },
  })
  const bundle = loadContract(root).bundle as any
  t.same(bundle.components.examples, { 'one-thing': { summary: 'One thing', value: { a: 'x' } } })
  const post = bundle.paths['/things'].post
  t.same(post.requestBody.content['application/json'].examples.one, { $ref: '#/components/examples/one-thing' })
  t.same(post.responses['200'].content['application/json'].examples.one, { $ref: '#/components/examples/one-thing' })
  const written = (loadContract(root).document as any).paths['/things'].post
  t.same(
    written.requestBody.content['application/json'].examples.one,
    { $ref: './examples/one-thing.json' },
    'the document as written keeps its file reference',
  )
})

t.test('refuses broken example files', async (t) => {
  const bad = (name: string, files: Parameters<typeof t.testdir>[0], pattern: RegExp) =>
    t.throws(() => loadContract(t.testdir(files)), pattern, name)
  bad('a missing file', { 'openapi.yaml': openapi('./examples/none.json'), schemas }, /examples\/none\.json/)
  bad(
    'not an Example Object',
    { 'openapi.yaml': openapi('./examples/raw.json'), schemas, examples: { 'raw.json': '{"a":"x"}' } },
    /Example Object/,
  )
  bad(
    'a clash with an inline example',
    {
      'openapi.yaml': openapi('./examples/one.json', 'components:\n  examples:\n    one: { value: 1 }\n'),
      schemas,
      examples: { 'one.json': example },
    },
    /clashes/,
  )
})
