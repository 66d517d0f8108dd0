// Places a question may name that are not the bot's own scope. The post office answers for Bắc Kạn; a
// question about another province's post office ("doanh thu bưu điện Cao Bằng") must not get a Bắc Kạn
// figure. A fixed list, not a staff file: the 34 provinces and cities since 1/7/2025 and the 63 before
// change only by an act of the National Assembly. Bắc Kạn itself is the bot's own scope and is left out.
import { foldDiacritics, hasDiacritics, normalizeVietnamese } from '../text/vietnamese.js';

const PROVINCES = `hà nội|hồ chí minh|sài gòn|hải phòng|đà nẵng|cần thơ|huế|thừa thiên huế|lai châu|điện biên|sơn la|lạng sơn|
quảng ninh|thanh hóa|nghệ an|hà tĩnh|cao bằng|tuyên quang|lào cai|thái nguyên|phú thọ|bắc ninh|hưng yên|ninh bình|quảng trị|
quảng ngãi|gia lai|khánh hòa|lâm đồng|đắk lắk|đồng nai|tây ninh|vĩnh long|đồng tháp|cà mau|an giang|hà giang|yên bái|vĩnh phúc|
hòa bình|bắc giang|hải dương|thái bình|hà nam|nam định|quảng bình|quảng nam|kon tum|bình định|phú yên|ninh thuận|đắk nông|
bình thuận|bình phước|bình dương|bà rịa vũng tàu|vũng tàu|long an|tiền giang|bến tre|trà vinh|hậu giang|sóc trăng|bạc liêu|kiên giang|
tphcm|hcm`
  .split('|')
  .map((p) => words(p.trim()))
  .map((written) => ({ written: written.join(' '), folded: written.map(foldDiacritics) }))
  .sort((a, b) => b.folded.length - a.folded.length);
// A word after a country's name that makes it part of a longer name ("Hàn" of "Hàn Quốc" is the country; "Anh Sơn"…).
const PROVINCE_START = new Set(['son', 'quoc']);
// A place after a verb of motion is where an item goes or comes from ("gửi đi Hà Nội", "gửi xuống Thái Nguyên", "lên Hà
// Nội"), or what a province was merged "into", not whose post office is asked about.
const MOTION = new Set(['di', 'den', 'toi', 'ra', 'vao', 've', 'tu', 'sang', 'len', 'xuong', 'into']);
// A place where a person lives, studies or works ("mẹ ở Đà Nẵng", "con tôi học ở Hà Nội", "chắt ở Hà Nội", "khách ở Huế") is
// the person's, not the province asked about: "ở"/"tại" with a person or a verb of living within the five words before it ("em
// làm công nhân may ở Bình Dương"); in English "in"/"at" so ("a factory job in Binh Duong", "my son studies in Ha Noi").
// "cô" is left out: folded it is "có" ("có ở Hà Nội không"). "dưới" and "trên" place one as "ở" does ("học dưới Hà Nội").
const AT = new Set(['o', 'tai', 'duoi', 'tren', 'in', 'at']);
const PERSON_OR_LIVING = new Set(
  `me bo cha con chau chat anh chi em ong ba ban vo chong di chu bac cau mo thim noi ngoai khach nguoi nha gia dinh hoc song lam viec tro tru
  mother mum mom father dad parents son daughter sister brother wife husband friend family relatives aunt uncle grandma grandmother
  grandfather grandpa customer job work works working study studies studying live lives living stay stays staying`.split(/\s+/u),
);
const PERSON_WINDOW = 5;

// So is where a person comes from: "quê (ở) Tuyên Quang", "người Hà Nội", "dân Lạng Sơn".
const FROM = new Set(['que', 'nguoi', 'dan']);

function aPersonsPlace(folded: string[], at: number): boolean {
  const before = folded[at - 1] ?? '';
  if (FROM.has(before) || (AT.has(before) && folded[at - 2] === 'que')) return true;
  return AT.has(before) && folded.slice(Math.max(0, at - 1 - PERSON_WINDOW), at - 1).some((w) => PERSON_OR_LIVING.has(w));
}

// Other countries, and going abroad in general: the knowledge is about the post office's services at home, so a
// question about sending abroad ("gửi hàng đi Mỹ") is answered only by a text that speaks of abroad. A country
// counts after a verb of motion or "nước" ("sang Nhật", "nước Úc"): "mỹ phẩm" and "anh ấy" are no countries.
const COUNTRIES = `mỹ|hoa kỳ|nhật|nhật bản|hàn quốc|hàn|trung quốc|đài loan|hồng kông|úc|pháp|đức|anh quốc|nước anh|nga|lào|campuchia|
thái lan|singapore|malaysia|indonesia|philippines|canada|ba lan|châu âu`
  .split('|')
  .map((c) => words(c.trim()).map(foldDiacritics));
// "Quốc tế" of a standard or a body ("chuẩn quốc tế", "Liên minh Bưu chính Quốc tế") sends nothing abroad.
const ABROAD =
  /\b(?:nuoc ngoai|(?<!\b(?:chuan|tieu chuan|to chuc|lien minh|buu chinh) )quoc te|abroad|overseas|international(?! (?:standard|postal union|format|code)))\b/u;
// Verbs of going there, and "nước"; as written when typed with diacritics ("tư pháp" is not "từ Pháp").
const TO_COUNTRY = new Set(['đi', 'đến', 'tới', 'ra', 'sang', 'qua', 'nước', 'di', 'den', 'toi', 'sang', 'nuoc']);

/** Whether the question asks about sending or going abroad: "nước ngoài", "quốc tế", or a country after a verb of motion. */
export function asksAbroad(question: string): boolean {
  const written = words(question);
  const folded = written.map(foldDiacritics);
  if (ABROAD.test(folded.join(' '))) return true;
  return folded.some(
    (_, i) =>
      TO_COUNTRY.has(written[i - 1] ?? '') &&
      COUNTRIES.some((c) => c.every((w, k) => folded[i + k] === w) && !PROVINCE_START.has(folded[i + c.length] ?? '')),
  );
}

/** Whether a text speaks of abroad ("quốc tế", "nước ngoài"). */
export function speaksOfAbroad(folded: string): boolean {
  return ABROAD.test(folded);
}

function words(text: string): string[] {
  return (
    normalizeVietnamese(text)
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

/**
 * The text with every province it names taken out (as foreignPlaces reads names): a name is no words of the
 * question's topic — "Đà Nẵng" is not "tối đa … nặng" — and whose post office is asked about is the place gate's.
 */
export function withoutProvinces(text: string): string {
  const written = words(text);
  const folded = written.map(foldDiacritics);
  const kept: string[] = [];
  for (let i = 0; i < folded.length; i++) {
    const place = PROVINCES.find((p) => p.folded.every((w, k) => folded[i + k] === w));
    const as = place && written.slice(i, i + place.folded.length).join(' ');
    if (place && !(hasDiacritics(as!) && as !== place.written)) i += place.folded.length - 1;
    else kept.push(written[i]!);
  }
  return kept.join(' ');
}

/**
 * The other provinces a question asks about (folded), destinations of an item left out. Typed with
 * diacritics, a name must be written as the province is ("diễn biến" is not Điện Biên); typed without, folded.
 */
export function foreignPlaces(question: string): string[] {
  const written = words(question);
  const folded = written.map(foldDiacritics);
  const found = new Set<string>();
  for (let i = 0; i < folded.length; i++) {
    const place = PROVINCES.find((p) => p.folded.every((w, k) => folded[i + k] === w));
    if (!place) continue;
    const as = written.slice(i, i + place.folded.length).join(' ');
    if ((hasDiacritics(as) && as !== place.written) || MOTION.has(folded[i - 1] ?? '') || aPersonsPlace(folded, i)) continue;
    found.add(place.folded.join(' '));
    i += place.folded.length - 1;
  }
  return [...found];
}
