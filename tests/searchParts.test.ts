import { describe, expect, it } from 'vitest';
import { seededRandom, syntheticCorpus, withTypo } from '../src/evaluation/synthetic.js';
import { TypoIndex } from '../src/search/typos.js';
import { phrases } from '../src/search/analyze.js';
import { topK } from '../src/search/topK.js';
import { restoreReadings, savedReadings, type SearchDoc } from '../src/search/documents.js';
import { SearchIndex } from '../src/search/searchIndex.js';

describe('TypoIndex', () => {
  const index = new TypoIndex(['nguoi', 'dien', 'thuong', 'truong', 'abcde']);

  it('finds vocabulary syllables one insertion, deletion, substitution or swap away', () => {
    expect(index.corrections('nguoii')).toEqual([0]);
    expect(index.corrections('ngoi')).toEqual([]); // too short to correct
    expect(index.corrections('nguoj')).toEqual([0]);
    expect(index.corrections('ngoui')).toEqual([0]);
    expect(index.corrections('thuongg')).toEqual([2]);
    expect(index.corrections('dienn')).toEqual([1]);
    expect(index.corrections('truong').sort()).toEqual([2, 3]); // itself, and thuong (r → h)
  });

  it('rejects pairs two edits apart that share a deletion', () => {
    // abcde and bxcde both lose a letter to give bcde, but are two substitutions apart.
    expect(index.corrections('bxcde')).toEqual([]);
  });
});

describe('phrases', () => {
  it('breaks at clause punctuation but not inside numbers', () => {
    expect(phrases('Cước 1.000 đồng, giao trong 2 ngày. Hỏi: tổng đài')).toEqual([
      ['cước', '1', '000', 'đồng'],
      ['giao', 'trong', '2', 'ngày'],
      ['hỏi'],
      ['tổng', 'đài'],
    ]);
  });
});

describe('synthetic corpora', () => {
  const real = [
    { id: 'a', text: 'Gửi thư trong nước. Nhận tiền tại quầy.' },
    { id: 'b', text: 'Tra cứu vận đơn trên trang web của bưu điện.' },
  ];

  it('are deterministic, of the asked size, made of real sentences', () => {
    const one = syntheticCorpus(real, 50);
    expect(one).toEqual(syntheticCorpus(real, 50));
    expect(one).toHaveLength(50);
    const sentences = new Set(['Gửi thư trong nước.', 'Nhận tiền tại quầy.', 'Tra cứu vận đơn trên trang web của bưu điện.']);
    for (const doc of one) {
      for (const s of doc.text.split(/(?<=\.) /u)) expect(sentences.has(s)).toBe(true);
    }
  });

  it('put one slip in the longest syllable of 5+ letters', () => {
    const random = seededRandom(3);
    for (let i = 0; i < 20; i++) {
      const typo = withTypo('gửi thương binh', random);
      const [a, b, c] = typo.split(' ');
      expect([a, c]).toEqual(['gửi', 'binh']);
      expect(b).not.toBe('thương');
      expect(Math.abs(b!.length - 'thương'.length)).toBeLessThanOrEqual(1);
    }
    expect(withTypo('gửi thư', random)).toBe('gửi thư');
  });
});

describe('phrases with a word cache', () => {
  it('gives the same syllables as without', () => {
    const cache = new Map<string, string[]>();
    const texts = [
      'Điều  2. \tMột số thuật ngữ: ĐHCNTT – ĐHQG-HCM; hoà/hòa, thuỷ, KHOẺ khỏe',
      'Giá 1.000đ, 3,5kg (EMS) “nhanh” Q2a-b x10',
      'Giá 1.000đ, 3,5kg (EMS) “nhanh” Q2a-b x10',
    ];
    for (const text of texts) expect(phrases(text, cache)).toEqual(phrases(text));
    expect(cache.size).toBeGreaterThan(0);
  });
});

describe('topK', () => {
  it('returns the k best candidates in order, ties broken by the smaller index', () => {
    const random = seededRandom(7);
    const scores = Array.from({ length: 500 }, () => Math.floor(random() * 50));
    const candidates = Array.from({ length: 500 }, (_, i) => i).filter((i) => i % 3 !== 0);
    const expected = [...candidates].sort((a, b) => scores[b]! - scores[a]! || a - b).slice(0, 20);
    expect(topK(candidates, candidates.length, scores, 20)).toEqual(expected);
    expect(topK(candidates, 5, scores, 20)).toEqual([...candidates.slice(0, 5)].sort((a, b) => scores[b]! - scores[a]! || a - b));
    expect(topK(candidates, candidates.length, scores, 0)).toEqual([]);
  });
});

describe('readings kept with a saved version', () => {
  const texts = ['Bưu điện tỉnh tổ chức hội nghị tổng kết', 'Doanh thu năm 2020 đạt 114 tỷ đồng', 'Tổng đài 1900 54 54 81'];
  const docsOf = (sources: object[]): SearchDoc[] =>
    texts.map((text, i) => ({ id: `a#${i}`, title: 'Kế hoạch năm 2021', text, source: sources[i] }));

  it('an index over restored readings answers as one over readings made from the texts', () => {
    const first = texts.map(() => ({}));
    new SearchIndex(docsOf(first));
    const saved = savedReadings(first);
    // New objects, as a start from the snapshot has: nothing read for them yet but what is restored.
    const restored = texts.map(() => ({}));
    restoreReadings(restored, saved);
    const again = new SearchIndex(docsOf(restored));
    const fresh = new SearchIndex(docsOf(texts.map(() => ({}))));
    for (const query of ['doanh thu 2020', 'tong dai', 'hội nghị', 'kế hoạch']) expect(again.search(query)).toEqual(fresh.search(query));
  });

  it('a restored reading is not read from the text again', () => {
    const first = texts.map(() => ({}));
    new SearchIndex(docsOf(first));
    const saved = savedReadings(first);
    saved.terms[saved.terms.indexOf('doanh')] = 'qqqz';
    const restored = texts.map(() => ({}));
    restoreReadings(restored, saved);
    expect(new SearchIndex(docsOf(restored)).search('qqqz').map((hit) => hit.id)).toEqual(['a#1']);
    expect(new SearchIndex(docsOf(texts.map(() => ({})))).search('qqqz')).toEqual([]);
  });
});
