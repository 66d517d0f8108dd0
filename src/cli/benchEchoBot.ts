// The ceiling for `npm run bench`: a bare botbuilder echo bot (CloudAdapter, restify, no state) that the
// benchmark drives with the same requests as the real service. Prints one "ready" JSON line with its port.
import type { AddressInfo } from 'node:net';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import restify from 'restify';

const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
const server = restify.createServer({ name: 'echo-bot', handleUncaughtExceptions: false });
server.use(restify.plugins.bodyParser({ maxBodySize: 256 * 1024, mapParams: false }));
server.post('/api/messages', async (req, res) => {
  await adapter.process(req, res, async (context) => {
    await context.sendActivity(`Echo: ${context.activity.text ?? context.activity.type}`);
  });
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  console.log(JSON.stringify({ msg: 'ready', port: (server.address() as AddressInfo).port }));
});
// A normal exit, so that `--cpu-prof` (bench --profile) writes its profile.
process.once('SIGTERM', () => server.close(() => process.exit(0)));
