// One reading of the cadence (domain pairCadence), on PGlite and PostgreSQL: the day the planner first
// nudges a pair is the day the progress view and the digest first call it overdue, and the day the
// coordinators are told is the day the digest lists it as escalated.
import { describe, expect, it } from 'vitest';
import { zonedDateTimeToInstant } from '../../src/core/domain/time.js';
import { planNotifications } from '../../src/core/services/planner.service.js';
import { menteeProgress, programProgress } from '../../src/core/services/progress.service.js';
import { addPairing, addPerson, makeContext } from '../support/fixtures.js';
import { STORE_KINDS, useTestStore } from '../support/stores.js';

const TZ = 'America/Winnipeg';
const noon = (date: string) => zonedDateTimeToInstant(date, '12:00', TZ).toISOString();

describe.each(STORE_KINDS)('the cadence on %s', (kind) => {
  const store = useTestStore(kind);

  async function onDay(date: string) {
    const ctx = await makeContext(store().prisma, { now: noon(date), rules: { cadenceDays: 28, escalateAfterCadences: 2 } });
    const cora = await addPerson(ctx, { name: 'Cora Coordinator', roles: ['COORDINATOR'], slack: { teamId: 'T1', userId: 'UCORA' } });
    const max = await addPerson(ctx, { name: 'Max Mentor', roles: ['MENTOR'], slack: { teamId: 'T1', userId: 'UMAX' } });
    const mia = await addPerson(ctx, { name: 'Mia Mentee', start: '2026-01-05', end: '2026-12-31', slack: { teamId: 'T1', userId: 'UMIA' } });
    await addPairing(ctx, max, mia, '2026-02-02');
    await planNotifications(ctx);
    const planned = (await ctx.db.notification.findMany({ where: { kind: { in: ['cadence-nudge', 'escalation'] } } })).map((n) => `${n.kind} ${n.personId === cora.personId ? 'Cora' : n.personId === max.personId ? 'Max' : 'Mia'}`);
    const row = (await menteeProgress(ctx, mia.personId)).meetings;
    const attention = (await programProgress(ctx)).attention;
    return { planned: planned.sort(), overdue: row.overdue, escalated: row.escalated, days: row.daysWithoutMeeting, listed: attention.pairsOverdue.length, escalatedListed: attention.pairsEscalated.length };
  }

  it('day 27 without a meeting: on track for the nudge and the digest alike', async () => {
    expect(await onDay('2026-03-01')).toEqual({ planned: [], overdue: false, escalated: false, days: 27, listed: 0, escalatedListed: 0 });
  });

  it('day 28 (the cadence): both are nudged, and the digest lists the pair as overdue', async () => {
    expect(await onDay('2026-03-02')).toEqual({ planned: ['cadence-nudge Max', 'cadence-nudge Mia'], overdue: true, escalated: false, days: 28, listed: 1, escalatedListed: 0 });
  });

  it('day 56 (twice the cadence): the coordinators are told, and the digest lists the pair as escalated', async () => {
    expect(await onDay('2026-03-30')).toEqual({ planned: ['cadence-nudge Max', 'cadence-nudge Mia', 'escalation Cora'], overdue: true, escalated: true, days: 56, listed: 1, escalatedListed: 1 });
  });
});
