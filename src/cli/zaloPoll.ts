// `npm run zalo:poll`: runs the bot on the Zalo Bot Platform by long polling, for local development
// (no public HTTPS URL needed). Needs ZALO_BOT_TOKEN; deletes the bot's webhook while it runs. Ctrl+C stops it.
import { ConfigError, loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { pollUpdates } from '../channels/zalo/botPlatform/polling.js';
import { createBotPlatformAdapter } from '../channels/zalo/zaloChannels.js';
import { createApp } from '../app.js';

let config;
try {
  config = loadConfig();
  if (!config.zalo.bot)
    throw new ConfigError('ZALO_BOT_TOKEN', 'is required to poll the Zalo Bot Platform (the bot token from Zalo Bot Manager)');
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`Configuration error: ${error.message}`);
  process.exit(1);
}
const log = createLogger(config.logLevel);
const app = await createApp(config, log);
const adapter = createBotPlatformAdapter(app.channels, config.zalo.bot);

const stopping = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => stopping.abort());

try {
  await pollUpdates(adapter, app.channels.runTurn, { log, signal: stopping.signal });
} catch (error) {
  log.fatal({ err: error }, 'Zalo Bot polling could not start');
  process.exitCode = 1;
}
await app.close();
