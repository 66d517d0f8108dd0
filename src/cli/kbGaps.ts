// npm run kb:gaps [-- --since YYYY-MM-DD] [--format text|json]
// What the bot could not answer, grouped by similarity with counts and examples, most frequent first;
// then the answers most often rated 👎. Reads the store the bot uses (STORAGE, DATA_DIR, … as for npm start).
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.js';
import { readKnowledgeFile } from '../knowledge/kbFile.js';
import { createLogger } from '../logger.js';
import { GapsLog } from '../services/gapsLog.js';
import { buildGapsReport, formatGapsReport } from '../services/gapsReport.js';
import { parseSince } from '../staff/ticketExport.js';
import { createStorage } from '../storage/createStorage.js';

const USAGE = 'Usage: npm run kb:gaps [-- --since YYYY-MM-DD] [--format text|json]';

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

/** Titles of entries and articles in the kb.json the bot serves (else the folder's), to name the disliked answers. */
async function titles(dataDir: string, knowledgeDir: string): Promise<Map<string, string>> {
  const kb = (await readKnowledgeFile(dataDir)) ?? (await readKnowledgeFile(knowledgeDir));
  if (!kb) return new Map();
  return new Map([
    ...kb.entries.map((e) => [e.id, e.title ?? e.questions.vi[0] ?? e.id] as const),
    ...kb.articles.map((a) => [a.id, a.title] as const),
  ]);
}

const { values } = (() => {
  try {
    return parseArgs({ options: { since: { type: 'string' }, format: { type: 'string' } } });
  } catch (error) {
    return fail((error as Error).message);
  }
})();
const since =
  values.since === undefined ? undefined : (parseSince(values.since) ?? fail(`--since must be a date YYYY-MM-DD, got "${values.since}".`));
const format = values.format ?? 'text';
if (format !== 'text' && format !== 'json') fail(`--format must be text or json, got "${format}".`);

try {
  const config = loadConfig();
  const gaps = new GapsLog(await createStorage(config, createLogger('silent')));
  const names = await titles(config.dataDir, config.knowledgeDir);
  const report = buildGapsReport(await gaps.gaps(since), await gaps.ratings(), (id) => names.get(id), since);
  process.stdout.write(format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : formatGapsReport(report));
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`Configuration error: ${error.message}`);
  process.exit(1);
}
