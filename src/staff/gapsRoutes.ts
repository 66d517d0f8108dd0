// Unanswered questions into knowledge, for the console (same credentials as the ticket API, 401 without):
//   GET  /api/admin/gaps[?since=YYYY-MM-DD]     questions answered with a fallback, a clarification, an honest
//                                               "not confirmed" or rated 👎, grouped as kb:gaps groups them
//                                               (those dealt with left out), the 👎 answers, the history of
//                                               changes, and whether the knowledge folder can be written
//   GET  /api/admin/knowledge/entries?q=…       entries to add a question to, best match first
//   POST /api/admin/gaps/decisions              {"questions": [...], "action": "addToEntry", "entryId"}
//                                               | {"questions", "action": "newEntry", "entry": {title, answerVi,
//                                               answerEn?, sourceTitle, sourceUrl?}} | {"questions", "action": "outOfScope"}
// A change is written to knowledge/entries/*.json only when the whole file passes the checks of a hand edit
// (400 with the problems by field otherwise), goes live at once, and the answer shows the bot's reply now to
// each question. With the folder read-only: 409 with the file's new content to download.
import { characterCount, clipCharacters } from '../text/characters.js';
import { constants as fsConstants, promises as fs } from 'node:fs';
import path from 'node:path';
import type { Server } from 'restify';
import type { Answers } from '../answer/answers.js';
import { sendError } from '../http/httpError.js';
import { EntryEditor, type EditResult } from '../knowledge/entryEditor.js';
import type { KnowledgeStore } from '../knowledge/knowledgeStore.js';
import type { Logger } from '../logger.js';
import { knowledgeReply } from '../features/answers/knowledgeReply.js';
import { GapDecisions, type GapAction } from '../services/gapDecisions.js';
import { contentWords, buildGapsReport } from '../services/gapsReport.js';
import type { GapsLog } from '../services/gapsLog.js';
import { parseSince } from './ticketExport.js';
import type { Storage } from 'botbuilder';
import { localTime } from '../text/vnTime.js';
import { objectBody } from './adminRoutes.js';
import { authorize, type StaffAuth } from './staffAuth.js';

const MAX_QUESTIONS = 50;
const MAX_TEXT = 300;
const MAX_FIELD = 2000;
const ENTRIES_SHOWN = 10;
const CHANGES_SHOWN = 50;
/** How long a change may take to go live before the answer says so (the watcher checks every few seconds). */
const LIVE_WITHIN_MS = 5000;

export interface GapsRoutesDeps {
  server: Server;
  storage: Storage;
  knowledge: KnowledgeStore;
  answers: Answers;
  gaps: GapsLog;
  auth: StaffAuth;
  log: Logger;
}

const strings = (value: unknown, max: number, limit: number): string[] | undefined =>
  Array.isArray(value) &&
  value.length > 0 &&
  value.length <= max &&
  value.every((v) => typeof v === 'string' && v.trim() && characterCount(v) <= limit)
    ? (value as string[])
    : undefined;
const DRAFT_FIELDS = ['title', 'answerVi', 'answerEn', 'sourceTitle', 'sourceUrl'];
const optional = (value: unknown): string | undefined =>
  typeof value === 'string' && characterCount(value) <= MAX_FIELD ? value : undefined;

export function registerGapsRoutes({ server, storage, knowledge, answers, gaps, auth, log }: GapsRoutesDeps): void {
  const decisions = new GapDecisions(storage);
  const editor = new EntryEditor(knowledge.dir, () => localTime(new Date()).date);
  const writable = () =>
    fs.access(path.join(knowledge.dir, 'entries'), fsConstants.W_OK).then(
      () => true,
      () => false,
    );

  server.get('/api/admin/gaps', async (req, res) => {
    if (!(await authorize(auth, req, res))) return;
    const raw = (req.query as Record<string, string | undefined> | undefined)?.since;
    const since = parseSince(raw);
    if (raw !== undefined && !since) return sendError(res, 400, 'Use since=YYYY-MM-DD.');
    const { engine } = answers;
    const titleOf = (id: string): string | undefined => engine.entry(id)?.title ?? engine.kb.articles.find((a) => a.id === id)?.title;
    const decided = await decisions.decided();
    const open = (await gaps.gaps(since)).filter((entry) => !decided(entry.text));
    res.header('cache-control', 'no-store');
    res.json(200, {
      ...buildGapsReport(open, await gaps.ratings(), titleOf, since),
      changes: (await decisions.changes()).slice(0, CHANGES_SHOWN),
      writable: await writable(),
    });
  });

  server.get('/api/admin/knowledge/entries', async (req, res) => {
    if (!(await authorize(auth, req, res))) return;
    const q = clipCharacters(String((req.query as Record<string, unknown> | undefined)?.q ?? ''), MAX_TEXT);
    const words = contentWords(q);
    const scored = answers.engine.kb.entries
      .map((entry) => {
        const own = contentWords([entry.title ?? '', entry.id.replace(/-/gu, ' '), ...entry.questions.vi].join(' '));
        return { entry, score: [...words].filter((w) => own.has(w)).length };
      })
      .filter((s) => !words.size || s.score > 0)
      .sort((a, b) => b.score - a.score || a.entry.id.localeCompare(b.entry.id))
      .slice(0, ENTRIES_SHOWN);
    res.header('cache-control', 'no-store');
    res.json(200, {
      entries: scored.map(({ entry }) => ({
        id: entry.id,
        title: entry.title,
        file: entry.file,
        questions: entry.questions.vi.slice(0, 3),
      })),
    });
  });

  server.post('/api/admin/gaps/decisions', async (req, res) => {
    const actor = await authorize(auth, req, res);
    if (!actor) return;
    const body = objectBody(req);
    const questions = strings(body?.questions, MAX_QUESTIONS, MAX_TEXT);
    const action = body?.action as GapAction | undefined;
    if (!questions || !['addToEntry', 'newEntry', 'outOfScope'].includes(action ?? ''))
      return sendError(
        res,
        400,
        `Send JSON {"questions": [1 to ${MAX_QUESTIONS} texts], "action": "addToEntry" | "newEntry" | "outOfScope", …}.`,
      );
    if (action === 'outOfScope') {
      const change = await decisions.record({ by: actor, action, questions });
      log.info({ by: actor, action, questions: questions.length }, 'unanswered questions marked out of scope');
      res.json(200, { status: 'decided', change });
      return;
    }
    const { kb } = knowledge;
    let result: EditResult;
    if (action === 'addToEntry') {
      const entry = typeof body!.entryId === 'string' ? kb.entries.find((e) => e.id === body!.entryId) : undefined;
      if (!entry) return sendError(res, 400, 'Choose an existing entry: "entryId".');
      result = await editor.addQuestions(entry, questions, kb.entries);
    } else {
      const draft = body!.entry as Record<string, unknown> | undefined;
      const value = (name: string): string | undefined => (draft?.[name] === undefined ? '' : optional(draft[name]));
      const [title, answerVi, answerEn, sourceTitle, sourceUrl] = DRAFT_FIELDS.map(value);
      if (typeof draft !== 'object' || draft === null || [title, answerVi, answerEn, sourceTitle, sourceUrl].includes(undefined))
        return sendError(
          res,
          400,
          `Send "entry": {"title", "answerVi", "answerEn"?, "sourceTitle", "sourceUrl"?} (texts up to ${MAX_FIELD} characters).`,
        );
      result = await editor.addEntry(
        { title: title!, questions, answerVi: answerVi!, answerEn, sourceTitle: sourceTitle!, sourceUrl },
        kb.entries,
      );
    }
    res.header('cache-control', 'no-store');
    if (result.status === 'invalid') {
      res.json(400, result);
      return;
    }
    if (result.status === 'readOnly') {
      log.warn({ file: result.file, reason: result.reason }, 'knowledge folder read-only: the change is offered for download');
      res.json(409, result);
      return;
    }
    const change = await decisions.record({ by: actor, action: action!, questions, file: result.file, entryId: result.entryId });
    log.info(
      { by: actor, action, file: result.file, entry: result.entryId, questions: questions.length },
      'knowledge changed from the console',
    );
    const live = await goLive(result.entryId, questions[0]!);
    const { engine } = answers;
    res.json(200, {
      ...result,
      change,
      live,
      replies: questions.map((question) => {
        const { message, meta } = knowledgeReply(engine, question, 'vi');
        return { question, text: message.text, intent: meta.intent, answerId: meta.answerId };
      }),
    });
  });

  /** Puts the change live now (the watcher would within seconds); true once the entry holds the question. */
  async function goLive(entryId: string, question: string): Promise<boolean> {
    const holds = () =>
      answers.engine
        .entry(entryId)
        ?.questions.vi.some((q) => q.normalize('NFC').trim() === question.normalize('NFC').replace(/\s+/gu, ' ').trim()) === true;
    for (const started = Date.now(); Date.now() - started < LIVE_WITHIN_MS;) {
      await knowledge.reloadIfChanged();
      if (holds()) return true;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return holds();
  }
}
