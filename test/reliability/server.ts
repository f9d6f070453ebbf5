/**
 * The real server (src/server.ts) in a child process, for the tests that need a process:
 * shutdown, time zones, logs, cluster, started with the node flags of `npm start`. Its stdout
 * (pino JSON lines) is collected.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { request } from 'node:http'
import { fileURLToPath } from 'node:url'
import type { Test } from 'tap'
import { SERVICE_FLAGS } from '../../bench/start-command.js'

const SERVER = fileURLToPath(new URL('../../src/server.ts', import.meta.url))
// Run the TypeScript entry point with the loader tap gives this test.
const LOADER = process.execArgv.filter((a) => a.includes('typescript'))

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
  const child = spawn(process.execPath, [...LOADER, ...SERVICE_FLAGS, SERVER], {
    env: { ...process.env, NODE_OPTIONS: '', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  t.teardown(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  })
  let out = ''
  child.stdout!.on('data', (chunk) => (out += chunk))
  child.stderr!.on('data', (chunk) => (out += chunk))
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
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 60_000)
    const onData = () => {
      const m = /listening at (http:\/\/[^"\s]+)/.exec(out)
      if (!m) return
      clearTimeout(timer)
      child.stdout!.off('data', onData)
      const base = m[1]!
      resolve({ child, base, port: Number(new URL(base).port), output: () => out, logs, exit })
    }
    child.stdout!.on('data', onData)
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
