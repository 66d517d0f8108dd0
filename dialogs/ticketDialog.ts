// Complaints, suggestions and questions → a ticket: kind, details (a tracking code in them is kept),
// name, phone, confirmation. The ticket is written to storage before the bot confirms it.
import { TurnContext } from 'botbuilder';
import { foldKey, normalizeVietnamese } from '../src/text/vietnamese.js';
import {
  ticketConfirmAsk,
  ticketCreated,
  ticketDetailsAsk,
  ticketKindAsk,
  ticketNameAsk,
  ticketNotSaved,
  ticketPhoneAsk,
  TICKET_RETRY,
  type Message,
} from '../src/bot/messages.js';
import { send } from '../src/bot/send.js';
import { citizenServices } from '../src/services/citizenServices.js';
import { findPhone } from '../src/services/phone.js';
import { findTrackingCodes } from '../src/services/s10.js';
import type { TicketKind } from '../src/services/ticketStore.js';
import { detectLanguage, ticketKindOf } from '../src/understanding/intents.js';
import { CitizenFlowDialog, type FlowOptions } from './citizenFlowDialog.js';

export const TICKET_DIALOG = 'ticketDialog';

export interface TicketValues {
  kind?: TicketKind;
  details?: string;
  trackingCode?: string;
  name?: string;
  phone?: string;
}

export type TicketOptions = FlowOptions<TicketValues>;

/** The step after the kind, for a flow started from a message that already named the kind. */
export const DETAILS_STEP = 1;
const MAX_DETAILS = 1000;
const NAME = /^\p{L}[\p{L}\s.'-]{1,59}$/u;
const CONFIRM = /^(?:xac nhan|dong y|co|ok|oke|gui|gui di|yes|confirm)$/u;

const retry = (text: string, ask: Message): { retry: Message } => ({ retry: { text, actions: ask.actions } });
const clean = (text: string): string => normalizeVietnamese(text).replace(/\s+/gu, ' ').trim();

export class TicketDialog extends CitizenFlowDialog<TicketValues> {
  constructor() {
    super(TICKET_DIALOG, 'ticket', [
      {
        ask: ticketKindAsk,
        async accept(_context, text, values) {
          const kind = ticketKindOf(text);
          return kind ? { next: { ...values, kind } } : retry(TICKET_RETRY.kind, ticketKindAsk());
        },
      },
      {
        ask: (values) => ticketDetailsAsk(values.kind!),
        async accept(_context, text, values) {
          const details = clean(text);
          if ((details.match(/\p{L}/gu)?.length ?? 0) < 5 || details.length > MAX_DETAILS) return retry(TICKET_RETRY.details, ticketDetailsAsk(values.kind!));
          const trackingCode = findTrackingCodes(details).find((c) => c.valid)?.code;
          return { next: { ...values, details, trackingCode } };
        },
      },
      {
        ask: ticketNameAsk,
        async accept(_context, text, values) {
          const name = clean(text);
          return NAME.test(name) ? { next: { ...values, name } } : retry(TICKET_RETRY.name, ticketNameAsk());
        },
      },
      {
        ask: ticketPhoneAsk,
        async accept(_context, text, values) {
          const phone = findPhone(text);
          return phone ? { next: { ...values, phone } } : retry(TICKET_RETRY.phone, ticketPhoneAsk());
        },
      },
      {
        ask: (values) => ticketConfirmAsk(values as Required<TicketValues>),
        async accept(context, text, values) {
          if (!CONFIRM.test(foldKey(text))) return retry(TICKET_RETRY.confirm, ticketConfirmAsk(values as Required<TicketValues>));
          const { kind, details, trackingCode, name, phone } = values as Required<TicketValues>;
          const { channelId, conversation, from } = context.activity;
          const services = citizenServices(context);
          let message: Message;
          try {
            const reference = TurnContext.getConversationReference(context.activity);
            const lang = detectLanguage(details);
            const ticket = await services.tickets.create({ kind, details, trackingCode, name, phone, channelId, conversationId: conversation.id, userId: from.id, reference, lang });
            message = ticketCreated(ticket);
          } catch {
            // Logged by the store; the citizen is not told the ticket exists when it does not.
            message = ticketNotSaved();
          }
          await send(context, message, { intent: 'ticket' });
          return { end: undefined };
        },
      },
    ]);
  }
}
