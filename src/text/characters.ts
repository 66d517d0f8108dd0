// Lengths and cuts of text in characters as people count them (code points), never in UTF-16 units: a limit
// in units took an emoji for two letters, and a cut in units could split one in half (a lone surrogate, shown
// as "�" and refused by some channels).

/** How many characters (code points) `text` has. */
export function characterCount(text: string): number {
  // Each low surrogate of a pair is the second unit of one character: count the units that are not.
  let count = text.length;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xdc00 && unit <= 0xdfff && i > 0 && (text.charCodeAt(i - 1) & 0xfc00) === 0xd800) count--;
  }
  return count;
}

/** The first `max` characters of `text` (all of it when shorter), never half of one. */
export function clipCharacters(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = 0;
  let count = 0;
  for (const c of text) {
    if (count++ === max) break;
    end += c.length;
  }
  return text.slice(0, end);
}
