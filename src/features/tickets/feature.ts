// Tickets: a complaint, suggestion or question filed through the ticket form (from its details step when
// the message named the kind), and a ticket's status, at once when the message gives its reference.
import { start, type Feature } from '../../../dialogs/feature.js';
import { DETAILS_STEP, TICKET_DIALOG, TicketDialog, type TicketOptions } from './ticketDialog.js';
import { answerTicketStatus, TICKET_STATUS_DIALOG, TicketStatusDialog, type TicketStatusOptions } from './ticketStatusDialog.js';

export const tickets = {
  handlers: {
    feedback: async (_turn, { kind, told }) =>
      start<TicketOptions>(TICKET_DIALOG, { values: { kind, told }, index: kind ? DETAILS_STEP : 0 }),
    async ticketStatus({ context, services }, { ref }) {
      if (!ref) return start<TicketStatusOptions>(TICKET_STATUS_DIALOG, { values: {} });
      await answerTicketStatus(context, services.tickets, ref);
      return undefined;
    },
  },
  flows: ({ services, knowledge, recognize }) => [
    new TicketDialog(services, knowledge, recognize),
    new TicketStatusDialog(services.tickets),
  ],
} satisfies Feature<'feedback' | 'ticketStatus'>;
