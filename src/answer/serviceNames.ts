// The services the knowledge entries name, read from their titles and questions when the knowledge is
// loaded, so a question naming one service ("chuyển phát nhanh EMS", "bảo hiểm xã hội") is held to entries
// that name it, and one naming a service no entry knows ("chuyển tiền nhanh", "bảo hiểm xe máy") to none.
// Only the kind words that begin a service name are fixed here; the names after them come from the entries.
import type { EntryWithFile } from '../knowledge/entryFiles.js';
import { foldDiacritics, hasDiacritics, normalizeVietnamese } from '../text/vietnamese.js';

// "bưu kiện" and "bưu phẩm" are left out: what follows them is mostly a size, a weight or a state ("bưu kiện
// nặng 40kg", "bưu phẩm chưa nhận được", "bưu phẩm mã số …"), not a service, and tracking must not fall back.
// "cho vay" (lending) is a kind no entry names: a question about loans is held to none.
const KINDS = ['chuyen phat', 'chuyen tien', 'gui tien', 'bao hiem', 'tiet kiem', 'cho vay'];
// Words after a kind word that say something about the question (or for whom: "chuyển tiền người nhà"), not which service. A word typed with
// diacritics is compared as written ("bảo hiểm ô tô": "ô" is no "ở"), one typed without, folded.
const NOT_NAME = new Set(
  `qua ở tại của cho đi đến tới ra vào về từ sang có mất phí bao nhiêu là gì không thế nào như được cần phải gửi mua nhận đóng
  làm với và hay hoặc này đó thì mà à nhỉ nhé vậy rồi bằng trên trong ngày tháng năm bị hết lâu mấy khi đâu cách sao
  dịch vụ tạm ngừng dừng mở bắt kết thúc tối đa thiểu nhiều ít giá cước lệ mức hạn rẻ đắt an toàn liền ngay luôn chưa đã sẽ
  đang vẫn cũng chỉ mỗi các những một mã số kia ấy tôi mình em anh chị tỉnh bắc kạn huyện hàng hóa đồ đơn gói thư tài liệu giấy tờ
  người gia đình bố mẹ con cháu nhà quê thân`.split(/\s+/u),
);
const NOT_NAME_FOLDED = new Set([...NOT_NAME].map(foldDiacritics));

/** A text's words, as written (lower case, NFC) and folded. */
interface Words {
  written: string[];
  folded: string[];
}

function wordsOf(text: string): Words {
  const written =
    normalizeVietnamese(text)
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? [];
  return { written, folded: written.map(foldDiacritics) };
}

function notName(word: string): boolean {
  return /\d/u.test(word) || (hasDiacritics(word) ? NOT_NAME.has(word) : NOT_NAME_FOLDED.has(word));
}

export class ServiceNames {
  private readonly names = new Set<string>();
  /** The kind word with the first name word of each name ("chuyen phat nhanh"). */
  private readonly prefixes = new Set<string>();
  /** Brand names the titles use (EMS, Postmart): a question naming one is held to entries naming it. */
  private readonly brands = new Set<string>();

  constructor(entries: readonly EntryWithFile[]) {
    for (const e of entries) {
      for (const text of [e.title ?? '', ...e.questions.vi]) {
        const words = wordsOf(text);
        words.folded.forEach((_, i) => {
          const name = nameAt(words, i);
          if (!name) return;
          this.names.add(name);
          this.prefixes.add(name.split(' ').slice(0, 3).join(' '));
        });
      }
      const title = e.title ?? '';
      for (const word of title.match(/\b[A-Z]{3,}\b/gu) ?? []) this.brands.add(word.toLowerCase());
      if (/^[A-Za-z]+$/u.test(title)) this.brands.add(title.toLowerCase());
    }
  }

  /** Whether a folded word is a brand name a title uses ("postmart", "ems"). */
  isBrand(word: string): boolean {
    return this.brands.has(word);
  }

  /** The services a question names (folded): the name the entries use, a kind word with a name no entry uses, or a kind word alone. */
  named(question: string): string[] {
    const words = wordsOf(question);
    const found = words.folded.filter((w) => this.brands.has(w));
    words.folded.forEach((_, i) => {
      const name = nameAt(words, i);
      // A kind word alone is a service too, held as a phrase: "chuyển tiền" asked is not "chuyển phát … thu tiền".
      const kind = words.folded.slice(i, i + 2).join(' ');
      if (!name && KINDS.includes(kind)) found.push(kind);
      if (!name) return;
      // A name the entries use is held as such; "chuyển phát nhanh hà nội" to the "chuyển phát nhanh" they
      // use; a name they do not use ("bảo hiểm ô tô") as asked, so that no entry about another service answers.
      const short = name.split(' ').slice(0, 3).join(' ');
      found.push(this.names.has(name) || !this.prefixes.has(short) ? name : short);
    });
    return [...new Set(found)];
  }
}

/** A kind word with the one or two name words after it ("chuyen phat nhanh ems", folded), if the words at i begin one. */
function nameAt(words: Words, i: number): string | undefined {
  const kind = words.folded.slice(i, i + 2).join(' ');
  if (!KINDS.includes(kind)) return undefined;
  const rest: string[] = [];
  for (let j = i + 2; j < Math.min(i + 4, words.written.length) && !notName(words.written[j]!); j++) {
    // "chuyển tiền bưu điện": the post office is who, not which service; "chuyển tiền tiết kiệm": two services.
    if (words.folded[j] === 'buu' && /^(?:dien|cuc|chinh)$/u.test(words.folded[j + 1] ?? '')) break;
    if (KINDS.includes(words.folded.slice(j, j + 2).join(' '))) break;
    rest.push(words.folded[j]!);
  }
  return rest.length ? `${kind} ${rest.join(' ')}` : undefined;
}
