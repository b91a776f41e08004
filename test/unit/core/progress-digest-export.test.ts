import { describe, it, expect } from 'vitest';
import { STORE_KINDS, useTestStore } from '../../support/stores.js';
import { addPairing, addPerson, makeContext, slackConversation } from '../../support/fixtures.js';
import type { CoreContext } from '../../../src/core/context.js';
import type { Actor } from '../../../src/core/actor.js';
import type { Db } from '../../../src/store/store.js';
import type { CanMedsRole } from '../../../src/core/domain/canmeds.js';
import { toDbDate } from '../../../src/core/services/db-dates.js';
import { menteeProgress, mentorOverview, programProgress } from '../../../src/core/services/progress.service.js';
import { daysExcludingAway } from '../../../src/core/domain/away-days.js';
import { buildDigest } from '../../../src/core/services/digest.service.js';
import { EXPORT_KINDS, exportData } from '../../../src/core/services/export.service.js';
import { csvField, toCsv } from '../../../src/core/services/export.encode.js';
import { completionReport } from '../../../src/core/services/completion-report.service.js';
import { completionReportMarkdown, completionReportText } from '../../../src/core/ui/completion-report.render.js';
import { digestReply, exportReply, statusReply } from '../../../src/core/services/coordinator-replies.service.js';
import { menteeProgressMessage, mentorOverviewMessage, programOverviewMessage, MAX_BLOCKS } from '../../../src/core/ui/progress.view.js';
import { progressCommand } from '../../../src/core/commands/progress.command.js';
import { digestActions } from '../../../src/core/actions/digest.actions.js';
import type { Block, Message } from '../../../src/core/ui/message.js';
import type { AppError } from '../../../src/core/domain/errors.js';
import { render } from '../../../src/core/i18n/translate.js';

const NOW = '2026-11-20T15:00:00Z'; // 09:00 in Winnipeg; today is 2026-11-20

const allText = (m: Message): string =>
  [m.text, ...m.blocks.map((b: Block) => JSON.stringify(b))].join('\n');

async function addMeeting(
  ctx: CoreContext,
  pairingId: string,
  mentor: Actor,
  mentee: Actor,
  date: string,
  extra: { confirmation?: 'PENDING' | 'CONFIRMED' | 'DISPUTED'; topics?: string; privateNotes?: string; nextMeetingDate?: string; minutes?: number; roles?: CanMedsRole[] } = {},
) {
  return ctx.db.meeting.create({
    data: {
      programId: ctx.program.id,
      pairingId,
      mentorId: mentor.personId,
      menteeId: mentee.personId,
      loggedById: mentor.personId,
      date: toDbDate(date),
      minutes: extra.minutes ?? 45,
      format: 'VIDEO',
      topics: extra.topics ?? 'Billing and charting habits',
      roles: extra.roles ?? ['COMMUNICATOR', 'MEDICAL_EXPERT'],
      privateNotes: extra.privateNotes ?? null,
      nextMeetingDate: extra.nextMeetingDate ? toDbDate(extra.nextMeetingDate) : null,
      confirmation: extra.confirmation ?? 'CONFIRMED',
    },
  });
}

type CpdKind = { system: 'MAINPRO_PLUS' | 'MOC'; category: string; activityType: string; certified: boolean; perHour?: number; units?: boolean };
const MAINPRO_CERTIFIED: CpdKind = { system: 'MAINPRO_PLUS', category: 'CERTIFIED', activityType: 'GROUP_LEARNING', certified: true };
const MAINPRO_NON_CERTIFIED: CpdKind = { system: 'MAINPRO_PLUS', category: 'NON_CERTIFIED', activityType: 'SELF_LEARNING', certified: false };
const MOC_SECTION_3: CpdKind = { system: 'MOC', category: 'SECTION_3', activityType: 'KNOWLEDGE_ASSESSMENT', certified: true, perHour: 3 };
const MOC_FEEDBACK: CpdKind = { system: 'MOC', category: 'SECTION_3', activityType: 'FEEDBACK_RECEIVED', certified: false, perHour: 3 };
const MOC_ARTICLES: CpdKind = { system: 'MOC', category: 'SECTION_2', activityType: 'JOURNAL_ARTICLE', certified: false, units: true };

async function addCpd(ctx: CoreContext, person: Actor, date: string, kind: CpdKind, credits: number, title = 'Journal club: sepsis', extra: Record<string, string> = {}) {
  const { perHour = 1, units, ...rest } = kind;
  const amount = units ? { units: credits } : { hours: credits / perHour };
  return ctx.db.cpdActivity.create({
    data: { programId: ctx.program.id, personId: person.personId, title, date: toDbDate(date), ...rest, ...amount, credits, roles: ['SCHOLAR'], ...extra },
  });
}

async function addPrompt(
  ctx: CoreContext,
  mentee: Actor,
  spec: { dueAt: string; status: 'OPEN' | 'DRAFT' | 'ANSWERED'; shared?: boolean; answers?: Record<string, string>; meetingId?: string; roles?: CanMedsRole[] },
) {
  return ctx.db.reflectionPrompt.create({
    data: {
      programId: ctx.program.id,
      menteeId: mentee.personId,
      kind: 'AFTER_MEETING',
      meetingId: spec.meetingId ?? null,
      questions: [{ id: 'learning', text: 'What did you learn?', required: true }],
      answers: spec.answers ?? undefined,
      roles: spec.roles ?? (spec.status === 'ANSWERED' ? ['PROFESSIONAL'] : []),
      shared: spec.shared ?? false,
      status: spec.status,
      dueAt: new Date(spec.dueAt),
      answeredAt: spec.status === 'ANSWERED' ? new Date(spec.dueAt) : null,
    },
  });
}

/** A small program: a coordinator, two mentors, a mentee with a history, a second mentee on track. */
async function seedProgram(db: Db) {
  const ctx = await makeContext(db, { now: NOW });
  const coordinator = await addPerson(ctx, { name: 'Cora Coordinator', roles: ['COORDINATOR'] });
  const mentor = await addPerson(ctx, { name: 'Marcus Mentor', roles: ['MENTOR'] });
  const otherMentor = await addPerson(ctx, { name: 'Olga Othermentor', roles: ['MENTOR'] });
  const mentee = await addPerson(ctx, { name: 'Amina Mentee', pathway: 'PRA_MB_FP', start: '2026-01-05' });
  const onTrack = await addPerson(ctx, { name: 'Bela Ontrack', pathway: 'PRA_MB_SP', start: '2026-01-05' });
  const pairingId = await addPairing(ctx, mentor, mentee, '2026-01-05');
  const otherPairingId = await addPairing(ctx, otherMentor, onTrack, '2026-01-05');

  await addMeeting(ctx, pairingId, mentor, mentee, '2026-09-01');
  const pending = await addMeeting(ctx, pairingId, mentor, mentee, '2026-10-01', { confirmation: 'PENDING', nextMeetingDate: '2026-12-01', privateNotes: 'SECRET-NOTE-about-mentee' });
  await addMeeting(ctx, pairingId, mentor, mentee, '2026-10-10', { confirmation: 'DISPUTED' });
  await addMeeting(ctx, otherPairingId, otherMentor, onTrack, '2026-11-10');

  await addCpd(ctx, mentee, '2026-03-01', MAINPRO_CERTIFIED, 10);
  await addCpd(ctx, mentee, '2026-04-01', MAINPRO_NON_CERTIFIED, 2);
  await addCpd(ctx, onTrack, '2026-05-01', MOC_SECTION_3, 39);

  await addPrompt(ctx, mentee, { dueAt: '2026-09-02T15:00:00Z', status: 'ANSWERED', shared: true, answers: { learning: 'SHARED-ANSWER: plan follow-ups' } });
  await addPrompt(ctx, mentee, { dueAt: '2026-10-02T15:00:00Z', status: 'ANSWERED', shared: false, answers: { learning: 'PRIVATE-ANSWER: felt unsure' }, meetingId: pending.id });
  await addPrompt(ctx, mentee, { dueAt: '2026-11-01T15:00:00Z', status: 'OPEN' });
  await addPrompt(ctx, mentee, { dueAt: '2026-12-15T15:00:00Z', status: 'OPEN' }); // not due yet
  return { ctx, coordinator, mentor, otherMentor, mentee, onTrack, pairingId, otherPairingId };
}

/** Wraps the store so every Prisma operation (queries, groupBy, raw SQL) is counted. */
function countingContext(ctx: CoreContext): { ctx: CoreContext; count: () => number } {
  let n = 0;
  const counted = ctx.db.$extends({
    query: {
      async $allOperations({ args, query }) {
        n += 1;
        return query(args);
      },
    },
  }) as unknown as Db;
  return { ctx: { ...ctx, db: counted }, count: () => n };
}

describe('pure helpers of progress and export', () => {
  it('counts days without a meeting, leaving out away days and overlapping away periods once', () => {
    expect(daysExcludingAway('2026-10-01', '2026-11-20', [])).toBe(50);
    expect(daysExcludingAway('2026-10-01', '2026-11-20', [{ from: '2026-10-15', until: '2026-11-05' }])).toBe(28);
    expect(
      daysExcludingAway('2026-10-01', '2026-11-20', [
        { from: '2026-10-15', until: '2026-11-05' },
        { from: '2026-11-01', until: '2026-11-10' },
        { from: '2026-09-01', until: '2026-10-03' },
      ]),
    ).toBe(50 - 27 - 2);
    expect(daysExcludingAway('2026-11-20', '2026-11-20', [])).toBe(0);
  });

  it('quotes CSV fields by RFC 4180 and neutralises spreadsheet formulas', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a, b')).toBe('"a, b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvField('+1 555')).toBe("'+1 555");
    expect(csvField('-2')).toBe("'-2");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField(-2)).toBe('-2');
    expect(csvField(null)).toBe('');
    expect(csvField(true)).toBe('yes');
    expect(toCsv({ headers: ['a', 'b'], rows: [['x', 1]] })).toBe('\uFEFFa,b\r\nx,1\r\n');
  });
});

describe.each(STORE_KINDS)('progress, digest and exports on %s', (kind) => {
  const store = useTestStore(kind);

  it("gives a mentee's meetings, cadence, CPD pace, reflections and month of the program", async () => {
    const { ctx, mentee, mentor } = await seedProgram(store().prisma);
    const p = await menteeProgress(ctx, mentee.personId);
    expect(p.meetings).toMatchObject({ done: 2, required: 10, confirmed: 1, unconfirmed: 1, disputed: 1, lastDate: '2026-10-01', daysSince: 50, daysWithoutMeeting: 50, overdue: true, escalated: false, nextAgreed: '2026-12-01' });
    // 319 of 364 days of the year have passed: 8.76 meetings pro rata.
    expect(p.meetings.expectedByNow).toBe(8);
    expect(p.cpd).toMatchObject({ system: 'MAINPRO_PLUS', credits: 12, certified: 10, certifiedWord: 'certified', activities: 2, target: 25, behind: true, otherSystems: [] });
    expect(p.cpd.byCategory).toEqual([
      { key: 'CERTIFIED', label: 'Certified', labelKey: 'cpd.category.certified', credits: 10 },
      { key: 'CERTIFIED_ASSESSMENT', label: 'Certified Assessment', labelKey: 'cpd.category.certifiedAssessment', credits: 0 },
      { key: 'NON_CERTIFIED', label: 'Non-certified', labelKey: 'cpd.category.nonCertified', credits: 2 },
    ]);
    // The program year (2026-01-05 to 2027-01-04) touches two Mainpro+ credit years.
    expect(p.cpd.creditYears).toEqual([
      { label: '2025–2026', from: '2025-07-01', to: '2026-06-30', credits: 12, minimum: 25, met: false, reportBy: null },
      { label: '2026–2027', from: '2026-07-01', to: '2027-06-30', credits: 0, minimum: 25, met: false, reportBy: null },
    ]);
    expect(p.cpd.cycle).toEqual([{ label: 'Certified Assessment', labelKey: 'cpd.minimum.certifiedAssessment', have: 0, need: 10, unit: 'credits', met: false }]);
    expect(p.cpd.expected).toBeCloseTo((25 * 319) / 364, 1);
    expect(p.reflections).toEqual({ answered: 2, outstanding: 1, oldestOutstandingDue: '2026-11-01' });
    expect(p).toMatchObject({ month: 11, months: 12, daysToEnd: 45, endDate: '2027-01-04' });
    expect(p.mentors).toEqual([{ personId: mentor.personId, name: 'Marcus Mentor' }]);
    expect(p.rolesTouched).toEqual(expect.arrayContaining(['COMMUNICATOR', 'MEDICAL_EXPERT', 'SCHOLAR', 'PROFESSIONAL']));
    const missing = p.missing.map((m) => render('en', m)).join(' ');
    expect(missing).toMatch(/8 more meetings/);
    expect(missing).toMatch(/13 more CPD credits/);
    expect(missing).toMatch(/1 reflection to answer/);
    expect(missing).toMatch(/No learning goals/);
  });

  it('lists the CanMEDS roles touched most often first, ties in CanMEDS order, whatever order they were logged in', async () => {
    const ctx = await makeContext(store().prisma, { now: NOW });
    const mentor = await addPerson(ctx, { name: 'Marcus Mentor', roles: ['MENTOR'] });
    const mentee = await addPerson(ctx, { name: 'Amina Mentee' });
    const pairingId = await addPairing(ctx, mentor, mentee);
    // Professional most often, then Scholar; Communicator only in a disputed meeting, which does not count.
    await addMeeting(ctx, pairingId, mentor, mentee, '2026-09-01', { roles: ['PROFESSIONAL', 'COLLABORATOR'] });
    await addMeeting(ctx, pairingId, mentor, mentee, '2026-10-01', { roles: ['PROFESSIONAL', 'HEALTH_ADVOCATE'] });
    await addMeeting(ctx, pairingId, mentor, mentee, '2026-10-10', { roles: ['COMMUNICATOR'], confirmation: 'DISPUTED' });
    for (const roles of [['SCHOLAR', 'PROFESSIONAL', 'MEDICAL_EXPERT'], ['SCHOLAR']] satisfies CanMedsRole[][]) {
      await ctx.db.cpdActivity.create({
        data: { programId: ctx.program.id, personId: mentee.personId, title: 'Journal club', date: toDbDate('2026-06-01'), system: 'MAINPRO_PLUS', category: 'NON_CERTIFIED', activityType: 'GROUP_LEARNING', certified: false, hours: 1, credits: 1, roles },
      });
    }
    await addPrompt(ctx, mentee, { dueAt: '2026-10-02T15:00:00Z', status: 'ANSWERED', roles: ['LEADER'] });

    const p = await menteeProgress(ctx, mentee.personId);
    expect(p.rolesTouched).toEqual(['PROFESSIONAL', 'SCHOLAR', 'MEDICAL_EXPERT', 'COLLABORATOR', 'LEADER', 'HEALTH_ADVOCATE']);
    const program = await programProgress(ctx);
    expect(program.rows.find((r) => r.personId === mentee.personId)?.rolesTouched).toEqual(p.rolesTouched);
  });

  it('does not count away days of either member of the pair as overdue', async () => {
    const { ctx, mentee, mentor } = await seedProgram(store().prisma);
    await ctx.db.away.create({ data: { programId: ctx.program.id, personId: mentee.personId, fromDate: toDbDate('2026-10-14'), untilDate: toDbDate('2026-11-05') } });
    const p = await menteeProgress(ctx, mentee.personId);
    expect(p.meetings).toMatchObject({ daysSince: 50, daysWithoutMeeting: 27, overdue: false });
    // Day 28 without a meeting (the cadence) is the day the pair is overdue, as the nudge goes that day (domain pairCadence).
    await ctx.db.away.updateMany({ data: { fromDate: toDbDate('2026-10-15') } });
    expect((await menteeProgress(ctx, mentee.personId)).meetings).toMatchObject({ daysWithoutMeeting: 28, overdue: true });

    await ctx.db.away.deleteMany({});
    await ctx.db.away.create({ data: { programId: ctx.program.id, personId: mentor.personId, fromDate: toDbDate('2026-11-01'), untilDate: toDbDate('2026-11-30') } });
    const q = await menteeProgress(ctx, mentee.personId);
    expect(q.meetings).toMatchObject({ daysWithoutMeeting: 30, overdue: true });
    const program = await programProgress(ctx);
    expect(program.attention.pairsOverdue.map((x) => x.mentee.name)).toEqual(['Amina Mentee']);
  });

  it('escalates a pair at twice the cadence and lists what needs attention for the program', async () => {
    const { ctx, mentee, onTrack } = await seedProgram(store().prisma);
    ctx.clock.set('2026-12-01T15:00:00Z'); // 61 days since the last meeting; ends in 34 days
    ctx.program.rules = { ...ctx.program.rules, endOfProgramWarningDays: 40 };
    const p = await programProgress(ctx);
    expect(p.totals).toMatchObject({ participants: { MENTEE: 2, MENTOR: 2, COORDINATOR: 1 }, pairs: 2, meetings: 3, cpdActivities: 3, reflectionsAnswered: 2, reflectionsOutstanding: 1 });
    expect(p.totals.cpdBySystem).toEqual([{ system: 'MAINPRO_PLUS', activities: 2, credits: 12 }, { system: 'MOC', activities: 1, credits: 39 }]);
    expect(p.attention.pairsEscalated.map((x) => x.mentee.personId)).toEqual([mentee.personId]);
    expect(p.attention.reflectionsOutstanding.map((x) => x.mentee.personId)).toEqual([mentee.personId]);
    expect(p.attention.cpdBehind.map((x) => x.mentee.personId)).toEqual([mentee.personId]);
    expect(p.attention.unconfirmedMeetings).toEqual([{ mentee: { personId: mentee.personId, name: 'Amina Mentee' }, mentors: [expect.objectContaining({ name: 'Marcus Mentor' })], count: 1 }]);
    expect(p.attention.completionsComingUp.map((x) => x.mentee.personId).sort()).toEqual([mentee.personId, onTrack.personId].sort());
    expect(p.attention.pairsOverdue.map((x) => x.mentee.personId)).toEqual([mentee.personId]);
  });

  it('lists mentees withdrawn this year and leaves them out of the active rows', async () => {
    const { ctx } = await seedProgram(store().prisma);
    const gone = await addPerson(ctx, { name: 'Wanda Withdrawn', status: 'WITHDRAWN' });
    await ctx.db.enrollment.updateMany({ where: { personId: gone.personId }, data: { statusAt: new Date('2026-06-01T12:00:00Z') } });
    const p = await programProgress(ctx);
    expect(p.attention.withdrawnThisYear).toEqual([{ person: { personId: gone.personId, name: 'Wanda Withdrawn' }, at: '2026-06-01' }]);
    expect(p.rows.map((r) => r.name)).not.toContain('Wanda Withdrawn');
  });

  it("gives a mentor an overview of only their own mentees", async () => {
    const { ctx, mentor, mentee } = await seedProgram(store().prisma);
    const overview = await mentorOverview(ctx, mentor.personId);
    expect(overview.rows.map((r) => r.personId)).toEqual([mentee.personId]);
    const msg = mentorOverviewMessage('en', overview.rows);
    expect(allText(msg)).toContain('Amina Mentee');
    expect(allText(msg)).not.toContain('Bela Ontrack');
  });

  it('runs the same number of queries for a program of 3 mentees as for one of 30', async () => {
    const base = await makeContext(store().prisma, { now: NOW });
    const seed = async (from: number, to: number) => {
      for (let i = from; i < to; i += 1) {
        const mentor = await addPerson(base, { name: `Mentor ${i}`, email: `mentor${i}@example.org`, roles: ["MENTOR"] });
        const mentee = await addPerson(base, { name: `Mentee ${i}`, email: `mentee${i}@example.org` });
        const pairing = await addPairing(base, mentor, mentee, '2026-01-05');
        await addMeeting(base, pairing, mentor, mentee, '2026-10-01', { confirmation: i % 2 ? 'PENDING' : 'CONFIRMED' });
        await addCpd(base, mentee, '2026-04-01', MAINPRO_CERTIFIED, i % 5);
        await addPrompt(base, mentee, { dueAt: '2026-10-05T15:00:00Z', status: i % 3 ? 'OPEN' : 'ANSWERED' });
        if (i % 4 === 0) await base.db.away.create({ data: { programId: base.program.id, personId: mentee.personId, fromDate: toDbDate('2026-10-10'), untilDate: toDbDate('2026-10-20') } });
      }
    };
    await seed(0, 3);
    const small = countingContext(base);
    const smallResult = await programProgress(small.ctx);
    const smallDigest = countingContext(base);
    await buildDigest(smallDigest.ctx);

    await seed(3, 30);
    const large = countingContext(base);
    const largeResult = await programProgress(large.ctx);
    const largeDigest = countingContext(base);
    await buildDigest(largeDigest.ctx);

    expect(smallResult.rows).toHaveLength(3);
    expect(largeResult.rows).toHaveLength(30);
    expect(small.count()).toBeGreaterThan(0);
    expect(large.count()).toBe(small.count());
    expect(largeDigest.count()).toBe(smallDigest.count());
  });

  it('renders progress messages within the block limit, with pathway CanMEDS labels', async () => {
    const { ctx, mentee, onTrack } = await seedProgram(store().prisma);
    const fp = menteeProgressMessage(await menteeProgress(ctx, mentee.personId), { audience: 'self' });
    expect(fp.blocks[0]).toEqual({ type: 'header', text: 'Your progress' });
    expect(fp.blocks).toContainEqual(expect.objectContaining({ type: 'progress', label: 'Meetings', value: 2, max: 10 }));
    expect(fp.blocks).toContainEqual(expect.objectContaining({ type: 'progress', value: 12, max: 25 }));
    expect(allText(fp)).toContain('Family Medicine Expert');
    expect(allText(fp)).toContain('Month 11 of 12');
    expect(allText(fp)).toContain('Still missing for completion');

    const sp = menteeProgressMessage(await menteeProgress(ctx, onTrack.personId), { audience: 'coordinator' });
    expect(allText(sp)).toContain('Progress of Bela Ontrack');
    expect(allText(sp)).toContain('Section 3: Assessment 39');
    expect(allText(sp)).toContain('39 accredited');
    expect(allText(sp)).toContain('Feedback Received (Section 3): 0 of 1 activities logged here');
    expect(allText(sp)).not.toMatch(/\bcertified/);

    for (let i = 0; i < 80; i += 1) await addPerson(ctx, { name: `Unpaired ${String(i).padStart(2, "0")}`, email: `unpaired${i}@example.org` });
    const overview = programOverviewMessage('en', await programProgress(ctx));
    expect(overview.blocks.length).toBeLessThanOrEqual(MAX_BLOCKS);
    expect(allText(overview)).toMatch(/…and \d+ more/);
    const many = mentorOverviewMessage('en', (await programProgress(ctx)).rows);
    expect(many.blocks.length).toBeLessThanOrEqual(MAX_BLOCKS);
  });

  it('builds a digest naming overdue pairs, non-responders, CPD behind pace and delivery problems, with buttons', async () => {
    const { ctx, mentee, pairingId } = await seedProgram(store().prisma);
    await ctx.db.notification.create({
      data: { programId: ctx.program.id, personId: mentee.personId, kind: 'reflection-reminder', idempotencyKey: 'k1', payload: {}, dueAt: new Date('2026-11-18T15:00:00Z'), status: 'FAILED', lastError: 'channel_not_found' },
    });
    const teamsUser = await addPerson(ctx, { name: 'Tomas Teams', roles: ['MENTOR'], teams: { tenantId: 'tenant-1', userId: 'aad-1' } });
    await ctx.db.chatAccount.updateMany({ where: { personId: teamsUser.personId }, data: { unreachableSince: new Date('2026-11-10T12:00:00Z') } });

    const digest = await buildDigest(ctx);
    const text = allText(digest);
    expect(digest.blocks.length).toBeLessThanOrEqual(MAX_BLOCKS);
    expect(text).toContain('Marcus Mentor & Amina Mentee: 50 days without a meeting');
    expect(text).toMatch(/Reflections outstanding \(1\)[^\n]*Amina Mentee: 1/);
    expect(text).toMatch(/CPD behind pace[^\n]*Amina Mentee/);
    expect(text).not.toMatch(/CPD behind pace[^\n]*Bela Ontrack/);
    expect(text).toMatch(/CPD behind pace[^\n]*\(Mainpro\+ target 25\)/);
    // Amina's first Mainpro+ credit year ended on 2026-06-30 with 12 credits logged; Bela's MOC 2026 is still open.
    expect(text).toMatch(/Credit years closed below the college minimum \(as logged here\) \(1\)[^\n]*Amina Mentee: Mainpro\+ 2025–2026, 12 of 25 credits/);
    expect(text).toMatch(/Unconfirmed meetings[^\n]*Amina Mentee with Marcus Mentor: 1/);
    expect(text).toMatch(/Delivery problems \(2\)/);
    expect(text).toContain('Tomas Teams: the bot cannot message them on Microsoft Teams since 2026-11-10');
    expect(text).toContain('channel_not_found');
    const actions = digest.blocks.find((b) => b.type === 'actions');
    expect(actions).toBeDefined();
    if (actions?.type !== 'actions') throw new Error('no actions');
    expect(actions.buttons).toContainEqual(expect.objectContaining({ action: 'digest.nudge', value: pairingId }));
    expect(actions.buttons).toContainEqual(expect.objectContaining({ action: 'digest.export', value: 'summary' }));
    expect(actions.buttons.filter((b) => b.action === 'digest.nudge')).toHaveLength(1);
  });

  it('lists who cannot be reached with the reason delivery kept, an earlier version\'s English text as it is', async () => {
    const { ctx } = await seedProgram(store().prisma);
    const hana = await addPerson(ctx, { name: 'Hana Held', roles: ['MENTOR'] });
    await ctx.db.notification.create({
      data: {
        programId: ctx.program.id, personId: hana.personId, kind: 'welcome', idempotencyKey: 'held-old', payload: {}, dueAt: new Date('2026-11-21T15:00:00Z'),
        lastError: 'UNREACHABLE: no chat account yet, and no directory to find one by hana@example.org',
      },
    });
    const text = allText(await buildDigest(ctx));
    expect(text).toMatch(/Cannot be reached \(1\)[^\n]*Hana Held: no chat account yet, and no directory to find one by hana@example\.org \(messages waiting since 2026-11-20/);
  });

  it('exports meetings as CSV with escaping and formula neutralising, and never the private notes', async () => {
    const { ctx, coordinator, mentor, mentee, pairingId } = await seedProgram(store().prisma);
    await addMeeting(ctx, pairingId, mentor, mentee, '2026-11-01', { topics: '=HYPERLINK("http://evil","click"), then "billing"\nand charting' });
    const file = await exportData(ctx, coordinator, 'meetings', { format: 'csv' });
    expect(file.filename).toBe('test-program-meetings-2026-11-20.csv');
    expect(file.mimeType).toMatch(/^text\/csv/);
    expect(file.rows).toBe(5);
    const lines = file.content.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toMatch(/^date,mentor,mentor_email,mentee,/);
    expect(lines[0]).not.toMatch(/note/);
    expect(file.content).toContain(`"'=HYPERLINK(""http://evil"",""click""), then ""billing""\nand charting"`);
    expect(file.content).not.toContain('SECRET-NOTE');
    expect(file.content).toContain('Family Medicine Expert');

    const json = await exportData(ctx, coordinator, 'meetings', { format: 'json', from: '2026-10-01', to: '2026-10-31' });
    const rows = JSON.parse(json.content) as { date: string; confirmation: string }[];
    expect(rows.map((r) => r.date)).toEqual(['2026-10-01', '2026-10-10']);
    expect(json.content).not.toContain('SECRET-NOTE');
  });

  it('exports reflection answers only where the mentee shared them, unless a coordinator asks for all', async () => {
    const { ctx, coordinator } = await seedProgram(store().prisma);
    const file = await exportData(ctx, coordinator, 'reflections', { format: 'csv' });
    expect(file.content).toContain('SHARED-ANSWER');
    expect(file.content).not.toContain('PRIVATE-ANSWER');
    expect(file.content).toContain('no (not shared)');
    expect(file.rows).toBe(4);

    const all = await exportData(ctx, coordinator, 'reflections', { format: 'json', includeUnsharedAnswers: true });
    expect(all.content).toContain('PRIVATE-ANSWER');
    const events = await ctx.db.auditEvent.findMany({ where: { action: 'export.reflections' }, orderBy: { at: 'asc' } });
    expect(events.map((e) => (e.detail as { includeUnsharedAnswers: boolean }).includeUnsharedAnswers)).toEqual([false, true]);
  });

  it('refuses exports to anyone but a coordinator, with a clear message, and audits every export', async () => {
    const { ctx, coordinator, mentor, mentee } = await seedProgram(store().prisma);
    for (const who of [mentor, mentee]) {
      await expect(exportData(ctx, who, 'meetings', { format: 'csv' })).rejects.toMatchObject({ code: 'FORBIDDEN', userMessage: expect.stringMatching(/Only coordinators in the program can export data/) });
    }
    const badDate = await exportData(ctx, coordinator, 'meetings', { format: 'csv', from: '20-11-2026' }).catch((error: AppError) => error);
    expect(badDate).toMatchObject({ code: 'BAD_INPUT' });
    expect((badDate as AppError).fieldErrorsIn('en')).toEqual({ from: expect.stringMatching(/YYYY-MM-DD/) });
    expect(await ctx.db.auditEvent.count()).toBe(0);

    for (const exportKind of EXPORT_KINDS) await exportData(ctx, coordinator, exportKind, { format: 'csv' });
    const events = await ctx.db.auditEvent.findMany({ orderBy: { at: 'asc' } });
    expect(events.map((e) => e.action).sort()).toEqual(EXPORT_KINDS.map((k) => `export.${k}`).sort());
    expect(events.every((e) => e.actorId === coordinator.personId && e.programId === ctx.program.id)).toBe(true);
  });

  it('exports participants with their progress and a program summary with real numbers', async () => {
    const { ctx, coordinator } = await seedProgram(store().prisma);
    const participants = JSON.parse((await exportData(ctx, coordinator, 'participants', { format: 'json' })).content) as Record<string, unknown>[];
    expect(participants).toHaveLength(5);
    expect(participants.find((p) => p.name === 'Bela Ontrack')).toMatchObject({ cpd_system: 'MOC', cpd_credits: 39 });
    expect(participants.find((p) => p.name === 'Amina Mentee')).toMatchObject({ role: 'Mentee', cpd_system: 'Mainpro+', meetings_done: 2, cpd_credits: 12, cpd_target: 25, overdue: true, reflections_outstanding: 1, mentors: 'Marcus Mentor' });
    expect(participants.find((p) => p.name === 'Cora Coordinator')).toMatchObject({ role: 'Coordinator', meetings_done: null });

    const summary = JSON.parse((await exportData(ctx, coordinator, 'summary', { format: 'json' })).content) as { section: string; metric: string; value: unknown }[];
    const value = (metric: string) => summary.find((r) => r.metric === metric)?.value;
    expect(value('mentees active')).toBe(2);
    expect(value('mentors active')).toBe(2);
    expect(value('held (confirmed or awaiting confirmation)')).toBe(3);
    expect(value('disputed')).toBe(1);
    // Mainpro+ and MOC credits are reported apart, never added (12 + 39 appears nowhere).
    expect(value('Mainpro+ credits')).toBe(12);
    expect(value('Mainpro+ certified credits')).toBe(10);
    expect(value('MOC credits')).toBe(39);
    expect(value('MOC accredited credits')).toBe(39);
    expect(value('MOC Section 3: Assessment credits')).toBe(39);
    expect(value('credits')).toBeUndefined();
    expect(summary.map((r) => r.value)).not.toContain(51);
    expect(value('answered')).toBe(2);
    expect(value('pairs overdue')).toBe(1);
  });

  it('a specialist with 25 MOC credits in a calendar year is on target for that year and for the program', async () => {
    const ctx = await makeContext(store().prisma, { now: NOW });
    const coordinator = await addPerson(ctx, { name: 'Cora Coordinator', roles: ['COORDINATOR'] });
    const specialist = await addPerson(ctx, { name: 'Sara Specialist', pathway: 'PRA_MB_SP', start: '2026-01-05' });
    await addCpd(ctx, specialist, '2026-02-01', MOC_ARTICLES, 16, 'Bulk journal reading');
    await addCpd(ctx, specialist, '2026-06-01', MOC_SECTION_3, 6, 'Self-assessment program');
    await addCpd(ctx, specialist, '2026-09-01', MOC_FEEDBACK, 3, 'Multi-source feedback');
    const p = await menteeProgress(ctx, specialist.personId);
    expect(p.cpd).toMatchObject({ system: 'MOC', credits: 25, target: 25, behind: false, certifiedWord: 'accredited', certified: 6 });
    expect(p.cpd.creditYears[0]).toEqual({ label: '2026', from: '2026-01-01', to: '2026-12-31', credits: 25, minimum: 25, met: true, reportBy: '2027-01-31' });
    expect(p.cpd.cycle).toEqual([
      { label: 'Section 3', labelKey: expect.any(String), have: 9, need: 25, unit: 'credits', met: false },
      { label: 'Feedback Received (Section 3)', labelKey: 'cpd.minimum.feedbackReceived', have: 1, need: 1, unit: 'activities', met: true },
    ]);
    expect(p.missing.join(' ')).not.toMatch(/CPD/);
    const program = await programProgress(ctx);
    expect(program.attention.cpdBehind).toEqual([]);
    const summary = JSON.parse((await exportData(ctx, coordinator, 'summary', { format: 'json' })).content) as { metric: string; value: unknown }[];
    expect(summary.find((r) => r.metric === "active MOC mentees with the program's CPD target met")?.value).toBe(1);
  });

  it('keeps credits logged in another system apart from the participant\'s own', async () => {
    const { ctx, mentee } = await seedProgram(store().prisma);
    await addCpd(ctx, mentee, '2026-06-01', MOC_SECTION_3, 9, 'Logged as a specialist by mistake');
    const p = await menteeProgress(ctx, mentee.personId);
    expect(p.cpd).toMatchObject({ system: 'MAINPRO_PLUS', credits: 12, otherSystems: [{ system: 'MOC', credits: 9, activities: 1 }] });
    expect(allText(menteeProgressMessage(p, { audience: 'self' }))).toContain('9 from 1 activity, counted apart');
  });

  it('exports CPD by system and credit year with a value for every field the portals ask for', async () => {
    const { ctx, coordinator, mentee, onTrack } = await seedProgram(store().prisma);
    const portal = { provider: 'CFPC Manitoba Chapter', evidenceUrl: 'https://example.org/certificates/1.pdf', outcome: 'CHANGED_PRACTICE', reflection: 'Now screen earlier for sepsis.' };
    await addCpd(ctx, mentee, '2026-08-15', MAINPRO_CERTIFIED, 3, 'Sepsis workshop', portal);
    await addCpd(ctx, onTrack, '2026-08-20', MOC_ARTICLES, 4, 'NEJM review of sepsis', { ...portal, provider: 'NEJM' });
    const rows = JSON.parse((await exportData(ctx, coordinator, 'cpd', { format: 'json' })).content) as Record<string, unknown>[];
    // Mainpro+ first, then MOC; within a system by credit year.
    expect(rows.map((r) => [r.system, r.credit_year, r.date])).toEqual([
      ['Mainpro+', '2025–2026', '2026-03-01'],
      ['Mainpro+', '2025–2026', '2026-04-01'],
      ['Mainpro+', '2026–2027', '2026-08-15'],
      ['MOC', '2026', '2026-05-01'],
      ['MOC', '2026', '2026-08-20'],
    ]);
    const portalFields = ['title', 'date', 'category_or_section', 'activity_type', 'credits', 'provider', 'evidence_url', 'outcome', 'reflection'];
    const workshop = rows.find((r) => r.title === 'Sepsis workshop')!;
    const article = rows.find((r) => r.title === 'NEJM review of sepsis')!;
    for (const row of [workshop, article]) for (const field of portalFields) expect([field, row[field]]).toEqual([field, expect.anything()]);
    expect(workshop).toMatchObject({ category_or_section: 'Certified', activity_type: 'Group learning', certified_or_accredited: 'certified', hours: 3, unit: 'hours', credits: 3, outcome: 'Changed practice' });
    expect(article).toMatchObject({ category_or_section: 'Section 2: Self-Learning', activity_type: 'Reading a journal article', certified_or_accredited: 'not accredited', hours: null, units: 4, unit: 'articles', credits: 4 });
  });

  it('exports the MOC Section 2 journal-reading list per calendar year', async () => {
    const { ctx, coordinator, onTrack, mentee } = await seedProgram(store().prisma);
    await addCpd(ctx, onTrack, '2025-11-02', MOC_ARTICLES, 2, 'CMAJ: hypertension update', { provider: 'CMAJ' });
    await addCpd(ctx, onTrack, '2026-02-10', MOC_ARTICLES, 3, 'NEJM: sepsis bundles', { provider: 'NEJM' });
    await addCpd(ctx, mentee, '2026-02-11', MAINPRO_NON_CERTIFIED, 1, 'Not MOC reading');
    const file = await exportData(ctx, coordinator, 'reading', { format: 'json' });
    const rows = JSON.parse(file.content) as Record<string, unknown>[];
    expect(rows.map((r) => [r.calendar_year, r.person, r.title, r.journal_or_source, r.units, r.credits])).toEqual([
      ['2025', 'Bela Ontrack', 'CMAJ: hypertension update', 'CMAJ', 2, 2],
      ['2026', 'Bela Ontrack', 'NEJM: sepsis bundles', 'NEJM', 3, 3],
    ]);
    expect(file.filename).toBe('test-program-reading-2026-11-20.json');
  });

  it('gives a completion report to the mentee, their mentor (audited) and coordinators, and refuses other mentors', async () => {
    const { ctx, coordinator, mentor, otherMentor, mentee } = await seedProgram(store().prisma);
    await ctx.db.learningGoal.create({ data: { programId: ctx.program.id, menteeId: mentee.personId, title: 'Chronic pain management', roles: ['MEDICAL_EXPERT'], targetDate: toDbDate('2026-12-31') } });

    const own = await completionReport(ctx, mentee, mentee.personId);
    expect(await ctx.db.auditEvent.count()).toBe(0);
    expect(own.meetings).toHaveLength(3);
    expect(own.meetings.map((m) => m.confirmation)).toEqual(['confirmed', 'awaiting confirmation', 'disputed']);
    expect(own.cpd.byCategory).toContainEqual({ category: 'Certified', activities: 1, credits: 10, certifiedCredits: 10 });
    expect(own.cpd).toMatchObject({ credits: 12, target: 25, certifiedCredits: 10 });
    expect(own.reflections).toMatchObject({ answered: 2, outstanding: 1 });
    expect(own.goals).toEqual([{ title: 'Chronic pain management', roles: ['Family Medicine Expert'], targetDate: '2026-12-31', status: 'On track' }]);
    expect(own.complete).toBe(false);
    expect(own.missing.join(' ')).toMatch(/8 more meetings/);
    expect(JSON.stringify(own)).not.toContain('SECRET-NOTE');
    expect(JSON.stringify(own)).not.toContain('PRIVATE-ANSWER');

    const md = completionReportMarkdown(own);
    expect(md).toContain('# Completion report: Amina Mentee');
    expect(md).toContain('| Certified | 1 | 10 | 10 |');
    expect(md).toContain('- Credit year 2025–2026: 12 of 25 credits');
    expect(md).toContain('- For the cycle, Certified Assessment: 0 of 10 credits logged here');
    expect(completionReportText(own)).toContain('for the cycle, Certified Assessment: 0 of 10 credits logged here');
    expect(md).toContain('## What is missing');
    expect(completionReportText(own)).toContain('CPD (Mainpro+): 12 of 25 credits, 10 certified');

    await completionReport(ctx, mentor, mentee.personId);
    const events = await ctx.db.auditEvent.findMany();
    expect(events).toEqual([expect.objectContaining({ actorId: mentor.personId, subjectId: mentee.personId, action: 'report.completion' })]);

    await completionReport(ctx, coordinator, mentee.personId);
    expect(await ctx.db.auditEvent.count()).toBe(2);

    await expect(completionReport(ctx, otherMentor, mentee.personId)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(completionReport(ctx, mentee, mentor.personId)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('answers /progress by role, and for another person only to their mentor or a coordinator', async () => {
    const { ctx, coordinator, mentor, otherMentor, mentee } = await seedProgram(store().prisma);
    const run = (actor: Actor, text = '') => progressCommand.run({ ctx, actor, text, requestId: `r-${Math.random()}`, conversation: slackConversation() });

    const own = await run(mentee);
    expect(own.kind === 'message' && allText(own.message)).toContain('Your progress');
    const mentorView = await run(mentor);
    expect(mentorView.kind === 'message' && allText(mentorView.message)).toContain('Amina Mentee');
    const coordView = await run(coordinator);
    expect(coordView.kind === 'message' && allText(coordView.message)).toContain('Pairs overdue');

    const both = await addPerson(ctx, { name: 'Dual Role', roles: ['MENTOR', 'COORDINATOR'] });
    const dual = await run(both);
    expect(dual.kind === 'message' && allText(dual.message)).toContain('Your mentees');
    expect(dual.kind === 'message' && allText(dual.message)).toContain('status on 2026-11-20');

    const viaEmail = await run(mentor, 'amina.mentee@example.org');
    expect(viaEmail.kind === 'message' && allText(viaEmail.message)).toContain('Progress of Amina Mentee');
    expect(await ctx.db.auditEvent.count({ where: { actorId: mentor.personId, subjectId: mentee.personId, action: 'progress.view' } })).toBe(1);

    await expect(run(otherMentor, 'amina.mentee@example.org')).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('sends the digest to the coordinator and queues it for the digest channel; refuses others', async () => {
    const { ctx, coordinator, mentor } = await seedProgram(store().prisma);
    await expect(digestReply(ctx, mentor)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(statusReply(ctx, mentor)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(exportReply(ctx, mentor, 'summary')).rejects.toMatchObject({ code: 'FORBIDDEN' });

    const noChannel = await digestReply(ctx, coordinator);
    expect(noChannel.kind).toBe('message');
    expect(await ctx.db.notification.count()).toBe(0);

    const channel = await ctx.db.programChannel.create({ data: { programId: ctx.program.id, platform: 'SLACK', workspaceId: 'T0001', channelId: 'C0DIGEST' } });
    let woken = 0;
    const reply = await digestReply({ ...ctx, wakeOutbox: () => (woken += 1) }, coordinator);
    expect(reply.kind === 'message' && allText(reply.message)).toContain('Marcus Mentor & Amina Mentee');
    const queued = await ctx.db.notification.findMany();
    expect(queued).toEqual([expect.objectContaining({ channelId: channel.id, kind: 'digest', idempotencyKey: `digest:now:${new Date(NOW).toISOString()}:${channel.id}` })]);
    expect(woken).toBe(1);

    // Asked outside a digest channel, the digest now goes where the weekly one goes: every digest channel, once per request.
    const teams = await ctx.db.programChannel.create({ data: { programId: ctx.program.id, platform: 'TEAMS', workspaceId: 'tenant-1', channelId: '19:digest@thread.tacv2' } });
    for (let i = 0; i < 2; i++) {
      const again = await digestReply(ctx, coordinator, undefined, 'request-2');
      expect(again.kind === 'message' && allText(again.message)).toContain('Also posted to the 2 digest channels.');
    }
    const second = await ctx.db.notification.findMany({ where: { idempotencyKey: { startsWith: 'digest:now:request-2:' } } });
    expect(second.map((n) => n.channelId).sort()).toEqual([channel.id, teams.id].sort());
    await ctx.db.notification.deleteMany({ where: { idempotencyKey: { startsWith: 'digest:now:request-2:' } } });

    const status = await statusReply(ctx, coordinator);
    expect(status.kind === 'message' && allText(status.message)).toContain('Pairs overdue (1)');

    const file = await exportReply(ctx, coordinator, 'summary');
    expect(file).toMatchObject({ kind: 'file', filename: 'test-program-summary-2026-11-20.csv', mimeType: expect.stringMatching(/^text\/csv/) });
    await expect(exportReply(ctx, coordinator, 'everything')).rejects.toMatchObject({ code: 'BAD_INPUT' });
  });

  it('nudges both members of a pair from the digest once a day, for coordinators only', async () => {
    const { ctx, coordinator, mentor, mentee, pairingId } = await seedProgram(store().prisma);
    const nudge = digestActions.find((a) => a.id === 'digest.nudge')!;
    const exportAction = digestActions.find((a) => a.id === 'digest.export')!;
    const press = (actor: Actor, value: string) => nudge.run({ ctx, actor, value, requestId: 'r1', conversation: slackConversation() });

    await expect(press(mentor, pairingId)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const first = await press(coordinator, pairingId);
    expect(first.kind === 'message' && first.message.text).toMatch(/Nudged Marcus Mentor and Amina Mentee/);
    const rows = await ctx.db.notification.findMany({ orderBy: { idempotencyKey: 'asc' } });
    expect(rows.map((r) => [r.personId, r.idempotencyKey])).toEqual([
      [mentee.personId, `nudge:manual:${pairingId}:2026-11-20:mentee`],
      [mentor.personId, `nudge:manual:${pairingId}:2026-11-20:mentor`],
    ]);
    const again = await press(coordinator, pairingId);
    expect(again.kind === 'message' && again.message.text).toMatch(/already nudged today/);
    expect(await ctx.db.notification.count()).toBe(2);
    await expect(press(coordinator, 'no-such-pairing')).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const exported = await exportAction.run({ ctx, actor: coordinator, value: 'summary', requestId: 'r2', conversation: slackConversation() });
    expect(exported.kind).toBe('file');
    expect(await ctx.db.auditEvent.count({ where: { action: 'export.summary' } })).toBe(1);
  });
});
