// One way to call Zalo: POST, a deadline, the JSON answer parsed. Whatever goes wrong becomes a
// ZaloApiError, so the adapters can tell a Zalo failure (logged and recorded, never retried in a loop)
// from a bug in the bot. URLs are never logged: the Bot Platform's carry the bot token.

export class ZaloApiError extends Error {
  constructor(
    /** The API called, e.g. "message/cs" or "sendMessage". */
    readonly endpoint: string,
    /** Zalo's error code; null when Zalo gave no answer (network, HTTP status, not JSON). */
    readonly code: number | null,
    message: string,
  ) {
    super(`Zalo ${endpoint} failed${code === null ? '' : ` (${code})`}: ${message}`);
    this.name = 'ZaloApiError';
  }
}

export async function postToZalo(
  endpoint: string,
  url: string,
  init: { headers?: Record<string, string>; body: string; contentType?: string; timeoutMs?: number; signal?: AbortSignal },
): Promise<Record<string, unknown>> {
  const deadline = AbortSignal.timeout(init.timeoutMs ?? 15_000);
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': init.contentType ?? 'application/json', ...init.headers },
      body: init.body,
      signal: init.signal ? AbortSignal.any([deadline, init.signal]) : deadline,
    });
  } catch (error) {
    throw new ZaloApiError(endpoint, null, (error as Error).message);
  }
  const text = await response.text().catch(() => '');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ZaloApiError(endpoint, null, `HTTP ${response.status}, not JSON`);
  }
  if (typeof parsed !== 'object' || parsed === null) throw new ZaloApiError(endpoint, null, `HTTP ${response.status}, unexpected answer`);
  return parsed as Record<string, unknown>;
}

/** The ZaloApiError behind an error, also when botbuilder-dialogs wrapped it (DialogContextError.error). */
export function zaloFailureIn(error: unknown): ZaloApiError | undefined {
  for (let current = error, depth = 0; current && depth < 10; depth++) {
    if (current instanceof ZaloApiError) return current;
    current = (current as { error?: unknown; cause?: unknown }).error ?? (current as { cause?: unknown }).cause;
  }
  return undefined;
}
