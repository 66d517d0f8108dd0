// What a feature hands the root dialog: a handler for each intent it answers, and the flows those handlers
// begin. A handler answers within the turn (returns nothing) or names the flow to begin; the root looks the
// message's intent up in the table of every feature's handlers (src/features/index.ts), which must hold one
// for every intent. A flow is any botbuilder Dialog: a CitizenFlowDialog, or a stock WaterfallDialog. A feature
// may add the intents that start it (`intents`, from its own intents.ts; src/understanding/featureIntents.ts).
import type { TurnContext } from 'botbuilder';
import type { Dialog } from 'botbuilder-dialogs';
import type { Answers } from '../src/answer/answers.js';
import type { CitizenServices } from '../src/services/citizenServices.js';
import type { Language } from '../src/text/language.js';
import type { IntentRecognizer } from '../src/understanding/featureIntents.js';
import type { Intent, IntentName } from '../src/understanding/intents.js';
import type { FlowStart } from './interruptibleDialog.js';

/** What every feature is built with. */
export interface FeatureDeps {
  /** The answer engine of the knowledge version live now. */
  knowledge: Answers;
  services: CitizenServices;
}

/** The meaning of a text, with every feature's intents (recognizeIntent with the root's recognisers). */
export type Recognize = (text: string) => Intent;

/** What a feature's flows are built with: its deps, and how a text is understood. */
export interface FlowDeps extends FeatureDeps {
  recognize: Recognize;
}

/** One message to answer: its turn, its bounded text and the turn's language, with what features use. */
export interface Turn extends FeatureDeps {
  context: TurnContext;
  text: string;
  lang: Language;
}

/** Answers a message with this intent within the turn, or returns the flow to begin. */
export type Handler<N extends IntentName = IntentName> = (
  turn: Turn,
  intent: Extract<Intent, { name: N }>,
) => Promise<FlowStart | undefined>;

/** The handlers of every intent: the root's table. */
export type IntentHandlers = { [N in IntentName]: Handler<N> };

/** A feature answering the intents N. */
export interface Feature<N extends IntentName> extends AnyFeature {
  /** The intents this feature answers, each with its handler. */
  handlers: { [K in N]: Handler<K> };
}

/** A feature, whichever intents it answers. */
export interface AnyFeature {
  /**
   * The intents this feature adds, each with how it is recognised: tried by recognizeIntent at its declared
   * point, in the order of FEATURES (each named in FeatureIntents, in the feature's intents.ts).
   */
  intents?: readonly IntentRecognizer[];
  handlers: Partial<IntentHandlers>;
  /** The flows its handlers begin, built once per root dialog. */
  flows?(deps: FlowDeps): Dialog[];
  /**
   * Takes a message before its intent is read, when it answers something this feature asked (true: answered
   * within the turn, the table is not consulted).
   */
  takes?(turn: Turn): Promise<boolean>;
}

/** The flow `dialogId` to begin with `options`. */
export function start<O extends object>(dialogId: string, options: O): FlowStart {
  return { dialogId, options };
}
