// The citizen services (tickets, subscriptions, handoff, gaps and ratings, conversation memory, counts), built once
// and handed to the dialogs and routes that use them (their wiring into the running app: src/citizenWiring.ts).
import type { ConversationReference, ConversationState, Storage, TurnContext } from 'botbuilder';
import type { Logger } from '../logger.js';
import type { CitizenSettings } from '../config/citizen.js';
import { ConversationMemory } from './conversationMemory.js';
import { GapsLog } from './gapsLog.js';
import { HandoffService } from './handoffService.js';
import { InboundTimes, type MessagingWindows } from './messagingWindow.js';
import { sendOnce } from './proactiveSend.js';
import { PersonalDataKeeper } from './retention.js';
import { SatisfactionSurvey } from './satisfaction.js';
import { StatsRecorder } from './statsRecorder.js';
import { SubscriptionStore } from './subscriptionStore.js';
import { TicketNotifier } from './ticketNotifier.js';
import { TicketStore } from './ticketStore.js';

export interface CitizenServices {
  settings: CitizenSettings;
  tickets: TicketStore;
  subscriptions: SubscriptionStore;
  handoff: HandoffService;
  gaps: GapsLog;
  memory: ConversationMemory;
  /** Counts for Thống kê (turns, ratings, handoffs, tickets, satisfaction). */
  stats: StatsRecorder;
  /** The satisfaction question after a resolved ticket or a chat closed by staff, and its answer. */
  satisfaction: SatisfactionSurvey;
  /** RETENTION_DAYS' daily sweep, and finding, exporting, deleting what is held about one person. */
  privacy: PersonalDataKeeper;
  ticketNotifier: TicketNotifier;
  /** The time of each conversation's last message on channels with a messaging window (Zalo OA). */
  inbound: InboundTimes;
}

export interface CitizenServiceDeps {
  storage: Storage;
  log: Logger;
  conversationState: ConversationState;
  settings: CitizenSettings;
  /** The channels that accept proactive messages only within a window after the citizen's last message. */
  messagingWindows: MessagingWindows;
  /** How the services send a proactive message (a status change, a staff reply, an announcement). */
  continueConversation(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void>;
}

export function createCitizenServices({
  storage,
  log,
  conversationState,
  settings,
  messagingWindows,
  continueConversation,
}: CitizenServiceDeps): CitizenServices {
  const gaps = new GapsLog(storage);
  const stats = new StatsRecorder(storage);
  const tickets = new TicketStore(storage, log, stats);
  const inbound = new InboundTimes(storage, messagingWindows);
  const handoff = new HandoffService(storage, settings, log, continueConversation, stats);
  const satisfaction = new SatisfactionSurvey(
    storage,
    inbound,
    (reference, message, meta) => sendOnce(continueConversation, reference, message, meta, new Date()),
    stats,
  );
  return {
    settings,
    tickets,
    subscriptions: new SubscriptionStore(storage),
    handoff,
    privacy: new PersonalDataKeeper(storage, tickets, handoff, gaps, settings.retentionDays, log),
    gaps,
    memory: new ConversationMemory(conversationState, gaps, stats),
    stats,
    ticketNotifier: new TicketNotifier(tickets, inbound, continueConversation, log, satisfaction),
    satisfaction,
    inbound,
  };
}
