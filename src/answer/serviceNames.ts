// The services the knowledge entries name, read from their titles and questions when the knowledge is
// loaded, so a question naming one service ("chuyển phát nhanh EMS", "bảo hiểm xã hội") is held to entries
// that name it, and one naming a service no entry knows ("chuyển tiền nhanh", "bảo hiểm xe máy") to none.
// Only the kind words that begin a service name are fixed here; the names after them come from the entries.
import type { EntryWithFile } from '../knowledge/entryFiles.js';
import { foldKey } from '../text/vietnamese.js';

// "bưu kiện" is left out: what follows it is mostly a size or weight ("bưu kiện nặng 40kg", "bưu kiện lớn"), not a service.
const KINDS = ['chuyen phat', 'chuyen tien', 'bao hiem', 'tiet kiem', 'buu pham'];
// Words after a kind word that say something about the question, not which service.
const NOT_NAME = new Set(
  `qua o tai cua cho di den toi ra vao ve tu sang co mat phi bao nhieu la gi khong the nao nhu duoc can phai gui mua nhan dong
  lam voi va hay hoac nay do thi ma a nhi nhe vay roi bang tren trong ngay thang nam bi het lau may khi dau cach sao
  dich vu tam ngung dung mo bat ket thuc`.split(/\s+/u),
);

export class ServiceNames {
  private readonly names = new Set<string>();
  /** Brand names the titles use (EMS, Postmart): a question naming one is held to entries naming it. */
  private readonly brands = new Set<string>();

  constructor(entries: readonly EntryWithFile[]) {
    for (const e of entries) {
      for (const text of [e.title ?? '', ...e.questions.vi]) {
        const words = foldKey(text).split(' ');
        words.forEach((_, i) => {
          const name = nameAt(words, i);
          if (name) this.names.add(name);
        });
      }
      const title = e.title ?? '';
      for (const word of title.match(/\b[A-Z]{3,}\b/gu) ?? []) this.brands.add(word.toLowerCase());
      if (/^[A-Za-z]+$/u.test(title)) this.brands.add(title.toLowerCase());
    }
  }

  /** The services a question names (folded): the name the entries use, or a kind word with a name no entry uses. */
  named(question: string): string[] {
    const words = foldKey(question).split(' ');
    const found = words.filter((w) => this.brands.has(w));
    words.forEach((_, i) => {
      const name = nameAt(words, i);
      if (!name) return;
      // "bảo hiểm xã hội" is a name the entries use; "bảo hiểm xe máy" is not: held to "bảo hiểm xe", which none names.
      const short = name.split(' ').slice(0, 3).join(' ');
      found.push(this.names.has(name) ? name : short);
    });
    return [...new Set(found)];
  }
}

/** A kind word with the one or two name words after it ("chuyen phat nhanh ems"), if the words at i begin one. */
function nameAt(words: string[], i: number): string | undefined {
  const kind = words.slice(i, i + 2).join(' ');
  if (!KINDS.includes(kind)) return undefined;
  const rest: string[] = [];
  for (const w of words.slice(i + 2, i + 4)) {
    if (NOT_NAME.has(w) || /\d/u.test(w)) break;
    rest.push(w);
  }
  return rest.length ? `${kind} ${rest.join(' ')}` : undefined;
}
