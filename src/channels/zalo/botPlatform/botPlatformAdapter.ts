// The bot on the Zalo Bot Platform: updates in by webhook (or long polling, see polling.ts), sendMessage out,
// with "typing…" shown while the bot works on a message.
import type { Storage } from 'botbuilder';
import type { Request, Response } from 'restify';
import { secretsEqual } from '../../../http/secrets.js';
import type { Logger } from '../../../logger.js';
import type { TurnRunner } from '../../../bot/turnRunner.js';
import type { ZaloBotConfig } from '../../../config/zalo.js';
import type { Logic } from '../../inProcessAdapter.js';
import { ZaloAdapter } from '../zaloAdapter.js';
import { ZaloBotApi } from './botApi.js';
import { BOT_CHANNEL, botUpdateKey, botUpdateToActivity, unwrapUpdate, updateTime, type BotUpdate } from './botUpdates.js';
import { withinWindow } from '../../recentEvents.js';

export class ZaloBotPlatformAdapter extends ZaloAdapter {
  readonly api: ZaloBotApi;
  // The token is "<bot id>:<secret>": the id names the bot as the recipient of each activity.
  private readonly botId: string;

  constructor(
    private readonly config: ZaloBotConfig,
    storage: Storage,
    log: Logger,
    turns: TurnRunner,
  ) {
    super(BOT_CHANNEL, storage, log, turns);
    this.api = new ZaloBotApi(config);
    this.botId = config.token.split(':')[0] ?? '';
  }

  protected sendText(chatId: string, text: string): Promise<string> {
    return this.api.sendMessage(chatId, text);
  }

  protected sendTyping(chatId: string): Promise<void> {
    return this.api.sendTyping(chatId);
  }

  /** Runs the turn of one update (from the webhook or from getUpdates). */
  takeUpdate(update: BotUpdate, logic: Logic): Promise<void> {
    return this.takeEvent(botUpdateKey(update), this.toActivity(update), logic);
  }

  private toActivity(update: BotUpdate): ReturnType<typeof botUpdateToActivity> {
    return botUpdateToActivity(update, this.botId, this.config.apiUrl);
  }

  /**
   * Handles POST /api/zalo/bot: 401 unless X-Bot-Api-Secret-Token matches; 403 for an update dated outside the
   * OA route's window (a captured update cannot be replayed later, nor after its redelivery key is forgotten);
   * 429 over the citizen's limit; otherwise 200 at once, then the turn.
   */
  async process(req: Request, res: Response, logic: Logic): Promise<void> {
    if (!secretsEqual(req.header('x-bot-api-secret-token'), this.config.secretToken ?? '')) {
      this.log.warn({ channel: BOT_CHANNEL }, 'Zalo Bot webhook with a missing or wrong secret token: refused');
      res.send(401, { ok: false, description: 'invalid secret token' });
      return;
    }
    const update = unwrapUpdate(req.body);
    if (update?.message && !withinWindow(updateTime(update))) {
      this.log.warn(
        { channel: BOT_CHANNEL, event: update.event_name },
        'Zalo Bot webhook with a date outside the accepted window: refused',
      );
      res.send(403, { ok: false, description: 'update too old or in the future' });
      return;
    }
    const activity = update && this.toActivity(update);
    if (!this.admit(res, activity)) return;
    res.send(200, { ok: true });
    if (update) await this.takeEvent(botUpdateKey(update), activity, logic);
  }
}
