/**
 * Start-up: read the configuration, listen, and shut down gracefully on SIGTERM/SIGINT:
 * stop accepting connections, let in-flight requests finish, exit 0; a shutdown that takes
 * longer than SHUTDOWN_TIMEOUT_MS exits 1.
 */
import closeWithGrace from 'close-with-grace'
import { buildApp } from './app.js'
import { ConfigError, loadConfig, type Config } from './config.js'

let config: Config
try {
  config = loadConfig(process.env)
} catch (error) {
  if (!(error instanceof ConfigError)) throw error
  console.error(error.message)
  process.exit(1)
}
const app = buildApp(config)

closeWithGrace({ delay: config.shutdownTimeoutMs, logger: app.log }, async ({ signal, err }) => {
  if (err) app.log.error({ err }, 'shutting down after an error')
  else if (signal) app.log.info({ signal }, 'shutting down')
  await app.close()
})

try {
  await app.listen({ port: config.port, host: config.host })
} catch (err) {
  app.log.fatal({ err }, 'could not start')
  process.exit(1)
}
