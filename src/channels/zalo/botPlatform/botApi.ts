// The Zalo Bot Platform API (Telegram-like): POST {apiUrl}/bot{token}/{method} with JSON, answered
// {ok: true, result} or {ok: false, error_code, description}.
import type { ZaloBotConfig } from '../../../config/zalo.js';
import { postToZalo, ZaloApiError } from '../zaloHttp.js';
import type { BotUpdate } from './botUpdates.js';

// getUpdates answers 408 when its long poll ends without an update.
const POLL_TIMEOUT = 408;

export class ZaloBotApi {
  constructor(private readonly config: ZaloBotConfig) {}

  async call<T>(
    method: string,
    params: Record<string, unknown> = {},
    options: { timeoutMs?: number; signal?: AbortSignal } = {},
  ): Promise<T> {
    const answer = await postToZalo(method, `${this.config.apiUrl}/bot${this.config.token}/${method}`, {
      body: JSON.stringify(params),
      ...options,
    });
    if (answer.ok !== true) {
      throw new ZaloApiError(
        method,
        typeof answer.error_code === 'number' ? answer.error_code : null,
        String(answer.description ?? 'unexpected answer'),
      );
    }
    return answer.result as T;
  }

  async sendMessage(chatId: string, text: string): Promise<string> {
    const result = await this.call<{ message_id?: unknown } | undefined>('sendMessage', { chat_id: chatId, text });
    return typeof result?.message_id === 'string' ? result.message_id : '';
  }

  async sendTyping(chatId: string): Promise<void> {
    await this.call('sendChatAction', { chat_id: chatId, action: 'typing' });
  }

  async deleteWebhook(): Promise<void> {
    await this.call('deleteWebhook');
  }

  /** One update, or undefined when the long poll ended empty. */
  async getUpdates(timeoutSeconds: number, signal?: AbortSignal): Promise<BotUpdate | undefined> {
    try {
      // Zalo takes the timeout as a string of seconds.
      return await this.call<BotUpdate>(
        'getUpdates',
        { timeout: String(timeoutSeconds) },
        { timeoutMs: (timeoutSeconds + 15) * 1000, signal },
      );
    } catch (error) {
      if (error instanceof ZaloApiError && error.code === POLL_TIMEOUT) return undefined;
      throw error;
    }
  }
}
