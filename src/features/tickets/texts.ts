// What the bot says about tickets (góp ý – khiếu nại – hỏi đáp): each step of the form and why an answer was
// not taken, the reference it was filed under, its status when asked, and the notice when staff change it.
import { HOTLINE_DISPLAY, quote } from '../../replies/activities.js';
import { BACK, CALL, CANCEL, type Message } from '../../replies/commonTexts.js';
import type { Language } from '../../text/language.js';
import { vnDisplay } from '../../text/vnTime.js';
import { TOLD_TYPES, type Ticket, type TicketChange, type TicketKind, type TicketStatus } from '../../ticket.js';

export const TICKET_KIND_LABEL: Record<Language, Record<TicketKind, string>> = {
  vi: { complaint: 'Khiếu nại', suggestion: 'Góp ý', question: 'Hỏi đáp' },
  en: { complaint: 'Complaint', suggestion: 'Suggestion', question: 'Question' },
};

export const TICKET_STATUS_LABEL: Record<Language, Record<TicketStatus, string>> = {
  vi: { new: 'mới tiếp nhận', in_progress: 'đang xử lý', resolved: 'đã giải quyết', rejected: 'không thể giải quyết' },
  en: { new: 'received', in_progress: 'in progress', resolved: 'resolved', rejected: 'could not be resolved' },
};

/** "09:55 ngày 01/12/2026" (Vietnamese time), or "09:55 on 01/12/2026". */
const filedAt = (iso: string, lang: Language): string =>
  lang === 'en' ? vnDisplay(new Date(iso)).replace(' ngày ', ' on ') : vnDisplay(new Date(iso));

/** "khiếu nại", "complaint": the kind inside a sentence. */
const kindWord = (kind: TicketKind, lang: Language): string => TICKET_KIND_LABEL[lang][kind].toLowerCase();

export function ticketKindAsk(lang: Language = 'vi'): Message {
  const text = {
    vi: 'Dạ, Quý khách muốn gửi khiếu nại, góp ý hay câu hỏi ạ? (Gõ "hủy" để dừng, "quay lại" để sửa bước trước.)',
    en: 'Would you like to send a complaint, a suggestion or a question? (Type "cancel" to stop, "back" to change the previous step.)',
  }[lang];
  const labels = Object.values(TICKET_KIND_LABEL[lang]);
  return { text, actions: [...labels.map((title) => ({ title, value: title })), CANCEL[lang]] };
}

export function ticketDetailsAsk(kind: TicketKind, lang: Language = 'vi'): Message {
  const what = {
    vi: { complaint: 'nội dung khiếu nại', suggestion: 'nội dung góp ý', question: 'câu hỏi' },
    en: { complaint: 'your complaint', suggestion: 'your suggestion', question: 'your question' },
  }[lang][kind];
  const text = {
    vi: `Dạ, Quý khách vui lòng mô tả ${what}. Nếu liên quan đến một bưu gửi, xin ghi kèm mã bưu gửi.`,
    en: `Please describe ${what}. If it is about an item, please include its tracking code.`,
  }[lang];
  return { text, actions: [BACK[lang], CANCEL[lang]] };
}

export function ticketNameAsk(lang: Language = 'vi'): Message {
  return {
    text: { vi: 'Dạ, Quý khách vui lòng cho biết họ và tên ạ.', en: 'Please tell me your full name.' }[lang],
    actions: [BACK[lang], CANCEL[lang]],
  };
}

export function ticketPhoneAsk(lang: Language = 'vi'): Message {
  const text = {
    vi: 'Dạ, Quý khách vui lòng cho biết số điện thoại để nhân viên liên hệ lại ạ.',
    en: 'Please give a phone number our staff can call you back on.',
  }[lang];
  return { text, actions: [BACK[lang], CANCEL[lang]] };
}

export function ticketConfirmAsk(
  values: { kind: TicketKind; details: string; trackingCode?: string; name: string; phone: string },
  lang: Language = 'vi',
): Message {
  const label = {
    vi: {
      heading: 'Dạ, Quý khách vui lòng kiểm tra lại thông tin:',
      kind: 'Loại',
      details: 'Nội dung',
      code: 'Mã bưu gửi',
      name: 'Họ tên',
      phone: 'Số điện thoại',
    },
    en: { heading: 'Please check your details:', kind: 'Type', details: 'Details', code: 'Tracking code', name: 'Name', phone: 'Phone' },
  }[lang];
  const lines = [
    label.heading,
    `- ${label.kind}: ${TICKET_KIND_LABEL[lang][values.kind]}`,
    `- ${label.details}: ${quote(values.details, 500)}`,
    ...(values.trackingCode ? [`- ${label.code}: ${values.trackingCode}`] : []),
    `- ${label.name}: ${quote(values.name)}`,
    `- ${label.phone}: ${values.phone}`,
    { vi: 'Quý khách chọn "Xác nhận" để gửi.', en: 'Choose "Confirm" to send it.' }[lang],
  ];
  const confirm = { vi: 'Xác nhận', en: 'Confirm' }[lang];
  return { text: lines.join('\n'), actions: [{ title: confirm, value: confirm }, BACK[lang], CANCEL[lang]] };
}

const TICKET_RETRY = {
  kind: {
    vi: 'Dạ, Quý khách vui lòng chọn "Khiếu nại", "Góp ý" hoặc "Hỏi đáp" ạ.',
    en: 'Please choose "Complaint", "Suggestion" or "Question".',
  },
  details: {
    vi: 'Dạ, nội dung hơi ngắn, Quý khách vui lòng mô tả cụ thể hơn (tối đa 1000 ký tự) ạ.',
    en: 'That is too short; please describe it in more detail (up to 1000 characters).',
  },
  name: {
    vi: 'Dạ, Quý khách vui lòng nhập họ tên bằng chữ (từ 2 đến 60 ký tự) ạ.',
    en: 'Please type your name in letters (2 to 60 characters).',
  },
  phone: {
    vi: 'Dạ, số điện thoại chưa đúng. Quý khách vui lòng nhập số di động 10 chữ số (bắt đầu bằng 03, 05, 07, 08 hoặc 09) hoặc số cố định 11 chữ số (bắt đầu bằng 02) ạ.',
    en: 'That phone number is not right. Please type a 10-digit mobile number (starting 03, 05, 07, 08 or 09) or an 11-digit landline (starting 02).',
  },
  confirm: {
    vi: 'Dạ, Quý khách chọn "Xác nhận" để gửi, "Quay lại" để sửa hoặc "Hủy" để dừng ạ.',
    en: 'Choose "Confirm" to send, "Back" to change something or "Cancel" to stop.',
  },
} satisfies Record<string, Record<Language, string>>;

/** Why a ticket step did not take the answer, in the conversation's language. */
export function ticketRetry(step: keyof typeof TICKET_RETRY, lang: Language = 'vi'): string {
  return TICKET_RETRY[step][lang];
}

export function ticketCreated(ticket: Ticket, lang: Language = 'vi'): Message {
  const text = {
    vi:
      `Dạ, bot đã ghi nhận ${kindWord(ticket.kind, 'vi')} của Quý khách, mã phiếu ${ticket.ref}, lúc ${filedAt(ticket.createdAt, 'vi')}. ` +
      `Nhân viên sẽ liên hệ lại qua số điện thoại Quý khách đã cung cấp. Để hỏi tình trạng phiếu, Quý khách gõ mã phiếu ${ticket.ref}.`,
    en:
      `Your ${kindWord(ticket.kind, 'en')} has been recorded with reference ${ticket.ref}, at ${filedAt(ticket.createdAt, 'en')} (Vietnam time). ` +
      `Our staff will call you back on the number you gave. To ask about it, type the reference ${ticket.ref}.`,
  }[lang];
  return { text, actions: [] };
}

/** The ticket could not be written: the confirmation step waits to be tried again (its buttons, and the hotline). */
export function ticketNotSaved(values: Parameters<typeof ticketConfirmAsk>[0], lang: Language = 'vi'): Message {
  const text = {
    vi: `Dạ, rất tiếc hệ thống chưa ghi nhận được phiếu. Quý khách vui lòng chọn "Xác nhận" để thử lại sau ít phút hoặc gọi ${HOTLINE_DISPLAY} ạ.`,
    en: `Sorry, the system could not record your request. Please choose "Confirm" to try again in a few minutes or call ${HOTLINE_DISPLAY}.`,
  }[lang];
  return { text, actions: [...ticketConfirmAsk(values, lang).actions, CALL[lang]] };
}

export function ticketStatusAsk(lang: Language = 'vi'): Message {
  const text = {
    vi: 'Dạ, Quý khách vui lòng nhập mã phiếu đã nhận khi gửi (ví dụ GY-7K3Q) ạ.',
    en: 'Please type the reference you got when you sent it (for example GY-7K3Q).',
  }[lang];
  return { text, actions: [CANCEL[lang]] };
}

export function ticketStatusMessage(ticket: Ticket, lang: Language = 'vi'): Message {
  const filed = {
    vi: `Dạ, phiếu ${ticket.ref} (${kindWord(ticket.kind, 'vi')}) gửi lúc ${filedAt(ticket.createdAt, 'vi')}`,
    en: `Your ${kindWord(ticket.kind, 'en')} ${ticket.ref}, sent at ${filedAt(ticket.createdAt, 'en')} (Vietnam time)`,
  }[lang];
  // Only what the citizen was told: internal notes and assignments stay with staff.
  const latest = ticket.history.filter((change) => TOLD_TYPES.includes(change.type ?? 'status')).at(-1);
  if (!latest)
    return {
      text: {
        vi: `${filed} đã được tiếp nhận và đang chờ nhân viên xử lý ạ.`,
        en: `${filed}, has been received and is waiting for our staff.`,
      }[lang],
      actions: [],
    };
  const note = latest.note ? staffNote(quote(latest.note, 500), lang) : '';
  const updated = { vi: `cập nhật lúc ${filedAt(latest.at, 'vi')}`, en: `updated at ${filedAt(latest.at, 'en')}` }[lang];
  return { text: `${filed}: ${TICKET_STATUS_LABEL[lang][latest.status]} (${updated}).${note}`, actions: [] };
}

/** " Ghi chú của nhân viên: …", after a status. */
const staffNote = (note: string, lang: Language): string =>
  ({ vi: ` Ghi chú của nhân viên: ${note}`, en: ` Note from our staff: ${note}` })[lang];

/** Told to the citizen, in the ticket's conversation, when staff change its status. */
export function ticketUpdateMessage(ticket: Ticket, change: TicketChange): Message {
  const lang = ticket.lang ?? 'vi';
  const status = TICKET_STATUS_LABEL[lang][change.status];
  const note = change.note ? staffNote(quote(change.note, 500), lang) : '';
  // Nhắn khách: a staff member's message about the ticket, without a status change.
  if (change.type === 'message')
    return {
      text: {
        vi: `Dạ, về phiếu ${ticket.ref}, nhân viên nhắn Quý khách: ${quote(change.note, 500)}`,
        en: `About your ticket ${ticket.ref}, our staff write: ${quote(change.note, 500)}`,
      }[lang],
      actions: [],
    };
  const text = {
    vi: `Dạ, phiếu ${ticket.ref} của Quý khách đã được cập nhật: ${status}.${note}`,
    en: `Update on your ticket ${ticket.ref}: ${status}.${note}`,
  }[lang];
  return { text, actions: [] };
}

export function ticketNotFound(ref: string, lang: Language = 'vi'): Message {
  const text = {
    vi: `Dạ, bot không tìm thấy phiếu ${ref} trong các phiếu Quý khách đã gửi qua kênh này. Quý khách vui lòng kiểm tra lại mã, hoặc gọi ${HOTLINE_DISPLAY} ạ.`,
    en: `I cannot find ${ref} among the requests you sent on this channel. Please check the reference, or call ${HOTLINE_DISPLAY}.`,
  }[lang];
  return { text, actions: [CALL[lang]] };
}

export const DETAILS_CHOICE_LABELS: Record<Language, { record: string; ask: string }> = {
  vi: { record: 'Ghi vào phiếu', ask: 'Hỏi bot' },
  en: { record: 'Add to the ticket', ask: 'Ask the bot' },
};

/** The text typed for a ticket's details reads as a question the bot cannot answer: file it, or ask the bot? */
export function detailsChoiceAsk(lang: Language): Message {
  const { record, ask } = DETAILS_CHOICE_LABELS[lang];
  const text = {
    vi: 'Dạ, Quý khách muốn ghi nội dung này vào phiếu hay hỏi bot?',
    en: 'Would you like to add this to your ticket, or ask the bot?',
  }[lang];
  return {
    text,
    actions: [
      { title: record, value: record },
      { title: ask, value: ask },
    ],
  };
}
