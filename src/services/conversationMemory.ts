// What the citizen services remember about a conversation, in its conversation state (saved with the
// turn, so it costs no extra storage call): the last lines for a handoff transcript, how many answers in
// a row failed, the last answer given (for 👍/👎) and the topic a follow-up is read with. It reads each turn's
// outcome for that, once the bot has answered, logs the questions answered with low confidence or not at all,
// and counts the turn for Thống kê.
import type { ConversationState, StatePropertyAccessor, TurnContext } from 'botbuilder';
import { turnOutcome } from '../replies/turnOutcome.js';
import type { GapsLog } from './gapsLog.js';
import type { StatsRecorder } from './statsRecorder.js';
import type { TranscriptLine } from './handoffService.js';
import { localTime, vnTimestamp } from '../text/vnTime.js';
import type { Topic } from '../understanding/followUp.js';
import { listedItems } from '../understanding/listPick.js';

export interface Memory {
  transcript: TranscriptLine[];
  /** Fallback answers in a row. */
  fallbacks: number;
  lastAnswer?: { answerId: string; question: string };
  /** The conversation's language: set by the last message written in one (see replies/replyLanguage.ts). */
  lang?: 'vi' | 'en';
  /** What the last answer was about, to read a follow-up with ("người đó là ai?", "thế còn EMS?"); see understanding/followUp.ts. */
  topic?: Topic;
  /** What the bot's last reply listed, for "cái thứ hai", "the third one" (see understanding/listPick.ts). */
  listed?: string[];
  /** The last question that found no answer, to read a follow-up to it with ("ông ấy làm chức gì?" after "no information"). */
  missed?: string;
  /** The local day this conversation was last counted in Thống kê (one conversation a day). */
  countedDay?: string;
  /** The satisfaction score just given: the next message is its optional comment. */
  surveyComment?: { kind: 'ticket' | 'chat'; id: string; score: number; about: string };
}

// The memory is read and written on every turn, so it is kept small: the citizen's words in full (up to
// 500 characters), the bot's replies by their opening (the rest is the knowledge base's text).
const TRANSCRIPT_LINES = 10;
const LINE_CHARS: Record<TranscriptLine['from'], number> = { user: 500, bot: 120, staff: 500 };

export class ConversationMemory {
  private readonly accessor: StatePropertyAccessor<Memory>;

  constructor(
    conversationState: ConversationState,
    private readonly gaps: GapsLog,
    private readonly stats: StatsRecorder,
  ) {
    this.accessor = conversationState.createProperty<Memory>('citizenMemory');
  }

  get(context: TurnContext): Promise<Memory> {
    return this.accessor.get(context, { transcript: [], fallbacks: 0 });
  }

  /** Before the bot answers: the citizen's message (a handoff started in this turn sends it to staff). */
  async noteMessage(context: TurnContext): Promise<void> {
    remember(await this.get(context), 'user', context.activity.text ?? '');
  }

  /** After the bot answered (before the state is saved): its replies and what they were. */
  async noteReplies(context: TurnContext): Promise<void> {
    const question = context.activity.text ?? '';
    const memory = await this.get(context);
    const { channelId } = context.activity;
    const today = localTime(new Date()).date;
    this.stats.message(channelId, memory.countedDay !== today);
    memory.countedDay = today;
    // What the turn listed last; a turn that lists nothing leaves nothing to pick from.
    delete memory.listed;
    for (const reply of turnOutcome(context)) {
      remember(memory, 'bot', reply.text);
      const items = reply.listed ?? listedItems(reply.text);
      if (items.length > 0) memory.listed = items;
      this.stats.reply(channelId, reply, question);
      switch (reply.intent) {
        case 'fallback':
          memory.fallbacks++;
          // An honest "not confirmed" is its own kind of gap (demand for facts the sources do not confirm).
          await this.gaps.recordGap(question, reply.unconfirmed ? 'unconfirmed' : 'fallback', reply.confidence ?? 0, channelId);
          break;
        case 'clarify':
          await this.gaps.recordGap(question, 'clarify', reply.confidence ?? 0, channelId);
          break;
        case 'answer':
        case 'article':
          memory.fallbacks = 0;
          if (reply.answerId) memory.lastAnswer = { answerId: reply.answerId, question };
          break;
        default:
          // Every other reply only joins the transcript.
          break;
      }
    }
  }
}

function remember(memory: Memory, from: TranscriptLine['from'], text: string): void {
  if (!text) return;
  memory.transcript.push({ from, text: text.slice(0, LINE_CHARS[from]), at: vnTimestamp(new Date()) });
  memory.transcript.splice(0, Math.max(0, memory.transcript.length - TRANSCRIPT_LINES));
}
