// The bot: welcomes new members, runs the main dialog for every message, saves state after each turn.
import {
  ActivityHandlerBase,
  type Activity,
  type ConversationState,
  type StatePropertyAccessor,
  type TurnContext,
  type UserState,
} from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import type { MainDialog } from '../../dialogs/mainDialog.js';
import { acceptMessage } from './teamsMentions.js';
import { TEAMS_CHANNEL } from '../replies/teamsCards.js';
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
    // Teams channels and group chats: only messages that @mention the bot, without the mention.
    if (acceptMessage(context.activity)) await this.dialog.run(context, this.dialogState);
  }

  protected async onConversationUpdateActivity(context: TurnContext): Promise<void> {
    // In Vietnamese, whatever the client's locale (the Emulator says en-US).
    if (shouldWelcome(context.activity)) await send(context, smallTalkMessage('welcome', 'vi'), { intent: 'welcome' });
  }

  protected async onEventActivity(context: TurnContext): Promise<void> {
    await this.services?.onEvent(context);
  }
}

/**
 * Teams greets once, when the bot is installed (in a team, every new member would otherwise get a
 * channel message); other channels greet the citizen who opens the chat, not the bot itself joining.
 */
function shouldWelcome(activity: Activity): boolean {
  const joined = activity.membersAdded ?? [];
  const botAdded = joined.some((m) => m.id === activity.recipient?.id);
  return activity.channelId === TEAMS_CHANNEL ? botAdded : joined.some((m) => m.id !== activity.recipient?.id);
}
