// The few things a message can mean besides a question to look up: menu, small talk, news, paging.
// Matched on folded text so "tin moi nhat" works like "tin mới nhất"; small talk only when the message
// is nothing else ("chào bạn, cho hỏi số tổng đài" is a question, not a greeting).
import { findPeriod, type Period } from '../text/periods.js';
import { foldKey, hasDiacritics } from '../text/vietnamese.js';
import type { Language } from '../answer/answerEngine.js';

export type Intent =
  | { name: 'empty' }
  | { name: 'menu' }
  | { name: 'greeting' }
  | { name: 'thanks' }
  | { name: 'goodbye' }
  | { name: 'news'; period?: Period }
  | { name: 'more' }
  | { name: 'feedback' }
  | { name: 'question' };

const MENU = /^(?:start|menu|help|help me|get started|bat dau|danh muc|chuc nang|(?:giup|giup do|tro giup|huong dan)(?: toi| minh| em)?(?: voi)?)$/u;
const GREETING = /\b(?:xin chao|chao|hello|hi|hey|alo|good (?:morning|afternoon|evening))\b/gu;
const THANKS = /\b(?:cam on|thank you|thanks|thank|tks|thks)\b/gu;
const GOODBYE = /\b(?:tam biet|bye|goodbye|hen gap lai|chao tam biet)\b/gu;
// Words that only soften a message ("ạ", "nhé", "bot ơi") and may stand beside small talk.
const FILLER = /\b(?:a|a a|nhe|nha|nhieu|lam|ban|bot|ad|em|anh|chi|minh|oi|vay|rat|vang|da|ok|oki|very|much|so|all|you|buu dien|quan tri vien)\b/gu;
const NEWS = /\b(?:tin tuc|tin moi|ban tin|tin gi|co tin|tin (?:trong|cua|thang|nam|tuan|hom|ngay)|thong bao|bai viet|bai dang|su kien|news|announcements?|latest)\b/u;
const MORE = /^(?:xem them|them|tiep|tiep theo|xem tiep|con nua|con gi nua|more|next|show more)$/u;
const FEEDBACK = /\b(?:gop y|khieu nai|phan nan|complain|complaint|feedback)\b/u;
const ENGLISH_WORDS = /\b(?:what|how|where|when|which|who|is|are|the|a|an|can|i|my|your|you|do|does|please|number|phone|post|office|parcel|send|hello|hi|help|thanks|thank|services?|hotline|opening|hours|track|price|news|latest)\b/gu;

function onlyMatches(folded: string, pattern: RegExp): boolean {
  if (!pattern.test(folded)) return false;
  pattern.lastIndex = 0;
  return folded.replace(pattern, ' ').replace(FILLER, ' ').replace(/[^\p{L}\p{N}]+/gu, '').length === 0;
}

export function recognizeIntent(text: string | undefined, now = new Date()): Intent {
  const folded = foldKey(text ?? '');
  if (!folded) return { name: 'empty' };
  if (MENU.test(folded)) return { name: 'menu' };
  if (MORE.test(folded)) return { name: 'more' };
  for (const [name, pattern] of [['greeting', GREETING], ['thanks', THANKS], ['goodbye', GOODBYE]] as const) {
    if (onlyMatches(folded, pattern)) return { name };
  }
  if (FEEDBACK.test(folded)) return { name: 'feedback' };
  if (NEWS.test(folded)) return { name: 'news', period: findPeriod(text!, now) };
  return { name: 'question' };
}

/** English when the message has no Vietnamese diacritics and reads mostly as English words. */
export function detectLanguage(text: string | undefined): Language {
  if (!text || hasDiacritics(text)) return 'vi';
  const words = text.toLowerCase().match(/[a-z]+/gu) ?? [];
  if (words.length === 0) return 'vi';
  const english = text.toLowerCase().match(ENGLISH_WORDS)?.length ?? 0;
  return english / words.length >= 0.5 ? 'en' : 'vi';
}
