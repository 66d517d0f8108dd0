// Where the bot may send a proactive message through the Bot Framework connector. A stored conversation
// reference names its service URL, and with app credentials every send carries the bot's token
// (botbuilder's AppCredentials.isTrustedServiceUrl() trusts every URL), so only known channels qualify:
// Bot Framework's own hosts, the bot's configured public URL (e.g. Direct Line App Service Extension),
// and, in development (no credentials, no token to leak), the Emulator on this machine.

/** Bot Framework and Teams connector hosts (commercial, GCC, GCC High, DoD). Not all of trafficmanager.net: anyone can have a name there. */
const CHANNEL_HOSTS =
  /(?:^|\.)(?:botframework\.com|botframework\.us|botframework\.azure\.us|teams\.microsoft\.com|teams\.microsoft\.us)$|^smba\.trafficmanager\.net$/u;
const LOOPBACK = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])$/u;

export interface ServiceUrlPolicy {
  /** The bot's public origin (PUBLIC_URL), or empty. */
  publicUrl: string;
  /** No app credentials: the Emulator on loopback is a channel too. */
  development: boolean;
}

export function isLoopbackUrl(serviceUrl: string): boolean {
  const url = parse(serviceUrl);
  return !!url && LOOPBACK.test(url.hostname);
}

export function serviceUrlAllowed(serviceUrl: string | undefined, policy: ServiceUrlPolicy): boolean {
  const url = parse(serviceUrl ?? '');
  if (!url || url.username || url.password) return false;
  if (url.protocol === 'https:' && CHANNEL_HOSTS.test(url.hostname)) return true;
  if (policy.publicUrl && url.origin === policy.publicUrl) return true;
  return policy.development && LOOPBACK.test(url.hostname);
}

function parse(value: string): URL | undefined {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : undefined;
  } catch {
    return undefined;
  }
}
