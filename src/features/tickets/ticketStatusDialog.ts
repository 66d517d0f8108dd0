// "Phiếu GY-7K3Q thế nào rồi?": the status of a ticket, shown only to the channel user who filed it.
// A message with the reference is answered at once (answerTicketStatus); without one, the flow asks for it,
// and a reply without one leaves the flow for the root to understand.
import type { TurnContext } from 'botbuilder';
import { ticketNotFound, ticketStatusAsk, ticketStatusMessage } from './texts.js';
import { replyLanguage } from '../../replies/replyLanguage.js';
import { send } from '../../replies/send.js';
import { type TicketStore } from '../../services/ticketStore.js';
import { findTicketRef } from '../../ticket.js';
import { CitizenFlowDialog, type FlowOptions } from '../../../dialogs/citizenFlowDialog.js';

export const TICKET_STATUS_DIALOG = 'ticketStatusDialog';
export type TicketStatusOptions = FlowOptions<Record<string, never>>;

export async function answerTicketStatus(context: TurnContext, tickets: TicketStore, ref: string): Promise<void> {
  const ticket = await tickets.get(ref);
  const { channelId, from } = context.activity;
  const own = ticket && ticket.channelId === channelId && ticket.userId === from.id;
  const lang = replyLanguage(context);
  await send(context, own ? ticketStatusMessage(ticket, lang) : ticketNotFound(ref, lang), { intent: 'ticketStatus' });
}

export class TicketStatusDialog extends CitizenFlowDialog<Record<string, never>> {
  constructor(tickets: TicketStore) {
    super(TICKET_STATUS_DIALOG, 'ticketStatus', { endedBy: 'cancel', form: true, otherwise: 'leave' }, [
      {
        ask: (_values, lang) => ticketStatusAsk(lang),
        takes: (_context, text) => findTicketRef(text) !== undefined,
        async accept(context, text, _values, lang) {
          const ref = findTicketRef(text);
          if (!ref) return { retry: ticketStatusAsk(lang) };
          await answerTicketStatus(context, tickets, ref);
          return { end: true };
        },
      },
    ]);
  }
}
