// Every timestamp a rule may read is written from core's clock (src/store/clocked.ts), on PGlite and
// PostgreSQL alike: a test with a fixed clock sees the same values on any real date.
import { describe, expect, it } from 'vitest';
import { audit } from '../../src/core/services/audit.js';
import { toDbDate } from '../../src/core/services/db-dates.js';
import { stampWrite } from '../../src/store/clocked.js';
import { addPerson, makeContext } from '../support/fixtures.js';
import { STORE_KINDS, useTestStore } from '../support/stores.js';

const LONG_AGO = '2011-03-04T05:06:07.000Z';

describe('stampWrite', () => {
  const now = new Date(LONG_AGO);

  it('fills createdAt and updatedAt on a create, and keeps a value the caller gave', () => {
    const given = new Date('2001-01-01T00:00:00Z');
    expect(stampWrite('Meeting', 'create', { data: { topics: 'x', updatedAt: given } }, now)).toEqual({ data: { topics: 'x', createdAt: now, updatedAt: given } });
  });

  it('stamps only updatedAt on an update, each row of a createMany, and an audit event\'s `at`', () => {
    expect(stampWrite('Person', 'update', { where: { id: 'p' }, data: { name: 'N' } }, now)).toEqual({ where: { id: 'p' }, data: { name: 'N', updatedAt: now } });
    expect(stampWrite('Away', 'createMany', { data: [{ a: 1 }, { a: 2 }] }, now)).toEqual({ data: [{ a: 1, createdAt: now }, { a: 2, createdAt: now }] });
    expect(stampWrite('AuditEvent', 'create', { data: { action: 'x' } }, now)).toEqual({ data: { action: 'x', at: now } });
  });

  it('leaves an empty update alone (an upsert that finds the row changes nothing) and reads untouched', () => {
    expect(stampWrite('Enrollment', 'upsert', { where: {}, create: { role: 'MENTEE' }, update: {} }, now)).toEqual({ where: {}, create: { role: 'MENTEE', createdAt: now, updatedAt: now }, update: {} });
    expect(stampWrite('Meeting', 'findMany', { where: { id: 'm' } }, now)).toEqual({ where: { id: 'm' } });
  });
});

describe.each(STORE_KINDS)('timestamps from core\'s clock on %s', (kind) => {
  const store = useTestStore(kind);

  it('a record created, updated, upserted and audited — also inside a transaction — carries the clock\'s time, not the real date', async () => {
    const ctx = await makeContext(store().prisma, { now: LONG_AGO });
    const mentee = await addPerson(ctx, { name: 'Dr Stamped' });
    const enrollment = await ctx.db.enrollment.findFirstOrThrow({ where: { personId: mentee.personId } });
    expect([enrollment.createdAt.toISOString(), enrollment.updatedAt.toISOString()]).toEqual([LONG_AGO, LONG_AGO]);

    ctx.clock.advanceDays(1);
    const later = ctx.clock.now().toISOString();
    await ctx.db.$transaction(async (tx) => {
      await tx.person.update({ where: { id: mentee.personId }, data: { name: 'Dr Stamped Again' } });
      await tx.cpdActivity.create({
        data: { programId: ctx.program.id, personId: mentee.personId, title: 'Journal club', date: toDbDate('2011-03-01'), system: 'MAINPRO_PLUS', category: 'NON_CERTIFIED', activityType: 'GROUP_LEARNING', certified: false, hours: 1, credits: 1 },
      });
    });
    await ctx.db.enrollment.upsert({ where: { id: enrollment.id }, create: { ...enrollment, id: 'unused' }, update: {} });
    await audit(ctx.db, { programId: ctx.program.id, actorId: mentee.personId, action: 'progress.view' });

    const person = await ctx.db.person.findUniqueOrThrow({ where: { id: mentee.personId } });
    const cpd = await ctx.db.cpdActivity.findFirstOrThrow({ where: { personId: mentee.personId } });
    const event = await ctx.db.auditEvent.findFirstOrThrow({ where: { actorId: mentee.personId } });
    const unchanged = await ctx.db.enrollment.findUniqueOrThrow({ where: { id: enrollment.id } });
    expect({ person: [person.createdAt.toISOString(), person.updatedAt.toISOString()], cpd: cpd.createdAt.toISOString(), audit: event.at.toISOString(), enrollment: unchanged.updatedAt.toISOString() }).toEqual({
      person: [LONG_AGO, later],
      cpd: later,
      audit: later,
      enrollment: LONG_AGO,
    });
  });
});
