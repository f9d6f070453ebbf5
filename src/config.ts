/**
 * Service settings, read from the environment once at start-up. Invalid values stop the
 * process with every problem listed, rather than running with a surprising default.
 */

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
  /** how long a graceful shutdown may take before the process is killed */
  shutdownTimeoutMs: number
}

export const DEFAULT_CONFIG: Readonly<Config> = Object.freeze({
  port: 3000,
  host: '0.0.0.0',
  logLevel: 'info',
  bodyLimit: 1_048_576,
  batchBodyLimit: 33_554_432,
  shutdownTimeoutMs: 10_000,
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
  if (!/^[0-9]+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    problems.push(`${name} must be an integer in ${min}..${max}, got "${raw}"`)
    return fallback
  }
  return Number(raw)
}

export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = []
  const host = env['HOST']?.trim() || DEFAULT_CONFIG.host
  const level = env['LOG_LEVEL']?.trim().toLowerCase() || DEFAULT_CONFIG.logLevel
  if (!(LOG_LEVELS as readonly string[]).includes(level)) {
    problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${level}"`)
  }
  const config: Config = {
    port: integer(env, 'PORT', DEFAULT_CONFIG.port, 0, 65_535, problems),
    host,
    logLevel: level as LogLevel,
    bodyLimit: integer(env, 'BODY_LIMIT', DEFAULT_CONFIG.bodyLimit, 1, 1_073_741_824, problems),
    batchBodyLimit: integer(env, 'BATCH_BODY_LIMIT', DEFAULT_CONFIG.batchBodyLimit, 1, 1_073_741_824, problems),
    shutdownTimeoutMs: integer(env, 'SHUTDOWN_TIMEOUT_MS', DEFAULT_CONFIG.shutdownTimeoutMs, 1, 3_600_000, problems),
  }
  if (problems.length > 0) throw new ConfigError(problems)
  return config
}
