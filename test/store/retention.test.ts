// Retention (DOMAIN.md, Privacy), on PGlite and PostgreSQL: participants are kept rules.retentionYears
// after their program ended, then erased with everything about them — by the scheduler once a day and
// by `npm run cli -- purge` — each erasure audited; nobody still enrolled is ever touched.
import { describe, expect, it } from 'vitest';
import { memoryIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/run.js';
import { systemActor } from '../../src/core/actor.js';
import type { CoreContext } from '../../src/core/context.js';
import { zonedDateTimeToInstant } from '../../src/core/domain/time.js';
import { toDbDate } from '../../src/core/services/db-dates.js';
import { erasePersonRecords } from '../../src/core/services/person-erase.js';
import { expiredParticipants, purgeExpired } from '../../src/core/services/retention.service.js';
import { createScheduler } from '../../src/scheduler/index.js';
import { addPairing, addPerson, makeContext, TestClock } from '../support/fixtures.js';
import { STORE_KINDS, useTestStore } from '../support/stores.js';

const NOW = zonedDateTimeToInstant('2026-11-25', '10:00', 'America/Winnipeg');

describe.each(STORE_KINDS)('retention on %s', (kind) => {
  const store = useTestStore(kind);

  async function recordedLongAgo(ctx: CoreContext) {
    for (const table of ['Enrollment', 'Pairing', 'Meeting', 'CpdActivity', 'ReflectionPrompt', 'LearningGoal']) {
      await ctx.db.$executeRawUnsafe(`UPDATE "${table}" SET "createdAt" = '2010-01-01', "updatedAt" = '2010-01-01'`);
    }
  }

  /** Seven years is the default: a program that ended on 2019-11-24 may be purged from 2026-11-25. */
  async function scene(ctx: CoreContext) {
    const mentor = await addPerson(ctx, { name: 'Dr Old Mentor', roles: ['MENTOR'], start: '2018-11-25', end: '2019-11-24' });
    const ended = await addPerson(ctx, { name: 'Dr Ended Mentee', start: '2018-11-25', end: '2019-11-24' });
    const pairingId = await addPairing(ctx, mentor, ended, '2018-11-25', '2019-11-25');
    await ctx.db.meeting.create({
      data: { programId: ctx.program.id, pairingId, mentorId: mentor.personId, menteeId: ended.personId, loggedById: mentor.personId, date: toDbDate('2019-01-10'), minutes: 45, format: 'VIDEO', topics: 'Billing' },
    });
    await ctx.db.cpdActivity.create({
      data: { programId: ctx.program.id, personId: ended.personId, title: 'Journal club', date: toDbDate('2019-02-01'), system: 'MAINPRO_PLUS', category: 'NON_CERTIFIED', activityType: 'GROUP_LEARNING', certified: false, hours: 1, credits: 1 },
    });
    // Ended a day later: kept until tomorrow.
    const dayLater = await addPerson(ctx, { name: 'Dr Day Later', start: '2018-11-26', end: '2019-11-25' });
    // Withdrawn early (2019-03-01) although their end date was later: the withdrawal is when it ended.
    const withdrawn = await addPerson(ctx, { name: 'Dr Withdrawn', start: '2019-01-01', end: '2019-12-31', status: 'WITHDRAWN' });
    await ctx.db.enrollment.updateMany({ where: { personId: withdrawn.personId }, data: { statusAt: new Date('2019-03-01T18:00:00Z') } });
    // Still ACTIVE with an end date long past (nobody marked them complete): the end date counts.
    const forgotten = await addPerson(ctx, { name: 'Dr Never Closed', start: '2017-01-01', end: '2017-12-31' });
    // Kept: a current mentee, a coordinator with no end date, someone also in another program.
    const current = await addPerson(ctx, { name: 'Dr Current', start: '2026-01-05' });
    const coordinator = await addPerson(ctx, { name: 'Cora Coordinator', roles: ['COORDINATOR'], start: '2010-01-01' });
    const elsewhere = await addPerson(ctx, { name: 'Dr Elsewhere', start: '2015-01-01', end: '2015-12-31' });
    const other = await ctx.db.program.create({ data: { slug: 'other-program', name: 'Other', timeZone: 'America/Winnipeg', locale: 'en-CA', rules: {} } });
    await ctx.db.enrollment.create({ data: { programId: other.id, personId: elsewhere.personId, role: 'MENTEE', startDate: toDbDate('2015-01-01'), endDate: toDbDate('2015-12-31') } });
    // All of it was recorded at the time, long ago (the bot's store is older than these programs).
    await recordedLongAgo(ctx);
    return { mentor, ended, dayLater, withdrawn, forgotten, current, coordinator, elsewhere };
  }

  it('finds exactly the participants whose program ended more than seven years ago, oldest first', async () => {
    const ctx = await makeContext(store().prisma, { now: NOW.toISOString() });
    await scene(ctx);
    expect((await expiredParticipants(ctx)).map((p) => `${p.name} ${p.ended} ${p.purgeFrom}`)).toEqual([
      'Dr Never Closed 2017-12-31 2025-01-01',
      'Dr Withdrawn 2019-03-01 2026-03-02',
      'Dr Ended Mentee 2019-11-24 2026-11-25',
      'Dr Old Mentor 2019-11-24 2026-11-25',
    ]);
  });

  it('counts from when an enrollment was recorded when that is later: a roster typo ("2016" for "2026") is not erased tonight', async () => {
    const ctx = await makeContext(store().prisma, { now: NOW.toISOString() });
    await addPerson(ctx, { name: 'Dr Typo', start: '2016-01-05', end: '2016-12-31' });
    expect(await expiredParticipants(ctx)).toEqual([]);
    ctx.clock.set(zonedDateTimeToInstant('2033-11-26', '10:00', 'America/Winnipeg'));
    expect((await expiredParticipants(ctx)).map((p) => `${p.name} ${p.ended} ${p.purgeFrom}`)).toEqual(['Dr Typo 2016-12-31 2033-11-26']);
  });

  it('keeps a mentor whose mentee is kept: their meetings belong to both', async () => {
    const ctx = await makeContext(store().prisma, { now: NOW.toISOString() });
    // Withdrawn in 2019; the mentee they mentored then is still in the program (their end date was extended).
    const mentor = await addPerson(ctx, { name: 'Dr Left Early', roles: ['MENTOR'], start: '2018-11-25', status: 'WITHDRAWN' });
    await ctx.db.enrollment.updateMany({ where: { personId: mentor.personId }, data: { statusAt: new Date('2019-02-01T18:00:00Z'), endDate: toDbDate('2019-11-24') } });
    const mentee = await addPerson(ctx, { name: 'Dr Still Here', start: '2018-11-25', end: '2027-06-30' });
    const pairingId = await addPairing(ctx, mentor, mentee, '2018-11-25', '2019-02-01');
    await ctx.db.meeting.create({
      data: { programId: ctx.program.id, pairingId, mentorId: mentor.personId, menteeId: mentee.personId, loggedById: mentor.personId, date: toDbDate('2019-01-10'), minutes: 45, format: 'VIDEO', topics: 'Billing' },
    });
    await recordedLongAgo(ctx);
    expect(await expiredParticipants(ctx)).toEqual([]);
    expect(await purgeExpired(ctx, systemActor('retention', 'Retention policy', ctx.program.timeZone))).toEqual([]);
    expect(await ctx.db.meeting.count()).toBe(1);
  });

  it('keeps someone still using the bot past a stale end date, for the whole period from their last record', async () => {
    const ctx = await makeContext(store().prisma, { now: NOW.toISOString() });
    const busy = await addPerson(ctx, { name: 'Dr Stale End Date', start: '2017-01-01', end: '2017-12-31' });
    await recordedLongAgo(ctx);
    // Logged CPD last month, though nobody ever updated their end date.
    await ctx.db.cpdActivity.create({
      data: { programId: ctx.program.id, personId: busy.personId, title: 'Sepsis update', date: toDbDate('2026-10-20'), system: 'MAINPRO_PLUS', category: 'NON_CERTIFIED', activityType: 'GROUP_LEARNING', certified: false, hours: 1, credits: 1 },
    });
    expect(await expiredParticipants(ctx)).toEqual([]);
    ctx.clock.set(zonedDateTimeToInstant('2033-11-26', '10:00', 'America/Winnipeg'));
    expect((await expiredParticipants(ctx)).map((p) => `${p.name} ${p.ended} ${p.purgeFrom}`)).toEqual(['Dr Stale End Date 2017-12-31 2033-11-26']);
  });

  it('an erasure whose conditions changed meanwhile (re-enrolled) erases nothing', async () => {
    const ctx = await makeContext(store().prisma, { now: NOW.toISOString() });
    const person = await addPerson(ctx, { name: 'Dr Back Again', start: '2017-01-01', end: '2017-12-31' });
    const actor = systemActor('retention', 'Retention policy', ctx.program.timeZone);
    expect(await erasePersonRecords(ctx, actor, person.personId, { action: 'person.purge', stillApplies: async () => false })).toBe(false);
    expect(await ctx.db.person.count()).toBe(1);
    expect(await ctx.db.auditEvent.count({ where: { action: 'person.purge' } })).toBe(0);
  });

  it('follows the program rule: with ten years nobody here is due yet', async () => {
    const ctx = await makeContext(store().prisma, { now: NOW.toISOString(), rules: { retentionYears: 10 } });
    await scene(ctx);
    expect(await expiredParticipants(ctx)).toEqual([]);
  });

  it('erases them with their meetings and CPD, audits each erasure, keeps everyone else, and is a no-op the second time', async () => {
    const ctx = await makeContext(store().prisma, { now: NOW.toISOString() });
    const s = await scene(ctx);
    const actor = systemActor('retention', 'Retention policy', ctx.program.timeZone);
    expect(await purgeExpired(ctx, actor, { dryRun: true })).toHaveLength(4);
    expect(await ctx.db.person.count()).toBe(8);

    const purged = await purgeExpired(ctx, actor);
    expect(purged.map((p) => p.name).sort()).toEqual(['Dr Ended Mentee', 'Dr Never Closed', 'Dr Old Mentor', 'Dr Withdrawn']);
    expect((await ctx.db.person.findMany({ select: { name: true }, orderBy: { name: 'asc' } })).map((p) => p.name)).toEqual([
      'Cora Coordinator', 'Dr Current', 'Dr Day Later', 'Dr Elsewhere',
    ]);
    expect(await ctx.db.meeting.count()).toBe(0);
    expect(await ctx.db.cpdActivity.count()).toBe(0);
    expect(await ctx.db.pairing.count()).toBe(0);
    const audits = await ctx.db.auditEvent.findMany({ where: { action: 'person.purge' } });
    expect(audits.map((a) => a.subjectId).sort()).toEqual([s.ended, s.forgotten, s.mentor, s.withdrawn].map((p) => p.personId).sort());
    expect(audits.every((a) => a.actorId === null && (a.detail as { via?: string; retentionYears?: number }).via === 'retention')).toBe(true);

    expect(await purgeExpired(ctx, actor)).toEqual([]);
    expect(await ctx.db.auditEvent.count({ where: { action: 'person.purge' } })).toBe(4);
  });

  it('the scheduler purges on its first pass of each day, and not again that day', async () => {
    const ctx = await makeContext(store().prisma, { now: NOW.toISOString() });
    await scene(ctx);
    const scheduler = createScheduler({ ctx, messengers: [], logger: ctx.logger, instanceId: `retention-${kind}` });
    expect((await scheduler.tick()).purged).toBe(4);
    // Someone whose retention ended appears later in the day: they wait for tomorrow's first pass.
    const late = await addPerson(ctx, { name: 'Dr Late Addition', start: '2018-01-01', end: '2018-12-31' });
    await ctx.db.$executeRawUnsafe(`UPDATE "Enrollment" SET "updatedAt" = '2019-01-01' WHERE "personId" = $1`, late.personId);
    expect((await scheduler.tick()).purged).toBe(0);
    ctx.clock.set(zonedDateTimeToInstant('2026-11-26', '00:01', 'America/Winnipeg'));
    expect((await scheduler.tick()).purged).toBe(2); // Dr Late Addition, and Dr Day Later whose day has come
    await scheduler.stop();
  });

  it('npm run cli -- purge lists who would go with --dry-run, then erases them', async () => {
    const ctx = await makeContext(store().prisma, { now: NOW.toISOString() });
    await scene(ctx);
    const cli = async (...argv: string[]) => {
      const io = memoryIo({ store: store(), clock: new TestClock(NOW), env: {} });
      const code = await runCli(['purge', '--program', ctx.program.slug, ...argv], io);
      return { code, out: io.out() };
    };
    const dry = await cli('--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.out).toMatch(/Would erase 4 participants[\s\S]*Dr Never Closed\s+2017-12-31\s+2025-01-01[\s\S]*Nothing was erased/);
    expect(await ctx.db.person.count()).toBe(8);
    const done = await cli();
    expect(done.out).toMatch(/^Erased 4 participants/);
    expect(await ctx.db.person.count()).toBe(4);
    expect((await ctx.db.auditEvent.findFirstOrThrow({ where: { action: 'person.purge' } })).detail).toMatchObject({ via: 'cli', retentionYears: 7 });
    expect((await cli()).out).toMatch(/Nobody in Test Mentorship Program is past the 7-year retention period/);
  });
});
