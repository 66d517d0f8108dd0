// For channels that cap a text message's length (Zalo: 2,000 characters, OA /message/cs and Bot Platform
// sendMessage alike): a longer reply goes out as several messages, cut where a sentence or a line ends so
// each one reads whole.

// The end of a sentence (with any closing quote or bracket) before a space, or the end of a line.
const BOUNDARY = /[.!?…]["'”’)\]]*(?=\s)|\n/gu;

function cutPoint(text: string, max: number): number {
  // One character past the limit is looked at, so a sentence or word ending exactly at it still counts.
  const window = text.slice(0, max + 1);
  let cut = 0;
  for (const match of window.matchAll(BOUNDARY)) {
    const end = match.index + match[0].length;
    if (end <= max) cut = end;
  }
  if (cut > 0) return cut;
  const space = window.search(/\s\S*$/u);
  if (space > 0) return space;
  // One unbroken run of characters: cut anywhere but inside a surrogate pair.
  const code = text.charCodeAt(max - 1);
  return code >= 0xd800 && code <= 0xdbff ? max - 1 : max;
}

export function splitText(text: string, max: number): string[] {
  const chunks: string[] = [];
  let rest = text.trim();
  while (rest.length > max) {
    const cut = cutPoint(rest, max);
    const chunk = rest.slice(0, cut).trim();
    if (chunk) chunks.push(chunk);
    rest = rest.slice(cut).trim();
  }
  if (rest) chunks.push(rest);
  return chunks;
}
