// What the bot replies to a question from the knowledge base, without sending it: an article's lead for
// its title, an answer (with 👍/👎), a "did you mean" with suggestions, or an honest fallback (naming the
// neighbouring fact the sources hold, if any). The root dialog sends it; the staff console shows it as
// the bot's reply after a change to the knowledge.
import type { AnswerEngine } from '../answer/answerEngine.js';
import type { Language } from '../text/language.js';
import { answerMessage, relatedMessage } from '../features/answers/answerTexts.js';
import { articleLeadMessage, clarifyMessage, fallbackMessage, ratingActions } from '../features/answers/texts.js';
import type { Message } from './commonTexts.js';
import type { TurnMeta } from './turnOutcome.js';

export function knowledgeReply(engine: AnswerEngine, text: string, lang: Language): { message: Message; meta: TurnMeta } {
  const article = engine.articleByTitle(text);
  if (article)
    return { message: rateable(articleLeadMessage(article, lang), lang), meta: { intent: 'article', answerId: article.id, confidence: 1 } };
  const lookup = engine.lookup(text);
  const { best } = lookup;
  if (lookup.band === 'answer' && best) {
    const answerId = best.kind === 'entry' ? best.entry.id : best.article.id;
    return {
      message: rateable(
        answerMessage(best, lang, (id) => engine.entry(id)),
        lang,
      ),
      meta: {
        intent: 'answer',
        answerId,
        confidence: best.confidence,
        ...(best.kind === 'entry' && best.entry.unconfirmed ? { unconfirmed: true } : {}),
      },
    };
  }
  if (lookup.band === 'clarify' && lookup.suggestions.length > 0)
    return { message: clarifyMessage(lookup, lang), meta: { intent: 'clarify', confidence: best?.confidence } };
  return {
    message: lookup.related ? relatedMessage(lookup.related, lang) : fallbackMessage(lang),
    meta: { intent: 'fallback', confidence: best?.confidence ?? 0 },
  };
}

function rateable(message: Message, lang: Language): Message {
  return { ...message, actions: [...message.actions, ...ratingActions(lang)] };
}
