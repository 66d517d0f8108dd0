// The citizen services (tickets, subscriptions and announcements, handoff, gaps and ratings) and their
// wiring into the app: the admin route, the announcement notifier on knowledge reloads, the per-turn
// memory and the handoff.status event. Dialogs reach the services through the turn (citizenServices()).
import { ActivityTypes, HandoffEventNames, type Activity, type ConversationState, type TurnContext } from 'botbuilder';
import { announcementMessage, handoffEndedByStaff } from '../bot/messages.js';
import { reply } from '../bot/replies.js';
import { send } from '../bot/send.js';
import type { Article } from '../knowledge/articleParser.js';
import type { App } from '../server.js';
import { registerAdminRoutes } from './adminRoutes.js';
import { registerHandoffRoutes } from './handoffRoutes.js';
import { AnnouncementNotifier } from './announcementNotifier.js';
import { loadCitizenSettings, type CitizenSettings } from './citizenSettings.js';
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

const TURN_KEY = Symbol('citizenServices');
/** How often each instance looks for inbox citizens waiting too long and for office hours ending. */
const SWEEP_MS = 20_000;
const byApp = new WeakMap<App, CitizenServices>();

/** The services of an app (the staff console, tests). */
export function servicesOf(app: App): CitizenServices {
  const services = byApp.get(app);
  if (!services) throw new Error('citizen services are not attached to this app (attachCitizenServices)');
  return services;
}

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
}

/** The services, for a dialog running in this turn. */
export function citizenServices(context: TurnContext): CitizenServices {
  const services = context.turnState.get<CitizenServices>(TURN_KEY);
  if (!services) throw new Error('citizen services are not attached to this app (attachCitizenServices)');
  return services;
}

function announcement(article: Article, channelId: string): Partial<Activity> {
  const message = announcementMessage(article);
  return reply(channelId, message.text, message.actions, { intent: 'announcement', answerId: article.id });
}

export function attachCitizenServices(app: App, conversationState: ConversationState, settings = loadCitizenSettings()): CitizenServices {
  const { storage, log } = app;
  const gaps = new GapsLog(storage);
  const tickets = new TicketStore(storage, log);
  const inbound = new InboundTimes(storage);
  const sessions = new StaffSessions(storage, app.config.staff.sessionHours * 3600_000);
  const accounts = new StaffAccounts(accountStorage(app.config, storage));
  const services: CitizenServices = {
    settings,
    tickets,
    subscriptions: new SubscriptionStore(storage),
    handoff: new HandoffService(storage, settings, log, app.continueConversation),
    gaps,
    memory: new ConversationMemory(conversationState, gaps),
    ticketNotifier: new TicketNotifier(tickets, inbound, app.continueConversation, log),
    accounts,
    sessions,
    staffAuth: new StaffAuth(settings.adminToken, sessions, accounts),
  };
  byApp.set(app, services);
  registerAdminRoutes(app.server, tickets, services.ticketNotifier, services.staffAuth, app.track);
  registerHandoffRoutes(app.server, services.handoff, services.staffAuth);
  if (settings.officeHours.length > 0) {
    const sweep = (): void => void app.track(services.handoff.sweep()).catch((error: unknown) => log.error({ err: error }, 'handoff sweep failed'));
    const timer = setInterval(sweep, SWEEP_MS).unref();
    app.server.server.once('close', () => clearInterval(timer));
  }

  const notifier = new AnnouncementNotifier(storage, services.subscriptions, app.continueConversation, announcement, log);
  // Articles published while the bot was down are announced at start; the articles are taken now, not later.
  void app.track(notifier.announceNew(app.knowledge.engine.kb.articles));
  app.knowledge.on('reloaded', () => void app.track(notifier.announceNew(app.knowledge.engine.kb.articles)));

  app.bot.attach({
    async beforeTurn(context) {
      context.turnState.set(TURN_KEY, services);
      if (context.activity.type !== ActivityTypes.Message) return;
      await services.memory.observe(context);
      await services.subscriptions.touch(context);
      await inbound.touch(context);
    },
    // Staff (or their agent hub) end a handoff with botbuilder's handoff.status event, state "completed".
    async onEvent(context) {
      const state = (context.activity.value as { state?: string } | undefined)?.state;
      if (context.activity.name === HandoffEventNames.HandoffStatus && (state === 'completed' || state === 'failed')) {
        if (await services.handoff.end(context, 'staff')) await send(context, handoffEndedByStaff((await services.memory.get(context)).lang), { intent: 'handoffEnded' });
      }
    },
  });
  return services;
}
