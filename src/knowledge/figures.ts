// Figures stated in an article's sentences (amounts in đồng, percentages), found with recognizers-text.
// Recognizers-text has no Vietnamese culture: its English number model finds the digits, and the
// Vietnamese scale and currency words after them ("114 tỷ đồng") are read here.
import { Culture, NumberRecognizer } from '@microsoft/recognizers-text-number';

export interface Figure {
  kind: 'amount' | 'percentage';
  /** The figure as written, e.g. "114 tỷ đồng", "97%". */
  text: string;
  /** Amounts in đồng, percentages in percent. */
  value: number;
  /** Index of the sentence in the article's sentence list (set by the parser). */
  sentence?: number;
}

const SCALES: Record<string, number> = { nghìn: 1e3, ngàn: 1e3, triệu: 1e6, tỷ: 1e9, tỉ: 1e9 };
const AMOUNT_TAIL = /^\s*(nghìn|ngàn|triệu|tỷ|tỉ)?\s*(?:đồng|VNĐ|VND)(?![\p{L}])/iu;

// The number and percentage models find nothing in a sentence without a digit or an English number word, and
// they cost milliseconds per sentence: such sentences (most of an article) are not given to them.
const MAY_HOLD_A_NUMBER =
  /\d|\b(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|(?:thir|four|fif|six|seven|eigh|nine)teen|(?:twen|thir|for|fif|six|seven|eigh|nine)ty|hundreds?|thousands?|millions?|billions?|trillions?|dozens?|half|halves|quarters?|couple|first|second|third|tenth|percent|per\s*cent)\b/iu;

// The suite's recognizeNumber/recognizePercentage build a new recognizer, with every model of the culture, at each
// call (about 100 ms the first time, milliseconds after): the two models are built once, on first use, and kept.
let models: { numbers: ReturnType<NumberRecognizer['getNumberModel']>; percentages: ReturnType<NumberRecognizer['getPercentageModel']> };
function numberModels(): typeof models {
  if (!models) {
    const recognizer = new NumberRecognizer(Culture.English);
    models = { numbers: recognizer.getNumberModel(), percentages: recognizer.getPercentageModel() };
  }
  return models;
}

/**
 * Builds the models now (at start, before the bot serves): their first use costs about 100 ms on the event
 * loop, which a reload after a start from the saved build (no article parsed) would otherwise pay mid-service.
 * The sentence holds the kinds of figure articles state (a decimal, a percentage, thousands, a date): V8 compiles
 * each of the models' regular expressions when first run, and a figure of a kind not yet met cost a reload's first
 * parse 20–50 ms more.
 */
export function prepareFigures(): void {
  extractFigures('Ngày 23/12/2020: 114,5 tỷ đồng, bằng 97% và tăng 11,5%; 06 đơn vị, 1.500 mm, 30 kg.');
}

export function extractFigures(sentence: string): Figure[] {
  if (!MAY_HOLD_A_NUMBER.test(sentence)) return [];
  const { numbers, percentages } = numberModels();
  const figures: Figure[] = percentages.parse(sentence).map((r) => ({
    kind: 'percentage' as const,
    text: sentence.slice(r.start, r.end + 1),
    value: Number.parseFloat(String(r.resolution.value)),
  }));
  for (const r of numbers.parse(sentence)) {
    const tail = sentence.slice(r.end + 1).match(AMOUNT_TAIL);
    if (!tail) continue;
    const scale = tail[1] ? SCALES[tail[1].toLowerCase()] : 1;
    figures.push({ kind: 'amount', text: sentence.slice(r.start, r.end + 1) + tail[0], value: Number(r.resolution.value) * scale });
  }
  return figures.filter((f) => Number.isFinite(f.value));
}
