// The citizen services wired into the running app: the staff API routes, the handoff sweep, the
// announcement notifier on knowledge reloads, the per-turn memory and the handoff.status event.
import { ActivityTypes, HandoffEventNames } from 'botbuilder';
import type { App } from '../app.js';
import { announcementMessage, handoffEndedByStaff } from '../replies/messages.js';
import { send } from '../replies/send.js';
import { registerAdminRoutes } from '../staff/adminRoutes.js';
import { AnnouncementNotifier } from './announcementNotifier.js';
import type { CitizenServices } from './citizenServices.js';
import { registerHandoffRoutes } from '../staff/handoffRoutes.js';

/** How often each instance looks for inbox citizens waiting too long and for office hours ending. */
const SWEEP_MS = 20_000;
const byApp = new WeakMap<App, CitizenServices>();

/** The services of an app (tests). */
export function servicesOf(app: App): CitizenServices {
  const services = byApp.get(app);
  if (!services) throw new Error('citizen services are not wired into this app (wireCitizenServices)');
  return services;
}

export function wireCitizenServices(app: App, services: CitizenServices): CitizenServices {
  const { storage, log } = app;
  const { tickets, settings, inbound } = services;
  byApp.set(app, services);
  registerAdminRoutes(app.server, tickets, services.ticketNotifier, services.staffAuth, app.track);
  registerHandoffRoutes(app.server, services.handoff, services.staffAuth);
  if (settings.officeHours.length > 0) {
    const sweep = (): void => void app.track(services.handoff.sweep()).catch((error: unknown) => log.error({ err: error }, 'handoff sweep failed'));
    const timer = setInterval(sweep, SWEEP_MS).unref();
    app.server.server.once('close', () => clearInterval(timer));
  }

  const notifier = new AnnouncementNotifier(storage, services.subscriptions, inbound, app.continueConversation, announcementMessage, log);
  // Articles published while the bot was down are announced at start; the articles are taken now, not later.
  void app.track(notifier.announceNew(app.knowledge.engine.kb.articles));
  app.knowledge.on('reloaded', () => void app.track(notifier.announceNew(app.knowledge.engine.kb.articles)));

  app.bot.attach({
    async beforeTurn(context) {
      if (context.activity.type !== ActivityTypes.Message) return;
      await services.memory.noteMessage(context);
      await inbound.touch(context);
    },
    async afterTurn(context) {
      if (context.activity.type === ActivityTypes.Message) await services.memory.noteReplies(context);
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
