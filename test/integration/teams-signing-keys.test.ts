// Issue 12, finding 6: with Teams authentication on, Bot Framework's signing keys are fetched once and
// kept; a forged token is refused with 401 without another fetch; when the keys cannot be had, requests
// get 503; and no answer carries an internal detail (a fetch error, a host name). Through the real
// teams-ai application over HTTP, with a fake OpenID endpoint standing in for Microsoft's.
import { createServer, type Server } from 'node:http';
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../../src/app.js';
import { parseEnv } from '../../src/config/env.js';
import { createLogger } from '../../src/http/logger.js';
import { signingKeys } from '../../src/teams/signing-keys.js';
import { pgliteTemplate } from '../support/stores.js';
import { messageActivity, postActivity, startFakeTeams, type FakeTeams } from '../support/fake-teams.js';

const APP_ID = '6f1c2a4e-3b5d-4c7e-9f10-2a3b4c5d6e7f';

function keyPair(): { privateKey: KeyObject; jwk: Record<string, unknown> } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { privateKey, jwk: publicKey.export({ format: 'jwk' }) as Record<string, unknown> };
}

function jwt(kid: string, key: KeyObject): string {
  const now = Math.floor(Date.now() / 1000);
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const unsigned = `${b64({ alg: 'RS256', typ: 'JWT', kid })}.${b64({ iss: 'https://api.botframework.com', aud: APP_ID, nbf: now - 60, exp: now + 3600 })}`;
  return `${unsigned}.${sign('RSA-SHA256', Buffer.from(unsigned), key).toString('base64url')}`;
}

/** Microsoft's OpenID metadata and key set, counted; `failing` answers 500 instead. */
async function fakeOpenId(jwks: Record<string, unknown>[]) {
  const state = { metadataFetches: 0, keyFetches: 0, failing: false };
  const server: Server = createServer((req, res) => {
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.url === '/metadata') {
      state.metadataFetches++;
      return state.failing ? json(500, { error: 'down' }) : json(200, { jwks_uri: `http://127.0.0.1:${(server.address() as { port: number }).port}/keys` });
    }
    if (req.url === '/keys') {
      state.keyFetches++;
      return json(200, { keys: jwks });
    }
    json(404, {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/metadata`;
  return { state, url, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const microsoft = keyPair();
const attacker = keyPair();

describe('Teams signing keys over HTTP', () => {
  let app: RunningApp;
  let teams: FakeTeams;
  let openId: Awaited<ReturnType<typeof fakeOpenId>>;
  let dir: string;

  beforeAll(async () => {
    process.env.NO_PROXY = '127.0.0.1,localhost';
    teams = await startFakeTeams();
    openId = await fakeOpenId([{ ...microsoft.jwk, kid: 'k1', use: 'sig' }]);
    dir = await mkdtemp(join(tmpdir(), 'mb-teams-keys-'));
    const env = parseEnv({
      NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', DATA_DIR: dir,
      TEAMS_APP_ID: APP_ID, TEAMS_APP_PASSWORD: 'not-a-real-secret', TEAMS_APP_TYPE: 'SingleTenant', TEAMS_APP_TENANT_ID: 'tenant-0001',
      TEAMS_OPENID_METADATA_URL: openId.url,
    });
    app = await startApp(env, { storeTemplate: await pgliteTemplate(), scheduler: false, logger: createLogger('silent') });
  });

  afterAll(async () => {
    await app?.close();
    await teams?.close();
    await openId?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const activity = () => messageActivity({ serviceUrl: teams.serviceUrl, user: { tenantId: 'tenant-0001', aadObjectId: 'aad-mentor' } }, 'progress');
  const post = (token: string) => postActivity(app.url, activity(), { authorization: `Bearer ${token}` });

  it('refuses forged tokens with 401, fetching the keys once for all of them', async () => {
    for (const token of [jwt('k1', attacker.privateKey), jwt('forged', attacker.privateKey), jwt('k1', attacker.privateKey), jwt('other', microsoft.privateKey)]) {
      const { status, body } = await post(token);
      expect(status).toBe(401);
      expect(JSON.stringify(body)).not.toMatch(/127\.0\.0\.1|fetch|ECONN|stack/i);
    }
    expect(openId.state.metadataFetches).toBe(1);
    expect(openId.state.keyFetches).toBe(1);
  });

  it('answers a token signed with the right key, whose full check botbuilder cannot finish here, with 503 and no detail', async () => {
    // botbuilder checks issuer and audience against Microsoft's own endpoint, unreachable offline.
    const { status, body } = await post(jwt('k1', microsoft.privateKey));
    expect(status === 401 || status === 503).toBe(true);
    expect(JSON.stringify(body)).not.toMatch(/login\.botframework|ENOTFOUND|EAI_AGAIN|fetch|Failed to load/i);
    expect(openId.state.metadataFetches).toBe(1);
  });
});

describe('the key cache', () => {
  it('answers "unavailable" while the keys cannot be fetched, and tries again only after a pause', async () => {
    const openId = await fakeOpenId([{ ...microsoft.jwk, kid: 'k1' }]);
    try {
      openId.state.failing = true;
      let t = 1_000_000;
      const keys = signingKeys({ metadataUrl: openId.url, now: () => t });
      for (let i = 0; i < 5; i++) expect(await keys.check(jwt('k1', attacker.privateKey))).toBe('unavailable');
      expect(openId.state.metadataFetches).toBe(1);
      t += 61_000;
      openId.state.failing = false;
      expect(await keys.check(jwt('k1', microsoft.privateKey))).toBe('valid');
      expect(await keys.check(jwt('k1', attacker.privateKey))).toBe('invalid');
      // An unknown key id refreshes at most once an hour.
      for (let i = 0; i < 5; i++) expect(await keys.check(jwt(`new-${i}`, attacker.privateKey))).toBe('invalid');
      expect(openId.state.metadataFetches).toBe(2);
      t += 61 * 60_000;
      expect(await keys.check(jwt('newer', attacker.privateKey))).toBe('invalid');
      expect(openId.state.metadataFetches).toBe(3);
    } finally {
      await openId.close();
    }
  });
});
