import { readFile } from 'node:fs/promises';
import { t } from '../../../src/core/i18n/translate.js';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { inflateRawSync, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../src/core/commands/index.js';
import { packTeamsManifest, renderTeamsManifest, TEAMS_MANIFEST_DIR } from '../../../src/teams/manifest.js';

const require = createRequire(import.meta.url);
const APP_ID = '6f1c2a4e-3b5d-4c7e-9f10-2a3b4c5d6e7f';

interface Manifest {
  manifestVersion: string;
  id: string;
  bots: { botId: string; scopes: string[]; commandLists: { scopes: string[]; commands: { title: string; description: string }[] }[] }[];
  validDomains: string[];
  webApplicationInfo?: { id: string; resource?: string };
}

/** The schema the manifest is written against: the newest that @microsoft/app-manifest ships with the raised bot-command limit. */
const MANIFEST_VERSION = '1.29';

async function schemaFor(version: string) {
  const Ajv = require('ajv-draft-04') as new (o: object) => {
    compile(s: object): ((d: unknown) => boolean) & { errors?: unknown };
    addFormat(name: string, check: (s: string) => boolean): void;
  };
  const pkg = dirname(require.resolve('@microsoft/app-manifest/package.json'));
  const schema = JSON.parse(await readFile(join(pkg, 'build', 'json-schemas', 'teams', `v${version}`, 'MicrosoftTeams.schema.json'), 'utf8')) as object;
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addFormat('uri', (s) => URL.canParse(s));
  return ajv.compile(schema);
}

/** Reads a zip's entries back (central directory → local headers → inflate). */
function unzip(buffer: Buffer): Map<string, Buffer> {
  const end = buffer.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = buffer.readUInt16LE(end + 10);
  let at = buffer.readUInt32LE(end + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    expect(buffer.readUInt32LE(at)).toBe(0x02014b50);
    const method = buffer.readUInt16LE(at + 10);
    const size = buffer.readUInt32LE(at + 20);
    const nameLength = buffer.readUInt16LE(at + 28);
    const extra = buffer.readUInt16LE(at + 30) + buffer.readUInt16LE(at + 32);
    const local = buffer.readUInt32LE(at + 42);
    const name = buffer.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const dataStart = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28);
    const data = buffer.subarray(dataStart, dataStart + size);
    files.set(name, method === 8 ? inflateRawSync(data) : data);
    at += 46 + nameLength + extra;
  }
  return files;
}

/** Width, height and the decoded RGBA rows of a non-interlaced 8-bit RGBA PNG with filter 0 (what make-icons writes). */
function decodePng(png: Buffer): { width: number; height: number; colorType: number; pixels: Buffer } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]));
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const colorType = png[25]!;
  const idat: Buffer[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.subarray(at + 4, at + 8).toString('ascii');
    if (type === 'IDAT') idat.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  return { width, height, colorType, pixels: inflateSync(Buffer.concat(idat)) };
}

describe('Teams app manifest', () => {
  it('lists exactly the registry commands, with their summaries, in personal and team scope', async () => {
    const manifest = JSON.parse(await readFile(join(TEAMS_MANIFEST_DIR, 'manifest.json'), 'utf8')) as Manifest;
    const expected = COMMANDS.map((c) => ({ title: c.teams, description: t('en', c.summary) }));
    expect(manifest.bots[0]!.scopes.sort()).toEqual(['personal', 'team']);
    for (const list of manifest.bots[0]!.commandLists) expect(list.commands).toEqual(expected);
    expect(manifest.bots[0]!.commandLists.flatMap((l) => l.scopes).sort()).toEqual(['personal', 'team']);
  });

  it('passes the Teams JSON schema of its version once the ids are filled in', async () => {
    const text = await renderTeamsManifest({ appId: APP_ID, botDomain: 'https://bot.example.org/api/messages' });
    const manifest = JSON.parse(text) as Manifest;
    expect(manifest.id).toBe(APP_ID);
    expect(manifest.bots[0]!.botId).toBe(APP_ID);
    expect(manifest.validDomains).toEqual(['bot.example.org']);
    expect(text).not.toContain('{{');
    const validate = await schemaFor(manifest.manifestVersion);
    const valid = validate(manifest);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(manifest.manifestVersion).toBe(MANIFEST_VERSION);
    // The Graph path (email lookup, proactive installation) uses the bot's own app registration.
    expect(manifest.webApplicationInfo).toEqual({ id: APP_ID, resource: `api://botid-${APP_ID}` });
  });

  it('refuses to pack without a GUID app id, naming the variable', async () => {
    await expect(renderTeamsManifest({ appId: 'my-bot' })).rejects.toThrow(/TEAMS_APP_ID "my-bot" is not a GUID/);
  });

  it('packs manifest.json, its French translation and both icons at the zip root', async () => {
    const files = unzip((await packTeamsManifest({ appId: APP_ID })).zip);
    expect([...files.keys()].sort()).toEqual(['color.png', 'fr.json', 'manifest.json', 'outline.png']);
    expect(files.get('fr.json')).toEqual(await readFile(join(TEAMS_MANIFEST_DIR, 'fr.json')));
    const packed = JSON.parse(files.get('manifest.json')!.toString('utf8')) as Manifest;
    expect(packed.id).toBe(APP_ID);
    // What is inside the zip, not only what renderTeamsManifest returns, passes the schema.
    const validate = await schemaFor(MANIFEST_VERSION);
    expect(validate(packed), JSON.stringify(validate.errors)).toBe(true);
    expect(files.get('color.png')).toEqual(await readFile(join(TEAMS_MANIFEST_DIR, 'color.png')));
  });

  it('has a 192×192 colour icon and a 32×32 white-on-transparent outline icon', async () => {
    const color = decodePng(await readFile(join(TEAMS_MANIFEST_DIR, 'color.png')));
    expect([color.width, color.height]).toEqual([192, 192]);
    const outline = decodePng(await readFile(join(TEAMS_MANIFEST_DIR, 'outline.png')));
    expect([outline.width, outline.height, outline.colorType]).toEqual([32, 32, 6]);
    let transparent = 0;
    let white = 0;
    for (let y = 0; y < 32; y++) {
      for (let x = 0; x < 32; x++) {
        const at = y * (32 * 4 + 1) + 1 + x * 4;
        const [r, g, b, a] = [outline.pixels[at]!, outline.pixels[at + 1]!, outline.pixels[at + 2]!, outline.pixels[at + 3]!];
        if (a === 0) transparent++;
        else if (r === 255 && g === 255 && b === 255) white++;
        else throw new Error(`outline pixel ${x},${y} is neither transparent nor white`);
      }
    }
    expect(transparent).toBeGreaterThan(512);
    expect(white).toBeGreaterThan(20);
  });
});
