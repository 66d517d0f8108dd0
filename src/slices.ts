// Long builds (a knowledge version's search indexes and answer engine) written once as generators that yield
// between small pieces of work, then run either at once (tests, commands, a constructor) or in slices of a few
// milliseconds with the event loop served in between, so that a reload of thousands of articles never holds a
// citizen's turn or /healthz for longer than a slice.
import { setImmediate as nextTurn } from 'node:timers/promises';

/** A build that yields (nothing) wherever it may be paused, and returns what it built. */
export type Steps<T> = Generator<void, T, void>;

/** How often a loop over many small items offers a pause: every `every` items (a power of two). */
export function pauseAt(i: number, every = 1024): boolean {
  return (i & (every - 1)) === every - 1;
}

/** Runs the build to its end, now. */
export function runNow<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Runs the build in slices of about sliceMs, letting the event loop run between them. */
export async function runInSlices<T>(steps: Steps<T>, sliceMs = 8): Promise<T> {
  let sliceStart = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - sliceStart >= sliceMs) {
      await nextTurn();
      sliceStart = performance.now();
    }
  }
}
