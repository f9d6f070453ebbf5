import t from 'tap'
import os from 'node:os'
import { getHeapStatistics } from 'node:v8'
import {
  ConfigError,
  DEFAULT_BATCH_MEMORY_BUDGET_BYTES,
  DEFAULT_CONFIG,
  DEFAULT_MAX_HEAP_USED_BYTES,
  defaultPoolThreads,
  loadConfig,
} from '../../src/config.js'

t.test('defaults', async (t) => {
  t.same(loadConfig({}), {
    port: 3000,
    host: '0.0.0.0',
    logLevel: 'info',
    bodyLimit: 1048576,
    batchBodyLimit: 33554432,
    batchTimeLimitMs: 60000,
    shutdownTimeoutMs: 10000,
    requestTimeoutMs: 60000,
    socketTimeoutMs: 30000,
    batchMemoryBudgetBytes: DEFAULT_BATCH_MEMORY_BUDGET_BYTES,
    batchConcurrency: 0,
    apiKeys: [],
    corsOrigins: [],
    maxEventLoopDelayMs: 1000,
    maxHeapUsedBytes: DEFAULT_MAX_HEAP_USED_BYTES,
    maxRssBytes: 0,
    retryAfterSeconds: 5,
    webConcurrency: 1,
    poolThreads: os.availableParallelism(),
    poolMinCost: 400,
    computeTimeLimitMs: 90000,
    metricsPort: null,
  })
  t.same(loadConfig({}), DEFAULT_CONFIG)
  // An eighth of this process's heap limit, in bytes of batch bodies.
  t.equal(DEFAULT_BATCH_MEMORY_BUDGET_BYTES, Math.floor(getHeapStatistics().heap_size_limit / 8))
})

t.test('reads the environment', async (t) => {
  t.same(
    loadConfig({
      PORT: '8080',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'WARN',
      BODY_LIMIT: '2048',
      BATCH_BODY_LIMIT: '4096',
      BATCH_TIME_LIMIT_MS: '1500',
      SHUTDOWN_TIMEOUT_MS: '500',
      REQUEST_TIMEOUT_MS: '5000',
      SOCKET_TIMEOUT_MS: '7000',
      BATCH_MEMORY_BUDGET_BYTES: '8388608',
      BATCH_CONCURRENCY: '3',
      API_KEYS: 'k1,k2',
      CORS_ORIGINS: 'https://treasury.example',
      MAX_EVENT_LOOP_DELAY_MS: '200',
      MAX_HEAP_USED_BYTES: '1000000000',
      MAX_RSS_BYTES: '2000000000',
      RETRY_AFTER_SECONDS: '3',
      WEB_CONCURRENCY: '4',
      POOL_MIN_COST: '0',
      COMPUTE_TIME_LIMIT_MS: '2500',
      METRICS_PORT: '9100',
    }),
    {
      port: 8080,
      host: '127.0.0.1',
      logLevel: 'warn',
      bodyLimit: 2048,
      batchBodyLimit: 4096,
      batchTimeLimitMs: 1500,
      shutdownTimeoutMs: 500,
      requestTimeoutMs: 5000,
      socketTimeoutMs: 7000,
      batchMemoryBudgetBytes: 8388608,
      batchConcurrency: 3,
      apiKeys: ['k1', 'k2'],
      corsOrigins: ['https://treasury.example'],
      maxEventLoopDelayMs: 200,
      maxHeapUsedBytes: 1000000000,
      maxRssBytes: 2000000000,
      retryAfterSeconds: 3,
      webConcurrency: 4,
      // the cores shared among the 4 processes, at least one thread each
      poolThreads: Math.max(1, Math.floor(os.availableParallelism() / 4)),
      poolMinCost: 0,
      computeTimeLimitMs: 2500,
      metricsPort: 9100,
    },
  )
  t.equal(defaultPoolThreads(1), os.availableParallelism(), 'a pool thread per core')
  t.equal(loadConfig({ POOL_THREADS: '0' }).poolThreads, 0, 'POOL_THREADS=0: no pool')
  t.equal(loadConfig({ METRICS_PORT: '' }).metricsPort, null, 'METRICS_PORT empty: no metrics')
  t.throws(() => loadConfig({ METRICS_PORT: '3000' }), /METRICS_PORT must differ from PORT/)
  try {
    loadConfig({ POOL_THREADS: '-1', COMPUTE_TIME_LIMIT_MS: '5' })
    t.fail('bad pool settings are rejected')
  } catch (error) {
    const problems = (error as ConfigError).problems
    t.equal(problems.length, 2, 'both listed')
    t.match(problems[1], /POOL_THREADS must be an integer in 0\.\.256/)
    t.match(problems[0], /COMPUTE_TIME_LIMIT_MS must be an integer in 100\.\./)
  }
  t.equal(loadConfig({ PORT: '' }).port, 3000, 'empty means default')
})

t.test('rejects bad values, listing each', async (t) => {
  t.throws(() => loadConfig({ PORT: '70000' }), ConfigError)
  t.throws(() => loadConfig({ BODY_LIMIT: '1e6' }), /BODY_LIMIT/)
  t.throws(() => loadConfig({ BODY_LIMIT: '0' }), /BODY_LIMIT/)
  t.throws(() => loadConfig({ BODY_LIMIT: String(16 * 1048576 + 1) }), /BODY_LIMIT/, 'bounded: 16 MiB at most')
  t.throws(
    () => loadConfig({ BATCH_BODY_LIMIT: String(64 * 1048576 + 1) }),
    /BATCH_BODY_LIMIT/,
    'bounded: 64 MiB at most',
  )
  t.throws(() => loadConfig({ WEB_CONCURRENCY: '0' }), /WEB_CONCURRENCY/)
  t.throws(() => loadConfig({ BATCH_MEMORY_BUDGET_BYTES: '0' }), /BATCH_MEMORY_BUDGET_BYTES/)
  t.equal(
    loadConfig({ BATCH_CONCURRENCY: '0' }).batchConcurrency,
    0,
    'BATCH_CONCURRENCY 0: no limit by count (the default)',
  )
  t.throws(() => loadConfig({ REQUEST_TIMEOUT_MS: '10' }), /REQUEST_TIMEOUT_MS/)
  t.throws(() => loadConfig({ LOG_LEVEL: 'verbose' }), /LOG_LEVEL/)
  try {
    loadConfig({ PORT: 'x', SHUTDOWN_TIMEOUT_MS: '-1' })
    t.fail('should throw')
  } catch (error) {
    t.equal((error as ConfigError).problems.length, 2)
  }
})
