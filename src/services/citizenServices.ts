// The citizen services (tickets, subscriptions, handoff, gaps and ratings, conversation memory, staff
// accounts), built once and handed to the dialogs and routes that use them (their wiring into the running
// app: citizenWiring.ts).
import type { ConversationReference, ConversationState, Storage, TurnContext } from 'botbuilder';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { CitizenSettings } from '../config/citizen.js';
import { ConversationMemory } from './conversationMemory.js';
import { GapsLog } from './gapsLog.js';
import { HandoffService } from './handoffService.js';
import { InboundTimes } from './messagingWindow.js';
import { SubscriptionStore } from './subscriptionStore.js';
import { TicketNotifier } from './ticketNotifier.js';
import { TicketStore } from './ticketStore.js';
import { StaffAccounts } from '../staff/accounts.js';
import { accountStorage } from '../staff/accountStorage.js';
import { StaffSessions } from '../staff/sessions.js';
import { StaffAuth } from '../staff/staffAuth.js';

export interface CitizenServices {
  settings: CitizenSettings;
  tickets: TicketStore;
  subscriptions: SubscriptionStore;
  handoff: HandoffService;
  gaps: GapsLog;
  memory: ConversationMemory;
  ticketNotifier: TicketNotifier;
  accounts: StaffAccounts;
  sessions: StaffSessions;
  staffAuth: StaffAuth;
  /** The time of each conversation's last message on channels with a messaging window (Zalo OA). */
  inbound: InboundTimes;
}

export interface CitizenServiceDeps {
  config: Config;
  storage: Storage;
  log: Logger;
  conversationState: ConversationState;
  settings: CitizenSettings;
  /** How the services send a proactive message (a status change, a staff reply, an announcement). */
  continueConversation(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void>;
}

export function createCitizenServices({ config, storage, log, conversationState, settings, continueConversation }: CitizenServiceDeps): CitizenServices {
  const gaps = new GapsLog(storage);
  const tickets = new TicketStore(storage, log);
  const inbound = new InboundTimes(storage);
  const sessions = new StaffSessions(storage, config.staff.sessionHours * 3600_000);
  const accounts = new StaffAccounts(accountStorage(config, storage));
  const services: CitizenServices = {
    settings,
    tickets,
    subscriptions: new SubscriptionStore(storage),
    handoff: new HandoffService(storage, settings, log, continueConversation),
    gaps,
    memory: new ConversationMemory(conversationState, gaps),
    ticketNotifier: new TicketNotifier(tickets, inbound, continueConversation, log),
    accounts,
    sessions,
    staffAuth: new StaffAuth(settings.adminToken, sessions, accounts),
    inbound,
  };
  return services;
}
