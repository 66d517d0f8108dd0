// The root's one-turn answers from the knowledge base: a question (with 👍/👎 to rate the answer), read with
// the conversation's topic when it is a follow-up, and the rating of the last answer.
import type { TurnContext } from 'botbuilder';
import { fallbackMessage, followUpClarify, ratingThanks } from './texts.js';
import { handoffOffer } from '../handoff/texts.js';
import { knowledgeReply, lookupReply } from './knowledgeReply.js';
import { replyLanguage } from '../../replies/replyLanguage.js';
import { send } from '../../replies/send.js';
import type { Answers } from '../../answer/answers.js';
import {
  ANSWER_THRESHOLD,
  foundNothing,
  matchId,
  withoutReferrals,
  type AnswerEngine,
  type Lookup,
  type Match,
} from '../../answer/answerEngine.js';
import type { EntryWithFile } from '../../knowledge/entryFiles.js';
import { wellFormedSyllable } from '../../text/syllables.js';
import { foldKey } from '../../text/vietnamese.js';
import { listedItems, namedItem, withItemPicked } from '../../understanding/listPick.js';
import { ownPhrases, ownWords, readInContext, saysLittle, topicOf, type Reading, type Topic } from '../../understanding/followUp.js';
import { personNamed } from '../../understanding/personNames.js';
import type { CitizenServices } from '../../services/citizenServices.js';
import { looksLikeQuestion, soundsAngry, withoutOpeningSmallTalk } from '../../understanding/intents.js';
import { writeNumbers } from '../../text/numberWords.js';
import { languageSignal, type Language } from '../../text/language.js';
import { asksAbroad, foreignPlaces } from '../../answer/places.js';

type AnswerServices = Pick<CitizenServices, 'handoff' | 'memory' | 'gaps' | 'stats'>;

/**
 * Answers from the knowledge base. After a second failure in a row, or to an angry citizen, offers more
 * help: a person when one can be reached now, otherwise the hotline and a ticket.
 */
export async function answerQuestion(context: TurnContext, message: string, knowledge: Answers, services: AnswerServices): Promise<void> {
  const lang = replyLanguage(context);
  const engine = knowledge.engine;
  const memory = await services.memory.get(context);
  const text = questionAsked(withItemPicked(message, memory.listed) ?? message, engine, lang);
  let offerHandoff = soundsAngry(message);
  const article = engine.articleByTitle(text);
  const reading = article ? undefined : readWrittenOut(text, memory.topic, engine);
  if (article) {
    memory.topic = topicOf(article.id, article.title);
    const { message, meta } = knowledgeReply(engine, text, lang);
    await send(context, message, meta);
  } else if (reading?.kind === 'clarify') {
    // A follow-up to a question that found no answer ("ông ấy làm chức gì?" after the awards went unanswered) is read
    // with that question: answered when together they find an answer, otherwise asked what it is about.
    const after = memory.missed === undefined ? undefined : readAfterMiss(text, memory.missed, engine);
    if (after) {
      memory.topic = topicOf(matchId(after.lookup.best!), after.question, namedIn(after.lookup.best!));
      delete memory.missed;
      const reply = lookupReply(engine, after.lookup, lang);
      await send(context, reply.message, reply.meta);
    }
    // Together they find nothing: the follow-up is about what was just asked, which the knowledge does not hold. Asking
    // what it is about would ask what the citizen plainly said; the honest reply is that the bot does not know.
    else if (memory.missed !== undefined) {
      offerHandoff ||= memory.fallbacks > 0;
      await send(context, fallbackMessage(lang), { intent: 'fallback', confidence: 0 });
    } else await send(context, followUpClarify(lang), { intent: 'clarify', confidence: 0 });
  } else if (reading) {
    const { question, lookup } = itemNamed(readWithTopic(reading, engine, memory.topic), engine, lang);
    const { best } = lookup;
    // A question that says little and stands alone, whose words the answer found holds only apart ("hiệu lực
    // khi nào?" and an article on "hiệu quả … nỗ lực"), is a follow-up with no topic: what is it about?
    // So is one read alone whose words name no topic at all ("gửi được không?", "bà có được nhận không?").
    if (
      reading.kind === 'alone' &&
      best &&
      lookup.band !== 'none' &&
      (lookup.namesNoTopic || (!lookup.english && saysLittle(question) && heldApart(best, engine.expand(question))))
    ) {
      await send(context, followUpClarify(lang), { intent: 'clarify', confidence: 0 });
      return;
    }
    const answerId = best && matchId(best);
    if (lookup.band === 'answer' && answerId) {
      memory.topic = topicOf(answerId, question, namedIn(best));
      delete memory.missed;
    }
    // A question read alone that finds no answer changes the subject: the old topic no longer holds.
    else if (reading.kind === 'alone') {
      delete memory.topic;
      memory.missed = question;
    }
    const reply = lookupReply(engine, lookup, lang);
    // After a second failure in a row (not an honest "not confirmed"), more help is offered.
    if (reply.meta.intent === 'fallback' && !reply.meta.unconfirmed) offerHandoff ||= memory.fallbacks > 0;
    await send(context, reply.message, reply.meta);
  }
  if (offerHandoff) {
    const reachable = services.handoff.personReachable();
    await send(context, handoffOffer(lang, reachable), { intent: reachable ? 'handoffOffer' : 'helpOffer' });
  }
}

/**
 * The message, or its question without what opens it when the whole finds no answer and the question, of a few words at
 * least and naming a topic, does: the small talk before it ("ờ hiểu rồi, tiện cho xin số tổng đài nhé"; a short rest, "uk,
 * hieu r", is small talk too), or the story that leads to it ("Cháu tôi học ở Hà Nội, bà muốn gửi ít măng khô. Một thùng
 * như thế gửi nặng nhất là bao nhiêu cân?"), when the question alone finds what the whole came nearest to: a whole whose
 * candidates a gate kept out (the office the story names, asked its number) was narrowed by the story.
 */
function questionAsked(message: string, engine: AnswerEngine, lang: Language): string {
  const whole = engine.lookup(message);
  if (whole.band === 'answer') return message;
  const nearest = whole.best && matchId(whole.best);
  const story = withoutOpeningStory(message, lang);
  for (const question of [withoutOpeningSmallTalk(message), story]) {
    if (question === message || question.split(/\s+/u).length < MIN_QUESTION_WORDS) continue;
    const alone = engine.lookup(question);
    if (alone.band !== 'answer' || alone.namesNoTopic) continue;
    if (question === story && nearest !== matchId(alone.best!)) continue;
    return question;
  }
  return message;
}

/**
 * The last sentence that asks, when sentences that tell the citizen's case come before it; the message itself when a
 * sentence before it narrows what is asked (a year, a figure such as an age, another province, abroad) or the question
 * points back into it. Vietnamese only: an English question leans on its story with "its" and "it" ("… the little post
 * office in Bang Lung town. Do you have its number?"), and one among Vietnamese words is answered in the whole's language.
 */
function withoutOpeningStory(message: string, lang: Language): string {
  if (lang !== 'vi') return message;
  const sentences = message.split(/(?<=[.!?…])\s+/u);
  let at = sentences.length - 1;
  while (at > 0 && !looksLikeQuestion(sentences[at])) at--;
  if (at < 1) return message;
  const story = sentences.slice(0, at).join(' ');
  const question = sentences.slice(at).join(' ');
  const narrows = /\d/u.test(writeNumbers(story)) || foreignPlaces(story).length > 0 || asksAbroad(story);
  // A question that points back into the story ("… bán qua kênh riêng của Bưu điện. Sàn đó tên gì?") needs it.
  const needsStory = readInContext(question, undefined).kind === 'clarify';
  return narrows || needsStory || languageSignal(question, true) === 'en' ? message : question;
}

const MIN_QUESTION_WORDS = 3;

/**
 * The lookup for a question as read in the conversation. A follow-up that points back or picks up is read
 * with the topic only; one that is merely short is read with the topic when that keeps to the topic's answer
 * or when, alone, it finds nothing; otherwise it stands alone ("hotline bao nhiêu" after a pension answer).
 */
function readWithTopic(reading: Exclude<Reading, { kind: 'clarify' }>, engine: AnswerEngine, topic: Topic | undefined): ReadLookup {
  const read = { question: reading.question, lookup: engine.lookup(reading.question) };
  if (reading.kind === 'alone') return read;
  const { best } = read.lookup;
  const onTopic = best !== undefined && matchId(best) === topic?.answerId;
  // A subject picked up that alone finds another answer more surely is that answer's, however sure the topic's is with it:
  // in English, one that writes more of its words ("and who can have it brought home?" after the pension schedule: the
  // home delivery, whose English text says "home"); in Vietnamese, one far surer ("còn ông tôi chín mươi rồi không đi được
  // thì có ai mang đến không" after the pension schedule).
  const answered = onTopic && reading.picksUp ? answeredElsewhere(engine, reading.alone, best) : undefined;
  if (answered) return answered;
  // The topic's answer, a little less sure with the follow-up's words ("since when?"), still answers it when
  // it holds every word the follow-up adds: nothing new was asked that it does not say.
  if (onTopic && read.lookup.band === 'clarify' && holdsAll(engine, best, reading.alone)) {
    return { question: reading.question, lookup: { ...read.lookup, band: 'answer', suggestions: [] } };
  }
  // Within the topic's article, the sentence the follow-up finds alone, holding every word it adds, answers what it asks
  // before one the topic's words chose that holds none of them ("hôm đó phát động cái gì?" after the awards: the movement
  // launched). Who, when or where is asked of the topic's own deed ("do tổ chức nào trao thế?" after the union's award,
  // whose sentence says "tặng"): it stays with it.
  if (onTopic && best.kind === 'article' && holdsNone(engine, best, reading.alone)) {
    const alone = { question: reading.alone, lookup: engine.lookup(reading.alone) };
    const found = alone.lookup.best;
    const asksWhat = alone.lookup.frame.type === 'what';
    if (asksWhat && alone.lookup.band === 'answer' && found && matchId(found) === topic?.answerId && holdsAll(engine, found, reading.alone))
      return alone;
  }
  // One that points back ("người đó làm gì?") has no subject of its own; one that picks up with a subject of its
  // own ("còn tài chính bưu chính?") may be answered by what that subject finds alone.
  if (reading.marked && !reading.picksUp) return read;
  // The topic's answer again, though it does not hold what the follow-up adds ("làm việc mấy giờ?" after the
  // hotline's number), yields to the answer the follow-up finds alone and that holds it (the hotline's hours).
  if (read.lookup.band === 'answer' && onTopic && holdsAll(engine, best, reading.alone)) {
    return read;
  }
  // A subject picked up that the topic's own entry is about ("thế còn bảo hiểm?" after the financial services, asked
  // as "mua bảo hiểm ở bưu điện") is answered by it, before another entry that also names it; an overview that
  // only lists it ("… và dịch vụ hành chính công") is not about it.
  const topicEntry = reading.picksUp && topic ? engine.entry(topic.answerId) : undefined;
  if (topicEntry && !engine.isEnglish(reading.alone) && isAbout(topicEntry, engine.expand(reading.alone))) {
    const kept: Match = { kind: 'entry', entry: topicEntry, confidence: ANSWER_THRESHOLD };
    return { question: reading.question, lookup: { ...read.lookup, band: 'answer', best: kept, suggestions: [], related: undefined } };
  }
  const alone = { question: reading.alone, lookup: engine.lookup(reading.alone) };
  // Alone, it must find an answer holding its own words as it says them, not syllables of other words; and
  // another answer than the topic's: within the topic's article, the topic's words choose the sentence ("cơ
  // quan nào trao tặng?" after the union's award is asked about the union's award).
  const elsewhere = alone.lookup.best !== undefined && matchId(alone.lookup.best) !== topic?.answerId;
  if (alone.lookup.band === 'answer' && elsewhere && holdsAll(engine, alone.lookup.best!, reading.alone)) return alone;
  // Alone it finds the topic's own entry, sure: the follow-up is about that entry though it words it otherwise ("còn cân
  // nặng?" after the parcel size: "cân" is not written in the entry that says "nặng tối đa 30 kg").
  if (read.lookup.band === 'answer' && onTopic && best.kind === 'entry' && alone.lookup.band === 'answer' && !elsewhere) return read;
  // A subject picked up that neither the topic's answer nor the one it finds alone holds ("còn tiền điện thì sao?"
  // after health insurance) is not the topic again: the knowledge does not have it.
  if (reading.picksUp && !(best && holdsAll(engine, best, reading.alone))) {
    return { question: reading.alone, lookup: foundNothing(alone.lookup) };
  }
  // Another answer than the topic's that holds the follow-up's phrase only as syllables of other words ("hiệu lực"
  // in "hiệu quả … nỗ lực") answers nothing asked: the knowledge does not have it.
  if (best && !onTopic && heldApart(best, engine.expand(reading.alone))) {
    return { question: reading.question, lookup: foundNothing(read.lookup) };
  }
  return read;
}

/** The person an answer names, for a follow-up about them ("ông ấy giữ chức gì?"). */
function namedIn(match: Match): string | undefined {
  return personNamed(match.kind === 'article' ? match.sentences.map((s) => s.text).join(' ') : match.entry.answer.vi);
}

/** A follow-up read with the question before it that found no answer, when together they find one. */
function readAfterMiss(text: string, missed: string, engine: AnswerEngine): ReadLookup | undefined {
  const reading = readInContext(text, { answerId: '', question: missed });
  if (reading.kind !== 'withTopic') return undefined;
  const lookup = engine.lookup(reading.question);
  return lookup.band === 'answer' && lookup.best ? { question: reading.question, lookup } : undefined;
}

/** How much surer than the topic's a picked-up Vietnamese subject must find another answer alone to leave the topic. */
const SURER_ALONE = 0.3;

/**
 * The answer a picked-up subject finds alone, another than the topic's and at least as sure: in English, writing more of
 * its words; in Vietnamese, far surer.
 */
function answeredElsewhere(engine: AnswerEngine, alone: string, topicBest: Match): ReadLookup | undefined {
  const lookup = engine.lookup(alone);
  const other = lookup.best;
  if (lookup.band !== 'answer' || !other || matchId(other) === matchId(topicBest) || other.confidence < topicBest.confidence)
    return undefined;
  if (!engine.isEnglish(alone)) return other.confidence >= topicBest.confidence + SURER_ALONE ? { question: alone, lookup } : undefined;
  const [found, kept] = [engine.englishWordsHeld(alone, other), engine.englishWordsHeld(alone, topicBest)];
  return found.words > kept.words || (found.words === kept.words && found.pairs > kept.pairs) ? { question: alone, lookup } : undefined;
}

/**
 * Whether the match holds each of the question's own words, and those side by side in the question side by side;
 * an English question's words are read through its translation ("how do I pay the fees?": "trả phí").
 */
function holdsAll(engine: AnswerEngine, match: Match, question: string): boolean {
  if (engine.isEnglish(question)) return engine.unheld(question, match).length === 0;
  const expanded = engine.expand(question);
  const text = matchText(match);
  return ownWords(expanded).every((w) => text.includes(` ${w} `)) && !heldApart(match, expanded);
}

/** Whether the match holds none of the question's own words (a Vietnamese question's). */
function holdsNone(engine: AnswerEngine, match: Match, question: string): boolean {
  const text = matchText(match);
  const own = engine.isEnglish(question) ? [] : ownWords(engine.expand(question));
  return own.length > 0 && own.every((w) => !text.includes(` ${w} `));
}

/**
 * Whether a phrase of the question's own words is in the match only as syllables of other words: each of its
 * words is there, no two of them side by side ("hiệu lực" in "hiệu quả … nỗ lực"). A phrase with a word that is no
 * Vietnamese syllable (a name, a brand: "sàn Postmart") is words, not one compound of syllables.
 */
function heldApart(match: Match, question: string): boolean {
  const text = matchText(match);
  return ownPhrases(question).some((phrase) => {
    const words = phrase.split(' ');
    if (!words.every(wellFormedSyllable)) return false;
    const pairs = words.slice(1).map((w, i) => `${words[i]} ${w}`);
    return pairs.length > 0 && words.every((w) => text.includes(` ${w} `)) && !pairs.some((p) => text.includes(` ${p} `));
  });
}

/** The folded text of a piece of the knowledge (an entry, a sentence), made once per knowledge version, not per turn. */
const foldedKnowledge = new WeakMap<object, string>();

function foldedOnce(piece: object, text: () => string): string {
  let folded = foldedKnowledge.get(piece);
  if (folded === undefined) foldedKnowledge.set(piece, (folded = foldKey(text())));
  return folded;
}

/** Whether an entry's title and questions (what it is about, not all its answer says) hold each phrase of the question's own words. */
function isAbout(entry: EntryWithFile, question: string): boolean {
  // Kept on the questions object: the entry's own key holds its whole text (matchText).
  const about = ` ${foldedOnce(entry.questions, () => [entry.title ?? '', ...entry.questions.vi].join(' '))} `;
  const phrases = ownPhrases(question);
  return phrases.length > 0 && phrases.every((p) => about.includes(` ${p} `));
}

function matchText(match: Match): string {
  const folded =
    match.kind === 'entry'
      ? foldedOnce(match.entry, () =>
          [match.entry.title ?? '', ...match.entry.questions.vi, withoutReferrals(match.entry.answer.vi)].join(' '),
        )
      : match.sentences
          .map((s) => foldedOnce(s, () => s.text))
          .filter(Boolean)
          .join(' ');
  return ` ${folded} `;
}

/**
 * An item of the list an entry's answer opens with ("bốn nhóm dịch vụ chính: bưu chính chuyển phát, tài chính bưu chính,
 * …") named in the question ("mảng tài chính bưu chính cụ thể có những dịch vụ nào"): the list holds every item's words, so
 * it would answer whatever is asked of any of them. What the item finds alone answers it, when that is another answer, sure.
 */
function itemNamed(read: ReadLookup, engine: AnswerEngine, lang: Language): ReadLookup {
  const { best, band } = read.lookup;
  if (band !== 'answer' || best?.kind !== 'entry') return read;
  const answer = (lang === 'en' ? best.entry.answer.en : undefined) ?? best.entry.answer.vi;
  const opening = answer.split(/[.?!](?=\s|$)/u)[0]!;
  const item = namedItem(read.question, listedItems(`${opening}.`));
  if (!item) return read;
  const alone = engine.lookup(item);
  return alone.band === 'answer' && alone.best && matchId(alone.best) !== best.entry.id ? { question: item, lookup: alone } : read;
}

interface ReadLookup {
  question: string;
  lookup: Lookup;
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

/** A question of at most this many words of its own, written out, may point back where as typed it does not. */
const SHORT_WRITTEN_OUT = 4;

/**
 * How to read a question in context, as typed or, where only its shorthand or dialect written out points back ("rứa còn cái
 * nớ thì răng?" is "thế còn cái đó thì sao?"), as written out. Only a short one: a longer one that tells of someone
 * ("… cho ổng bả nghe với") names them itself.
 */
function readWrittenOut(text: string, topic: Topic | undefined, engine: AnswerEngine): Reading {
  const typed = readInContext(text, topic);
  if (typed.kind !== 'alone') return typed;
  const expanded = engine.expand(text);
  if (ownWords(expanded).length > SHORT_WRITTEN_OUT) return typed;
  const written = readInContext(expanded, topic);
  return written.kind === 'alone' ? typed : written;
}
