// The satisfaction question: asked once, in the citizen's language and channel, when staff resolve a ticket
// or close a live chat — never twice for the same ticket or chat (the eTag update of its record decides),
// never outside Zalo's messaging window. The choice (1 … 5) and the optional comment that follows are kept
// on the ticket or chat record and counted for Thống kê. The question waits for its answer in a small record
// per conversation, read only when a message looks like a choice, so other messages cost nothing.
import type { ConversationReference, Storage, TurnContext } from 'botbuilder';
import { send } from '../replies/send.js';
import type { Message } from '../replies/commonTexts.js';
import { isSkip, readScore, satisfactionCommentThanks, satisfactionQuestion, satisfactionThanks } from '../features/satisfaction/texts.js';
import type { TurnMeta } from '../replies/turnOutcome.js';
import type { Language } from '../text/language.js';
import { vnTimestamp } from '../text/vnTime.js';
import type { Notice, Satisfaction } from '../ticket.js';
import type { Memory } from './conversationMemory.js';
import { reviewText } from './gapsLog.js';
import { handoffKey } from './handoffService.js';
import type { InboundTimes } from './messagingWindow.js';
import { hashId, KEY_PREFIX, readItem, updateItem } from './records.js';
import type { StatsRecorder } from './statsRecorder.js';
import { ticketKey } from './ticketStore.js';

/**
 * How a message for later reaches a citizen, and what became of it. Sent at once today; the outbox of
 * everything sent later takes this place when it comes.
 */
export type DeliverLater = (reference: Partial<ConversationReference>, message: Message, meta: TurnMeta) => Promise<Notice>;

type Kind = 'ticket' | 'chat';

/** What a ticket or a chat record offers the survey. */
interface Subject {
  channelId: string;
  conversationId: string;
  reference?: Partial<ConversationReference>;
  lang?: Language;
  satisfaction?: Satisfaction;
  /** A ticket: when it was filed (a message from the citizen). */
  createdAt?: string;
  /** A chat: its lines, the citizen's last one opening the messaging window. */
  transcript?: Array<{ from: string; at: string }>;
}

interface PendingSurvey {
  kind: Kind;
  id: string;
  about: string;
  askedAt: string;
}

const COMMENT_CHARS = 500;
const surveyKey = (channelId: string, conversationId: string): string => `${KEY_PREFIX}/surveys/${hashId(channelId, conversationId)}`;
const subjectKey = (kind: Kind, id: string): string => (kind === 'ticket' ? ticketKey(id) : handoffKey(id));
/** How the survey names what it was about, in Thống kê's comments. */
const aboutOf = (kind: Kind, id: string): string => (kind === 'ticket' ? `phiếu ${id}` : 'trò chuyện với nhân viên');

export class SatisfactionSurvey {
  constructor(
    private readonly storage: Storage,
    private readonly inbound: InboundTimes,
    private readonly deliver: DeliverLater,
    private readonly stats: StatsRecorder,
    private readonly now = () => new Date(),
  ) {}

  askAboutTicket(ref: string): Promise<void> {
    return this.ask('ticket', ref);
  }

  askAboutChat(id: string): Promise<void> {
    return this.ask('chat', id);
  }

  private async ask(kind: Kind, id: string): Promise<void> {
    const key = subjectKey(kind, id);
    if (!(await readItem<Subject>(this.storage, key))?.reference) return;
    const at = this.now();
    let mine = false;
    const subject = await updateItem<Subject>(this.storage, key, (current) => {
      mine = !current!.satisfaction;
      return mine ? { ...current!, satisfaction: { askedAt: vnTimestamp(at) } } : current!;
    });
    if (!mine) return;
    const lastCitizenLine = subject.transcript?.filter((line) => line.from === 'user').at(-1)?.at;
    const last = await this.inbound.last(subject.channelId, subject.conversationId, [subject.createdAt, lastCitizenLine]);
    let delivery: Notice;
    if (this.inbound.outside(subject.channelId, last, at)) {
      delivery = { status: 'skipped', at: vnTimestamp(at), reason: 'outside the channel messaging window' };
    } else {
      const pending: PendingSurvey = { kind, id, about: aboutOf(kind, id), askedAt: vnTimestamp(at) };
      await updateItem<PendingSurvey>(this.storage, surveyKey(subject.channelId, subject.conversationId), () => pending);
      delivery = await this.deliver(subject.reference!, satisfactionQuestion(subject.lang ?? 'vi', kind === 'ticket' ? id : undefined), {
        intent: 'satisfaction',
      });
    }
    await this.update(kind, id, (s) => ({ ...s, delivery }));
  }

  /**
   * The citizen's choice, or the comment that may follow it: recorded and thanked. False when the message
   * is neither (the bot answers it as usual).
   */
  async answer(context: TurnContext, text: string, memory: Memory, lang: Language): Promise<boolean> {
    const { channelId, conversation } = context.activity;
    const awaiting = memory.surveyComment;
    if (awaiting) {
      delete memory.surveyComment;
      const skipped = isSkip(text) || !text.trim();
      if (!skipped) await this.comment(channelId, awaiting, text);
      await send(context, satisfactionCommentThanks(lang, skipped), { intent: 'satisfaction' });
      return true;
    }
    const choice = readScore(text);
    if (!choice) return false;
    const key = surveyKey(channelId, conversation.id);
    const pending = await readItem<PendingSurvey>(this.storage, key);
    if (!pending) return false;
    await this.storage.delete([key]);
    await this.update(pending.kind, pending.id, (s) => ({ ...s, score: choice.score, answeredAt: vnTimestamp(this.now()) }));
    this.stats.satisfaction(channelId, choice.score);
    const waiting = { kind: pending.kind, id: pending.id, score: choice.score, about: pending.about };
    if (choice.comment) {
      await this.comment(channelId, waiting, choice.comment);
      await send(context, satisfactionCommentThanks(lang, false), { intent: 'satisfaction' });
    } else {
      memory.surveyComment = waiting;
      await send(context, satisfactionThanks(lang), { intent: 'satisfaction' });
    }
    return true;
  }

  private async comment(channelId: string, about: NonNullable<Memory['surveyComment']>, text: string): Promise<void> {
    const comment = text.normalize('NFC').trim().slice(0, COMMENT_CHARS);
    const at = vnTimestamp(this.now());
    await this.update(about.kind, about.id, (s) => ({ ...s, comment }));
    // Thống kê lists comments with phone numbers masked; the record keeps them as written (until RETENTION_DAYS).
    this.stats.satisfactionComment(channelId, { at, score: about.score, text: reviewText(comment), about: about.about });
  }

  private async update(kind: Kind, id: string, change: (s: Satisfaction) => Satisfaction): Promise<void> {
    await updateItem<Subject>(this.storage, subjectKey(kind, id), (current) => ({
      ...current!,
      satisfaction: change(current!.satisfaction ?? { askedAt: vnTimestamp(this.now()) }),
    }));
  }
}
