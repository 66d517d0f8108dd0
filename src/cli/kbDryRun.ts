// The dry run behind `kb:check --ask`: the real bot on a knowledge folder, asked over loopback HTTP as the
// Emulator asks it, so staff see the reply citizens would get before the change goes live. What the turn
// was (an answer, or a menu, a flow) is its outcome, told by the app.
import type { AddressInfo } from 'node:net';
import type { Activity } from 'botbuilder';
import type { AnswerEngine } from '../answer/answerEngine.js';
import { loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import type { TurnOutcome } from '../replies/turnOutcome.js';
import { createApp } from '../app.js';

export interface DryRunAnswer {
  question: string;
  /** Each reply's text, with its buttons on a last line. */
  replies: string[];
  /** The entry or article sentence the answer engine matched, as file:line, with its confidence. */
  source: string;
}

export async function askDryRun(knowledgeDir: string, dataDir: string, questions: string[]): Promise<DryRunAnswer[]> {
  // Only these settings: a developer's .env (credentials, Blob storage) must not change the dry run.
  const config = loadConfig({ DATA_DIR: dataDir, KNOWLEDGE_DIR: knowledgeDir, LOG_LEVEL: 'silent' });
  const app = await createApp(config, createLogger('silent'));
  const outcomes = new Map<string, TurnOutcome>();
  app.onTurnOutcome((incoming, outcome) => void outcomes.set(incoming.conversation?.id ?? '', outcome));
  try {
    const port = await new Promise<number>((resolve, reject) => {
      app.server.once('error', reject);
      app.server.listen(0, '127.0.0.1', () => resolve((app.server.address() as AddressInfo).port));
    });
    const answers: DryRunAnswer[] = [];
    for (const [index, question] of questions.entries()) {
      const response = await fetch(`http://127.0.0.1:${port}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'message',
          deliveryMode: 'expectReplies',
          channelId: 'emulator',
          serviceUrl: 'http://127.0.0.1:9/',
          conversation: { id: `kb-check-${index}` },
          from: { id: 'kb-check', role: 'user' },
          recipient: { id: 'bot', role: 'bot' },
          locale: 'vi-VN',
          text: question,
        }),
      });
      if (!response.ok) throw new Error(`the bot answered HTTP ${response.status}: ${await response.text()}`);
      const { activities = [] } = (await response.json()) as { activities?: Partial<Activity>[] };
      const replies = activities
        .filter((a) => a.type === 'message')
        .map((a) => {
          const buttons = (a.suggestedActions?.actions ?? []).map((b) => b.title).join(' · ');
          return [a.text ?? '', ...(buttons ? [`[${buttons}]`] : [])].join('\n');
        });
      const turn = outcomes.get(`kb-check-${index}`)?.[0];
      const source =
        turn?.intent && !MATCHED.has(turn.intent) ? `none: the bot's "${turn.intent}" reply` : describeMatch(app.answers.engine, question);
      answers.push({ question, replies, source });
    }
    return answers;
  } finally {
    await app.close();
  }
}

/** Turns answered from the best match of the knowledge base (the others: menus, news lists, flows). */
const MATCHED = new Set(['answer', 'clarify', 'fallback']);

function describeMatch(engine: AnswerEngine, question: string): string {
  const { band, best } = engine.lookup(question);
  if (!best) return 'no entry or article matches';
  const confidence = `confidence ${best.confidence.toFixed(2)}, ${band === 'answer' ? 'answered' : band === 'clarify' ? 'asks to clarify' : 'too low: fallback'}`;
  if (best.kind === 'entry') return `${best.entry.file}:${best.entry.line} (entry "${best.entry.id}", ${confidence})`;
  const lines = [...new Set(best.sentences.map((s) => s.line))].join(',');
  return `${best.article.file}:${lines} (“${best.article.title}”, ${confidence})`;
}
