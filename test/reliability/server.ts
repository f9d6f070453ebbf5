/**
 * The real server in a child process, for the tests that need a process: shutdown, time zones,
 * logs, cluster. It is started as `npm start` starts it: dist/server.js (which `npm test` builds
 * before tap runs) with the node flags of the start script, not through the TypeScript loader,
 * whose compiling on every start would make these tests slow and their timing depend on load.
 * Its stdout (pino JSON lines) is collected.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { readdirSync, statSync } from 'node:fs'
import { request } from 'node:http'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Test } from 'tap'
import { SERVICE_FLAGS } from '../../bench/start-command.js'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
export const SERVER = join(ROOT, 'dist', 'server.js')

/** The newest modification time of the server's sources (src/ without the page). */
function newestSource(dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) {
      if (path !== join(ROOT, 'src', 'page')) newest = Math.max(newest, newestSource(path))
    } else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs)
  }
  return newest
}

/**
 * Throws unless dist/server.js exists and is newer than every source file, so that a test run on
 * its own (`npx tap test/reliability/shutdown.test.ts`) never tests yesterday's build.
 */
export function assertBuilt(): void {
  let built: number
  try {
    built = statSync(SERVER).mtimeMs
  } catch {
    throw new Error('dist/server.js is missing: run `npm run build` first (npm test does)')
  }
  if (newestSource(join(ROOT, 'src')) > built)
    throw new Error('dist/ is older than src/: run `npm run build` first (npm test does)')
}

/**
 * Load shedding off unless a test sets MAX_EVENT_LOOP_DELAY_MS: on a busy machine the event loop
 * of a computing server is late by seconds, and a shed 503 is not what these tests watch.
 */
const TEST_DEFAULTS = { MAX_EVENT_LOOP_DELAY_MS: '0' }

export interface Server {
  child: ChildProcess
  base: string
  port: number
  /** everything written to stdout and stderr so far */
  output(): string
  /** stdout lines that are JSON objects */
  logs(): Array<Record<string, any>>
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>
}

export function startServer(t: Test, env: Record<string, string> = {}): Promise<Server> {
  assertBuilt()
  const child = spawn(process.execPath, [...SERVICE_FLAGS, SERVER], {
    env: {
      ...process.env,
      NODE_OPTIONS: '',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      ...TEST_DEFAULTS,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  t.teardown(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  })
  let out = ''
  child.stdout.on('data', (chunk) => (out += chunk))
  child.stderr.on('data', (chunk) => (out += chunk))
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() })),
  )
  const logs = () =>
    out
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .flatMap((line) => {
        try {
          return [JSON.parse(line) as Record<string, any>]
        } catch {
          return []
        }
      })
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 120_000)
    const onData = () => {
      const m = /listening at (http:\/\/[^"\s]+)/.exec(out)
      if (!m) return
      clearTimeout(timer)
      child.stdout.off('data', onData)
      const base = m[1]!
      resolve({ child, base, port: Number(new URL(base).port), output: () => out, logs, exit })
    }
    child.stdout.on('data', onData)
    void exit.then(({ code, signal }) => {
      clearTimeout(timer)
      reject(new Error(`server exited (${code ?? signal}):\n${out}`))
    })
  })
}

export interface Answer {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
  /** when the first byte of the body arrived */
  firstByteAt: number
}

/** A request on its own connection (no keep-alive), with the whole answer. */
export function send(
  base: string,
  path: string,
  options: { method?: string; body?: string; headers?: Record<string, string>; onFirstByte?: () => void } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, {
      method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
      agent: false,
      headers: {
        connection: 'close',
        ...(options.body === undefined
          ? {}
          : { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(options.body)) }),
        ...options.headers,
      },
    })
    req.on('response', (res) => {
      const chunks: Buffer[] = []
      let firstByteAt = 0
      res.on('data', (chunk: Buffer) => {
        if (firstByteAt === 0) {
          firstByteAt = Date.now()
          options.onFirstByte?.()
        }
        chunks.push(chunk)
      })
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          firstByteAt,
        }),
      )
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end(options.body)
  })
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
