// The citizen services (tickets, subscriptions, handoff, gaps and ratings, conversation memory, counts), built once
// and handed to the dialogs and routes that use them (their wiring into the running app: src/citizenWiring.ts).
// What they tell citizens later is in the features' words, handed in (CitizenTexts): services name no feature.
import { randomUUID } from 'node:crypto';
import type { ConversationReference, ConversationState, Storage, TurnContext } from 'botbuilder';
import type { Logger } from '../logger.js';
import type { CitizenSettings } from '../config/citizen.js';
import { ConversationMemory } from './conversationMemory.js';
import { GapsLog } from './gapsLog.js';
import { HandoffService, type HandoffTexts } from './handoffService.js';
import { InboundTimes, type MessagingWindows } from './messagingWindow.js';
import { PersonalDataKeeper } from './retention.js';
import { SatisfactionSurvey } from './satisfaction.js';
import { StatsRecorder } from './statsRecorder.js';
import { SubscriptionStore } from './subscriptionStore.js';
import { Outbox } from './outbox.js';
import { TicketStore, type TicketTexts } from './ticketStore.js';

export interface CitizenServices {
  settings: CitizenSettings;
  tickets: TicketStore;
  subscriptions: SubscriptionStore;
  handoff: HandoffService;
  gaps: GapsLog;
  memory: ConversationMemory;
  /** Everything sent later (ticket messages, staff lines, notices, announcements): `change` enqueues, it sends. */
  outbox: Outbox;
  /** Counts for Thống kê (turns, ratings, handoffs, tickets, satisfaction). */
  stats: StatsRecorder;
  /** The answer to the satisfaction question (asked through the outbox when a ticket is resolved or staff close a chat). */
  satisfaction: SatisfactionSurvey;
  /** RETENTION_DAYS' daily sweep, and finding, exporting, deleting what is held about one person. */
  privacy: PersonalDataKeeper;
  /** The time of each conversation's last message on channels with a messaging window (Zalo OA). */
  inbound: InboundTimes;
}

/** What the services tell a citizen later (a ticket's update, a handoff's notices, the satisfaction question). */
export interface CitizenTexts {
  tickets: TicketTexts;
  handoff: HandoffTexts;
}

export interface CitizenServiceDeps {
  storage: Storage;
  log: Logger;
  conversationState: ConversationState;
  settings: CitizenSettings;
  /** The channels that accept proactive messages only within a window after the citizen's last message. */
  messagingWindows: MessagingWindows;
  /** Several instances share the store (Blob): the outbox respects another instance's claim on a message. */
  sharedStorage: boolean;
  texts: CitizenTexts;
  /** How the services send a proactive message (a status change, a staff reply, an announcement). */
  continueConversation(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void>;
}

export function createCitizenServices({
  storage,
  log,
  conversationState,
  settings,
  messagingWindows,
  sharedStorage,
  texts,
  continueConversation,
}: CitizenServiceDeps): CitizenServices {
  const gaps = new GapsLog(storage);
  const stats = new StatsRecorder(storage);
  const inbound = new InboundTimes(storage, messagingWindows);
  const outbox = new Outbox(storage, inbound, continueConversation, log, {
    instance: randomUUID(),
    shared: sharedStorage,
    retryMs: settings.outboxRetryMs,
  });
  const tickets = new TicketStore(storage, log, { outbox, texts: texts.tickets }, stats);
  const handoff = new HandoffService(storage, settings, log, outbox, texts.handoff, stats);
  return {
    settings,
    tickets,
    subscriptions: new SubscriptionStore(storage, settings.subscriptionsPerAddress),
    handoff,
    privacy: new PersonalDataKeeper(storage, tickets, handoff, gaps, settings.retentionDays, log),
    gaps,
    memory: new ConversationMemory(conversationState, gaps, stats),
    outbox,
    stats,
    satisfaction: new SatisfactionSurvey(storage, stats),
    inbound,
  };
}
