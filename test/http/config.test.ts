import t from 'tap'
import { ConfigError, DEFAULT_CONFIG, loadConfig } from '../../src/config.js'

t.test('defaults', async (t) => {
  t.same(loadConfig({}), { port: 3000, host: '0.0.0.0', logLevel: 'info', bodyLimit: 1048576, batchBodyLimit: 33554432, shutdownTimeoutMs: 10000 })
  t.same(loadConfig({}), DEFAULT_CONFIG)
})

t.test('reads the environment', async (t) => {
  t.same(
    loadConfig({ PORT: '8080', HOST: '127.0.0.1', LOG_LEVEL: 'WARN', BODY_LIMIT: '2048', BATCH_BODY_LIMIT: '4096', SHUTDOWN_TIMEOUT_MS: '500' }),
    { port: 8080, host: '127.0.0.1', logLevel: 'warn', bodyLimit: 2048, batchBodyLimit: 4096, shutdownTimeoutMs: 500 },
  )
  t.equal(loadConfig({ PORT: '' }).port, 3000, 'empty means default')
})

t.test('rejects bad values, listing each', async (t) => {
  t.throws(() => loadConfig({ PORT: '70000' }), ConfigError)
  t.throws(() => loadConfig({ BODY_LIMIT: '1e6' }), /BODY_LIMIT/)
  t.throws(() => loadConfig({ BODY_LIMIT: '0' }), /BODY_LIMIT/)
  t.throws(() => loadConfig({ LOG_LEVEL: 'verbose' }), /LOG_LEVEL/)
  try {
    loadConfig({ PORT: 'x', SHUTDOWN_TIMEOUT_MS: '-1' })
    t.fail('should throw')
  } catch (error) {
    t.equal((error as ConfigError).problems.length, 2)
  }
})
