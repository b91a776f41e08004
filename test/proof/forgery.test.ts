// Forged and replayed requests, many variants each (fast-check): a Slack request whose signature is
// wrong, made with another secret, for another body or timestamp, stale, or missing a header is
// refused with 401 and changes nothing: no row, no outbound call. A Teams activity with no token or
// a bad one, with Bot Framework authentication on, likewise — and no call to Microsoft.
import dns from 'node:dns';
import { createHmac, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPairing, addPerson } from '../support/fixtures.js';
import { formBody, postSigned, slackSignature, TEST_SIGNING_SECRET } from '../support/slack-sign.js';
import { blockActions, eventCallback, slashCommand, viewSubmission } from '../fixtures/slack/payloads.js';
import { messageActivity, postActivity, invokeActivity } from '../support/fake-teams.js';
import { budget, runs, settle, snapshot, startProofBot, type ProofBot } from './support.js';

let bot: ProofBot;
const lookedUp: string[] = [];
const originalLookup = dns.lookup;
const TEAM = 'T0001';

beforeAll(async () => {
  // Every host name the process resolves: a call to Microsoft (or Slack) would start with one.
  (dns as { lookup: unknown }).lookup = ((hostname: string, ...rest: unknown[]) => {
    lookedUp.push(hostname);
    return (originalLookup as (...a: unknown[]) => unknown)(hostname, ...rest);
  }) as typeof dns.lookup;
  bot = await startProofBot({ teamsAuth: true });
  const ctx = bot.app.ctx;
  const mentor = await addPerson(ctx, { name: 'Dr Maria Mentor', roles: ['MENTOR'], slack: { teamId: TEAM, userId: 'UMENTOR' }, teams: { tenantId: 'tenant-0001', userId: 'aad-mentor' } });
  const mentee = await addPerson(ctx, { name: 'Dr Ade Mentee', roles: ['MENTEE'], slack: { teamId: TEAM, userId: 'UMENTEE' } });
  await addPerson(ctx, { name: 'Cora Coordinator', roles: ['COORDINATOR'], slack: { teamId: TEAM, userId: 'UCOORD' } });
  await addPairing(ctx, mentor, mentee);
  bot.slack.users.set('UMENTOR', { name: 'Dr Maria Mentor', email: 'dr.maria.mentor@example.org', teamId: TEAM });
  bot.slack.users.set('UCOORD', { name: 'Cora Coordinator', email: 'cora.coordinator@example.org', teamId: TEAM });
}, 120_000);

afterAll(async () => {
  (dns as { lookup: unknown }).lookup = originalLookup;
  await bot?.close();
});

const eventsUrl = () => `${bot.app.url}/slack/events`;

/** Requests that would change something if they were accepted. */
function slackBodies(): fc.Arbitrary<string> {
  const responseUrl = () => bot.slack.responseUrl('forged');
  return fc.oneof(
    fc.constantFrom('45m video Forged meeting topics', '1h in-person Billing', '2026-11-19 30m phone Referrals').map(
      (text) => slashCommand({ command: '/meeting', text, userId: 'UMENTOR', teamId: TEAM, responseUrl: responseUrl() }).body,
    ),
    fc.constant(null).map(() => slashCommand({ command: '/mentorship', text: 'enroll forged@example.org as coordinator', userId: 'UCOORD', teamId: TEAM, responseUrl: responseUrl() }).body),
    fc.constant(null).map(() => slashCommand({ command: '/cpd', text: '2h group Forged journal club', userId: 'UMENTEE', teamId: TEAM, responseUrl: responseUrl() }).body),
    fc.constant(null).map(() => blockActions({ userId: 'UCOORD', actionId: 'digest.export', value: 'summary', responseUrl: responseUrl() })),
    fc.constant(null).map(() =>
      viewSubmission({
        userId: 'UMENTOR',
        view: { callback_id: 'form:meeting', private_metadata: '{}', blocks: [] },
        values: { topics: { topics: { type: 'plain_text_input', value: 'Forged' } } },
      }),
    ),
    fc.constant(null).map(() => eventCallback({ event: { type: 'app_home_opened', user: 'UMENTOR', channel: 'DUMENTOR', tab: 'home' } })),
  );
}

type Forgery =
  | { kind: 'random-signature'; hex: string }
  | { kind: 'other-secret'; secret: string }
  | { kind: 'tampered-body'; suffix: string }
  | { kind: 'stale'; ageSeconds: number }
  | { kind: 'signature-for-other-timestamp'; delta: number }
  | { kind: 'no-signature' }
  | { kind: 'no-timestamp' }
  | { kind: 'non-numeric-timestamp'; value: string }
  | { kind: 'wrong-version' }
  | { kind: 'empty-signature' };

const forgeries: fc.Arbitrary<Forgery> = fc.oneof(
  fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 64, maxLength: 64 }).map((hex) => ({ kind: 'random-signature' as const, hex })),
  fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s !== TEST_SIGNING_SECRET).map((secret) => ({ kind: 'other-secret' as const, secret })),
  fc.string({ minLength: 1, maxLength: 20 }).map((suffix) => ({ kind: 'tampered-body' as const, suffix })),
  fc.integer({ min: 301, max: 400 * 86_400 }).map((ageSeconds) => ({ kind: 'stale' as const, ageSeconds })),
  fc.integer({ min: -300, max: 300 }).filter((d) => d !== 0).map((delta) => ({ kind: 'signature-for-other-timestamp' as const, delta })),
  fc.constant({ kind: 'no-signature' as const }),
  fc.constant({ kind: 'no-timestamp' as const }),
  fc.constantFrom('', 'abc', '1e10', '-1', 'NaN', ' 1700000000').map((value) => ({ kind: 'non-numeric-timestamp' as const, value })),
  fc.constant({ kind: 'wrong-version' as const }),
  fc.constant({ kind: 'empty-signature' as const }),
);

async function sendForged(body: string, forgery: Forgery): Promise<number> {
  const now = Math.floor(Date.now() / 1000);
  const contentType = body.startsWith('{') ? 'application/json' : 'application/x-www-form-urlencoded';
  const raw = async (headers: Record<string, string>, payload = body) =>
    (await fetch(eventsUrl(), { method: 'POST', headers: { 'content-type': contentType, ...headers }, body: payload })).status;
  switch (forgery.kind) {
    case 'random-signature':
      return (await postSigned(eventsUrl(), body, { signature: `v0=${forgery.hex}` })).status;
    case 'other-secret':
      return (await postSigned(eventsUrl(), body, { secret: forgery.secret })).status;
    case 'tampered-body': {
      const signature = slackSignature(TEST_SIGNING_SECRET, now, body);
      const tampered = contentType === 'application/json' ? body.replace('"UMENTOR"', '"UCOORD"') + forgery.suffix.replace(/[{}]/g, '') : `${body}&text=${encodeURIComponent(forgery.suffix)}`;
      return raw({ 'x-slack-request-timestamp': String(now), 'x-slack-signature': signature }, tampered === body ? `${body} ` : tampered);
    }
    case 'stale':
      // Correctly signed, for a moment more than five minutes ago: a captured request replayed late.
      return (await postSigned(eventsUrl(), body, { timestamp: now - forgery.ageSeconds })).status;
    case 'signature-for-other-timestamp':
      return raw({ 'x-slack-request-timestamp': String(now), 'x-slack-signature': slackSignature(TEST_SIGNING_SECRET, now + forgery.delta, body) });
    case 'no-signature':
      return (await postSigned(eventsUrl(), body, { signature: null })).status;
    case 'no-timestamp':
      return raw({ 'x-slack-signature': slackSignature(TEST_SIGNING_SECRET, now, body) });
    case 'non-numeric-timestamp':
      return raw({ 'x-slack-request-timestamp': forgery.value, 'x-slack-signature': slackSignature(TEST_SIGNING_SECRET, now, body) });
    case 'wrong-version':
      return (await postSigned(eventsUrl(), body, { signature: slackSignature(TEST_SIGNING_SECRET, now, body).replace(/^v0=/, 'v1=') })).status;
    case 'empty-signature':
      return (await postSigned(eventsUrl(), body, { signature: '' })).status;
  }
}

describe('forged Slack requests', () => {
  it('are refused with 401 and change nothing, whatever the request and the forgery', async () => {
    const before = await snapshot(bot);
    await fc.assert(
      fc.asyncProperty(slackBodies(), forgeries, async (body, forgery) => {
        const status = await sendForged(body, forgery);
        expect(status, `${forgery.kind}`).toBe(401);
      }),
      { numRuns: runs(80) },
    );
    await settle(300);
    expect(await snapshot(bot)).toEqual(before);
  }, budget(30_000));

  it('a correctly signed request replayed after five minutes is refused; within them it creates nothing twice', async () => {
    const { body } = slashCommand({ command: '/meeting', text: '40m video Replayed topics', userId: 'UMENTOR', teamId: TEAM, responseUrl: bot.slack.responseUrl('replay') });
    const timestamp = Math.floor(Date.now() / 1000);
    const first = await postSigned(eventsUrl(), body, { timestamp });
    expect(first.status).toBe(200);
    await bot.slack.waitForResponse('replay', () => true, 10_000);
    await settle(200);
    const afterFirst = await snapshot(bot);
    expect(await bot.db.meeting.count({ where: { topics: { contains: 'Replayed' } } })).toBe(1);

    // The very same bytes and headers again (an attacker on the path, or Slack retrying).
    for (let i = 0; i < 3; i++) expect((await postSigned(eventsUrl(), body, { timestamp })).status).toBe(200);
    await settle(500);
    expect(await bot.db.meeting.count({ where: { topics: { contains: 'Replayed' } } })).toBe(1);
    const afterReplay = await snapshot(bot);
    expect({ ...afterReplay, slackCalls: 0, slackResponses: 0, lastUpdate: 0 }).toEqual({ ...afterFirst, slackCalls: 0, slackResponses: 0, lastUpdate: 0 });

    // Captured and replayed later: the signature is still right, but the timestamp is stale.
    for (const age of [301, 3600, 86_400]) {
      expect((await postSigned(eventsUrl(), body, { timestamp: timestamp - age })).status).toBe(401);
    }
    await settle(200);
    expect((await snapshot(bot)).Meeting).toBe(afterReplay.Meeting);
  });

  it('an unsigned request to a path that is not Slack\'s changes nothing either', async () => {
    const before = await snapshot(bot);
    const body = formBody({ command: '/meeting', text: '45m video x', user_id: 'UMENTOR', team_id: TEAM });
    for (const path of ['/slack/events/', '/slack/event', '/slack', '/api/slack/events', '/SLACK/EVENTS']) {
      const status = (await fetch(`${bot.app.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body })).status;
      expect(status).toBeGreaterThanOrEqual(400);
      expect(status).toBeLessThan(500);
    }
    await settle(200);
    expect(await snapshot(bot)).toEqual(before);
  });
});

function jwt(header: object, payload: object, key: Buffer | null): string {
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const unsigned = `${b64(header)}.${b64(payload)}`;
  const signature = key ? createHmac('sha256', key).update(unsigned).digest('base64url') : '';
  return `${unsigned}.${signature}`;
}

describe('forged Teams activities (Bot Framework authentication on)', () => {
  const now = Math.floor(Date.now() / 1000);
  const claims = { iss: 'https://api.botframework.com', aud: '6f1c2a4e-3b5d-4c7e-9f10-2a3b4c5d6e7f', serviceurl: 'http://127.0.0.1:9/', nbf: now - 60, exp: now + 3600 };
  // Not even shaped like a JWT: refused before anything else happens.
  const malformed: fc.Arbitrary<Record<string, string>> = fc.oneof(
    fc.constant({}),
    fc.string({ maxLength: 60 }).filter((s) => s.split('.').length !== 3).map((s) => ({ authorization: `Bearer ${s}` })),
    fc.string({ maxLength: 60 }).map((s) => ({ authorization: s })),
    fc.constant({ authorization: 'Basic dXNlcjpwYXNz' }),
    fc.constant({ authorization: 'Bearer ' }),
  );
  // Shaped like a JWT but never valid: unsigned, signed the wrong way (HMAC with a key of our own), or expired.
  const impossibleJwts: fc.Arbitrary<Record<string, string>> = fc.oneof(
    fc.constant(null).map(() => ({ authorization: `Bearer ${jwt({ alg: 'none', typ: 'JWT' }, claims, null)}` })),
    fc.constant(null).map(() => ({ authorization: `Bearer ${jwt({ alg: 'HS256', typ: 'JWT' }, claims, randomBytes(32))}` })),
    fc.constant(null).map(() => ({ authorization: `Bearer ${jwt({ alg: 'RS256', typ: 'JWT', kid: 'forged' }, { ...claims, exp: now - 3600 }, randomBytes(32))}` })),
    fc.constant(null).map(() => ({ authorization: `Bearer ${jwt({ alg: 'RS256', typ: 'JWT', kid: 'forged' }, { ...claims, nbf: now + 3600 }, randomBytes(32))}` })),
  );
  // RS256, in date, with a signature of our own: only Microsoft's signing keys can tell, and fetching
  // them is impossible offline.
  const forgedSignature = () => ({ authorization: `Bearer ${jwt({ alg: 'RS256', typ: 'JWT', kid: 'forged' }, claims, randomBytes(32))}` });
  const activities = fc.oneof(
    fc.constantFrom('meeting 45m video Forged in Teams', 'cpd 2h group Forged', 'progress', 'mentorship enroll forged@example.org as coordinator').map((text) =>
      messageActivity({ serviceUrl: bot.teams.serviceUrl, user: { tenantId: 'tenant-0001', aadObjectId: 'aad-mentor' } }, text),
    ),
    fc.constant(null).map(() => invokeActivity({ serviceUrl: bot.teams.serviceUrl, user: { tenantId: 'tenant-0001', aadObjectId: 'aad-mentor' } }, 'task/submit', { data: { verb: 'form', formId: 'meeting', topics: 'Forged' } })),
  );

  /** Every activity with these headers gets 401, nothing changes, and no host but loopback is looked up. */
  async function refusedAt401Offline(headers: fc.Arbitrary<Record<string, string>>, numRuns: number): Promise<void> {
    const before = await snapshot(bot);
    lookedUp.length = 0;
    await fc.assert(
      fc.asyncProperty(activities, headers, async (activity, h) => {
        const { status } = await postActivity(bot.app.url, activity, h);
        expect(status).toBe(401);
      }),
      { numRuns },
    );
    await settle(300);
    expect(await snapshot(bot)).toEqual(before);
    expect(lookedUp.filter((h) => h !== '127.0.0.1' && h !== 'localhost')).toEqual([]);
  }

  it('with no token or a malformed one are refused with 401, change nothing, and make no call to Microsoft', async () => {
    await refusedAt401Offline(malformed, runs(40));
  }, budget(30_000));

  it('with a JWT that can never be valid (unsigned, HMAC, expired, not yet valid) are refused with 401 at once, without a call to Microsoft', async () => {
    await refusedAt401Offline(impossibleJwts, runs(30));
  }, budget(30_000));

  it('with a forged RS256 signature are refused and change nothing', async () => {
    const before = await snapshot(bot);
    for (const activity of fc.sample(activities, { numRuns: 3, seed: 1 })) {
      const { status } = await postActivity(bot.app.url, activity, forgedSignature());
      // 401 where Microsoft's keys can be fetched; here, offline, the check cannot complete (see the report).
      expect(status === 401 || status === 403 || status >= 500).toBe(true);
    }
    await settle(300);
    expect(await snapshot(bot)).toEqual(before);
  }, budget(30_000));
});
