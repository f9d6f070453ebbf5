/**
 * The one-pass check before JSON.parse (src/contract/json-shape.ts): duplicate member names
 * with their pointer, and the count limits, against counts taken independently from the
 * parsed value.
 */
import t from 'tap'
import fc from 'fast-check'
import { readFileSync } from 'node:fs'
import { loadContract, validationFor } from '../../src/contract/index.js'
import { checkJsonShape, shapeLimitsFor } from '../../src/contract/json-shape.js'

const roomy = { maxContainers: 1e9, maxValues: 1e9 }

/** Counted from the value JSON.parse builds, not from the text. */
function counts(value: unknown): { containers: number; values: number } {
  if (Array.isArray(value)) {
    return value
      .map(counts)
      .reduce((a, b) => ({ containers: a.containers + b.containers, values: a.values + b.values }), {
        containers: 1,
        values: 1,
      })
  }
  if (typeof value === 'object' && value !== null) {
    return Object.values(value)
      .map(counts)
      .reduce((a, b) => ({ containers: a.containers + b.containers, values: a.values + b.values }), {
        containers: 1,
        values: 1,
      })
  }
  return { containers: 0, values: 1 }
}

/** RFC 6901, section 3: "~" as "~0", then "/" as "~1". */
const segment = (name: string): string => name.split('~').join('~0').split('/').join('~1')

const anyJson = fc.jsonValue({ stringUnit: 'binary' })

t.test('JSON without duplicate names passes, however it is spaced', async (t) => {
  fc.assert(
    fc.property(anyJson, fc.constantFrom(undefined, 2, '\t'), (value, space) => {
      t.equal(checkJsonShape(JSON.stringify(value, null, space), roomy), null)
    }),
    { numRuns: 500 },
  )
})

t.test('the limits count exactly the objects, arrays and values JSON.parse builds', async (t) => {
  fc.assert(
    fc.property(anyJson, (value) => {
      const text = JSON.stringify(value)
      const { containers, values } = counts(JSON.parse(text))
      t.equal(checkJsonShape(text, { maxContainers: containers, maxValues: values }), null)
      if (containers > 0)
        t.same(checkJsonShape(text, { maxContainers: containers - 1, maxValues: values }), {
          kind: 'too-many-containers',
          limit: containers - 1,
        })
      t.same(checkJsonShape(text, { maxContainers: containers, maxValues: values - 1 }), {
        kind: 'too-many-values',
        limit: values - 1,
      })
    }),
    { numRuns: 500 },
  )
})

t.test('a name given twice in one object is found, with its pointer', async (t) => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary' }), anyJson, anyJson, fc.nat({ max: 3 }), (name, first, second, before) => {
      // The object with the duplicate is item `before` + 1 of an array under "x".
      const padding = Array.from({ length: before + 1 }, () => '0').join(',')
      const member = (value: unknown) => `${JSON.stringify(name)}: ${JSON.stringify(value)}`
      const text = `{"x": [${padding}, {${member(first)}, ${member(second)}}]}`
      t.same(checkJsonShape(text, roomy), { kind: 'duplicate-member', pointer: `/x/${before + 1}/${segment(name)}` })
    }),
    { numRuns: 300 },
  )
  // Escapes spell the same name; quotes, backslashes and braces inside strings are text.
  t.same(checkJsonShape('{"a": 1, "\\u0061": 2}', roomy), { kind: 'duplicate-member', pointer: '/a' })
  t.same(checkJsonShape('{"a\\"": "}{][", "a\\\\": 1, "a": {"b": "\\\\"}, "c": [1, {"b": 2}]}', roomy), null)
  t.same(checkJsonShape('{"a\\\\": 1, "a\\u005c": 2}', roomy), { kind: 'duplicate-member', pointer: '/a\\' })
  // Past 8 names an object's names are kept in a set: it still finds the second, and so does
  // an object whose escaped name made it switch early.
  const names = Array.from({ length: 40 }, (_, i) => `"n${i}": ${i}`).join(', ')
  t.same(checkJsonShape(`{${names}, "n1": 0}`, roomy), { kind: 'duplicate-member', pointer: '/n1' })
  t.same(checkJsonShape(`{"x": {${names}}, "y": [{"a": 1, "\\u0062": 2, "b": 3}]}`, roomy), {
    kind: 'duplicate-member',
    pointer: '/y/0/b',
  })
  // Names of one length that differ only in their last character, or share a hash-free prefix:
  // told apart, not taken for duplicates.
  const alike = Array.from({ length: 8 }, (_, i) => `"${'x'.repeat(40)}${i}": 0`).join(', ')
  t.equal(checkJsonShape(`[{${alike}}, {${alike}}]`, roomy), null)
  t.same(checkJsonShape(`[{${alike}, "${'x'.repeat(40)}3": 1}]`, roomy), {
    kind: 'duplicate-member',
    pointer: `/0/${'x'.repeat(40)}3`,
  })
  // 100,000 distinct names in one object: linear, not quadratic (it would take minutes).
  const wide = `{${Array.from({ length: 100_000 }, (_, i) => `"k${i}":0`).join(',')}}`
  t.equal(checkJsonShape(wide, roomy), null)
})

t.test('malformed text is left to JSON.parse, and never throws', async (t) => {
  for (const text of ['{"a": ', '{"a', '"\\u12"', '{"\\x": 1}', '}}]]', '[1, 2', ''])
    t.equal(checkJsonShape(text, roomy), null, JSON.stringify(text))
  fc.assert(
    fc.property(fc.string({ unit: 'binary' }), (text) => {
      checkJsonShape(text, roomy)
    }),
    { numRuns: 1000 },
  )
})

t.test('limits by body size: one object or array per 32 bytes, one value per 8', async (t) => {
  t.same(shapeLimitsFor(33_554_432), { maxContainers: 1_048_576, maxValues: 4_194_304 })
  t.same(shapeLimitsFor(1_048_576), { maxContainers: 32_768, maxValues: 131_072 })
})

t.test('the densest valid batch the default limit takes passes', async (t) => {
  // The most compact object a valid request holds is a principal payment (37 bytes and a
  // comma); the most compact other value a date in a list (12 bytes and a comma). The case with
  // 1,200 payments (the most allowed), as many times as 32 MiB holds; and with 1,000 extra
  // holidays (the most allowed).
  const validate = validationFor(loadContract()).ajv.getSchema('ScenarioRequest.json')!
  const limit = 33_554_432
  const theCase = JSON.parse(
    readFileSync(new URL('../fixtures/examples/liquidmetal-2008.request.json', import.meta.url), 'utf8'),
  )
  const payments = {
    ...theCase,
    principalPayments: Array.from({ length: 1200 }, () => ({ date: '2008-01-02', amount: '0.01' })),
  }
  const holidays = { ...theCase, extraHolidays: Array.from({ length: 1000 }, () => '2008-01-02') }
  for (const [name, item] of [
    ['payments', payments],
    ['extra holidays', holidays],
  ] as const) {
    t.ok(validate(item), `${name}: the item is valid`)
    const one = JSON.stringify(item)
    const count = Math.min(10_000, Math.floor((limit - 20) / (one.length + 1)))
    const body = `{"items":[${Array(count).fill(one).join(',')}]}`
    t.ok(body.length <= limit, `${name}: ${count} items, ${body.length} bytes`)
    t.equal(checkJsonShape(body, shapeLimitsFor(limit)), null, name)
  }
})
