// Webhook dedupe, for platforms that deliver each event at least once. Zalo delivers webhooks at least once: an event whose 200 got lost comes again, from 30 s up to about two
// hours later (30 s → 5 min → 15 min → 30 min → 1 h). Events older than EVENT_WINDOW_MS are refused by the
// OA route, so remembering the keys taken within that window is enough to drop every redelivery. The keys
// live in the bot's Storage, so a restart does not forget them: one item per hour of arrival, the last
// hours read together (one read), each bounded in keys, and an index of those items from which the ones
// past the window are deleted.
import type { Storage } from 'botbuilder';
import { readItems, updateItem } from '../services/records.js';

/** How old (by its own timestamp) an event may be and still be taken; a little clock skew is allowed ahead. */
export const EVENT_WINDOW_MS = 3 * 60 * 60 * 1000;
export const EVENT_SKEW_MS = 5 * 60 * 1000;
const SLOT_MS = 60 * 60 * 1000;
/** The slots that together cover the window (the current one is partly filled). */
const SLOTS_READ = Math.ceil(EVENT_WINDOW_MS / SLOT_MS) + 1;
const MAX_KEYS_PER_SLOT = 10_000;

interface Slot {
  keys: string[];
}

interface SlotIndex {
  slots: number[];
}

/** True when an event of this time (epoch ms) is within the window around now. */
export function withinWindow(at: number, now = Date.now()): boolean {
  return Number.isFinite(at) && at > now - EVENT_WINDOW_MS && at < now + EVENT_SKEW_MS;
}

export class RecentEvents {
  constructor(
    private readonly storage: Storage,
    private readonly channelId: string,
  ) {}

  private key(slot: number | 'index'): string {
    return `${this.channelId}/recentEvents/${slot}`;
  }

  /** True the first time an event key is offered within the window, false for a redelivery. */
  async firstTime(key: string, now = Date.now()): Promise<boolean> {
    const slot = Math.floor(now / SLOT_MS);
    const earlier = Array.from({ length: SLOTS_READ - 1 }, (_, i) => this.key(slot - 1 - i));
    if ((await readItems<Slot>(this.storage, earlier)).some((s) => s.keys.includes(key))) return false;
    let first = false;
    let created = false;
    // The current slot is checked again inside its update: two deliveries at once cannot both be first.
    await updateItem<Slot>(this.storage, this.key(slot), (current) => {
      created = current === undefined;
      const keys = current?.keys ?? [];
      first = !keys.includes(key);
      // Beyond the bound the oldest keys go: a flood cannot grow the item without limit.
      return { keys: first ? [...keys, key].slice(-MAX_KEYS_PER_SLOT) : keys };
    });
    if (created) await this.forgetOldSlots(slot);
    return first;
  }

  /** Indexes a new slot and deletes the slots past the window. */
  private async forgetOldSlots(added: number): Promise<void> {
    const oldest = added - SLOTS_READ + 1;
    let stale: number[] = [];
    await updateItem<SlotIndex>(this.storage, this.key('index'), (index) => {
      const slots = [...new Set([...(index?.slots ?? []), added])];
      stale = slots.filter((s) => s < oldest);
      return { slots: slots.filter((s) => s >= oldest) };
    });
    if (stale.length) await this.storage.delete(stale.map((s) => this.key(s)));
  }
}
