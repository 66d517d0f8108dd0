// The OA access token and its refresh (OAuth v4). Zalo's refresh token is single-use: each refresh hands
// out a new one, which is written to DATA_DIR (temp file + rename) before it is used, so a restart keeps it.
// The file remembers which ZALO_OA_REFRESH_TOKEN its chain started from: a new token put in the
// environment (after re-authorising the app) wins over the file.
import { promises as fs } from 'node:fs';
import type { Logger } from '../../../logger.js';
import { replaceFile } from '../../../storage/replaceFile.js';
import type { ZaloOaConfig } from '../../../config/zalo.js';
import { postToZalo, ZaloApiError } from '../zaloHttp.js';

interface TokenFile {
  accessToken?: string;
  refreshToken: string;
  /** Epoch ms after which the access token is no longer used; absent when Zalo's lifetime is unknown. */
  expiresAt?: number;
  /** The environment's refresh token this chain descends from. */
  seed: string;
}

// Refresh this long before the announced expiry, so a send never races the deadline.
const EXPIRY_MARGIN_MS = 60_000;

export class OaTokens {
  private refreshing?: Promise<string>;

  private constructor(
    private readonly config: ZaloOaConfig,
    private readonly log: Logger,
    private current: TokenFile,
    private readonly now: () => number,
  ) {}

  static async open(config: ZaloOaConfig, log: Logger, now = Date.now): Promise<OaTokens> {
    const fromEnv: TokenFile = { accessToken: config.accessToken, refreshToken: config.refreshToken, seed: config.refreshToken };
    let stored: TokenFile | undefined;
    try {
      stored = JSON.parse(await fs.readFile(config.tokenFile, 'utf8')) as TokenFile;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
        log.error({ file: config.tokenFile, err: error }, 'Zalo OA token file unreadable: using the environment tokens');
    }
    const current = stored?.seed === config.refreshToken && typeof stored.refreshToken === 'string' ? stored : fromEnv;
    return new OaTokens(config, log, current, now);
  }

  /** A token believed valid: refreshed first when it is missing or (by Zalo's expires_in) about to expire. */
  async accessToken(): Promise<string> {
    const { accessToken, expiresAt } = this.current;
    if (accessToken && (expiresAt === undefined || this.now() < expiresAt - EXPIRY_MARGIN_MS)) return accessToken;
    return this.refresh(accessToken);
  }

  /** Replaces a token Zalo rejected. Concurrent callers holding the same stale token share one refresh. */
  refresh(stale: string | undefined): Promise<string> {
    if (this.current.accessToken && this.current.accessToken !== stale) return Promise.resolve(this.current.accessToken);
    this.refreshing ??= this.exchange().finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  private async exchange(): Promise<string> {
    const answer = await postToZalo('oauth/access_token', `${this.config.oauthUrl}/v4/oa/access_token`, {
      contentType: 'application/x-www-form-urlencoded',
      headers: { secret_key: this.config.appSecret },
      body: new URLSearchParams({
        refresh_token: this.current.refreshToken,
        app_id: this.config.appId,
        grant_type: 'refresh_token',
      }).toString(),
    });
    const { access_token: accessToken, refresh_token: refreshToken, expires_in: expiresIn } = answer;
    if (typeof accessToken !== 'string' || typeof refreshToken !== 'string' || !accessToken || !refreshToken) {
      const code = typeof answer.error === 'number' ? answer.error : Number(answer.error ?? NaN);
      const reason = String(answer.error_description ?? answer.error_name ?? answer.message ?? 'no token in the answer');
      throw new ZaloApiError('oauth/access_token', Number.isFinite(code) ? code : null, reason);
    }
    const seconds = Number(expiresIn);
    this.current = {
      accessToken,
      refreshToken,
      expiresAt: Number.isFinite(seconds) && seconds > 0 ? this.now() + seconds * 1000 : undefined,
      seed: this.current.seed,
    };
    await this.save();
    this.log.info({ expiresInSeconds: Number.isFinite(seconds) ? seconds : undefined }, 'Zalo OA access token refreshed');
    return accessToken;
  }

  private async save(): Promise<void> {
    const file = this.config.tokenFile;
    try {
      await replaceFile(file, (handle) => handle.writeFile(`${JSON.stringify(this.current, null, 2)}\n`), 0o600);
    } catch (error) {
      // The new refresh token still serves from memory; only a restart before the next refresh would lose it.
      this.log.error({ file, err: error }, 'could not store the new Zalo OA refresh token: it is lost if the service restarts now');
    }
  }
}
