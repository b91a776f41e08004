// With a Teams app id configured, Bot Framework authentication is on: a request without a valid token
// gets 401 and changes nothing, and the check fails before any outbound call (no Microsoft login).
import dns from 'node:dns';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../../src/app.js';
import { parseEnv } from '../../src/config/env.js';
import { pgliteTemplate } from '../support/stores.js';
import { createLogger } from '../../src/http/logger.js';
import { addPairing, addPerson } from '../support/fixtures.js';
import { messageActivity, postActivity, startFakeTeams, type FakeTeams } from '../support/fake-teams.js';

let app: RunningApp;
let teams: FakeTeams;
let dir: string;
let logged = '';
const logLines = new Writable({
  write(chunk: Buffer, _encoding, done) {
    logged += chunk.toString();
    done();
  },
});
const lookedUp: string[] = [];
const originalLookup = dns.lookup;

beforeAll(async () => {
  process.env.NO_PROXY = '127.0.0.1,localhost';
  // Every host name the process resolves from here on: a call to Microsoft would start with one.
  (dns as { lookup: unknown }).lookup = ((hostname: string, ...rest: unknown[]) => {
    lookedUp.push(hostname);
    return (originalLookup as (...a: unknown[]) => unknown)(hostname, ...rest);
  }) as typeof dns.lookup;
  teams = await startFakeTeams();
  dir = await mkdtemp(join(tmpdir(), 'mb-teams-auth-'));
  const env = parseEnv({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    DATA_DIR: dir,
    TEAMS_APP_ID: '6f1c2a4e-3b5d-4c7e-9f10-2a3b4c5d6e7f',
    TEAMS_APP_PASSWORD: 'not-a-real-secret',
    // No TEAMS_APP_TYPE: single-tenant is the default registration.
    TEAMS_APP_TENANT_ID: 'tenant-0001',
  });
  app = await startApp(env, { storeTemplate: await pgliteTemplate(), scheduler: false, logger: createLogger('info', logLines) });
  const mentor = await addPerson(app.ctx, { name: 'Dr Maria Mentor', roles: ['MENTOR'], teams: { tenantId: 'tenant-0001', userId: 'aad-mentor' } });
  const mentee = await addPerson(app.ctx, { name: 'Dr Ade Mentee', roles: ['MENTEE'] });
  await addPairing(app.ctx, mentor, mentee);
});

afterAll(async () => {
  (dns as { lookup: unknown }).lookup = originalLookup;
  await app?.close();
  await teams?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('Teams with Bot Framework authentication', () => {
  it('starts as a single-tenant bot by default, in the tenant it was given', () => {
    expect(app.ctx).toBeDefined();
    expect(logged).toMatch(/"teams":"on \(POST \/api\/messages; SingleTenant registration in tenant tenant-0001\)"/);
  });

  it('refuses to start a single-tenant bot without its tenant id, naming TEAMS_APP_TENANT_ID', () => {
    const start = () => parseEnv({ TEAMS_APP_ID: '6f1c2a4e-3b5d-4c7e-9f10-2a3b4c5d6e7f', TEAMS_APP_PASSWORD: 'not-a-real-secret' });
    expect(start).toThrow(/TEAMS_APP_TENANT_ID: is needed for a single-tenant bot \(TEAMS_APP_TYPE=SingleTenant, the default\)/);
    // The older registrations still start.
    expect(parseEnv({ TEAMS_APP_ID: '6f1c2a4e-3b5d-4c7e-9f10-2a3b4c5d6e7f', TEAMS_APP_PASSWORD: 'pw', TEAMS_APP_TYPE: 'MultiTenant', TEAMS_TRUSTED_TENANTS: '72f988bf-86f1-41af-91ab-2d7cd011db47' }).TEAMS_APP_TYPE).toBe('MultiTenant');
    expect(() => parseEnv({ TEAMS_APP_ID: '6f1c2a4e-3b5d-4c7e-9f10-2a3b4c5d6e7f', TEAMS_APP_TYPE: 'UserAssignedMSI' })).toThrow(/TEAMS_APP_TENANT_ID: is needed for TEAMS_APP_TYPE=UserAssignedMSI/);
    expect(parseEnv({ TEAMS_APP_ID: '6f1c2a4e-3b5d-4c7e-9f10-2a3b4c5d6e7f', TEAMS_APP_TYPE: 'UserAssignedMSI', TEAMS_APP_TENANT_ID: 't' }).TEAMS_APP_TYPE).toBe('UserAssignedMSI');
  });

  it.each([
    ['no Authorization header', {}],
    ['a token that is not a JWT', { authorization: 'Bearer not-a-jwt' }],
    ['a non-Bearer scheme', { authorization: 'Basic dXNlcjpwYXNz' }],
  ] as const)('answers 401 to a request with %s, and changes nothing', async (_what, headers) => {
    const before = { meetings: await app.ctx.db.meeting.count(), accounts: await app.ctx.db.chatAccount.count() };
    lookedUp.length = 0;

    const activity = messageActivity({ serviceUrl: teams.serviceUrl, user: { tenantId: 'tenant-0001', aadObjectId: 'aad-mentor' } }, 'meeting 2026-11-19 45m video Forged');
    const { status } = await postActivity(app.url, activity, headers);

    expect(status).toBe(401);
    expect(await app.ctx.db.meeting.count()).toBe(before.meetings);
    expect(await app.ctx.db.chatAccount.count()).toBe(before.accounts);
    expect(teams.activities()).toHaveLength(0);
    expect(teams.memberLookups()).toHaveLength(0);
    expect(lookedUp.filter((h) => h !== '127.0.0.1' && h !== 'localhost')).toEqual([]);
  });
});
