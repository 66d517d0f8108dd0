// POST /api/directline/token: what the widget calls first. It returns a per-visitor Direct Line token and the
// endpoint to use it with: Azure's (the secret exchanged here, never sent to the browser) when
// DIRECT_LINE_SECRET is set, otherwise this server's own /v3/directline.
import type { Request, Response } from 'restify';
import type { ChannelHost } from '../channelHost.js';
import { allowCors, clientUserId, fail, isObject, publicOrigin, refuse } from './http.js';
import { LOCAL_PATH, type LocalDirectLine } from './localDirectLine.js';
import type { DirectLineSettings } from '../../config/directLine.js';

export const TOKEN_PATH = '/api/directline/token';
const AZURE_TIMEOUT_MS = 10_000;

interface AzureToken {
  conversationId: string;
  token: string;
  expires_in: number;
}

function isAzureToken(value: unknown): value is AzureToken {
  return (
    isObject(value) && typeof value.token === 'string' && typeof value.conversationId === 'string' && typeof value.expires_in === 'number'
  );
}

/** Asks Azure for a token bound to one conversation and to this visitor's user id. */
async function azureToken(settings: DirectLineSettings, userId: string | undefined): Promise<AzureToken> {
  const response = await fetch(`${settings.azureDomain}/tokens/generate`, {
    method: 'POST',
    headers: { authorization: `Bearer ${settings.secret}`, 'content-type': 'application/json' },
    body: JSON.stringify(userId ? { user: { id: userId } } : {}),
    signal: AbortSignal.timeout(AZURE_TIMEOUT_MS),
  });
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok || !isAzureToken(body)) throw new Error(`Direct Line tokens/generate answered ${response.status}`);
  return { conversationId: body.conversationId, token: body.token, expires_in: body.expires_in };
}

export function registerTokenRoute(
  app: Pick<ChannelHost, 'server' | 'log' | 'clientAddress'>,
  settings: DirectLineSettings,
  local: LocalDirectLine | undefined,
): void {
  const allowed = settings.allowedOrigins;
  app.server.post(TOKEN_PATH, async (req: Request, res: Response) => {
    allowCors(req, res, allowed);
    res.header('Cache-Control', 'no-store');
    const userId = isObject(req.body) ? clientUserId(req.body.userId) : undefined;
    if (local) {
      const issued = local.generate({ user: { id: userId } }, app.clientAddress(req));
      if (typeof issued === 'string') refuse(res, issued);
      else res.json(200, { ...issued, domain: `${publicOrigin(req, 'http')}${LOCAL_PATH}` });
      return;
    }
    try {
      // Azure's user ids start with "dl_".
      res.json(200, { ...(await azureToken(settings, userId?.replace(/^web_/u, 'dl_'))), domain: settings.azureDomain });
    } catch (error) {
      app.log.error({ err: error }, 'Direct Line token exchange failed');
      fail(res, 502, 'ServiceError', 'Could not get a Direct Line token from Azure');
    }
  });
}
