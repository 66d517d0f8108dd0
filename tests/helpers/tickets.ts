// Files a ticket through /api/messages the way a citizen does (the five steps and the confirmation).
import { activity, exchange } from './botServer.js';

export const DETAILS_VI = 'Bưu gửi CQ724476204VN gửi từ tuần trước vẫn chưa tới';

const STEPS = {
  vi: (details: string) => ['Góp ý – khiếu nại', 'Khiếu nại', details, 'Nguyễn Văn An', '0912 345 678', 'Xác nhận'],
  en: (details: string) => ['Complaint or feedback', 'Complaint', details, 'John Smith', '0912 345 678', 'Confirm'],
};

/** The complaint flow, from the menu tap to the confirmation that carries the ticket's reference. */
export const TICKET_STEPS = STEPS.vi(DETAILS_VI);

/** Files a complaint through the five steps, in a Vietnamese or an English conversation; returns its reference. */
export async function fileTicket(
  url: string,
  conversation: string,
  fields: Record<string, string>,
  details = DETAILS_VI,
  lang: 'vi' | 'en' = 'vi',
): Promise<string> {
  let last = '';
  for (const text of STEPS[lang](details)) {
    last = (await exchange(url, activity(conversation, { text, ...fields })))[0]?.text ?? '';
  }
  const ref = /(?:mã phiếu|reference) ([A-Z]{2}-[2-9A-Z]{4})/u.exec(last)?.[1];
  if (!ref) throw new Error(`no ticket filed: ${last}`);
  return ref;
}
