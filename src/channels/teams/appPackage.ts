// The Teams app package: manifest.json (from teams/manifest.template.json, schema 1.30) with the bot id from
// MicrosoftAppId, the English localisation file, and the two icons drawn by appIcons.ts, zipped with jszip.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { ConfigError } from '../../config.js';
import { colorIcon, outlineIcon } from './appIcons.js';

export interface AppPackage {
  zip: Buffer;
  manifest: Record<string, unknown>;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu;
const SEMVER = /^\d{1,3}\.\d{1,3}\.\d{1,3}$/u;

function httpsUrl(env: NodeJS.ProcessEnv, name: string, fallback?: string): string {
  const value = env[name]?.trim() || fallback;
  if (!value) throw new ConfigError(name, 'is required: the https address Teams shows for the app (see docs/teams.md)');
  try {
    if (new URL(value).protocol === 'https:') return value;
  } catch {
    // reported below
  }
  throw new ConfigError(name, `must be an https:// URL, got "${value}"`);
}

/** Fills {{NAME}} placeholders; JSON-escapes the values since they land inside JSON strings. */
function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{([A-Z_]+)\}\}/gu, (whole, name: string) => (name in values ? JSON.stringify(values[name]).slice(1, -1) : whole));
}

export async function buildAppPackage(env: NodeJS.ProcessEnv, projectDir: string): Promise<AppPackage> {
  const appId = env.MicrosoftAppId?.trim() ?? '';
  if (!appId) throw new ConfigError('MicrosoftAppId', "is required: the Azure Bot's Microsoft App ID (a GUID), which is also the Teams app's id; run MicrosoftAppId=<app id> TEAMS_WEBSITE_URL=https://<website> npm run teams:package (docs/teams.md)");
  if (!GUID.test(appId)) throw new ConfigError('MicrosoftAppId', `must be the Azure Bot's app (client) id, a GUID; got "${appId}"`);
  const packageVersion = (JSON.parse(readFileSync(path.join(projectDir, 'package.json'), 'utf8')) as { version: string }).version;
  const version = env.TEAMS_APP_VERSION?.trim() || packageVersion;
  if (!SEMVER.test(version)) throw new ConfigError('TEAMS_APP_VERSION', `must be a version like 1.0.0, got "${version}"`);
  const website = httpsUrl(env, 'TEAMS_WEBSITE_URL');
  const values = {
    MICROSOFT_APP_ID: appId,
    VERSION: version,
    WEBSITE_URL: website,
    PRIVACY_URL: httpsUrl(env, 'TEAMS_PRIVACY_URL', website),
    TERMS_URL: httpsUrl(env, 'TEAMS_TERMS_URL', website),
  };
  const read = (file: string): string => readFileSync(path.join(projectDir, 'teams', file), 'utf8');
  const manifest = JSON.parse(fill(read('manifest.template.json'), values)) as Record<string, unknown>;
  const english = JSON.parse(read('en-us.template.json')) as Record<string, unknown>;

  const zip = new JSZip();
  // Fixed dates keep the zip identical from one build to the next.
  const options = { date: new Date('2025-01-01T00:00:00Z') };
  zip.file('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`, options);
  zip.file('en-us.json', `${JSON.stringify(english, null, 2)}\n`, options);
  zip.file('color.png', colorIcon(), options);
  zip.file('outline.png', outlineIcon(), options);
  return { zip: await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }), manifest };
}
