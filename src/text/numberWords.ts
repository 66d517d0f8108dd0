// Numbers said in words, as voice typing and many elderly citizens write them ("bảy mươi tuổi", "năm hai nghìn hai
// mươi", "tháng mười hai", "hai không hai mốt"), written in digits as the knowledge writes them, so that a limit, a
// year or a month asked is compared with the knowledge's. Only runs that can be nothing else are read: one with a
// multiplier (mươi, trăm, nghìn), a year said digit by digit, or one word before a unit ("ba tuổi", "hai ký") or
// after a date word ("tháng mười"). "năm" after "mười"/"mươi" stays a year ("hai mươi năm" is twenty years).
import { foldDiacritics, hasDiacritics } from './vietnamese.js';

const MARKED = {
  digits: { một: 1, hai: 2, ba: 3, bốn: 4, năm: 5, sáu: 6, bảy: 7, bẩy: 7, tám: 8, chín: 9 } as Record<string, number>,
  // Units after "mươi" said otherwise (hai mươi mốt, hai mươi tư, hai mươi lăm).
  afterTens: { mốt: 1, tư: 4, lăm: 5, nhăm: 5 } as Record<string, number>,
  ten: ['mười'],
  tens: ['mươi'],
  hundred: ['trăm'],
  thousand: ['nghìn', 'ngàn'],
  zero: ['không'],
  zeroTens: ['linh', 'lẻ'],
  // Units read after one number word; typed without marks "cân", "ký" and "tỷ" are other words ("nam can" is "Nam cần").
  unitAfter: /^(?:tuổi|ký|kí|kg|cân|kilo|tỷ|tỉ|triệu|phần trăm|chữ số|ký tự)(?![\p{L}\p{N}])/u,
  dateBefore: /(?:^|\s)(?:ngày|tháng|mùng|mồng)\s*$/u,
};
type Words = {
  digits: Record<string, number>;
  afterTens: Record<string, number>;
  ten: Set<string>;
  tens: Set<string>;
  hundred: Set<string>;
  thousand: Set<string>;
  zero: Set<string>;
  zeroTens: Set<string>;
  unitAfter: RegExp;
  dateBefore: RegExp;
  /** "năm": after "mươi" a year, not five. */
  year: string;
};

function table(fold: (w: string) => string, unitAfter: RegExp, dateBefore: RegExp): Words {
  const keys = (record: Record<string, number>): Record<string, number> =>
    Object.fromEntries(Object.entries(record).map(([k, v]) => [fold(k), v]));
  const set = (words: string[]): Set<string> => new Set(words.map(fold));
  const digits = keys(MARKED.digits);
  return {
    digits,
    afterTens: { ...digits, ...keys(MARKED.afterTens) },
    ten: set(MARKED.ten),
    tens: set(MARKED.tens),
    hundred: set(MARKED.hundred),
    thousand: set(MARKED.thousand),
    zero: set(MARKED.zero),
    zeroTens: set(MARKED.zeroTens),
    unitAfter,
    dateBefore,
    year: fold('năm'),
  };
}

// A message typed with marks is read as written ("Nam" is a name there, not "năm"); one typed without, folded.
const AS_WRITTEN = table((w) => w, MARKED.unitAfter, MARKED.dateBefore);
const FOLDED = table(foldDiacritics, /^(?:tuoi|kg|kilo|trieu|phan tram|chu so)(?![\p{L}\p{N}])/u, /(?:^|\s)(?:ngay|thang|mung|mong)\s*$/u);
const WORD = /\p{L}+/gu;

type Parsed = { value: number; next: number; multiplied: boolean };

/** The text with each run of number words that is surely a number written in digits. */
export function writeNumbers(text: string): string {
  const w = hasDiacritics(text) ? AS_WRITTEN : FOLDED;
  const words = [...text.matchAll(WORD)];
  const run = words.map((m) => (w === AS_WRITTEN ? m[0].toLowerCase() : foldDiacritics(m[0])));
  if (!run.some((word) => word in w.digits || w.ten.has(word))) return text;
  let out = '';
  let copied = 0;
  for (let i = 0; i < words.length;) {
    const end = runEnd(text, words, i);
    const found = yearByDigits(w, run.slice(i, end)) ?? whole(w, run.slice(i, end));
    const last = found && words[i + found.next - 1]!;
    if (found && last) {
      const after = text
        .slice(last.index + last[0].length)
        .trimStart()
        .toLowerCase();
      const before = text.slice(0, words[i]!.index).toLowerCase();
      if (found.multiplied || w.unitAfter.test(after) || w.dateBefore.test(before)) {
        out += text.slice(copied, words[i]!.index) + String(found.value);
        copied = last.index + last[0].length;
        i += found.next;
        continue;
      }
    }
    i++;
  }
  return out + text.slice(copied);
}

/** Where the words from `at` stop being side by side with only spaces between them. */
function runEnd(text: string, words: RegExpExecArray[], at: number): number {
  let end = at + 1;
  while (end < words.length && /^\s+$/u.test(text.slice(words[end - 1]!.index + words[end - 1]![0].length, words[end]!.index))) end++;
  return end;
}

/** "hai không hai mốt", "một chín chín chín": a year said digit by digit (the last two may be "hai mươi"). */
function yearByDigits(w: Words, run: string[]): Parsed | undefined {
  const first = w.digits[run[0] ?? ''];
  if (first !== 1 && first !== 2) return undefined;
  let digits = '';
  let i = 0;
  while (i < run.length && digits.length < 4) {
    const tens = digits.length === 2 ? belowHundred(w, run, i) : undefined;
    if (tens?.multiplied) {
      digits += String(tens.value).padStart(2, '0');
      i = tens.next;
      break;
    }
    const digit = w.zero.has(run[i]!) ? 0 : i > 0 ? w.afterTens[run[i]!] : w.digits[run[i]!];
    if (digit === undefined) break;
    digits += String(digit);
    i++;
  }
  const year = Number(digits);
  return digits.length === 4 && year >= 1900 && year < 2100 ? { value: year, next: i, multiplied: true } : undefined;
}

/** The longest number the run opens with: thousands, hundreds and tens. */
function whole(w: Words, run: string[]): Parsed | undefined {
  const head = belowThousand(w, run, 0);
  if (!head || !w.thousand.has(run[head.next] ?? '')) return head;
  const after = head.next + 1;
  // "hai nghìn không trăm hai mươi", "hai nghìn hai mươi", "hai nghìn".
  const zeroHundreds = w.zero.has(run[after] ?? '') && w.hundred.has(run[after + 1] ?? '');
  const tail = zeroHundreds ? belowHundred(w, run, after + 2) : belowThousand(w, run, after);
  return { value: head.value * 1000 + (tail?.value ?? 0), next: tail?.next ?? after, multiplied: true };
}

function belowThousand(w: Words, run: string[], at: number): Parsed | undefined {
  const digit = w.digits[run[at] ?? ''];
  if (digit === undefined || !w.hundred.has(run[at + 1] ?? '')) return belowHundred(w, run, at);
  const rest = at + 2;
  const unit = w.zeroTens.has(run[rest] ?? '') ? w.digits[run[rest + 1] ?? ''] : undefined;
  if (unit !== undefined) return { value: digit * 100 + unit, next: rest + 2, multiplied: true };
  const tens = belowHundred(w, run, rest);
  return { value: digit * 100 + (tens?.value ?? 0), next: tens?.next ?? rest, multiplied: true };
}

function belowHundred(w: Words, run: string[], at: number): Parsed | undefined {
  const word = run[at];
  if (word === undefined) return undefined;
  const digit = w.digits[word];
  // "mười", "mười lăm", "mười hai": ten and its unit.
  if (digit === undefined) {
    if (!w.ten.has(word)) return undefined;
    const unit = unitAfterTens(w, run[at + 1]);
    return unit === undefined ? { value: 10, next: at + 1, multiplied: false } : { value: 10 + unit, next: at + 2, multiplied: true };
  }
  if (!w.tens.has(run[at + 1] ?? '')) return { value: digit, next: at + 1, multiplied: false };
  const unit = unitAfterTens(w, run[at + 2]);
  return unit === undefined
    ? { value: digit * 10, next: at + 2, multiplied: true }
    : { value: digit * 10 + unit, next: at + 3, multiplied: true };
}

/** The unit after "mười" or "mươi"; "năm" there is a year ("hai mươi năm" is twenty years), "lăm" the five. */
function unitAfterTens(w: Words, word: string | undefined): number | undefined {
  return word === undefined || word === w.year ? undefined : w.afterTens[word];
}

// Someone whose age chat gives as a number and "t" ("mẹ e năm nay 83t", "ông ngoại e 88t rồi", "ng nhà e 81t"): a kin or
// a person, then up to three words ("e năm nay"), then the number. A number and "t" elsewhere may be millions (triệu);
// typed plainly, "co", "di" and "cu" are also "có", "đi" and "cũ" ("toi co 50t" has fifty million): "cu nha" names one.
const AGED =
  /(?<![\p{L}])((?:mẹ|bố|ba|má|ông|bà|cụ|bác|chú|cô|dì|người nhà|ng nhà|nội|ngoại|me|bo|ong|bac|chu|cu nha|nguoi nha|noi|ngoai)(?:\s+[\p{L}]+){0,3}?\s+\d{2,3})t(?![\p{L}\p{N}])/giu;

/** The text with an age given in chat shorthand after someone named written in full ("83t" → "83 tuổi"). */
export function writeAges(text: string): string {
  return text.replace(AGED, (_, aged: string) => `${aged} ${hasDiacritics(text) ? 'tuổi' : 'tuoi'}`);
}
