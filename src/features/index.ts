// The features the root dialog is built with: one line each. Every intent must have its handler in one of
// them: an intent without one is a type error here (NoIntentWithoutHandler), and MainDialog refuses to be
// built without it (tests/dialogs.test.ts), so a message is never met with silence.
import { answers } from './answers/feature.js';
import { handoff } from './handoff/feature.js';
import { news } from './news/feature.js';
import { satisfaction } from './satisfaction/feature.js';
import { smallTalk } from './smallTalk/feature.js';
import { subscriptions } from './subscriptions/feature.js';
import { tickets } from './tickets/feature.js';
import { tracking } from './tracking/feature.js';
import type { IntentName } from '../understanding/intents.js';
import type { AnyFeature } from '../../dialogs/feature.js';

export const FEATURES = [
  satisfaction,
  smallTalk,
  answers,
  news,
  tracking,
  tickets,
  handoff,
  subscriptions,
] as const satisfies readonly AnyFeature[];

/** The intents some feature handles. */
type Handled = (typeof FEATURES)[number] extends infer F ? (F extends { handlers: infer H } ? keyof H : never) : never;
/** Names the intents without a handler, as a type error ("Type '"x"' does not satisfy the constraint 'never'"). */
type Exhaustive<Missing extends never> = Missing;
export type NoIntentWithoutHandler = Exhaustive<Exclude<IntentName, Handled>>;
