// `Idempotency-Key` for staff changes (a ticket's status, a chat reply, closing a chat): a request retried with
// the same key by the same staff member — the console resends after a lost response — is applied once and
// answered with the first answer (status and body, header `Idempotent-Replayed: true`). Answers are kept in
// storage (so any instance, and a restarted one, replays them) for KEEP_MS, at most PER_ACTOR per staff member
// (the oldest go first); a key reused for another route is refused with 422. Requests with the same key run
// one after another in this process; a 5xx answer is not kept (the change did not happen: a retry may apply it).
import type { Request, Response } from 'restify';
import type { Storage } from 'botbuilder';
import { sendError } from '../http/httpError.js';
import { hashId, KEY_PREFIX, readItem, updateItem } from '../services/records.js';

const HEADER = 'idempotency-key';
const KEY_PATTERN = /^[\x21-\x7e]{1,100}$/u;
export const KEEP_MS = 24 * 3600_000;
const PER_ACTOR = 500;

interface Kept {
  route: string;
  status: number;
  body: unknown;
  at: number;
}

interface ActorKeys {
  keys: Array<{ id: string; at: number }>;
}

const keptKey = (id: string): string => `${KEY_PREFIX}/idempotency/${id}`;
const actorKey = (actor: string): string => `${KEY_PREFIX}/idempotency/by/${hashId(actor)}`;

export class IdempotencyKeys {
  private readonly running = new Map<string, Promise<unknown>>();

  constructor(
    private readonly storage: Storage,
    private readonly now = () => Date.now(),
  ) {}

  /**
   * Runs `handler` once per (actor, Idempotency-Key); a retry gets the kept answer. Without the header, runs it.
   * Call after authentication (the key is the actor's own) and before any change.
   */
  async once(req: Request, res: Response, actor: string, handler: () => Promise<void>): Promise<void> {
    const raw = req.headers[HEADER];
    if (raw === undefined) return handler();
    if (typeof raw !== 'string' || !KEY_PATTERN.test(raw))
      return sendError(res, 400, 'Idempotency-Key: 1 to 100 printable ASCII characters.');
    const id = hashId(actor, raw);
    const previous = this.running.get(id) ?? Promise.resolve();
    const run = previous.then(() => this.serve(req, res, actor, id, handler));
    const settled = run.catch(() => undefined);
    this.running.set(id, settled);
    void settled.then(() => this.running.get(id) === settled && this.running.delete(id));
    return run;
  }

  private async serve(req: Request, res: Response, actor: string, id: string, handler: () => Promise<void>): Promise<void> {
    const route = `${req.method} ${req.path()}`;
    const kept = await readItem<Kept>(this.storage, keptKey(id));
    if (kept && this.now() - kept.at < KEEP_MS) {
      if (kept.route !== route) return sendError(res, 422, 'This Idempotency-Key was used for another request.');
      res.header('Idempotent-Replayed', 'true');
      res.send(kept.status, kept.body);
      return;
    }
    // The handler's answer, as it sends it (res.json and sendError both end in res.send).
    let answer: { status: number; body: unknown } | undefined;
    const send = res.send.bind(res);
    res.send = ((status: number, body: unknown, headers?: Record<string, string>) => {
      answer = { status, body };
      return send(status, body, headers);
    }) as Response['send'];
    try {
      await handler();
    } finally {
      res.send = send;
    }
    if (!answer || answer.status >= 500) return;
    await this.keep(actor, id, { route, ...answer, at: this.now() });
  }

  private async keep(actor: string, id: string, kept: Kept): Promise<void> {
    await updateItem<Kept>(this.storage, keptKey(id), () => kept);
    let dropped: string[] = [];
    await updateItem<ActorKeys>(this.storage, actorKey(actor), (current) => {
      const now = this.now();
      const keys = [...(current?.keys ?? []).filter((k) => k.id !== id), { id, at: now }];
      const live = keys.filter((k) => now - k.at < KEEP_MS).slice(-PER_ACTOR);
      dropped = keys.filter((k) => !live.includes(k)).map((k) => k.id);
      return { keys: live };
    });
    if (dropped.length) await this.storage.delete(dropped.map(keptKey));
  }
}
