// Entry point: `npm start`. Reads the environment, starts the service, and shuts down cleanly on
// SIGTERM/SIGINT (stop accepting, let running turns finish, flush storage, exit 0).
import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { KnowledgeError } from './knowledge/problems.js';
import { createApp } from './app.js';

const startedAt = performance.now();
let config;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`Configuration error: ${error.message}`);
  process.exit(1);
}
const log = createLogger(config.logLevel);

try {
  const app = await createApp(config, log);
  const port = await app.listen();
  const readyMs = Math.round(performance.now() - startedAt);
  const base = `http://localhost:${port}`;
  log.info({ port, readyMs, knowledge: app.knowledge.kb.version }, 'ready');
  // Where to talk to it, for whoever started it.
  console.log(
    [`Web widget:         ${base}/`, `Staff console:      ${base}/staff`, `Bot Framework Emulator endpoint: ${base}/api/messages`].join(
      '\n',
    ),
  );

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down: finishing running turns');
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
} catch (error) {
  if (error instanceof ConfigError || error instanceof KnowledgeError) {
    log.fatal(error.message);
    process.exit(1);
  }
  throw error;
}
