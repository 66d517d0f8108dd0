// Who a request comes from, for the per-address limits: the client's address as the trusted proxies report
// it, and the key it is counted under. An IPv6 client usually holds a whole /64 (one customer's network:
// SLAAC and privacy addresses rotate inside it), so it is counted by its /64, not address by address.
import { isIPv4, isIPv6 } from 'node:net';
import type { IncomingMessage } from 'node:http';

/**
 * The client's address. Behind `hops` trusted proxies (TRUST_PROXY), the entry of X-Forwarded-For that the
 * nearest untrusted hop wrote: counting from the right, as Express's `trust proxy` does. Entries further left
 * are whatever the client wrote.
 */
export function clientIp(req: Pick<IncomingMessage, 'headers' | 'socket'>, hops: number): string {
  const peer = req.socket.remoteAddress ?? 'unknown';
  if (!hops) return peer;
  const header = req.headers['x-forwarded-for'];
  const forwarded = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  // [peer, last proxy's view, …]: the peer is hop 0, each trusted proxy vouches for the next entry to its left.
  const chain = [peer, ...forwarded.reverse()];
  const client = chain[Math.min(hops, chain.length - 1)]!;
  // Azure App Service / Front Door may add a port: "203.0.113.7:51234", "[2001:db8::1]:51234".
  return client.replace(/^(\d+\.\d+\.\d+\.\d+):\d+$/u, '$1').replace(/^\[([^\]]+)\](?::\d+)?$/u, '$1');
}

/** The key an address is counted under: an IPv4 address itself (also when IPv4-mapped), an IPv6 address's /64. */
export function addressKey(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/iu.exec(ip);
  if (mapped && isIPv4(mapped[1]!)) return mapped[1]!;
  if (!isIPv6(ip)) return ip;
  const [head = '', tail = ''] = ip.toLowerCase().split('%')[0]!.split('::');
  const left = head ? head.split(':') : [];
  const right = ip.includes('::') && tail ? tail.split(':') : [];
  // An embedded IPv4 tail counts as two groups; only the first four groups matter here.
  const groups = [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/u, ''))
    .join(':')}::/64`;
}

/** The key of the request's client for every per-address limit. */
export function clientKey(req: Pick<IncomingMessage, 'headers' | 'socket'>, hops: number): string {
  return addressKey(clientIp(req, hops));
}
