// A button the bot offers, before any channel renders it (suggested action, Teams card, numbered choice).
export interface Action {
  title: string;
  /** Text sent back when tapped, or a tel:/https: address for call/link actions. */
  value: string;
  type?: 'imBack' | 'call' | 'openUrl';
}
