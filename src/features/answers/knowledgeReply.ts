// What the bot replies to a question from the knowledge base, without sending it: an article's lead for
// its title, an answer (with 👍/👎), an honest "not confirmed" (an entry kept to say a fact is not confirmed,
// or the unconfirmed part of one: a fallback, never rated), a "did you mean" with suggestions, or an honest
// fallback (naming the neighbouring fact the sources hold, if any). The answers feature sends it; the staff
// console shows it as the bot's reply after a change to the knowledge.
import { matchId, type AnswerEngine, type Lookup } from '../../answer/answerEngine.js';
import type { Message } from '../../replies/commonTexts.js';
import type { TurnMeta } from '../../replies/turnOutcome.js';
import type { Language } from '../../text/language.js';
import { answerMessage, relatedMessage } from './answerTexts.js';
import { articleLeadMessage, clarifyMessage, entryActions, fallbackMessage, ratingActions } from './texts.js';

export interface KnowledgeReply {
  message: Message;
  meta: TurnMeta;
}

/** The reply to a question read alone (an article's title, or a lookup of the text). */
export function knowledgeReply(engine: AnswerEngine, text: string, lang: Language): KnowledgeReply {
  const article = engine.articleByTitle(text);
  if (article)
    return { message: rateable(articleLeadMessage(article, lang), lang), meta: { intent: 'article', answerId: article.id, confidence: 1 } };
  return lookupReply(engine, engine.lookup(text), lang);
}

/** The reply a lookup gives (the answers feature reads a follow-up with the conversation's topic first). */
export function lookupReply(engine: AnswerEngine, lookup: Lookup, lang: Language): KnowledgeReply {
  const { best } = lookup;
  if (lookup.band === 'answer' && best) {
    const answerId = matchId(best);
    const message = answerMessage(best, lang, (id) => engine.entry(id));
    // Not confirmed: counted and logged as a fallback (its own kind in the gaps), never rated as an answer.
    if (best.kind === 'entry' && best.unconfirmed)
      return { message, meta: { intent: 'fallback', answerId, confidence: best.confidence, unconfirmed: true } };
    return { message: rateable(message, lang), meta: { intent: 'answer', answerId, confidence: best.confidence } };
  }
  if (lookup.band === 'clarify' && lookup.suggestions.length > 0) {
    const listed = entryActions(lookup.suggestions, lang).map((action) => action.title);
    return { message: clarifyMessage(lookup, lang), meta: { intent: 'clarify', confidence: best?.confidence, listed } };
  }
  return {
    message: lookup.related ? relatedMessage(lookup.related, lang) : fallbackMessage(lang),
    meta: { intent: 'fallback', confidence: best?.confidence ?? 0 },
  };
}

function rateable(message: Message, lang: Language): Message {
  return { ...message, actions: [...message.actions, ...ratingActions(lang)] };
}
