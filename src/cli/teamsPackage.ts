// npm run teams:package [-- --out <file.zip>]: writes the Teams app package to upload in Teams
// (Apps → Manage your apps → Upload an app) or in the Teams admin center. Needs MicrosoftAppId and
// TEAMS_WEBSITE_URL in the environment (see docs/teams.md).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildAppPackage } from '../channels/teams/appPackage.js';
import { ConfigError } from '../config.js';
import { loadTeamsPackageSettings } from '../config/teamsPackage.js';

const projectDir = path.resolve(import.meta.dirname, '../..');
const { values } = parseArgs({
  options: { out: { type: 'string', default: path.join(projectDir, 'dist', 'teams', 'bac-kan-post-teams.zip') } },
});

try {
  const packageVersion = (JSON.parse(readFileSync(path.join(projectDir, 'package.json'), 'utf8')) as { version: string }).version;
  const { zip, manifest } = await buildAppPackage(loadTeamsPackageSettings(process.env, packageVersion), projectDir);
  const out = path.resolve(values.out!);
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, zip);
  console.log(`Teams app package ${manifest.version} (manifest ${manifest.manifestVersion}, bot ${manifest.id}): ${out}`);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`teams:package: ${error.message}`);
  process.exit(1);
}
