// A message that recalls what the citizen said, asked, messaged or met before ("cái mà em hỏi hôm qua ấy", "cái vụ e nhắn
// tối qua", "như bác nói hôm trước", "cái ông hôm trước đến nhà", "vụ của em", "việc đó tiến triển sao rồi", "the thing I
// mentioned before", "that thing"), or what the bot said ("the figure you gave me"): with nothing said before in this
// conversation it cannot be answered, however many words of the knowledge it holds, and it asks for no news.
import { foldKey } from '../text/vietnamese.js';

// Who speaks, as people write it in a chat ("e" for em, "mk" for mình); not "cô", "ông", "bà", which fold to other words
// ("có", "ba").
const SPEAKER = String.raw`(?:toi|tui|em|e|minh|mk|chau|con|bac|chu|anh|chi)`;
// Folded, "vụ" and "chuyện" may end another word ("dịch vụ của mình", "vận chuyển").
const NOT_INSIDE = String.raw`(?<!\b(?:dich|van|luan) )`;
const SAID = String.raw`(?:hoi|noi|ke|gui|bao|nhac|nho|phan anh|dua|nop|nhan|viet)`;
const BEFORE = String.raw`(?:hom|lan|bua|dot) (?:truoc|qua|no|kia)`;
const RECALLS = new RegExp(
  [
    // What the speaker said or asked: "cái mà em hỏi", "chuyện tôi kể", "như bác nói", "vụ hôm trước tôi hỏi".
    String.raw`\b${NOT_INSIDE}(?:cai|viec|chuyen|vu|dieu|nhu)(?: ma)?(?: ${BEFORE})? ${SPEAKER} (?:da |vua |co )?${SAID}\b`,
    // What was said before that differs: "hôm qua bảo khác mà".
    String.raw`\b${BEFORE}(?: \p{L}+)? (?:bao|noi) khac\b`,
    // Someone met before, never named here: "cái ông hôm trước", "người hôm qua".
    String.raw`\b(?:cai (?:ong|ba|anh|chi|co|chu|nguoi)|nguoi) ${BEFORE}\b`,
    // The speaker's own matter: "vụ của em", "việc của tôi".
    String.raw`\b${NOT_INSIDE}(?:vu|viec|chuyen) cua ${SPEAKER}\b`,
    // How that matter is going, never named here: "việc đó tiến triển sao rồi", "vụ kia giải quyết đến đâu rồi".
    String.raw`\b${NOT_INSIDE}(?:viec|vu|chuyen) (?:do|kia|ay)\b(?: \p{L}+){0,3} (?:tien trien|sao roi|the nao roi|(?:den|toi) dau roi|xu ly|giai quyet)\b`,
    // The same as before: "y như lần trước", "như hôm trước".
    String.raw`\b(?:y nhu|giong nhu|giong|nhu) ${BEFORE}\b`,
    // English: "the thing I mentioned before", "what I asked about", "the second issue I raised", "that thing", "same as last time".
    String.raw`\b(?:thing|issue|matter|problem|question|request|case|one) (?:that )?(?:i|we) (?:mentioned|raised|asked|told you|reported|brought up|said|discussed|talked about)\b`,
    String.raw`\bwhat i (?:mentioned|said|asked|told you|raised)\b`,
    String.raw`\bthat thing\b|\bsame as (?:last time|before)\b`,
    // What the bot said, recalled: "the second figure you gave me earlier", "what you told me".
    String.raw`\b(?:figure|number|answer|date|name|thing|one) (?:that )?you (?:gave|said|mentioned|told me|showed|quoted)\b|\bwhat you (?:said|mentioned|told me|gave me)\b`,
  ].join('|'),
  'u',
);

/** Whether the message recalls something said, asked or met before this conversation (see above). */
export function recallsUnsaid(text: string): boolean {
  return RECALLS.test(foldKey(text));
}
