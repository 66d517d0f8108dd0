// Headers on every response: no MIME sniffing, no referrer leaks, no framing by other sites, HTTPS only
// once a browser has seen it over HTTPS. The CSP sets only what cannot break the widget page's scripts.
import type { Response } from 'restify';

const HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'SAMEORIGIN',
  'Content-Security-Policy': "frame-ancestors 'self'; base-uri 'self'; object-src 'none'",
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Strict-Transport-Security': 'max-age=31536000',
};

export function setSecurityHeaders(res: Response): void {
  for (const [name, value] of Object.entries(HEADERS)) res.setHeader(name, value);
}
