// Asking the satisfaction question: queued through the outbox in the same write as the change that prompts
// it (a ticket resolved, a live chat closed by staff), so a crash between the change and the send never
// loses it and the record's `satisfaction` mark means it is asked once per ticket or chat. The outbox sends
// it in the citizen's channel, never outside Zalo's messaging window. Which question a conversation's next
// "1" … "5" answers is noted beforehand (satisfaction.ts reads it, and takes an answer only to a question
// its record says was asked and not refused by the channel). Its words come from the satisfaction feature,
// handed in by the composition root.
import type { ConversationReference, Storage } from 'botbuilder';
import type { Message } from '../replies/commonTexts.js';
import type { Language } from '../text/language.js';
import type { Satisfaction } from '../ticket.js';
import type { Enqueue } from './outbox.js';
import { hashId, KEY_PREFIX, updateItem } from './records.js';

export type SurveyKind = 'ticket' | 'chat';

/** The question, in the citizen's language; `ref` names the ticket it is about. */
export type SurveyQuestion = (lang: Language, ref?: string) => Message;

/** The question a conversation's next choice answers. */
export interface PendingSurvey {
  kind: SurveyKind;
  id: string;
  /** How Thống kê's comments name what it was about. */
  about: string;
  askedAt: string;
}

export const surveyKey = (channelId: string, conversationId: string): string =>
  `${KEY_PREFIX}/surveys/${hashId(channelId, conversationId)}`;

const aboutOf = (kind: SurveyKind, id: string): string => (kind === 'ticket' ? `phiếu ${id}` : 'trò chuyện với nhân viên');

/**
 * Notes, before the change that asks, which question the conversation's next choice answers: written first,
 * a note whose change never happened is ignored (its record has no question), a question without its note
 * could not be answered.
 */
export async function awaitAnswer(
  storage: Storage,
  channelId: string,
  conversationId: string,
  kind: SurveyKind,
  id: string,
  askedAt: string,
): Promise<void> {
  const pending: PendingSurvey = { kind, id, about: aboutOf(kind, id), askedAt };
  await updateItem<PendingSurvey>(storage, surveyKey(channelId, conversationId), () => pending);
}

/**
 * Inside the change that asks: queues the question for the conversation `subject` came from; returns the
 * mark to store on the record. `knownInbound`: when the citizen last wrote, as the record knows it.
 */
export function askSatisfaction(
  kind: SurveyKind,
  id: string,
  subject: { reference?: Partial<ConversationReference>; lang?: Language },
  knownInbound: string[],
  enqueue: Enqueue,
  at: string,
  question: SurveyQuestion,
): Satisfaction {
  const lang = subject.lang ?? 'vi';
  const queued = enqueue({
    ...question(lang, kind === 'ticket' ? id : undefined),
    reference: subject.reference!,
    meta: { intent: 'satisfaction', lang },
    knownInbound,
  });
  return { askedAt: at, questionId: queued.id };
}
