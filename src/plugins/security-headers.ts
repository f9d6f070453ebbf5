/**
 * Security headers: helmet's own, computed once at start-up.
 *
 * @fastify/helmet calls `helmet(options)` on every request, which rebuilds every middleware
 * and re-parses the Content-Security-Policy each time (about 35 µs a request under load,
 * measured with `node --cpu-prof`, more than the whole calendar computation). With static
 * options the headers never change, so helmet's middleware runs once against a recording
 * response and every reply gets the recorded headers. test/reliability/access.test.ts holds
 * them equal to what @fastify/helmet sets with the same options.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import helmet, { type HelmetOptions } from 'helmet'

export type SecurityHeaders = Readonly<Record<string, string>>

/** The headers `helmet(options)` sets on a response (names in lower case). */
export function helmetHeaders(options: Readonly<HelmetOptions>): SecurityHeaders {
  const directives =
    typeof options.contentSecurityPolicy === 'object' ? (options.contentSecurityPolicy.directives ?? {}) : {}
  for (const [name, value] of Object.entries(directives)) {
    const values: unknown[] = Array.isArray(value) ? value : [value]
    // A directive computed per request (a nonce) cannot be recorded once.
    if (values.some((v) => typeof v === 'function'))
      throw new TypeError(`CSP directive ${name} is computed per request`)
  }
  const headers: Record<string, string> = {}
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value)
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()]
    },
  }
  // helmet's middleware passes on an Error (a directive it cannot build) or nothing.
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => {
    if (error instanceof Error) throw error
  })
  return Object.freeze(headers)
}
