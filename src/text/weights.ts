// A weight as citizens say it after a number ("12 ký", "5 cân", "3 kí", "2 kilo") is a weight in kilograms, as the
// knowledge writes it ("30 kg"): read alone, "ký" is also the first word of "ký tự" and "ký tên" ("13 ký tự" is no weight).
const SPOKEN_WEIGHT =
  /(\d+(?:[.,]\d+)?)\s*(?:ký|kí|ki|ky|cân|can|kilo|kilô|ki lô|kgs)(?![\p{L}\p{N}])(?!\s+(?:tự|tu|tên|ten|hiệu|hieu)(?![\p{L}]))/giu;

/** The text with a spoken weight after a number written as kilograms. */
export function writeWeights(text: string): string {
  return text.replace(SPOKEN_WEIGHT, '$1 kg');
}
