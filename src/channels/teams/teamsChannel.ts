// Microsoft Teams: its conversations reach the Bot Framework route (/api/messages, through Azure Bot Service),
// so it mounts nothing of its own; it declares what it does to its activities (src/bot/channelActivities.ts):
// in a channel or group chat only messages that @mention the bot (or click its card buttons) are answered,
// the bot greets once when it is installed, and a reply's buttons become an Adaptive Card (Teams shows no
// suggested actions in channels). The app package (manifest, icons) is `npm run teams:package`.
import type { Activity } from 'botbuilder';
import type { Channel } from '../channelHost.js';
import { teamsCard } from './teamsCards.js';
import { acceptMessage } from './teamsMentions.js';

const TEAMS_CHANNEL = 'msteams';

/** Its suggested actions as a card, on the message whose text stays readable on its own. */
function render(activity: Partial<Activity>): void {
  const card = teamsCard(activity.suggestedActions?.actions ?? []);
  delete activity.suggestedActions;
  if (card) activity.attachments = [...(activity.attachments ?? []), card];
}

export const teamsChannel = (): Channel => ({
  name: 'teams',
  activities: {
    channelId: TEAMS_CHANNEL,
    acceptMessage,
    // Once, when the bot is installed: in a team, every new member would otherwise get a channel message.
    greets: (activity) => (activity.membersAdded ?? []).some((m) => m.id === activity.recipient?.id),
    render,
  },
});
