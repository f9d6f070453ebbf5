/**
 * Determinism: the real server under TZ=Pacific/Kiritimati (UTC+14) and TZ=America/Los_Angeles
 * (UTC-8/-7, with DST) gives byte-identical answers, notices with timestamps included: every
 * date is a New York date, never the server's.
 */
import t from 'tap'
import { fixture, variant } from '../helpers/json.js'
import { send, startServer } from './server.js'

const theCase = fixture('examples/liquidmetal-2008.request.json')

const TIMESTAMPS = [
  '2008-09-29T16:59:59-04:00', // before the 17:00 New York cut-off
  '2008-09-29T17:00:00-04:00', // at it
  '2008-09-29T20:59:59Z',
  '2008-09-29T21:00:00Z',
  '2008-09-29T23:30:00-10:00', // the next day in New York
  '2008-09-30T03:59:59+14:00', // still the 29th in New York
  '2008-09-29T12:00:00.123456789+05:30',
  '2008-11-02T01:30:00-05:00', // New York's DST ends that night
  '2008-03-09T03:30:00-04:00', // and begins
  '2008-12-31T23:59:59-05:00',
  '1901-01-01T00:00:00+14:00',
  '2199-12-31T23:59:59-12:00',
]

const requests: Array<[string, string, unknown?]> = [
  ['POST', '/v1/scenarios', theCase],
  ['POST', '/v1/scenarios', { note: theCase.note }], // asOf defaults to today in New York
  ...TIMESTAMPS.map((sentAt): [string, string, unknown] => [
    'POST',
    '/v1/scenarios',
    variant(theCase, (c) => (c.events.noticeOfDefault.sentAt = sentAt)),
  ]),
  ...TIMESTAMPS.map((sentAt): [string, string, unknown] => [
    'POST',
    '/v1/cure-period',
    {
      noticeOfDefault: { sentAt, methods: ['facsimile', 'email', 'overnight-courier', 'mail', 'personal'] },
      asOf: '2008-10-31',
    },
  ]),
  ['POST', '/v1/cure-period', { noticeOfDefault: { sentAt: '2008-09-29T16:30:00-04:00', methods: ['facsimile'] } }],
  ['POST', '/v1/covenant-deadline', { spa: theCase.spa }],
  ['POST', '/v1/default-interest', { note: theCase.note, eventOfDefaultDate: '2008-10-15', through: '2008-10-22' }],
  [
    'POST',
    '/v1/redemption',
    { note: theCase.note, eventOfDefaultDate: '2008-10-15', redemptionElection: theCase.events.redemptionElection },
  ],
  [
    'POST',
    '/v1/scenarios/batch',
    { items: TIMESTAMPS.map((sentAt) => variant(theCase, (c) => (c.events.noticeOfDefault.sentAt = sentAt))) },
  ],
  ['GET', '/v1/calendars/us-fed/holidays?from=2008-01-01&to=2008-12-31'],
  ['GET', '/v1/calendars/us-nyse/add-business-days?date=2008-09-29&days=10'],
  ['GET', '/v1/calendars/us-government-bond/business-days-between?from=2008-03-01&to=2008-11-30'],
  ['GET', '/v1/day-counts/act-act-isda/year-fraction?from=2007-01-03&to=2008-10-22'],
  ['GET', '/v1/nope'],
]

t.test('byte-identical answers under TZ=Pacific/Kiritimati and TZ=America/Los_Angeles', async (t) => {
  const zones = ['Pacific/Kiritimati', 'America/Los_Angeles']
  const servers = await Promise.all(zones.map((TZ) => startServer(t, { TZ })))
  for (const [method, path, body] of requests) {
    const answers = await Promise.all(
      servers.map((s) => send(s.base, path, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) })),
    )
    const [kiritimati, losAngeles] = answers
    const name = `${method} ${path} ${body === undefined ? '' : JSON.stringify(body).slice(0, 80)}`
    t.equal(kiritimati!.status, losAngeles!.status, `${name}: same status`)
    // On a difference, also show where the two bodies differ.
    if (!t.ok(kiritimati!.body === losAngeles!.body, `${name}: same bytes`)) t.same(kiritimati!.body, losAngeles!.body)
    t.ok(kiritimati!.status < 500, `${name}: answered (${kiritimati!.status})`)
  }
  for (const s of servers) s.child.kill('SIGTERM')
  const exits = await Promise.all(servers.map((s) => s.exit))
  t.same(
    exits.map((e) => e.code),
    [0, 0],
  )
})
