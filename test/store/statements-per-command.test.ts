// What a participant's everyday command costs the database: SQL statements counted in the driver
// adapter (src/store/statement-count.ts) — a count, never a time. Issue 16 asks for at most 3 round
// trips (statements, and a BEGIN and a COMMIT per interactive transaction) for a linked participant's
// /progress, /meeting, /cpd, /goals; the bounds below are what the code does now, so that a change
// that adds round trips fails here.
import { describe, expect, it } from 'vitest';
import { STORE_KINDS, useTestStore } from '../support/stores.js';
import { addPairing, addPerson, makeContext, slackConversation } from '../support/fixtures.js';
import { runCommand, type Request } from '../../src/core/dispatch.js';
import type { CoreContext } from '../../src/core/context.js';
import type { Reply } from '../../src/core/ui/reply.js';
import { actorById, resolveActor } from '../../src/core/services/identity.service.js';
import { programProgress } from '../../src/core/services/progress.service.js';
import { buildDigest } from '../../src/core/services/digest.service.js';

const TEAM = 'T0001';
const MENTOR = 'U0MENTOR';
const MENTEE = 'U0MENTEE';

const textOf = (reply: Reply): string => JSON.stringify(reply);

describe.each(STORE_KINDS)('statements per command on %s', (kind) => {
  const store = useTestStore(kind);

  async function scene(): Promise<CoreContext> {
    const ctx = await makeContext(store().prisma);
    const mentor = await addPerson(ctx, { name: 'Dana Mentor', roles: ['MENTOR'], slack: { teamId: TEAM, userId: MENTOR } });
    const mentee = await addPerson(ctx, { name: 'Ravi Mentee', roles: ['MENTEE'], slack: { teamId: TEAM, userId: MENTEE } });
    await addPairing(ctx, mentor, mentee);
    return ctx;
  }

  const platformUser = (userId: string) => ({ platform: 'SLACK' as const, workspaceId: TEAM, userId, lookupProfile: async () => ({}) });
  const request = (ctx: CoreContext, userId: string, n: number): Request => ({
    ctx,
    user: platformUser(userId),
    conversation: slackConversation(TEAM),
    requestId: `req-${userId}-${n}`,
  });

  /** Statements `work` sends, the interactive transactions it opens (each a BEGIN and a COMMIT more), and what it returned. */
  async function counted<T>(work: () => Promise<T>): Promise<{ statements: number; transactions: number; roundTrips: number; result: T }> {
    const before = { ...store().sent };
    const result = await work();
    const statements = store().sent.statements - before.statements;
    const transactions = store().sent.transactions - before.transactions;
    return { statements, transactions, roundTrips: statements + 2 * transactions, result };
  }

  it('a linked actor with its person and enrollments is one statement, and the same actor as by id', async () => {
    const ctx = await scene();
    const both = await addPerson(ctx, { name: 'Lee Both', roles: ['MENTOR', 'COORDINATOR'], slack: { teamId: TEAM, userId: 'U0BOTH' }, start: '2026-02-01' });
    await ctx.db.enrollment.create({
      data: { programId: ctx.program.id, personId: both.personId, role: 'MENTEE', pathway: 'PRA_MB_SP', cpdSystem: 'MOC', startDate: new Date('2025-01-06T00:00:00Z'), endDate: new Date('2026-01-05T00:00:00Z'), status: 'COMPLETED' },
    });
    const { statements, result } = await counted(() => resolveActor(ctx, platformUser('U0BOTH')));
    expect(statements).toBe(1);
    const byId = await actorById(ctx, both.personId);
    const sorted = (a: typeof result) => ({ ...a, enrollments: [...a.enrollments].sort((x, y) => x.id.localeCompare(y.id)), roles: [...a.roles].sort() });
    expect(sorted(result)).toEqual(sorted(byId));
    expect([...result.roles].sort()).toEqual(['COORDINATOR', 'MENTOR']);
    expect(result.enrollments.find((e) => e.role === 'MENTEE')).toMatchObject({ status: 'COMPLETED', pathway: 'PRA_MB_SP', startDate: '2025-01-06', endDate: '2026-01-05' });
  });

  it('a participant’s /progress, /goals, one-line /meeting and one-line /cpd each stay within 3 round trips', async () => {
    const ctx = await scene();
    const progress = await counted(() => runCommand(request(ctx, MENTEE, 1), 'progress', ''));
    expect(textOf(progress.result)).toContain('Your progress');
    expect(textOf(progress.result)).toContain('Dana Mentor');
    expect(progress.roundTrips).toBeLessThanOrEqual(2);

    const goals = await counted(() => runCommand(request(ctx, MENTEE, 2), 'goals', ''));
    expect(textOf(goals.result)).toContain('Learning plan');
    expect(goals.roundTrips).toBeLessThanOrEqual(2);

    // A mentor's plans: the actor; their mentees with names and goals; the audit of looking at them.
    const mentorGoals = await counted(() => runCommand(request(ctx, MENTOR, 6), 'goals', ''));
    expect(textOf(mentorGoals.result)).toContain('Ravi Mentee');
    expect(mentorGoals.roundTrips).toBeLessThanOrEqual(3);
    expect(await store().prisma.auditEvent.count({ where: { action: 'goals.view' } })).toBe(1);

    // The actor; its pairings (and whether the request saved a meeting already); then the meeting with
    // its reflection prompt, the prompt's DMs, the request to confirm and the cancelled nudges in one
    // data-modifying statement: no interactive transaction.
    const meeting = await counted(() => runCommand(request(ctx, MENTOR, 3), 'meeting', 'today 45m video Discussed billing'));
    expect(textOf(meeting.result)).toContain('Meeting saved');
    expect(meeting.transactions).toBe(0);
    expect(meeting.roundTrips).toBeLessThanOrEqual(3);
    // The actor; then the activity with its follow-up prompt and the prompt's DMs in one statement.
    const cpd = await counted(() => runCommand(request(ctx, MENTEE, 4), 'cpd', '1.5h group Journal club'));
    expect(textOf(cpd.result)).toContain('Logged');
    expect(cpd.transactions).toBe(0);
    expect(cpd.roundTrips).toBeLessThanOrEqual(2);
    const db = store().prisma;
    expect(await db.reflectionPrompt.count()).toBe(2);
    expect(await db.notification.count({ where: { kind: 'meeting-confirm' } })).toBe(1);

    // The meeting and the CPD just logged show in the next /progress, at the same cost.
    const again = await counted(() => runCommand(request(ctx, MENTEE, 5), 'progress', ''));
    expect(textOf(again.result)).toContain('1/10 meetings');
    expect(again.statements).toBe(progress.statements);
  });

  it('a retried /meeting or /cpd saves nothing twice and answers with what the first one saved', async () => {
    const ctx = await scene();
    await runCommand(request(ctx, MENTOR, 1), 'meeting', 'today 45m video Discussed billing');
    await runCommand(request(ctx, MENTEE, 2), 'cpd', '1.5h group Journal club');
    const db = store().prisma;
    const rows = async () => ({ meetings: await db.meeting.count(), cpd: await db.cpdActivity.count(), prompts: await db.reflectionPrompt.count(), notifications: await db.notification.count() });
    const first = await rows();
    const meeting = await counted(() => runCommand(request(ctx, MENTOR, 1), 'meeting', 'today 45m video Discussed billing'));
    expect(textOf(meeting.result)).toContain('already saved');
    expect(meeting.roundTrips).toBeLessThanOrEqual(4);
    const cpd = await counted(() => runCommand(request(ctx, MENTEE, 2), 'cpd', '1.5h group Journal club'));
    expect(textOf(cpd.result)).toContain('Logged');
    expect(cpd.roundTrips).toBeLessThanOrEqual(3);
    expect(await rows()).toEqual(first);

    // Two deliveries of one request at once: one record, one prompt, one set of DMs, the same answer to both.
    const [m1, m2] = await Promise.all([0, 1].map(() => runCommand(request(ctx, MENTOR, 7), 'meeting', 'yesterday 30m phone Raced')));
    const [c1, c2] = await Promise.all([0, 1].map(() => runCommand(request(ctx, MENTEE, 8), 'cpd', '2h group Raced club')));
    expect([textOf(m1!), textOf(m2!)].filter((t) => t.includes('Meeting saved'))).toHaveLength(1);
    expect([textOf(m1!), textOf(m2!)].filter((t) => t.includes('already saved'))).toHaveLength(1);
    expect(textOf(c1!)).toContain('Raced club');
    expect(textOf(c2!)).toBe(textOf(c1!));
    expect(await rows()).toEqual({ meetings: first.meetings + 1, cpd: first.cpd + 1, prompts: first.prompts + 2, notifications: first.notifications + 2 * (1 + ctx.program.rules.reflectionReminderDays.length) + 1 });
  });

  it('the whole program’s progress and digest are a constant few statements, whatever the number of mentees', async () => {
    const ctx = await scene();
    const small = await counted(() => programProgress(ctx));
    const smallDigest = await counted(() => buildDigest(ctx));
    const mentor = await addPerson(ctx, { name: 'Ola Mentor', roles: ['MENTOR'] });
    for (const name of ['Ana', 'Ben', 'Cy', 'Dee', 'Eli']) {
      const mentee = await addPerson(ctx, { name: `${name} Mentee`, roles: ['MENTEE'] });
      await addPairing(ctx, mentor, mentee);
    }
    const large = await counted(() => programProgress(ctx));
    const largeDigest = await counted(() => buildDigest(ctx));
    expect(small.result.rows).toHaveLength(1);
    expect(large.result.rows).toHaveLength(6);
    expect(small.statements).toBeLessThanOrEqual(3);
    expect(large.statements).toBe(small.statements);
    expect(largeDigest.statements).toBe(smallDigest.statements);
  });
});
