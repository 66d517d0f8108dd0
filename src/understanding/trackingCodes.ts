// UPU S10 item codes (e.g. CQ724476204VN): 2 letters, 8-digit serial, 1 check digit, 2-letter country code.
// Found anywhere in a message, in any case, with spaces or dashes inside; each is checked, never looked up:
// there is no public tracking API, so the bot only links to VNPost's tracking page.
export const EXAMPLE_CODE = 'CQ724476204VN';
const WEIGHTS = [8, 6, 4, 2, 3, 5, 9, 7];

export type CodeCheck =
  | { code: string; valid: true; url: string }
  | { code: string; valid: false; problem: 'length'; digits: number }
  | { code: string; valid: false; problem: 'letters' | 'checkDigit' };

/** The S10 check digit of an 8-digit serial. */
export function s10CheckDigit(serial: string): number {
  const sum = [...serial].reduce((total, digit, i) => total + Number(digit) * WEIGHTS[i]!, 0);
  const c = 11 - (sum % 11);
  return c === 10 ? 0 : c === 11 ? 5 : c;
}

export function trackingUrl(code: string): string {
  return `https://www.vnpost.vn/vi-vn/dinh-vi/buu-pham?key=${encodeURIComponent(code)}`;
}

// Letters, 7–11 digits (spaces, dashes or dots between them), letters.
const CANDIDATE = /(?<![\p{L}\p{N}])([a-z]{2})((?:[\s.-]*\d){7,11})[\s.-]*([a-z]{2})(?![\p{L}\p{N}])/giu;
// A run of letters and digits as long as a code, with the letters in the wrong places.
const MISSHAPEN = /(?<![\p{L}\p{N}])[a-z0-9]{11,15}(?![\p{L}\p{N}])/giu;

function check(code: string): CodeCheck {
  const serial = code.slice(2, -3);
  const digits = code.length - 4;
  if (digits !== 9) return { code, valid: false, problem: 'length', digits };
  if (s10CheckDigit(serial) !== Number(code[10])) return { code, valid: false, problem: 'checkDigit' };
  return { code, valid: true, url: trackingUrl(code) };
}

export function findTrackingCodes(text: string): CodeCheck[] {
  const found = new Map<string, CodeCheck>();
  const covered: Array<[number, number]> = [];
  for (const m of text.matchAll(CANDIDATE)) {
    const code = m[0].replace(/[\s.-]/gu, '').toUpperCase();
    const spaced = /\s/u.test(m[0]);
    const upper = m[1] === m[1]!.toUpperCase() && m[3] === m[3]!.toUpperCase();
    // "so 0912345678 la" is words around a phone number; a spaced code needs 9 digits or capital letters.
    if (spaced && code.length !== 13 && !upper) continue;
    covered.push([m.index, m.index + m[0].length]);
    if (!found.has(code)) found.set(code, check(code));
  }
  for (const m of text.matchAll(MISSHAPEN)) {
    if (covered.some(([start, end]) => m.index >= start && m.index < end)) continue;
    const digits = m[0].replace(/\D/gu, '').length;
    if (digits < 8 || digits === m[0].length) continue;
    const code = m[0].toUpperCase();
    if (!found.has(code)) found.set(code, { code, valid: false, problem: 'letters' });
  }
  return [...found.values()];
}
