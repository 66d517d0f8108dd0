// Reading one environment variable: the checks every settings section shares, each failing with a
// ConfigError that names the variable, so a wrong value stops the start with a message saying which.
export type Env = Readonly<Record<string, string | undefined>>;

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

/** A whole number in [min, max]; `fallback` when unset. `what` words the message ("a whole number of minutes"). */
export function integer(env: Env, name: string, fallback: number, min: number, max: number, what = 'a whole number'): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(name, `must be ${what} from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

export function flag(env: Env, name: string): boolean {
  const raw = env[name]?.trim() ?? '';
  if (!['', '0', '1', 'true', 'false'].includes(raw)) throw new ConfigError(name, `must be 1 or 0, got "${raw}"`);
  return raw === '1' || raw === 'true';
}

/** An http(s) URL, as written; `fallback` when unset (empty stays empty). */
export function httpUrl(env: Env, name: string, fallback = ''): string {
  const raw = env[name]?.trim() || fallback;
  if (!raw) return '';
  let protocol = '';
  try {
    protocol = new URL(raw).protocol;
  } catch {
    // reported below
  }
  if (protocol !== 'https:' && protocol !== 'http:') throw new ConfigError(name, `must be an http(s) URL, got "${raw}"`);
  return raw;
}

/** An http(s) address that paths are appended to: no trailing slash. */
export function baseUrl(env: Env, name: string, fallback: string): string {
  return httpUrl(env, name, fallback).replace(/\/+$/u, '');
}

/** The shortest bearer token accepted (ADMIN_TOKEN, METRICS_TOKEN): long enough that guessing is hopeless. */
export const MIN_TOKEN_LENGTH = 32;

/** A bearer token the service checks; empty when unset (the route it guards is off or open, as documented). */
export function bearerSecret(env: Env, name: string): string {
  const value = env[name]?.trim() ?? '';
  if (value && value.length < MIN_TOKEN_LENGTH) {
    throw new ConfigError(
      name,
      `must be at least ${MIN_TOKEN_LENGTH} characters (a long random value, e.g. openssl rand -hex 32), got ${value.length}`,
    );
  }
  return value;
}
