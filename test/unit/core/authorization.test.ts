// The authorization matrix (DOMAIN.md, Privacy): each role × each action × own / own pair's / someone
// else's record, asserting what happens — the effect when allowed, the refusal and no effect when not.
// Each row builds its own small program scene with unique people, so rows share one store without a reset.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/core/actor.js';
import type { CoreContext } from '../../../src/core/context.js';
import { AppError } from '../../../src/core/domain/errors.js';
import { assertCanView } from '../../../src/core/services/access.js';
import { resolveActor } from '../../../src/core/services/identity.service.js';
import { deleteMeeting, editMeeting, logMeeting } from '../../../src/core/services/meeting.service.js';
import { confirmMeeting, disputeMeeting } from '../../../src/core/services/meeting-confirm.service.js';
import { enroll, eraseParticipant, pair } from '../../../src/core/services/roster.service.js';
import { toDbDate } from '../../../src/core/services/db-dates.js';
import { makeContext } from '../../support/fixtures.js';
import { createTestStore, postgresReachable, skipWithoutPostgres, STORE_KINDS, type TestStore } from '../../support/stores.js';

type Role = 'mentee' | 'mentor' | 'coordinator' | 'unenrolled';
type Scope = 'own' | 'pair' | 'past mentee' | 'other';
type Action = 'log meeting' | 'edit meeting' | 'delete meeting' | 'confirm meeting' | 'dispute meeting' | 'view progress' | 'enroll' | 'pair' | 'erase';
type Outcome = 'allowed' | 'FORBIDDEN' | 'NOT_ENROLLED' | 'BAD_INPUT';

let counter = 0;

/**
 * A program scene: coordinator C; mentor M paired with mentee E; mentor M2 paired with mentee E2;
 * W, a mentee of M who withdrew (pairing ended). Meetings: A (M–E, logged by M), AE (M–E, logged by E),
 * B (M2–E2, logged by M2), D (M–W, logged by W).
 */
async function scene(ctx: CoreContext) {
  const n = ++counter;
  // Written in four bulk inserts: the matrix builds one scene per row.
  const people: { key: string; name: string; role: 'MENTEE' | 'MENTOR' | 'COORDINATOR'; status: 'ACTIVE' | 'WITHDRAWN' }[] = [
    { key: 'C', name: 'Coordinator', role: 'COORDINATOR', status: 'ACTIVE' },
    { key: 'M', name: 'Mentor', role: 'MENTOR', status: 'ACTIVE' },
    { key: 'E', name: 'Mentee', role: 'MENTEE', status: 'ACTIVE' },
    { key: 'M2', name: 'Othermentor', role: 'MENTOR', status: 'ACTIVE' },
    { key: 'E2', name: 'Othermentee', role: 'MENTEE', status: 'ACTIVE' },
    { key: 'W', name: 'Withdrawn', role: 'MENTEE', status: 'WITHDRAWN' },
  ];
  const rows = people.map((p) => ({ ...p, id: randomUUID(), enrollmentId: randomUUID(), fullName: `${p.name} ${n}` }));
  await ctx.db.person.createMany({ data: rows.map((p) => ({ id: p.id, name: p.fullName, email: `${p.name.toLowerCase()}.${n}@example.org` })) });
  await ctx.db.enrollment.createMany({
    data: rows.map((p) => ({
      id: p.enrollmentId,
      programId: ctx.program.id,
      personId: p.id,
      role: p.role,
      pathway: p.role === 'MENTEE' ? ('PRA_MB_FP' as const) : null,
      startDate: toDbDate('2026-01-05'),
      endDate: p.role === 'MENTEE' ? toDbDate('2027-01-04') : null,
      status: p.status,
    })),
  });
  const actor = (key: string): Actor => {
    const p = rows.find((r) => r.key === key)!;
    return {
      personId: p.id,
      name: p.fullName,
      email: `${p.name.toLowerCase()}.${n}@example.org`,
      timeZone: ctx.program.timeZone,
      locale: 'en',
      enrollments: [{ id: p.enrollmentId, role: p.role, pathway: p.role === 'MENTEE' ? 'PRA_MB_FP' : null, cpdSystem: null, status: p.status, startDate: '2026-01-05', endDate: p.role === 'MENTEE' ? '2027-01-04' : null }],
      roles: new Set(p.status === 'ACTIVE' ? [p.role] : []),
    };
  };
  const [C, M, E, M2, E2, W] = ['C', 'M', 'E', 'M2', 'E2', 'W'].map(actor) as [Actor, Actor, Actor, Actor, Actor, Actor];
  const pairing = (mentor: Actor, mentee: Actor, until?: string) => ({
    id: randomUUID(),
    programId: ctx.program.id,
    mentorId: mentor.personId,
    menteeId: mentee.personId,
    fromDate: toDbDate('2026-01-05'),
    untilDate: until ? toDbDate(until) : null,
  });
  const [pME, pM2E2, pMW] = [pairing(M, E), pairing(M2, E2), pairing(M, W, '2026-06-01')];
  await ctx.db.pairing.createMany({ data: [pME, pM2E2, pMW] });
  const meeting = (p: typeof pME, by: Actor) => ({
    id: randomUUID(),
    programId: ctx.program.id,
    pairingId: p.id,
    mentorId: p.mentorId,
    menteeId: p.menteeId,
    loggedById: by.personId,
    date: toDbDate('2026-03-02'),
    minutes: 45,
    format: 'VIDEO' as const,
    topics: 'Original topics',
  });
  const m = { A: meeting(pME, M), AE: meeting(pME, E), B: meeting(pM2E2, M2), D: meeting(pMW, W) };
  await ctx.db.meeting.createMany({ data: Object.values(m) });
  const meetings = { A: m.A.id, AE: m.AE.id, B: m.B.id, D: m.D.id };
  const actors: Record<Role, Actor> = { mentee: E, mentor: M, coordinator: C, unenrolled: W };
  return { n, C, M, E, M2, E2, W, meetings, actors };
}
type Scene = Awaited<ReturnType<typeof scene>>;

/** Which meeting a role's "own", "pair" and "other" scope mean. */
const meetingFor = (s: Scene, role: Role, scope: Scope): string => {
  if (scope === 'other') return s.meetings.B;
  const table: Record<Role, Partial<Record<Scope, string>>> = {
    mentee: { own: s.meetings.AE, pair: s.meetings.A },
    mentor: { own: s.meetings.A, pair: s.meetings.AE },
    coordinator: { pair: s.meetings.A },
    unenrolled: { own: s.meetings.D },
  };
  return table[role][scope]!;
};

/** Whose person record a role's scope means: own = themselves, pair = the other member of their pair. */
const personFor = (s: Scene, role: Role, scope: Scope): Actor => {
  if (scope === 'own') return s.actors[role];
  if (scope === 'other') return s.E2;
  if (scope === 'past mentee') return s.W;
  return role === 'mentee' ? s.M : s.E;
};

interface Attempt {
  run: () => Promise<unknown>;
  /** True when the action's effect is in the store. */
  happened: () => Promise<boolean>;
}

function attemptFor(ctx: CoreContext, s: Scene, role: Role, action: Action, scope: Scope): Attempt {
  const actor = s.actors[role];
  const db = ctx.db;
  const meetingState = (id: string) => db.meeting.findUnique({ where: { id } });
  switch (action) {
    case 'log meeting': {
      const requestId = `auth-log-${s.n}`;
      const withPersonId = scope === 'own' ? undefined : scope === 'other' ? (role === 'mentee' ? s.M2 : s.E2).personId : personFor(s, role, 'pair').personId;
      return {
        run: () => logMeeting(ctx, actor, { date: '2026-11-18', minutes: 45, format: 'VIDEO', topics: 'Billing', ...(withPersonId ? { withPersonId } : {}) }, requestId),
        happened: async () => (await db.meeting.count({ where: { requestId } })) === 1,
      };
    }
    case 'edit meeting': {
      const id = meetingFor(s, role, scope);
      return { run: () => editMeeting(ctx, actor, id, { topics: 'Edited topics' }), happened: async () => (await meetingState(id))?.topics === 'Edited topics' };
    }
    case 'delete meeting': {
      const id = meetingFor(s, role, scope);
      return { run: () => deleteMeeting(ctx, actor, id), happened: async () => (await meetingState(id)) === null };
    }
    case 'confirm meeting': {
      const id = meetingFor(s, role, scope);
      return { run: () => confirmMeeting(ctx, actor, id), happened: async () => (await meetingState(id))?.confirmation === 'CONFIRMED' };
    }
    case 'dispute meeting': {
      const id = meetingFor(s, role, scope);
      return { run: () => disputeMeeting(ctx, actor, id, 'Wrong date'), happened: async () => (await meetingState(id))?.confirmation === 'DISPUTED' };
    }
    case 'view progress': {
      const subject = personFor(s, role, scope);
      const audited = () => db.auditEvent.count({ where: { actorId: actor.personId, subjectId: subject.personId } });
      return {
        run: () => assertCanView(ctx, actor, subject.personId, { action: 'progress.view' }),
        // Looking at one's own records is not audited; anyone else's is.
        happened: async () => (scope === 'own' ? (await audited()) === 0 : (await audited()) === 1),
      };
    }
    case 'enroll': {
      const target = scope === 'other' ? { person: { name: `Newcomer ${s.n}`, email: `newcomer.${s.n}@example.org` } } : { personId: personFor(s, role, scope).personId };
      const role2 = 'MENTOR' as const;
      return {
        run: () => enroll(ctx, actor, { ...target, role: role2 }),
        happened: async () => (await db.enrollment.count({ where: { role: role2, status: 'ACTIVE', person: 'personId' in target ? { id: target.personId } : { email: target.person.email } } })) === 1,
      };
    }
    case 'pair': {
      // own: the actor as the mentor of a new mentee; pair: a second mentor for E; other: M with E2.
      const [mentor, mentee] = scope === 'own' ? [actor, s.E2] : scope === 'pair' ? [s.M2, s.E] : [s.M, s.E2];
      return {
        run: () => pair(ctx, actor, mentor.personId, mentee.personId),
        happened: async () => (await db.pairing.count({ where: { mentorId: mentor.personId, menteeId: mentee.personId, untilDate: null } })) === 1,
      };
    }
    case 'erase': {
      const subject = personFor(s, role, scope);
      return { run: () => eraseParticipant(ctx, actor, subject.personId), happened: async () => (await db.person.findUnique({ where: { id: subject.personId } })) === null };
    }
  }
}

const A = 'allowed' as const;
const F = 'FORBIDDEN' as const;
const N = 'NOT_ENROLLED' as const;

// [role, action, scope, outcome]
const MATRIX: [Role, Action, Scope, Outcome][] = [
  // Logging: only into one's own active pair.
  ['mentee', 'log meeting', 'own', A],
  ['mentee', 'log meeting', 'pair', A],
  ['mentee', 'log meeting', 'other', F],
  ['mentor', 'log meeting', 'own', A],
  ['mentor', 'log meeting', 'pair', A],
  ['mentor', 'log meeting', 'other', F],
  ['coordinator', 'log meeting', 'own', F],
  ['coordinator', 'log meeting', 'pair', F],
  ['coordinator', 'log meeting', 'other', F],
  ['unenrolled', 'log meeting', 'own', N],
  ['unenrolled', 'log meeting', 'other', N],
  // Editing and deleting: the author or a coordinator.
  ...(['edit meeting', 'delete meeting'] as const).flatMap((action): [Role, Action, Scope, Outcome][] => [
    ['mentee', action, 'own', A],
    ['mentee', action, 'pair', F],
    ['mentee', action, 'other', F],
    ['mentor', action, 'own', A],
    ['mentor', action, 'pair', F],
    ['mentor', action, 'other', F],
    ['coordinator', action, 'pair', A],
    ['coordinator', action, 'other', A],
    ['unenrolled', action, 'own', N],
    ['unenrolled', action, 'other', N],
  ]),
  // Confirming and disputing: only the other member of the pair.
  ...(['confirm meeting', 'dispute meeting'] as const).flatMap((action): [Role, Action, Scope, Outcome][] => [
    ['mentee', action, 'own', F],
    ['mentee', action, 'pair', A],
    ['mentee', action, 'other', F],
    ['mentor', action, 'own', F],
    ['mentor', action, 'pair', A],
    ['mentor', action, 'other', F],
    ['coordinator', action, 'pair', F],
    ['coordinator', action, 'other', F],
    ['unenrolled', action, 'own', N],
    ['unenrolled', action, 'other', N],
  ]),
  // Viewing: self; a mentor their mentees, past ones too; a coordinator anyone in the program.
  ['mentee', 'view progress', 'own', A],
  ['mentee', 'view progress', 'pair', F],
  ['mentee', 'view progress', 'other', F],
  ['mentor', 'view progress', 'own', A],
  ['mentor', 'view progress', 'pair', A],
  ['mentor', 'view progress', 'past mentee', A],
  ['mentor', 'view progress', 'other', F],
  ['coordinator', 'view progress', 'own', A],
  ['coordinator', 'view progress', 'pair', A],
  ['coordinator', 'view progress', 'other', A],
  ['unenrolled', 'view progress', 'other', F],
  // The roster: coordinators only.
  ...(['mentee', 'mentor', 'unenrolled'] as const).flatMap((role): [Role, Action, Scope, Outcome][] =>
    (['enroll', 'pair', 'erase'] as const).flatMap((action): [Role, Action, Scope, Outcome][] => [
      [role, action, 'own', F],
      [role, action, 'pair', F],
      [role, action, 'other', F],
    ]),
  ),
  ['coordinator', 'enroll', 'own', A],
  ['coordinator', 'enroll', 'pair', A],
  ['coordinator', 'enroll', 'other', A],
  // A coordinator who is not a mentor cannot be made one by pairing.
  ['coordinator', 'pair', 'own', 'BAD_INPUT'],
  ['coordinator', 'pair', 'pair', A],
  ['coordinator', 'pair', 'other', A],
  ['coordinator', 'erase', 'own', F],
  ['coordinator', 'erase', 'pair', A],
  ['coordinator', 'erase', 'other', A],
];

/** Everything an action could change, to check a refusal changed nothing. */
async function snapshot(ctx: CoreContext): Promise<string> {
  const [meetings, pairings, enrollments, people, audits] = await Promise.all([
    ctx.db.meeting.findMany({ select: { id: true, topics: true, confirmation: true }, orderBy: { id: 'asc' } }),
    ctx.db.pairing.count(),
    ctx.db.enrollment.findMany({ select: { id: true, status: true, role: true }, orderBy: { id: 'asc' } }),
    ctx.db.person.count(),
    ctx.db.auditEvent.count(),
  ]);
  return JSON.stringify({ meetings, pairings, enrollments, people, audits });
}

describe.each(STORE_KINDS)('authorization on %s', (kind) => {
  let store: TestStore;
  let ctx: CoreContext;
  if (kind === 'postgresql') skipWithoutPostgres();
  beforeAll(async () => {
    if (kind === 'postgresql' && !postgresReachable()) return;
    store = await createTestStore(kind);
    ctx = await makeContext(store.prisma);
  });
  afterAll(async () => {
    await store?.close();
  });

  it.each(MATRIX)('%s: %s on %s record → %s', async (role, action, scope, outcome) => {
    const s = await scene(ctx);
    const attempt = attemptFor(ctx, s, role, action, scope);
    const before = await snapshot(ctx);
    let result: Outcome = 'allowed';
    let message = '';
    try {
      await attempt.run();
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      result = error.code as Outcome;
      message = error.userMessage;
    }
    expect(result).toBe(outcome);
    if (outcome === 'allowed') {
      expect(await attempt.happened()).toBe(true);
    } else {
      // A refusal says what is allowed, and changes nothing.
      expect(message.length).toBeGreaterThan(20);
      expect(await snapshot(ctx)).toBe(before);
    }
  });

  it('tells someone who is not enrolled, before any action, which coordinators to ask', async () => {
    const s = await scene(ctx);
    await ctx.db.chatAccount.create({ data: { personId: s.W.personId, platform: 'SLACK', workspaceId: 'TAUTH', userId: `UW${s.n}` } });
    const attempt = resolveActor(ctx, { platform: 'SLACK', workspaceId: 'TAUTH', userId: `UW${s.n}`, lookupProfile: async () => ({}) });
    await expect(attempt).rejects.toMatchObject({ code: 'NOT_ENROLLED', userMessage: expect.stringContaining(`Coordinator ${s.n}`) });
  });

  it('a mentor who looks at a mentee leaves an audit event naming both', async () => {
    const s = await scene(ctx);
    expect(await assertCanView(ctx, s.M, s.E.personId, { action: 'progress.view' })).toBe('mentor');
    const event = await ctx.db.auditEvent.findFirstOrThrow({ where: { actorId: s.M.personId, subjectId: s.E.personId } });
    expect(event).toMatchObject({ action: 'progress.view', detail: { as: 'mentor' } });
  });

  it('a refusal to view says what the person may see instead', async () => {
    const s = await scene(ctx);
    await expect(assertCanView(ctx, s.M, s.E2.personId)).rejects.toMatchObject({ code: 'FORBIDDEN', userMessage: expect.stringContaining('your own records and those of your mentees') });
    await expect(assertCanView(ctx, s.E, s.E2.personId)).rejects.toMatchObject({ userMessage: expect.stringContaining('only see your own records') });
  });
});
