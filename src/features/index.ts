// The features the root dialog is built with: one line each in FEATURES, which imports the feature and gives
// its place at once (a top-level await of its module, so the order stays written out: it is the order in
// which the features' own intents are tried, see recognizeIntent). Every intent must have its handler in one
// of them, and every handler its intent: a built-in intent (src/understanding/intents.ts) or one a listed
// feature adds (its `intents`) without a handler, or a handler for neither, is a type error here
// (NoIntentWithoutHandler, NoHandlerWithoutIntent), and MainDialog refuses to be built with it
// (tests/dialogs.test.ts), so a message is never met with silence.
import type { BuiltInIntentName } from '../understanding/intents.js';
import type { AnyFeature } from '../../dialogs/feature.js';

export const FEATURES = [
  (await import('./satisfaction/feature.js')).satisfaction,
  (await import('./smallTalk/feature.js')).smallTalk,
  (await import('./answers/feature.js')).answers,
  (await import('./news/feature.js')).news,
  (await import('./tracking/feature.js')).tracking,
  (await import('./tickets/feature.js')).tickets,
  (await import('./handoff/feature.js')).handoff,
  (await import('./subscriptions/feature.js')).subscriptions,
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
