// What the bot says to the menu, small talk and a message it cannot read: who it is, what it can do, and
// the polite replies that never count as misses.
import { HOTLINE_DISPLAY } from '../../replies/activities.js';
import { CALL, MENU, type Message } from '../../replies/commonTexts.js';
import type { Language } from '../../text/language.js';

const SMALL_TALK = {
  welcome: {
    vi: 'Dạ, xin chào Quý khách! Bot là trợ lý tự động hỗ trợ khách hàng bưu điện khu vực Bắc Kạn (từ 1/7/2025, tỉnh Bắc Kạn đã hợp nhất vào tỉnh Thái Nguyên). Quý khách cần hỗ trợ gì ạ? Quý khách có thể chọn một mục bên dưới hoặc gõ câu hỏi, có dấu hay không dấu đều được.',
    en: 'Hello! I am the automated assistant for post office customers in the Bắc Kạn area (since 1 July 2025 Bắc Kạn province has been part of Thái Nguyên province). How can I help? Pick a topic below or type your question.',
  },
  greeting: {
    vi: 'Dạ, xin chào Quý khách! Quý khách cần hỗ trợ gì ạ?',
    en: 'Hello! How can I help you?',
  },
  thanks: {
    vi: 'Dạ, rất vui được hỗ trợ Quý khách. Khi cần thêm thông tin, Quý khách cứ nhắn cho bot ạ.',
    en: 'You are welcome. Ask me anything else at any time.',
  },
  goodbye: {
    vi: 'Dạ, cảm ơn Quý khách đã liên hệ. Chúc Quý khách một ngày tốt lành!',
    en: 'Goodbye, have a nice day!',
  },
  notText: {
    vi: 'Dạ, hiện bot chỉ đọc được tin nhắn chữ. Quý khách vui lòng gõ câu hỏi, hoặc gõ "menu" để xem các mục hỗ trợ.',
    en: 'I can only read text messages. Please type your question, or "menu" to see what I can help with.',
  },
  ack: {
    vi: 'Dạ vâng ạ. Quý khách cần hỗ trợ gì thêm cứ nhắn cho bot nhé.',
    en: 'All right. Ask me anything else at any time.',
  },
  // Who the bot is: consistent with the knowledge base on the July 2025 merger, and nothing unconfirmed
  // about the post office's current name or officials.
  identity: {
    vi: `Dạ, bot là trợ lý tự động (không phải nhân viên) trả lời câu hỏi thường gặp của khách hàng bưu điện khu vực Bắc Kạn; từ 1/7/2025, tỉnh Bắc Kạn đã hợp nhất vào tỉnh Thái Nguyên. Bot trả lời theo các bài viết của Bưu điện tỉnh Bắc Kạn và thông tin công khai của Bưu điện Việt Nam; khi cần, Quý khách gọi đường dây nóng ${HOTLINE_DISPLAY}.`,
    en: `I am an automated assistant (not a member of staff) answering common questions from post office customers in the Bắc Kạn area; since 1 July 2025 Bắc Kạn province has been part of Thái Nguyên province. I answer from the articles of the Bắc Kạn provincial post office and Vietnam Post's public information; for anything else, please call the hotline ${HOTLINE_DISPLAY}.`,
  },
  // An insult at the bot: calm and polite, with the hotline.
  insult: {
    vi: `Dạ, bot xin lỗi vì chưa hỗ trợ được như Quý khách mong muốn. Quý khách có thể hỏi lại theo cách khác, hoặc gọi ${HOTLINE_DISPLAY} để được nhân viên hỗ trợ ạ.`,
    en: `I am sorry I have not been able to help as you wished. You can ask again in other words, or call ${HOTLINE_DISPLAY} to talk to our staff.`,
  },
  capabilities: {
    vi: 'Dạ, bot có thể: trả lời về dịch vụ bưu điện (gửi bưu kiện, bưu phẩm bảo đảm, lương hưu, hồ sơ hành chính công…), số đường dây nóng, tin tức – thông báo của bưu điện; kiểm tra mã bưu gửi và gửi đường dẫn tra cứu; nhận góp ý – khiếu nại. Quý khách chọn một mục bên dưới hoặc gõ câu hỏi ạ.',
    en: 'I can answer questions about post office services (parcels, registered mail, pensions, administrative dossiers…), the hotline and the post office news; check a tracking code and give its tracking link; and take a complaint or suggestion. Pick a topic below or type your question.',
  },
} satisfies Record<string, Record<Language, string>>;

export type SmallTalk = keyof typeof SMALL_TALK;

/** The welcome and "what can you do" carry the menu; who the bot is, the hotline. */
export function smallTalkMessage(key: SmallTalk, lang: Language): Message {
  const actions = key === 'welcome' || key === 'capabilities' ? MENU[lang] : key === 'identity' || key === 'insult' ? [CALL[lang]] : [];
  return { text: SMALL_TALK[key][lang], actions };
}
