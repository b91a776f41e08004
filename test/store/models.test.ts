// Every model survives a write and a read on both stores, relations and enums included, and
// erasing a person leaves no orphans.
import { describe, expect, it } from 'vitest';
import { STORE_KINDS, useTestStore } from '../support/stores.js';
import { toDbDate } from '../../src/core/services/db-dates.js';

describe.each(STORE_KINDS)('data model on %s', (kind) => {
  const store = useTestStore(kind);

  async function scene() {
    const db = store().prisma;
    const program = await db.program.create({ data: { slug: 'p', name: 'Program', rules: { cadenceDays: 21 } } });
    const mentor = await db.person.create({ data: { name: 'Dr Mentor', email: 'mentor@example.org', timeZone: 'America/Winnipeg' } });
    const mentee = await db.person.create({ data: { name: 'Dr Mentee', email: 'mentee@example.org' } });
    const pairing = await db.pairing.create({ data: { programId: program.id, mentorId: mentor.id, menteeId: mentee.id, fromDate: toDbDate('2026-01-05') } });
    return { db, program, mentor, mentee, pairing };
  }

  it('round-trips a program with its rules as JSON', async () => {
    const { db, program } = await scene();
    const read = await db.program.findUniqueOrThrow({ where: { id: program.id } });
    expect(read.rules).toEqual({ cadenceDays: 21 });
    expect(read.timeZone).toBe('America/Winnipeg');
  });

  it('round-trips people, chat accounts with a Teams reference, and enrollments with enums and dates', async () => {
    const { db, program, mentee } = await scene();
    const ref = { conversation: { id: 'a:1' }, serviceUrl: 'https://smba.example/', user: { id: '29:x' } };
    await db.chatAccount.create({ data: { personId: mentee.id, platform: 'TEAMS', workspaceId: 'tenant', userId: 'aad', conversationRef: ref } });
    await db.enrollment.create({
      data: { programId: program.id, personId: mentee.id, role: 'MENTEE', pathway: 'PRA_MB_SP', cpdSystem: 'MOC', startDate: toDbDate('2026-01-05'), endDate: toDbDate('2027-01-04') },
    });
    const read = await db.person.findUniqueOrThrow({ where: { id: mentee.id }, include: { chatAccounts: true, enrollments: true } });
    expect(read.chatAccounts[0]?.conversationRef).toEqual(ref);
    expect(read.enrollments[0]).toMatchObject({ role: 'MENTEE', pathway: 'PRA_MB_SP', cpdSystem: 'MOC', status: 'ACTIVE' });
    expect(read.enrollments[0]?.endDate?.toISOString().slice(0, 10)).toBe('2027-01-04');
  });

  it('round-trips a meeting with CanMEDS roles, a goal and a reflection prompt', async () => {
    const { db, program, mentor, mentee, pairing } = await scene();
    const goal = await db.learningGoal.create({ data: { programId: program.id, menteeId: mentee.id, title: 'Billing in Manitoba', roles: ['LEADER'], targetDate: toDbDate('2026-06-30') } });
    const meeting = await db.meeting.create({
      data: {
        programId: program.id, pairingId: pairing.id, mentorId: mentor.id, menteeId: mentee.id, loggedById: mentor.id,
        date: toDbDate('2026-11-20'), minutes: 45, format: 'VIDEO', topics: 'Billing codes', roles: ['LEADER', 'PROFESSIONAL'],
        goalId: goal.id, requestId: 'req-1',
      },
    });
    await db.reflectionPrompt.create({
      data: { programId: program.id, menteeId: mentee.id, kind: 'AFTER_MEETING', meetingId: meeting.id, questions: [{ id: 'q1', text: 'What did you learn?' }], dueAt: new Date() },
    });
    const read = await db.meeting.findUniqueOrThrow({ where: { requestId: 'req-1' }, include: { prompts: true, goal: true } });
    expect(read.roles).toEqual(['LEADER', 'PROFESSIONAL']);
    expect(read.confirmation).toBe('PENDING');
    expect(read.goal?.title).toBe('Billing in Manitoba');
    expect(read.prompts[0]?.questions).toEqual([{ id: 'q1', text: 'What did you learn?' }]);
  });

  it('round-trips a CPD activity with decimal hours and credits', async () => {
    const { db, program, mentee } = await scene();
    await db.cpdActivity.create({
      data: { programId: program.id, personId: mentee.id, title: 'Journal club: sepsis', date: toDbDate('2026-11-18'), system: 'MAINPRO_PLUS', category: 'CERTIFIED', activityType: 'GROUP_LEARNING', certified: true, hours: '1.5', credits: '1.5', roles: ['SCHOLAR'], outcome: 'EXPANDED_KNOWLEDGE' },
    });
    const read = await db.cpdActivity.findFirstOrThrow({ where: { personId: mentee.id } });
    expect(read.hours?.toString()).toBe('1.5');
    expect(read.units).toBeNull();
    expect(Number(read.credits)).toBe(1.5);
    expect(read.outcome).toBe('EXPANDED_KNOWLEDGE');
  });

  it('round-trips away periods, program channels, notifications and audit events', async () => {
    const { db, program, mentee } = await scene();
    await db.away.create({ data: { programId: program.id, personId: mentee.id, fromDate: toDbDate('2026-12-20'), untilDate: toDbDate('2027-01-03') } });
    await db.programChannel.create({ data: { programId: program.id, platform: 'SLACK', workspaceId: 'T1', channelId: 'C1' } });
    await db.notification.create({ data: { programId: program.id, personId: mentee.id, kind: 'welcome', idempotencyKey: 'welcome:1', payload: { text: 'Welcome', blocks: [] }, dueAt: new Date('2026-11-20T15:00:00Z') } });
    await db.auditEvent.create({ data: { programId: program.id, actorId: mentee.id, subjectId: mentee.id, action: 'progress.view' } });
    expect(await db.away.count()).toBe(1);
    expect((await db.programChannel.findFirstOrThrow()).purpose).toBe('digest');
    expect(await db.notification.findUniqueOrThrow({ where: { idempotencyKey: 'welcome:1' } })).toMatchObject({ status: 'PENDING', attempts: 0 });
    expect(await db.auditEvent.count({ where: { action: 'progress.view' } })).toBe(1);
  });

  it('refuses a second record with the same request id or idempotency key', async () => {
    const { db, program, mentee } = await scene();
    const row = { programId: program.id, personId: mentee.id, kind: 'welcome', idempotencyKey: 'k', payload: {}, dueAt: new Date() };
    await db.notification.create({ data: row });
    await expect(db.notification.create({ data: row })).rejects.toMatchObject({ code: 'P2002' });
    const skipped = await db.notification.createMany({ data: [row], skipDuplicates: true });
    expect(skipped.count).toBe(0);
  });

  it('erases a person with everything about them and keeps the audit trail', async () => {
    const { db, program, mentor, mentee, pairing } = await scene();
    await db.meeting.create({ data: { programId: program.id, pairingId: pairing.id, mentorId: mentor.id, menteeId: mentee.id, date: toDbDate('2026-11-20'), minutes: 30, format: 'PHONE', topics: 'x' } });
    await db.cpdActivity.create({ data: { programId: program.id, personId: mentee.id, title: 't', date: toDbDate('2026-11-18'), system: 'MOC', category: 'SECTION_3', activityType: 'KNOWLEDGE_ASSESSMENT', hours: 1, credits: 3 } });
    await db.chatAccount.create({ data: { personId: mentee.id, platform: 'SLACK', workspaceId: 'T', userId: 'U' } });
    await db.auditEvent.create({ data: { programId: program.id, actorId: mentor.id, subjectId: mentee.id, action: 'person.erase' } });
    await db.person.delete({ where: { id: mentee.id } });
    expect(await db.meeting.count()).toBe(0);
    expect(await db.pairing.count()).toBe(0);
    expect(await db.cpdActivity.count()).toBe(0);
    expect(await db.chatAccount.count()).toBe(0);
    expect(await db.person.count()).toBe(1);
    expect(await db.auditEvent.count({ where: { subjectId: mentee.id } })).toBe(1);
  });
});
