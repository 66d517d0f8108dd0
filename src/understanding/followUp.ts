// Follow-up questions read with the conversation's topic. A question that points back ("người đó", "cái đó",
// "he", "it"), picks up the last one ("thế còn EMS?", "còn năm 2019 thì sao?", "what about last year?") or says
// too little on its own ("hiệu lực khi nào?", "phí bao nhiêu?") is read with the question last answered: its
// words are added, without their question words (the follow-up says what is asked now) and without their years
// when the follow-up names one. With no topic to read it with, such a question gets a clarifying question,
// never an answer about an unrelated subject. The topic lives in conversation state (services/conversationMemory.ts).
import { languageSignal } from '../text/language.js';
import { foldDiacritics, foldKey, hasDiacritics, matchesAsTyped, normalizeVietnamese } from '../text/vietnamese.js';
import { articleCited } from './articleCited.js';
import { picksItem, withoutPick } from './listPick.js';
import { personNamed } from './personNames.js';
import { recallsUnsaid } from './pastReference.js';

/** What the conversation was last about: the answer given and the question it answered, as read. */
export interface Topic {
  answerId: string;
  question: string;
  /** The person the answer named ("Đinh Như Hạnh"): a follow-up pointing to a person is about them. */
  person?: string;
}

export type Reading =
  /** The question says enough on its own. */
  | { kind: 'alone'; question: string }
  /**
   * Read with the topic; `marked`: it points back or picks up ("người đó", "thế còn …"), so it cannot stand alone;
   * `picksUp`: it picks up with a subject of its own ("còn tài chính bưu chính?"), which may be answered alone.
   */
  | { kind: 'withTopic'; question: string; alone: string; marked: boolean; picksUp: boolean }
  /** It needs a topic and there is none. */
  | { kind: 'clarify' };

// A person pointed back to: "người đó", "ông ấy", "chị đó", and (as written: folded it is "hồ") "họ" opening the question,
// not "họ tên". English "he", "her" mostly name someone in the same sentence ("my grandmother … her pension").
const PERSON_WRITTEN = String.raw`(?:người|(?<!đơn )vị) (?:đó|này|kia|ấy)|(?:ông|bà|anh|chị) (?:ấy|đó)`;
const THEY_WRITTEN = String.raw`^(?:(?:thế|vậy|còn) )?họ(?![\p{L}])(?! (?:tên|và tên|hàng)(?![\p{L}]))`;
const PERSON_FOLDED = String.raw`nguoi (?:do|nay|kia|ay)|(?:ong|ba|anh|chi) (?:ay|do)`;
const PERSON_BACK_WRITTEN = new RegExp(String.raw`(?<![\p{L}])(?:${PERSON_WRITTEN})(?![\p{L}])|${THEY_WRITTEN}`, 'u');
const PERSON_BACK_FOLDED = new RegExp(String.raw`\b(?:${PERSON_FOLDED})\b`, 'u');
// "đâu đó", "ai đó", "gì đó", "nào đó": somewhere, someone, something; indefinite, pointing back to nothing.
const NOT_INDEFINITE = String.raw`(?<!(?:đâu|ai|gì|nào|sao) )`;
// A thing pointed back to by the question's opening ("cái hôm trước tôi hỏi ấy", "cái mục số hai ấy nói gì", "hai thứ ấy
// cái nào tốt hơn?"): however long, it cannot be read without what it points to. A closing "đó" may only stress ("gửi
// hàng đi đó"), so a few words then "đó" count when the question goes on. Folded, "do" after a few words is as often
// "by", so only "cái … đó" at the end.
// An interjection or "vậy" before it changes nothing ("ủa v cái chỗ đó giờ sao r").
const THING_WRITTEN = String.raw`^(?:(?:ủa|ơ|ờ|à|ồ|vậy|v|z|thế)\s+){0,2}(?:cái(?! gì)(?: \p{L}+){1,5} (?:đó|đấy|ấy|kia)(?![\p{L}])|\p{L}+(?: \p{L}+){0,2} ${NOT_INDEFINITE}(?:đó|đấy|ấy|kia)(?= \p{L}))`;
const THING_FOLDED = String.raw`^(?:(?:ua|o|a|vay|v|z|the)\s+){0,2}cai(?: \p{L}+){1,5} (?:do|ay|kia)$`;
const THING_BACK_WRITTEN = new RegExp(THING_WRITTEN, 'u');
const THING_BACK_FOLDED = new RegExp(THING_FOLDED, 'u');

// Pointing back to something said before (a person, a thing, a way, a time, "lúc nãy", "cái hôm trước tôi hỏi ấy", "cái mục thứ
// hai ấy nói gì"; what was said, as said: "nói thế", "quy định vậy"; "cụ thể là …" asks for the detail of it, "vậy thì …" goes on from it, "để làm gì?" / "what for?" asks
// what it is for), and picking up the last question ("thế còn …", "vậy còn …", "còn … thì sao", "and …?", "what about …"). Read as written when the
// message has diacritics ("còn" is not "con", a child; "nó" is not "no"), folded when it has none, where the words that
// fold to another meaning ("con", "the", "no") only count inside a longer phrase.
const POINTS_BACK_WRITTEN = new RegExp(
  String.raw`^\p{L}+(?: \p{L}+){0,2} ${NOT_INDEFINITE}(?:đó|đấy|ấy|kia)(?![\p{L}])|(?<![\p{L}])(?:${PERSON_WRITTEN}|(?:ông|bà) này|cái (?:đó|đấy|này|kia|trên)|(?:cái|mục|số|ý|điều|dòng|câu|phương án|lựa chọn|người|vị|ông|bà|đơn vị|cơ quan|loại|nhóm|khoản|bước|dịch vụ)(?: \p{L}+)? thứ (?:nhất|hai|ba|tư)|việc (?:đó|đấy|này)|(?:chuyện|vụ|việc|vấn đề) cũ|điều (?:đó|này)|chuyện (?:đó|đấy|này)|dịch vụ (?:đó|này)|văn bản (?:đó|này)|(?:cách|hình thức|phương thức) (?:đó|đấy|ấy|này)|(?:chỗ|nơi) (?:đó|đấy|ấy|kia)|con số (?:đó|đấy|ấy|này)|(?:nói|ghi|bảo|viết|quy định|làm) (?:thế|vậy)(?! (?:nào|này))|lúc đó|khi đó|hồi đó|thời điểm đó|như (?:thế|vậy)(?! nào)|(?:đợt|kỳ|lượt) (?:sau|trước|kia)|(?:lúc|hồi|vừa|ban) nãy|(?:năm|tháng|tuần|hôm|ngày|bữa|đợt|dạo) (?:đó|ấy)|nó)(?![\p{L}])|^(?:cụ thể|chi tiết|nói rõ|vậy thì|thế thì)(?![\p{L}])|^(?:để|dùng để|nhằm) (?:làm )?(?:gì|chi)(?![\p{L}])|${THING_WRITTEN}|${THEY_WRITTEN}`,
  'u',
);
const PICKS_UP_WRITTEN = /^(?:thế còn|vậy còn|còn)(?![\p{L}])|(?<![\p{L}])thì sao(?![\p{L}])/u;
// Typed without diacritics, a thing named then "đó"/"ấy"/"kia" at the start ("hoi nghi do hop ngay nao",
// "van ban ay") points back too; "do" further on is as often "by" ("bằng khen do ai trao"), so only at the start.
const OPENING_POINTER_FOLDED =
  /^\p{L}+(?: \p{L}+)? (?<!\b(?:dau|ai|gi|nao|sao) )(?:do|ay|kia)\b(?! (?:ai|don vi|co quan|nguoi nao|ben nao)\b)/u;
// "… for that?", "… about this?", "… for it?" closing an English question: what it asks is of the thing just answered.
// A tag that checks it may close it ("… on top of that, right?").
const FOR_THAT = String.raw`\b(?:for|about|with|of|on|in|to|from|by|after|before) (?:that|this|it)(?: (?:right|correct|then|too|as well))?$`;
const ASKS_OF_THE_TOPIC = new RegExp(FOR_THAT, 'u');
// English "those …", "these …" point back to what was shown ("Are those numbers correct?"); "these days" is now. So does
// "that" as what is asked of ("from what date did that kick in?", "does that cost anything?"); not "this" (the bot itself, "is
// this an automated reply?"), nor "is that …" ("is that line staffed …": the line named asks of its own).
const POINTS_BACK_FOLDED = new RegExp(
  String.raw`\b(?:${PERSON_FOLDED}|cai (?:do|nay|kia|tren)|(?:cai|muc|so|y|dieu|dong|cau|phuong an|lua chon|nguoi|vi|ong|ba|don vi|co quan|loai|nhom|khoan|buoc|dich vu)(?: \p{L}+)? thu (?:nhat|hai|ba|tu)|viec (?:do|nay)|(?:chuyen|vu|viec|van de) cu|dieu (?:do|nay)|chuyen (?:do|nay)|(?:cach|hinh thuc|phuong thuc) (?:do|ay|nay)|(?:noi|ghi|bao|viet|quy dinh|lam) (?:the|vay)(?! (?:nao|nay))|luc do|khi do|hoi do|nhu (?:the|vay)(?! nao)|(?:dot|ky|luot) (?:sau|truoc|kia)|(?:nam|thang|tuan|hom|ngay|bua|dot|dao) (?:do|ay))\b|^(?:cu the|chi tiet|noi ro|vay thi|the thi)\b|^(?:de|dung de|nham) (?:lam )?(?:gi|j|chi)\b|^what (?:is it |s it )?for\b|${THING_FOLDED}|\b(?:he|she|him|her|his|they|them|that one|this one)\b|\b(?:did|does|do|will|would|can|could|has|had) that\b|\b(?:those|these) (?!days\b)\p{L}+|${FOR_THAT}|\bthe (?:first|second|third|fourth|last|other) (?:one|item|point|option|person|man|woman|thing|service|entry|group|kind|type)\b`,
  'u',
);
const PICKS_UP_FOLDED = /^(?:the con|vay con|and|and what about|what about|how about)\b|\bthi sao\b/u;
const SINCE_WHEN = /^(?:since|from) when\b/u;
// "What if …?" after an answer asks of its case ("what if I collect it for my mother?", "what if I miss those days?"); as a
// first message it is a question of its own ("what if I lose my parcel?").
const WHAT_IF = /^(?:and |but |so )?what if\b/u;
// A question word besides the picking up ("thì sao"): the question asks something of its own.
const ASKS_OF_ITS_OWN = /\b(?:ai|gi|j|nao|dau|bao nhieu|bn|may|ra sao|khong|ko|chua|what|which|who|when|where|why|how)\b/u;

/** Whether the question points back to the last one ("người đó", "since when"). */
export function pointsBack(text: string, folded = foldKey(text)): boolean {
  if (matchesAsTyped(text, folded, POINTS_BACK_WRITTEN, POINTS_BACK_FOLDED)) return true;
  if (hasDiacritics(text)) return false;
  // English "How do I …", "What documents do …" open with no "đó".
  return SINCE_WHEN.test(folded) || (OPENING_POINTER_FOLDED.test(folded) && languageSignal(text) !== 'en');
}

/** Whether the question points back to a person ("người đó", "ông ấy", "họ …"). */
function pointsToPerson(text: string, folded: string): boolean {
  return matchesAsTyped(text, folded, PERSON_BACK_WRITTEN, PERSON_BACK_FOLDED);
}

// A person of the citizen's own named in the message ("ông xã tôi …, … cho ông ấy không?"): "ông ấy" is that person.
const KIN = String.raw`(?:ông|bà) (?:xã|nội|ngoại)|ông|bà|bố|mẹ|cha|má|ba|vợ|chồng|con|cháu|anh|chị|em|cô|chú|bác|dì|cậu|cụ`;
const KIN_FOLDED = String.raw`(?:ong|ba) (?:xa|noi|ngoai)|ong|ba|bo|me|cha|ma|vo|chong|con|chau|anh|chi|em|co|chu|bac|di|cau|cu`;
const OWN_PERSON_WRITTEN = new RegExp(String.raw`(?<![\p{L}])(?:${KIN}) (?:nhà )?(?:tôi|mình|em|tui|cháu)(?![\p{L}])`, 'u');
const OWN_PERSON_FOLDED = new RegExp(String.raw`\b(?:${KIN_FOLDED}) (?:nha )?(?:toi|minh|mk|em|tui|chau)\b`, 'u');
// Or one the message brings in itself before pointing to them ("… thấy có người lên trao giấy khen, người đó tên gì").
const BROUGHT_IN = /\b(?:co|mot) (?:nguoi|ong|ba|vi|can bo|lanh dao)\b(?! (?:do|ay|kia|nay)\b)(?=.+\b(?:do|ay|kia)\b)/u;

/** Whether the message names a person of the citizen's own ("mẹ tôi", "ông xã mình"), or brings one in itself. */
function namesOwnPerson(text: string, folded: string): boolean {
  return matchesAsTyped(text, folded, OWN_PERSON_WRITTEN, OWN_PERSON_FOLDED) || BROUGHT_IN.test(folded);
}

/** Whether the question points to a person said before, not to one it names itself. */
function pointsToNamed(text: string, folded: string): boolean {
  return pointsToPerson(text, folded) && !namesOwnPerson(text, folded) && !personNamed(text);
}

/** Whether the question opens by pointing back to a thing ("cái … ấy"), after a word that turns to it ("thế cái thứ hai … đó"). */
function opensWithThing(text: string, folded: string): boolean {
  const turned = TURNING_TO_IT.exec(text);
  const rest = turned ? text.slice(turned[0].length) : text;
  return matchesAsTyped(rest, turned ? foldKey(rest) : folded, THING_BACK_WRITTEN, THING_BACK_FOLDED);
}
const TURNING_TO_IT = /^\s*(?:thế còn|vậy còn|thế|vậy|còn|the con|vay con|the|vay|con)\s+(?=(?:cái|cai)\s)/iu;

/** Whether the question picks up the last one ("thế còn …", "còn … thì sao", "what about …"). */
function picksUp(text: string, folded: string): boolean {
  return matchesAsTyped(text, folded, PICKS_UP_WRITTEN, PICKS_UP_FOLDED);
}
// "ý mình là …", "I mean …": the citizen restates the question.
// "ví dụ như …", "chẳng hạn …", "for example …": an example asked for; what follows is the question.
const RESTATES =
  /^(?:y (?:minh|toi|em|tui|chau|la)(?: la| muon hoi| hoi)?|toi muon hoi|minh muon hoi|i mean|i meant|i am asking|(?:vi du|vd|chang han)(?: nhu| la)?|for (?:example|instance))\b\s*/u;
// "chuyện khác nhé, …", "đổi chủ đề nhé: …", "nhân tiện …", "by the way, …": a new subject; what follows stands alone,
// the topic left.
const NEW_SUBJECT =
  /^(?:(?:sang |hoi )?(?:chuyen|viec|cau) khac(?: nhe| nha| ne| nhe ban)?|(?:doi|chuyen|sang) (?:chu de|de tai|chuyen)(?: khac)?(?: nhe| nha| ne)?|nhan tien|tien the|by the way|btw|another question|on another note|(?:changing|change of) (?:the )?(?:subject|topic))\b\s*(?=\p{L})/u;
// Words that only ask (what kind of answer is wanted) or soften; a question made of them and at most two
// other words ("hiệu lực khi nào?", "phí bao nhiêu?") says too little on its own.
const ASKING_WORDS = new Set(
  // Chat shorthand too: "b" (bạn), "z" and "v" (vậy), "r" (rồi), "e" (em), "mn" (mọi người).
  (
    'ai gi j nao dau bao nhieu bn khi luc gio may sao the thi ra nhu lam la co khong ko k chua duoc dc phai dung vay v z r a a nhi nhe ha ban b ad e mn ' +
    'oi em minh toi cho hoi xin biet con va tu den o tai cua nay do ay kia roi nua hien nay bay gio neu theo vao ' +
    'what which who when where why how much many is are was were do does did the a an of it that this there and about since then so ' +
    // English function words that fold to no Vietnamese one ("can" is "cần", "me" "mẹ", "to" "tờ": left out).
    'from for by with into will would should could you your we our i'
  ).split(' '),
);
// The same words as written with diacritics: a word typed with them only asks when written so ("lực" is not "lúc").
const ASKING_WRITTEN = new Set(
  (
    'ai gì nào đâu bao nhiêu khi lúc giờ mấy sao thế thì ra như làm là có không chưa được đc phải đúng vậy ạ à nhỉ nhé hả ' +
    'bạn ơi em mình tôi cho hỏi xin biết còn và từ đến ở tại của này đó ấy kia rồi nữa hiện nay bây nếu theo vào ' +
    // For whom, as written ("nếu ông tôi 85 tuổi thì sao?"): folded they are other words ("ba", "bo", "me").
    'ông bà bố mẹ cha vợ chồng cháu'
  ).split(' '),
);
// Question words of the topic's question, dropped when it is added to a follow-up (the follow-up says what is asked now).
const TOPIC_QUESTION_WORDS = new Set(
  (
    'ai gì nào đâu bao nhiêu mấy khi sao thế không chưa có phải đúng được là vậy ạ nhỉ thì ' +
    'gi nao dau bao nhieu may the khong ko chua co phai dung duoc la vay a nhi thi bn j ' +
    'what which who when where why how much many is are was were do does did'
  ).split(' '),
);
const YEARS = /\b(?:năm\s+|nam\s+|in\s+)?(?:19|20)\d\d\b/giu;
const NAMES_YEAR = /\b(?:19|20)\d\d\b|\bnam (?:nay|ngoai|truoc|roi|qua|sau|toi|do)\b|\b(?:last|this|next|that) year\b|\bthe year before\b/u;
const NAMES_TIME = /\b(?:19|20)\d\d\b|\b(?:nam|thang|ngay|tuan|quy|year|month|week|day|date|quarter)\b/u;
/** A topic's question is kept to this many words, so that a chain of follow-ups does not grow without end. */
const MAX_TOPIC_WORDS = 24;
/** At most this many words of its own: a question says too little alone. */
const SHORT = 2;
/** At most this many words of its own: a question that points back or picks up needs the topic. */
const MARKED_WORDS = 4;

/** How to read a question, given the conversation's topic (if any). */
export function readInContext(text: string, topic: Topic | undefined): Reading {
  const folded = foldKey(text);
  const restated = RESTATES.exec(folded);
  // What follows is read as any question: it may still point back ("ý em là cái hôm trước ấy"). Said of what was just
  // answered, it rewords that question ("ý tôi là nhân viên có lấy tiền công không" after the BHYT fee): the topic's
  // answer stands when, with the topic, it still holds what the rewording asks; otherwise the rewording alone answers.
  if (restated) {
    const rest = dropWords(text, restated[0].trim().split(' ').length);
    const reading = readInContext(rest, topic);
    return reading.kind === 'alone' && topic ? askedOfTopic(rest, topic) : reading;
  }
  const changing = NEW_SUBJECT.exec(folded);
  if (changing) return readInContext(dropWords(text, changing[0].trim().split(' ').length), undefined);
  // A question about the person the last answer named ("ông ấy giữ chức gì?", "what was his job title?") is read with
  // their name, not with the question that found them.
  if (topic?.person && pointsToNamed(text, folded)) {
    return {
      kind: 'withTopic',
      question: `${text.replace(/[?!.]+\s*$/u, '')}? ${topic.person}`,
      alone: text,
      marked: true,
      picksUp: false,
    };
  }
  const own = ownWords(text);
  // A longer question carries its own subject, even when it says "thì sao" or "đó".
  const pointing = pointsBack(text, folded);
  const picking = own.length <= MARKED_WORDS && picksUp(text, folded);
  const marked = picking || (own.length <= MARKED_WORDS && (pointing || (topic !== undefined && WHAT_IF.test(folded))));
  // However long, a question about a person or a thing pointed back to ("người đó làm ở vị trí nào trong Tổng công ty?"), or
  // about an item picked by its place ("cái thứ hai"), cannot be answered with nothing named before.
  if (
    !topic &&
    ((pointsToPerson(text, folded) && !namesOwnPerson(text, folded)) ||
      opensWithThing(text, folded) ||
      recallsUnsaid(text) ||
      picksItem(text))
  )
    return { kind: 'clarify' };
  // With a topic but nothing listed to pick from (the bot's reply would have named it), an item picked by its place points
  // to the topic; its words are no topic of their own ("thứ hai" is no Monday here).
  const rest = topic?.answerId ? withoutPick(text) : undefined;
  if (topic && rest !== undefined) return { ...askedOfTopic(rest, topic), marked: true };
  // A longer one that points back ("… gửi theo cách đó?") is read with the topic when there is one, and may still be
  // answered by what it finds alone (see readWithTopic).
  if (!marked && own.length > SHORT && !(topic && pointing)) return { kind: 'alone', question: text };
  // With nothing to pick up, a pick-up that names a subject of its own and asks of it ("còn lương hưu thì nhận ở đâu?")
  // is a question of its own.
  if (!topic && picking && own.length > SHORT && !pointing && ASKS_OF_ITS_OWN.test(foldKey(withoutPickingUp(text)))) {
    return { kind: 'alone', question: withoutPickingUp(text) };
  }
  if (!topic) return marked || own.length === 0 ? { kind: 'clarify' } : { kind: 'alone', question: text };
  // Picking up another time ("còn năm 2022?", "what about last year?") keeps the subject: only the time changes.
  // One that asks it of what was just answered ("and how do I pay the fees for that?") does not.
  const newSubject = picking && own.length > 0 && !NAMES_TIME.test(folded) && !ASKS_OF_THE_TOPIC.test(folded);
  // Its subject alone is what follows the words that pick up ("còn tài chính bưu chính?" → "tài chính bưu chính").
  const alone = newSubject ? withoutPickingUp(text) : text;
  return { kind: 'withTopic', question: withTopic(text, topic), alone, marked, picksUp: newSubject };
}

/** The question read as one more asked of the topic, though it names its own subject: it is kept when the topic's answer still holds. */
function askedOfTopic(text: string, topic: Topic): Extract<Reading, { kind: 'withTopic' }> {
  return { kind: 'withTopic', question: withTopic(text, topic), alone: text, marked: false, picksUp: false };
}

/** Whether a question says too little on its own: at most two words of its own ("hiệu lực khi nào?"). */
export function saysLittle(text: string): boolean {
  return ownWords(text).length <= SHORT;
}

/**
 * The question's own words as phrases: those side by side in the question form one phrase ("hiệu lực khi
 * nào" → "hieu luc"), which an answer must hold as such — "hiệu quả … nỗ lực" holds the syllables, not the phrase.
 */
export function ownPhrases(text: string): string[] {
  const phrases: string[][] = [[]];
  for (const { folded, own } of markedWords(text)) {
    if (own) phrases[phrases.length - 1]!.push(folded);
    else if (phrases[phrases.length - 1]!.length) phrases.push([]);
  }
  return phrases.filter((p) => p.length).map((p) => p.join(' '));
}

/** The words of a question besides those that only ask or soften (folded). */
export function ownWords(text: string): string[] {
  return markedWords(text)
    .filter((w) => w.own)
    .map((w) => w.folded);
}

// Phrases that only ask which one, when, how big or how ("từ hồi nào?", "hôm nào", "tháng nào", "cỡ nào", "kiểu gì": "hồi" alone is content, as in "thu hồi"; "do đơn vị nào tặng?", "tổ chức nào", "cấp nào": the body is what is asked, not what it is about; "trường hợp
// nào", "số mấy", "cái gì"), on what grounds ("căn cứ theo nghị quyết nào?"), since when it applies ("áp dụng từ khi nào"), what
// the rule is ("được quy định ra sao"), or point back to a day or a matter ("hôm đó", "lúc ấy", "điều đó", "việc này").
const ASKING_PHRASES =
  /(?<![\p{L}])(?:(?:đơn vị|don vi|cơ quan|co quan|tổ chức|to chuc|cấp|cap|trường hợp|truong hop|chỗ|nơi|noi|hồi|hoi|hôm|hom|ngày|ngay|bữa|bua|buổi|buoi|tháng|thang|năm|nam|tuần|tuan|cỡ)\s+(?:nào|nao)|(?:số|so)\s+(?:mấy|may|nào|nao)|(?:kiểu|kieu|cái|cai)\s+(?:gì|gi|nào|nao)|(?:hôm|hom|ngày|ngay|bữa|bua|buổi|buoi|hồi|lúc|luc|điều|dieu|việc|viec|chuyện|chuyen)\s+(?:đó|do|ấy|ay|đấy|kia|này)|(?:văn bản|van ban|quyết định|quyet dinh|nghị quyết|nghi quyet|công văn|cong van)(?:\s+(?:số|so))?\s+(?:nào|nao|mấy|may|gì|gi)|(?:căn cứ|can cu)(?=\s+(?:theo|vào|vao))|(?:áp dụng|ap dung)(?=\s+(?:từ\s+|tu\s+)?(?:khi|bao|lúc|luc|hôm|hom|ngày|ngay))|(?:được\s+|duoc\s+)?(?:quy định|quy dinh)(?=\s+(?:ra sao|thế nào|the nao|như thế nào|nhu the nao|ntn)))(?![\p{L}])/gu;

/** Each word of the question, folded, and whether it is its own (not a word that only asks, nor a number). */
function markedWords(text: string): Array<{ folded: string; own: boolean }> {
  return normalizeVietnamese(text)
    .toLowerCase()
    .replace(ASKING_PHRASES, ' nào ')
    .split(/[^\p{L}\p{M}\p{N}]+/u)
    .filter(Boolean)
    .map((word) => {
      const folded = foldDiacritics(word);
      const asks = folded === word ? ASKING_WORDS.has(folded) : ASKING_WRITTEN.has(word);
      return { folded, own: !asks && !/^\d+$/u.test(folded) };
    });
}

/** The follow-up with the topic's words after it (its question words, and its years when the follow-up names one, left out). */
function withTopic(text: string, topic: Topic): string {
  let words = topic.question;
  if (NAMES_YEAR.test(foldKey(text))) words = words.replace(YEARS, ' ');
  const kept = words
    .replace(/[?!.,;:]+/gu, ' ')
    .split(/\s+/u)
    .filter((w) => w && !TOPIC_QUESTION_WORDS.has(w.toLowerCase()));
  // The follow-up stays a clause of its own: what it asks is read there ("phí bao nhiêu?" measures "phí", not the topic's words).
  return `${text.replace(/[?!.]+\s*$/u, '')}? ${kept.join(' ')}`.trim();
}

/**
 * The question kept as the topic: what it asked, without the article it cited ("Trong bài, …": "trong", "bài" are no
 * topic, and "trong" would favour a sentence that happens to write it); its first words (the newest follow-up comes
 * first), so that a chain of follow-ups stays bounded.
 */
export function topicOf(answerId: string, question: string, person?: string): Topic {
  const words = (articleCited(question)?.question ?? question).split(/\s+/u).filter(Boolean);
  return { answerId, question: words.slice(0, MAX_TOPIC_WORDS).join(' '), ...(person ? { person } : {}) };
}

// The words that pick up, at the start or at the end of the question, as written or folded.
const PICKING_UP_WORDS =
  /^\s*(?:thế còn về|vậy còn về|còn về|thế còn|vậy còn|còn|the con ve|vay con ve|the con|vay con|and what about|what about|how about|and)\s+|\s+(?:thì sao|thi sao)\s*[?!.]*\s*$/giu;

/** The question without the words that pick up the last one. */
function withoutPickingUp(text: string): string {
  return normalizeVietnamese(text).replace(PICKING_UP_WORDS, ' ').trim();
}

/** The text without its first n words. */
function dropWords(text: string, n: number): string {
  return text.trim().split(/\s+/u).slice(n).join(' ');
}
