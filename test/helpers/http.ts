/** Building the app for a test and asserting problem responses. */
import type { Test } from 'tap'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { buildApp } from '../../src/app.js'
import type { Config } from '../../src/config.js'
import { responseValidator } from './responses.js'

/**
 * A fresh app, closed when the test ends. Every response `app.inject(options)` returns is
 * checked against the contract (see ./responses.ts): a response the document does not declare
 * (status, media type, or a field of its body) fails the test.
 */
export function testApp(t: Test, config: Partial<Config> = {}): FastifyInstance {
  responseValidator() // compiled now, before the app's load shedding starts watching its event loop
  // Load shedding only where a test asks for it: a busy CI machine must not turn answers into 503s.
  const app = buildApp({ maxEventLoopDelayMs: 0, ...config })
  t.teardown(() => app.close())
  const inject = app.inject.bind(app) as (...args: unknown[]) => unknown
  app.inject = ((...args: unknown[]) => {
    // The chained and callback forms are passed through unchecked.
    if (args[0] === undefined || args[1] !== undefined) return inject(...args)
    return (inject(args[0]) as Promise<LightMyRequestResponse>).then((res) => {
      assertDocumented(t, res)
      return res
    })
  }) as FastifyInstance['inject']
  return app
}

/** Asserts that a response is one the contract declares for its request; silent when it is. */
export function assertDocumented(t: Test, res: LightMyRequestResponse): void {
  const { method, url } = res.raw.req
  const contentType = res.headers['content-type']
  const { errors, operationId } = responseValidator().check(
    method ?? 'GET',
    url ?? '/',
    res.statusCode,
    typeof contentType === 'string' ? contentType : undefined,
    res.body,
  )
  if (errors.length > 0) {
    t.fail(`${method} ${url} → ${res.statusCode}: the response does not match ${operationId ?? 'the contract'}`, {
      errors: errors.slice(0, 20),
      body: res.body.length > 2000 ? `${res.body.slice(0, 2000)}...` : res.body,
    })
  }
}

export async function getJson(
  app: FastifyInstance,
  url: string,
): Promise<{ status: number; body: any; res: LightMyRequestResponse }> {
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
