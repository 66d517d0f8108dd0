// The channels the service mounts: one line each in CHANNELS, which imports the channel and gives its place at
// once (a top-level await of its module). Each is made from the service's setup (ChannelSetup) and mounted
// through the contract (channelHost.ts); the app knows none by name. A channel folder left out of the list
// fails `npm run deps` (rule channels-registered).
import type { ChannelPlugin } from './channelHost.js';

export const CHANNELS: readonly ChannelPlugin[] = [
  (await import('./botframework/messagesRoute.js')).botFrameworkChannel,
  (await import('./teams/teamsChannel.js')).teamsChannel,
  (await import('./directline/registerWebChat.js')).webChatChannel,
  (await import('./zalo/zaloChannels.js')).zaloChannel,
];
