// The root's one-turn answers from the knowledge base: a question (with 👍/👎 to rate the answer) and the
// rating of the last answer.
import type { TurnContext } from 'botbuilder';
import { articleLeadMessage, clarifyMessage, ratingActions, ratingThanks, fallbackMessage } from './texts.js';
import { handoffOffer } from '../handoff/texts.js';
import type { Message } from '../../replies/commonTexts.js';
import { replyLanguage } from '../../replies/replyLanguage.js';
import { send } from '../../replies/send.js';
import { answerMessage, relatedMessage } from './answerTexts.js';
import type { Language } from '../../text/language.js';
import type { Answers } from '../../answer/answers.js';
import type { CitizenServices } from '../../services/citizenServices.js';
import { soundsAngry } from '../../understanding/intents.js';

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
    if (lookup.band === 'answer' && best) {
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
