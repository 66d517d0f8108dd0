// The bot: welcomes new members (as their channel greets), runs the main dialog for every message, saves state
// after each turn. It names no channel: what a channel does to its activities is src/bot/channelActivities.ts.
import { ActivityHandlerBase, type ConversationState, type StatePropertyAccessor, type TurnContext, type UserState } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import type { MainDialog } from '../../dialogs/mainDialog.js';
import type { ChannelActivityRules } from './channelActivities.js';
import { smallTalkMessage } from '../features/smallTalk/texts.js';
import { send } from '../replies/send.js';

/** What other parts of the service do in a turn (the citizen services: memory, subscriptions, handoff events). */
export interface TurnServices {
  /** Before the bot answers, every turn. */
  beforeTurn(context: TurnContext): Promise<void>;
  /** After the bot answered, before the state is saved: reads the turn's outcome (src/replies/turnOutcome.ts). */
  afterTurn(context: TurnContext): Promise<void>;
  /** An event activity (staff ending a handoff). */
  onEvent(context: TurnContext): Promise<void>;
}

export class HotlineBot extends ActivityHandlerBase {
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  private services?: TurnServices;

  constructor(
    private readonly conversationState: ConversationState,
    private readonly userState: UserState,
    private readonly dialog: MainDialog,
    /** Each channel's rules for its activities (who is greeted; the rest applies as adapter middleware). */
    private readonly channels: Pick<ChannelActivityRules, 'greets'>,
  ) {
    super();
    this.dialogState = conversationState.createProperty<DialogState>('DialogState');
  }

  attach(services: TurnServices): void {
    this.services = services;
  }

  async run(context: TurnContext): Promise<void> {
    await this.services?.beforeTurn(context);
    await super.run(context);
    await this.services?.afterTurn(context);
    await this.conversationState.saveChanges(context, false);
    await this.userState.saveChanges(context, false);
  }

  // The overrides of ActivityHandlerBase: with ConversationState's hashing, ActivityHandler's handler
  // lists cost the bench its 0.8 target (measured: docs/operations.md, Framework defaults).
  protected async onMessageActivity(context: TurnContext): Promise<void> {
    await this.dialog.run(context, this.dialogState);
  }

  protected async onConversationUpdateActivity(context: TurnContext): Promise<void> {
    // In Vietnamese, whatever the client's locale (the Emulator says en-US).
    if (this.channels.greets(context.activity)) await send(context, smallTalkMessage('welcome', 'vi'), { intent: 'welcome' });
  }

  protected async onEventActivity(context: TurnContext): Promise<void> {
    await this.services?.onEvent(context);
  }
}
