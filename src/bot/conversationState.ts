// botbuilder's ConversationState with a cheaper change check. BotState fingerprints the state three times a
// turn (when it is loaded, and before and after it is saved) by walking it with a JSON replacer function and
// hashing the text with SHA-256; the plain JSON text tells the same thing, whether the turn changed the
// state. With ActivityHandlerBase it keeps the bench at its 0.8 target (measured: docs/operations.md,
// Framework defaults). Storage, keys and the rest are botbuilder's.
import { ConversationState, type TurnContext } from 'botbuilder';

type State = Record<string, unknown> & { eTag?: string };

interface Cached {
  state: State;
  /** The state's JSON text when loaded or last saved; '' makes the next save write. */
  text: string;
}

const jsonText = (state: State): string => JSON.stringify(state);

export class TextCheckedConversationState extends ConversationState {
  private readonly cacheKey = Symbol('conversation state');

  async load(context: TurnContext, force = false): Promise<State> {
    const cached = context.turnState.get<Cached | undefined>(this.cacheKey);
    if (cached && !force) return cached.state;
    const key = await this.storageKey(context);
    const state = ((await this.storage.read([key]))[key] as State | undefined) ?? {};
    // Saved with eTag '*' (below): set now, so that this text is also the text a save would write.
    state.eTag = '*';
    context.turnState.set(this.cacheKey, { state, text: jsonText(state) } satisfies Cached);
    return state;
  }

  async saveChanges(context: TurnContext, force = false): Promise<void> {
    const cached = context.turnState.get<Cached | undefined>(this.cacheKey) ?? (force ? { state: {}, text: '' } : undefined);
    if (!cached) return;
    // Last writer wins, as with botbuilder's BotState: a conversation's turns arrive one at a time.
    cached.state.eTag = '*';
    const text = jsonText(cached.state);
    if (!force && text === cached.text) return;
    await this.storage.write({ [await this.storageKey(context)]: cached.state });
    cached.text = text;
    context.turnState.set(this.cacheKey, cached);
  }

  clear(context: TurnContext): Promise<void> {
    context.turnState.set(this.cacheKey, { state: {}, text: '' } satisfies Cached);
    return Promise.resolve();
  }

  async delete(context: TurnContext): Promise<void> {
    context.turnState.delete(this.cacheKey);
    await this.storage.delete([await this.storageKey(context)]);
  }

  get(context: TurnContext): State | undefined {
    return context.turnState.get<Cached | undefined>(this.cacheKey)?.state;
  }
}
