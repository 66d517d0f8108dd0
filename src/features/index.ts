// The features the root dialog is built with: one line each in FEATURES, after its import. Every intent
// must have its handler in one of them, and every handler its intent: a built-in intent
// (src/understanding/intents.ts) or one a listed feature adds (its `intents`) without a handler, or a handler
// for neither, is a type error here (NoIntentWithoutHandler, NoHandlerWithoutIntent), and MainDialog refuses
// to be built with it (tests/dialogs.test.ts), so a message is never met with silence. The order of FEATURES
// is the order in which the features' own intents are tried (recognizeIntent says where).
import { answers } from './answers/feature.js';
import { handoff } from './handoff/feature.js';
import { news } from './news/feature.js';
import { satisfaction } from './satisfaction/feature.js';
import { smallTalk } from './smallTalk/feature.js';
import { subscriptions } from './subscriptions/feature.js';
import { tickets } from './tickets/feature.js';
import { tracking } from './tracking/feature.js';
import type { BuiltInIntentName } from '../understanding/intents.js';
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

type Listed = (typeof FEATURES)[number];
/** The intents some feature handles. */
type Handled = Listed extends infer F ? (F extends { handlers: infer H } ? keyof H : never) : never;
/** The intents recognised: the built-in ones, and those the listed features add. */
type Recognised =
  | BuiltInIntentName
  | (Listed extends infer F ? (F extends { intents: readonly (infer R)[] } ? (R extends { name: infer N } ? N : never) : never) : never);
/** Names what it is given, as a type error ("Type '"x"' does not satisfy the constraint 'never'"). */
type Exhaustive<Missing extends never> = Missing;
export type NoIntentWithoutHandler = Exhaustive<Exclude<Recognised, Handled>>;
export type NoHandlerWithoutIntent = Exhaustive<Exclude<Handled, Recognised>>;
