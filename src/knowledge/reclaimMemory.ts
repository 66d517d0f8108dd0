// A version a reload puts live makes the one before it garbage — at 5,000 articles its search index alone is ~50 MB
// of typed arrays — but an idle service allocates too little for V8 to start a major collection by itself: RSS
// stayed ~70 MB higher for minutes after a reload (docs/benchmarks.md, "Fifth round"). vm.measureMemory with
// execution 'eager' is Node's documented way to start one now, and it marks incrementally (steps of about 1 ms,
// then a ~15 ms pause); gc() of --expose-gc would be one 67 ms pause, longer than a citizen's turn may wait.
// A collection already marking when the version was replaced, or a turn still holding it, keeps it: the
// collection is asked for again, a second apart, until the replaced version is gone (three times at most).
// What it measures is logged: the memory the version live now needs.
import { measureMemory } from 'node:vm';
import type { Logger } from '../logger.js';

const TRIES = 3;
const RETRY_MS = 1000;

export function reclaimMemory(log: Logger, version: string, replaced: object): void {
  const old = new WeakRef(replaced);
  const collect = (left: number): void => {
    measureMemory({ mode: 'summary', execution: 'eager' }).then(
      ({ total }) => {
        const kept = old.deref() !== undefined;
        if (kept && left > 1) setTimeout(() => collect(left - 1), RETRY_MS).unref();
        else log.info({ version, heapMb: Math.round(total.jsMemoryEstimate / 1e6), reclaimed: !kept }, 'memory after the knowledge version went live');
      },
      (error: unknown) => log.warn({ err: error }, 'memory measure failed'),
    );
  };
  collect(TRIES);
}
