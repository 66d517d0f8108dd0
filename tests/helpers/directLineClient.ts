// Plain HTTP calls to a Direct Line 3.0 API, as a client makes them, for the protocol tests.
import type { Activity } from 'botbuilder';

export interface DirectLineToken {
  token: string;
  conversationId: string;
  expires_in: number;
}

/**
 * The fields a Direct Line 3.0 answer holds, by call: a token, a conversation, an activity set, a posted id or
 * an error. Parsed JSON is not checked: each test reads the fields its call returns and asserts them.
 */
export interface DirectLineBody extends DirectLineToken {
  streamUrl: string;
  domain: string;
  activities: Activity[];
  watermark: string;
  id: string;
  error: { code: string; message: string };
}

export interface Call {
  status: number;
  body: DirectLineBody;
}

export async function call(
  url: string,
  init: { method?: string; token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Call> {
  const response = await fetch(url, {
    method: init.method ?? 'GET',
    headers: {
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...init.headers,
    },
    body: init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: the test sees the text
  }
  return { status: response.status, body: body as DirectLineBody };
}

/** tokens/generate + POST /conversations: a started conversation and its token. */
export async function startConversation(base: string, userId?: string): Promise<DirectLineToken & { streamUrl: string }> {
  const generated = await call(`${base}/v3/directline/tokens/generate`, { method: 'POST', body: userId ? { user: { id: userId } } : {} });
  if (generated.status !== 200) throw new Error(`tokens/generate → ${generated.status}`);
  const started = await call(`${base}/v3/directline/conversations`, {
    method: 'POST',
    token: generated.body.token,
    body: { locale: 'vi-VN' },
  });
  if (started.status !== 201) throw new Error(`conversations → ${started.status}`);
  return started.body;
}
