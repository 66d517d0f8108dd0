// What the bot says about reaching a person: the offer after failed answers (a person only when one can be
// reached now, otherwise the hotline and a ticket), "are you a person", and each turn of a chat held by staff.
import { HOTLINE_DISPLAY } from '../../replies/activities.js';
import { CALL, MENU, SEND_TICKET, TALK_TO_STAFF, type Message } from '../../replies/commonTexts.js';
import type { Language } from '../../text/language.js';

const SORRY = {
  vi: 'Dạ, bot rất tiếc chưa hỗ trợ được Quý khách như mong muốn.',
  en: 'Sorry I could not help as you wished.',
};
const CALL_OR_TICKET = {
  vi: `Quý khách vui lòng gọi ${HOTLINE_DISPLAY}, hoặc gửi phiếu góp ý – khiếu nại để nhân viên liên hệ lại ạ.`,
  en: `Please call ${HOTLINE_DISPLAY}, or send a complaint or suggestion and our staff will get back to you.`,
};

/**
 * After failed answers, in anger or after a 👎: a person when one can be reached now (`personReachable`),
 * otherwise the hotline and a ticket — never a button that leads nowhere.
 */
export function handoffOffer(lang: Language = 'vi', personReachable = false): Message {
  if (personReachable) {
    const text = {
      vi: `${SORRY.vi} Quý khách có muốn gặp nhân viên hỗ trợ không ạ?`,
      en: `${SORRY.en} Would you like to talk to a member of staff?`,
    }[lang];
    return { text, actions: [TALK_TO_STAFF[lang], SEND_TICKET[lang], CALL[lang]] };
  }
  return { text: `${SORRY[lang]} ${CALL_OR_TICKET[lang]}`, actions: [CALL[lang], SEND_TICKET[lang]] };
}

/** "Bạn có phải người thật không": a bot, and how to reach a person now (a button only when one can be reached). */
export function humanMessage(lang: Language = 'vi', personReachable = false): Message {
  const text = {
    vi: `Dạ, bot là trợ lý tự động, không phải người thật. Khi cần nói chuyện với nhân viên, Quý khách gọi đường dây nóng ${HOTLINE_DISPLAY}.`,
    en: `I am an automated assistant, not a person. To talk to our staff, please call the hotline ${HOTLINE_DISPLAY}.`,
  }[lang];
  return { text, actions: personReachable ? [TALK_TO_STAFF[lang], CALL[lang]] : [CALL[lang]] };
}

export function handoffConnected(lang: Language = 'vi'): Message {
  const text = {
    vi: 'Dạ, bot đã chuyển yêu cầu của Quý khách tới nhân viên hỗ trợ, nhân viên sẽ trả lời trong cuộc trò chuyện này. Trong lúc đó bot sẽ không trả lời tự động; khi muốn trò chuyện lại với bot, Quý khách gõ "kết thúc" ạ.',
    en: 'I have passed your request to our staff; they will reply in this conversation. Meanwhile I will not answer automatically; to talk to me again, type "end".',
  }[lang];
  return { text, actions: [] };
}

/** Staff cannot take the conversation now: the hotline and a ticket instead. Hours are named only when configured. */
export function handoffUnavailable(hours?: string, lang: Language = 'vi'): Message {
  const why = hours
    ? {
        vi: `Dạ, hiện đã ngoài giờ hỗ trợ trực tuyến của nhân viên (${hours}).`,
        en: `Our staff are available for online chat only ${hours} (Vietnam time).`,
      }[lang]
    : { vi: 'Dạ, hiện bot chưa chuyển được cuộc trò chuyện tới nhân viên.', en: 'I cannot pass the conversation to our staff right now.' }[
        lang
      ];
  return { text: `${why} ${CALL_OR_TICKET[lang]}`, actions: [CALL[lang], SEND_TICKET[lang]] };
}

export function handoffEndedByStaff(lang: Language = 'vi'): Message {
  const text = {
    vi: 'Dạ, nhân viên đã kết thúc hỗ trợ. Bot tiếp tục hỗ trợ Quý khách, Quý khách cứ nhắn khi cần ạ.',
    en: 'Our staff have finished. I am here again whenever you need me.',
  }[lang];
  return { text, actions: MENU[lang] };
}

/** Built-in inbox: nobody has picked up within HANDOFF_WAIT_MINUTES (said once). */
export function handoffNobodyYet(lang: Language = 'vi'): Message {
  const text = {
    vi: `Dạ, hiện các nhân viên đều đang bận, chưa trả lời được Quý khách. Quý khách có thể tiếp tục chờ, gọi ${HOTLINE_DISPLAY}, hoặc gửi phiếu góp ý – khiếu nại để nhân viên liên hệ lại ạ.`,
    en: `Sorry, all our staff are busy and have not answered yet. You can keep waiting, call ${HOTLINE_DISPLAY}, or send a complaint or suggestion and our staff will get back to you.`,
  }[lang];
  return { text, actions: [CALL[lang], SEND_TICKET[lang]] };
}

/** Built-in inbox: the chat hours ended with the conversation still open. */
export function handoffClosedAfterHours(lang: Language = 'vi'): Message {
  const text = {
    vi: `Dạ, đã hết giờ hỗ trợ trực tuyến nên cuộc trò chuyện với nhân viên kết thúc, bot tiếp tục hỗ trợ Quý khách. Quý khách vui lòng gọi ${HOTLINE_DISPLAY} hoặc gửi phiếu góp ý – khiếu nại để nhân viên liên hệ lại ạ.`,
    en: `Online support hours are over, so your chat with our staff has ended and I am here again. Please call ${HOTLINE_DISPLAY}, or send a complaint or suggestion and our staff will get back to you.`,
  }[lang];
  return { text, actions: [CALL[lang], SEND_TICKET[lang]] };
}
