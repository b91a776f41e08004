// The Teams app package: manifests/teams/manifest.json (with this deployment's ids filled in), its
// translations (fr.json) and the two icons, zipped at the root as Teams → Apps → "Upload an app"
// expects. Beside the adapter, as slack/manifest.ts is; the CLI's manifest command writes it out. A
// minimal zip writer (deflate + CRC-32 from node:zlib) keeps this free of dependencies.
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateRawSync } from 'node:zlib';

export const TEAMS_MANIFEST_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../manifests/teams');
const ICONS = ['color.png', 'outline.png'] as const;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface TeamsManifestOptions {
  /** The bot's Microsoft App ID (a GUID); default TEAMS_APP_ID. */
  appId?: string;
  /** The public host name the bot answers on (e.g. bot.example.org); default TEAMS_BOT_DOMAIN, else none. */
  botDomain?: string;
  /** The program's own pages and the package version (TEAMS_APP_WEBSITE_URL, …_PRIVACY_URL, …_TERMS_URL, TEAMS_APP_VERSION). */
  links?: TeamsPackageLinks;
}

export interface TeamsPackageLinks {
  websiteUrl?: string;
  privacyUrl?: string;
  termsOfUseUrl?: string;
  version?: string;
}

/** The template's example.org links and version, replaced by the settings given. */
function applyLinks(manifest: { version?: string; developer?: Record<string, unknown> }, links: TeamsPackageLinks): void {
  const developer = (manifest.developer ??= {});
  for (const key of ['websiteUrl', 'privacyUrl', 'termsOfUseUrl'] as const) if (links[key]) developer[key] = links[key];
  if (links.version) manifest.version = links.version;
}

/** The links still left at the template's example.org: the package works, but a program should set its own. */
export function exampleLinksLeft(manifestJson: string): string[] {
  const developer = (JSON.parse(manifestJson) as { developer?: Record<string, unknown> }).developer ?? {};
  const names = { websiteUrl: 'TEAMS_APP_WEBSITE_URL', privacyUrl: 'TEAMS_APP_PRIVACY_URL', termsOfUseUrl: 'TEAMS_APP_TERMS_URL' } as const;
  return (Object.keys(names) as (keyof typeof names)[]).filter((k) => /^https:\/\/example\.org\//.test(String(developer[k] ?? ''))).map((k) => names[k]);
}

/** manifest.json with the placeholders replaced; throws a message naming what is missing. */
export async function renderTeamsManifest(options: TeamsManifestOptions = {}): Promise<string> {
  const appId = (options.appId ?? process.env.TEAMS_APP_ID ?? '').trim();
  if (!GUID.test(appId)) {
    throw new Error(
      appId
        ? `TEAMS_APP_ID "${appId}" is not a GUID: use the Application (client) ID of the bot's Azure app registration, e.g. 00000000-0000-0000-0000-000000000000`
        : 'Set TEAMS_APP_ID to the Application (client) ID of the bot\'s Azure app registration (a GUID) before packing the Teams app',
    );
  }
  const botDomain = (options.botDomain ?? process.env.TEAMS_BOT_DOMAIN ?? '').trim().replace(/^https?:\/\//, '').replace(/\/.*$/, '');
  const template = await readFile(join(TEAMS_MANIFEST_DIR, 'manifest.json'), 'utf8');
  const manifest = JSON.parse(template.replaceAll('{{TEAMS_APP_ID}}', appId)) as { validDomains?: string[]; version?: string; developer?: Record<string, unknown> };
  applyLinks(manifest, options.links ?? {});
  manifest.validDomains = (manifest.validDomains ?? [])
    .map((d) => (d === '{{BOT_DOMAIN}}' ? botDomain : d))
    .filter((d) => d !== '');
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** The translations the manifest names (localizationInfo: fr.json), packed beside it. */
export function localizationFiles(manifestJson: string): string[] {
  const info = (JSON.parse(manifestJson) as { localizationInfo?: { additionalLanguages?: { file?: unknown }[] } }).localizationInfo;
  return (info?.additionalLanguages ?? []).map((l) => l.file).filter((f): f is string => typeof f === 'string' && /^[\w.-]+\.json$/.test(f));
}

/** The zip to upload, and manifest.json as packed in it. */
export async function packTeamsManifest(options: TeamsManifestOptions = {}): Promise<{ zip: Buffer; manifestJson: string }> {
  const manifestJson = await renderTeamsManifest(options);
  const files = [
    { name: 'manifest.json', data: Buffer.from(manifestJson, 'utf8') },
    ...(await Promise.all([...ICONS, ...localizationFiles(manifestJson)].map(async (name) => ({ name, data: await readFile(join(TEAMS_MANIFEST_DIR, name)) })))),
  ];
  return { zip: zip(files), manifestJson };
}

/** A zip archive (deflate, no directories, no zip64): enough for a handful of small files. */
export function zip(files: { name: string; data: Buffer }[], date = new Date()): Buffer {
  const dosTime = ((date.getHours() << 11) | (date.getMinutes() << 5) | Math.floor(date.getSeconds() / 2)) & 0xffff;
  const dosDate = (((date.getFullYear() - 1980) << 9) | ((date.getMonth() + 1) << 5) | date.getDate()) & 0xffff;
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const file of files) {
    const name = Buffer.from(file.name, 'utf8');
    const compressed = deflateRawSync(file.data);
    const crc = crc32(file.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(dosTime, 10);
    local.writeUInt16LE(dosDate, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(file.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // made by
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(dosTime, 12);
    central.writeUInt16LE(dosDate, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(file.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, compressed);
    centrals.push(central, name);
    offset += local.length + name.length + compressed.length;
  }
  const centralSize = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}
