// Configuration comes from the environment only (see .env.example): this is the one place that reads it.
// It is validated once at start so that a wrong value stops the bot with a message naming the variable,
// not a failure later on; each part is then handed its own section (citizen, directLine, zalo).
import path from 'node:path';
import { loadCitizenSettings, type CitizenSettings } from './config/citizen.js';
import { loadDirectLineSettings, type DirectLineSettings } from './config/directLine.js';
import { bearerSecret, ConfigError, flag, integer, type Env } from './config/variables.js';
import { loadZaloConfig, type ZaloConfig } from './config/zalo.js';

export { ConfigError } from './config/variables.js';

export interface BotCredentials {
  MicrosoftAppType: string;
  MicrosoftAppId: string;
  MicrosoftAppPassword: string;
  MicrosoftAppTenantId: string;
}

export interface Config {
  port: number;
  dataDir: string;
  knowledgeDir: string;
  /** How often the knowledge folder is re-checked for changes, in ms. */
  reloadIntervalMs: number;
  credentials: BotCredentials & Record<string, string>;
  logLevel: string;
  /** Where state, tickets and logs live: one Storage interface, two implementations (see src/storage/createStorage.ts). */
  storage: StorageConfig;
  /** Requests per minute per user and per client IP on public routes; 0 turns a limit off. */
  rateLimit: { userPerMinute: number; ipPerMinute: number; trustProxy: number; tokensPerIpPerMinute: number };
  /** Message text goes into the per-turn log line only when LOG_TEXT=1 (phone numbers masked even then). */
  logText: boolean;
  /** When set, GET /metrics requires `Authorization: Bearer <token>`. */
  metricsToken: string;
  /** The staff console (/staff): how long a sign-in lasts; hours after which an open ticket is overdue. */
  staff: { sessionHours: number; ticketTargetHours: number };
  /** The most a request to a Bot Framework channel's connector (a reply, a proactive message) may take, in ms. */
  connectorTimeoutMs: number;
  /** The bot's public origin (https://bot.example.vn), or empty: proactive sends may go to service URLs under it. */
  publicUrl: string;
  /** The citizen services: admin route, the staff's chat hours, handoff to staff. */
  citizen: CitizenSettings;
  /** The web widget: the local Direct Line, or Azure's with DIRECT_LINE_SECRET. */
  directLine: DirectLineSettings;
  /** Zalo OA and Bot Platform; a surface without its settings is off. */
  zalo: ZaloConfig;
}

export interface StorageConfig {
  kind: 'lowdb' | 'blob';
  azureConnectionString: string;
  azureContainer: string;
  /** Idle conversations are forgotten after this many minutes (lowdb; Blob uses a lifecycle rule); 0 keeps them. */
  conversationTtlMinutes: number;
}

const APP_TYPES = ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'];
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function credentials(env: Env): Config['credentials'] {
  const value = (name: keyof BotCredentials): string => env[name]?.trim() ?? '';
  const creds: Config['credentials'] = {
    MicrosoftAppType: value('MicrosoftAppType'),
    MicrosoftAppId: value('MicrosoftAppId'),
    MicrosoftAppPassword: value('MicrosoftAppPassword'),
    MicrosoftAppTenantId: value('MicrosoftAppTenantId'),
  };
  const type = creds.MicrosoftAppType;
  if (type && !APP_TYPES.some((t) => t.toLowerCase() === type.toLowerCase())) {
    throw new ConfigError('MicrosoftAppType', `must be one of ${APP_TYPES.join(', ')} (or empty for the Emulator), got "${type}"`);
  }
  if (creds.MicrosoftAppPassword && !creds.MicrosoftAppId) {
    throw new ConfigError('MicrosoftAppId', 'is empty while MicrosoftAppPassword is set; set both, or neither for local use');
  }
  if (type.toLowerCase() === 'singletenant' && !creds.MicrosoftAppTenantId) {
    throw new ConfigError('MicrosoftAppTenantId', 'is required when MicrosoftAppType is SingleTenant');
  }
  return creds;
}

/** Proxies in front of the service whose X-Forwarded-For entries are trusted (as Express's `trust proxy` = N). */
function trustedHops(env: Env): number {
  const raw = env.TRUST_PROXY?.trim().toLowerCase();
  if (raw === 'true') return 1;
  if (raw === 'false') return 0;
  return integer(env, 'TRUST_PROXY', 0, 0, 10);
}

function origin(env: Env, name: string): string {
  const raw = env[name]?.trim() ?? '';
  if (!raw) return '';
  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password) {
    throw new ConfigError(name, `must be the bot's public http(s) address like https://bot.example.vn, got "${raw}"`);
  }
  return url.origin;
}

function storage(env: Env): StorageConfig {
  const kind = env.STORAGE?.trim() || 'lowdb';
  if (kind !== 'lowdb' && kind !== 'blob') throw new ConfigError('STORAGE', `must be lowdb or blob, got "${kind}"`);
  const azureConnectionString = env.AZURE_STORAGE_CONNECTION_STRING?.trim() ?? '';
  if (kind === 'blob' && !azureConnectionString) {
    throw new ConfigError('AZURE_STORAGE_CONNECTION_STRING', "is required when STORAGE=blob (the storage account's connection string)");
  }
  const azureContainer = env.AZURE_STORAGE_CONTAINER?.trim() || 'hotline-state';
  if (!/^(?!.*--)[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/u.test(azureContainer)) {
    throw new ConfigError('AZURE_STORAGE_CONTAINER', `must be 3-63 lowercase letters, digits and single hyphens, got "${azureContainer}"`);
  }
  return { kind, azureConnectionString, azureContainer, conversationTtlMinutes: integer(env, 'STATE_TTL_MINUTES', 1440, 0, 525_600) };
}

export function loadConfig(env: Env = process.env, cwd = process.cwd()): Config {
  const logLevel = env.LOG_LEVEL?.trim() || 'info';
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
  }
  const dataDir = path.resolve(cwd, env.DATA_DIR?.trim() || 'data');
  return {
    port: integer(env, 'PORT', 3978, 0, 65535),
    dataDir,
    knowledgeDir: path.resolve(cwd, env.KNOWLEDGE_DIR?.trim() || 'knowledge'),
    reloadIntervalMs: integer(env, 'KNOWLEDGE_RELOAD_MS', 2000, 100, 600_000),
    credentials: credentials(env),
    logLevel,
    storage: storage(env),
    rateLimit: {
      userPerMinute: integer(env, 'RATE_LIMIT_USER_PER_MINUTE', 30, 0, 1_000_000),
      ipPerMinute: integer(env, 'RATE_LIMIT_IP_PER_MINUTE', 300, 0, 1_000_000),
      trustProxy: trustedHops(env),
      tokensPerIpPerMinute: integer(env, 'RATE_LIMIT_TOKENS_PER_IP_PER_MINUTE', 20, 0, 1_000_000),
    },
    logText: flag(env, 'LOG_TEXT'),
    metricsToken: bearerSecret(env, 'METRICS_TOKEN'),
    staff: {
      sessionHours: integer(env, 'STAFF_SESSION_HOURS', 12, 1, 720),
      ticketTargetHours: integer(env, 'TICKET_TARGET_HOURS', 48, 1, 8760),
    },
    connectorTimeoutMs: integer(env, 'CONNECTOR_TIMEOUT_MS', 15_000, 1000, 120_000),
    publicUrl: origin(env, 'PUBLIC_URL'),
    citizen: loadCitizenSettings(env),
    directLine: loadDirectLineSettings(env),
    zalo: loadZaloConfig(env, dataDir),
  };
}
