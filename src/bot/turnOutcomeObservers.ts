// A botbuilder middleware on every adapter that hands each turn's outcome, once the turn has run, to the
// listeners given to App.onTurnOutcome: the tests and the evaluation runner. The service sets none, and
// nothing in a request or the environment can add one.
import type { Middleware, TurnContext } from 'botbuilder';
import { turnOutcome, type TurnOutcomeListener } from '../replies/turnOutcome.js';

export class TurnOutcomeObservers implements Middleware {
  private readonly listeners = new Set<TurnOutcomeListener>();

  /** Adds a listener; returns what removes it. */
  add(listener: TurnOutcomeListener): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    await next();
    for (const listener of this.listeners) listener(context.activity, turnOutcome(context));
  }
}
