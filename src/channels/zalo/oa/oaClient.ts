// Sends customer-service ("tư vấn") text messages through the OA Open API v3. Zalo answers HTTP 200 with
// {error, message, data}; error 0 is success. A rejected token (-216, or -220 "expired or removed") is
// refreshed and the send tried once more; any other error is thrown for the adapter to log and record.
import type { ZaloOaConfig } from '../../../config/zalo.js';
import { postToZalo, ZaloApiError } from '../zaloHttp.js';
import type { OaTokens } from './oaTokens.js';

const TOKEN_ERRORS = new Set([-216, -220]);
const ENDPOINT = 'message/cs';

export class OaClient {
  constructor(
    private readonly config: ZaloOaConfig,
    private readonly tokens: OaTokens,
  ) {}

  private async post(accessToken: string, body: string): Promise<Record<string, unknown>> {
    return postToZalo(ENDPOINT, `${this.config.apiUrl}/v3.0/oa/message/cs`, { headers: { access_token: accessToken }, body });
  }

  /** Returns Zalo's message id. */
  async sendText(userId: string, text: string): Promise<string> {
    const body = JSON.stringify({ recipient: { user_id: userId }, message: { text } });
    const token = await this.tokens.accessToken();
    let answer = await this.post(token, body);
    if (TOKEN_ERRORS.has(answer.error as number)) answer = await this.post(await this.tokens.refresh(token), body);
    if (answer.error !== 0) {
      throw new ZaloApiError(
        ENDPOINT,
        typeof answer.error === 'number' ? answer.error : null,
        String(answer.message ?? 'unexpected answer'),
      );
    }
    const data = answer.data as { message_id?: unknown } | undefined;
    return typeof data?.message_id === 'string' ? data.message_id : '';
  }
}
