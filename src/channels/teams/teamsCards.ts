// The bot's buttons as Teams renders them: an Adaptive Card 1.5 (Teams' highest) whose buttons send
// messageBack, which reaches the bot in channels without an @mention and shows the button's title as the
// user's message. The reply's text stays on the activity, readable without the card; fallbackText lists
// the choices for clients that cannot show the card.
import { ActionTypes, CardFactory, type Attachment, type CardAction } from 'botbuilder';

/** What a Teams card button sends back in activity.value (read back in teamsMentions.ts). */
export const CARD_VALUE_KEY = 'hotline';

export function teamsCard(buttons: CardAction[]): Attachment | undefined {
  // Teams cards have no tel: action; the number is in the message text.
  const usable = buttons.filter((b) => b.type !== ActionTypes.Call);
  if (usable.length === 0) return undefined;
  const actions = usable.map((b) =>
    b.type === ActionTypes.OpenUrl
      ? { type: 'Action.OpenUrl', title: b.title, url: b.value as string }
      : {
          type: 'Action.Submit',
          title: b.title,
          data: { msteams: { type: 'messageBack', text: b.value as string, displayText: b.title }, [CARD_VALUE_KEY]: b.value as string },
        },
  );
  return CardFactory.adaptiveCard({
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [],
    actions,
    fallbackText: usable.map((b, i) => `${i + 1}. ${b.title}`).join('\n'),
  });
}
