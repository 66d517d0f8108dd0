// Group commit, shared by the state journal and the ticket record file: writes made while one fdatasync runs
// wait together for the next one, so many concurrent writes cost one flush instead of one each.
import { fdatasync } from 'node:fs';

/** One fdatasync of a descriptor, as a promise. */
export function syncData(fd: number): Promise<void> {
  return new Promise<void>((resolve, reject) => fdatasync(fd, (error) => (error ? reject(error) : resolve())));
}

export class GroupCommit {
  /** The one flush running now, and the writes waiting for the next one. */
  private flushing?: Promise<void>;
  private waiting?: { promise: Promise<void>; resolve: () => void; reject: (error: Error) => void };

  /** `sync` makes every write made before it was called durable. */
  constructor(private readonly sync: () => Promise<void>) {}

  /** Resolves once every write made so far is on disk: joins the next flush, which starts when the running one ends. */
  durable(): Promise<void> {
    if (this.waiting) return this.waiting.promise;
    let resolve!: () => void;
    let reject!: (error: Error) => void;
    const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
    this.waiting = { promise, resolve, reject };
    if (!this.flushing) this.flush();
    return promise;
  }

  /** Waits until no flush runs and none waits (rejects as the flush awaited does). */
  async settled(): Promise<void> {
    while (this.flushing || this.waiting) await (this.waiting?.promise ?? this.flushing);
  }

  private flush(): void {
    const batch = this.waiting!;
    this.waiting = undefined;
    this.flushing = this.sync()
      .then(
        () => batch.resolve(),
        (error: Error) => batch.reject(error),
      )
      .finally(() => {
        this.flushing = undefined;
        if (this.waiting) this.flush();
      });
  }
}
