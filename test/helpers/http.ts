/** Building the app for a test and asserting problem responses. */
import type { Test } from 'tap'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { buildApp } from '../../src/app.js'
import type { Config } from '../../src/config.js'

/** A fresh app, closed when the test ends. */
export function testApp(t: Test, config: Partial<Config> = {}): FastifyInstance {
  const app = buildApp(config)
  t.teardown(() => app.close())
  return app
}

export async function getJson(app: FastifyInstance, url: string): Promise<{ status: number; body: any; res: LightMyRequestResponse }> {
  const res = await app.inject({ method: 'GET', url })
  return { status: res.statusCode, body: res.json(), res }
}

export interface ExpectedProblem {
  status: number
  /** the problem type's slug under https://convertible-default.example/problems/ */
  type?: string
  /** the field errors expected, exactly (order ignored) */
  errors?: Array<{ pointer: string; in?: string }>
}

/** Asserts an RFC 9457 problem response and returns its body. */
export function assertProblem(t: Test, res: LightMyRequestResponse, expected: ExpectedProblem): any {
  t.equal(res.statusCode, expected.status, 'status')
  t.match(res.headers['content-type'], /^application\/problem\+json/, 'content-type')
  const body = res.json()
  t.equal(body.status, expected.status, 'status in body')
  t.type(body.title, 'string', 'title')
  t.type(body.detail, 'string', 'detail')
  t.ok(Array.isArray(body.errors), 'errors array')
  if (expected.type) t.equal(body.type, `https://convertible-default.example/problems/${expected.type}`, 'type')
  if (expected.errors) {
    const got = body.errors.map((e: { pointer: string; in?: string }) => ({ pointer: e.pointer, in: e.in }))
    const want = expected.errors.map((e) => ({ pointer: e.pointer, in: e.in }))
    const key = (e: { pointer: string; in?: string | undefined }) => `${e.in ?? ''}:${e.pointer}`
    t.same(got.map(key).sort(), want.map(key).sort(), 'field errors')
    for (const e of body.errors) t.type(e.detail, 'string', `detail for ${e.pointer}`)
  }
  t.notMatch(JSON.stringify(body), /\bat .+\(.*:\d+:\d+\)|node_modules|\.ts:\d+/, 'no stack trace')
  return body
}
