// Where the bot may send a proactive message through the Bot Framework connector. A stored conversation
// reference names its service URL, and with app credentials every send carries the bot's token
// (botbuilder's AppCredentials.isTrustedServiceUrl() trusts every URL), so only known channels qualify:
// Bot Framework's own hosts, the bot's configured public URL (e.g. Direct Line App Service Extension),
// and, in development (no credentials, no token to leak), the Emulator on this machine — only as the Emulator
// writes its address, `http://localhost:<port>` or `http://127.0.0.1:<port>`, compared as text: a URL parser
// would also take 127.0.0.2, `127.1`, `2130706433` or `user:pw@127.0.0.1` for loopback.

/** Bot Framework and Teams connector hosts (commercial, GCC, GCC High, DoD). Not all of trafficmanager.net: anyone can have a name there. */
const CHANNEL_HOSTS =
  /(?:^|\.)(?:botframework\.com|botframework\.us|botframework\.azure\.us|teams\.microsoft\.com|teams\.microsoft\.us)$|^smba\.trafficmanager\.net$/u;
const EMULATOR = /^http:\/\/(?:localhost|127\.0\.0\.1):[1-9]\d{0,4}\/?$/u;

export interface ServiceUrlPolicy {
  /** The bot's public origin (PUBLIC_URL), or empty. */
  publicUrl: string;
  /** No app credentials: the Emulator on loopback is a channel too. */
  development: boolean;
}

/** The Emulator's own address on this machine, exactly as it sends it. */
export function isEmulatorUrl(serviceUrl: string | undefined): boolean {
  const port = Number(EMULATOR.test(serviceUrl ?? '') ? new URL(serviceUrl!).port : 0);
  return port > 0 && port < 65536;
}

export function serviceUrlAllowed(serviceUrl: string | undefined, policy: ServiceUrlPolicy): boolean {
  const url = parse(serviceUrl ?? '');
  if (!url || url.username || url.password) return false;
  if (url.protocol === 'https:' && CHANNEL_HOSTS.test(url.hostname)) return true;
  if (policy.publicUrl && url.origin === policy.publicUrl) return true;
  return policy.development && isEmulatorUrl(serviceUrl);
}

function parse(value: string): URL | undefined {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : undefined;
  } catch {
    return undefined;
  }
}
