// What a question asks, besides its words: its type (who, when, how much, where, yes/no, how, list) and
// the constraints a fact must meet to answer it (a year, a date, a role such as "giám đốc", the thing
// counted or measured). The answer engine accepts a candidate only when it can answer that type and meets
// those constraints, so a neighbouring fact (another year, another person) is never passed off as the answer.
// Read on folded text, so "bao nhieu" works like "bao nhiêu"; English questions are read with their own words.
import { foldDiacritics, foldKey, hasDiacritics, matchesAsTyped, normalizeVietnamese } from '../text/vietnamese.js';
import { localTime } from '../text/vnTime.js';
import { SAYING, SOURCE } from './articleCited.js';

export type QuestionType = 'who' | 'when' | 'howMuch' | 'where' | 'yesNo' | 'how' | 'list' | 'what';

export interface DayMonth {
  day: number;
  month: number;
  year?: number;
}

export interface QuestionFrame {
  type: QuestionType;
  /** Years the question is about ("năm 2021", "2020"). */
  years: number[];
  /** A year is written in it ("năm 2021", "2020"), not only said from today ("năm sau", "năm nay"). */
  yearWritten?: true;
  /** Days it names ("ngày 1/1", "01/01/2027"). */
  dates: DayMonth[];
  /** Months it names without a day ("tháng 3 năm 2020", "tháng 12/2020", "12/2020"). */
  months: number[];
  /** Other provinces whose post office it asks about (folded), set by the answer engine. */
  places?: string[];
  /** It asks about sending or going abroad ("gửi hàng đi Mỹ"), set by the answer engine. */
  abroad?: boolean;
  /** Services it names (folded), set by the answer engine from the names the entries use. */
  services?: string[];
  /** A role it asks about, folded, with its rank words ("pho giam doc", "giam doc"). */
  role?: string;
  /** What a how-much question measures or counts, folded ("nhan vien", "doanh thu"). */
  focus?: string;
  /**
   * The focus was read from the words before the question word, where the measured thing stands among the
   * words that describe it ("kiện hàng … nặng tối đa là bao nhiêu"): a text holding one of them will do.
   */
  focusOneOf?: true;
  /** It asks for a comparison ("so với năm 2019 thì thế nào?"): a sentence comparing with the year asked answers it. */
  comparison?: boolean;
  /** What a who-question asks who did (at most three words, as typed or folded): "ai trao giấy khen" → trao giấy khen. */
  deed?: string[];
  /** It asks which person, by name ("ông hay bà nào"): a role or a group does not answer it. */
  person?: true;
  /** What kind of thing a list question asks to be listed, folded ("những dịch vụ nào" → dich vu). */
  listOf?: string;
  /** Services of one kind it names, folded ("những dịch vụ tài chính nào" → dich vu tai chinh): what a list of them is about. */
  servicesOfKind?: string;
  /**
   * The branch of the services it names, folded, as candidates longest first ("mảng bán lẻ có gì" → ban le co, ban le): one
   * an entry is about is what the question asks of, not an overview that names it among others (set by the answer engine).
   */
  branchNamed?: string[];
  /** It asks for a number to call ("số điện thoại", "sđt bưu cục …", "số của bưu điện xã …"). */
  phone?: boolean;
  /** Whose number it asks for, folded, when that is not the post office ("số điện thoại công an phường" → cong an). */
  phoneOf?: string;
  /** It asks for a time of day ("mấy giờ", "giờ mở cửa", "what time"): a date does not answer it. */
  hours?: boolean;
  /** It asks whether something costs ("có mất phí không", "tốn tiền không", "is it free?"): a text naming no fee does not say. */
  cost?: true;
  /** It names the lunar New Year ("mùng 2 Tết", "Tết Nguyên đán", "Tết âm lịch"), which a notice of the solar one does not answer. */
  lunarNewYear?: true;
  /** It asks how long something takes ("mất bao lâu", "how long"): a text stating no span of time does not say. */
  duration?: true;
  /** It asks why ("vì sao", "tại sao", "lý do gì", "why"): a text that gives no reason does not say. */
  reason?: true;
  /** It asks on the strength of which document ("căn cứ văn bản nào?", "công văn số mấy?"): a text citing one answers it. */
  document?: true;
  /** It asks where a post office is, the province's or one named ("bưu điện Bắc Kạn ở đâu", "where is the post office"). */
  officePlace?: true;
  /** The one office it names, folded ("bưu điện Chợ Mới", "the Cho Moi post office", "bưu cục xã Nông Thịnh" → "cho moi"). */
  office?: string;
}

// A time of day asked: opening, closing or working hours, "mấy giờ" (a when-question, and the frame's `hours`).
const HOURS = String.raw`may gio|gio nao|gio (?:mo|dong) cua|gio lam viec|what time`;

// Which body did it, asked as "đơn vị nào", "cơ quan nào", "tổ chức nào", "cấp nào": a who-question, and who did the deed.
const BODIES = ['don vi', 'co quan', 'to chuc', 'cap'];

// Which person, by name: "ông hay bà nào", "ông nào", "vị (lãnh đạo) nào", "lãnh đạo nào", "cán bộ nào".
const PERSON_ASKED = String.raw`(?:(?:ong|ba) (?:hay (?:ong|ba) )?|vi (?:lanh dao )?|lanh dao |can bo )nao`;
const PERSON = new RegExp(String.raw`\b${PERSON_ASKED}\b`, 'u');

const TYPES: Array<[QuestionType, RegExp]> = [
  [
    'who',
    new RegExp(
      String.raw`\b(?:la ai|ai la|ai (?:dang |hien )?(?:lam|phu trach|dung dau|ky)|ai$|who|(?:${BODIES.join('|')}) nao|${PERSON_ASKED})\b|\bai\s+(?!cung\b|co\b|khong\b)\S`,
      'u',
    ),
  ],
  [
    // English "when" asks only at the start ("when are pensions paid", "since when"): "services there are when I
    // send a parcel" asks what, not when; "which days" asks when wherever it stands. "ngày nào cũng" is every day, not
    // which day.
    'when',
    new RegExp(
      String.raw`\b(?:${HOURS}|khi nao|bao gio|luc nao|hoi nao|ngay nao|ngay may|ngay bao nhieu|hom nao|buoi nao|thoi gian nao|thang nao|nam nao|(?:what|which) (?:dates?|days?(?! of the week)|part of the month))\b(?! cung\b)|^(?:and |so |but )?when\b|\b(?:since|from|until|till) when\b`,
      'u',
    ),
  ],
  [
    'howMuch',
    /\b(?:bao nhieu|co nao|so luong|how (?:much|many|old)|may (?:nguoi|kg|can|ngay|lan|tuoi|ky tu|chu so|tien|cai|buu cuc|diem|nhan vien|quy|xe|thang|nam))\b/u,
  ],
  // The street or house asked ("nằm ở đường nào", "trên phố nào", "số nhà mấy") asks where too.
  ['where', /\b(?:o dau|cho nao|noi nao|dia chi|where|(?:o|tai|tren) (?:duong|pho|ngo|ngach) nao|so nha (?:may|nao|bao nhieu))\b/u],
  [
    'list',
    /\b(?:nhung (?:gi|nao|dich vu|loai|nhom|hang)|(?<!\b(?:can|mang|cam|dem|theo|chuan bi|xuat trinh|phai co) )(?:nhung|cac|loai) (?:loai )?(?:giay to|ho so|thu tuc)(?: hanh chinh(?: cong)?)?(?: (?:giay to|ho so|thu tuc))? (?:(?:kieu|loai) )?(?:gi|nao)|^(?:(?:vay|the|con|cu the|vay cu the)(?: la)? )?(?:giay to|ho so|thu tuc)(?: (?:giay to|ho so|thu tuc))? (?:(?:kieu|loai) )?(?:gi|nao)|cac (?:loai|dich vu|nhom)|danh sach|gom nhung|what (?:[a-z]+ )?services|what (?:kinds?|types?)|which|examples? of)\b/u,
  ],
  ['how', /\b(?:the nao|nhu the nao|lam sao|lam the nao|cach nao|ra sao|bang cach nao|how)\b/u],
];
// An English question that opens with "how much/many/old" asks that, whatever "who" or "when" a clause of it holds ("How old
// is the deputy general director who presented the awards?").
const HOW_MUCH_FIRST = /^(?:and |so |but )?how (?:much|many|old)\b/u;
const YES_NO =
  /\b(?:khong|chua|ha)(?: (?:a|nhi|vay|nhe|ban|ad))*$|\bduoc khong\b|\bphai khong\b|^(?:can|is|are|do|does|did|will|may|could)\b/u;
const YEAR = /\b(?:nam|in|of|year)\s+((?:19|20)\d\d)\b|\b(20\d\d)\b/gu;
const DATE = /\b(\d{1,2})\s*[/.-]\s*(\d{1,2})(?:\s*[/.-]\s*((?:19|20)\d\d))?\b/gu;
// "tháng 3", "tháng 12/2020", "12/2020" — not the month of a day ("ngày 1 tháng 1", "1/12/2020").
// The words are read on folded text (no slashes left), the slash form on the text as written.
const MONTH_WORDS = /(?<!\bngay\s+\d{1,2}\s+)\bthang\s+(\d{1,2})\b/gu;
const MONTH_SLASH = /(?<![\d/.-]\s*)\b(\d{1,2})\s*\/\s*(?:19|20)\d\d\b/gu;
// English month names, only where they are plainly a month ("in March", "May 2020": "may" is also folded "mấy").
const EN_MONTHS = 'january february march april may june july august september october november december'.split(' ');
const MONTH_ENGLISH = new RegExp(
  `\\b(?:in|of|during)\\s+(${EN_MONTHS.join('|')})\\b|\\b(${EN_MONTHS.join('|')})\\s+(?:19|20)\\d\\d\\b`,
  'gu',
);
// A text about something every month ("hằng tháng") holds any month.
const MONTHLY = /\b(?:hang|moi) thang\b/u;
const DAY_MONTH_WORDS = /\bngay\s+(\d{1,2})\s+thang\s+(\d{1,2})(?:\s+nam\s+((?:19|20)\d\d))?\b/gu;
// Rank words stay with the role: a deputy (phó) or general (tổng) director is not the director asked about.
const ROLE =
  /\b((?:pho\s+)?(?:tong\s+)?(?:giam doc|chu tich|truong phong|truong ban|bi thu|truong buu cuc|truong buu dien|ke toan truong|dung dau|director|manager|chairman))\b/u;
// Folded, "bí thư" (a party secretary) is also "bị thu" (be charged): "có bị thu phí không" asks no role.
const CHARGED_WRITTEN = /(?<![\p{L}])bị thu(?![\p{L}])/iu;
const SECRETARY_WRITTEN = /(?<![\p{L}])bí thư(?![\p{L}])/iu;
const CHARGED_FOLDED = /\bbi thu (?:phi|tien|them|cuoc|le phi|khoan|gi|ho|lai)\b/u;

/** The role a question asks about, folded with its rank words ("pho giam doc"). */
function roleAsked(text: string, folded: string): string | undefined {
  const role = ROLE.exec(folded)?.[1].replace(/\s+/gu, ' ');
  if (role !== 'bi thu') return role;
  const written = normalizeVietnamese(text);
  if (SECRETARY_WRITTEN.test(written)) return role;
  return CHARGED_WRITTEN.test(written) || CHARGED_FOLDED.test(folded) ? undefined : role;
}

// Words around the measured thing that say nothing about it.
const NOT_FOCUS = new Set(
  `la co duoc cua o tai cho toi minh em anh chi ban ad bot va voi thi ma nam thang ngay hien nay hom nay bay gio het mat cong khoang tat ca
  buu dien tinh bac kan vnpost vay a nhi nhe ha roi the what was were is are of in the total how much many does do did a an it
  so tong da ca khoang mot`.split(/\s+/u),
);

// Colloquial names of a unit, as the knowledge writes it ("mấy ký", "bao nhiêu cân" → kg; "mấy hôm", "mùng mấy" → ngày;
// "mi-li-mét" → mm).
const UNITS: Record<string, string> = {
  ky: 'kg',
  ki: 'kg',
  kilo: 'kg',
  can: 'kg',
  kgs: 'kg',
  'ki lo': 'kg',
  hom: 'ngay',
  bua: 'ngay',
  mung: 'ngay',
  'mi li': 'mm',
  'xen ti': 'cm',
};
// Each unit, as said and as written ("ký", "kg").
const UNIT_WORDS = new Set([...Object.keys(UNITS), ...Object.values(UNITS)]);
// Words that end the measured thing after the question word; "đến" ends a range ("từ mùng mấy đến mùng mấy"); "để" a purpose
// ("bao nhiêu tiền để gửi": the money is what is measured).
const AFTER_FILLER = new Set('la co vay a nhi nhe ha the roi ban ad dc duoc toi thi moi den de'.split(' '));
// Words that describe a measure but are not the thing measured: a limit ("được phép", "nhất", "giới hạn", "mức", "vượt
// mốc"), a classifier ("bao nhiêu cái" counts what was named before it).
const MEASURE_WORDS = new Set('phep nhat cai chiec gioi han muc moc vuot'.split(' '));

const COMPARISON = /\b(?:so voi|so sanh|compared?|comparison|than)\b/u;
// Years named relative to now ("doanh thu năm ngoái"), in Vietnamese time.
const RELATIVE_YEARS: Array<[RegExp, number]> = [
  [/\bnam (?:nay|this year)\b|\bthis year\b/u, 0],
  [/\bnam (?:ngoai|truoc|roi|qua)\b|\blast year\b/u, -1],
  [/\bnam (?:sau|toi)\b|\bnext year\b/u, 1],
];

// Common words that fold like a question word but, typed with their own tone marks, ask nothing: "nghe bảo giờ nộp …"
// (they say that now …) is no "bao giờ" (when); "máy" (a machine) no "mấy", "gió" no "giờ", "náo" no "nào".
const NOT_A_QUESTION_WORD = /(?<![\p{L}])(?:bảo|báo|bão|bào|gió|giỏ|giỗ|não|náo|máy|mây|sáo)(?![\p{L}])/giu;

/** The frame of a question (abbreviations already written out), with relative years read at `now`. */
export function questionFrame(text: string, now = new Date()): QuestionFrame {
  const folded = foldKey(text);
  // "mấy" typed with its diacritics is a count ("mấy nhân viên"), except "mấy giờ" (a time), "số mấy",
  // "thứ mấy", "ngày mấy" (which one).
  const count = /(?<!(?:số|thứ|ngày|tầng)\s+)\bmấy\b(?!\s+giờ)/iu.test(text);
  const asking = foldKey(text.replace(NOT_A_QUESTION_WORD, ' x '));
  const type =
    (HOW_MUCH_FIRST.test(asking) ? 'howMuch' : undefined) ??
    TYPES.find(([, pattern]) => pattern.test(asking))?.[0] ??
    (count ? 'howMuch' : YES_NO.test(asking) ? 'yesNo' : 'what');
  const dates = findDates(text);
  const years = new Set<number>(dates.flatMap((d) => (d.year ? [d.year] : [])));
  for (const m of folded.matchAll(YEAR)) years.add(Number(m[1] ?? m[2]));
  const yearWritten = years.size > 0;
  const thisYear = Number(localTime(now).date.slice(0, 4));
  for (const [pattern, offset] of RELATIVE_YEARS) if (pattern.test(folded)) years.add(thisYear + offset);
  const role = roleAsked(text, folded);
  const months = monthsIn(text);
  const comparison = COMPARISON.test(folded);
  const deed = type === 'who' ? deedAsked(text) : undefined;
  const kind = LIST_KIND.exec(folded);
  const listOf =
    type === 'list'
      ? ((kind?.[1] ?? kind?.[2] ?? (kind ? 'ho so' : undefined))?.replace(/giay to|thu tuc/u, 'ho so') ??
        (SERVICES_ASKED.test(folded) ? 'dich vu' : undefined))
      : undefined;
  return {
    type,
    years: [...years],
    ...(yearWritten ? { yearWritten } : {}),
    dates,
    months,
    role,
    ...(type === 'howMuch' ? measured(foldKey(clauseAsking(text))) : {}),
    comparison,
    ...(deed?.length ? { deed } : {}),
    ...(listOf ? { listOf } : {}),
    ...servicesOfKind(folded),
    ...branchNamed(text),
    ...(phoneAsked(text, folded) ? { phone: true, ...phoneOwner(folded) } : {}),
    ...(PERSON.test(folded) ? { person: true as const } : {}),
    ...(HOURS_ASKED.test(folded) ? { hours: true } : {}),
    ...(DOCUMENT_ASKED.test(folded) ? { document: true as const } : {}),
    ...(COST_ASKED.test(folded) ? { cost: true as const } : {}),
    ...(LUNAR_NEW_YEAR.test(folded) && !SOLAR_NEW_YEAR.test(folded) ? { lunarNewYear: true as const } : {}),
    ...(DURATION_ASKED.test(folded) ? { duration: true as const } : {}),
    ...(REASON_ASKED.test(folded) ? { reason: true as const } : {}),
    ...officeNamed(text),
    ...(OFFICE_PLACE_ASKED.test(folded) ? { officePlace: true as const } : {}),
  };
}

// Where the post office itself is, asked: the office, then only words of which one or when, then where ("bưu điện tỉnh
// Bắc Kạn giờ nằm ở đâu", "bưu cục gần nhất chỗ nào"), its address, or the English "where is the … post office".
const OFFICE_PLACE_ASKED =
  /\b(?:buu dien|buu cuc)(?: (?:tinh|xa|huyen|phuong|thi tran|trung tam|bac kan|bac can|gan nhat|gan day|moi|cu|hien nay|bay gio|gio|bh|h|thi|cua (?:toi|minh|em|tinh)|(?:chua|van) (?:biet|ro)))* (?:nam |dat |o )?(?:o dau|cho nao|noi nao|dia chi)\b|\bdia chi (?:cua )?(?:buu dien|buu cuc)\b|\bwhere (?:is |s )?(?:the )?(?:\p{L}+ ){0,3}post office\b|\bpost office(?: s)? address\b/u;

// The document a rule stands on, asked: "văn bản nào", "công văn số mấy", "nghị quyết số bn", "căn cứ pháp lý nào",
// "which decision".
const DOCUMENT_ASKED =
  /\b(?:van ban|quyet dinh|nghi quyet|cong van|thong tu|nghi dinh|quy dinh)(?: phap ly)?(?: so)? (?:nao|gi|j|may|bao nhieu|bn)\b|\bcan cu(?: phap ly)? (?:nao|gi|j)\b|\b(?:which|what) (?:law|decision|resolution|regulation|document|decree|official letter)\b/u;

// Whether it costs, or how its fee is paid: "có mất phí không", "tốn tiền không", "phải trả phí gì không", "thu thêm đồng
// nào không", "nộp lệ phí thế nào", "how do I pay the fees", "miễn phí không", "is it free", "any fee"; or a price named to
// check ("có dưới 30.000 đồng không", "less than 30,000 dong"; a revenue's "tỷ đồng" is none).
const COST_ASKED =
  /\b(?:mat|ton|tinh|thu|tra|het|chiu|lay)(?: them)? (?:phi|tien|cuoc|(?:dong|xu|khoan) nao)\b|\b(?:nop|dong) (?:le )?phi\b|\bpay (?:the |a |any )?(?:fees?|charges?)\b|\bmien phi\b|\b(?:is it|it s|are they) free\b|\b(?:any|a) (?:fee|charge)\b|\bcharged?\b|\b\d[\d.,]*\s?(?:dong|d|vnd|nghin|ngan|k)\b/u;

// The lunar New Year by its days or its names: "mùng 2 Tết" (or "ngày 2 Tết", as the abbreviations write it), "Tết Nguyên đán", "Tết âm lịch", "Tết ta", "lunar new year".
const LUNAR_NEW_YEAR =
  /\b(?:mung|mong|ngay) (?:\d|mot|hai|ba|bon|nam|sau|bay) tet\b|\btet (?:nguyen dan|am|ta|co truyen)\b|\blunar new year\b/u;

// Unless the solar one is named ("mùng 1 Tết Dương lịch", "Tết Tây").
export const SOLAR_NEW_YEAR = /\b(?:duong lich|tet tay)\b/u;

// Why: "vì sao", "tại sao", "vì lý do gì", "lý do nào", "why", "how come", "for what reason".
const REASON_ASKED = /\b(?:vi sao|tai sao|(?:vi )?ly do (?:gi|j|nao)|vi (?:le|chuyen) gi|why|how come|for what reason)\b/u;

// How long it takes: "mất bao lâu", "bao lâu thì tới", "how long does it take" ("how long is a tracking code" asks a length).
const DURATION_ASKED = /\bbao lau\b|\bhow long (?:does|do|will|would|did)\b.*\btake\b|\bhow long (?:until|before|till)\b/u;

const HOURS_ASKED = new RegExp(
  String.raw`\b(?:${HOURS}|gio hanh chinh|(?:mo|dong) cua (?:luc|tu|den) (?:may|bao gio)|opening hours|(?:business|working|office) hours)\b`,
  'u',
);

// An office named: a capitalised name after "bưu điện"/"bưu cục" (or "bưu cục ở", before "post office"), or any name after
// "xã", "huyện", "phường" there. The bot's own province and the company are no office of their own.
const OFFICE_WRITTEN =
  /(?:[Bb]ưu (?:điện|cục)|[Bb]uu (?:dien|cuc)|post office (?:in|of|at))\s+(?:(?:ở|tại|o|tai)\s+)?(?:(?:xã|huyện|phường|thị trấn|xa|huyen|phuong|thi tran)\s+)?((?:\p{Lu}\p{Ll}*)(?:\s+\p{Lu}\p{Ll}*){0,2})|(?:the\s+)?((?:\p{Lu}\p{Ll}*)(?:\s+\p{Lu}\p{Ll}*){0,2})\s+post office/u;
const OFFICE_FOLDED = /\b(?:buu dien|buu cuc) (?:xa|huyen|phuong|thi tran) (\p{L}+(?: \p{L}+)?)/u;
// Nor is a word that asks, joins or softens ("bưu điện huyện là gì", "… huyện có mở không", "bưu điện xã vậy ad"), nor one that
// says which or when, or what of it is asked ("bưu điện xã mới địa chỉ ở đâu", "bưu điện xã bây giờ", "… gần nhất").
const NO_OFFICE =
  /^(?:bac kan|bac can|tinh|viet nam|vietnam|vnpost|trung tam|what|which|is|the|la|o|co|nao|nay|do|gi|dau|ay|kia|may|bao|thi|cua|va|voi|duoc|khong|ko|vay|a|ad|quan tri vien|nhe|nhi|roi|oi|moi|cu(?! le)|dia chi|dia|hien nay|bay gio|gio|bh|h|gan|sau|truoc|thay|lam|nhan|mo cua)\b/u;

function officeNamed(text: string): { office?: string } {
  const written = OFFICE_WRITTEN.exec(normalizeVietnamese(text));
  const name = written ? foldKey(written[1] ?? written[2]!) : OFFICE_FOLDED.exec(foldKey(text))?.[1];
  return name && !NO_OFFICE.test(name) ? { office: name } : {};
}

// Asking for a number to call: "số điện thoại", "số máy", "số liên hệ", "số hotline", "số của bưu cục / bưu điện …".
// Folded, "hồ sơ bưu điện" is no "số bưu điện".
const PHONE_ASKED =
  /\b(?:so (?:dien thoai|lien he|lien lac|hotline|tong dai)|(?<!\bho )so (?:cua )?(?:buu cuc|buu dien)|phone number|telephone)\b/u;
// Folded, "số máy" (a line to call) is also "số mấy" (which number: "nghị quyết số mấy?"): typed with diacritics it
// counts as written; without, only before what it is the line of ("so may buu dien").
const LINE_WRITTEN = /(?<![\p{L}])số máy(?![\p{L}])/iu;
const LINE_FOLDED = /\bso may (?:buu|cua|ban|tong|lien|dien|ho tro|cham soc)\b/u;

function phoneAsked(text: string, folded: string): boolean {
  return PHONE_ASKED.test(folded) || matchesAsTyped(text, folded, LINE_WRITTEN, LINE_FOLDED);
}

// Whose number: the words right after "số điện thoại (riêng) (của)". The post office's own words, the province, and words
// that ask or say what the number is for ("để hỏi", "nào", "mới") name no one else.
const PHONE_OF = /\bso (?:dien thoai|lien he|lien lac)(?: (?:rieng|ca nhan|di dong))?(?: (?:cua|ben|o|tai))? (\p{L}+)(?: (\p{L}+))?/u;
const NOT_AN_OWNER = new Set(
  (
    'buu vnpost ems tong hotline duong cham ho cskh bac tinh viet vietnam ' +
    'de hoi goi nao gi j la nay do ay kia the co khong ko k can cho minh toi em a nhe vay bao may dung moi cu chinh rieng ban lien ' +
    'o tai cua ben va voi thi nhu sao'
  ).split(' '),
);

function phoneOwner(folded: string): { phoneOf?: string } {
  const [, first, second] = PHONE_OF.exec(folded) ?? [];
  if (!first || NOT_AN_OWNER.has(first)) return {};
  return { phoneOf: second && !NOT_AN_OWNER.has(second) ? `${first} ${second}` : first };
}

// The kind a list question names ("những dịch vụ nào", "giấy tờ kiểu gì"): the answer must list things of that kind.
// In English ("which kinds of paperwork", "examples of documents"), the papers named are dossiers too: the word-by-word
// translation keeps "giấy tờ" but drops what made it a list.
const LIST_KIND =
  /\b(?:(?:nhung|cac) (?:loai |kieu )?(dich vu|loai hang|nhom dich vu|ho so|giay to|thu tuc)|(giay to|ho so|thu tuc)(?: (?:giay to|ho so|thu tuc))? (?:(?:kieu|loai) )?(?:gi|nao)|(?:kinds?|types?|sorts?|examples?) of (?:[a-z]+ )?(?:paperwork|documents?|papers|dossiers?))\b/u;
const SERVICES_ASKED = /\b(?:what|which) (?:kinds? of |types? of )?(?:[a-z]+ )?services\b/u;

// The two words after "dịch vụ" that say which services, unless one of them only asks, points or names the bot's scope.
const SERVICES_NARROWED = /\bdich vu (\p{L}+ \p{L}+)\b/u;
const NOT_NARROWING = new Set(
  'nao gi j cua o ma duoc dang co cho hien nay do kia khac moi nhu gom buu dien bac kan tinh the vay a'.split(' '),
);

/** Which services it names ("những dịch vụ tài chính nào", translated "financial services": dich vu tai chinh). */
function servicesOfKind(folded: string): { servicesOfKind?: string } {
  const words = SERVICES_NARROWED.exec(folded)?.[1];
  if (!words || words.split(' ').some((w) => NOT_NARROWING.has(w))) return {};
  return { servicesOfKind: `dich vu ${words}` };
}

// A branch of the services named: "mảng", "nhóm", "lĩnh vực" or "bên", then what it is ("mảng bán lẻ", "bên tài chính").
// Typed without marks, "mang" is also "mang" (carry: "mang giấy tờ ra bưu điện"), so only the other words name one.
const BRANCH_MARKED = /(?<![\p{L}])(?:mảng|nhóm|lĩnh vực|bên)(?: dịch vụ)? (\p{L}+ \p{L}+)(?: (\p{L}+))?/u;
const BRANCH_PLAIN = /\b(?:nhom|linh vuc|ben)(?: dich vu)? (\p{L}+ \p{L}+)(?: (\p{L}+))?/u;

/** The branch of the services named, folded, in two or three words (the engine keeps the one an entry is about). */
function branchNamed(text: string): { branchNamed?: string[] } {
  const written = normalizeVietnamese(text).toLowerCase();
  const found = hasDiacritics(written) ? BRANCH_MARKED.exec(written) : BRANCH_PLAIN.exec(written);
  const [two, third] = [found?.[1], found?.[2]].map((w) => (w === undefined ? undefined : foldKey(w)));
  // "nhóm dịch vụ nào" asks which branch; it names none.
  if (!two || two === 'dich vu' || two.split(' ').some((w) => NOT_NARROWING.has(w))) return {};
  return { branchNamed: third ? [`${two} ${third}`, two] : [two] };
}

// Who did something: "ai", "đơn vị nào", "cơ quan nào", "tổ chức nào", "cấp nào" followed by what was done ("ai trao giấy khen", "do đơn
// vị nào tặng", "ai là người trao …"); "ai là …" otherwise asks who someone is, not who did what.
const WHO_WORDS = [['ai'], ...BODIES.map((body) => [...body.split(' '), 'nao'])];
const CLAUSE_END = /^[?!.;]$/u;
const NOT_DEED = new Set('la da dang se duoc bi thi co cho toi minh em vay a nhi nhe ha roi'.split(' '));

/**
 * The first three words of what a who-question asks who did, fillers left out: as written when the question
 * is typed with diacritics ("trao" is not "trào"), else folded.
 */
function deedAsked(text: string): string[] | undefined {
  const written =
    normalizeVietnamese(text)
      .toLowerCase()
      .match(/[\p{L}\p{N}]+|[?!.;]/gu) ?? [];
  const folded = written.map(foldDiacritics);
  for (let i = 0; i < folded.length; i++) {
    const who = WHO_WORDS.find((w) => w.every((x, k) => folded[i + k] === x));
    if (!who) continue;
    // "ai là người trao …" asks who did it as well; "ai là giám đốc" asks who someone is.
    const doer = folded[i + who.length] === 'la' && folded[i + who.length + 1] === 'nguoi';
    if (folded[i + who.length] === 'la' && !doer) continue;
    const at = i + who.length + (doer ? 2 : 0);
    // The deed ends with its clause: a follow-up read with its topic ("do cơ quan nào trao? … được phần thưởng") asks
    // who did only what it says itself.
    const end = written.findIndex((w, k) => k >= at && CLAUSE_END.test(w));
    const deed = written.slice(at, end < 0 ? undefined : end).filter((w, k) => !NOT_DEED.has(folded[at + k]!) && !/^\d+$/u.test(w));
    return deed.slice(0, 3).map((w) => (hasDiacritics(text) ? w : foldDiacritics(w)));
  }
  return undefined;
}

/** Months named without a day. */
function monthsIn(text: string): number[] {
  const found = [...foldKey(text).matchAll(MONTH_WORDS), ...foldDiacritics(text).matchAll(MONTH_SLASH)].map((m) => Number(m[1]));
  for (const m of foldKey(text).matchAll(MONTH_ENGLISH)) found.push(EN_MONTHS.indexOf(m[1] ?? m[2]!) + 1);
  return [...new Set(found.filter((m) => m >= 1 && m <= 12))];
}

function findDates(text: string): DayMonth[] {
  const found: DayMonth[] = [];
  for (const [pattern, source] of [
    [DATE, foldDiacritics(text)],
    [DAY_MONTH_WORDS, foldKey(text)],
  ] as const) {
    for (const m of source.matchAll(pattern)) {
      const day = Number(m[1]);
      const month = Number(m[2]);
      if (day >= 1 && day <= 31 && month >= 1 && month <= 12) found.push({ day, month, ...(m[3] ? { year: Number(m[3]) } : {}) });
    }
  }
  return found;
}

// What asks how much or how many, for finding the clause that does ("phí bao nhiêu? Gửi bưu kiện …").
const HOW_MUCH = /\b(?:bao nhieu|may|how (?:much|many))\b/u;

/** The clause of the text that asks how much (a follow-up read with its topic is two: "phí bao nhiêu? gửi bưu kiện"). */
function clauseAsking(text: string): string {
  return text.split(/[?!;]+/u).find((clause) => HOW_MUCH.test(foldKey(clause))) ?? text;
}

/** The one or two words measured: after "bao nhiêu"/"mấy" ("bao nhiêu nhân viên"), else before it ("doanh thu … bao nhiêu"). */
// Where the figure was read ("bài ghi là bao nhiêu", "theo bài viết", "báo cáo nêu"): the source, not the thing measured.
const SOURCE_NAMED = new RegExp(String.raw`\b(?:(?:theo|trong) )?(?:${SOURCE}|bao cao)(?: (?:${SAYING}|ghi|viet|dang))?\b`, 'gu');

function measured(asked: string): Pick<QuestionFrame, 'focus' | 'focusOneOf'> {
  // "How old" measures an age, in years.
  if (/\bhow old\b/u.test(asked)) return { focus: 'tuoi' };
  const words = asked.replace(SOURCE_NAMED, ' ').split(' ').filter(Boolean);
  const at = words.findIndex(
    (w, i) => (w === 'bao' && words[i + 1] === 'nhieu') || w === 'may' || (w === 'how' && /^(?:much|many)$/u.test(words[i + 1] ?? '')),
  );
  // "Nghị quyết số bao nhiêu", "số mấy": which number it bears, not how many.
  if (at < 0 || words[at - 1] === 'so') return {};
  // "Bao nhiêu tiền doanh thu": the money is the measure, what follows it the thing measured.
  const word = words[at] === 'may' ? 1 : 2;
  const next = words[at + word + 1];
  const skip = word + (words[at + word] === 'tien' && next !== undefined && !AFTER_FILLER.has(next) ? 1 : 0);
  const content = (list: string[]): string[] => list.filter((w) => !NOT_FOCUS.has(w) && !MEASURE_WORDS.has(w) && !/^\d+$/u.test(w));
  // After the question word the measured thing follows at once ("bao nhiêu xe tải": "tải" is no "tại" here).
  const after: string[] = [];
  for (const [i, w] of words.slice(at + skip, at + skip + 2).entries()) {
    // "mấy quý năm 2020": the measured thing ends where a date or a filler begins.
    if (AFTER_FILLER.has(w) || /^\d+$/u.test(w) || (i > 0 && /^\d+$/u.test(words[at + skip + i + 1] ?? ''))) break;
    after.push(w);
  }
  // "bưu điện" / "bưu cục" is one word of two syllables: what kind of office is counted follows it ("bao nhiêu bưu điện xã",
  // "mấy bưu điện cấp xã").
  const kind = words[at + skip + (words[at + skip + 2] === 'cap' ? 3 : 2)];
  if (/^buu (?:dien|cuc)$/u.test(after.join(' ')) && kind && !AFTER_FILLER.has(kind) && content([kind]).length) after.push(kind);
  // A unit names what is measured on its own, whatever follows it ("bao nhiêu cân một kiện", "bao nhiêu kí ad": the
  // weight); "ký tự" and "ký tên" are no "ký".
  const unit = after[0] !== undefined && UNITS[after.join(' ')] === undefined ? UNITS[after[0]] : undefined;
  if (unit !== undefined && !/^(?:tu|ten|hieu)$/u.test(after[1] ?? '')) return { focus: unit };
  // Money asked alone ("thu về bao nhiêu tiền"): a sum in "đồng" ("114 tỷ đồng") says it as well as the word "tiền".
  if (after.join(' ') === 'tien') return { focus: 'tien dong', focusOneOf: true };
  if (after.length > 0 && !MEASURE_WORDS.has(after[0]!)) {
    const thing = after.join(' ');
    return { focus: UNITS[thing] ?? thing };
  }
  // A unit after a number is what is sent ("gửi 5 kg … bao nhiêu"), not what is measured.
  const window = words.slice(Math.max(0, at - 10), at);
  const before = content(window.filter((w, i) => !UNIT_WORDS.has(w) || !/^\d+$/u.test(window[i - 1] ?? '')))
    .slice(-2)
    .map((w) => UNITS[w] ?? w);
  return before.length > 0 ? { focus: before.join(' '), focusOneOf: true } : {};
}

/** Years a text mentions ("năm 2020", "2021"). */
export function yearsIn(text: string): number[] {
  return [...new Set([...foldKey(text).matchAll(/\b((?:19|20)\d\d)\b/gu)].map((m) => Number(m[1])))];
}

/**
 * Whether a text is about the month: it names it ("tháng 3", "tháng 03/2020"), a day of it ("15/3"), a span
 * that holds it ("từ tháng 1 đến tháng 6"), or something every month ("hằng tháng").
 */
export function mentionsMonth(text: string, month: number): boolean {
  const folded = foldKey(text);
  if (MONTHLY.test(folded)) return true;
  if (findDates(text).some((d) => d.month === month)) return true;
  if (monthsIn(text).includes(month)) return true;
  const span = /\btu\s+thang\s+(\d{1,2})\b.*?\bden\s+(?:het\s+)?thang\s+(\d{1,2})\b/u.exec(folded);
  return span !== null && Number(span[1]) <= month && month <= Number(span[2]);
}

/**
 * Whether a text names the day and month (any writing: "01/01", "1/1/2027", "ngày 1 tháng 1"), or a range
 * that holds it ("từ ngày 11/12/2026 đến ngày 25/12/2026").
 */
export function mentionsDate(text: string, date: DayMonth, year?: number): boolean {
  // A day written without its year ("Ngày 23/12, …") is of `year` (its article's), when known.
  const found = findDates(text).map((d) => (d.year || !year ? d : { ...d, year }));
  if (found.some((d) => d.day === date.day && d.month === date.month && (!date.year || !d.year || d.year === date.year))) return true;
  const key = (d: DayMonth): number => d.month * 100 + d.day;
  const [from, to] = found;
  return (
    found.length === 2 &&
    /\bden\b/u.test(foldKey(text)) &&
    key(from!) <= key(date) &&
    key(date) <= key(to!) &&
    (!date.year || !from!.year || from!.year === date.year)
  );
}

// What a question sets its subject against ("… through the post office instead of a bank?", "… at the counter rather than at
// the village point?", "… thay vì ra ngân hàng") is not what it asks about: its words, to the clause's end, are left out.
const CONTRAST = /(?<![\p{L}])(?:instead of|rather than|thay vì|thay vi)(?![\p{L}])[^,.;:?!]*/giu;

/** The question without what it sets its subject against. */
export function withoutContrast(question: string): string {
  return (
    question
      .replace(CONTRAST, ' ')
      .replace(/\s+([,.;:?!])/gu, '$1')
      .replace(/\s+/gu, ' ')
      .trim() || question
  );
}
