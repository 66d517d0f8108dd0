// Zalo Bot Platform updates → Bot Framework activities. The documented webhook body wraps the update as
// {ok, result}; observed traffic sends it bare: both are accepted. A text becomes the bot's turn, a
// picture or sticker a message without text (answered politely); messages from bots are ignored.
import { ActivityTypes, type Activity } from 'botbuilder';

export interface BotUpdate {
  event_name?: string;
  message?: {
    message_id?: string;
    date?: number;
    chat?: { id?: string; chat_type?: string };
    from?: { id?: string; display_name?: string; is_bot?: boolean };
    text?: string;
    photo_url?: string;
    photo?: string;
    caption?: string;
    sticker?: string;
  };
}

export const BOT_CHANNEL = 'zalobot';

export function unwrapUpdate(body: unknown): BotUpdate | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const envelope = body as { ok?: unknown; result?: unknown };
  const update = envelope.ok === true && typeof envelope.result === 'object' ? envelope.result : body;
  return (update ?? undefined) as BotUpdate | undefined;
}

/** Zalo sends no update id: the event name and message id identify a delivery. */
export function botUpdateKey(update: BotUpdate): string {
  return `${update.event_name}:${update.message?.message_id ?? ''}`;
}

/** The update's time in epoch ms (documented in ms; seconds are seen too), NaN when it has none. */
export function updateTime(update: BotUpdate): number {
  const date = Number(update.message?.date);
  return Number.isFinite(date) && date > 0 ? (date >= 1e12 ? date : date * 1000) : NaN;
}

export function botUpdateToActivity(update: BotUpdate, botId: string, serviceUrl: string): Partial<Activity> | undefined {
  const { message } = update;
  const chatId = message?.chat?.id;
  const fromId = message?.from?.id;
  if (!update.event_name?.startsWith('message.') || !message || !chatId || !fromId || message.from?.is_bot) return undefined;
  const date = updateTime(update);
  const activity: Partial<Activity> = {
    type: ActivityTypes.Message,
    channelId: BOT_CHANNEL,
    serviceUrl,
    id: message.message_id,
    timestamp: Number.isNaN(date) ? new Date() : new Date(date),
    conversation: { id: chatId, isGroup: message.chat?.chat_type === 'GROUP', conversationType: 'personal', name: '' },
    from: { id: fromId, name: message.from?.display_name ?? '', role: 'user' },
    recipient: { id: botId, name: '', role: 'bot' },
    locale: 'vi-VN',
    channelData: update,
  };
  if (update.event_name === 'message.text.received') return { ...activity, text: message.text ?? '' };
  const picture = message.photo_url ?? message.photo;
  return { ...activity, text: '', attachments: picture ? [{ contentType: 'image', contentUrl: picture }] : [] };
}
