import { expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

it('has working defaults for a newcomer: port 3978, ./data, ./knowledge, no credentials', () => {
  const config = loadConfig({}, '/srv/bot');
  expect(config).toMatchObject({ port: 3978, dataDir: '/srv/bot/data', knowledgeDir: '/srv/bot/knowledge', logLevel: 'info' });
  expect(config.credentials.MicrosoftAppId).toBe('');
  expect(config.staff.sessionHours).toBe(12);
});

it.each([
  [{ PORT: 'abc' }, 'PORT'],
  [{ PORT: '70000' }, 'PORT'],
  [{ KNOWLEDGE_RELOAD_MS: '5' }, 'KNOWLEDGE_RELOAD_MS'],
  [{ LOG_LEVEL: 'verbose' }, 'LOG_LEVEL'],
  [{ MicrosoftAppType: 'Personal' }, 'MicrosoftAppType'],
  [{ MicrosoftAppPassword: 'secret' }, 'MicrosoftAppId'],
  [{ MicrosoftAppType: 'SingleTenant', MicrosoftAppId: 'id', MicrosoftAppPassword: 'pw' }, 'MicrosoftAppTenantId'],
  [{ STAFF_SESSION_HOURS: '0' }, 'STAFF_SESSION_HOURS'],
  [{ STAFF_SESSION_HOURS: '8h' }, 'STAFF_SESSION_HOURS'],
  // The sections each part is handed are read and checked here too, at start.
  [{ OFFICE_HOURS: 'weekdays 8-5' }, 'OFFICE_HOURS'],
  [{ HANDOFF_WAIT_MINUTES: '0' }, 'HANDOFF_WAIT_MINUTES'],
  [{ DIRECT_LINE_MAX_ACTIVITIES: '5' }, 'DIRECT_LINE_MAX_ACTIVITIES'],
  [{ DIRECT_LINE_ENDPOINT: 'not a url' }, 'DIRECT_LINE_ENDPOINT'],
  [{ ZALO_OA_APP_ID: '1' }, 'ZALO_OA_SECRET_KEY'],
  [{ ZALO_BOT_SECRET_TOKEN: 'long-enough' }, 'ZALO_BOT_TOKEN'],
  // Bearer tokens guessable online are refused at start (issue 23, item 10).
  [{ ADMIN_TOKEN: 'a' }, 'ADMIN_TOKEN'],
  [{ ADMIN_TOKEN: 'x'.repeat(31) }, 'ADMIN_TOKEN'],
  [{ METRICS_TOKEN: 'metrics-token-3b9f0c' }, 'METRICS_TOKEN'],
])('rejects %o with a message naming %s', (env, variable) => {
  expect(() => loadConfig(env)).toThrow(ConfigError);
  expect(() => loadConfig(env)).toThrow(new RegExp(`^${variable}: `, 'u'));
});

it('hands each part its section: citizen services, Direct Line, Zalo (its token file in DATA_DIR)', () => {
  const config = loadConfig({ ADMIN_TOKEN: ` ${'t'.repeat(32)} `, DIRECT_LINE_MAX_CONVERSATIONS: '7', ZALO_BOT_TOKEN: '1:x' }, '/srv/bot');
  expect(config.citizen).toMatchObject({
    adminToken: 't'.repeat(32),
    chatHours: [],
    handoffWebhookUrl: '',
    handoffWebhookTimeoutMs: 5000,
    handoffWaitMinutes: 5,
  });
  expect(config.directLine).toMatchObject({
    secret: '',
    azureDomain: 'https://directline.botframework.com/v3/directline',
    maxConversations: 7,
    maxActivities: 300,
  });
  expect(config.zalo).toEqual({
    oa: undefined,
    bot: { token: '1:x', secretToken: undefined, apiUrl: 'https://bot-api.zaloplatforms.com' },
  });
  const oa = loadConfig({ ZALO_OA_APP_ID: '1', ZALO_OA_SECRET_KEY: 's', ZALO_APP_SECRET: 'a', ZALO_OA_REFRESH_TOKEN: 'r' }, '/srv/bot').zalo
    .oa;
  expect(oa?.tokenFile).toBe('/srv/bot/data/zalo-oa-tokens.json');
});
