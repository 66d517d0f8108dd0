// Settings of `npm run teams:package` (docs/teams.md): the bot's app id is the Teams app's id, and Teams
// shows the app's website, privacy and terms addresses.
import { ConfigError, type Env } from './variables.js';

export interface TeamsPackageSettings {
  appId: string;
  version: string;
  websiteUrl: string;
  privacyUrl: string;
  termsUrl: string;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu;
const SEMVER = /^\d{1,3}\.\d{1,3}\.\d{1,3}$/u;

function httpsUrl(env: Env, name: string, fallback?: string): string {
  const value = env[name]?.trim() || fallback;
  if (!value) throw new ConfigError(name, 'is required: the https address Teams shows for the app (see docs/teams.md)');
  try {
    if (new URL(value).protocol === 'https:') return value;
  } catch {
    // reported below
  }
  throw new ConfigError(name, `must be an https:// URL, got "${value}"`);
}

/** `packageVersion` (package.json's) is the app's version unless TEAMS_APP_VERSION is given. */
export function loadTeamsPackageSettings(env: Env, packageVersion: string): TeamsPackageSettings {
  const appId = env.MicrosoftAppId?.trim() ?? '';
  if (!appId)
    throw new ConfigError(
      'MicrosoftAppId',
      "is required: the Azure Bot's Microsoft App ID (a GUID), which is also the Teams app's id; run MicrosoftAppId=<app id> TEAMS_WEBSITE_URL=https://<website> npm run teams:package (docs/teams.md)",
    );
  if (!GUID.test(appId)) throw new ConfigError('MicrosoftAppId', `must be the Azure Bot's app (client) id, a GUID; got "${appId}"`);
  const version = env.TEAMS_APP_VERSION?.trim() || packageVersion;
  if (!SEMVER.test(version)) throw new ConfigError('TEAMS_APP_VERSION', `must be a version like 1.0.0, got "${version}"`);
  const websiteUrl = httpsUrl(env, 'TEAMS_WEBSITE_URL');
  return {
    appId,
    version,
    websiteUrl,
    privacyUrl: httpsUrl(env, 'TEAMS_PRIVACY_URL', websiteUrl),
    termsUrl: httpsUrl(env, 'TEAMS_TERMS_URL', websiteUrl),
  };
}
