// `npm run cli -- manifest …` gives files ready to upload: the Slack manifest for a given host (or
// Socket Mode) with no placeholder left, and the Teams package with the program's links and version.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { memoryIo } from '../../../src/cli/io.js';
import { runCli } from '../../../src/cli/run.js';
import { COMMANDS } from '../../../src/core/commands/index.js';

const APP_ID = '6f1c2a4e-3b5d-4c7e-9f10-2a3b4c5d6e7f';

async function cli(env: Record<string, string>, ...argv: string[]) {
  const io = memoryIo({ env, cwd: tmpdir() });
  const code = await runCli(argv, io);
  return { code, out: io.out(), err: io.err() };
}

/** manifest.json out of the zip the command wrote (stored entries are deflated, one after another). */
function manifestOf(zip: Buffer): Record<string, unknown> {
  for (let at = 0; zip.readUInt32LE(at) === 0x04034b50; ) {
    const size = zip.readUInt32LE(at + 18);
    const nameLength = zip.readUInt16LE(at + 26);
    const name = zip.subarray(at + 30, at + 30 + nameLength).toString('utf8');
    const data = zip.subarray(at + 30 + nameLength, at + 30 + nameLength + size);
    if (name === 'manifest.json') return JSON.parse(inflateRawSync(data).toString('utf8')) as Record<string, unknown>;
    at += 30 + nameLength + size;
  }
  throw new Error('no manifest.json in the zip');
}

describe('manifest slack', () => {
  it('--host puts the host in every request URL, with no placeholder left', async () => {
    const result = await cli({}, 'manifest', 'slack', '--host', 'bot.hospital.example');
    expect(result.code).toBe(0);
    expect(result.out).not.toMatch(/YOUR-HOST/);
    const manifest = parse(result.out);
    const url = 'https://bot.hospital.example/slack/events';
    expect(manifest.features.slash_commands.map((c: { url: string }) => c.url)).toEqual(COMMANDS.map(() => url));
    expect(manifest.settings.event_subscriptions.request_url).toBe(url);
    expect(manifest.settings.interactivity.request_url).toBe(url);
    expect(manifest.settings.socket_mode_enabled).toBe(false);
    expect(result.out.match(/https:\/\/bot\.hospital\.example\/slack\/events/g)).toHaveLength(COMMANDS.length + 2);
  });

  it('--socket-mode makes a Socket Mode app with no request URL at all', async () => {
    const result = await cli({}, 'manifest', 'slack', '--socket-mode');
    expect(result.code).toBe(0);
    expect(result.out).not.toMatch(/YOUR-HOST|request_url|url:/);
    expect(parse(result.out).settings.socket_mode_enabled).toBe(true);
  });

  it('refuses a host that is not one, and both options at once', async () => {
    const bad = await cli({}, 'manifest', 'slack', '--host', 'my bot');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/"my bot" is not a host name: expected the bot's public host, e\.g\. --host bot\.hospital\.example/);
    const both = await cli({}, 'manifest', 'slack', '--host', 'bot.hospital.example', '--socket-mode');
    expect(both.code).toBe(2);
  });
});

describe('manifest teams', () => {
  it('puts the program\'s links and version in the package, and warns while example.org links are left', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'teams-links-'));
    try {
      const env = {
        TEAMS_APP_ID: APP_ID,
        TEAMS_APP_PASSWORD: 'pw',
        TEAMS_APP_TENANT_ID: '72f988bf-86f1-41af-91ab-2d7cd011db47',
        TEAMS_APP_WEBSITE_URL: 'https://hospital.example/mentorship',
        TEAMS_APP_PRIVACY_URL: 'https://hospital.example/privacy',
        TEAMS_APP_TERMS_URL: 'https://hospital.example/terms',
        TEAMS_APP_VERSION: '1.2.3',
      };
      const done = await cli(env, 'manifest', 'teams', '--out', join(dir, 'app.zip'));
      expect(done.code).toBe(0);
      expect(done.err).toBe('');
      const manifest = manifestOf(await readFile(join(dir, 'app.zip')));
      expect(manifest.version).toBe('1.2.3');
      expect(manifest.developer).toMatchObject({ websiteUrl: env.TEAMS_APP_WEBSITE_URL, privacyUrl: env.TEAMS_APP_PRIVACY_URL, termsOfUseUrl: env.TEAMS_APP_TERMS_URL });
      expect(JSON.stringify(manifest)).not.toContain('example.org');

      const plain = await cli({ TEAMS_APP_ID: APP_ID, TEAMS_APP_PASSWORD: 'pw', TEAMS_APP_TENANT_ID: '72f988bf-86f1-41af-91ab-2d7cd011db47' }, 'manifest', 'teams', '--out', join(dir, 'plain.zip'));
      expect(plain.code).toBe(0);
      expect(plain.err).toMatch(/still links to example\.org: set TEAMS_APP_WEBSITE_URL, TEAMS_APP_PRIVACY_URL, TEAMS_APP_TERMS_URL/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses links that are not https and a version that is not MAJOR.MINOR.PATCH', async () => {
    const result = await cli({ TEAMS_APP_ID: APP_ID, TEAMS_APP_PASSWORD: 'pw', TEAMS_APP_TENANT_ID: '72f988bf-86f1-41af-91ab-2d7cd011db47', TEAMS_APP_PRIVACY_URL: 'hospital.example/privacy', TEAMS_APP_VERSION: '2' }, 'manifest', 'teams');
    expect(result.code).toBe(1);
    expect(result.err).toContain('TEAMS_APP_PRIVACY_URL: expected an https:// address, e.g. TEAMS_APP_PRIVACY_URL=https://hospital.example/mentorship/privacy (got "hospital.example/privacy")');
    expect(result.err).toContain('TEAMS_APP_VERSION: expected a version MAJOR.MINOR.PATCH');
  });
});
