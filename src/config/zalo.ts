// Zalo settings. A surface whose settings are all absent is simply off (its route
// answers 404); a surface set up halfway stops the start with a ConfigError naming the missing variable.
import path from 'node:path';
import { baseUrl, ConfigError, type Env } from './variables.js';

export interface ZaloOaConfig {
  appId: string;
  /** The OA Secret Key (app's Webhook page): signs the webhooks. */
  oaSecretKey: string;
  /** The app's secret key: authorises token refreshes. */
  appSecret: string;
  accessToken?: string;
  refreshToken: string;
  apiUrl: string;
  oauthUrl: string;
  /** Where the latest token pair is kept, so a restart does not lose the single-use refresh token. */
  tokenFile: string;
}

export interface ZaloBotConfig {
  token: string;
  /** Required for the webhook only; polling needs just the token. */
  secretToken?: string;
  apiUrl: string;
}

export interface ZaloConfig {
  oa?: ZaloOaConfig;
  bot?: ZaloBotConfig;
}

const OA_REQUIRED = ['ZALO_OA_APP_ID', 'ZALO_OA_SECRET_KEY', 'ZALO_APP_SECRET', 'ZALO_OA_REFRESH_TOKEN'] as const;
const OA_VARIABLES = [...OA_REQUIRED, 'ZALO_OA_ACCESS_TOKEN'];

function oaConfig(env: Env, dataDir: string): ZaloOaConfig | undefined {
  const value = (name: string): string => env[name]?.trim() ?? '';
  if (!OA_VARIABLES.some((name) => value(name))) return undefined;
  const missing = OA_REQUIRED.find((name) => !value(name));
  if (missing) throw new ConfigError(missing, 'is required once any ZALO_OA_* setting is given (see docs/zalo.md)');
  return {
    appId: value('ZALO_OA_APP_ID'),
    oaSecretKey: value('ZALO_OA_SECRET_KEY'),
    appSecret: value('ZALO_APP_SECRET'),
    accessToken: value('ZALO_OA_ACCESS_TOKEN') || undefined,
    refreshToken: value('ZALO_OA_REFRESH_TOKEN'),
    apiUrl: baseUrl(env, 'ZALO_OA_API_URL', 'https://openapi.zalo.me'),
    oauthUrl: baseUrl(env, 'ZALO_OAUTH_URL', 'https://oauth.zaloapp.com'),
    tokenFile: path.join(dataDir, 'zalo-oa-tokens.json'),
  };
}

function botConfig(env: Env): ZaloBotConfig | undefined {
  const token = env.ZALO_BOT_TOKEN?.trim() ?? '';
  const secretToken = env.ZALO_BOT_SECRET_TOKEN?.trim() || undefined;
  if (!token) {
    if (secretToken) throw new ConfigError('ZALO_BOT_TOKEN', 'is required when ZALO_BOT_SECRET_TOKEN is set');
    return undefined;
  }
  // setWebhook accepts a secret_token of 8 to 256 characters.
  if (secretToken && (secretToken.length < 8 || secretToken.length > 256)) {
    throw new ConfigError('ZALO_BOT_SECRET_TOKEN', `must be 8 to 256 characters long, got ${secretToken.length}`);
  }
  return { token, secretToken, apiUrl: baseUrl(env, 'ZALO_BOT_API_URL', 'https://bot-api.zaloplatforms.com') };
}

export function loadZaloConfig(env: Env, dataDir: string): ZaloConfig {
  return { oa: oaConfig(env, dataDir), bot: botConfig(env) };
}
