// `npm run bench:announcements -- --subscribers=N`: the cost of announcing one article to N subscribers, in
// process: a lowdb store (FileStorage, fsync'd journal) in a temp folder under ./data, N subscriptions, and the
// real AnnouncementNotifier and Outbox with a proactive send that answers at once (the channel's own latency
// left out). Prints the time from the article's publication until every message is recorded delivered, and
// the CPU it took.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { ConversationReference } from 'botbuilder';
import type { Article } from '../knowledge/articleParser.js';
import { createLogger } from '../logger.js';
import { AnnouncementNotifier, pageKey, type AnnouncementPage } from '../services/announcementNotifier.js';
import { InboundTimes } from '../services/messagingWindow.js';
import { Outbox } from '../services/outbox.js';
import { KEY_PREFIX } from '../services/records.js';
import { SubscriptionStore } from '../services/subscriptionStore.js';
import { FileStorage } from '../storage/fileStorage.js';

const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/u, '').split('=') as [string, string]));
const SUBSCRIBERS = Number(args.get('subscribers') ?? 1000);
mkdirSync(path.resolve('data'), { recursive: true });
const dir = mkdtempSync(path.join(path.resolve('data'), 'bench-announcements-'));
const storage = new FileStorage(path.join(dir, 'state.json'));
await storage.open();

// N subscriptions as SubscriptionStore keeps them (an index and one item each).
const ids = Array.from({ length: SUBSCRIBERS }, (_, i) => `sub${i}`);
const reference = (id: string): Partial<ConversationReference> => ({
  channelId: 'emulator',
  serviceUrl: 'http://127.0.0.1:9/',
  conversation: { id, isGroup: false, conversationType: 'personal', name: '' },
  user: { id: `user-${id}`, name: 'Citizen' },
  bot: { id: 'bot', name: 'Hotline bot' },
});
await storage.write({ [`${KEY_PREFIX}/subscriptions/index`]: { ids } });
for (let i = 0; i < ids.length; i += 500) {
  await storage.write(
    Object.fromEntries(
      ids
        .slice(i, i + 500)
        .map((id) => [`${KEY_PREFIX}/subscriptions/${id}`, { id, reference: reference(id), subscribedAt: new Date().toISOString() }]),
    ),
  );
}

const log = createLogger('silent');
let sent = 0;
let allSent: () => void;
const done = new Promise<void>((resolve) => (allSent = resolve));
const outbox = new Outbox(
  storage,
  new InboundTimes(storage, {}),
  async (_reference, logic) => {
    // A proactive turn whose send succeeds at once.
    await logic({ activity: { channelId: 'emulator' }, turnState: new Map(), sendActivity: async () => ({ id: 'x' }) } as never);
    if (++sent === SUBSCRIBERS) allSent();
  },
  log,
  { instance: 'bench', shared: false, retryMs: 2000 },
);
outbox.start();
const notifier = new AnnouncementNotifier(storage, new SubscriptionStore(storage), outbox, (a) => ({ text: a.title, actions: [] }), log);
const article = (id: string): Article => ({
  id,
  file: `${id}.txt`,
  title: `Bài ${id}`,
  date: '2030-01-01',
  captions: [],
  paragraphs: [],
  figures: [],
});
const versions: Array<(v: { kb: { articles: Article[] } }) => void> = [];
notifier.follow({ onVersion: (listener: (typeof versions)[number]) => void versions.push(listener) } as never, (work) => work);
// The first run only remembers what is published; the second version brings the new article.
versions[0]!({ kb: { articles: [article('old')] } });
await new Promise((resolve) => setTimeout(resolve, 200));

const cpu = process.cpuUsage();
const started = performance.now();
versions[0]!({ kb: { articles: [article('old'), article('new')] } });
await done;
// Every outcome recorded: the last page's messages are all delivered.
const lastPage = pageKey('new', Math.ceil(SUBSCRIBERS / 50) - 1);
for (;;) {
  const page = (await storage.read([lastPage]))[lastPage] as AnnouncementPage | undefined;
  if (page?.outbox?.every((m) => m.state === 'delivered')) break;
  await new Promise((resolve) => setTimeout(resolve, 10));
}
const seconds = (performance.now() - started) / 1000;
const used = process.cpuUsage(cpu);
await outbox.stop();
await storage.flush();
rmSync(dir, { recursive: true, force: true });
const result = {
  subscribers: SUBSCRIBERS,
  seconds: Math.round(seconds * 100) / 100,
  cpu_s: Math.round((used.user + used.system) / 1e4) / 100,
};
console.log(`${SUBSCRIBERS} subscribers: all delivered and recorded in ${result.seconds} s (CPU ${result.cpu_s} s)`);
console.log(JSON.stringify(result));
process.exit(0);
