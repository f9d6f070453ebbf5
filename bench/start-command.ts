/**
 * How `npm start` runs the service: the node flags before dist/server.js in package.json's
 * start script (the V8 heap limit). The benchmark, the soak and the process tests start the
 * service with the same flags, so what they measure is what is deployed.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** bench/ (or dist/bench/bench/) → the file package.json, found by walking up. */
function packageJson(): string {
  for (let dir = new URL('.', import.meta.url); ; dir = new URL('..', dir)) {
    try {
      return readFileSync(fileURLToPath(new URL('package.json', dir)), 'utf8')
    } catch (error) {
      if (dir.pathname === '/') throw error
    }
  }
}

/** The flags of `node [flags] dist/server.js` at the end of the start script. */
export function startFlags(startScript: string): string[] {
  const command = /(?:^|&&\s*)node((?:\s+--[\w-]+(?:=\S+)?)*)\s+dist\/server\.js\s*$/.exec(startScript)
  if (!command)
    throw new Error(`package.json's start script does not end with "node [flags] dist/server.js": ${startScript}`)
  return command[1]!.trim().split(/\s+/).filter(Boolean)
}

/** The node flags `npm start` gives the service. */
export const SERVICE_FLAGS: readonly string[] = startFlags(
  (JSON.parse(packageJson()) as { scripts: { start: string } }).scripts.start,
)
