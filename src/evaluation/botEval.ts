// Asks the bot its own question set (tests/eval/questions.json) through /api/messages, one new
// conversation per question, and scores each reply against what the question expects.
import { readFileSync } from 'node:fs';

export interface EvalQuestion {
  category: string;
  question: string;
  expect: { answerId?: string; intent?: string; contains?: string };
}

export interface EvalResult extends EvalQuestion {
  ok: boolean;
  got: { intent?: string; answerId?: string; confidence?: number; text: string };
}

interface Reply {
  text?: string;
  channelData?: { hotline?: { intent?: string; answerId?: string; confidence?: number } };
}

export function loadQuestions(file: string): EvalQuestion[] {
  return (JSON.parse(readFileSync(file, 'utf8')) as { questions: EvalQuestion[] }).questions;
}

async function askOnce(url: string, conversationId: string, text: string): Promise<Reply[]> {
  const response = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'message',
      deliveryMode: 'expectReplies',
      id: '1',
      channelId: 'emulator',
      serviceUrl: 'http://127.0.0.1:9/',
      conversation: { id: conversationId },
      from: { id: `eval-${conversationId}`, role: 'user' },
      recipient: { id: 'bot', role: 'bot' },
      locale: 'vi-VN',
      text,
    }),
  });
  if (!response.ok) throw new Error(`/api/messages answered ${response.status}`);
  return ((await response.json()) as { activities?: Reply[] }).activities ?? [];
}

export async function evaluateBot(url: string, questions: EvalQuestion[]): Promise<EvalResult[]> {
  const results: EvalResult[] = [];
  for (const [index, q] of questions.entries()) {
    const replies = await askOnce(url, `eval-${index}`, q.question);
    const hotline = replies.find((r) => r.channelData?.hotline)?.channelData?.hotline ?? {};
    const text = replies.map((r) => r.text ?? '').join('\n');
    const ok =
      (q.expect.answerId === undefined || hotline.answerId === q.expect.answerId) &&
      (q.expect.intent === undefined || hotline.intent === q.expect.intent) &&
      (q.expect.contains === undefined || text.includes(q.expect.contains));
    results.push({ ...q, ok, got: { ...hotline, text } });
  }
  return results;
}

/** Share answered correctly per category, as printable lines, then the total. */
export function summarize(results: EvalResult[]): { lines: string[]; share: number } {
  const categories = [...new Set(results.map((r) => r.category))];
  const pct = (part: EvalResult[]): string => `${((100 * part.filter((r) => r.ok).length) / part.length).toFixed(1)}%`;
  const lines = categories.map((c) => {
    const inCategory = results.filter((r) => r.category === c);
    return `${c.padEnd(16)} ${String(inCategory.filter((r) => r.ok).length).padStart(3)}/${String(inCategory.length).padEnd(3)} ${pct(inCategory)}`;
  });
  lines.push(`${'total'.padEnd(16)} ${String(results.filter((r) => r.ok).length).padStart(3)}/${String(results.length).padEnd(3)} ${pct(results)}`);
  return { lines, share: results.filter((r) => r.ok).length / results.length };
}
