// The root's one-turn answers from the knowledge base: a question (with 👍/👎 to rate the answer) and the
// rating of the last answer.
import type { TurnContext } from 'botbuilder';
import { ratingThanks } from '../src/features/answers/texts.js';
import { handoffOffer } from '../src/features/handoff/texts.js';
import { knowledgeReply } from '../src/replies/knowledgeReply.js';
import { replyLanguage } from '../src/replies/replyLanguage.js';
import { send } from '../src/replies/send.js';
import type { Answers } from '../src/answer/answers.js';
import type { CitizenServices } from '../src/services/citizenServices.js';
import { soundsAngry } from '../src/understanding/intents.js';

type AnswerServices = Pick<CitizenServices, 'handoff' | 'memory' | 'gaps' | 'stats'>;

/**
 * Answers from the knowledge base. After a second failure in a row, or to an angry citizen, offers more
 * help: a person when one can be reached now, otherwise the hotline and a ticket.
 */
export async function answerQuestion(context: TurnContext, text: string, knowledge: Answers, services: AnswerServices): Promise<void> {
  const lang = replyLanguage(context);
  let offerHandoff = soundsAngry(text);
  const { message, meta } = knowledgeReply(knowledge.engine, text, lang);
  // After a second failure in a row, more help is offered.
  if (meta.intent === 'fallback') offerHandoff ||= (await services.memory.get(context)).fallbacks > 0;
  await send(context, message, meta);
  if (offerHandoff) {
    const reachable = services.handoff.personReachable();
    await send(context, handoffOffer(lang, reachable), { intent: reachable ? 'handoffOffer' : 'helpOffer' });
  }
}

/** 👍/👎 on the last answer of this conversation, kept for the gaps report. */
export async function rateAnswer(context: TurnContext, rating: 'up' | 'down', services: AnswerServices): Promise<void> {
  const { memory, gaps, handoff, stats } = services;
  const state = await memory.get(context);
  if (state.lastAnswer) {
    await gaps.rate(state.lastAnswer.answerId, rating, state.lastAnswer.question);
    stats.rated(context.activity.channelId, rating, state.lastAnswer.question);
    if (rating === 'down') await gaps.recordGap(state.lastAnswer.question, 'disliked', 0, context.activity.channelId);
    // One rating per answer: a second tap is thanked but not counted.
    delete state.lastAnswer;
  }
  await send(context, ratingThanks(rating, replyLanguage(context), handoff.personReachable()), { intent: 'rating' });
}
