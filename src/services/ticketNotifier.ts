// Tells the citizen, in the conversation the ticket was filed from, that staff changed its status: one
// attempt per change, its outcome recorded on the change (sent, failed and why, or skipped outside Zalo's
// messaging window). The change itself is already stored when this runs, so nothing here can lose it.
// A resolved ticket is followed by the satisfaction question.
import type { Logger } from '../logger.js';
import { ticketUpdateMessage } from '../features/tickets/texts.js';
import type { InboundTimes } from './messagingWindow.js';
import { sendOnce, type SendProactive } from './proactiveSend.js';
import type { SatisfactionSurvey } from './satisfaction.js';
import type { TicketStore } from './ticketStore.js';
import type { Notice, Ticket } from '../ticket.js';
import { vnTimestamp } from '../text/vnTime.js';

export class TicketNotifier {
  constructor(
    private readonly tickets: TicketStore,
    private readonly inbound: InboundTimes,
    private readonly send: SendProactive,
    private readonly log: Logger,
    private readonly survey?: SatisfactionSurvey,
    private readonly now = () => new Date(),
  ) {}

  /** Sends the message for change `index` of the ticket and records what became of it; never throws. */
  async notify(ticket: Ticket, index: number): Promise<Notice> {
    const notice = await this.deliver(ticket, index);
    if (notice.status !== 'sent')
      this.log.warn(
        { ref: ticket.ref, channel: ticket.channelId, notice: notice.status, reason: notice.reason },
        'ticket update not delivered',
      );
    await this.tickets
      .recordNotice(ticket.ref, index, notice)
      .catch((error: unknown) => this.log.error({ err: error, ref: ticket.ref }, 'ticket notice not recorded'));
    // Resolved: the citizen is asked once how satisfied they are, after the update.
    if (ticket.history[index]?.status === 'resolved')
      await this.survey
        ?.askAboutTicket(ticket.ref)
        .catch((error: unknown) => this.log.error({ err: error, ref: ticket.ref }, 'satisfaction question not asked'));
    return notice;
  }

  private async deliver(ticket: Ticket, index: number): Promise<Notice> {
    const at = this.now();
    const change = ticket.history[index]!;
    if (!ticket.reference)
      return { status: 'skipped', at: vnTimestamp(at), reason: 'no conversation to write to (ticket of an earlier version)' };
    // Filing the ticket was itself a message from the citizen.
    const last = await this.inbound.last(ticket.channelId, ticket.conversationId, [ticket.createdAt]);
    if (this.inbound.outside(ticket.channelId, last, at))
      return { status: 'skipped', at: vnTimestamp(at), reason: 'outside the channel messaging window' };
    return sendOnce(this.send, ticket.reference, ticketUpdateMessage(ticket, change), { intent: 'ticketUpdate' }, at);
  }
}
