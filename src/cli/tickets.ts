// npm run tickets -- list|export [--since YYYY-MM-DD] [--format csv|json]
// list: one line per ticket, phone numbers masked (or --format for the full records);
// export: every field, CSV by default. Reads the store the bot uses (STORAGE, DATA_DIR, … as for npm start).
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { maskPhone } from '../services/phone.js';
import { parseSince, ticketsCsv, ticketsJson } from '../staff/ticketExport.js';
import { TicketStore } from '../services/ticketStore.js';
import type { Ticket } from '../ticket.js';
import { createStorage } from '../storage/createStorage.js';

const USAGE = 'Usage: npm run tickets -- list|export [--since YYYY-MM-DD] [--format csv|json]';

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

function line(t: Ticket): string {
  const details = t.details.length > 60 ? `${t.details.slice(0, 59)}…` : t.details;
  return [
    t.ref,
    t.createdAt.slice(0, 16).replace('T', ' '),
    t.kind,
    t.status,
    t.channelId,
    t.name,
    maskPhone(t.phone),
    t.trackingCode ?? '-',
    details,
  ].join(' | ');
}

const { positionals, values } = (() => {
  try {
    return parseArgs({ allowPositionals: true, options: { since: { type: 'string' }, format: { type: 'string' } } });
  } catch (error) {
    return fail((error as Error).message);
  }
})();
const [command] = positionals;
if (command !== 'list' && command !== 'export') fail(`Unknown command "${command ?? ''}".`);
const since =
  values.since === undefined ? undefined : (parseSince(values.since) ?? fail(`--since must be a date YYYY-MM-DD, got "${values.since}".`));
const format = values.format ?? (command === 'export' ? 'csv' : 'text');
if (!['csv', 'json', 'text'].includes(format) || (command === 'export' && format === 'text'))
  fail(`--format must be csv or json, got "${format}".`);

try {
  const config = loadConfig();
  const log = createLogger('silent');
  // Read-only: the running bot owns the files (a fold here would race its own).
  const tickets = await new TicketStore(await createStorage(config, log, { readOnly: true }), log).list(since);
  if (format === 'csv') process.stdout.write(ticketsCsv(tickets));
  else if (format === 'json') process.stdout.write(ticketsJson(tickets));
  else process.stdout.write(`${tickets.length} phiếu${since ? ` từ ${since}` : ''}\n${tickets.map((t) => `${line(t)}\n`).join('')}`);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`Configuration error: ${error.message}`);
  process.exit(1);
}
