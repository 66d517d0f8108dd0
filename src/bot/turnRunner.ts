// The one place every channel runs a conversation's turns (/api/messages, the local Direct Line, the Zalo
// webhooks and polling), and proactive sends too: a conversation's turns run one at a time, in the order they arrived, and every
// turn, waiting or running, is tracked so that shutdown waits for it.
//
// Which conversation's turn starts next. Node starts the requests read in one event-loop turn in the order
// epoll reports their sockets, and a socket whose request came in just after a poll is reported at the end
// of the next one: under saturation that request waits through a whole extra round of every other turn.
// With 50 conversations each waiting for its answer before the next message, a bare Node server's p99 was
// twice its median for that reason alone (docs/operations.md, Load benchmark). Here the waiting turns start
// one after another, the one that has waited longest first: since its connection was last answered, for a
// route whose answer waits for the turn; since it arrived, for a turn without one (a webhook already
// answered, a polled update).

/** How many turns in line are compared for the longest wait; far more than a busy instance has. */
const FAIRNESS_WINDOW = 256;

interface Job {
  /** Since when this turn has waited (0: a new connection, waiting since it was accepted). */
  since: number;
  conversation: string;
  start: () => void;
}

/** How the runner names a conversation across channels: its channel and its id. */
export function conversationKey(channelId: string | undefined, conversationId: string | undefined): string {
  return `${channelId ?? ''}/${conversationId ?? ''}`;
}

/** Keeps work running until it has finished, for shutdown (the app's `track`). */
export type Track = <T>(work: Promise<T>) => Promise<T>;

export class TurnRunner {
  private readonly waiting: Job[] = [];
  private readonly lastAnswered = new WeakMap<object, number>();
  /** Conversations with a turn under way. */
  private readonly busy = new Set<string>();
  /** The turn started last, while it has neither ended nor waited for I/O. */
  private current?: Job;
  private scheduled = false;

  constructor(private readonly track: Track = (work) => work) {}

  /**
   * Runs `turn` when its turn comes; resolves or rejects with it. `conversation` names the conversation
   * across channels (channel and conversation id); `connection` is the HTTP connection whose answer waits
   * for the turn, if any.
   */
  run(conversation: string, turn: () => Promise<void>, connection?: object): Promise<void> {
    return this.track(this.inTurn(conversation, turn, connection));
  }

  private async inTurn(conversation: string, turn: () => Promise<void>, connection: object | undefined): Promise<void> {
    await new Promise<void>((started) => {
      const since = connection ? (this.lastAnswered.get(connection) ?? 0) : performance.now();
      const waiting: Job = { since, conversation, start: started };
      this.waiting.push(waiting);
      // Choose once every request of this event-loop turn has been read.
      if (!this.current && !this.scheduled) {
        this.scheduled = true;
        setImmediate(() => {
          this.scheduled = false;
          if (!this.current) this.startNext();
        });
      }
    });
    try {
      await turn();
    } finally {
      if (connection) this.lastAnswered.set(connection, performance.now());
      this.busy.delete(conversation);
      // The next starts now, whichever turn started last: turns that wait for the journal's flush end together
      // in its callback, and were they to make room only for one start per event-loop turn, the rest of the
      // line would wait behind that many event-loop turns (docs/operations.md, Where a turn's time goes).
      this.startNext();
    }
  }

  private startNext(): void {
    const next = this.take();
    this.current = next;
    if (!next) return;
    this.busy.add(next.conversation);
    next.start();
    // A turn waiting for I/O (Blob storage, a webhook) does not hold up the others: they go on in the
    // next event-loop turn. A turn that only computes ends first, and the next one starts straight after.
    setImmediate(() => {
      if (this.current === next) this.startNext();
    });
  }

  /**
   * The job that has waited longest, among conversations with no turn under way or earlier in line.
   * Only the first FAIRNESS_WINDOW in line are looked at, so that a flood of requests costs each pick a
   * bounded scan; behind them the line is first come, first served. If every turn in the window must wait
   * (a flood of one conversation), the line waits with them.
   */
  private take(): Job | undefined {
    const window = Math.min(this.waiting.length, FAIRNESS_WINDOW);
    let best = -1;
    // The conversation check only for a turn that would be chosen: it rarely fails, and walks the line ahead.
    for (let i = 0; i < window; i++) if ((best < 0 || this.waiting[i]!.since < this.waiting[best]!.since) && this.mayStart(i)) best = i;
    return best < 0 ? undefined : this.waiting.splice(best, 1)[0];
  }

  private mayStart(index: number): boolean {
    const { conversation } = this.waiting[index]!;
    if (this.busy.has(conversation)) return false;
    for (let i = 0; i < index; i++) if (this.waiting[i]!.conversation === conversation) return false;
    return true;
  }
}
