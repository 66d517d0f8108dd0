// The citizen services wired into the running service: the handoff sweep, the announcement notifier on
// knowledge reloads, the per-turn memory and the handoff.status event, the counts for Thống kê and the daily
// RETENTION_DAYS sweep. Returns what stops at shutdown. And the features' words the services send later
// (CITIZEN_TEXTS): the services name no feature.
import { ActivityTypes, HandoffEventNames, type Storage } from 'botbuilder';
import type { HotlineBot } from './bot/hotlineBot.js';
import type { Mounted } from './channels/channelHost.js';
import type { KnowledgeStore } from './knowledge/knowledgeStore.js';
import type { Logger } from './logger.js';
import { handoffClosedAfterHours, handoffEndedByStaff, handoffNobodyYet } from './features/handoff/texts.js';
import { satisfactionQuestion } from './features/satisfaction/texts.js';
import { announcementMessage } from './features/subscriptions/texts.js';
import { ticketUpdateMessage } from './features/tickets/texts.js';
import { handoffEnded } from './replies/commonTexts.js';
import { send } from './replies/send.js';
import { AnnouncementNotifier } from './services/announcementNotifier.js';
import type { CitizenServices, CitizenTexts } from './services/citizenServices.js';

/** How often each instance deletes what is older than RETENTION_DAYS (the first time a minute after start). */
const RETENTION_SWEEP_MS = 86_400_000;
const FIRST_RETENTION_SWEEP_MS = 60_000;
/** How often each instance looks for inbox citizens waiting too long and for chat hours ending. */
const SWEEP_MS = 20_000;

/** What the citizen services send later, in the words of the features they belong to. */
export const CITIZEN_TEXTS: CitizenTexts = {
  tickets: { update: ticketUpdateMessage, surveyQuestion: satisfactionQuestion },
  handoff: {
    endedByStaff: handoffEndedByStaff,
    closedAfterHours: handoffClosedAfterHours,
    nobodyYet: handoffNobodyYet,
    surveyQuestion: satisfactionQuestion,
  },
};

export interface CitizenWiringDeps {
  bot: HotlineBot;
  knowledge: KnowledgeStore;
  storage: Storage;
  log: Logger;
  track<T>(work: Promise<T>): Promise<T>;
}

export function wireCitizenServices({ bot, knowledge, storage, log, track }: CitizenWiringDeps, services: CitizenServices): Mounted {
  const { settings, inbound } = services;
  let timer: NodeJS.Timeout | undefined;
  if (settings.chatHours.length > 0) {
    const sweep = (): void =>
      void track(services.handoff.sweep()).catch((error: unknown) => log.error({ err: error }, 'handoff sweep failed'));
    timer = setInterval(sweep, SWEEP_MS).unref();
  }

  const notifier = new AnnouncementNotifier(storage, services.subscriptions, services.outbox, announcementMessage, log);
  notifier.follow(knowledge, track);
  // What a crash or a restart left unsent goes out now.
  services.outbox.start();

  bot.attach({
    async beforeTurn(context) {
      if (context.activity.type !== ActivityTypes.Message) return;
      await services.memory.noteMessage(context);
      await inbound.touch(context);
    },
    async afterTurn(context) {
      if (context.activity.type === ActivityTypes.Message) await services.memory.noteReplies(context);
    },
    // Staff's agent hub ends a handoff with botbuilder's handoff.status event, state "completed"; a citizen
    // can send the same event in their own chat, and is recorded as the one who ended it.
    async onEvent(context) {
      const state = (context.activity.value as { state?: string } | undefined)?.state;
      if (context.activity.name === HandoffEventNames.HandoffStatus && (state === 'completed' || state === 'failed')) {
        const by = await services.handoff.eventSender(context);
        if (await services.handoff.end(context, by)) {
          const { lang } = await services.memory.get(context);
          await send(context, by === 'staff' ? handoffEndedByStaff(lang) : handoffEnded(lang), { intent: 'handoffEnded' });
        }
      }
    },
  });
  services.stats.start((error) => log.error({ err: error }, 'statistics not written'));
  const retention = (): void =>
    void track(services.privacy.sweep()).catch((error: unknown) => log.error({ err: error }, 'retention sweep failed'));
  const firstSweep = setTimeout(retention, FIRST_RETENTION_SWEEP_MS).unref();
  const sweeps = setInterval(retention, RETENTION_SWEEP_MS).unref();
  return {
    stop() {
      clearInterval(timer);
      clearTimeout(firstSweep);
      clearInterval(sweeps);
    },
  };
}
