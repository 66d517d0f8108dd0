// Zalo's customer-service messages have no buttons (the v3 API dropped them), so suggested actions and
// card buttons become a numbered list under the text, and a reply of "1", "2"… is read as that choice.
// The choices of the last message sent are kept per conversation in the bot's storage, so they survive a restart.
import { ActionTypes, CardFactory, type Activity, type CardAction, type Storage } from 'botbuilder';

export interface Rendered {
  text: string;
  /** What each number sends back, in order: choices[0] is "1". */
  choices: string[];
}

const CHOOSE_HINT = { vi: 'Quý khách gõ số tương ứng để chọn:', en: 'Reply with a number to choose:' };
const SENDS_TEXT: string[] = [ActionTypes.ImBack, ActionTypes.PostBack, ActionTypes.MessageBack];
const CARDS = [CardFactory.contentTypes.heroCard, CardFactory.contentTypes.thumbnailCard];

interface CardContent {
  title?: string;
  subtitle?: string;
  text?: string;
  buttons?: CardAction[];
}

const digits = (text: string): string => text.replace(/\D+/gu, '');

/** A line for an action a number cannot perform (a call, a link); nothing when the text already shows it. */
function plainLine(action: CardAction, shown: string): string | undefined {
  const value = String(action.value ?? '');
  if (action.type === ActionTypes.Call) {
    const number = value.replace(/^tel:/u, '');
    if (digits(shown).includes(digits(number))) return undefined;
    return digits(action.title ?? '').includes(digits(number)) ? `• ${action.title}` : `• ${action.title ?? ''}: ${number}`;
  }
  if (shown.includes(value)) return undefined;
  return `• ${action.title ? `${action.title}: ` : ''}${value}`;
}

/** Zalo shows text as typed: a Markdown link of the bot's ("[title](url)", replies.ts markdownLink) becomes "title: url". */
export function plainLinks(text: string): string {
  return text.replace(
    /\[((?:\\.|[^\]\\])*)\]\((https?:\/\/[^\s)]+)\)/gu,
    (_whole, title: string, url: string) => `${title.replace(/\\(.)/gu, '$1')}: ${url}`,
  );
}

export function renderNumbered(activity: Partial<Activity>): Rendered {
  const parts = activity.text ? [plainLinks(activity.text)] : [];
  const actions = [...(activity.suggestedActions?.actions ?? [])];
  for (const attachment of activity.attachments ?? []) {
    if (CARDS.includes(attachment.contentType)) {
      const card = (attachment.content ?? {}) as CardContent;
      const lines = [card.title, card.subtitle, card.text].filter((line): line is string => !!line);
      if (lines.length) parts.push(lines.join('\n'));
      actions.push(...(card.buttons ?? []));
    } else if (attachment.contentUrl) {
      parts.push(attachment.name ? `${attachment.name}: ${attachment.contentUrl}` : attachment.contentUrl);
    }
  }
  const body = parts.join('\n\n');
  const choosable = actions.filter((a) => SENDS_TEXT.includes(a.type) && a.value !== undefined && a.value !== null);
  const choices = choosable.map((a) => (typeof a.value === 'string' ? a.value : (a.text ?? a.title ?? JSON.stringify(a.value))));
  const numbered = choosable.map((a, i) => `${i + 1}. ${a.title ?? choices[i]}`);
  const others = actions
    .filter((a) => !choosable.includes(a))
    .map((a) => plainLine(a, body))
    .filter((l): l is string => !!l);
  const sections = [body];
  if (numbered.length) sections.push([CHOOSE_HINT[activity.locale?.toLowerCase().startsWith('en') ? 'en' : 'vi'], ...numbered].join('\n'));
  if (others.length) sections.push(others.join('\n'));
  return { text: sections.filter(Boolean).join('\n\n'), choices };
}

const CHOICE = /^\s*(\d{1,2})\s*[.)]?\s*$/u;

export class ChoiceMemory {
  constructor(
    private readonly storage: Storage,
    private readonly channelId: string,
  ) {}

  private key(conversationId: string): string {
    return `${this.channelId}/choices/${conversationId}`;
  }

  /** Keeps the choices of the message just sent; a message without any clears the previous ones. */
  async remember(conversationId: string, choices: string[]): Promise<void> {
    const key = this.key(conversationId);
    if (choices.length) return this.storage.write({ [key]: { choices, eTag: '*' } });
    // Reading is in memory; only a conversation that had choices costs a write.
    if ((await this.storage.read([key]))[key]) await this.storage.delete([key]);
  }

  /** The value of the chosen action when the text is just a number in range; otherwise undefined. */
  async resolve(conversationId: string, text: string | undefined): Promise<string | undefined> {
    const number = CHOICE.exec(text ?? '')?.[1];
    if (!number) return undefined;
    const key = this.key(conversationId);
    const stored = (await this.storage.read([key]))[key] as { choices?: string[] } | undefined;
    return stored?.choices?.[Number(number) - 1];
  }
}
