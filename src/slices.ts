// Long builds (a knowledge version's search indexes and answer engine) written once as generators that yield
// between small pieces of work, then run either at once (tests, commands, a constructor) or in slices of a few
// milliseconds with the event loop served in between, so that a reload of thousands of articles never holds a
// citizen's turn or /healthz for longer than a slice. A build asks sliceDue() between pieces and yields when its
// slice is used up: the pause follows the time spent, not a count of items, so a slow item or a slow machine
// does not stretch a slice.
import { setImmediate as nextTurn } from 'node:timers/promises';

/** A build that yields (nothing) wherever it may be paused, and returns what it built. */
export type Steps<T> = Generator<void, T, void>;

/** When the slice running now ends (performance.now()); never while a build runs at once. */
let sliceEnd = Infinity;

/** Whether the slice running now is used up: the build should yield. Cheap enough to ask for every item. */
export function sliceDue(): boolean {
  return performance.now() >= sliceEnd;
}

/** Runs the build to its end, now. */
export function runNow<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * Runs the build in slices of about sliceMs, letting the event loop run between them. A citizen's turn waits for
 * up to one slice at each of its asynchronous steps: 6 ms kept every turn under 100 ms during a reload of 5,000
 * articles with edit → live under 2 s; 8 ms let turns reach 120 ms, 4 ms stretched edit → live past 2 s
 * (docs/benchmarks.md, "Fourth round").
 */
export async function runInSlices<T>(steps: Steps<T>, sliceMs = 6): Promise<T> {
  for (;;) {
    sliceEnd = performance.now() + sliceMs;
    let step: IteratorResult<void, T>;
    try {
      step = steps.next();
    } finally {
      // Only the build being stepped sees the deadline (a build run at once meanwhile never yields).
      sliceEnd = Infinity;
    }
    if (step.done) return step.value;
    await nextTurn();
  }
}
