import { describe, expect, it } from 'vitest';
import type { SearchDoc } from '../src/search/documents.js';
import { SearchIndex } from '../src/search/searchIndex.js';
import { restorePhrase } from '../src/search/restore.js';
import { bestWindow } from '../src/search/proximity.js';

const ids = (index: SearchIndex, query: string): string[] => index.search(query).map((h) => h.id);

describe('SearchIndex', () => {
  const docs: SearchDoc[] = [
    { id: 'folded-only', text: 'Tổng đại lý bưu điền nhận hàng.' },
    { id: 'exact', text: 'Tổng đài bưu điện nhận hàng.' },
    { id: 'abroad', text: 'Gửi bưu phẩm đi nước ngoài mất từ năm đến mười ngày.' },
    { id: 'pension', text: 'Chi trả lương hưu tại bưu cục xã.' },
  ];
  const index = new SearchIndex(docs);

  it('reports its size', () => {
    expect(index.size).toBe(4);
  });

  it('ranks an exact-diacritic match above a folded-only one', () => {
    expect(ids(index, 'tổng đài bưu điện')[0]).toBe('exact');
    expect(ids(index, 'tổng đại bưu điền')[0]).toBe('folded-only');
  });

  it('finds the accented passage from a query typed without diacritics', () => {
    expect(ids(index, 'gui buu pham di nuoc ngoai')[0]).toBe('abroad');
    expect(ids(index, 'luong huu')[0]).toBe('pension');
  });

  it('tolerates a one-letter typo in a longer syllable', () => {
    const hits = index.search('luongg huu');
    expect(hits[0]?.id).toBe('pension');
    expect(hits[0]?.coverage).toBe(1);
    expect(ids(index, 'nươc ngoaì')[0]).toBe('abroad');
  });

  it('prefers the passage where the syllables form the phrase', () => {
    const phraseIndex = new SearchIndex([
      { id: 'scattered', text: 'Phát hàng rồi chuyển tiếp nhanh.' },
      { id: 'phrase', text: 'Chuyển phát nhanh hàng rồi tiếp.' },
    ]);
    expect(ids(phraseIndex, 'chuyển phát nhanh')[0]).toBe('phrase');
    expect(ids(phraseIndex, 'chuyen phat nhanh')[0]).toBe('phrase');
  });

  it('weights the title above the text', () => {
    const titled = new SearchIndex([
      { id: 'in-text', text: 'Hướng dẫn tra cứu vận đơn trên trang web.' },
      { id: 'in-title', title: 'Tra cứu vận đơn', text: 'Hướng dẫn trên trang web.' },
    ]);
    expect(ids(titled, 'tra cứu vận đơn')[0]).toBe('in-title');
  });

  it('returns nothing for an empty or function-word-only query', () => {
    expect(index.search('')).toEqual([]);
    expect(index.search('  ?! ')).toEqual([]);
    expect(index.search('là gì vậy?')).toEqual([]);
    expect(index.search('la gi vay')).toEqual([]);
  });

  it('reports coverage as the share of distinct content syllables found', () => {
    const hit = index.search('lương hưu máy bay').find((h) => h.id === 'pension');
    expect(hit?.coverage).toBe(0.5);
  });

  it('applies limit and filter', () => {
    expect(index.search('bưu', { limit: 2 })).toHaveLength(2);
    expect(index.search('bưu', { filter: (id) => id === 'pension' }).map((h) => h.id)).toEqual(['pension']);
  });

  it('works on an empty corpus', () => {
    expect(new SearchIndex([]).search('bưu điện')).toEqual([]);
  });
});

describe('restorePhrase', () => {
  // Folded 0 = "co" with forms 10 "có" (frequent) and 11 "cô"; folded 1 = "giao" with form 12 "giáo".
  const stats = {
    forms: (f: number) => (f === 0 ? [10, 11] : f === 1 ? [12] : []),
    count: (form: number) => ({ 10: 50, 11: 5, 12: 5 })[form] ?? 0,
    pairCount: (a: number, b: number) => (a === 11 && b === 12 ? 5 : 0),
  };

  it('takes the most frequent form alone and the form its neighbour supports in context', () => {
    expect(restorePhrase([0], stats)).toEqual([10]);
    expect(restorePhrase([0, 1], stats)).toEqual([11, 12]);
  });

  it('leaves unknown syllables unrestored', () => {
    expect(restorePhrase([0, -1, 1], stats)).toEqual([10, -1, 12]);
  });
});

describe('bestWindow', () => {
  // Term 7 is query slot 0, term 8 slot 1; -1 is a phrase break.
  const slots = [-1, -1, -1, -1, -1, -1, -1, 0, 1];

  it('finds the stretch holding the most query weight, counting each term once', () => {
    // 7 and 8 are 5 apart, then 1 apart at the end.
    const terms = [7, 0, 0, -1, 0, 8, 0, 7, 7, 8];
    expect(bestWindow(terms, 0, terms.length, 2, slots, [1, 2])).toBe(3);
    expect(bestWindow(terms, 0, 7, 2, slots, [1, 2])).toBe(2);
    expect(bestWindow(terms, 0, 7, 6, slots, [1, 2])).toBe(3);
    expect(bestWindow(terms, 1, 7, 6, slots, [1, 2])).toBe(2);
  });
});

describe('second stage', () => {
  it('prefers the passage where the query words stand together', () => {
    const filler = 'một hai ba bốn năm sáu bảy tám chín mười mười một mười hai mười ba mười bốn mười lăm';
    const index = new SearchIndex([
      { id: 'apart', text: `Cước phí ${filler} ${filler} gửi thư.` },
      { id: 'together', text: `Cước phí khi gửi thư ${filler} ${filler}.` },
    ]);
    expect(ids(index, 'thư cước')[0]).toBe('together');
  });
});
