/** JSON Pointer tokens, against RFC 6901's own examples (section 5) and the order of its escapes. */
import t from 'tap'
import fc from 'fast-check'
import { escapeToken, pointerOf, pointerTokens, unescapeToken } from '../../src/contract/json-pointer.js'

t.test("RFC 6901's examples", async (t) => {
  t.equal(escapeToken('a/b'), 'a~1b')
  t.equal(escapeToken('m~n'), 'm~0n')
  t.same(pointerTokens('/a~1b'), ['a/b'])
  t.same(pointerTokens('/m~0n'), ['m~n'])
  t.same(pointerTokens('/foo/0'), ['foo', '0'])
  t.same(pointerTokens('/'), [''], 'the empty name')
  t.same(pointerTokens(''), [], 'the whole document')
})

t.test('"~" first when escaping, "~1" first when reading: "~1" is the name "~1", not "/"', async (t) => {
  t.equal(escapeToken('~1'), '~01')
  t.equal(unescapeToken('~01'), '~1')
  t.equal(pointerOf(['reported', 'a/b~c', 3]), '/reported/a~1b~0c/3')
})

t.test('a path survives the round trip', async (t) => {
  fc.assert(
    fc.property(fc.array(fc.string({ unit: fc.constantFrom('a', '/', '~', '0', '1') }), { maxLength: 5 }), (path) => {
      t.same(pointerTokens(pointerOf(path)), path)
    }),
    { numRuns: 200 },
  )
  t.pass('200 paths')
})
