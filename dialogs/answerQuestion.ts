// The root's one-turn answers from the knowledge base: a question (with 👍/👎 to rate the answer) and the
// rating of the last answer.
import type { TurnContext } from 'botbuilder';
import { articleLeadMessage, clarifyMessage, ratingActions, ratingThanks, fallbackMessage } from '../src/features/answers/texts.js';
import { handoffOffer } from '../src/features/handoff/texts.js';
import type { Message } from '../src/replies/commonTexts.js';
import { replyLanguage } from '../src/replies/replyLanguage.js';
import { send } from '../src/replies/send.js';
import { answerMessage, relatedMessage } from '../src/features/answers/answerTexts.js';
import type { Language } from '../src/text/language.js';
import type { Answers } from '../src/answer/answers.js';
import type { CitizenServices } from '../src/services/citizenServices.js';
import { soundsAngry } from '../src/understanding/intents.js';

type AnswerServices = Pick<CitizenServices, 'handoff' | 'memory' | 'gaps'>;

/**
 * Answers from the knowledge base. After a second failure in a row, or to an angry citizen, offers more
 * help: a person when one can be reached now, otherwise the hotline and a ticket.
 */
export async function answerQuestion(context: TurnContext, text: string, knowledge: Answers, services: AnswerServices): Promise<void> {
  const lang = replyLanguage(context);
  const engine = knowledge.engine;
  let offerHandoff = soundsAngry(text);
  const article = engine.articleByTitle(text);
  if (article) {
    await send(context, rateable(articleLeadMessage(article, lang), lang), { intent: 'article', answerId: article.id, confidence: 1 });
  } else {
    const lookup = engine.lookup(text);
    const { best } = lookup;
    if (lookup.band === 'answer' && best?.kind === 'entry' && best.entry.unconfirmed) {
      // An entry kept to say that a fact is not confirmed ("chưa có bảng cước đã được xác nhận"): an honest
      // fallback with the hotline, counted and logged as one, never rated as an answer.
      await send(
        context,
        answerMessage(best, lang, (id) => engine.entry(id)),
        {
          intent: 'fallback',
          answerId: best.entry.id,
          confidence: best.confidence,
        },
      );
    } else if (lookup.band === 'answer' && best) {
      const answerId = best.kind === 'entry' ? best.entry.id : best.article.id;
      await send(
        context,
        rateable(
          answerMessage(best, lang, (id) => engine.entry(id)),
          lang,
        ),
        { intent: 'answer', answerId, confidence: best.confidence },
      );
    } else if (lookup.band === 'clarify' && lookup.suggestions.length > 0) {
      await send(context, clarifyMessage(lookup, lang), { intent: 'clarify', confidence: best?.confidence });
    } else {
      offerHandoff ||= (await services.memory.get(context)).fallbacks > 0;
      // An honest fallback: it names the neighbouring fact the sources hold, if any, as not the one asked.
      await send(context, lookup.related ? relatedMessage(lookup.related, lang) : fallbackMessage(lang), {
        intent: 'fallback',
        confidence: best?.confidence ?? 0,
      });
    }
  }
  if (offerHandoff) {
    const reachable = services.handoff.personReachable();
    await send(context, handoffOffer(lang, reachable), { intent: reachable ? 'handoffOffer' : 'helpOffer' });
  }
}

/** 👍/👎 on the last answer of this conversation, kept for the gaps report. */
export async function rateAnswer(context: TurnContext, rating: 'up' | 'down', services: AnswerServices): Promise<void> {
  const { memory, gaps, handoff } = services;
  const state = await memory.get(context);
  if (state.lastAnswer) {
    await gaps.rate(state.lastAnswer.answerId, rating, state.lastAnswer.question);
    // One rating per answer: a second tap is thanked but not counted.
    delete state.lastAnswer;
  }
  await send(context, ratingThanks(rating, replyLanguage(context), handoff.personReachable()), { intent: 'rating' });
}

function rateable(message: Message, lang: Language): Message {
  return { ...message, actions: [...message.actions, ...ratingActions(lang)] };
}
