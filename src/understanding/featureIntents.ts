// The seam through which a feature adds the intents that start it, from its own folder: each names them in
// FeatureIntents (declaration merging, `declare module` in src/features/<name>/intents.ts) and hands the root
// a recogniser for each (its `intents`). recognizeIntent (intents.ts) tries them at one declared point; the
// recognisers come down as a parameter, so understanding imports no feature.

/**
 * Every intent a feature adds, by name: what recognizeIntent returns for it (`{ name: 'subscribe' }`). Empty
 * here; each feature's intents.ts adds its own, so handlers, the handler table and ReplyIntent know them.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging
export interface FeatureIntents {}

export type FeatureIntentName = keyof FeatureIntents;
export type FeatureIntent = FeatureIntents[FeatureIntentName];

/** A message as a recogniser reads it: as written (bounded), and folded (no accents, lower case). */
export interface Message {
  text: string;
  folded: string;
}

/** How a feature's intent is recognised: the intent when the message means it, otherwise undefined. */
export interface IntentRecognizer<N extends FeatureIntentName = FeatureIntentName> {
  readonly name: N;
  recognize(message: Message): FeatureIntents[N] | undefined;
}

/** The recogniser of the feature intent `name` (its type checked against what FeatureIntents says it carries). */
export function featureIntent<N extends FeatureIntentName>(
  name: N,
  recognize: (message: Message) => FeatureIntents[N] | undefined,
): IntentRecognizer<N> {
  return { name, recognize };
}
