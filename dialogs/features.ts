// The features the root dialog is built with: one line each. Every intent must have its handler in one of
// them: an intent without one is a type error here (NoIntentWithoutHandler), and MainDialog refuses to be
// built without it (tests/dialogs.test.ts), so a message is never met with silence.
import { answers } from '../src/features/answers/feature.js';
import { handoff } from '../src/features/handoff/feature.js';
import { news } from '../src/features/news/feature.js';
import { satisfaction } from '../src/features/satisfaction/feature.js';
import { smallTalk } from '../src/features/smallTalk/feature.js';
import { subscriptions } from '../src/features/subscriptions/feature.js';
import { tickets } from '../src/features/tickets/feature.js';
import { tracking } from '../src/features/tracking/feature.js';
import type { IntentName } from '../src/understanding/intents.js';
import type { AnyFeature } from './feature.js';

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
