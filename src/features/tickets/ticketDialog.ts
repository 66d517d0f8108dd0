// Complaints, suggestions and questions → a ticket: kind, details (a tracking code in them is kept),
// name, phone, confirmation. The ticket is written to storage before the bot confirms it.
import { TurnContext } from 'botbuilder';
import { foldKey, normalizeVietnamese } from '../../text/vietnamese.js';
import { characterCount } from '../../text/characters.js';
import {
  ticketConfirmAsk,
  ticketCreated,
  detailsChoiceAsk,
  ticketDetailsAsk,
  ticketKindAsk,
  ticketNameAsk,
  ticketNotSaved,
  ticketPhoneAsk,
  ticketRetry,
} from './texts.js';
import type { Message } from '../../replies/commonTexts.js';
import { send } from '../../replies/send.js';
import type { CitizenServices } from '../../services/citizenServices.js';
import { findPhone } from '../../services/phone.js';
import { findTrackingCodes } from '../../understanding/trackingCodes.js';
import { newTicketRef, type TicketKind } from '../../ticket.js';
import {
  detailsChoice,
  hintsGivingUp,
  looksLikeQuestion,
  opensAsking,
  ticketKindOf,
  withoutOpeningSmallTalk,
} from '../../understanding/intents.js';

import type { Answers } from '../../answer/answers.js';
import { answerQuestion } from '../answers/answerQuestion.js';
import { CitizenFlowDialog, type FlowOptions } from '../../../dialogs/citizenFlowDialog.js';
import type { Recognize } from '../../../dialogs/feature.js';

export const TICKET_DIALOG = 'ticketDialog';

export interface TicketValues {
  kind?: TicketKind;
  details?: string;
  /** What the message that asked for the form told of the matter: the details follow it, so nothing told is lost. */
  told?: string;
  trackingCode?: string;
  name?: string;
  phone?: string;
  /** Text typed at the details step that reads as a question: kept until the citizen says whether to file it or ask the bot. */
  pending?: string;
  /** The reference chosen before the confirmation is asked: a confirmation sent again files no second ticket. */
  ref?: string;
}

export type TicketOptions = FlowOptions<TicketValues>;

/** The step after the kind, for a flow started from a message that already named the kind. */
export const DETAILS_STEP = 1;
const MAX_DETAILS = 1000;
const MAX_NAME = 60;
const NAME = new RegExp(String.raw`^\p{L}[\p{L}\s.'-]{1,${MAX_NAME - 1}}$`, 'u');
// A confirmation in the citizen's words, chat shorthand too ("chuẩn r, gửi đi", "dc", "uk"): only words that agree or send ("đúng rồi, gửi giúp tôi", "chuẩn rồi", "thông tin
// như vậy là đúng", "ừ đúng rồi đấy", "vâng chị cứ gửi đi ạ", "yes, send it", "yep, go ahead and send it in"), one of them
// saying so, beside who is addressed and that it was read back ("ừ, cháu đọc lại đúng cả, gửi đi cho ông", "số đó đúng rồi")
// or is complete ("đủ rồi ạ, gửi lên giúp e"), or to be sent as it is ("phải rồi, cứ thế mà gửi cháu nhé"), or the fields
// read back match ("tên tuổi số máy khớp hết, gửi đi ạ"), or the ticket pushed up ("ok hết, đẩy phiếu lên cho bưu điện đi");
// "không gửi nữa" has a word that does not.
const AGREEING = new Set(
  'xac nhan dong y dung phai roi chuan chinh xac ok oke okay oki okie duoc dc co u ua uh uhm um uk ukm vg gui yes yep yup yeah confirm send submit correct right sure go ahead good fine great perfect fire off khop'.split(
    ' ',
  ),
);
const ALONGSIDE = new Set(
  'di len luon lun giup gium dum ho so ten toi tui t minh mk em e anh chi ban ad bot cu a nhe nha vang da day do thong tin nhu vay la r it please that s is thats all and in now du the ma chau ong ba chu bac con cho ca het doc xem lai looks look seems everything tuoi may dien thoai sdt noi dung ho phieu buu cai'.split(
    ' ',
  ),
);
// Nothing wrong or missing in it agrees too: "không sai chỗ nào đâu", "chẳng sai gì", "không có gì sai", "không thiếu gì".
const NOTHING_WRONG = /\b(?:khong|ko|k|chang|cha) (?:co (?:gi|cho nao) )?(?:sai|thieu)(?: (?:gi|cho nao|dau|ca))*\b/gu;
const confirms = (text: string): boolean => {
  const words = foldKey(text).replace(NOTHING_WRONG, 'dung').split(' ').filter(Boolean);
  return words.some((w) => AGREEING.has(w)) && words.every((w) => AGREEING.has(w) || ALONGSIDE.has(w));
};
// Just the name of a kind ("Khiếu nại", the menu button again): not yet the details.
const KIND_ONLY =
  /^(?:khieu nai|gop y|hoi dap|cau hoi|complaint|suggestion|feedback|question|gop y khieu nai|complaint or feedback|gui khieu nai|make a complaint)$/u;

const retry = (text: string, ask: Message): { retry: Message } => ({ retry: { text, actions: ask.actions } });
const clean = (text: string): string => normalizeVietnamese(text).replace(/\s+/gu, ' ').trim();

// Said to the bot, not the details of a ticket: small talk, the menu, news, paging, a request for a person
// ("cho tôi gặp nhân viên" reaches the handoff, never the ticket's content).
const NOT_DETAILS = new Set([
  'greeting',
  'handoff',
  'thanks',
  'goodbye',
  'ack',
  'identity',
  'human',
  'capabilities',
  'insult',
  'menu',
  'more',
  'news',
  'rating',
  'empty',
]);

function isDetails(text: string, recognize: Recognize): boolean {
  const details = clean(text);
  if ((details.match(/\p{L}/gu)?.length ?? 0) < 5 || characterCount(details) > MAX_DETAILS || KIND_ONLY.test(foldKey(details)))
    return false;
  return !NOT_DETAILS.has(recognize(details).name);
}

/**
 * A name is letters, and not a question or a request ("cho hỏi số tổng đài là gì"); a question word in a
 * name written with capitals ("Nguyễn Thị Ái") does not count against it. Who the citizen is may follow a comma
 * after a name written with capitals ("Triệu Đức Lưu, HTX miến Côn Minh"): the whole is kept; a sentence with a comma
 * ("nghĩ lại thì ngại nêu tên lắm, dừng vụ này lại đi") is no name.
 */
function isName(text: string, recognize: Recognize): boolean {
  const whole = clean(text);
  const [name = '', ...who] = whole.split(/\s*,\s*/u);
  if (!NAME.test(name) || name.split(' ').length > 7 || recognize(name).name !== 'question') return false;
  const capitalised = name.split(' ').every((w) => /^\p{Lu}/u.test(w));
  // Typed in lower case, words of giving up are no name ("thôi bác nhờ cháu hỏi vậy").
  if (!capitalised && hintsGivingUp(name)) return false;
  if (who.length > 0 && (!capitalised || who.length > 1 || characterCount(whole) > MAX_NAME)) return false;
  if (who.some((w) => !NAME.test(w) || looksLikeQuestion(w))) return false;
  return !looksLikeQuestion(name) || (capitalised && !name.includes('?'));
}

// Words that introduce a name ("tên tôi là …", "tôi tên là …", "my name is …"): the name is what follows them.
const NAME_INTRO =
  /^(?:(?:họ )?tên (?:của )?(?:tôi|em|mình|tui|cháu|con) là|(?:tôi|em|mình|tui|cháu|con) tên(?: là)?|my name is|name)\s*:?\s+/iu;

/** The name as given, without the words that introduce it. */
function nameOf(text: string): string {
  return clean(text).replace(NAME_INTRO, '') || clean(text);
}

/** The values with the details written in (after what the request told), and the tracking code they hold, if any. */
function withDetails({ told, ...values }: TicketValues, text: string): TicketValues {
  const details = [told, text].flatMap((said) => (said ? [clean(said)] : [])).join(' — ');
  const trackingCode = findTrackingCodes(details).find((c) => c.valid)?.code;
  return { ...values, details, trackingCode };
}

export class TicketDialog extends CitizenFlowDialog<TicketValues> {
  constructor(services: CitizenServices, knowledge: Answers, recognize: Recognize) {
    // A question typed for a complaint's or a suggestion's details: one the knowledge answers is left to the
    // root, which answers it and asks for the details again; one it cannot answer may be the complaint
    // itself ("sao hàng của tôi chưa tới?"), so the citizen is asked which it is. Never filed silently.
    const asksTheBot = (text: string, values: TicketValues): boolean => values.kind !== 'question' && looksLikeQuestion(text);
    // Read as the root reads it, without the words that turn aside to ask ("à quên, trước đó cho hỏi …"). Opened by saying a
    // question follows ("cho hỏi trước đã, …"), it is the bot's to answer, or to say honestly that it cannot.
    const answerable = (text: string): boolean =>
      opensAsking(text) || knowledge.engine.lookup(withoutOpeningSmallTalk(text)).band === 'answer';
    // A question the knowledge answers names no kind ("wait, quick question first: …"): the root answers it.
    const kindChosen = (text: string): TicketKind | undefined =>
      looksLikeQuestion(text) && answerable(text) ? undefined : ticketKindOf(text);
    // A story told before a kind is chosen: plain text no intent claims (another feature's request is the root's).
    const toldFirst = (text: string): boolean =>
      recognize(clean(text)).name === 'question' && isDetails(text, recognize) && !looksLikeQuestion(text) && !hintsGivingUp(text);
    super(TICKET_DIALOG, 'ticket', { endedBy: 'cancel', form: true, otherwise: 'retry' }, [
      {
        ask: (_values, lang) => ticketKindAsk(lang),
        takes: (_context, text) => kindChosen(text) !== undefined || toldFirst(text),
        async accept(_context, text, values, lang) {
          const kind = kindChosen(text);
          // The story told before a kind was chosen is the details; a problem told is a complaint unless it names its kind.
          if (toldFirst(text)) return { next: withDetails({ ...values, kind: kind ?? 'complaint' }, text) };
          return kind ? { next: { ...values, kind } } : retry(ticketRetry('kind', lang), ticketKindAsk(lang));
        },
      },
      {
        ask: (values, lang) => (values.pending ? detailsChoiceAsk(lang) : ticketDetailsAsk(values.kind!, lang)),
        given: (values) => values.details !== undefined,
        // Which the typed text is, the ticket's details or a question for the bot, asked back: a clarification.
        askIntent: (values) => (values.pending ? 'clarify' : undefined),
        // While it asks which the earlier text is, a question the knowledge answers is still answered aside ("à khoan, số
        // hotline là số nào?"), and the choice asked again.
        takes: (_context, text, values) =>
          (values.pending !== undefined && detailsChoice(text) !== undefined) ||
          (isDetails(text, recognize) && !(asksTheBot(text, values) && answerable(text))),
        async accept(context, text, values, lang) {
          const { pending, ...rest } = values;
          const choice = pending === undefined ? undefined : detailsChoice(text);
          if (choice === 'record') return { next: withDetails(rest, pending!) };
          // Going on to give a name instead of choosing: what was typed is the details, not asked of the bot, and this is
          // the name ("… không ai nói rõ hàng đang ở đâu" → "ghi hay hỏi?" → "tên tôi là Hoàng Văn Sính"). Neither is lost.
          if (pending !== undefined && choice === undefined && isName(text, recognize))
            return { next: { ...withDetails(rest, pending), name: nameOf(text) } };
          if (choice === 'ask') {
            await answerQuestion(context, pending!, knowledge, services);
            return { again: rest };
          }
          // The kind named again (a tapped menu button): that kind, and the details still to come.
          const kind = KIND_ONLY.test(foldKey(clean(text))) ? ticketKindOf(text) : undefined;
          if (kind) return { again: { ...rest, kind } };
          if (!isDetails(text, recognize)) return retry(ticketRetry('details', lang), ticketDetailsAsk(rest.kind!, lang));
          // Another question the bot cannot answer: kept beside the earlier one, for the same choice.
          if (asksTheBot(text, rest)) return { again: { ...rest, pending: [pending, clean(text)].filter(Boolean).join(' ') } };
          return { next: withDetails(rest, text) };
        },
      },
      {
        ask: (_values, lang) => ticketNameAsk(lang),
        given: (values) => values.name !== undefined,
        fixedShape: true,
        takes: (_context, text) => isName(text, recognize),
        async accept(_context, text, values, lang) {
          return isName(text, recognize)
            ? { next: { ...values, name: nameOf(text) } }
            : retry(ticketRetry('name', lang), ticketNameAsk(lang));
        },
      },
      {
        ask: (_values, lang) => ticketPhoneAsk(lang),
        fixedShape: true,
        takes: (_context, text) => findPhone(text) !== undefined,
        async accept(_context, text, values, lang) {
          const phone = findPhone(text);
          return phone
            ? { next: { ...values, phone, ref: newTicketRef(values.kind!) } }
            : retry(ticketRetry('phone', lang), ticketPhoneAsk(lang));
        },
      },
      {
        ask: (values, lang) => ticketConfirmAsk(values as Required<TicketValues>, lang),
        fixedShape: true,
        takes: (_context, text) => confirms(text),
        async accept(context, text, values, lang) {
          if (!confirms(text)) return retry(ticketRetry('confirm', lang), ticketConfirmAsk(values as Required<TicketValues>, lang));
          const { kind, details, trackingCode, name, phone, ref } = values as Required<TicketValues>;
          const { channelId, conversation, from } = context.activity;
          try {
            const reference = TurnContext.getConversationReference(context.activity);
            const ticket = await services.tickets.create(
              {
                kind,
                details,
                trackingCode,
                name,
                phone,
                channelId,
                conversationId: conversation.id,
                userId: from.id,
                reference,
                lang,
              },
              'citizen',
              ref,
            );
            await send(context, ticketCreated(ticket, lang), { intent: 'ticket' });
            return { end: true };
          } catch {
            // Logged by the store; the citizen is not told the ticket exists when it does not, and the form
            // waits at this step for "Xác nhận" again.
            return { retry: ticketNotSaved(values as Required<TicketValues>, lang) };
          }
        },
      },
    ]);
  }
}
