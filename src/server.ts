/**
 * Start-up: read the configuration, listen, and shut down gracefully on SIGTERM/SIGINT:
 * stop accepting connections, let in-flight requests finish, exit 0; a shutdown that takes
 * longer than SHUTDOWN_TIMEOUT_MS exits 1.
 *
 * WEB_CONCURRENCY > 1 runs that many workers with node:cluster (sharing the port): the
 * primary forks them, replaces one that dies while serving, forwards SIGTERM/SIGINT to all,
 * and exits 0 once every worker has exited gracefully (1 if one did not, or if they are
 * still running SHUTDOWN_TIMEOUT_MS + 1 s after the signal). With 1, no cluster at all.
 *
 * METRICS_PORT set: GET /metrics on that port (on HOST), in the process that serves, or under
 * node:cluster in the primary, which adds up its workers' metrics.
 */
import cluster, { type Worker } from 'node:cluster'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { getHeapStatistics } from 'node:v8'
import closeWithGrace from 'close-with-grace'
import { AggregatorRegistry, register } from 'prom-client'
import { buildApp } from './app.js'
import { ConfigError, loadConfig, type Config } from './config.js'
import { metricsServer } from './plugins/metrics.js'

let config: Config
try {
  config = loadConfig(process.env)
} catch (error) {
  if (!(error instanceof ConfigError)) throw error
  console.error(error.message)
  process.exit(1)
}

if (config.webConcurrency > 1 && cluster.isPrimary) runPrimary(config)
else await runServer(config, cluster.isWorker)

/** Starts the metrics endpoint; resolves with its server once it listens. */
function listenMetrics(config: Config, metrics: Parameters<typeof metricsServer>[0]): Promise<Server> {
  const server = metricsServer(metrics)
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(config.metricsPort!, config.host, () => resolve(server))
  })
}

function metricsUrl(config: Config, server: Server): string {
  const host = config.host.includes(':') ? `[${config.host}]` : config.host
  return `http://${host}:${(server.address() as AddressInfo).port}/metrics`
}

async function runServer(config: Config, isWorker: boolean): Promise<void> {
  // prom-client's own registry: under node:cluster, the primary collects it from each worker.
  const app = buildApp(config, config.metricsPort === null ? {} : { metrics: register })
  let metrics: Server | null = null

  closeWithGrace(
    {
      delay: config.shutdownTimeoutMs,
      logger: app.log,
      // A worker may get a signal twice (from the terminal's process group and from the
      // primary): the shutdown already under way goes on, bounded by its timeout.
      ...(isWorker ? { onSecondSignal: (signal: string) => app.log.warn({ signal }, 'already shutting down') } : {}),
    },
    async ({ signal, err }) => {
      if (err) app.log.error({ err }, 'shutting down after an error')
      else if (signal) app.log.info({ signal }, 'shutting down')
      await app.close()
      metrics?.close()
    },
  )

  try {
    await app.listen({ port: config.port, host: config.host })
    // The pool's threads start now, so that the first costly request does not wait for them.
    app.compute.start()
    if (config.metricsPort !== null && !isWorker) {
      metrics = await listenMetrics(config, async () => ({
        text: await register.metrics(),
        contentType: register.contentType,
      }))
      app.log.info(`metrics listening at ${metricsUrl(config, metrics)}`)
    }
    // The heap limit comes from node's --max-old-space-size (npm start sets 512 MB), not from a setting here.
    app.log.info(
      {
        heapLimitBytes: getHeapStatistics().heap_size_limit,
        maxHeapUsedBytes: config.maxHeapUsedBytes,
        batchMemoryBudgetBytes: config.batchMemoryBudgetBytes,
      },
      'memory limits',
    )
    app.log.info(
      {
        poolThreads: config.poolThreads,
        poolMinCost: config.poolMinCost,
        computeTimeLimitMs: config.computeTimeLimitMs,
      },
      'worker pool',
    )
  } catch (err) {
    app.log.fatal({ err }, 'could not start')
    process.exit(1)
  }
}

/** One pino-compatible JSON line, for the primary (which has no Fastify instance). */
function log(level: number, msg: string, fields: Record<string, unknown> = {}): void {
  if (config.logLevel === 'silent') return
  const levels: Record<string, number> = { fatal: 60, error: 50, warn: 40, info: 30, debug: 20, trace: 10 }
  if (level < (levels[config.logLevel] ?? 30)) return
  process.stdout.write(
    `${JSON.stringify({ level, time: Date.now(), pid: process.pid, role: 'primary', ...fields, msg })}\n`,
  )
}

function runPrimary(config: Config): void {
  let stopping = false
  let failed = false
  const listening = new WeakSet<Worker>()
  const alive = new Set<Worker>()
  const signalAll = (signal: NodeJS.Signals) => {
    for (const w of alive) w.process.kill(signal)
  }

  const fork = (): void => {
    const worker = cluster.fork()
    alive.add(worker)
    worker.once('listening', () => listening.add(worker))
  }

  cluster.on('exit', (worker, code, signal) => {
    alive.delete(worker)
    const graceful = code === 0 && signal === null
    if (stopping) {
      if (!graceful) failed = true
      log(graceful ? 30 : 50, 'worker exited', { worker: worker.process.pid, code, signal })
      if (alive.size === 0) {
        log(30, 'all workers exited', { code: failed ? 1 : 0 })
        process.exit(failed ? 1 : 0)
      }
      return
    }
    if (!listening.has(worker)) {
      // It never started (port taken, bad host...): replacing it would loop. Stop everything.
      log(60, 'a worker could not start; stopping', { worker: worker.process.pid, code, signal })
      stopping = true
      failed = true
      signalAll('SIGTERM')
      if (alive.size === 0) process.exit(1)
      return
    }
    log(50, 'worker died; starting another', { worker: worker.process.pid, code, signal })
    fork()
  })

  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) {
      log(40, 'already shutting down', { signal })
      return
    }
    stopping = true
    log(30, 'shutting down', { signal, workers: alive.size })
    signalAll('SIGTERM')
    setTimeout(() => {
      log(50, `workers still running ${config.shutdownTimeoutMs + 1000} ms after ${signal}; killing them`)
      signalAll('SIGKILL')
      process.exit(1)
    }, config.shutdownTimeoutMs + 1000).unref()
  }
  process.on('SIGTERM', stop)
  process.on('SIGINT', stop)

  log(30, 'starting workers', { workers: config.webConcurrency })
  for (let i = 0; i < config.webConcurrency; i++) fork()

  if (config.metricsPort !== null) {
    const aggregator = new AggregatorRegistry()
    listenMetrics(config, async () => ({
      text: await aggregator.clusterMetrics(),
      contentType: aggregator.contentType,
    }))
      .then((server) => {
        server.unref()
        log(30, `metrics listening at ${metricsUrl(config, server)}`)
      })
      .catch((err: unknown) => log(50, 'metrics could not start', { err: String(err) }))
  }
}
