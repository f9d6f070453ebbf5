/**
 * The service's version (package.json's `version`) on every answer, as the
 * Convertible-Default-Version header: a payoff statement or a batch can be traced later to the
 * rules that computed it. Errors answered before routing set it themselves (src/plugins/errors.ts).
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { FastifyInstance } from 'fastify'

export const VERSION_HEADER = 'convertible-default-version'

/** package.json's version, found by walking up from this file (src/plugins/ or dist/plugins/). */
function readVersion(): string {
  for (let dir = new URL('.', import.meta.url); ; dir = new URL('..', dir)) {
    try {
      const pkg = JSON.parse(readFileSync(fileURLToPath(new URL('package.json', dir)), 'utf8')) as {
        name?: string
        version?: string
      }
      if (pkg.name === 'convertible-default' && typeof pkg.version === 'string') return pkg.version
    } catch {
      // no package.json here: go up
    }
    if (dir.pathname === '/') throw new Error('package.json of convertible-default not found')
  }
}

export const SERVICE_VERSION: string = readVersion()

/**
 * Call on the root instance, before the other plugins, so the hook covers every route, the 404
 * and the error answers, and runs before load shedding answers. An onRequest hook, not onSend:
 * Fastify skips its onSend step for routes that have no such hook, which small requests feel.
 */
export function useVersion(app: FastifyInstance): void {
  app.addHook('onRequest', (_request, reply, done) => {
    reply.header(VERSION_HEADER, SERVICE_VERSION)
    done()
  })
}
