// The staff side's routes and what keeps them current: the ticket list's in-memory search (loaded in the
// background at start), the events pushed to open consoles (shared through storage between instances on
// STORAGE=blob), the ticket and inbox APIs and the console's event stream.
import type { Server } from 'restify';
import type { Storage } from 'botbuilder';
import type { Mounted } from '../channels/channelHost.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { CitizenServices } from '../services/citizenServices.js';
import { StaffEvents } from '../services/staffEvents.js';
import { TicketSearch } from '../services/ticketSearch.js';
import { registerAdminRoutes } from './adminRoutes.js';
import { registerEventRoutes } from './eventRoutes.js';
import { registerHandoffRoutes } from './handoffRoutes.js';
import { registerReplyTemplates } from './replyTemplates.js';
import type { StaffServices } from './staffServices.js';

/** How often an instance on STORAGE=blob reads the shared event feed (a console hears of another instance's change within about this). */
const FEED_POLL_MS = 300;

export interface StaffSideDeps {
  server: Server;
  config: Config;
  storage: Storage;
  log: Logger;
  services: CitizenServices;
  staff: StaffServices;
}

export function registerStaffSide({ server, config, storage, log, services, staff }: StaffSideDeps): Mounted {
  const { tickets, handoff } = services;
  const search = new TicketSearch(tickets, config.staff.ticketTargetHours);
  search.load().catch((error: unknown) => log.error({ err: error }, 'ticket list not loaded'));
  const events = new StaffEvents();
  if (config.storage.kind === 'blob') events.share(storage, log, FEED_POLL_MS);
  tickets.onWrite((ticket, by) => events.publish({ type: 'ticket', id: ticket.ref, by }));
  // Deleted (RETENTION_DAYS, a person's request): other instances' lists read it again and drop it.
  tickets.onRemove((ref, by) => events.publish({ type: 'ticket', id: ref, by }));
  handoff.onChange((id, by) => events.publish({ type: 'chat', id, by }));
  // A ticket written on another instance: this instance's list reads it again.
  events.subscribe((event, remote) => {
    if (remote && event.type === 'ticket')
      search.refresh(event.id).catch((error: unknown) => log.warn({ err: error }, 'ticket not refreshed'));
  });

  registerAdminRoutes(server, { tickets, search, targetHours: config.staff.ticketTargetHours }, staff.auth, staff.idempotency);
  registerHandoffRoutes(server, handoff, tickets, staff.auth, staff.idempotency);
  registerReplyTemplates(server, storage, staff.auth);
  const streams = registerEventRoutes(server, events, staff.auth);
  return {
    stop() {
      streams.stop();
      events.stop();
    },
  };
}
