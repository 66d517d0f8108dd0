// Conversation acts said in words the intent patterns (intents.ts) do not list: "cảm ơn bạn đã giải đáp", "đây là
// bot của ai", "nối máy cho tôi gặp cán bộ", "am I talking to a machine?". Each act is known by examples; a message
// is that act when the act's examples hold nearly all its words, weighted by how few acts use each word (a word
// no example uses weighs most), so a message that names anything else ("giá vàng", "bưu kiện") is no act. The
// root asks this of a message that asks nothing, or that the knowledge has no answer for (dialogs/mainDialog.ts).
import { STOPWORDS } from '../search/stopwords.js';
import { pointsBack } from './followUp.js';
import { looksLikeQuestion, smallTalkOf } from './intents.js';
import { clausesOf, foldKey } from '../text/vietnamese.js';
import { languageSignal } from '../text/language.js';

export type ConversationAct =
  'greeting' | 'thanks' | 'goodbye' | 'ack' | 'identity' | 'human' | 'capabilities' | 'insult' | 'menu' | 'handoff' | 'news';

// Examples of each act, as citizens write them; folded, so each also stands for its unaccented form.
const EXAMPLES: Record<ConversationAct, string[]> = {
  greeting: [
    'xin chào bưu điện',
    'chào buổi sáng',
    'chào anh chị ạ',
    'alo có ai không',
    'chào ad',
    'hello bạn',
    'hi there',
    'good morning',
    'xin chào, mình mới vào',
    'chào em nhé',
    'chào buổi tối',
    'cho mình hỏi chút',
    'chào các anh chị bưu điện',
    'good afternoon',
    'good evening',
    'hé lô mọi người',
    'chào cả nhà',
    'dạ cháu chào bưu điện ạ',
    'morning, hope you are doing well',
    'hello, how are you today',
    'lần đầu vào trang, chào mọi người',
  ],
  thanks: [
    'cảm ơn bạn nhiều',
    'cảm ơn đã giải đáp thắc mắc',
    'cám ơn đã hỗ trợ nhiệt tình',
    'cảm ơn vì đã giúp đỡ',
    'cảm ơn thông tin hữu ích',
    'tks ad nhiều',
    'thanks nhé',
    'cảm ơn em nhiều lắm',
    'thank you so much for your help',
    'thanks, that was helpful',
    'many thanks for the information',
    'thank you, that is useful',
    'ok cảm ơn đã trả lời',
    'giúp mình nhiều quá, cảm ơn',
    'much appreciated',
    'cheers, thanks',
    'thank ad nhiều nha',
    'cảm ơn nhiều, giúp được việc rồi',
    'cảm ơn em, vậy là xong vụ này rồi',
    'cảm ơn cái máy này nhé, giỏi quá',
    'bot giỏi thật, cảm ơn',
  ],
  ack: [
    'vâng, tôi hiểu rồi',
    'à ra vậy',
    'ok mình nắm được rồi',
    'được rồi, rõ rồi',
    'ừ biết rồi',
    'dạ vâng ạ',
    'okay, got it',
    'I see, understood',
    'alright, noted',
    'that makes sense',
    'fair enough',
    'ờ, nắm rồi',
  ],
  goodbye: [
    'tạm biệt nhé',
    'chào tạm biệt',
    'hẹn gặp lại',
    'thôi mình đi đây',
    'vậy thôi, chào nhé',
    'bye bye',
    'goodbye, see you',
    'see you later',
    'thanks, bye',
    "that's all, bye",
    'mình hỏi vậy thôi, tạm biệt',
    'hẹn lần sau nhé',
    'bye, have a nice day',
    'catch you later',
    'bye nhé, mai hỏi tiếp',
    'mình xin phép off nhé',
    'em out đây',
    'hôm khác rảnh mình hỏi tiếp nhé',
    "alright I'm off, take care",
    'thôi tôi đi làm đây, chào nhé',
    'gotta go now',
    'thôi chào em, anh đi đây',
  ],
  identity: [
    'bạn là ai',
    'bot này của ai',
    'bot của cơ quan nào',
    'bot thuộc cơ quan nào',
    'ai đang trả lời tôi vậy',
    'bạn tên là gì',
    'đây là trang của ai',
    'who are you',
    'who made this bot',
    'whose bot is this',
    'what is your name',
    'what are you',
    'tell me about yourself',
    'giới thiệu bản thân đi',
    'đây là trang của đơn vị nào',
    'who runs you',
    'ai đang nhắn với tôi thế',
    'ai trả lời tin nhắn này vậy',
    'who is texting me back',
    'bên kia là ai đấy',
    "are you the post office's own assistant",
    'what exactly are you',
    'who am I chatting with',
  ],
  human: [
    'bạn là người hay máy',
    'đang nói chuyện với người hay máy',
    'đây là người thật hay robot',
    'có phải bot tự động trả lời không',
    'bạn có phải người thật không',
    'is this a machine answering',
    'am I chatting with a real person',
    'are you a robot or a human',
    'is this an automatic reply',
    'mình đang nói chuyện với máy hả',
    'am I talking to a robot',
    'is this a bot or a person',
    'đây là máy trả lời tự động à',
    'bạn là robot hả',
    'is this an automated system',
    'am I talking to a computer program',
    'are you a computer',
  ],
  capabilities: [
    'bạn giúp được gì',
    'bot làm được những gì',
    'em hỗ trợ được những việc gì',
    'mình có thể hỏi những gì',
    'bot trả lời được gì',
    'bạn hỗ trợ được những chuyện gì',
    'bot hỗ trợ những mảng nào',
    'trợ lý này giúp được gì',
    'trả lời được những loại câu hỏi nào',
    'bạn giải đáp được những vấn đề nào',
    'what can you do',
    'what are you able to do',
    'what can I ask you about',
    'how can you help me',
    'what do you know about',
    'which topics do you know about',
    'what kind of questions can you answer',
    'what topics do you cover',
    'what sort of stuff can you help with',
    'máy trả lời này biết làm gì',
    'bot làm được gì cho người dân',
    'em biết làm những gì',
    'what can this thing help me with',
  ],
  insult: [
    'bot ngu như bò',
    'ngu thế, cái gì cũng không biết',
    'đồ vô dụng',
    'trả lời như cái máy, chán quá',
    'hỏi gì cũng không biết, vô dụng',
    'bot dở tệ',
    'chẳng được tích sự gì',
    'you are useless',
    'stupid bot, you know nothing',
    'worst bot ever',
    'what a stupid machine',
    'bot gì mà chậm hiểu',
    'useless piece of junk',
    'this bot is useless',
    'toàn nói linh tinh',
    'chán chẳng muốn nói nữa',
    'bot đần độn quá',
    'ngu quá thể',
    'you are a complete waste of my time',
    'pointless useless bot',
    'đồ máy móc vô tích sự',
    'this thing is worthless',
    'worthless bot',
  ],
  menu: [
    'mở menu',
    'cho xem menu chính',
    'hiện danh mục',
    'quay về menu',
    'xem các chức năng',
    'show me the menu',
    'main menu please',
    'back to the menu',
    'show the options',
    'cho xem danh sách các mục có thể chọn',
    'mở danh sách chủ đề',
    'các mục có thể hỏi',
    'show me a list of topics',
  ],
  handoff: [
    'cho tôi gặp nhân viên tư vấn',
    'nối máy gặp cán bộ',
    'muốn nói chuyện trực tiếp với nhân viên',
    'gặp nv hỗ trợ',
    'cho gặp người',
    'có nhân viên nào đang trực không',
    'chuyển cho nhân viên giúp tôi',
    'tôi cần người thật hỗ trợ',
    'kết nối với tổng đài viên',
    'can I talk to a real person',
    'put me through to a staff member',
    'I want to speak to someone',
    'connect me with an agent please',
    'tôi muốn gặp người bằng xương bằng thịt',
    'chuyển máy cho tôi gặp một nhân viên',
    'chuyển máy sang nhân viên đi',
  ],
  news: [
    'có tin gì mới không',
    'bưu điện mới đăng bài gì',
    'dạo này có thông báo gì không',
    'xem tin mới nhất',
    'any news from the post office',
    'what are the latest announcements',
  ],
};

// Words that only soften, stress or address ("ạ", "nhé", "ơi", "bạn", "cô chú", "thôi", "really"): they say nothing of which act
// it is.
const SOFT = new Set(
  `a ạ nhe nha nhé nhá nghen nhen oi ơi vay vậy v z the thế di đi voi với thoi thôi please ad ban bạn em minh mình toi tôi tui con cháu chú bác
  quý khách really actually completely totally very so quite just now exactly sorry`
    .split(/\s+/u)
    .map(foldKey),
);
// English contractions, apart once folded ("you're" → "you re"), read as the words they stand for.
const CONTRACTED: Record<string, string> = { re: 'are', m: 'am', s: 'is', t: 'not', ll: 'will', ve: 'have', d: 'would' };
// Chat shorthand ("e hiểu r", "hỏi j cũng k bt"), read as the words it stands for before folding, where "e" is no "ê".
const SHORTHAND: Record<string, string> = {
  e: 'em',
  r: 'rồi',
  đc: 'được',
  dc: 'được',
  j: 'gì',
  k: 'không',
  ko: 'không',
  bt: 'biết',
  mk: 'mình',
};
const SHORTHAND_WORD = new RegExp(String.raw`(?<![\p{L}\p{N}])(?:${Object.keys(SHORTHAND).join('|')})(?![\p{L}\p{N}])`, 'gu');
// Function words ("vậy", "được", "mấy", "cái"): an act is told by at least one other word ("vậy được mấy cái?" is none).
const FUNCTION_WORDS = new Set([...STOPWORDS].map(foldKey));
/** Of a message's weight, the share an act's examples must hold. */
const HELD_SHARE = 0.75;
/** A conversation act is said in few words; a longer message is a question or a complaint. */
const MAX_WORDS = 12;

function wordsOf(text: string): string[] {
  return foldKey(text.toLowerCase().replace(SHORTHAND_WORD, (word) => SHORTHAND[word]!))
    .split(' ')
    .map((w) => CONTRACTED[w] ?? w)
    .filter((w) => w && !SOFT.has(w));
}

// Each act's words, those of its examples in each language and of all: folded, an English word may be a Vietnamese one
// ("to" is "tờ": "những loại giấy tờ gì?" is no "what are you able to do"), so a message in one language is read with
// the examples in it.
interface Vocabulary {
  vi: Set<string>;
  en: Set<string>;
  all: Set<string>;
}
const vocabulary = new Map<ConversationAct, Vocabulary>(
  (Object.keys(EXAMPLES) as ConversationAct[]).map((act) => {
    const english = EXAMPLES[act].filter((example) => languageSignal(example) === 'en');
    const vietnamese = EXAMPLES[act].filter((example) => languageSignal(example) !== 'en');
    const words = (examples: string[]): Set<string> => new Set(examples.flatMap(wordsOf));
    return [act, { vi: words(vietnamese), en: words(english), all: words(EXAMPLES[act]) }];
  }),
);
const acts = [...vocabulary.keys()];
/** How many acts use each word. */
const actsUsing = new Map<string, number>();
for (const { all } of vocabulary.values()) for (const w of all) actsUsing.set(w, (actsUsing.get(w) ?? 0) + 1);

/** A word's weight: a word many acts use says little of which one; a word none uses weighs as one only one act uses. */
function weight(word: string): number {
  return Math.log(1 + acts.length / (actsUsing.get(word) ?? 1));
}

// Of several acts in one message ("thôi cảm ơn nhé, chào"; "chào ad, có ai trực không"), the one to answer: what is asked
// of the bot before what is only said to it, leave-taking and thanks before a greeting.
const PRECEDENCE: readonly ConversationAct[] = [
  'handoff',
  'human',
  'identity',
  'capabilities',
  'news',
  'menu',
  'insult',
  'goodbye',
  'thanks',
  'ack',
  'greeting',
];

/**
 * The conversation act the message is: the act of the whole, or, when each of its clauses is an act, the one that
 * comes first in PRECEDENCE.
 */
export function conversationAct(text: string): ConversationAct | undefined {
  const whole = actOf(text);
  if (whole) return whole;
  const clauses = clausesOf(text).filter((c) => c.trim());
  if (clauses.length < 2) return undefined;
  // A clause may be small talk the intent patterns know ("chị biết rồi") though the examples do not hold it.
  const each = clauses.map((c) => actOf(c) ?? smallTalkOf(foldKey(c)));
  if (each.every((act) => act !== undefined)) return PRECEDENCE.find((act) => each.includes(act));
  // A greeting or thanks that opens, the rest telling of oneself or praising rather than asking ("Chào cháu, bà mới tập
  // nhắn tin", "cảm ơn nhé, giỏi thật đấy"): that act.
  const [opening] = each;
  const rest = clauses.slice(1).join(' ');
  const aside = wordsOf(rest).length <= MAX_ASIDE_WORDS && !looksLikeQuestion(text) && !clauses.some(looksLikeQuestion);
  return (opening === 'greeting' || opening === 'thanks') && aside ? opening : undefined;
}
/** What follows a greeting or thanks and still goes with it is said in few words; more is what the message is about. */
const MAX_ASIDE_WORDS = 8;

/** The act of a text by its words: the one whose examples hold the most of its weight, if nearly all. */
function actOf(text: string): ConversationAct | undefined {
  const words = [...new Set(wordsOf(text))];
  // A message that points back ("họ có làm giúp được không?", "người đó là ai") asks of what was said before, not of the bot.
  if (words.length === 0 || words.length > MAX_WORDS || pointsBack(text)) return undefined;
  const total = words.reduce((sum, w) => sum + weight(w), 0);
  const language = languageSignal(text) ?? 'all';
  let best: { act: ConversationAct; held: number } | undefined;
  for (const act of acts) {
    const known = vocabulary.get(act)![language];
    if (!words.some((w) => known.has(w) && !FUNCTION_WORDS.has(w))) continue;
    const held = words.reduce((sum, w) => sum + (known.has(w) ? weight(w) : 0), 0) / total;
    if (!best || held > best.held) best = { act, held };
  }
  return best && best.held >= HELD_SHARE ? best.act : undefined;
}
