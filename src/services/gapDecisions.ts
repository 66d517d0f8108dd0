// What staff decided about unanswered questions (added to an entry, drafted as a new entry, out of scope),
// by wording, so that a question dealt with leaves the list; and the history of the knowledge changes made
// from the console: who changed which file and entry, when, with which questions.
import type { Storage } from 'botbuilder';
import { vnTimestamp } from '../text/vnTime.js';
import { wordingKey } from './statsCounts.js';
import { KEY_PREFIX, readItem, updateItem } from './records.js';

export type GapAction = 'addToEntry' | 'newEntry' | 'outOfScope';

export interface KnowledgeChange {
  at: string;
  by: string;
  action: GapAction;
  questions: string[];
  file?: string;
  entryId?: string;
}

interface Decisions {
  /** Wording key → when it was decided (the change itself is in the history). */
  byWording: Record<string, string>;
}

const DECISIONS_KEY = `${KEY_PREFIX}/gaps/decisions`;
const CHANGES_KEY = `${KEY_PREFIX}/knowledge/changes`;
const MAX_DECISIONS = 5000;
const MAX_CHANGES = 500;

export class GapDecisions {
  constructor(
    private readonly storage: Storage,
    private readonly now = () => new Date(),
  ) {}

  /** Whether a wording was dealt with already. */
  async decided(): Promise<(text: string) => boolean> {
    const byWording = (await readItem<Decisions>(this.storage, DECISIONS_KEY))?.byWording ?? {};
    return (text) => wordingKey(text) in byWording;
  }

  async record(change: Omit<KnowledgeChange, 'at'>): Promise<KnowledgeChange> {
    const at = vnTimestamp(this.now());
    const recorded = { at, ...change };
    await updateItem<{ changes: KnowledgeChange[] }>(this.storage, CHANGES_KEY, (current) => ({
      changes: [...(current?.changes ?? []), recorded].slice(-MAX_CHANGES),
    }));
    await updateItem<Decisions>(this.storage, DECISIONS_KEY, (current) => {
      const byWording = { ...current?.byWording };
      for (const question of change.questions) byWording[wordingKey(question)] = at;
      const keys = Object.keys(byWording);
      for (const key of keys.slice(0, Math.max(0, keys.length - MAX_DECISIONS))) delete byWording[key];
      return { byWording };
    });
    return recorded;
  }

  /** The history, newest first. */
  async changes(): Promise<KnowledgeChange[]> {
    return [...((await readItem<{ changes: KnowledgeChange[] }>(this.storage, CHANGES_KEY))?.changes ?? [])].reverse();
  }
}
