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
])('rejects %o with a message naming %s', (env, variable) => {
  expect(() => loadConfig(env)).toThrow(ConfigError);
  expect(() => loadConfig(env)).toThrow(new RegExp(`^${variable}: `, 'u'));
});
