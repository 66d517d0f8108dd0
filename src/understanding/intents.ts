// The few things a message can mean besides a question to look up: menu, small talk, news, paging.
// Matched on folded text so "tin moi nhat" works like "tin mới nhất"; small talk only when the message
// is nothing else ("chào bạn, cho hỏi số tổng đài" is a question, not a greeting).
import { findPeriod, type Period } from '../text/periods.js';
import { foldKey, hasDiacritics } from '../text/vietnamese.js';
import type { Language } from '../answer/answerEngine.js';
import { findTrackingCodes, type CodeCheck } from '../services/s10.js';
import { findTicketRef, type TicketKind } from '../services/ticketStore.js';

export type Intent =
  | { name: 'empty' }
  | { name: 'menu' }
  | { name: 'greeting' }
  | { name: 'thanks' }
  | { name: 'goodbye' }
  | { name: 'news'; period?: Period }
  | { name: 'more' }
  | { name: 'feedback'; kind?: TicketKind }
  | { name: 'tracking'; codes: CodeCheck[] }
  | { name: 'ticketStatus'; ref?: string }
  | { name: 'handoff' }
  | { name: 'subscribe' }
  | { name: 'unsubscribe' }
  | { name: 'rating'; rating: 'up' | 'down' }
  | { name: 'cancel' }
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
// Citizen services: tracking, tickets, handoff, announcements, ratings; and the words that steer a flow.
const TRACKING = /\b(?:tra cuu|tra|kiem tra|dinh vi|theo doi|xem)\s+(?:ma\s+)?(?:buu gui|buu pham|buu kien|don hang|van don|ma van don|hanh trinh|kien hang)\b|\btrack (?:my |a )?(?:parcel|package|item|order|shipment)\b/u;
const TICKET_STATUS = /\b(?:tinh trang|trang thai|tra cuu|kiem tra|xem)\s+(?:cua\s+)?(?:phieu|yeu cau|ma phieu)\b|\bticket status\b/u;
const HANDOFF = /\b(?:gap|noi chuyen voi|noi chuyen cung|chat voi|ket noi voi|chuyen sang|chuyen cho|can gap|muon gap)\s+(?:mot\s+)?(?:nhan vien|tu van vien|tong dai vien|nguoi that|nguoi ho tro|nguoi tu van|admin)\b|\b(?:tu van vien|tong dai vien|nguoi that)\b|\b(?:talk|speak|chat) (?:to|with) (?:a |an )?(?:human|person|agent|staff|operator|someone)\b|\b(?:human|live) agent\b/u;
const SUBSCRIBE = /\b(?:dang ky|dang ki)\s+(?:nhan\s+)?(?:tin|thong bao|ban tin|tin tuc|tin moi)\b|\bsubscribe\b/u;
const UNSUBSCRIBE = /\b(?:huy|ngung|dung|bo|thoi)\s+(?:dang ky|dang ki|nhan tin|nhan thong bao)\b|\bunsubscribe\b/u;
const RATING = /^\s*(👍|👎)[\u{1F3FB}-\u{1F3FF}\uFE0F]*\s*$/u;
const CANCEL = /^(?:huy|huy bo|thoi|dung lai|thoat|cancel|stop|quit)$/u;
const BACK = /^(?:quay lai|tro lai|lui lai|sua|sua lai|back|go back)$/u;
const END_HANDOFF = /^(?:ket thuc|ket thuc ho tro|gap bot|quay lai bot|tro chuyen voi bot|end|exit)$/u;
const ANGRY = /\b(?:buc minh|buc qua|buc boi|tuc qua|tuc gian|qua te|te qua|rat te|that vong|lua dao|vo trach nhiem|kem coi|lam an kieu gi|chan qua|dm|dcm|vcl|vkl|clgt|wtf)\b/u;
const COMPLAINT = /\b(?:khieu nai|phan nan|complain|complaint)\b/u;
const SUGGESTION = /\b(?:gop y|de xuat|y kien|feedback|suggestion)\b/u;
const QUESTION_KIND = /\b(?:hoi dap|cau hoi|question)\b/u;
const ENGLISH_WORDS = /\b(?:what|how|where|when|which|who|is|are|the|a|an|can|i|my|your|you|do|does|please|number|phone|post|office|parcel|send|hello|hi|help|thanks|thank|services?|hotline|opening|hours|track|price|news|latest)\b/gu;

function onlyMatches(folded: string, pattern: RegExp): boolean {
  if (!pattern.test(folded)) return false;
  pattern.lastIndex = 0;
  return folded.replace(pattern, ' ').replace(FILLER, ' ').replace(/[^\p{L}\p{N}]+/gu, '').length === 0;
}

export function recognizeIntent(text: string | undefined, now = new Date()): Intent {
  const rating = RATING.exec(text ?? '')?.[1];
  if (rating) return { name: 'rating', rating: rating === '👍' ? 'up' : 'down' };
  const folded = foldKey(text ?? '');
  if (!folded) return { name: 'empty' };
  if (MENU.test(folded)) return { name: 'menu' };
  if (MORE.test(folded)) return { name: 'more' };
  for (const [name, pattern] of [['greeting', GREETING], ['thanks', THANKS], ['goodbye', GOODBYE]] as const) {
    if (onlyMatches(folded, pattern)) return { name };
  }
  const command = flowCommand(text);
  if (command) return { name: 'cancel' };
  if (UNSUBSCRIBE.test(folded)) return { name: 'unsubscribe' };
  if (SUBSCRIBE.test(folded)) return { name: 'subscribe' };
  const ref = findTicketRef(text!);
  if (ref || TICKET_STATUS.test(folded)) return { name: 'ticketStatus', ref };
  if (HANDOFF.test(folded)) return { name: 'handoff' };
  if (FEEDBACK.test(folded)) return { name: 'feedback', kind: ticketKindOf(text) };
  const codes = findTrackingCodes(text!);
  if (codes.length > 0 || TRACKING.test(folded)) return { name: 'tracking', codes };
  if (NEWS.test(folded)) return { name: 'news', period: findPeriod(text!, now) };
  return { name: 'question' };
}

function withoutFillers(text: string | undefined): string {
  return foldKey(text ?? '').replace(FILLER, ' ').replace(/\s+/gu, ' ').trim();
}

/** "hủy" (stop the flow) or "quay lại" (one step back), said on its own, with at most a polite filler. */
export function flowCommand(text: string | undefined): 'cancel' | 'back' | undefined {
  const core = withoutFillers(text);
  return CANCEL.test(core) ? 'cancel' : BACK.test(core) ? 'back' : undefined;
}

/** What ends a handoff from the citizen's side: "kết thúc", or any cancel word. */
export function endsHandoff(text: string | undefined): boolean {
  const core = withoutFillers(text);
  return END_HANDOFF.test(core) || CANCEL.test(core);
}

/** Angry words, three or more exclamation marks, or a long message all in capitals. */
export function soundsAngry(text: string | undefined): boolean {
  const raw = text ?? '';
  const letters = raw.replace(/[^\p{L}]/gu, '');
  return ANGRY.test(foldKey(raw)) || /!{3,}/u.test(raw) || (letters.length >= 12 && letters === letters.toUpperCase() && letters !== letters.toLowerCase());
}

/** The kind of ticket a message names; undefined when it names none, or both complaint and suggestion (the menu button). */
export function ticketKindOf(text: string | undefined): TicketKind | undefined {
  const folded = foldKey(text ?? '');
  const kinds: TicketKind[] = [];
  if (COMPLAINT.test(folded)) kinds.push('complaint');
  if (SUGGESTION.test(folded)) kinds.push('suggestion');
  if (QUESTION_KIND.test(folded)) kinds.push('question');
  if (kinds.length === 0 && /^[1-3]$/u.test(folded)) return (['complaint', 'suggestion', 'question'] as const)[Number(folded) - 1];
  return kinds.length === 1 ? kinds[0] : undefined;
}

/** English when the message has no Vietnamese diacritics and reads mostly as English words. */
export function detectLanguage(text: string | undefined): Language {
  if (!text || hasDiacritics(text)) return 'vi';
  const words = text.toLowerCase().match(/[a-z]+/gu) ?? [];
  if (words.length === 0) return 'vi';
  const english = text.toLowerCase().match(ENGLISH_WORDS)?.length ?? 0;
  return english / words.length >= 0.5 ? 'en' : 'vi';
}
