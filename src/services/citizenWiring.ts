// The citizen services wired into the running app: the staff API routes, the handoff sweep, the
// announcement notifier on knowledge reloads, the per-turn memory and the handoff.status event.
import { ActivityTypes, HandoffEventNames, type Activity } from 'botbuilder';
import type { App } from '../app.js';
import { announcementMessage, handoffEndedByStaff } from '../bot/messages.js';
import { reply } from '../bot/replies.js';
import { send } from '../bot/send.js';
import type { Article } from '../knowledge/articleParser.js';
import { registerAdminRoutes } from './adminRoutes.js';
import { AnnouncementNotifier } from './announcementNotifier.js';
import type { CitizenServices } from './citizenServices.js';
import { registerHandoffRoutes } from './handoffRoutes.js';

/** How often each instance looks for inbox citizens waiting too long and for office hours ending. */
const SWEEP_MS = 20_000;
const byApp = new WeakMap<App, CitizenServices>();

/** The services of an app (tests). */
export function servicesOf(app: App): CitizenServices {
  const services = byApp.get(app);
  if (!services) throw new Error('citizen services are not wired into this app (wireCitizenServices)');
  return services;
}

function announcement(article: Article, channelId: string): Partial<Activity> {
  const message = announcementMessage(article);
  return reply(channelId, message.text, message.actions, { intent: 'announcement', answerId: article.id });
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

  const notifier = new AnnouncementNotifier(storage, services.subscriptions, inbound, app.continueConversation, announcement, log);
  notifier.follow(app.knowledge, app.track);

  app.bot.attach({
    async beforeTurn(context) {
      if (context.activity.type !== ActivityTypes.Message) return;
      await services.memory.observe(context);
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
