// What every feature's texts share: the shape of a message, the buttons more than one feature offers, and
// the few texts of the conversation itself (the menu, a cancel, an error). Every text of the bot is written
// the same way: `{ vi: …, en: … }[lang]`, Vietnamese (polite: "Dạ", "Quý khách") beside English.
// Facts come only from the knowledge base; these texts add no fact but the hotline.
import type { Language } from '../text/language.js';
import { HOTLINE_DISPLAY, HOTLINE_TEL, type Action } from './activities.js';

export interface Message {
  text: string;
  actions: Action[];
}

/** A button posting its own title, in each language. */
export function button(vi: string, en: string, enValue = en): Record<Language, Action> {
  return { vi: { title: vi, value: vi }, en: { title: en, value: enValue } };
}

export const CALL: Record<Language, Action> = {
  vi: { title: `Gọi ${HOTLINE_DISPLAY}`, value: HOTLINE_TEL, type: 'call' },
  en: { title: `Call ${HOTLINE_DISPLAY}`, value: HOTLINE_TEL, type: 'call' },
};

export const MENU: Record<Language, Action[]> = {
  vi: [
    { title: 'Dịch vụ', value: 'Dịch vụ' },
    { title: 'Tin tức – thông báo', value: 'Tin tức – thông báo' },
    { title: 'Hotline', value: 'Hotline' },
    { title: 'Tra cứu bưu gửi', value: 'Tra cứu bưu gửi' },
    { title: 'Góp ý – khiếu nại', value: 'Góp ý – khiếu nại' },
  ],
  en: [
    { title: 'Services', value: 'Services' },
    { title: 'News', value: 'News' },
    { title: 'Hotline', value: 'Hotline' },
    { title: 'Track a parcel', value: 'Track my parcel' },
    { title: 'Feedback', value: 'Complaint or feedback' },
  ],
};

// Buttons of more than one feature. Each posts words in the conversation's language (or of none, like a code).
export const CANCEL = button('Hủy', 'Cancel');
export const BACK = button('Quay lại', 'Back');
export const TALK_TO_STAFF = button('Gặp nhân viên', 'Talk to a person');
export const SEND_TICKET: Record<Language, Action> = {
  vi: { title: 'Gửi góp ý – khiếu nại', value: 'Góp ý – khiếu nại' },
  en: { title: 'Complaint or feedback', value: 'Complaint or feedback' },
};

/** dd/mm/yyyy, as Vietnamese readers write dates. */
export function vietnameseDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

export function errorMessage(lang: Language): Message {
  return {
    text: {
      vi: `Dạ, hệ thống đang gặp sự cố. Quý khách vui lòng thử lại sau hoặc gọi ${HOTLINE_DISPLAY} ạ.`,
      en: `Sorry, something went wrong. Please try again later or call ${HOTLINE_DISPLAY}.`,
    }[lang],
    actions: [CALL[lang]],
  };
}

/** The store could not keep the turn (a full disk, a store not answering): nothing of the message was kept. */
export function notSavedMessage(lang: Language): Message {
  return {
    text: {
      vi: `Dạ, hệ thống đang gặp sự cố nên chưa lưu được tin nhắn vừa rồi của Quý khách. Quý khách vui lòng gửi lại sau ít phút hoặc gọi ${HOTLINE_DISPLAY} ạ.`,
      en: `Sorry, something went wrong and your last message was not saved. Please send it again in a few minutes or call ${HOTLINE_DISPLAY}.`,
    }[lang],
    actions: [CALL[lang]],
  };
}

/** A flow stopped at the citizen's word ("hủy", "thôi không cần nữa", "cancel"). */
export function cancelledMessage(lang: Language = 'vi'): Message {
  return {
    text: {
      vi: 'Dạ, bot đã hủy yêu cầu. Quý khách cần hỗ trợ gì thêm ạ?',
      en: 'OK, I have cancelled that. What else can I help you with?',
    }[lang],
    actions: MENU[lang],
  };
}

/** "thôi", "không cần nữa" when nothing was under way. */
export function nothingToCancel(lang: Language = 'vi'): Message {
  return {
    text: { vi: 'Dạ vâng ạ. Quý khách cần hỗ trợ gì thêm cứ nhắn cho bot nhé.', en: 'All right. Ask me anything else at any time.' }[lang],
    actions: MENU[lang],
  };
}

/** Said when staff end a live chat: by the interruption base (a flow under way) and by the handoff feature. */
export function handoffEnded(lang: Language = 'vi'): Message {
  const text = {
    vi: 'Dạ, cuộc trò chuyện với nhân viên đã kết thúc, bot tiếp tục hỗ trợ Quý khách. Quý khách cần hỗ trợ gì ạ?',
    en: 'Your chat with our staff has ended, and I am here again. How can I help?',
  }[lang];
  return { text, actions: MENU[lang] };
}
