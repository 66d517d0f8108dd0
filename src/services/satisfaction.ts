// The answer to the satisfaction question (asked once through the outbox when staff resolve a ticket or close
// a live chat: satisfactionQuestion.ts). The choice (1 … 5) and the optional comment that follows are kept on
// the ticket or chat record and counted for Thống kê. Which question a conversation answers is noted in a
// small record per conversation, read only when a message looks like a choice, so other messages cost
// nothing; a choice counts only for a question its record says went out (not one the channel refused).
// Reading the citizen's message and thanking them is the satisfaction feature's part.
import type { Storage } from 'botbuilder';
import { clipCharacters } from '../text/characters.js';
import { vnTimestamp } from '../text/vnTime.js';
import type { Satisfaction } from '../ticket.js';
import type { Memory } from './conversationMemory.js';
import { reviewText } from './gapsLog.js';
import { handoffKey } from './handoffService.js';
import type { WithOutbox } from './outboxMessage.js';
import { readItem, updateItem } from './records.js';
import { surveyKey, type PendingSurvey, type SurveyKind } from './satisfactionQuestion.js';
import type { StatsRecorder } from './statsRecorder.js';
import { ticketKey } from './ticketStore.js';

/** A choice recorded: what the comment that may follow is about. */
export type AnsweredSurvey = NonNullable<Memory['surveyComment']>;

/** What a ticket or a chat record offers the survey. */
interface Subject extends WithOutbox {
  satisfaction?: Satisfaction;
}

const COMMENT_CHARS = 500;
const subjectKey = (kind: SurveyKind, id: string): string => (kind === 'ticket' ? ticketKey(id) : handoffKey(id));
/** A question the citizen may have seen: sent, or being sent (a message pruned from the record was final long ago). */
const ANSWERABLE = new Set<string | undefined>(['delivered', 'sending', undefined]);

export class SatisfactionSurvey {
  constructor(
    private readonly storage: Storage,
    private readonly stats: StatsRecorder,
    private readonly now = () => new Date(),
  ) {}

  /**
   * Records a choice (1 … 5) for the question the conversation awaits; what a comment would be about, or
   * undefined when it awaits no answer (the message is not an answer).
   */
  async choose(channelId: string, conversationId: string, score: number): Promise<AnsweredSurvey | undefined> {
    const key = surveyKey(channelId, conversationId);
    const pending = await readItem<PendingSurvey>(this.storage, key);
    if (!pending || !(await this.awaits(pending))) return undefined;
    await this.storage.delete([key]);
    await this.update(pending.kind, pending.id, (s) => ({ ...s, score, answeredAt: vnTimestamp(this.now()) }));
    this.stats.satisfaction(channelId, score);
    return { kind: pending.kind, id: pending.id, score, about: pending.about };
  }

  /** Whether the pending question was asked, reached the citizen (or may have), and is not answered yet. */
  private async awaits({ kind, id }: PendingSurvey): Promise<boolean> {
    const subject = await readItem<Subject>(this.storage, subjectKey(kind, id));
    const asked = subject?.satisfaction;
    if (!asked || asked.score !== undefined) return false;
    const question = subject.outbox?.find((m) => m.id === asked.questionId);
    return ANSWERABLE.has(question?.state);
  }

  /** Keeps the comment that follows a choice. */
  async comment(channelId: string, about: AnsweredSurvey, text: string): Promise<void> {
    const comment = clipCharacters(text.normalize('NFC').trim(), COMMENT_CHARS);
    const at = vnTimestamp(this.now());
    await this.update(about.kind, about.id, (s) => ({ ...s, comment }));
    // Thống kê lists comments with phone numbers masked; the record keeps them as written (until RETENTION_DAYS).
    this.stats.satisfactionComment(channelId, { at, score: about.score, text: reviewText(comment), about: about.about });
  }

  private async update(kind: SurveyKind, id: string, change: (s: Satisfaction) => Satisfaction): Promise<void> {
    await updateItem<Subject>(this.storage, subjectKey(kind, id), (current) => ({
      ...current!,
      satisfaction: change(current!.satisfaction ?? { askedAt: vnTimestamp(this.now()) }),
    }));
  }
}
