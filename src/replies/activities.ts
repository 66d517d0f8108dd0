// Turns what the bot wants to say (text + actions) into an activity: its text, always readable on its own,
// its actions as suggested actions, and its language as the locale. The same on every channel: a channel
// renders it its own way (Teams: an Adaptive Card; Zalo: numbered choices), declared with the channel.
import { ActionTypes, ActivityTypes, type Activity, type CardAction } from 'botbuilder';
import type { Language } from '../text/language.js';
import { clipCharacters } from '../text/characters.js';
import type { Action } from './action.js';

export type { Action } from './action.js';

export const HOTLINE_DISPLAY = '1900 54 54 81';
export const HOTLINE_TEL = 'tel:1900545481';

function cardAction(action: Action): CardAction {
  const type = action.type === 'call' ? ActionTypes.Call : action.type === 'openUrl' ? ActionTypes.OpenUrl : ActionTypes.ImBack;
  return { type, title: action.title, value: action.value };
}

/** The locale an outgoing activity carries: its language, so that no channel guesses it again from the text. */
export const LOCALE: Record<Language, string> = { vi: 'vi-VN', en: 'en-US' };

export function reply(text: string, actions: Action[] = [], lang?: Language): Partial<Activity> {
  const activity: Partial<Activity> = { type: ActivityTypes.Message, text, ...(lang ? { locale: LOCALE[lang] } : {}) };
  if (actions.length > 0) activity.suggestedActions = { to: [], actions: actions.map(cardAction) };
  return activity;
}

/**
 * A titled link in the Markdown that Web Chat, Teams and the Emulator render (Zalo's plain text gets
 * "title: url" instead, src/channels/zalo/numberedChoices.ts). The title is knowledge text, not user text.
 */
export function markdownLink(title: string, url: string): string {
  return `[${title.replace(/[[\]\\]/gu, (c) => `\\${c}`)}](${url.replace(/[()\s]/gu, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)})`;
}

/** User text quoted back in a reply: markdown and HTML characters are escaped so they show as typed. */
export function quote(text: string, max = 200): string {
  const cut = clipCharacters(text, max);
  const clipped = cut === text ? text : `${cut}…`;
  return clipped.replace(/[\\`*_{}[\]()#+!|<>~]/gu, (c) => `\\${c}`).replace(/[\p{Cc}]/gu, ' ');
}
