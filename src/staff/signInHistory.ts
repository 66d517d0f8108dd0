// Failed sign-ins on each existing account since its last successful sign-in, kept in the bot's Storage (any
// instance, across restarts): the next sign-in tells the staff member how many there were, so a guessing
// attempt on their name does not go unnoticed. Names without an account are not kept.
import type { Storage } from 'botbuilder';
import { KEY_PREFIX, readItem, updateItem } from '../services/records.js';
import { vnTimestamp } from '../text/vnTime.js';

export interface FailedSignIns {
  count: number;
  /** When the last one was (Vietnam time), if any. */
  lastAt?: string;
}

const historyKey = (username: string): string => `${KEY_PREFIX}/staff/signins/${username}`;

export class SignInHistory {
  constructor(
    private readonly storage: Storage,
    private readonly now = () => new Date(),
  ) {}

  async failed(username: string): Promise<void> {
    await updateItem<FailedSignIns>(this.storage, historyKey(username), (current) => ({
      count: (current?.count ?? 0) + 1,
      lastAt: vnTimestamp(this.now()),
    }));
  }

  /** The failures since the last sign-in, counted from now on afresh. */
  async signedIn(username: string): Promise<FailedSignIns> {
    const failures = (await readItem<FailedSignIns>(this.storage, historyKey(username))) ?? { count: 0 };
    if (failures.count) await this.storage.delete([historyKey(username)]);
    return failures;
  }
}
