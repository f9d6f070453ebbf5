import t from 'tap'
import { anchorToRequest } from '../../src/contract/index.js'

t.test('pointers that resolve are kept; others move to the deepest part sent, naming the rest', async (t) => {
  const body = { note: { 'a/b': { '~x': 1 }, payments: [{ date: '2008-01-01' }] } }
  t.same(anchorToRequest([{ pointer: '/note/a~1b/~0x', detail: 'd' }], body), [
    { pointer: '/note/a~1b/~0x', detail: 'd' },
  ])
  t.same(anchorToRequest([{ pointer: '/note/payments/0/date', detail: 'd' }], body), [
    { pointer: '/note/payments/0/date', detail: 'd' },
  ])
  t.same(anchorToRequest([{ pointer: '/note/payments/1/date', detail: 'd' }], body), [
    { pointer: '/note/payments', detail: '1/date (not given, so its default): d' },
  ])
  t.same(anchorToRequest([{ pointer: '/note/a~1b/y', detail: 'd' }], body), [
    { pointer: '/note/a~1b', detail: 'y (not given, so its default): d' },
  ])
  t.same(anchorToRequest([{ pointer: '/spa/covenant', detail: 'd' }], body), [
    { pointer: '', detail: 'spa/covenant (not given, so its default): d' },
  ])
  // Parameters and the root are not body pointers to anchor.
  t.same(anchorToRequest([{ pointer: '/days', detail: 'd', in: 'query' }], body), [
    { pointer: '/days', detail: 'd', in: 'query' },
  ])
  t.same(anchorToRequest([{ pointer: '', detail: 'd' }], body), [{ pointer: '', detail: 'd' }])
  // Inherited names are not members.
  t.same(anchorToRequest([{ pointer: '/note/constructor', detail: 'd' }], body), [
    { pointer: '/note', detail: 'constructor (not given, so its default): d' },
  ])
})
