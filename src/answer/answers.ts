// The answering side of each knowledge version: the knowledge store publishes every version that goes live,
// and this builds its answer engine. knowledge/ knows nothing of answers. The engine of a version is built
// before the version goes live, in slices of a few milliseconds with the event loop served in between
// (src/slices.ts), so a reload of thousands of articles never holds a citizen's turn; the old engine answers
// until the new one is ready. Its word counts are kept by difference from the engine before (wordCounts.ts);
// they and the sentence index are saved with the version (DATA_DIR/kb.snapshot), so a start where nothing
// changed restores the engine without reading an article, and one where files changed counts only those.
import type { KnowledgeBase } from '../knowledge/kbBuilder.js';
import type { KnowledgeStore } from '../knowledge/knowledgeStore.js';
import { runInSlices } from '../slices.js';
import { AnswerEngine, type SavedEngine } from './answerEngine.js';
import { ENGINE_STAMP } from './engineStamp.js';

export class Answers {
  private current?: AnswerEngine;
  private next?: { kb: KnowledgeBase; engine: AnswerEngine };
  /** What the snapshot read at start held: the version it was saved with, and its engine's parts. */
  private restored?: { kb: KnowledgeBase; saved: SavedEngine };

  constructor(knowledge: Pick<KnowledgeStore, 'onVersion' | 'beforeLive' | 'keepInSnapshot'>) {
    knowledge.keepInSnapshot('answers', {
      stamp: ENGINE_STAMP,
      save: (kb) => (this.next?.kb === kb ? this.next.engine : this.current)?.saved(),
      restore: (kb, data) => (this.restored = { kb, saved: data as SavedEngine }),
    });
    knowledge.beforeLive(async (kb) => {
      const restored = this.restored;
      this.restored = undefined;
      const engine =
        // The same version (the start found every file unchanged): the same articles and entries, as objects too.
        restored?.kb.version === kb.version
          ? AnswerEngine.restore(kb, restored.saved)
          : await runInSlices(
              AnswerEngine.steps(kb, restored ? AnswerEngine.savedBasis(restored.kb, restored.saved) : this.current?.basis),
            );
      this.next = { kb, engine };
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
