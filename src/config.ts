/**
 * Service settings, read from the environment once at start-up. Invalid values stop the
 * process with every problem listed, rather than running with a surprising default.
 */
import os from 'node:os'
import { getHeapStatistics } from 'node:v8'

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const
export type LogLevel = (typeof LOG_LEVELS)[number]

export interface Config {
  port: number
  host: string
  logLevel: LogLevel
  /** largest accepted request body, in bytes */
  bodyLimit: number
  /** largest accepted body of POST /v1/scenarios/batch (10,000 items need more than 1 MiB) */
  batchBodyLimit: number
  /** how long one batch may compute before its remaining items are answered with a 503 problem */
  batchTimeLimitMs: number
  /** how long a graceful shutdown may take before the process is killed */
  shutdownTimeoutMs: number
  /** how long a client may take to send a whole request (slow uploads are cut off with 408) */
  requestTimeoutMs: number
  /** a connection on which no byte moves for this long during a request is closed (a client that stops reading) */
  socketTimeoutMs: number
  /**
   * bytes of batch bodies a process reads and computes at once (each counted by its
   * Content-Length, or BATCH_BODY_LIMIT when it has none); a batch that would pass it gets a
   * 503 before its body is read, unless no other batch is in flight
   */
  batchMemoryBudgetBytes: number
  /** at most this many batches at once besides the budget; 0: no limit by count */
  batchConcurrency: number
  /** bearer keys accepted on /v1 routes; empty: no authentication */
  apiKeys: readonly string[]
  /** origins allowed by CORS (`*` for any); empty: no CORS headers at all */
  corsOrigins: readonly string[]
  /** load shedding: mean event-loop delay above which requests get 503 (0: off) */
  maxEventLoopDelayMs: number
  /** load shedding: V8 heap used above which requests get 503 (0: off) */
  maxHeapUsedBytes: number
  /** load shedding: resident memory above which requests get 503 (0: off) */
  maxRssBytes: number
  /** the Retry-After of a 503 while overloaded, in seconds */
  retryAfterSeconds: number
  /** worker processes (node:cluster); 1 runs the server in the main process */
  webConcurrency: number
  /** worker threads computing costly requests (src/plugins/pool.ts); 0: everything on the main thread */
  poolThreads: number
  /** a request whose cost (sub-periods times scenarios) reaches this goes to the pool; below, the main thread */
  poolMinCost: number
  /** a computation in the pool running longer is stopped (its thread replaced) and answered 503 */
  computeTimeLimitMs: number
  /** the port of GET /metrics (Prometheus), on HOST; null: no metrics endpoint */
  metricsPort: number | null
}

const MiB = 1_048_576

/** 90% of this process's V8 heap limit (which depends on the memory and --max-old-space-size). */
export const DEFAULT_MAX_HEAP_USED_BYTES = Math.floor(getHeapStatistics().heap_size_limit * 0.9)

/**
 * An eighth of the V8 heap limit in batch bodies (about 70 MB under npm start's 512 MB): the
 * densest body, 32 MiB of small objects, holds some 150 MB of heap while it is computed, so two
 * of them fit with room for everything else (what BATCH_CONCURRENCY=2 allowed), while everyday
 * batches (a 3,000-note batch is about 3 MB) run many at once.
 */
export const DEFAULT_BATCH_MEMORY_BUDGET_BYTES = Math.floor(getHeapStatistics().heap_size_limit / 8)

/** One pool thread per core, the cores shared among the WEB_CONCURRENCY processes. */
export function defaultPoolThreads(webConcurrency = 1): number {
  return Math.max(1, Math.floor(os.availableParallelism() / Math.max(1, webConcurrency)))
}

/**
 * The cost (interest sub-periods times scenarios computed, see scenarioCost) from which a request
 * is computed in the pool: below it, a request takes about a millisecond or less on the main
 * thread, less than the round trip to a thread costs; measured in docs/reliability.md.
 */
export const DEFAULT_POOL_MIN_COST = 400

export const DEFAULT_CONFIG: Readonly<Config> = Object.freeze({
  port: 3000,
  host: '0.0.0.0',
  logLevel: 'info',
  bodyLimit: MiB,
  batchBodyLimit: 32 * MiB,
  batchTimeLimitMs: 60_000,
  shutdownTimeoutMs: 10_000,
  requestTimeoutMs: 60_000,
  socketTimeoutMs: 30_000,
  batchMemoryBudgetBytes: DEFAULT_BATCH_MEMORY_BUDGET_BYTES,
  batchConcurrency: 0,
  apiKeys: Object.freeze([]),
  corsOrigins: Object.freeze([]),
  maxEventLoopDelayMs: 1_000,
  maxHeapUsedBytes: DEFAULT_MAX_HEAP_USED_BYTES,
  maxRssBytes: 0,
  retryAfterSeconds: 5,
  webConcurrency: 1,
  poolThreads: defaultPoolThreads(1),
  poolMinCost: DEFAULT_POOL_MIN_COST,
  computeTimeLimitMs: 90_000,
  metricsPort: null,
})

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration: ${problems.join('; ')}`)
    this.name = 'ConfigError'
  }
}

type Env = Readonly<Record<string, string | undefined>>

function integer(env: Env, name: string, fallback: number, min: number, max: number, problems: string[]): number {
  const raw = env[name]?.trim()
  if (raw === undefined || raw === '') return fallback
  if (!/^[0-9]{1,16}$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    problems.push(`${name} must be an integer in ${min}..${max}, got "${shown(raw)}"`)
    return fallback
  }
  return Number(raw)
}

const shown = (s: string): string => (s.length > 40 ? `${s.slice(0, 40)}...` : s)

/** A comma-separated list; empty items are ignored. */
const list = (env: Env, name: string): string[] =>
  (env[name] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')

/** Bearer tokens: visible ASCII without spaces or commas (RFC 6750 allows fewer; we allow more). */
const API_KEY = /^[\x21-\x2b\x2d-\x7e]{1,4096}$/

function apiKeys(env: Env, problems: string[]): string[] {
  const keys = list(env, 'API_KEYS')
  // Never echo a key, even a malformed one: say which item is wrong.
  keys.forEach((key, i) => {
    if (!API_KEY.test(key))
      problems.push(`API_KEYS item ${i + 1} must be 1 to 4096 visible ASCII characters without spaces or commas`)
  })
  return [...new Set(keys)]
}

/** `*`, or origins such as `https://treasury.example` (scheme, host and optional port). */
const ORIGIN = /^https?:\/\/[A-Za-z0-9.-]+(:[0-9]{1,5})?$/

function corsOrigins(env: Env, problems: string[]): string[] {
  const origins = list(env, 'CORS_ORIGINS')
  for (const origin of origins) {
    if (origin !== '*' && !ORIGIN.test(origin))
      problems.push(`CORS_ORIGINS must be * or origins like https://host[:port], got "${shown(origin)}"`)
  }
  if (origins.includes('*') && origins.length > 1)
    problems.push('CORS_ORIGINS: * cannot be combined with other origins')
  return origins
}

export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = []
  const host = env['HOST']?.trim() || DEFAULT_CONFIG.host
  const level = env['LOG_LEVEL']?.trim().toLowerCase() || DEFAULT_CONFIG.logLevel
  if (!(LOG_LEVELS as readonly string[]).includes(level)) {
    problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${shown(level)}"`)
  }
  const config: Config = {
    port: integer(env, 'PORT', DEFAULT_CONFIG.port, 0, 65_535, problems),
    host,
    logLevel: level as LogLevel,
    bodyLimit: integer(env, 'BODY_LIMIT', DEFAULT_CONFIG.bodyLimit, 1, 16 * MiB, problems),
    batchBodyLimit: integer(env, 'BATCH_BODY_LIMIT', DEFAULT_CONFIG.batchBodyLimit, 1, 64 * MiB, problems),
    batchTimeLimitMs: integer(env, 'BATCH_TIME_LIMIT_MS', DEFAULT_CONFIG.batchTimeLimitMs, 1, 3_600_000, problems),
    shutdownTimeoutMs: integer(env, 'SHUTDOWN_TIMEOUT_MS', DEFAULT_CONFIG.shutdownTimeoutMs, 1, 3_600_000, problems),
    requestTimeoutMs: integer(env, 'REQUEST_TIMEOUT_MS', DEFAULT_CONFIG.requestTimeoutMs, 1_000, 3_600_000, problems),
    socketTimeoutMs: integer(env, 'SOCKET_TIMEOUT_MS', DEFAULT_CONFIG.socketTimeoutMs, 1_000, 3_600_000, problems),
    batchMemoryBudgetBytes: integer(
      env,
      'BATCH_MEMORY_BUDGET_BYTES',
      DEFAULT_CONFIG.batchMemoryBudgetBytes,
      1,
      Number.MAX_SAFE_INTEGER,
      problems,
    ),
    batchConcurrency: integer(env, 'BATCH_CONCURRENCY', DEFAULT_CONFIG.batchConcurrency, 0, 64, problems),
    apiKeys: apiKeys(env, problems),
    corsOrigins: corsOrigins(env, problems),
    maxEventLoopDelayMs: integer(
      env,
      'MAX_EVENT_LOOP_DELAY_MS',
      DEFAULT_CONFIG.maxEventLoopDelayMs,
      0,
      3_600_000,
      problems,
    ),
    maxHeapUsedBytes: integer(
      env,
      'MAX_HEAP_USED_BYTES',
      DEFAULT_CONFIG.maxHeapUsedBytes,
      0,
      Number.MAX_SAFE_INTEGER,
      problems,
    ),
    maxRssBytes: integer(env, 'MAX_RSS_BYTES', DEFAULT_CONFIG.maxRssBytes, 0, Number.MAX_SAFE_INTEGER, problems),
    retryAfterSeconds: integer(env, 'RETRY_AFTER_SECONDS', DEFAULT_CONFIG.retryAfterSeconds, 1, 86_400, problems),
    webConcurrency: integer(env, 'WEB_CONCURRENCY', DEFAULT_CONFIG.webConcurrency, 1, 256, problems),
    poolThreads: 0,
    poolMinCost: integer(env, 'POOL_MIN_COST', DEFAULT_CONFIG.poolMinCost, 0, 1_000_000_000, problems),
    computeTimeLimitMs: integer(
      env,
      'COMPUTE_TIME_LIMIT_MS',
      DEFAULT_CONFIG.computeTimeLimitMs,
      100,
      3_600_000,
      problems,
    ),
    metricsPort: null,
  }
  config.poolThreads = integer(env, 'POOL_THREADS', defaultPoolThreads(config.webConcurrency), 0, 256, problems)
  const metricsPort = env['METRICS_PORT']?.trim()
  if (metricsPort !== undefined && metricsPort !== '') {
    config.metricsPort = integer(env, 'METRICS_PORT', 0, 0, 65_535, problems)
    if (config.port !== 0 && config.metricsPort === config.port)
      problems.push(`METRICS_PORT must differ from PORT (${config.port})`)
  }
  if (problems.length > 0) throw new ConfigError(problems)
  return config
}
