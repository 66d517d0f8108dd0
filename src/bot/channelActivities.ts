// What a channel does to the activities of its own conversations, declared by the channel (src/channels/…)
// and applied here to every turn by channel id, as botbuilder middleware on every adapter: an incoming
// message readied for the dialogs (or left unanswered), the greeting rule, an outgoing message rendered
// the channel's way (onSendActivities, so proactive sends are rendered too). The bot and the replies name no
// channel: a reply leaves them as text, suggested actions and a locale.
import { ActivityTypes, type Activity, type Middleware, type TurnContext } from 'botbuilder';

export interface ChannelActivities {
  /** The channel id whose conversations these rules are for. */
  channelId: string;
  /** Readies an incoming message in place; false when it is not for the bot, which then runs no turn for it. */
  acceptMessage?(activity: Activity): boolean;
  /** Whether a conversationUpdate is one the bot greets; by default, when someone other than the bot joined. */
  greets?(activity: Activity): boolean;
  /** Renders an outgoing message in place (e.g. its suggested actions as a card). */
  render?(activity: Partial<Activity>): void;
}

/** Greets the citizen who opens the chat, not the bot itself joining. */
const someoneJoined = (activity: Activity): boolean => (activity.membersAdded ?? []).some((m) => m.id !== activity.recipient?.id);

export class ChannelActivityRules implements Middleware {
  private readonly byChannel: Map<string, ChannelActivities>;

  constructor(rules: ChannelActivities[]) {
    this.byChannel = new Map(rules.map((r) => [r.channelId, r]));
  }

  /** Whether the bot greets on this conversationUpdate. */
  greets(activity: Activity): boolean {
    return (this.byChannel.get(activity.channelId)?.greets ?? someoneJoined)(activity);
  }

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const rules = this.byChannel.get(context.activity.channelId);
    if (!rules) return next();
    const { render } = rules;
    if (render)
      context.onSendActivities(async (_context, activities, send) => {
        for (const activity of activities) if (activity.type === ActivityTypes.Message) render(activity);
        return send();
      });
    if (context.activity.type === ActivityTypes.Message && rules.acceptMessage?.(context.activity) === false) return;
    await next();
  }
}
