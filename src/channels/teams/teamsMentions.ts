// Teams: in a channel or group chat the bot answers only messages that @mention it (or clicks on its own card
// buttons), with the mention taken out before the text is understood. Card submits arrive without text.
import type { Activity, Entity } from 'botbuilder';
import { CARD_VALUE_KEY } from './teamsCards.js';

/** A bare "@bot" shows the menu. */
const BARE_MENTION_TEXT = 'menu';

interface Mention extends Entity {
  mentioned?: { id?: string };
  text?: string;
}

function isGroupConversation(activity: Partial<Activity>): boolean {
  const type = activity.conversation?.conversationType;
  return type === 'channel' || type === 'groupChat';
}

function botMentions(activity: Partial<Activity>): Mention[] {
  const botId = activity.recipient?.id;
  return (activity.entities ?? []).filter((e): e is Mention => e.type === 'mention' && !!botId && (e as Mention).mentioned?.id === botId);
}

/** The text a click on one of the bot's card buttons carries, if this activity is one. */
function cardText(activity: Partial<Activity>): string | undefined {
  const value: unknown = activity.value;
  if (typeof value !== 'object' || value === null) return undefined;
  const text = (value as Record<string, unknown>)[CARD_VALUE_KEY];
  return typeof text === 'string' && text.trim() ? text : undefined;
}

function withoutMentions(text: string, mentions: Mention[]): string {
  let rest = text;
  for (const mention of mentions) if (mention.text) rest = rest.split(mention.text).join(' ');
  return rest
    .replace(/&nbsp;/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
}

/**
 * Readies a message for the dialogs, in place: strips the bot's @mention, fills the text of a card submit.
 * Returns false when the bot must stay silent (a Teams channel or group chat message not addressed to it).
 */
export function acceptMessage(activity: Partial<Activity>): boolean {
  const fromCard = cardText(activity);
  if (fromCard !== undefined && !activity.text?.trim()) activity.text = fromCard;
  const mentions = botMentions(activity);
  if (isGroupConversation(activity) && mentions.length === 0 && fromCard === undefined) return false;
  if (mentions.length > 0 && typeof activity.text === 'string') {
    activity.text = withoutMentions(activity.text, mentions) || BARE_MENTION_TEXT;
  }
  return true;
}
