// The bot on a Zalo Official Account: signed webhooks in, customer-service messages out.
import type { Storage, TurnContext } from 'botbuilder';
import type { Request, Response } from 'restify';
import type { Logger } from '../../../logger.js';
import type { TurnRunner } from '../../../bot/turnRunner.js';
import type { ZaloOaConfig } from '../../../config/zalo.js';
import { ZaloAdapter } from '../zaloAdapter.js';
import { OaClient } from './oaClient.js';
import { OA_CHANNEL, oaEventKey, oaEventToActivity, type OaEvent } from './oaEvents.js';
import { OaTokens } from './oaTokens.js';
import { verifyOaSignature } from './signature.js';
import { withinWindow } from '../../recentEvents.js';

export class ZaloOaAdapter extends ZaloAdapter {
  private constructor(
    private readonly config: ZaloOaConfig,
    private readonly client: OaClient,
    storage: Storage,
    log: Logger,
    turns: TurnRunner,
  ) {
    super(OA_CHANNEL, storage, log, turns);
  }

  static async create(config: ZaloOaConfig, storage: Storage, log: Logger, turns: TurnRunner): Promise<ZaloOaAdapter> {
    return new ZaloOaAdapter(config, new OaClient(config, await OaTokens.open(config, log)), storage, log, turns);
  }

  protected sendText(userId: string, text: string): Promise<string> {
    return this.client.sendText(userId, text);
  }

  /**
   * Handles POST /api/zalo/oa: 401 unless the signature matches the raw body; 403 for an event whose (signed)
   * timestamp is outside the window, so a captured event cannot be replayed later; 429 over the citizen's
   * limit; otherwise 200 at once (Zalo wants it within 2 s and redelivers otherwise), then the turn.
   * Resolves when the turn is done.
   */
  async process(req: Request, res: Response, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const raw: unknown = req.rawBody;
    const event = req.body as OaEvent | undefined;
    if (
      typeof raw !== 'string' ||
      typeof event !== 'object' ||
      event === null ||
      !verifyOaSignature(req.header('x-zevent-signature'), raw, event, this.config.oaSecretKey)
    ) {
      this.log.warn({ channel: OA_CHANNEL, event: event?.event_name }, 'Zalo OA webhook with a missing or wrong signature: refused');
      res.send(401, { error: 'invalid signature' });
      return;
    }
    if (!withinWindow(Number(event.timestamp))) {
      this.log.warn(
        { channel: OA_CHANNEL, event: event.event_name },
        'Zalo OA webhook with a timestamp outside the accepted window: refused',
      );
      res.send(403, { error: 'event too old or in the future' });
      return;
    }
    const activity = oaEventToActivity(event, this.config.apiUrl);
    if (!this.admit(res, activity)) return;
    res.send(200, { ok: true });
    await this.takeEvent(oaEventKey(event), activity, logic);
  }
}
