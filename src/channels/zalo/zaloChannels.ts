// Puts the bot on Zalo: the OA webhook (/api/zalo/oa) and the Bot Platform webhook (/api/zalo/bot), each
// only when its settings are present (otherwise the route does not exist: 404). Both adapters run the
// app's bot and are registered for proactive messages.
import type { TurnContext } from 'botbuilder';
import type { Request, Response } from 'restify';
import type { Channel, ChannelHost, ChannelSetup } from '../channelHost.js';
import { ZaloBotPlatformAdapter } from './botPlatform/botPlatformAdapter.js';
import type { ZaloBotConfig, ZaloConfig } from '../../config/zalo.js';
import { ZaloOaAdapter } from './oa/oaAdapter.js';
import { OA_CHANNEL, OA_MESSAGING_WINDOW_MS } from './oa/oaEvents.js';
import { zaloFailureIn } from './zaloHttp.js';
import { PROACTIVE } from '../inProcessAdapter.js';
import type { ZaloAdapter } from './zaloAdapter.js';

type ZaloHost = Pick<ChannelHost, 'log' | 'server' | 'runTurn' | 'onTurnError' | 'storage' | 'turns' | 'registerAdapter' | 'chargeUser'>;

/** Wires an adapter into the app: the app's turn-error handling (except for Zalo failures, already recorded) and proactive sends. */
function attach<T extends ZaloAdapter>(app: ZaloHost, adapter: T): T {
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    const failure = zaloFailureIn(error);
    if (failure) {
      // Logged and recorded where it failed; an error message would only fail again. A proactive sender is told.
      if (context.activity.name === PROACTIVE) throw failure;
      return;
    }
    await app.onTurnError(context, error);
  };
  adapter.chargeUser = app.chargeUser;
  app.registerAdapter(adapter.channelId, adapter);
  return adapter;
}

export function createBotPlatformAdapter(app: ZaloHost, config: ZaloBotConfig): ZaloBotPlatformAdapter {
  return attach(app, new ZaloBotPlatformAdapter(config, app.storage, app.log, app.turns));
}

function route(
  app: ZaloHost,
  path: string,
  adapter: { process(req: Request, res: Response, logic: (c: TurnContext) => Promise<void>): Promise<void> },
): void {
  // The webhook answers Zalo at once; the turn then runs in the app's turn runner, which shutdown waits for.
  app.server.post(path, async (req, res) => {
    await adapter
      .process(req, res, (context) => app.runTurn(context))
      .catch((error: unknown) => {
        app.log.error({ err: error, path }, 'Zalo webhook processing failed');
      });
  });
}

/** Zalo as a channel of the app: the OA's 7-day messaging window, and the webhooks its settings turn on. */
export function zaloChannel({ config }: ChannelSetup): Channel {
  return {
    name: 'Zalo',
    messagingWindows: { [OA_CHANNEL]: OA_MESSAGING_WINDOW_MS },
    // Zalo's servers call them, each request signed (OA) or carrying the secret token (Bot Platform).
    signedWebhooks: ['/api/zalo/'],
    mount: (host) => mountZalo(host, config.zalo),
  };
}

export async function mountZalo(app: ZaloHost, zalo: ZaloConfig): Promise<void> {
  if (zalo.oa) {
    route(app, '/api/zalo/oa', attach(app, await ZaloOaAdapter.create(zalo.oa, app.storage, app.log, app.turns)));
    app.log.info('Zalo OA webhook on /api/zalo/oa');
  }
  if (zalo.bot?.secretToken) {
    route(app, '/api/zalo/bot', createBotPlatformAdapter(app, zalo.bot));
    app.log.info('Zalo Bot Platform webhook on /api/zalo/bot');
  }
}
