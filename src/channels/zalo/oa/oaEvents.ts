// Zalo OA webhook events → Bot Framework activities. Only what a citizen does becomes a turn: a text, a
// follow (welcome), or a picture/sticker/file (answered politely that the bot reads text). The OA's own
// echoes (oa_send_*), delivery and seen receipts and every other event are ignored, or the bot would answer itself.
import { ActivityTypes, type Activity } from 'botbuilder';

export interface OaEvent {
  app_id?: string;
  oa_id?: string;
  event_name?: string;
  timestamp?: string | number;
  sender?: { id?: string };
  recipient?: { id?: string };
  follower?: { id?: string };
  message?: {
    msg_id?: string;
    text?: string;
    attachments?: { type?: string; payload?: { url?: string; name?: string } }[];
  };
}

export const OA_CHANNEL = 'zalo';
/** Zalo OA accepts a message to a user only within 7 days of the user's last message (Bot Platform: none documented). */
export const OA_MESSAGING_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

// Events carrying something other than text that a citizen sends to the OA.
const NON_TEXT = new Set([
  'user_send_image',
  'user_send_gif',
  'user_send_sticker',
  'user_send_file',
  'user_send_audio',
  'user_send_video',
  'user_send_link',
  'user_send_location',
  'user_send_business_card',
]);

/** What identifies a delivery: the message id, or for other events name + time + user. */
export function oaEventKey(event: OaEvent): string {
  return event.message?.msg_id ?? `${event.event_name}:${event.timestamp}:${event.sender?.id ?? event.follower?.id ?? ''}`;
}

function base(event: OaEvent, userId: string, oaId: string, serviceUrl: string): Partial<Activity> {
  const ms = Number(event.timestamp);
  return {
    channelId: OA_CHANNEL,
    serviceUrl,
    id: event.message?.msg_id,
    timestamp: Number.isFinite(ms) && ms > 0 ? new Date(ms) : new Date(),
    conversation: { id: userId, isGroup: false, conversationType: 'personal', name: '' },
    from: { id: userId, name: '', role: 'user' },
    recipient: { id: oaId, name: '', role: 'bot' },
    locale: 'vi-VN',
    channelData: event,
  };
}

/** The activity for an event that deserves a turn; undefined for everything to ignore. */
export function oaEventToActivity(event: OaEvent, serviceUrl: string): Partial<Activity> | undefined {
  const name = event.event_name ?? '';
  if (name === 'follow') {
    const userId = event.follower?.id;
    const oaId = event.oa_id ?? event.recipient?.id ?? '';
    if (!userId) return undefined;
    return { ...base(event, userId, oaId, serviceUrl), type: ActivityTypes.ConversationUpdate, membersAdded: [{ id: userId, name: '' }] };
  }
  const userId = event.sender?.id;
  const oaId = event.recipient?.id;
  if (!name.startsWith('user_send_') || !userId || !oaId || userId === oaId) return undefined;
  if (name === 'user_send_text')
    return { ...base(event, userId, oaId, serviceUrl), type: ActivityTypes.Message, text: event.message?.text ?? '' };
  if (!NON_TEXT.has(name)) return undefined;
  // No text: the bot answers that it reads text only. A caption is not taken as the question.
  const attachments = (event.message?.attachments ?? []).map((a) => ({
    contentType: a.type ?? 'unknown',
    contentUrl: a.payload?.url,
    name: a.payload?.name,
  }));
  return { ...base(event, userId, oaId, serviceUrl), type: ActivityTypes.Message, text: '', attachments };
}
