// The Teams app package: manifest.json (from teams/manifest.template.json, schema 1.30) filled with its
// settings (src/config/teamsPackage.ts), the English localisation file, and the two icons drawn by
// appIcons.ts, zipped with jszip.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import type { TeamsPackageSettings } from '../../config/teamsPackage.js';
import { colorIcon, outlineIcon } from './appIcons.js';

export interface AppPackage {
  zip: Buffer;
  manifest: Record<string, unknown>;
}

/** Fills {{NAME}} placeholders; JSON-escapes the values since they land inside JSON strings. */
function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{([A-Z_]+)\}\}/gu, (whole, name: string) => (name in values ? JSON.stringify(values[name]).slice(1, -1) : whole));
}

export async function buildAppPackage(settings: TeamsPackageSettings, projectDir: string): Promise<AppPackage> {
  const values = {
    MICROSOFT_APP_ID: settings.appId,
    VERSION: settings.version,
    WEBSITE_URL: settings.websiteUrl,
    PRIVACY_URL: settings.privacyUrl,
    TERMS_URL: settings.termsUrl,
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
