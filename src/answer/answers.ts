// The answering side of each knowledge version: the knowledge store publishes every version that goes live,
// and this builds its answer engine. knowledge/ knows nothing of answers. The engine of a version is built
// before the version goes live, in slices of a few milliseconds with the event loop served in between
// (src/slices.ts), so a reload of thousands of articles never holds a citizen's turn; the old engine answers
// until the new one is ready.
import type { KnowledgeBase } from '../knowledge/kbBuilder.js';
import type { KnowledgeStore } from '../knowledge/knowledgeStore.js';
import { runInSlices } from '../slices.js';
import { AnswerEngine } from './answerEngine.js';

export class Answers {
  private current?: AnswerEngine;
  private next?: { kb: KnowledgeBase; engine: AnswerEngine };

  constructor(knowledge: Pick<KnowledgeStore, 'onVersion' | 'beforeLive'>) {
    knowledge.beforeLive(async (kb) => {
      this.next = { kb, engine: await runInSlices(AnswerEngine.steps(kb)) };
    });
    knowledge.onVersion(({ kb }) => {
      this.current = this.next?.kb === kb ? this.next.engine : new AnswerEngine(kb);
      this.next = undefined;
    });
  }

  /** The engine of the version live now. Read it once per turn: a new version may replace it between turns. */
  get engine(): AnswerEngine {
    if (!this.current) throw new Error('no knowledge version is live yet');
    return this.current;
  }
}
