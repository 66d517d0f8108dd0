// npm run teams:package, run as the CLI it is: the zip's manifest (valid against the vendored Teams schema 1.30,
// bot id from MicrosoftAppId,
// personal/team/groupChat, Vietnamese and English names and descriptions within Teams' limits) and the two
// icons (192×192 colour, 32×32 white-on-transparent outline).
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { inflateSync } from 'node:zlib';
import { Ajv } from 'ajv';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '..');
const APP_ID = '6f1c2a4e-8b3d-4e5f-9a7b-0c1d2e3f4a5b';
const SCHEMA_VERSION = '1.30';
const out = mkdtempSync(path.join(tmpdir(), 'hotline-teams-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

/**
 * A validator for one of the vendored Teams schemas (teams/schema/, draft-04 documents that use no keyword
 * whose meaning changed after draft-04, so ajv's default draft reads them as Teams' validator does; their
 * patterns are written for JavaScript's non-unicode regular expressions).
 */
function teamsSchema(file: string) {
  const { $schema: _draft, ...schema } = JSON.parse(
    readFileSync(path.join(ROOT, 'teams', 'schema', `v${SCHEMA_VERSION}`, file), 'utf8'),
  ) as Record<string, unknown>;
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false, formats: { uri: (value: string) => URL.canParse(value) } });
  return ajv.compile(schema);
}

function teamsPackage(env: Record<string, string>, zip: string) {
  return run(process.execPath, ['--import', 'tsx', 'src/cli/teamsPackage.ts', '--out', zip], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, ...env },
  });
}

/** Width, height and RGBA pixels of an 8-bit RGBA, non-interlaced PNG whose rows use filter 0 (as appIcons writes). */
function decodePng(png: Buffer): { width: number; height: number; pixels: Buffer } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]));
  let offset = 8;
  let width = 0;
  let height = 0;
  const data: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('ascii', offset + 4, offset + 8);
    const body = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      expect([...body.subarray(8, 13)]).toEqual([8, 6, 0, 0, 0]);
    } else if (type === 'IDAT') data.push(body);
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(data));
  const pixels = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y += 1) {
    expect(raw[y * (width * 4 + 1)]).toBe(0);
    raw.copy(pixels, y * width * 4, y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1));
  }
  return { width, height, pixels };
}

describe('npm run teams:package', () => {
  it('writes a Teams app package with the bot id, three scopes, two languages and valid icons', async () => {
    const zipPath = path.join(out, 'app.zip');
    const { stdout } = await teamsPackage({ MicrosoftAppId: APP_ID, TEAMS_WEBSITE_URL: 'https://buudien.example.vn/' }, zipPath);
    expect(stdout).toContain(zipPath);
    const zip = await JSZip.loadAsync(readFileSync(zipPath));
    expect(Object.keys(zip.files).sort()).toEqual(['color.png', 'en-us.json', 'manifest.json', 'outline.png']);

    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string'));
    expect(manifest.manifestVersion).toBe(SCHEMA_VERSION);
    expect(manifest.$schema).toBe(`https://developer.microsoft.com/json-schemas/teams/v${SCHEMA_VERSION}/MicrosoftTeams.schema.json`);
    const validManifest = teamsSchema('MicrosoftTeams.schema.json');
    expect(validManifest(manifest), JSON.stringify(validManifest.errors)).toBe(true);
    expect(manifest.id).toBe(APP_ID);
    expect(manifest.version).toMatch(/^\d+\.\d+\.\d+$/u);
    expect(manifest.bots).toHaveLength(1);
    expect(manifest.bots[0].botId).toBe(APP_ID);
    expect(manifest.bots[0].scopes.sort()).toEqual(['groupChat', 'personal', 'team']);
    expect(manifest.icons).toEqual({ color: 'color.png', outline: 'outline.png' });
    expect(manifest.developer.privacyUrl).toBe('https://buudien.example.vn/');
    expect(manifest.localizationInfo).toEqual({
      defaultLanguageTag: 'vi-vn',
      additionalLanguages: [{ languageTag: 'en-us', file: 'en-us.json' }],
    });
    expect(JSON.stringify(manifest)).not.toMatch(/\{\{/u);

    const english = JSON.parse(await zip.file('en-us.json')!.async('string'));
    expect(english.$schema).toBe(
      `https://developer.microsoft.com/json-schemas/teams/v${SCHEMA_VERSION}/MicrosoftTeams.Localization.schema.json`,
    );
    const validEnglish = teamsSchema('MicrosoftTeams.Localization.schema.json');
    expect(validEnglish(english), JSON.stringify(validEnglish.errors)).toBe(true);
    // Every command in English too: its title (what it sends, which the bot understands in English) and description.
    manifest.bots[0].commandLists[0].commands.forEach((_command: unknown, i: number) => {
      expect(english[`bots[0].commandLists[0].commands[${i}].title`]).toMatch(/^[a-z ]+$/u);
      expect(english[`bots[0].commandLists[0].commands[${i}].description`]).toMatch(/^[A-Z][A-Za-z ]+$/u);
    });
    // Teams' limits: short name 30, full name 100, short description 80, full description 4000.
    for (const [short, full, shortDescription, fullDescription] of [
      [manifest.name.short, manifest.name.full, manifest.description.short, manifest.description.full],
      [english['name.short'], english['name.full'], english['description.short'], english['description.full']],
    ]) {
      expect(short.length).toBeLessThanOrEqual(30);
      expect(full.length).toBeLessThanOrEqual(100);
      expect(shortDescription.length).toBeLessThanOrEqual(80);
      expect(fullDescription.length).toBeLessThanOrEqual(4000);
    }
    expect(manifest.name.short).toBe('Bưu điện Bắc Kạn');
    expect(english['name.short']).toBe('Bac Kan Post');

    const color = decodePng(await zip.file('color.png')!.async('nodebuffer'));
    expect([color.width, color.height]).toEqual([192, 192]);
    const outline = decodePng(await zip.file('outline.png')!.async('nodebuffer'));
    expect([outline.width, outline.height]).toEqual([32, 32]);
    let opaque = 0;
    let transparent = 0;
    for (let i = 0; i < outline.pixels.length; i += 4) {
      const alpha = outline.pixels[i + 3]!;
      if (alpha === 0) transparent += 1;
      else {
        opaque += 1;
        expect([...outline.pixels.subarray(i, i + 3)]).toEqual([255, 255, 255]); // white only
      }
    }
    expect(transparent).toBeGreaterThan(512);
    expect(opaque).toBeGreaterThan(64);
  }, 60_000);

  it('stops with the variable named when MicrosoftAppId is missing or not a GUID', async () => {
    for (const appId of ['', 'not-a-guid']) {
      const failure = await teamsPackage(
        { MicrosoftAppId: appId, TEAMS_WEBSITE_URL: 'https://buudien.example.vn' },
        path.join(out, 'bad.zip'),
      ).catch((e: { code: number; stderr: string }) => e);
      expect((failure as { code: number }).code).toBe(1);
      expect((failure as { stderr: string }).stderr).toContain('MicrosoftAppId');
    }
    // Missing altogether (the usual first try): one line saying it is required and how to give it.
    const unset = await teamsPackage({ TEAMS_WEBSITE_URL: 'https://buudien.example.vn' }, path.join(out, 'bad.zip')).catch(
      (e: { code: number; stderr: string }) => e,
    );
    const lines = (unset as { stderr: string }).stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^teams:package: MicrosoftAppId: is required: .*MicrosoftAppId=<app id> .*npm run teams:package/u);
    const noSite = await teamsPackage({ MicrosoftAppId: APP_ID }, path.join(out, 'bad.zip')).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect((noSite as { stderr: string }).stderr).toContain('TEAMS_WEBSITE_URL');
  }, 60_000);
});
