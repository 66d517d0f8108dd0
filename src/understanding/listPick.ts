// An item picked by its place in what the bot just listed: "cái thứ hai là gồm những gì?" after "… bốn nhóm dịch vụ
// chính: bưu chính chuyển phát, tài chính bưu chính, …", "the third one" after the same in English, "mục 2" after the
// numbered lines of the news. The pick is read as the item's own words. With nothing listed, it points to the answer just
// given, or, with none, is asked what it is about (followUp.ts). An item named by all its words is found in a list too
// (`namedItem`): the answers read it against the list an entry's answer opens with.
import { foldDiacritics, foldKey, normalizeVietnamese } from '../text/vietnamese.js';

/** At most this many items are kept, each of at most this many words: a list, not sentences that happen to have commas. */
const MAX_ITEMS = 8;
const MAX_ITEM_WORDS = 6;
/** A numbered line (a news title, a line staff typed) is kept to this many characters: the memory is saved every turn. */
const MAX_LINE_CHARS = 160;

// What is counted ("cái", "mục", "nhóm", "dịch vụ", …), then its place ("thứ hai", "đầu tiên", "cuối cùng"); "mục 2",
// "cái số 2" by number. Not a day ("hôm thứ hai" is Monday), nor "chữ cái cuối" (a letter), nor "số 2" alone (a form's or a
// house's number): only after a word that counts items.
const COUNTED = String.raw`cai|muc|nhom|loai|y|dich vu|dv|dieu|dong|phan|khoan|mon|lua chon|phuong an|hinh thuc|cach|bai|tin|thong bao`;
const PLACE_VI: Readonly<Record<string, number>> = { nhat: 0, hai: 1, ba: 2, tu: 3, nam: 4 };
// Where it was listed, after the pick, points back to the list the item now names ("cái thứ hai trong đó", "mục 2 chị vừa kể").
const LISTED_VI = String.raw`(?: (?:trong (?:so )?(?:do|nay|kia)|o tren|(?:ma )?(?:chi|em|anh|ban|bot|ad)? ?vua (?:ke|noi|neu|liet ke|nhac)))?`;
const PICK_VI = new RegExp(
  String.raw`\b(?:(?<!chu )(?:${COUNTED}) (?:thu (nhat|hai|ba|tu|nam)|(dau tien|cuoi cung|cuoi))|(?:muc|y|cai|phan|dong|lua chon|phuong an)(?: so)? ([1-9])(?![.,/:]\d))${LISTED_VI}\b`,
  'u',
);
const PLACE_EN: Readonly<Record<string, number>> = { first: 0, second: 1, third: 2, fourth: 3, fifth: 4 };
// Its place with what is counted ("the second one", "the third option"): "the first time" is no item.
const PICK_EN =
  /\bthe (first|second|third|fourth|fifth|last) (?:one|item|option|point|group|kind|type|service|entry|thing)(?: (?:on|in) (?:the|that|your) list| you (?:just )?(?:mentioned|listed))?\b|\b(?:number|item|option) ([1-9])\b/u;

interface Pick {
  /** The item's place; -1: the last. */
  place: number;
  at: number;
  length: number;
}

function picked(folded: string): Pick | undefined {
  const vi = PICK_VI.exec(folded);
  if (vi) {
    const [, nth, end, digit] = vi;
    const place = nth ? PLACE_VI[nth]! : end ? (end === 'dau tien' ? 0 : -1) : Number(digit) - 1;
    return { place, at: vi.index, length: vi[0].length };
  }
  const en = PICK_EN.exec(folded);
  if (!en) return undefined;
  const [, word, digit] = en;
  const place = word ? (word === 'last' ? -1 : PLACE_EN[word]!) : Number(digit) - 1;
  return { place, at: en.index, length: en[0].length };
}

/** Whether the message picks an item by its place ("cái thứ hai", "mục cuối", "the second one"). */
export function picksItem(text: string): boolean {
  return picked(foldDiacritics(normalizeVietnamese(text).toLowerCase())) !== undefined;
}

/** The message without the item it picks by place ("cái thứ hai", "mục cuối", "the second one"); undefined when it picks none. */
export function withoutPick(text: string): string | undefined {
  return replacePick(text, () => ' ');
}

/**
 * The items a reply lists: its numbered lines ("1. …"), or the list after a colon or "gồm" up to the sentence's end
 * ("…: bưu chính chuyển phát, tài chính bưu chính, phân phối – bán lẻ và dịch vụ hành chính công."). None when it lists
 * nothing, or what follows is sentences rather than items.
 */
export function listedItems(reply: string): string[] {
  const numbered = [...reply.matchAll(/^\s*\d+[.)]\s+(.+)$/gmu)].map((m) => m[1]!.replace(/\s*\(\d\d\/\d\d\/\d{4}\)\s*$/u, '').trim());
  if (numbered.length >= 2) return numbered.slice(0, MAX_ITEMS).map((line) => line.slice(0, MAX_LINE_CHARS));
  const list = /(?::|\bgồm|\bincluding)\s+([^.?!:]+)/u.exec(reply)?.[1];
  if (!list) return [];
  // Only the last item is joined by "và"/"and" ("A, B, C và D", "A, B, and D"): an item before it may hold one ("postal and
  // express delivery").
  const parts = list.split(/\s*[,;]\s*/u).map((part) => part.trim());
  const last = parts.pop()!;
  const joined = /^(?:và|and)\s+/u.test(last) ? [last.replace(/^(?:và|and)\s+/u, '')] : last.split(/\s+(?:và|and)\s+(?!.*\s(?:và|and)\s)/u);
  const items = [...parts, ...joined].filter(Boolean);
  const short = items.every((item) => item.split(/\s+/u).length <= MAX_ITEM_WORDS);
  return items.length >= 2 && items.length <= MAX_ITEMS && short ? items : [];
}

/**
 * The one item of a list that the message names by all its words, two or more ("mảng tài chính bưu chính cụ thể có những
 * gì" names "tài chính bưu chính"); undefined when it names none, or several.
 */
export function namedItem(text: string, items: readonly string[]): string | undefined {
  const words = new Set(foldKey(text).split(' '));
  const named = items.filter((item) => {
    const own = foldKey(item).split(' ').filter(Boolean);
    return own.length >= 2 && own.every((word) => words.has(word));
  });
  return named.length === 1 ? named[0] : undefined;
}

/** The message with the item it picks by place written in its stead; undefined when it picks none of these items. */
export function withItemPicked(text: string, items: readonly string[] | undefined): string | undefined {
  if (!items?.length) return undefined;
  return replacePick(text, (place) => (place === -1 ? items.at(-1) : items[place]));
}

/** The message with what it picks by place replaced; undefined when it picks nothing, or nothing stands at that place. */
function replacePick(text: string, at: (place: number) => string | undefined): string | undefined {
  const typed = normalizeVietnamese(text);
  // Folding keeps one character per character of the NFC text, so what is found in it is cut from the text as typed.
  const folded = foldDiacritics(typed.toLowerCase());
  if (folded.length !== typed.length) return undefined;
  const pick = picked(folded);
  const item = pick && at(pick.place);
  if (!pick || item === undefined) return undefined;
  return `${typed.slice(0, pick.at)}${item}${typed.slice(pick.at + pick.length)}`;
}
