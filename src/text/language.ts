// The languages the bot answers in, and which one a message is written in: Vietnamese, and English for
// citizens who write it.
import { wellFormedSyllable } from './syllables.js';
import { decodeTelex, fromTelex } from './telex.js';
import { foldDiacritics, hasDiacritics } from './vietnamese.js';

export type Language = 'vi' | 'en';

/**
 * The language a message is written in, or undefined when it gives no sign: only loanwords Vietnamese
 * citizens use ("hotline", "ok", "ship cod", "zalo"), shorthand ("sđt", "ib", "ad"), codes, numbers or emoji.
 * Diacritics make it Vietnamese, except in capitalised names inside an English message and a few words an English one
 * borrows ("through the bưu điện"). Otherwise each word counts: Vietnamese typed without diacritics is made of
 * Vietnamese syllables ("tong dai buu dien"); English words mostly are not ("parcel", "what", "thanks").
 * Short English words that also spell a Vietnamese syllable ("can", "the", "to", "my") count as English only
 * beside a word that can only be English, so "can gui hang" stays Vietnamese.
 */
export function languageSignal(text: string | undefined, opening = false): Language | undefined {
  if (!text || isNameAlone(text)) return undefined;
  const shouting = text === text.toUpperCase();
  const plain = withoutNames(text, shouting);
  if (hasDiacritics(plain)) return borrowsVietnamese(plain, shouting, opening) ? 'en' : 'vi';
  // Telex typed with the input method off ("buwu ddieenj") is Vietnamese, though its words are no syllables as typed.
  if (decodeTelex(plain) !== plain) return 'vi';
  const signal = wordsSignal(plain, shouting, opening);
  // Names with diacritics are Vietnamese unless the words around them are English.
  return signal !== 'en' && plain !== text ? 'vi' : signal;
}

// Words with diacritics an English message may borrow ("through the bưu điện", "my land-use paperwork (sổ đỏ)"), at most, and
// how many English words it has for each.
const MAX_BORROWED = 4;
const ENGLISH_PER_BORROWED = 2;
const MARKED_WORD = /[\p{L}\p{M}]*[^\p{ASCII}\P{L}][\p{L}\p{M}]*/gu;

/** Whether a message with diacritics is English that borrows a few Vietnamese words: its other words are English. */
function borrowsVietnamese(text: string, shouting: boolean, opening: boolean): boolean {
  const borrowed = text.match(MARKED_WORD)?.length ?? 0;
  const rest = text.replace(MARKED_WORD, ' ');
  const words = rest.match(/[A-Za-z]+/gu)?.length ?? 0;
  return borrowed <= MAX_BORROWED && words >= ENGLISH_PER_BORROWED * borrowed && wordsSignal(rest, shouting, opening) === 'en';
}

// The most common Vietnamese family names (folded), which nearly every Vietnamese name starts or, written the
// Western way, ends with.
const FAMILY_NAMES = new Set(
  'nguyen tran le pham hoang huynh phan vu vo dang bui do ho ngo duong ly dinh doan trinh truong lam mai cao ha luong kieu ta'.split(' '),
);

/**
 * A person's name on its own ("Minh Tran", "Nguyễn Văn An", typed at a form's name step): two to four
 * capitalised Vietnamese syllables beginning or ending with a family name. It says nothing of the language its
 * owner writes in ("Cho Hỏi Giờ Mở Cửa" is no name).
 */
function isNameAlone(text: string): boolean {
  const words = text.trim().split(/\s+/u);
  const folded = words.map((w) => foldDiacritics(w.toLowerCase()));
  return (
    words.length >= 2 &&
    words.length <= 4 &&
    words.every((w, i) => /^\p{Lu}\p{Ll}*$/u.test(w) && wellFormedSyllable(folded[i]!)) &&
    (FAMILY_NAMES.has(folded[0]!) || FAMILY_NAMES.has(folded[folded.length - 1]!))
  );
}

/**
 * The language of a text without diacritics, word by word. An `opening` message, the conversation's first, has no
 * language to stand on, so one English word beside a loanword and no Vietnamese ("ok noted", "hey, hello") is English.
 */
function wordsSignal(text: string, shouting: boolean, opening: boolean): Language | undefined {
  // An English contraction is one English word ("you're", "don't"), not "you" and a syllable "re"; the chat shorthand "r u"
  // is "are you" ("who r u"): Vietnamese chat never puts "rồi" and "ừ" side by side.
  const words = text.replace(/\b[Rr] [Uu]\b/gu, 'are you').match(/[A-Za-z]+(?:['’][A-Za-z]+)?/gu) ?? [];
  // A whole message that is an English phrase ("bye bye", "got it") is English, whatever its words alone say.
  if (STANDALONE_ENGLISH.has(words.join(' ').toLowerCase())) return 'en';
  let english = 0;
  let shortEnglish = 0;
  let vietnamese = 0;
  let telex = 0;
  for (const [index, raw] of words.entries()) {
    const word = raw.toLowerCase();
    // A capitalised name inside the message ("When was Bac Kan merged with Thai Nguyen?") is in no language.
    if (index > 0 && !shouting && /^[A-Z][a-z]/u.test(raw) && wellFormedSyllable(word)) continue;
    // Loanwords and shorthand; an acronym in capitals (EMS, BHXH, GY-7K3Q), or of two letters in a message all in capitals.
    const acronym = raw.length > 1 && raw === raw.toUpperCase() && (!shouting || raw.length <= 2);
    if (NEUTRAL_WORDS.has(word) || !/[aeiouy]/u.test(word) || acronym) continue;
    if (SHORT_ENGLISH.has(word)) shortEnglish++;
    else if (wellFormedSyllable(word)) vietnamese++;
    else if (/[âăêôơưđ]/u.test(fromTelex(word) ?? '')) telex++;
    else english++;
  }
  // Words typed in Telex with a shaped vowel or đ, the input method off, among plain ones ("gui 1 kienj toi ddaa nawng
  // maays"): Vietnamese when there are several; one alone is as likely English ("too", "soon").
  if (telex >= MIN_TELEX_WORDS) vietnamese += telex;
  else english += telex;
  if (english === 0) return vietnamese + shortEnglish > 0 ? 'vi' : undefined;
  // One such word alone ("abc", "Cancel", "thanks") says too little: the conversation's language stands.
  // An opening of one word alone ("abc", a run of letters) or all in capitals ("KN-UYY4", a reference) says no more.
  if (english === 1 && shortEnglish === 0 && vietnamese === 0 && (!opening || shouting || words.length < 2)) return undefined;
  return english + shortEnglish > vietnamese ? 'en' : 'vi';
}

/**
 * The text without the capitalised words after its first that carry diacritics: a Vietnamese name inside an
 * English question ("Which province did Bắc Kạn merge into?") says nothing of the language it is written in.
 */
function withoutNames(text: string, shouting: boolean): string {
  if (shouting) return text;
  return text.replace(/(?<=\S\s+)\p{Lu}\p{Ll}*/gu, (word) => (hasDiacritics(word) ? ' ' : word));
}

/** The language to answer a single message in, with no conversation around it: Vietnamese unless it is English. */
export function detectLanguage(text: string | undefined): Language {
  return languageSignal(text) ?? 'vi';
}

/** Whether Vietnamese chat borrows the word as it is ("hotline", "ship", "vnpost"): it says no language. */
export function borrowedInVietnamese(word: string): boolean {
  return NEUTRAL_WORDS.has(word.toLowerCase());
}

/** Telex words with a shaped vowel that make a message without diacritics Vietnamese. */
const MIN_TELEX_WORDS = 2;
const NEUTRAL_WORDS = new Set(
  (
    'hotline bot ok oke okay oki okie okela menu ship shipper cod online offline app email mail gmail zalo inbox ib ad admin fb facebook ' +
    'web website link sms otp atm qr code check chat hi hello alo sim wifi internet shop order ems vnpost postmart viettel momo pm tks thks ' +
    'bhyt ubnd vneid hix hic huhu haha hihi hehe uh uhm oh ah ak uk hok hem wa bik mik thik ik nhik'
  ).split(' '),
);
// English words that are a whole message on their own ("help" asks for the English menu, "hi there" greets in English).
// Short words English and Vietnamese chat share ("bye", "ok", "hi") are English when the whole message is an English
// phrase ("bye bye", "got it", "hi bot").
const STANDALONE_ENGLISH = new Set(
  'help|help me|hiya|hi there|hello there|hey there|hi bot|hello bot|goodbye|bye bye|bye now|see you|see you later|got it|i got it|good morning|good afternoon|good evening'.split(
    '|',
  ),
);
const SHORT_ENGLISH = new Set(
  'a an am at be but bye can day do get go got he i in it me my nah no nope not on pay so than that the them then thing to up we yeah yep yup'.split(
    ' ',
  ),
);
