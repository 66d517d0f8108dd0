// Zalo OA webhook signature: X-ZEvent-Signature = "mac=" + SHA-256 hex of app_id + raw body + timestamp +
// OA secret key. A plain hash, not an HMAC (Zalo's own Java and .NET SDKs); app_id and timestamp come from the body.
import { createHash } from 'node:crypto';
import { secretsEqual } from '../../../http/secrets.js';

export function oaSignature(appId: string, rawBody: string, timestamp: string, oaSecretKey: string): string {
  return `mac=${createHash('sha256')
    .update(appId + rawBody + timestamp + oaSecretKey, 'utf8')
    .digest('hex')}`;
}

/**
 * True when the header matches the body. Zalo's SDKs hash app_id first; one source hashes the OA id
 * instead, so that is accepted too (both still need the secret key).
 */
export function verifyOaSignature(
  header: string | undefined,
  rawBody: string,
  event: { app_id?: unknown; timestamp?: unknown; oa_id?: unknown; recipient?: { id?: unknown } },
  oaSecretKey: string,
): boolean {
  // Documented as a string of epoch ms; a number is read as the same digits.
  const timestamp = typeof event.timestamp === 'number' ? String(event.timestamp) : event.timestamp;
  if (!header || typeof timestamp !== 'string') return false;
  const given = header.trim().toLowerCase();
  const firstTerms = [event.app_id, event.oa_id ?? event.recipient?.id].filter((t): t is string => typeof t === 'string');
  return firstTerms.some((term) => secretsEqual(given, oaSignature(term, rawBody, timestamp, oaSecretKey)));
}
