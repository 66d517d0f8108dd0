// The answering side of each knowledge version: the knowledge store publishes every version that goes live,
// and this builds its answer engine. knowledge/ knows nothing of answers.
import type { KnowledgeStore } from '../knowledge/knowledgeStore.js';
import { AnswerEngine } from './answerEngine.js';

export class Answers {
  private current?: AnswerEngine;

  constructor(knowledge: Pick<KnowledgeStore, 'onVersion'>) {
    knowledge.onVersion(({ kb }) => {
      this.current = new AnswerEngine(kb);
    });
  }

  /** The engine of the version live now. Read it once per turn: a new version may replace it between turns. */
  get engine(): AnswerEngine {
    if (!this.current) throw new Error('no knowledge version is live yet');
    return this.current;
  }
}
