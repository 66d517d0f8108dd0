// The language of a turn's replies. A message in a language sets it (and the conversation keeps it); a
// message in none — "ok", "hotline", a tracking code, a tapped button of loanwords — is answered in the
// conversation's language, Vietnamese until the citizen writes English. The first message needs less to be
// English: with no conversation behind it, one English word and nothing Vietnamese is the best guess.
import type { TurnContext } from 'botbuilder';
import { languageSignal, type Language } from '../text/language.js';

const TURN_KEY = Symbol('replyLanguage');

/** Settles the turn's language from its message and the conversation's (kept in `memory.lang`). */
export function settleLanguage(context: TurnContext, memory: { lang?: Language }, text: string | undefined): Language {
  const lang = languageSignal(text, memory.lang === undefined) ?? memory.lang ?? 'vi';
  memory.lang = lang;
  context.turnState.set(TURN_KEY, lang);
  return lang;
}

/** The turn's language once settled; Vietnamese before (a welcome, an error). */
export function replyLanguage(context: TurnContext): Language {
  return context.turnState.get<Language | undefined>(TURN_KEY) ?? 'vi';
}

/** Whether the turn's language was settled (a message turn). */
export function turnLanguage(context: TurnContext): Language | undefined {
  return context.turnState.get<Language | undefined>(TURN_KEY);
}
