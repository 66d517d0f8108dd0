// Secrets (admin keys, webhook secrets, the metrics token) are compared in constant time, so response
// timing tells an attacker nothing about how much of a guess was right.
import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/** True when both are the same non-empty string; hashing first makes the comparison length-independent too. */
export function secretsEqual(given: string | undefined, expected: string): boolean {
  if (!expected || typeof given !== 'string') return false;
  return timingSafeEqual(digest(given), digest(expected));
}

/** The token of an `Authorization: Bearer <token>` header, or undefined. */
export function bearerToken(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  const match = /^Bearer\s+(\S+)\s*$/iu.exec(value ?? '');
  return match?.[1];
}
