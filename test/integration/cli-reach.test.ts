// `npm run cli -- reach` against the fake Slack, on both stores: every active participant with the
// account they are reached on (found by email and linked when needed), or why not; exit 1 while
// anyone cannot be reached, 0 once everyone can.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/run.js';
import { addPerson, makeContext, TestClock } from '../support/fixtures.js';
import { startFakeSlack, type FakeSlack } from '../support/fake-slack.js';
import { STORE_KINDS, useTestStore, type TestStore } from '../support/stores.js';

const NOW = '2026-11-20T15:00:00Z';

describe.each(STORE_KINDS)('reach on %s', (kind) => {
  const store = useTestStore(kind);
  let slack: FakeSlack;
  beforeAll(async () => {
    slack = await startFakeSlack();
  });
  afterAll(() => slack.close());

  async function cli(s: TestStore, ...argv: string[]) {
    const env = { SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_SIGNING_SECRET: 'secret', SLACK_API_URL: slack.url, PROGRAM_FILE: '' };
    const io = memoryIo({ store: s, clock: new TestClock(new Date(NOW)), env });
    const code = await runCli(argv, io);
    return { code, out: io.out(), err: io.err() };
  }

  it('lists each participant with their account or the reason, links what it finds by email, and exits 1 until everyone is reachable', async () => {
    const s = store();
    const ctx = await makeContext(s.prisma, { now: NOW });
    // The CLI's program is the configured default one: enroll people there.
    const first = await cli(s, 'reach');
    expect(first.code).toBe(0);
    const program = await s.prisma.program.findFirstOrThrow({ where: { slug: { not: ctx.program.slug } } });
    const there = { ...ctx, program: { ...ctx.program, id: program.id } };
    await addPerson(there, { name: 'Dr Linked', roles: ['MENTOR'], slack: { teamId: 'T0001', userId: 'ULINKED' } });
    await addPerson(there, { name: 'Dr Found', email: 'found@example.org', roles: ['MENTEE'] });
    await addPerson(there, { name: 'Dr Nowhere', email: 'nowhere@example.org', roles: ['MENTEE'] });
    slack.users.set('UFOUND', { email: 'found@example.org', name: 'Dr Found', teamId: 'T0001' });

    const result = await cli(s, 'reach');
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/Dr Linked .*Slack T0001\/ULINKED/);
    expect(result.out).toMatch(/Dr Found .*Slack T0001\/UFOUND \(found by email now\)/);
    expect(result.out).toMatch(/Dr Nowhere .*cannot be reached: no Slack member with nowhere@example\.org in workspace T0001: add slack_user_id to the roster/);
    expect(result.out).toContain('1 of 3 active participants cannot be reached.');
    expect(await s.prisma.chatAccount.count({ where: { userId: 'UFOUND' } })).toBe(1);

    slack.users.set('UNOWHERE', { email: 'nowhere@example.org', name: 'Dr Nowhere', teamId: 'T0001' });
    const again = await cli(s, 'reach');
    expect(again.out).toContain('All 3 active participants can be reached.');
    expect(again.code).toBe(0);
  }, 120_000);
});
