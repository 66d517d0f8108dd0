// The few things a message can mean besides a question to look up: menu, small talk, news, paging.
// Matched on folded text so "tin moi nhat" works like "tin mới nhất"; small talk only when the message
// is nothing else ("chào bạn, cho hỏi số tổng đài" is a question, not a greeting). Which meaning wins is
// decided here, in recognizeIntent's one ordered list; the intents features add from their own folders
// (featureIntents.ts) are tried at its one declared point, in the order of FEATURES.
import { findPeriod, type Period } from '../text/periods.js';
import { clausesOf, foldKey, hasDiacritics, matchesAsTyped, normalizeVietnamese } from '../text/vietnamese.js';
import { findTrackingCodes, type CodeCheck } from './trackingCodes.js';
import { articleCited, articleSays } from './articleCited.js';
import { recallsUnsaid } from './pastReference.js';
import { findTicketRef, type TicketKind } from '../ticket.js';
import type { FeatureIntent, IntentRecognizer } from './featureIntents.js';

/** The intents recognised here, in the one ordered list below. */
export type BuiltInIntent =
  | { name: 'empty' }
  | { name: 'menu' }
  | { name: 'greeting' }
  | { name: 'thanks' }
  | { name: 'goodbye' }
  | { name: 'news'; period?: Period }
  | { name: 'more' }
  | { name: 'feedback'; kind?: TicketKind; told?: string }
  | { name: 'tracking'; codes: CodeCheck[] }
  | { name: 'ticketStatus'; ref?: string }
  | { name: 'handoff' }
  | { name: 'rating'; rating: 'up' | 'down' }
  | { name: 'cancel' }
  | { name: 'ack' }
  | { name: 'identity' }
  | { name: 'human' }
  | { name: 'capabilities' }
  | { name: 'insult' }
  | { name: 'itemProblem'; angry: boolean }
  | { name: 'question' };

/** Every intent: the built-in ones and those the features add (FeatureIntents). */
export type Intent = BuiltInIntent | FeatureIntent;
export type IntentName = Intent['name'];
export type BuiltInIntentName = BuiltInIntent['name'];

/** Every built-in intent once (a missing or unknown name is a type error): the root checks each has its handler. */
const EVERY_INTENT: Record<BuiltInIntentName, true> = {
  empty: true,
  menu: true,
  greeting: true,
  thanks: true,
  goodbye: true,
  news: true,
  more: true,
  feedback: true,
  tracking: true,
  ticketStatus: true,
  handoff: true,
  rating: true,
  cancel: true,
  ack: true,
  identity: true,
  human: true,
  capabilities: true,
  insult: true,
  itemProblem: true,
  question: true,
};
export const BUILT_IN_INTENTS = Object.keys(EVERY_INTENT) as BuiltInIntentName[];

// Who speaks or is spoken to, in a village's words as in a town's ("bác", "chú", "cháu", "con").
const ADDRESSED = String.raw`(?:toi|minh|em|tui|chau|bac|chu|co|ong|ba|anh|chi|con)`;
const MENU =
  /^(?:start|menu|help|help me|get started|bat dau|danh muc|chuc nang|(?:giup|giup do|tro giup|huong dan)(?: toi| minh| em)?(?: voi)?)$/u;
// Asking to see the options to tap ("cho tôi xem lại danh mục các mục để bấm chọn", "có nút nào bấm chọn không", "show me
// the buttons again"): the menu. A short message only; a suggestion may name a button it wants ("web nên có nút tra cứu").
const MENU_ASKED =
  /\b(?:xem(?: lai)?|hien(?: lai| thi)?|mo(?: lai)?|show(?: me)?|see|display|bring up|give me|what are)\b(?: \p{L}+){0,4} (?:danh muc|menu|cac nut|nut bam|nut chon|cac lua chon|cac muc (?:de )?(?:bam|chon)|buttons?|options)\b|\bco nut nao\b|\b(?:dua|hien|cho xem) (?:ra |len )?(?:may |cac |vai )?(?:cai )?nut\b/u;
const MAX_MENU_WORDS = 14;
// A wish is a greeting too: "chúc buổi sáng tốt lành", "chúc bạn một ngày vui vẻ".
const GREETING =
  /\b(?:xin chao|chao buoi (?:sang|trua|chieu|toi)|chao|hello|hi|hiya|hey|alo|good (?:morning|afternoon|evening)|chuc (?:(?:ban|em|anh|chi|anh chi|ca nha) )?(?:mot )?(?:buoi (?:sang|trua|chieu|toi)|ngay(?: moi| lam viec)?|cuoi tuan) (?:tot lanh|vui ve|an lanh|thuan loi))\b/gu;
// Thanks, or praise of the help alone ("much appreciated", "you've been very helpful", "that was really helpful").
const THANKS =
  /\b(?:cam on|da ta|thank you|thanks|thank|tks|thks|much appreciated|(?:i |we )?(?:really |truly )?appreciate (?:it|that|this|your help)|cheers|you (?:have |ve )?been (?:(?:very|really|so|most|extremely|super) )?helpful|(?:that|this|it) (?:was|is|s|has been) (?:(?:very|really|so|super|extremely) )?helpful|(?:very|really|super) helpful)\b/gu;
// A parting may put the next talk off ("hẹn hôm khác", "hẹn dịp sau"): outside a form that is goodbye, not a cancel.
// Taking leave by going ("thôi chú đi làm đồng đây", "thế thôi nhé, bác về đây", "thôi tui đi nhen"): whoever speaks, whatever
// they go to do, but not asking where ("mình đi đâu đây").
const GOODBYE = new RegExp(
  String.raw`\b(?:tam biet|bye|goodbye|bai bai|pp|hen gap lai|hen (?:hom|luc|dip|bua|lan|khi) (?:khac|sau)|chao tam biet|thoi chao|(?:(?:the |vay )?thoi(?: nhe| nha)? )?(?:${ADDRESSED} )?(?:di|ve)(?: (?!(?:dau|nao|gi|j|sao|bao|may)\b)\p{L}+){0,5} day|thoi (?:${ADDRESSED} )?(?:di|ve) (?:nhe|nha|nhen|nghen)|off (?:nhe|nha|nhen|day|luon)|see (?:you|ya)(?: (?:later|soon|around|tomorrow))?|ket thuc (?:cuoc |buoi )?(?:trao doi|tro chuyen|nhan tin)(?: (?:tai|o) day)?|tran trong chao)\b`,
  'gu',
);
// Taking leave: a goodbye, "đi đây" (off now), "tắt máy đây" (hanging up), or a closing "chào" ("…, chào cháu").
const LEAVING = new RegExp(
  String.raw`${GOODBYE.source}|\b(?:(?:minh|toi|em|tui|chau) (?:di|off|out) (?:day|nhe|nha)|tat may day|see you)\b|\bchao(?: (?:${ADDRESSED}))?(?: (?:nhe|nha|a))?$`,
  'u',
);
// Words that only soften a message ("ạ", "nhé", "bot ơi", "lắm") and may stand beside small talk, as may "ờ", "xin (phép)",
// "kính" and whom a formal writer addresses there ("ờ ờ ghi lại rồi", "tôi xin cảm ơn", "kính chào quý cơ quan").
const SOFTENING = String.raw`a|a a|nhe|nha|nghen|nhen|nhieu|nhiu|u|ban|bot|ad|em|e|anh|chi|minh|oi|vay|v|z|rat|vang|da|ok|oki|very|much|so|all|lots?|you|there|buu dien|quan tri vien|admin|can bo|nhan vien`;
const FILLER = new RegExp(String.raw`\b(?:${SOFTENING}|lam|o|thoi|xin(?: phep)?|kinh|quy co quan|bo phan ho tro(?: khach hang)?)\b`, 'gu');
// Thanks that say what for ("cảm ơn bạn đã giúp đỡ", "cam on vi da chi cho minh", "thanks for explaining"): still the thanks,
// whatever the words of the reason (folded, "cam" of "cảm ơn" would otherwise read as "cấm").
const THANKS_FOR =
  /^(?:cam on|thank you|thanks|tks)(?: (?:ban|em|bot|ad|anh|chi|nhieu|rat nhieu|so much|very much|a lot))* (?:vi|da|ve|for)\b/u;
// Praise beside small talk ("hay quá, cảm ơn bot", "great, thanks"): still the thanks.
// So is praise of how it was told or how kindly ("em giải thích dễ hiểu quá", "tận tình quá", "very clear").
const PRAISE =
  /\b(?:(?:giai thich|tra loi|huong dan|tu van|noi|explained|answered)(?: (?:rat|qua|that|so|very))? )?(?:hay|tuyet(?: voi)?|tot|nhanh|huu ich|chuan|de hieu|ro rang|ro|tan tinh|nhiet tinh|chu dao|chi tiet|cu the|great|nice|awesome|perfect|helpful|clear|clearly|kind)(?: (?:qua|lam|the|vay|that|ghe))?\b/gu;
// Relief beside thanks ("thế thì tốt quá, cảm ơn cháu", "may quá có chỗ hỏi, cám ơn", "may mà hỏi", "that's a relief, thanks"): still the thanks.
const RELIEF =
  /\b(?:(?:the|vay|nhu vay|nhu the) thi )?(?:tot|may|yen tam|an tam|mung|do)(?: (?:qua|roi|ghe|that))+(?: (?:co|duoc) (?:cho|noi|nguoi|ai)(?: de)? hoi)?\b|\bmay ma (?:co|hoi|duoc|gap)(?: (?:bot|ban|em|chi|ad|o day|duoc))*\b|\b(?:that s|that is|what) (?:a relief|great|good|lucky)\b|\bphew\b/gu;
// Wishes and time words beside a parting ("goodbye, have a nice day", "bye for now", "take care", "chúc bạn sức khỏe").
const WISHES =
  /\b(?:(?:and )?(?:have|i wish you|wishing you) a (?:nice|good|great|lovely|pleasant) (?:day|one|evening|weekend|night)|take care|for now|see you(?: (?:later|soon|tomorrow))?|chuc (?:(?:ban|em|anh|chi|ad) )?(?:suc khoe|moi dieu tot lanh))\b/gu;
// In a command, "lam" may be "làm" (do): "không làm nữa đâu" keeps its verb; "lắm" is dropped as written (below).
const COMMAND_FILLER = new RegExp(String.raw`\b(?:${SOFTENING})\b`, 'gu');
// "thông báo tới/đến …" notifies someone; it does not name the news; nor does "thông tin trong/của …" (information: "công nghệ
// thông tin trong sản xuất").
const NEWS =
  /\b(?:tin tuc|tin moi|ban tin|tin gi|co tin|(?<!\bthong )tin (?:trong|cua|thang|nam|tuan|hom|ngay)|thong bao(?! (?:toi|den) )|bai viet|bai dang|dang bai|bai (?:gi |nao )?moi|su kien|news|announcements?|latest|(?:new|recent) (?:articles?|posts?)|(?:published|posted|put out|released|issued) (?:any |some |new )?(?:updates|notices|articles|posts))\b/u;
const MORE = /^(?:xem them|them|tiep|tiep theo|xem tiep|con nua|con gi nua|more|next|show more)$/u;
// The words of a complaint ("kêu ca", "than phiền" too): they start the feedback form, and make its kind a complaint (ticketKindOf).
// "kêu về chuyện …" and "muốn kêu" complain as "kêu ca" does; "báo một vụ …" (report a case, an incident: "sự cố") and "tố cáo" (denounce) too;
// so does wanting to report ("muốn báo lương hưu tháng này không nhận được"), not a quote, a report or news ("báo giá").
const COMPLAINT_WORDS =
  'khieu nai|phan nan|phan anh|keu ca|than phien|to cao|keu (?:ve|voi) (?:chuyen|viec|vu)|(?:muon|can|xin) keu|(?:muon|xin) bao (?!(?:gia|cao|tin|chi|nhieu)(?: |$))|(?:muon|can|xin) (?:bao|bao cao|trinh bao)(?: (?:mot|1|cai))? (?:vu|viec|chuyen|truong hop|su co)|complain|complaint|grievance';
// A suggestion given: "góp ý", "góp một ý", "góp vài ý".
const SUGGESTION_GIVEN = String.raw`gop(?: (?:mot|1|vai|mot vai|chut|mot chut|it))? y`;
// A suggestion may also be put as wanting to propose or recommend ("mình muốn đề xuất với bưu điện", "xin kiến nghị"), as
// having some ("nhà tôi có mấy đề xuất nhỏ", "mình có vài ý kiến", "có sáng kiến muốn đóng góp", "I've got an idea"), as opinions to
// give ("tôi có ý kiến muốn đóng góp", "đóng góp vài ý kiến", "gửi ý kiến"; the southern "gởi" only with how many, since folded
// it is also "gọi"), as a wish or opinion to put forward ("tôi muốn đề đạt một nguyện vọng", "xin bày tỏ ý kiến", "muốn phản hồi về …"), or as some to pass on ("chúng tôi có đề xuất muốn chuyển tới bưu điện"). Chat borrows "report" for
// making one ("report giúp mình cái, …"), an item's delay told after it.
const FEEDBACK = new RegExp(
  String.raw`\b(?:${SUGGESTION_GIVEN}|${COMPLAINT_WORDS}|feedback)\b|\b(?:dong gop|gop|gui|de lai)(?: (?:mot|vai|may|mot vai|mot so|it|chut))? y kien\b|\bgoi (?:mot|vai|may|mot vai|mot so|it|chut) y kien\b|\by kien(?: \p{L}+){0,2} (?:dong gop|gop)\b|\b(?:muon|can|xin)\b.*\b(?:de xuat|kien nghi)\b|\b(?:muon|can|xin) phan hoi (?:ve|voi|lai)\b|\b(?:muon|can|xin) (?:\p{L}+ ){0,2}(?:de dat|trinh bay|bay to|neu)(?: (?:mot|vai|1|may))? (?:nguyen vong|y kien|mong muon)\b|\bcho (?:(?:toi|minh|mk|em|e|tui) )?(?:de xuat|kien nghi)\b|\bco (?:mot|vai|may|mot vai|mot so|it) (?:de xuat|kien nghi|y tuong|y kien|sang kien)\b|\bco (?:de xuat|kien nghi|y kien|sang kien) (?:muon|can|xin|gui|goi|chuyen|dong gop|gop)\b|\b(?:ghi|viet|lam|soan|gui|nop)(?: \p{L}+){0,3} (?:mot |vai |cai )?(?:de xuat|kien nghi)\b|\b(?:report|flag|raise) (?:a |an |the |some )?(?:problem|issue)\b|\b(?:want|would like|d like|need) to report\b|\b(?:where|how) (?:do|can|should) i (?:report|complain)\b|\b(?:an? )?(?:ideas?|suggestions?|proposals?) (?:to|for) (?:improv\p{L}*|better|making)\b|\b(?:like|want) (?:it|this|that) (?:formally |officially )?(?:recorded|logged|on record)\b|\breport (?:giup|gium|dum|ho)\b|\bi (?:want|would like) to (?:suggest|propose)\b|\b(?:i (?:have|ve|ve got|have got)|got) (?:a|an|some|a few|one|two) (?:suggestions?|ideas?|proposals?)\b|\b(?:leave|make|give|send|submit|file|lodge|raise|write|put in|put forward|drop) (?:you |in )?(?:a |an |some |my |one |a few )?(?:quick |small |little |short )?(?:suggestions?|complaints?|proposals?|feedback)\b`,
  'u',
);
// Citizen services: tracking, tickets, handoff, announcements, ratings; and the words that steer a flow.
// "mã theo dõi bưu gửi", "mã tra cứu", "mã để tra cứu": the code, named; not a request to track.
const TRACKING =
  /\b(?<!\bma (?:(?:dung )?de )?)(?:tra cuu|tra|kiem tra|dinh vi|theo doi|xem)\s+(?:(?:giup|gium|ho)\s+(?:(?:toi|minh|em|tui|chau)\s+)?)?(?:ma\s+)?(?:buu gui|buu pham|buu kien|don hang|van don|ma van don|hanh trinh|kien hang)\b|\btrack (?:my |a )?(?:parcel|package|item|order|shipment)\b/u;
const TICKET_STATUS = /\b(?:tinh trang|trang thai|tra cuu|kiem tra|xem)\s+(?:cua\s+)?(?:phieu|yeu cau|ma phieu)\b|\bticket status\b/u;
const HANDOFF =
  /\b(?:gap|noi chuyen(?: truc tiep)? voi)\s+(?:mot\s+)?can bo\b|\b(?:gap|noi(?: chuyen)?(?: truc tiep)? voi|noi chuyen cung|chat voi|ket noi voi|chuyen sang|chuyen cho|can gap|muon gap)\s+(?:mot\s+)?(?:nhan vien|tu van vien|tong dai vien|(?:nguoi|ng) that|nguoi ho tro|nguoi tu van|admin|nguoi (?:cua|ben) (?:buu dien|buu cuc)|nguoi$)\b|\b(?:talk|speak|chat|put me through|connect me|(?:be|get) connected|transfer me|pass me over) (?:to|with) (?:a |an |one of (?:your |the )?|someone from (?:your |the )?)?(?:(?:real|actual|live) )?(?:human|person|agent|staff(?: member)?|member of (?:your |the )?staff|operator|representative|employee|someone)\b|\b(?:human|live) agent\b|\b(?:someone|a person|a human|a colleague|one of your colleagues|one of your staff|staff|an agent) (?:to )?take over (?:this|the|our) (?:conversation|chat)\b|\b(?:noi|chuyen) may(?: cho (?:toi|minh|em|tui|chau))? (?:voi|gap|toi|den|sang)\b|\bgap (?:nguoi|ai do) (?:cua|ben|o) (?:buu dien|tong dai|vnpost)\b|\b(?:get|getting|reach|reaching) (?:hold of |through to |to )?(?:a |an )?(?:(?:real|actual|live) )?(?:(?:post office|vietnam post) )?(?:human|person|agent|staff member|member of staff|operator|representative|employee)\b/u;
// A yes/no question whether something can be done or is so: "… có theo dõi được không", "có thể … không", "có phải … không".
// So is how it is done ("tra cứu bưu phẩm bảo đảm bằng gì", "… bằng cách nào").
// What tracking is, asked with a question word and no code ("tra cứu bưu gửi mã theo chuẩn nào", "… gồm mấy ký tự"): asked
// of the knowledge. How to track ("… thế nào") is the flow, which says it and asks for the code.
const ASKS_ABOUT_IT = /\b(?:nao|gi|j|bao nhieu|bn|may)\b/u;
const ASKS_HOW = /\b(?:(?:nhu |lam )?the nao|bang cach nao)\b/gu;
const ASKS_IF_POSSIBLE =
  /\b(?:co|duoc|dc)\b.*\b(?:duoc|dc) (?:khong|ko|k|hong|hok|hem)\b|\b(?:co the|co phai)\b.*\b(?:khong|ko|k)(?: a)?$|\bbang (?:gi|cach nao|cai gi)\b/u;
// A person named without asking for one ("tư vấn viên ơi", "người thật", shortened "ng thật"): a handoff, unless the message files a
// complaint about them ("khiếu nại về tổng đài viên thái độ kém").
const PERSON_NAMED = /\b(?:tu van vien|tong dai vien|(?:nguoi|ng) that)\b/u;
// Asking for a person in a few words: "ad ơi cho gặp người", "có ai trực không", "có ai ở đó không", "bên bưu điện giờ có
// cán bộ nào trực không", "alo có ai trực ở đấy không": when and where in either order, anyone or any one of the staff.
const ON_DUTY_WHEN = String.raw`(?:gio nay|bay gio|luc nay|gio|hien gio|hien tai|hom nay|toi nay)`;
const ON_DUTY_WHERE = String.raw`(?:(?:ben|o|tai) (?:minh|do|day|buu dien|tong dai)(?: tinh)?)`;
const ON_DUTY_WHO = String.raw`(?:ai|ai do|(?:can bo|nhan vien|nguoi|ad|admin) nao)`;
const PERSON_PLEASE = new RegExp(
  String.raw`^(?:cho (?:toi |minh |em |tui |chau )?gap (?:nguoi|ai do|ai|nhan vien)|gap nguoi|(?:alo |a lo )?(?:(?:${ON_DUTY_WHEN}|${ON_DUTY_WHERE}) ){0,2}(?:co|con) ${ON_DUTY_WHO} (?:dang |con )?(?:truc|o do|ho tro|tra loi|nghe may|lam viec)(?: (?:tong dai|may|${ON_DUTY_WHERE}))?(?: ${ON_DUTY_WHEN})?(?: khong| ko| k)?|is (?:anyone|anybody|someone) (?:there|available|on duty))$`,
  'u',
);
const RATING = /^\s*(👍|👎)(?:[\u{1F3FB}-\u{1F3FF}]|\uFE0F)*\s*$/u;
// After fillers are dropped and a leading "thôi" / trailing "nữa", "đi" are cut: "thôi không cần nữa", "thôi khỏi", "hủy đi",
// "dừng vụ này lại", "bỏ qua vụ này đi".
const CANCEL =
  /^(?:huy yeu cau|(?:huy|huy bo|bo|bo qua)(?: (?:vu|viec|cai|phieu|don|chuyen|yeu cau)(?: (?:nay|do|kia|ay))?)?(?: di)?|khoi|(?:dung|ngung)(?: (?:vu|viec|cai|phieu|don|chuyen|yeu cau)(?: (?:nay|do|kia|ay))?)? lai|dung (?:o|tai) day|den day thoi|thoat|(?:khong|ko|k|kh|hong|khoi|cha|chang) can|khong lam|cancel|stop|quit|scrap|discard|drop|withdraw|call off|never ?mind|forget it)$/u;
const BACK = /^(?:quay lai|tro lai|lui lai|sua|sua lai|back|go back)$/u;
const END_HANDOFF = /^(?:ket thuc|ket thuc ho tro|gap bot|quay lai bot|tro chuyen voi bot|end|exit)$/u;
// Acknowledgements: "ok", "ừ", "vâng", "được rồi", "không", "got it", "ghi lại rồi", "ghi nhận" (noted), "nghe rõ rồi" (never a
// miss, never a question to look up).
const ACK =
  /\b(?:ok|oke|okay|okie|oki|okela|khong|ko|no|nope|u|uh|um|uhm|uk|uki|vang|da hieu|da ro|da|duoc|duoc roi|dc|roi|r|hieu roi|thong roi|biet roi|ro roi|(?:nghe|doc) (?:ro|hieu)(?: roi| r)?|(?:da )?(?:ghi|chep|luu|note)(?: lai)?(?: roi| r)|(?:da )?ghi nhan(?: roi| r)?|(?:da )?(?:ghi )?nho (?:roi|r)|(?:da )?nam (?:duoc )?(?:thong tin|roi|r)|understood|the a|vay a|got it|alright|all right|fine|great|cool|sure|noted|i see)\b/gu;
// Who the bot is ("bạn là ai", "bot này là cái j thế", "gọi bạn là gì", "ai đang trả lời thế", "cháu là cái gì của bưu điện",
// "em là người của bưu điện hả", "là người của bưu điện hay của đâu"); whether it is a person; what
// it can do.
const IDENTITY =
  /^(?:(?:cai )?(?:ban|bot|chatbot|em|chau|may|day|ben kia)(?: (?:nay|do|kia))?\s)?(?:la ai|la (?:cai )?(?:gi|j)|ten (?:la )?gi|ai (?:the|day|do|vay))(?: (?:cua|ben))?(?:\s(?:the|vay|a|ha|nhi|day))*$|^(?:who|what) (?:are|r) (?:you|u)$|^(?:who is this|what is this)$|^(?:gioi thieu ve ban|ban ten gi)$|^(?:(?:minh|toi|em|tui) )?(?:nen )?goi (?:ban|bot|em) (?:la gi|the nao|sao)\b|^(?:(?:ben kia|o do|day) )?(?:la )?ai (?:dang )?(?:tra loi|nhan tin|chat|tro chuyen|noi chuyen)(?: (?:voi )?(?:toi|minh|em|tui))?(?:\s(?:the|vay|a|ha|nhi|day|do))*$|^(?:ban|bot|em|day|ben kia) la (?:tro ly|bot|chatbot|robot|may|he thong|chuong trinh|phan mem) (?:gi|nao)(?: (?:cua|o|ben) (?:buu dien|ai|dau))?(?:\s(?:the|vay|a|ha|nhi|day))*$|^(?:(?:ban|bot|em|chau) (?:la )?(?:nguoi|bot|tro ly) (?:cua|ben)(?: (?:buu dien|vnpost|ai|dau|co quan nao|don vi nao))?|(?:la )?(?:nguoi|bot|tro ly) (?:cua|ben)(?: (?:buu dien|vnpost))? hay (?:la )?(?:cua |ben )?(?:dau|ai|ben nao|\p{L}+(?: \p{L}+)?))(?:\s(?:the|vay|a|ha|nhi|day))*$|^who (?:exactly )?am i (?:talking|chatting|speaking) (?:to|with)(?: (?:right )?now| here)?$|^who is (?:answering|replying|this replying)(?: me)?$|^who s (?:this|that|there)$|^is this (?:the )?(?:vietnam post|vnpost|post office|buu dien)(?: s)? (?:page|site|website|chat|bot|account|fanpage)$|^(?:day|trang nay) (?:co )?phai (?:la )?(?:trang|bot|kenh)(?: cua)? (?:buu dien|vnpost)(?: \p{L}+){0,3} (?:khong|ko|k)$/u;
// Whether a person is the one replying, asked outright ("có ng thật đang rep hok z") or as person or machine.
const HUMAN =
  /\b(?:(?:ban|bot|em|day)\s)?(?:co phai (?:la )?(?:nguoi that|nguoi|robot|bot|may)|(?:la|voi) nguoi (?:that )?hay (?:la )?(?:may|bot|robot)|la (?:may|bot|robot) hay (?:la )?nguoi(?: that)?|la (?:nguoi that|robot|bot) (?:a|ha|khong|ko|k|phai khong))(?: dang (?:go|tra loi|nhan tin|chat|tro chuyen)(?: (?:tra loi|nhan tin|phim))?)?(?:\s(?:khong|ko|k|hong|vay|the|a|day|do|nhi|ha))*$|\b(?:la|voi) nguoi(?: that)?(?: \p{L}+){0,3} hay (?:la )?(?:may|bot|robot|tu dong)(?: \p{L}+){0,6}$|^(?:(?:minh|toi|em|tui) )?dang (?:chat|noi chuyen|nhan tin|tro chuyen) voi nguoi(?: that)?(?: (?:a|ha|khong|ko|k|phai khong|vay|the))+$|^(?:co )?(?:nguoi|ng)(?: that)? dang (?:rep|tra loi|go|chat|nhan tin)(?: (?:cho )?(?:toi|minh|em|tui|e))?(?:\s(?:khong|ko|k|hok|hong|vay|z|v|the|a|ha|day|do|nhi))+$|^(?:are|r) (?:you|u) (?:a )?(?:human|real|robot|bot|a real person|a person)$|^is this a (?:bot|robot|real person|human)$/u;
// A person and a machine offered as the two answers, in either order and in any words between: "người thật hay chương
// trình tự động", "máy trả lời hay nhân viên gõ", "a human or a bot".
const MACHINE = String.raw`(?:may|bot|robot|chatbot|tu dong|auto|chuong trinh|phan mem|tri tue nhan tao|machine|program|computer)`;
// "AI" in capitals is artificial intelligence ("ng thật hay AI"); folded, it would be "ai", who ("nhân viên hay ai đó").
const AI_WRITTEN = /(?<![\p{L}])AI(?![\p{L}])/gu;
// "có ai" is someone there ("có ai đang gõ trả lời không hay tự động?").
const PERSON_WORD = String.raw`(?:(?:nguoi|ng)(?: that)?|nhan vien|can bo|con nguoi|co ai|human|person|real person|someone real)`;
const PERSON_OR_MACHINE = new RegExp(
  String.raw`\b${PERSON_WORD}\b(?: \p{L}+){0,6} (?:hay|hoac|or)(?: la| a| an)?(?: \p{L}+){0,2} ${MACHINE}\b|\b${MACHINE}\b(?: \p{L}+){0,4} (?:hay|hoac|or)(?: la| a| an)?(?: \p{L}+){0,2} ${PERSON_WORD}\b`,
  'u',
);
const CAPABILITIES =
  /^(?:(?:toi|minh|em|tui|bot|bot nay|nay|o day) )?(?:co the )?hoi (?:duoc |dc )?(?:nhung )?(?:gi|j|cai gi|dieu gi|nhung gi|chuyen gi|viec gi|(?:muc|chu de|van de|loai cau hoi) (?:gi|j|nao))(?: (?:o day|voi bot|bot|ban|the|vay|nhi|ha))*$|^(?:(?:ban|bot|em|tro ly|kenh|trang)(?: nay)?\s)?(?:(?:co the )?(?:giup|ho tro|lam) (?:duoc |dc )?(?:(?:toi|minh|em|tui|chi|anh|bac|co|chu|ong|ba|chau) )?(?:nhung )?(?:viec |van de |chuyen |mang |vu )?(?:gi|j)(?: cho (?:toi|minh|em|tui))?(?: (?:duoc|dc|khong|ko))?|biet (?:lam )?(?:nhung )?gi|tra loi duoc (?:nhung )?gi)$|^(?:what can you do|(?:how )?can you help(?: me)?|what can you help(?: me)? with|what do you do|what can i ask(?: you)?|(?:what|which) (?:kinds? of |sorts? of )?(?:questions|things|topics|subjects) (?:can|could|may) i (?:ask|bring|put)(?: (?:to )?you)?(?: about)?|(?:so )?(?:what|which) (?:kinds? of |sorts? of )?(?:things|matters|problems|questions) (?:can|could) you (?:help(?: (?:me|us|them|him|her|my(?: \p{L}+){1,2}))? with|do|sort out|handle|deal with|answer)(?: for me)?)$/u;
// What the bot can do for someone described first ("Người bán hàng online như mình thì bot giúp được gì?").
const CAPABILITIES_FOR_WHOM =
  /\bthi (?:bot|ban|em|tro ly)(?: nay)? (?:co the )?(?:giup|ho tro|lam) (?:duoc |dc )?(?:(?:cho )?(?:toi|minh|em|tui) )?(?:nhung )?(?:gi|j)(?: (?:duoc|dc|khong|ko|a|vay|the|nhi))*$/u;
// Insults at the bot ("bot ngu thế", "đồ vô dụng", "stupid bot"): a calm, polite reply, never "no information".
// What an English insult calls the bot ("You're the dumbest chatbot I've ever had to deal with", "what a useless bot").
const BAD_EN = 'stupid|stupidest|useless|dumb|dumbest|idiot|idiotic|pathetic|hopeless|worst|most useless|rubbish';
const INSULT = new RegExp(
  String.raw`^(?:(?:bot|ban|may moc|may|em|ad|cai|nay|do)\s)*(?:gi ma\s|sao ma\s)?(?:(?:tra loi|noi|tu van|lam viec)\s)?(?:ngu|ngoc|ngu the|ngu qua|ngu vay|ngu ngoc|vo dung|do ngu|do vo dung|do hoi|do do hoi|ngo ngan|vo tich su|bat tai|kem qua|kem coi|te qua|chan qua|nhu cut|stupid|useless|dumb|idiot)(?:\s(?:the|qua|vay|a|ha|bot|that|di|luon|het suc|het cho noi|cuc ky|vo cung))*(?: nhu(?: \p{L}+){1,5})?$|^(?:stupid|useless|dumb) (?:bot|robot|machine)$|^you(?: are| re)?(?: \p{L}+){0,2} (?:${BAD_EN})\b(?: \p{L}+){0,8}$|^(?:this|what an?|such an?)(?: is| s)?(?: \p{L}+){0,2} (?:${BAD_EN}) (?:bot|chatbot|robot|machine|assistant)\b(?: \p{L}+){0,6}$`,
  'u',
);
// An item (parcel, letter, order) that has not come, is late, lost or damaged.
const ITEM =
  /\b(?:(?<!(?:khach|ngan|cua|mat) )hang(?! (?:thang|ngay|nam|tuan|quy))|don hang|buu gui|buu pham|buu kien|kien hang|goi hang|parcel|package|item|order|delivery|shipment)\b/u;
const ITEM_PROBLEM =
  /\b(?:(?:chua|khong|ko|k|van chua|mai (?:khong|chua)|mai ko) (?:nhan duoc|nhan|den|toi|giao|thay|ve)|gui mai|cho mai|lau qua|cham qua|qua cham|giao cham|bi mat|that lac|bi hong|bi vo|mat hang|not (?:arrived|delivered|received)|(?:has not|hasn t|have not|haven t|never) (?:arrived|come|been delivered)|lost|late|damaged|missing)\b/u;
// A problem feared or supposed, not reported: "sợ thất lạc", "lỡ bị mất", "nếu hàng không tới", "in case it gets lost".
// Typed without diacritics, "so" and "lo" are as often "số" and "lô" ("lô hàng bị mất"): only the plain words count.
const FEARED_WRITTEN = /(?<![\p{L}])(?:sợ|lo|ngại|nếu|lỡ|nhỡ|phòng khi|in case|afraid|worried|what if|if)(?: \p{L}+){0,2} $/u;
const FEARED_FOLDED = /\b(?:neu|phong khi|in case|afraid|worried|what if|if)(?: \p{L}+){0,2} $/u;

/** Whether a clause of the message tells of an item's problem (its words in one clause: "có mở không, tôi định" is no "không tới"), not feared. */
function reportsProblem(text: string): boolean {
  return clausesOf(text).some((clause) => {
    const folded = foldKey(clause);
    const found = ITEM_PROBLEM.exec(folded);
    if (!found) return false;
    const before = folded.slice(0, found.index).split(' ').filter(Boolean).length;
    const written =
      normalizeVietnamese(clause)
        .toLowerCase()
        .match(/[\p{L}\p{N}]+/gu) ?? [];
    const said = `${written.slice(0, before).join(' ')} `;
    return !(hasDiacritics(clause) ? FEARED_WRITTEN : FEARED_FOLDED).test(said);
  });
}
/** What a message asks beside the item's problem it tells: its clauses that tell none ("…, mã trên phiếu phải có mấy ký tự?"). */
export function askedBesideProblem(text: string): string | undefined {
  const rest = clausesOf(text)
    .filter((clause) => clause.trim() && !reportsProblem(clause))
    .join(', ');
  return rest && looksLikeQuestion(rest) ? rest : undefined;
}
const ANGRY =
  /\b(?:buc minh|buc qua|buc boi|tuc qua|tuc gian|qua te|te qua|rat te|that vong|lua dao|vo trach nhiem|kem coi|lam an kieu gi|chan qua|dm|dcm|vcl|vkl|clgt|wtf)\b/u;
// Asking which number to call to complain ("muốn phản ánh qua điện thoại thì quay số gì") asks a question, not for the form.
const NUMBER_ASKED =
  /\b(?:so (?:gi|nao|may|bao nhieu|dien thoai)|sdt|hotline|tong dai(?! vien)|duong day nong|(?:goi|quay|bam) so|helpline|helpdesk(?: line)?|support line|phone number|number to call)\b/u;
// How much is paid for it ("bưu điện đền bao nhiêu tiền", "how much compensation"): a question for the knowledge, not a report.
const AMOUNT_ASKED = /\b(?:bao nhieu|bn|may (?:tien|trieu|nghin)|how much)\b/u;
const COMPLAINT = new RegExp(String.raw`\b(?:${COMPLAINT_WORDS})\b`, 'u');
const SUGGESTION = new RegExp(String.raw`\b(?:${SUGGESTION_GIVEN}|de xuat|y kien|sang kien|feedback|suggestion)\b`, 'u');
const QUESTION_KIND = /\b(?:hoi dap|cau hoi|question)\b/u;

const SMALL_TALK = { goodbye: GOODBYE, thanks: THANKS, greeting: GREETING, ack: ACK } as const;

/**
 * What a message means. Built-in intents are tried in this order; the features' own intents (`featureIntents`,
 * in the order of FEATURES, each feature's in its own order) are tried after the words about the conversation
 * (menu, paging, small talk, cancel, who the bot is, insults) and before the built-in requests (a ticket's
 * status, a person, feedback, tracking, an item's problem, news) and the question to look up.
 */
export function recognizeIntent(text: string | undefined, featureIntents: readonly IntentRecognizer[] = [], now = new Date()): Intent {
  const rating = RATING.exec(text ?? '')?.[1];
  if (rating) return { name: 'rating', rating: rating === '👍' ? 'up' : 'down' };
  const folded = foldKey(text ?? '');
  if (!folded) return { name: 'empty' };
  if (MENU.test(folded) || (MENU_ASKED.test(folded) && folded.split(' ').length <= MAX_MENU_WORDS)) return { name: 'menu' };
  if (MORE.test(folded)) return { name: 'more' };
  const smallTalk = smallTalkOf(folded) ?? (THANKS_FOR.test(folded) && !looksLikeQuestion(text) ? 'thanks' : undefined);
  if (smallTalk) return { name: smallTalk };
  const command = flowCommand(text);
  // Outside a form (a form ends at any cancel before this is asked), giving up said while taking leave ("thôi mình đi đây,
  // hẹn hôm khác nói chuyện tiếp") is a goodbye.
  if (command === 'cancel' && LEAVING.test(folded)) return { name: 'goodbye' };
  if (command) return { name: 'cancel' };
  // Fillers ("bạn", "bot") are dropped for Vietnamese; English ("who are you") is read as written.
  const forms = [withoutFillers(text), folded];
  const machineSpelled = text!.replace(AI_WRITTEN, 'trí tuệ nhân tạo');
  const humanForms = machineSpelled === text ? forms : [...forms, withoutFillers(machineSpelled)];
  if (humanForms.some((f) => HUMAN.test(f) || PERSON_OR_MACHINE.test(f))) return { name: 'human' };
  if (forms.some((f) => IDENTITY.test(f)) || askedInClauses(text, IDENTITY)) return { name: 'identity' };
  if (forms.some((f) => CAPABILITIES.test(f)) || CAPABILITIES_FOR_WHOM.test(folded) || askedInClauses(text, CAPABILITIES))
    return { name: 'capabilities' };
  if (forms.some((f) => INSULT.test(f)) || insultingClause(text)) return { name: 'insult' };
  for (const featureIntent of featureIntents) {
    const intent = featureIntent.recognize({ text: text!, folded });
    if (intent) return intent;
  }
  const ref = findTicketRef(text!);
  if (ref || TICKET_STATUS.test(folded)) return { name: 'ticketStatus', ref };
  if (requestClauses(text).some((c) => HANDOFF.test(c) || PERSON_PLEASE.test(c))) return { name: 'handoff' };
  if (FEEDBACK.test(folded) && !NUMBER_ASKED.test(folded) && !asksBeforeTheForm(text!))
    return { name: 'feedback', kind: ticketKindOf(text), told: toldBeside(text!, folded) };
  if (PERSON_NAMED.test(folded)) return { name: 'handoff' };
  const codes = findTrackingCodes(text!);
  // Whether something can be tracked ("thư bảo đảm có theo dõi hành trình được không") is asked of the knowledge.
  if (codes.length > 0 || (TRACKING.test(folded) && !ASKS_IF_POSSIBLE.test(folded) && !ASKS_ABOUT_IT.test(folded.replace(ASKS_HOW, ' '))))
    return { name: 'tracking', codes };
  // An item's problem told while asking which number to call or how much is paid is that question, asked of the knowledge.
  if (ITEM.test(folded) && reportsProblem(text!) && !NUMBER_ASKED.test(folded) && !AMOUNT_ASKED.test(folded))
    return { name: 'itemProblem', angry: soundsAngry(text) };
  // A question asked of an article it cites ("theo bài viết, …") or of what one says ("bài viết nhấn mạnh ai", unless asking
  // to see it) is not a request for the news, nor is news of the citizen's own matter ("vụ của em có tin gì chưa").
  const ofArticle = (): boolean =>
    articleCited(text!) !== undefined || (articleSays(text!) && !NEWS_ASKED.test(folded)) || CONTENT_ASKED.test(folded);
  if (NEWS.test(folded) && asksForNews(text!, folded) && !ofArticle() && !recallsUnsaid(text!))
    return { name: 'news', period: findPeriod(text!, now) };
  return { name: 'question' };
}

// A clause that puts the form off until something else is done ("trước khi gửi góp ý", "before I file the complaint").
const BEFORE = /^(?:truoc khi|truoc luc|before)\b/u;
const putsOffTheForm = (folded: string): boolean => BEFORE.test(folded) && FEEDBACK.test(folded);

/** The form named only while putting it off until a question another clause asks is answered ("Trước khi gửi góp ý, cho tôi hỏi …?"). */
// The words around a request for the form that tell nothing yet: who asks, wanting, politeness, "about", "something".
const REQUEST_FRAME = new Set(
  'toi tui minh mk em e anh chi ban ad bot buu dien cuc muon can xin cho duoc dc khong ko k gui nop lam viet mot 1 cai vai a nhe nha voi ve viec chuyen nay do la co the o day i want would like to need please can a an some something about this here have my'.split(
    ' ',
  ),
);

/**
 * The message that asked for the form, when it also tells what happened ("tôi muốn khiếu nại về thái độ nhân viên bưu
 * cục", "my parcel came crushed, where do I report this"): at least three words beside the request and its frame.
 */
function toldBeside(text: string, folded: string): string | undefined {
  const request = FEEDBACK.exec(folded);
  if (!request) return undefined;
  const beside = `${folded.slice(0, request.index)} ${folded.slice(request.index + request[0].length)}`;
  const words = beside.split(' ').filter((w) => w && !REQUEST_FRAME.has(w));
  return words.length >= 3 ? text : undefined;
}

function asksBeforeTheForm(text: string): boolean {
  const clauses = clausesOf(text).map(foldKey);
  const naming = clauses.filter((c) => FEEDBACK.test(c));
  return naming.length > 0 && naming.every(putsOffTheForm) && clauses.some((c) => !FEEDBACK.test(c) && looksLikeQuestion(c));
}

// Asking to see or be told the news: "xem", "đọc", "cho biết", "mới nhất", "gần đây", "show", "any".
const NEWS_ASKED = /\b(?:xem|doc|cap nhat|cho (?:toi |minh |em |tui )?(?:biet|xem|hay)|moi nhat|gan day|show|read|any|latest|recent)\b/u;
// A figure asked ("đạt mấy phần trăm", "khen mấy quý", "bao nhiêu tỷ") is what an article says, not how many articles or news there
// are; so is who did something ("người đứng trao giấy khen là ai").
const CONTENT_ASKED =
  /\b(?:may|bao nhieu|bn|how (?:much|many)) (?!(?:bai|tin|thong bao|ban tin|su kien|articles?|news|posts?|announcements?)\b)\p{L}+|\b(?:la ai|ai la nguoi)\b/u;
// A few words naming the news are the request itself ("tin tức", "thông báo mới", "latest announcements").
const MAX_NEWS_WORDS = 6;

/**
 * Whether a message naming the news asks for it: asked as a question, as a request to see it, or in a few words. A
 * statement that only mentions a notice ("trang tra cứu nên có thông báo khi hàng đến", a suggestion's content) does not.
 */
function asksForNews(text: string, folded: string): boolean {
  return looksLikeQuestion(text) || NEWS_ASKED.test(folded) || folded.split(' ').length <= MAX_NEWS_WORDS;
}

// Beside small talk, whom it is said to ("chào cháu", "cảm ơn chú"); not a filler elsewhere, where "co" may be "có".
const ADDRESSED_WORD = new RegExp(String.raw`\b${ADDRESSED}\b`, 'gu');

/**
 * Greetings, thanks, goodbyes and acknowledgements, alone or together ("thanks, bye", "ok cảm ơn nhé"):
 * the one that answers best (a goodbye over thanks over a greeting over an acknowledgement).
 */
export function smallTalkOf(folded: string): 'greeting' | 'thanks' | 'goodbye' | 'ack' | undefined {
  const found = (['goodbye', 'thanks', 'greeting', 'ack'] as const).filter((name) => SMALL_TALK[name].test(folded));
  for (const pattern of Object.values(SMALL_TALK)) pattern.lastIndex = 0;
  if (found.length === 0) return undefined;
  let rest = folded;
  for (const name of found) rest = rest.replace(SMALL_TALK[name], ' ');
  if (
    rest
      .replace(WISHES, ' ')
      .replace(FILLER, ' ')
      .replace(RELIEF, ' ')
      .replace(PRAISE, ' ')
      .replace(ADDRESSED_WORD, ' ')
      .replace(/[^\p{L}\p{N}]+/gu, '').length !== 0
  )
    return undefined;
  // A greeting after thanks, or after "thôi" (that is all), is a parting ("ok cảm ơn, chào nhé", "thôi con xin phép chào ạ").
  const parting = found.includes('greeting') && (found[0] === 'thanks' || /\bthoi\b/u.test(folded));
  return parting ? 'goodbye' : found[0];
}

// Sounds that open a reply and say nothing ("ờ", "ừm", "à", "ủa", "ồ", "ấy").
const INTERJECTION = /^(?:(?:o|u|um|uhm|a|ua|ay|oh|ah|hmm|uh)(?:\s+|$))+/u;

// Turning aside to ask, as a clause of its own ("à quên", "khoan viết đã", "oh wait", "tiện đây", "trước khi cho số") or
// before the question ("trước đó cho hỏi", "nhân tiện", "by the way").
const ASIDE_CLAUSE =
  /^(?:quen mat|quen|khoan (?:viet|ghi|dien) da|khoan da|khoan|tien day|nhan tien|oh wait|wait|sorry|excuse me|truoc khi (?:cho|dien|ghi|nhap|de lai|dua) (?:so|ten|sdt|so dien thoai|thong tin)(?: \p{L}+){0,2})$/u;
const ASIDE_LEAD = /^(?:truoc do|truoc khi (?:viet|ghi)|nhan tien|tien the|tien day|by the way|btw|before that)\s+/u;
// A clause that only says a question follows ("tiện đây hỏi luôn:", "trước khi góp ý cho mình hỏi:", "cho em hỏi chút,"):
// what follows is the question. Closed by a colon, any few words that ask ("cho hỏi xen ngang:").
// In English: "quick question first", "can I ask something first".
const ASKING_CLAUSE =
  /^(?:\p{L}+ ){0,6}hoi(?: (?:luon|chut|xiu|ti|ty|cai|nhe|nha|da|them|mot chut|1 chut|ngay|lai|truoc))*$|^(?:sorry |just )?(?:a |one )?(?:quick|small|short) question(?: first| before that)?$|^(?:can|could|may) i (?:just )?ask (?:you )?(?:something|a question|a quick question)(?: first)?$/u;
// Closed by a colon, so are a few words that ask to be told ("bạn tóm tắt giúp mình:", "cho tôi biết:", "explain this:").
const ASKING_BEFORE_COLON = /^(?:\p{L}+ ){0,6}(?:hoi|question|biet|tom tat|giai thich|tra loi|tell me|explain)(?: \p{L}+){0,3}$/u;
// The most words of a clause before the one that says a question follows, for it to open the question.
const SHORT_OPENING = 4;
const NAMES_SOMETHING = /\d|.\s\p{Lu}/u;

/**
 * The question without the small talk that opens it ("ờ hiểu rồi, tiện cho xin số tổng đài", "ok thanks, and the
 * fees?"): leading clauses that only greet, thank, acknowledge, hesitate, turn aside, put the form off ("trước khi khiếu nại,")
 * or say a question follows, when a clause of another kind
 * follows; then the words that turn aside to it ("à quên, trước đó cho hỏi …").
 */
export function withoutOpeningSmallTalk(text: string): string {
  return splitOpening(text).question;
}

/**
 * Whether the message opens by saying a question follows ("cho hỏi trước đã, …", "khoan, cho tôi hỏi lại, …", "quick
 * question: …"): what follows is asked of the bot, whatever the knowledge holds of it.
 */
export function opensAsking(text: string): boolean {
  return splitOpening(text).asked;
}

function splitOpening(text: string): { question: string; asked: boolean } {
  const parts = text.split(/(?<=[,.;:!?…])\s*/u);
  // Words that say a question follows, closed by a colon, end the opening however a few words before them put it
  // ("ghi thì ghi, nhưng cho tôi hỏi cái: …"), unless those name something (a place, a figure: "Tôi ở Cao Bằng, cho hỏi: …").
  const colon = parts.findIndex((p, i) => i < parts.length - 1 && p.trimEnd().endsWith(':') && ASKING_BEFORE_COLON.test(foldKey(p)));
  const shortBefore = parts
    .slice(0, colon)
    .every((p) => p.split(/\s+/u).filter(Boolean).length <= SHORT_OPENING && !looksLikeQuestion(p) && !NAMES_SOMETHING.test(p.trim()));
  let start = colon > 0 && shortBefore ? colon + 1 : 0;
  let asked = start > 0;
  while (start < parts.length - 1) {
    const said = foldKey(parts[start]!).replace(INTERJECTION, '');
    const asks = ASKING_CLAUSE.test(said) || (parts[start]!.trimEnd().endsWith(':') && ASKING_BEFORE_COLON.test(said));
    if (said && !ASIDE_CLAUSE.test(said) && !asks && !putsOffTheForm(said) && smallTalkOf(said) === undefined) break;
    asked ||= asks;
    start++;
  }
  const question = parts.slice(start).join(' ');
  const aside = ASIDE_LEAD.exec(foldKey(question))?.[0].trim().split(' ').length ?? 0;
  return { question: aside === 0 ? question : question.split(/\s+/u).slice(aside).join(' '), asked };
}

// "lắm" (very) folds to "lam", as "làm" (do) does: a command drops it as written, or last when typed without
// diacritics ("thôi nhé, phiền lắm", "thoi phien lam"), so "không làm nữa đâu" keeps its verb.
const VERY_WRITTEN = /(?<![\p{L}])lắm(?![\p{L}])/giu;

function withoutFillers(text: string | undefined): string {
  const raw = text ?? '';
  return foldKey(hasDiacritics(raw) ? normalizeVietnamese(raw).replace(VERY_WRITTEN, ' ') : raw.replace(/\blam\W*$/iu, ' '))
    .replace(COMMAND_FILLER, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
}

/** The most words of a message that insults in one of its clauses ("trả lời như cái máy, vô dụng"). */
const MAX_INSULT_WORDS = 12;

/**
 * The message and each of its clauses, without fillers, and folded as written: a request made in one clause
 * ("có ai trực không, cho tôi nói chuyện với người") is made by the message.
 */
function requestClauses(text: string | undefined): string[] {
  const clauses = clausesOf(text ?? '');
  return [
    foldKey(text ?? ''),
    withoutFillers(text),
    ...(clauses.length > 1 ? clauses.flatMap((c) => [foldKey(c), withoutFillers(c)]) : []),
  ];
}

// An apology or a polite opening that may stand as a clause of its own ("Sorry, who's this?", "xin lỗi, bạn là ai?").
// Beside it, an apology, a greeting, or saying one is new here ("chị mới biết trang này", "mình mới dùng lần đầu", "I'm new here").
const EXCUSING =
  /^(?:sorry|excuse me|pardon|xin loi|cho hoi|hi|hello|chao|(?:\p{L}+ )?moi (?:biet|dung|vao|tham gia)(?: (?:trang|cai|kenh|app|ung dung|zalo))?(?: nay)?(?: lan dau)?|(?:i m|i am) new(?: here| to this)?)$/u;

/** Whether every clause of the message asks what the pattern does, but for an apology or a greeting. */
function askedInClauses(text: string | undefined, pattern: RegExp): boolean {
  const pieces = clausesOf(text ?? '');
  const clauses = pieces.map(withoutFillers).filter((c) => c && !EXCUSING.test(c));
  return pieces.length > 1 && clauses.length > 0 && clauses.every((c) => pattern.test(c));
}

/** A short message, not a question, one of whose clauses is an insult on its own. */
function insultingClause(text: string | undefined): boolean {
  const clauses = (text ?? '').split(/[,.;!…]+/u).map(withoutFillers);
  const words = clauses.reduce((n, c) => n + (c ? c.split(' ').length : 0), 0);
  if (words > MAX_INSULT_WORDS || (text ?? '').includes('?')) return false;
  return NAME_CALLING.test(foldKey(text ?? '')) || (clauses.length > 1 && !looksLikeQuestion(text) && clauses.some((c) => INSULT.test(c)));
}
// Calling the bot names, wherever in the message ("hỏi mãi chả được cái gì, đồ máy vô dụng"): "gì" there asks nothing.
const NAME_CALLING = /\bdo (?:(?:may|bot|robot|chatbot|cai may) )?(?:ngu|ngoc|vo dung|vo tich su|bat tai)\b/u;

/** "hủy" (stop the flow) or "quay lại" (one step back), said on its own, with at most a polite filler. */
export function flowCommand(text: string | undefined): 'cancel' | 'back' | undefined {
  const core = withoutFillers(text);
  return isCancel(core) || meansCancel(text) ? 'cancel' : BACK.test(core) ? 'back' : undefined;
}

// Particles that may close a giving-up without changing it: "nữa" ("nx" in chat), "đi", "rồi" ("r" in chat), "đâu", "thì
// thôi" ("không gửi nữa đâu"), and the shrug "làm gì (cho mệt)" ("khỏi khiếu nại làm chi cho mệt").
const GIVING_UP_TAIL = /(?:\s+(?:nua|nx|di|roi|r|thi thoi|dau|lam(?: gi| chi)?(?: cho (?:met|phien|mat cong|mat thoi gian))?))+$/u;
// A cancel phrase may also say for whom ("hủy giúp tôi", "hủy giùm mình với", "bỏ qua cho tôi") or what ("hủy bỏ cái này",
// "hủy bỏ đơn này"), or end on "thôi" ("dừng ở đây thôi").
// In English, what is cancelled and how politely: "cancel this", "stop it please", "cancel the form", "drop the whole thing".
const CANCEL_TAIL =
  /(?:\s+(?:nua|nx|di|roi|thi thoi|thoi|dau|voi|vs|luon|lun|(?:giup|gium|ho)(?:\s+(?:toi|minh|em|e|tui|chau))?|cho(?:\s+(?:toi|minh|em|e|tui|chau))?|(?:cai|don|phieu|to|yeu cau|khieu nai|gop y|phan anh|y kien)(?: (?:nay|do|kia|ay))?|this|it|that|please|now|here|there|entirely|completely|altogether|for now|for today|everything|all of it|(?:the|my) (?:form|ticket|complaint|request|whole thing)))+$/u;
// Words that turn back before the cancel itself: "no wait, cancel this", "actually, let's drop it", "on second thought,
// drop it", "giờ dừng lại"; an interjection typed plainly ("ah thoi bo qua", "ờ thôi khỏi"); who does it ("cháu bỏ cái phiếu ấy đi").
const CANCEL_LEAD =
  /^(?:(?:thoi|thui|ma thoi|gio|bay gio|no|nah|nope|oh|ah|o|u|uh|ui|wait|no wait|oh wait|actually|hmm|um|on second thoughts?|let s|lets|let us|just|xin|lam on|vui long|please|kindly|chau|con|em|khoan|khoan da)\s+){1,3}/u;

/** A cancel phrase, its fillers already dropped: "hủy", "thôi", "thôi không cần nữa", "thôi khỏi", "dừng lại", "cancel". */
function isCancel(core: string): boolean {
  // "thôi", "thôi thôi", "(à) mà thôi" (never mind), "thôi" said to someone ("thôi cháu ạ", "thôi em"), and "(vậy/thế/rứa)
  // thì thôi" (then let it be).
  if (/^(?:ma )?thoi(?: thoi| (?:chau|bac|co|chu|ong|ba|anh|chi|ban|em|ad))?$|^(?:thoi )?(?:(?:the|rua) )?thi thoi$/u.test(core))
    return true;
  return CANCEL.test(core.replace(CANCEL_LEAD, '').replace(CANCEL_TAIL, ''));
}

// Giving up by meaning rather than by a fixed phrase: a put-off ("để lúc khác vậy", "maybe later"), a change
// of mind ("mình đổi ý rồi"), or no longer wanting to send, fill in or go on ("không muốn gửi phiếu nữa",
// "không cần gửi nữa đâu", "I don't need this anymore").
// A later time the citizen puts it off to: "lúc khác", "hôm sau", "tuần sau", "tối nay", "lát nữa", "mai", "sau".
const LATER = String.raw`(?:(?:luc|khi|hom|dip|bua|lan|ngay|tuan|thang|dot) (?:khac|sau|toi)|(?:toi|chieu|sang|trua) (?:nay|mai)|(?:lat|ti|chut|xiu) nua|ngay mai|mai|sau|sau nay)`;
// What the citizen would do then: send, come back, write, ask, go on with the form ("hôm khác mình góp tiếp").
const DO_LATER = String.raw`(?:gui|lam|quay lai|ghi|viet|dien|hoi|bao|nhan|lien he|(?:gop(?: y)?|phan anh|khieu nai)(?: tiep)?)`;
// When the citizen has time then: "hôm khác rảnh tôi làm", "lúc nào rảnh".
const FREE = String.raw`(?:ranh|co thoi gian|tien)`;
// Do not send it, strike it out: "đừng gửi", "giờ đừng gửi cái này", "xóa phiếu đó giúp mình".
const DO_NOT_SEND =
  /^(?:dung|khoan) (?:gui|nop|ghi|luu)(?: (?:phieu|don|yeu cau|cai nay|cai do|di|nua|voi))*$|^xoa (?:phieu|don|yeu cau|het|di|giup|gium|dum|cai)\b/u;
const GIVING_UP = [
  // Doing it another way instead: calling or going in ("thôi em tự ra bưu cục vậy", "để tôi gọi tổng đài cho nhanh", "I'll
  // call instead", "actually I'll just ring the hotline"); tired of writing to a machine ("thôi nói với máy mệt lắm").
  /^(?:(?:hay la |hay )?(?:thoi|vay|the thi|de)(?: de)?|(?:sang|chieu|toi|mai|hom khac|lat nua|luc khac))(?: (?:sang|chieu|toi|mai))?(?: (?:toi|tui|minh|em|chau|bac|con))?(?: tu| se)? (?:goi|ra|len|den|qua|xuong) (?:tong dai|buu cuc|buu dien|so 1900|hotline|truc tiep|quay)(?: gap (?:nguoi ta|nhan vien|ho))?(?: (?:noi|hoi|trinh bay|bao))?(?: (?:cho (?:nhanh|tien|chac|xong)|vay|nhe|nha|luon|thoi|sau|truc tiep))*$/u,
  // Giving it up in so many words, before saying what instead: "hay là thôi" (or rather, never mind).
  /^hay (?:la )?thoi$/u,
  // First doing something else: "để em gọi khách hỏi lại đã".
  /^de (?:toi|tui|minh|em|chau|bac) (?:\p{L}+ ){1,5}(?:da|truoc da|cai da)$/u,
  /^thoi (?:noi|chat|nhan tin|viet) voi (?:may|bot|robot)(?: \p{L}+){0,2} (?:met|chan|lau|kho)\b/u,
  /\b(?:i ll|i will|let me|i d rather)(?: just)? (?:call|ring|phone)(?: (?:you|the hotline|the number|them|the post office|vnpost))?(?: (?:instead|then|later|myself))?$/u,
  /\b(?:i ll|i will|i d rather)(?: just)? (?:go|pop|drop) (?:in|by|there|to the (?:post office|counter))(?: (?:in person|myself|instead))*$/u,
  // Put off to a later time, or to think it over: "để tuần sau tôi quay lại gửi", "hẹn hôm khác", "hôm khác mình
  // gửi sau nhé", "mình gửi sau", "để tôi nghĩ thêm", "mai tính".
  new RegExp(
    String.raw`^(?:thoi )?(?:de|hen)(?: (?:toi|tui|minh|em|chau))? ${LATER}\b|^${LATER}(?: ${FREE})?(?: (?:toi|tui|minh|em|chau))?(?: ${DO_LATER}(?: lai)?)?(?: sau)?$|^${DO_LATER}(?: lai)? sau$|^de(?: (?:toi|tui|minh|em|chau))? (?:nghi|xem|tinh|suy nghi|can nhac)(?: (?:them|lai|da|ky))*$|^(?:thoi )?(?:de (?:day|do)|${LATER} (?:tinh|hay|xem|lam|noi)(?: (?:tiep|sau|lai))*)$|\bdoi y\b|^thoi (?:bo|khoi|khong|dung|huy|de)\b`,
    'u',
  ),
  // The form's verbs: "phản ánh" may come as "phan", its "ánh" dropped with the filler "anh".
  /\b(?:khong|ko|k|kh|chang|hong|khoi)\s+(?:(?:muon|can|thich|dinh|co y)\s+)?(?:gui|lam|lap|tao|khieu nai|gop(?: y)?|phan(?: anh)?|than phien|kien nghi|kien(?: cao)?|to cao|de lai|tiep tuc|dien|nhap|viet|ghi|neu|cung cap|dua|cho)(?:\s+(?:phieu|don tu|don|yeu cau|phan anh|phan|gop y|khieu nai|y kien|so|so dien thoai|thong tin|ten|gi|ca|lai|tiep|cai|vu|viec|nay|do|kia))*(?:\s+nua)?(?:\s+(?:bo qua|bo di|thoi))?$/u,
  // "hủy … đi/luôn" told, not denied, wherever it stands: "sai tên rồi thôi hủy luôn đi", "số điện thoại thì không cho đâu hủy cái này đi".
  /(?<!\b(?:khong|ko|k|dung|chua|chang) )\bhuy(?: bo)?(?: (?:cai nay|cai do|phieu nay|don nay|yeu cau nay|het))? (?:luon|di|giup|gium|dum)\b/u,
  // Scrapping it: "thôi dẹp đi", "dẹp luôn cái phiếu" ("đẹp" alone, folded the same, says nothing of the form).
  /^(?:thoi )?dep (?:di|luon|lun|no di|cai (?:phieu|don) (?:nay|do|di))\b/u,
  // Not sending it now, or not yet wanting to: "xin phép chưa gửi lúc này", "tạm thời chưa cần gửi", "em chưa muốn nộp".
  /^(?:(?:toi|tui|minh|em|chau) )?(?:xin phep )?(?:tam thoi |tam )?chua (?:(?:can|muon|dinh) )?(?:gui|lam|nop)(?: (?:luc nay|bay gio|voi|ngay|da))*$/u,
  // Wanting it cancelled, maybe to write it again later: "tôi muốn hủy để hôm khác viết lại cho kỹ".
  /^(?:(?:toi|tui|minh|em|chau) )?(?:muon|xin|can) huy(?: bo)?(?: (?:phieu|don|yeu cau|gop y|khieu nai|phan anh|cai nay|di|nhe|nha))*(?: de\b.*)?$/u,
  /\b(?:khong|ko|k|kh|chang|hong)\s+(?:muon|can)(?:\s+(?:lam|gui))?\s+nua\b/u,
  // No longer needing the form itself: "không cần phiếu đâu", "ko cần đơn này nữa".
  /\b(?:khong|ko|k|kh|chang|hong)\s+can\s+(?:phieu|don|yeu cau)(?:\s+(?:nay|do|nua))*$/u,
  // Taking back what was said: "coi như tôi chưa nói gì", "tôi rút lại ý kiến", "nghĩ lại rồi", "… nên tôi rút lại yêu cầu này".
  /\b(?:coi|xem) nhu (?:(?:toi|tui|minh|em|chau) )?chua (?:noi|hoi|viet|nhan) gi\b/u,
  /^(?:(?:nen|cho nen|vi vay|vay nen|do do) )?(?:(?:toi|tui|minh|em|chau) )?(?:xin )?(?:phep )?(?:rut lai|nghi lai)(?: (?:y kien|phieu|don|yeu cau|gop y|phan anh|khieu nai|loi))?(?: (?:nay|do|roi))*$/u,
  DO_NOT_SEND,
  /\b(?:never ?mind|forget (?:it|about it|(?:the|my|this)(?: whole)? (?:complaint|form|ticket|request|report|thing|feedback|suggestion|idea))|cancel (?:the|my|this|that) (?:complaint|form|ticket|request|report|feedback|suggestion)|(?:i ll|i will) (?:sort|work|figure) (?:it|this|that) out(?: (?:myself|on my own))?|changed? my mind|(?:do not|don t|dont) (?:want|need) (?:this|it|to (?:send|continue|go on|carry on|proceed|bother))|(?:do not|don t|dont) (?:send|submit|file) (?:it|this|that|the (?:form|ticket|complaint))|no (?:need|longer needed)(?: (?:anymore|any more|now))?|not now|maybe later|another time|some other time|leave it(?: for now| for today| there| for later)?$|(?:let s|lets|let us) not (?:bother|do (?:it|this|that)|go on|continue)|(?:do not|don t|dont) bother|not worth (?:it|the (?:trouble|bother|hassle))|(?:i d|i would|id) (?:rather|prefer(?: to)?) not|(?:please )?disregard (?:my|the|this|that|our) (?:request|complaint|message|form|ticket|feedback|suggestion)|(?:not|no longer) (?:go(?:ing)? (?:through|ahead) with|continu(?:e|ing) with|proceed(?:ing)? with) (?:it|this|that|the (?:form|ticket|complaint|request)))\b/u,
];
// Started by mistake: "nhầm rồi", "tôi bấm nhầm", "ấn nhầm thôi". Beside anything else, the mistake is corrected ("à nhầm,
// 0981 207 453"), not the form given up.
const MISTAKEN = /^(?:(?:toi|tui|minh|em|chau) )?(?:(?:bam|an|go|chon|nhan|click) )?nham(?: (?:roi|thoi|nut|a))*$/u;
// Why, said after the closing word without a comma ("không phản ánh nữa đâu sợ phiền người ta"): the giving-up ends there.
const REASON_AFTER =
  /(?<![\p{L}])(nữa|nua|đâu|dau|rồi|roi|thôi|thoi)\s+(?:vì|vi|bởi vì|tại vì|do|sợ|so|ngại|ngai|because|since)(?![\p{L}]).*$/iu;
// Two to five words each capitalised, nothing else: a person's name as typed.
const TYPED_AS_NAME = /^\s*\p{Lu}\p{Ll}*(?:\s+\p{Lu}\p{Ll}*){1,4}\s*$/u;
// The form named in a clause that gives it up.
const FORM_NAMED = /\b(?:phieu|don|yeu cau|gop y|khieu nai|phan anh)\b/u;
// A put-off is a short message, not a sentence of a complaint that happens to say "không muốn … nữa".
const MAX_GIVING_UP_WORDS = 15;

// Going on after all, said beside a "thôi" ("à mà thôi, nghĩ lại vẫn muốn góp ý, cho mình làm lại"): the "thôi" takes back
// what came before, not the form. Undenied ("không tiếp tục nữa" gives up), and not put off ("tôi làm lại sau").
const GOING_ON =
  /(?<!\b(?:khong|ko|k|kh|chang|chua|hong)(?: \S+)? )\b(?:van (?:muon|gui|gop|lam)|lam lai|tiep tuc)\b(?! (?:sau|luc khac|hom khac|hom sau|lan sau|mai)\b)/u;

// A change of mind supposed, not made: "nếu gửi rồi mà đổi ý muốn lấy lại thì có được không?", "what if I change my mind?".
const HYPOTHETICAL = /^(?:neu|gia su|gia nhu|trong truong hop|if|in case|what if|suppose)\b/u;

const WAITING =
  /^(?:(?:ay|a|oi|khoan) )?(?:cho|doi|khoan)(?: (?:chut|xiu|ti|da|mot chut|1 chut))+$|^(?:hold on|wait|hang on)(?: a (?:sec|second|moment|minute))?$/u;

/** Whether a clause of a short message gives up what is under way, by meaning (see GIVING_UP) or by a cancel phrase. */
function meansCancel(text: string | undefined): boolean {
  // A name typed as one ("Mai Anh" at the form's name step) is no put-off to tomorrow ("mai").
  if (TYPED_AS_NAME.test(text ?? '')) return false;
  const said = clausesOf(text ?? '');
  const cleaned = (c: string): string => withoutFillers(normalizeVietnamese(c).replace(REASON_AFTER, '$1'));
  const all = said.map(cleaned).filter((c) => c);
  // "Hold on" ("ấy chờ chút, em chưa muốn nộp, …") beside other words gives nothing up and keeps nothing on: an aside.
  const clauses = all.length > 1 ? all.filter((c) => !WAITING.test(c)) : all;
  // The words that turn back before it ("thôi thôi đừng ghi nữa") do not change a giving-up.
  const says = (c: string, patterns: readonly RegExp[]): boolean =>
    [c, c.replace(CANCEL_LEAD, '')].some((said) =>
      patterns.some((pattern) => pattern.test(said) || pattern.test(said.replace(GIVING_UP_TAIL, ''))),
    );
  const givenUp = (c: string): boolean => !HYPOTHETICAL.test(c) && (isCancel(c) || says(c, GIVING_UP));
  const onlyGivingUp = clauses.every((c) => givenUp(c) || says(c, [MISTAKEN]));
  const givesUp = (c: string): boolean => givenUp(c) || (onlyGivingUp && says(c, [MISTAKEN]));
  // A longer one gives up when it closes giving up and opens with "thôi" ("Thôi cháu ạ, bác nghĩ lại rồi, …, không làm
  // đơn từ gì nữa"), or closes telling not to send ("…, giờ đừng gửi cái này") or naming the form given up ("…, nên không
  // cần ghi đơn nữa nhé"): the reasons between are no complaint.
  // So does one that gives up first, by its opening words or in a clause naming the form, and then says why or what
  // instead ("Actually, never mind — please don't send it, I'll speak to the staff in person next time", "Nghĩ lại thì
  // chuyện cũng nhỏ thôi, em không muốn gửi góp ý nữa đâu, bỏ qua giúp em nhé"), asking nothing.
  if (clauses.reduce((n, c) => n + c.split(' ').length, 0) > MAX_GIVING_UP_WORDS) {
    const last = clauses[clauses.length - 1]!;
    const closes = DO_NOT_SEND.test(last.replace(CANCEL_LEAD, '')) || FORM_NAMED.test(last);
    const opening = clauses.find((c) => `${c} `.replace(CANCEL_LEAD, '').trim() !== '' && !ASIDE_CLAUSE.test(c)) ?? '';
    const formGivenUp = clauses.some((c) => givesUp(c) && FORM_NAMED.test(c));
    if (clauses.length > 2 && givesUp(last) && (givesUp(clauses[0]!) || closes || formGivenUp)) return true;
    // Or when it closes giving up the form by name, asking nothing ("Xin lỗi đã làm phiền, việc này tôi sẽ gửi bằng công văn
    // nên không cần lập phiếu nữa").
    if (givesUp(last) && FORM_NAMED.test(last) && !looksLikeQuestion(text)) return true;
    return givesUp(opening) && !looksLikeQuestion(text);
  }
  // "thôi, cho hỏi bưu điện có chuyển tiền không?": the "thôi" turns to the question another clause asks.
  // A closing "đâu" ("không góp nữa đâu") stresses the no; it does not ask where.
  // Whether a clause asks is read on its words as said, less the particles that close a giving-up ("… làm gì"): a filler
  // dropped may have been half of an asking phrase ("đa" of "tối đa", "nhiêu" of "bao nhiêu").
  const asks = (c: string): boolean => {
    const words = c.trim().split(/\s+/u);
    const tail = GIVING_UP_TAIL.exec(foldKey(c))?.[0].trim().split(' ').length ?? 0;
    return looksLikeQuestion(words.slice(0, words.length - tail).join(' '));
  };
  return (
    clauses.some(givesUp) &&
    !said.some((c) => GOING_ON.test(foldKey(c))) &&
    !said.some((c) => cleaned(c) !== '' && !givesUp(cleaned(c)) && asks(c))
  );
}

// "có … không" closing the message, or a clause of it with more said after it ("gửi thư bảo đảm thì có tra được không, lần sau
// tôi gửi loại đó").
const YES_NO_CLOSING = String.raw`\b(?:co|duoc|dc|phai)\b.*\b(?:khong|ko|k|hong|chua)(?: (?:nhi|a|ha|vay|the|ta|nhe|z|v))*$`;
const YES_NO_CLAUSE = new RegExp(YES_NO_CLOSING, 'u');

// A question, however it is written: "?", a question word ("bao lâu", but not "bao lâu nay": for so long; "mấy" typed plainly
// before what it counts, "dai may chu", or closing after it, "lanh ngay may z"), "có … không" (closed by a particle too:
// "không nhỉ"), a tag that checks ("được chứ", "đúng chứ"), "cho hỏi", a request ("cho xin số …", "cho tôi chép lại số …";
// "cho xin lỗi" apologises).
const QUESTION = new RegExp(
  String.raw`\b(?:ai|gi|j|dau|nao|bao nhieu|bn|bao gio|bao lau(?! nay)|khi nao|luc nao|may gio|tai sao|vi sao|sao|the nao|nhu the nao|ntn|lam sao|lam the nao|la gi|cho (?:toi |minh |em |tui |chau )?hoi|xin hoi|hoi (?:chut|xiu|ti)|cho (?:(?:toi|minh|mk|em|e|tui|chau) )?(?:xin(?! loi)|biet)|xin (?:(?:cai|con|giup|gium|luon|voi) )*(?:so|sdt|dia chi|thong tin)|cho (?:(?:toi|minh|mk|em|e|tui|chau) )?(?:chep|ghi|lay|xem)(?: lai)? (?:cai )?(?:so|sdt|dia chi)|may (?:chu|ky tu|so|con so|ngay|tuan|thang|nam|tuoi|lan|nguoi|cai|kg|ky|can|quy|buoc|phut|tieng|loai|nghin|trieu|ty|phan tram)(?! (?:nay|truoc|roi|qua|lien)\b)|ib|inbox|what|how|where|when|who|why|which|can i|do you|is there|are there)\b|\b(?:ngay|thu|hom|thang|lop|tang|quay|phong|ban|lan) may(?: (?:z|v|vay|the|a|nhi|ha|ta|nhe))*$|${YES_NO_CLOSING}|\w\s(?:khong|ko|chua|hok)(?: (?:nhi|a|ha|vay|the|ta|z|v))*$|\b(?:duoc|dc|phai|dung|on|co) chu(?: (?:nhi|a|ha|nhe|nha))*$|^(?:is|are|do|does|did|can|could|will|would|should|have|has)\s`,
  'u',
);

// A question word that "cũng" follows says "every", not "which" ("chiều nào ông ra cũng thấy đóng cửa", "ai cũng biết"); a
// closing "gì" after a denial says "nothing" ("không cần sửa gì", "chẳng có gì"); "đâu" a word or two after it says "at all"
// ("không gửi đâu", "chẳng cần đâu"), unless it follows a word of place or knowing ("không biết ở đâu", "không có chỗ đâu");
// "chẳng ai" says "nobody" ("chẳng ai xử lý đâu").
const NOT_ASKING_WORD =
  /\b(?:ai|gi|dau|nao|bao gio|khi nao|luc nao)\b(?=(?:\s+\S+){0,6}?\s+cung\b)|\b(?:khong|ko|chang|cha)(?: \S+){1,3} (?:gi|j)(?: (?:ca|het|dau|a|nhe|nha))*$|\b(?:khong|ko|chang|cha)(?: (?!(?:o|tu|di|cho|noi|ve|den|toi|biet|co)\b)\S+){1,2} dau\b|\b(?:khong|ko|chang|cha) ai\b(?: (?!(?:o|tu|di|cho|noi|ve|den|toi|biet|co)\b)\S+){0,3}(?: dau\b)?/gu;

// "mấy" asks how many, typed with its tone ("mất mấy ngày"; folded it is also "máy"), unless it says "several" ("mấy hôm nay",
// "chậm mấy ngày liền", "gọi mấy lần rồi").
const HOW_MANY = /(?<![\p{L}])mấy(?![\p{L}])(?! \p{L}+ (?:nay|trước|rồi|qua|liền|liên tục|liên tiếp)(?![\p{L}]))/iu;

/** A message that asks something, rather than answers what a form asked. */
export function looksLikeQuestion(text: string | undefined): boolean {
  const raw = text ?? '';
  return (
    raw.includes('?') ||
    QUESTION.test(foldKey(raw).replace(NOT_ASKING_WORD, ' ')) ||
    HOW_MANY.test(normalizeVietnamese(raw)) ||
    raw.split(/[,;:.!]/u).some((clause) => YES_NO_CLAUSE.test(foldKey(clause).replace(NOT_ASKING_WORD, ' ')))
  );
}

/**
 * Said in the middle of a form but meant for the bot at large: a question, small talk or another request
 * ("cho hỏi số tổng đài là gì", "cảm ơn", "tin mới nhất"), to be answered before the form asks again.
 */
export function isAside(text: string | undefined, featureIntents: readonly IntentRecognizer[]): boolean {
  const intent = recognizeIntent(text, featureIntents).name;
  return intent === 'question' ? looksLikeQuestion(text) : intent !== 'empty';
}

const RECORD_IT =
  /^(?:ghi|ghi lai|ghi vao|ghi vao phieu|vao phieu|luu|luu vao phieu|ghi noi dung nay vao phieu|record|save|add to the ticket|add it to the ticket)$/u;
const ASK_IT = /^(?:hoi bot|hoi|tra loi|tra loi giup|ask|ask the bot|answer|answer it)$/u;

/** The answer to "ghi vào phiếu hay hỏi bot?": write the text into the ticket, or have the bot answer it. */
export function detailsChoice(text: string | undefined): 'record' | 'ask' | undefined {
  const core = withoutFillers(text);
  return RECORD_IT.test(core) ? 'record' : ASK_IT.test(core) ? 'ask' : undefined;
}

// A word of giving up anywhere in the message ("thôi", "hủy", "khỏi", "dừng", "không cần", "để sau", "nvm"): as written when
// typed with diacritics ("dừng", not "đúng"), folded when without ("dung" alone may be "đúng", so only "dung lai").
const GIVING_UP_WORD = String.raw`thôi|thui|hủy|huỷ|bỏ qua|bỏ đi|khỏi|dừng|ngừng|ngưng|(?:không|ko|k|chẳng|chả) (?:cần|gửi|muốn)|để sau|lúc khác|hôm khác`;
const GIVING_UP_WRITTEN = new RegExp(
  String.raw`(?<![\p{L}])(?:${GIVING_UP_WORD}|cancel|stop|quit|never ?mind|nvm|forget it|no need)(?![\p{L}])`,
  'u',
);
const GIVING_UP_FOLDED =
  /\b(?:thoi|thui|huy|bo qua|bo di|khoi|dung lai|ngung|(?:khong|ko|k|chang|cha) (?:can|gui|muon)|de sau|luc khac|hom khac|cancel|stop|quit|never ?mind|nvm|forget it|no need)\b/u;
// Sending or agreeing beside it ("không cần sửa, gửi đi"), saying it is all ("thế thôi", "không cần sửa gì"), or the
// citizen's own name given ("thôi, tên tôi là Lan"): no giving up.
const SENDS_OR_NAMES =
  /\b(?:gui (?:di|luon|len|giup|gium)|xac nhan|dong y|dung roi|ok|oke|yes|send|submit|confirm|ten (?:toi|minh|em|chau|tui|la)|(?:khong|ko|k|chang) (?:can )?(?:sua|thay doi|chinh)|(?:chi )?(?:co )?(?:the|vay) thoi)\b/u;

/**
 * Whether a message a form's step did not take as its value (a name, a number, a confirmation) leans to giving up: a word
 * of giving up anywhere, not asking, not sending, not going on, not naming the citizen ("thôi chưa gửi vội để tôi hỏi con
 * đã").
 */
export function hintsGivingUp(text: string): boolean {
  const folded = foldKey(text);
  return (
    matchesAsTyped(text, folded, GIVING_UP_WRITTEN, GIVING_UP_FOLDED) &&
    !SENDS_OR_NAMES.test(folded) &&
    !GOING_ON.test(folded) &&
    !looksLikeQuestion(text)
  );
}

/** What ends a handoff from the citizen's side: "kết thúc", or any cancel word. */
export function endsHandoff(text: string | undefined): boolean {
  const core = withoutFillers(text);
  return END_HANDOFF.test(core) || isCancel(core);
}

/** Angry words, three or more exclamation marks, or a long message all in capitals. */
export function soundsAngry(text: string | undefined): boolean {
  const raw = text ?? '';
  const letters = raw.replace(/[^\p{L}]/gu, '');
  return (
    ANGRY.test(foldKey(raw)) ||
    /!{3,}/u.test(raw) ||
    (letters.length >= 12 && letters === letters.toUpperCase() && letters !== letters.toLowerCase())
  );
}

/** The kind of ticket a message names; undefined when it names none, or both complaint and suggestion (the menu button). */
export function ticketKindOf(text: string | undefined): TicketKind | undefined {
  const folded = foldKey(text ?? '');
  const kinds: TicketKind[] = [];
  if (COMPLAINT.test(folded)) kinds.push('complaint');
  if (SUGGESTION.test(folded)) kinds.push('suggestion');
  if (QUESTION_KIND.test(folded)) kinds.push('question');
  if (kinds.length === 0 && /^[1-3]$/u.test(folded)) return (['complaint', 'suggestion', 'question'] as const)[Number(folded) - 1];
  return kinds.length === 1 ? kinds[0] : undefined;
}
