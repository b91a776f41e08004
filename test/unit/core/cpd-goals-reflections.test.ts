import { describe, it, expect } from 'vitest';
import { STORE_KINDS, useTestStore } from '../../support/stores.js';
import { addPairing, addPerson, makeContext, slackConversation } from '../../support/fixtures.js';
import type { Actor } from '../../../src/core/actor.js';
import type { CoreContext } from '../../../src/core/context.js';
import { localDate, localTime, addDaysLocal } from '../../../src/core/domain/time.js';
import type { AppError } from '../../../src/core/domain/errors.js';
import { toDbDate } from '../../../src/core/services/db-dates.js';
import { cancelNotifications } from '../../../src/core/services/outbox.js';
import { deleteCpd, editCpd, listCpd, logCpd, type CpdInput } from '../../../src/core/services/cpd.service.js';
import { addGoal, listGoals, setGoalStatus } from '../../../src/core/services/goal.service.js';
import { listOpenPrompts, saveReflection, shareReflection, viewReflection } from '../../../src/core/services/reflection.service.js';
import { openReflectionPrompt } from '../../../src/core/services/reflection-prompts.service.js';
import { cpdForm } from '../../../src/core/forms/cpd.form.js';
import { reflectionForm } from '../../../src/core/forms/reflection.form.js';
import { CONFIRM_NO_IDENTIFIERS } from '../../../src/core/forms/identifier-check.js';
import { reminderActions } from '../../../src/core/actions/reminder.actions.js';
import { reflectionActions } from '../../../src/core/actions/reflection.actions.js';
import { cpdCommand } from '../../../src/core/commands/cpd.command.js';
import { reflectCommand } from '../../../src/core/commands/reflect.command.js';
import { goalsCommand } from '../../../src/core/commands/goals.command.js';
import { requestIdFor } from '../../../src/core/services/request-ids.js';
import { isAppError } from '../../../src/core/domain/errors.js';

const NOW = '2026-11-20T15:00:00Z'; // 09:00 in Winnipeg
const TODAY = '2026-11-20';
const DAY_MS = 86_400_000;

const ANSWERS = {
  situation: 'A question about deprescribing in older adults.',
  learning: 'Use a structured review; touches Medical Expert and Communicator.',
  went_well: 'Good discussion.',
  practice: 'Expands it.',
  next_step: 'Try the review with two patients by December.',
};

async function scene(ctx: CoreContext) {
  const coordinator = await addPerson(ctx, { name: 'Cora Coordinator', roles: ['COORDINATOR'] });
  const mentor = await addPerson(ctx, { name: 'Max Mentor', roles: ['MENTOR'] });
  const mentee = await addPerson(ctx, { name: 'Mina Mentee', roles: ['MENTEE'], pathway: 'PRA_MB_FP' });
  const otherMentor = await addPerson(ctx, { name: 'Olga Othermentor', roles: ['MENTOR'] });
  const otherMentee = await addPerson(ctx, { name: 'Oscar Othermentee', roles: ['MENTEE'], pathway: 'PRA_MB_SP' });
  const unenrolled = await addPerson(ctx, { name: 'Walt Withdrawn', roles: ['MENTEE'], status: 'WITHDRAWN' });
  const pairingId = await addPairing(ctx, mentor, mentee);
  const otherPairingId = await addPairing(ctx, otherMentor, otherMentee);
  return { coordinator, mentor, mentee, otherMentor, otherMentee, unenrolled, pairingId, otherPairingId };
}

async function addMeeting(ctx: CoreContext, pairingId: string, mentor: Actor, mentee: Actor, date = '2026-11-19'): Promise<string> {
  const m = await ctx.db.meeting.create({
    data: { programId: ctx.program.id, pairingId, mentorId: mentor.personId, menteeId: mentee.personId, date: toDbDate(date), minutes: 45, format: 'VIDEO', topics: 'Billing and scope of practice' },
  });
  return m.id;
}

/** A refusal as an English reader gets it: the error's code, text and field problems written in English. */
const inEnglish = <T,>(attempt: Promise<T>): Promise<T> =>
  attempt.catch((e: unknown) => {
    throw isAppError(e) ? { code: e.code, message: e.message, fieldErrors: e.fieldErrorsIn('en') } : e;
  });

const cpd = (over: Partial<CpdInput> = {}): CpdInput => ({ title: 'Journal club: sepsis', category: 'NON_CERTIFIED', activityType: 'GROUP_LEARNING', hours: 2, ...over });

describe.each(STORE_KINDS)('CPD, goals and reflections on %s', (kind) => {
  const store = useTestStore(kind);
  const setup = async () => {
    const ctx = await makeContext(store().prisma, { now: NOW });
    return { ctx, ...(await scene(ctx)) };
  };

  describe('CPD credits', () => {
    it.each([
      ['2 h Mainpro+ Certified', 'PRA_MB_FP', { category: 'CERTIFIED', activityType: 'GROUP_LEARNING', hours: 2 }, 'MAINPRO_PLUS', 2, true],
      ['1.5 h Mainpro+ Non-certified self-learning', 'PRA_MB_FP', { category: 'NON_CERTIFIED', activityType: 'SELF_LEARNING', hours: 1.5 }, 'MAINPRO_PLUS', 1.5, false],
      ['1 h MOC Section 3', 'PRA_MB_SP', { category: 'SECTION_3', activityType: 'FEEDBACK_RECEIVED', hours: 1 }, 'MOC', 3, false],
      ['4 articles in MOC Section 2', 'PRA_MB_SP', { category: 'SECTION_2', activityType: 'JOURNAL_ARTICLE', units: 4 }, 'MOC', 4, false],
      ['3 topics scanned in MOC Section 2', 'PRA_MB_SP', { category: 'SECTION_2', activityType: 'SCANNING_TOPIC', units: 3 }, 'MOC', 1.5, false],
      ['10 h MOC Section 1 unaccredited', 'PRA_MB_SP', { category: 'SECTION_1', activityType: 'UNACCREDITED_GROUP', hours: 10 }, 'MOC', 5, false],
      ['2 h MOC Section 1 accredited', 'PRA_MB_SP', { category: 'SECTION_1', activityType: 'ACCREDITED_GROUP', hours: 2 }, 'MOC', 2, true],
    ] as const)('%s: the system comes from the enrollment and the credits by its rules', async (_what, pathway, kind, system, credits, certified) => {
      const ctx = await makeContext(store().prisma, { now: NOW });
      const person = await addPerson(ctx, { name: 'Pat Participant', pathway });
      const activity = await logCpd(ctx, person, cpd(kind), 'req-credits');
      expect(activity).toMatchObject({ system, credits, certified });
      const row = await ctx.db.cpdActivity.findFirstOrThrow();
      expect([row.hours?.toNumber() ?? null, row.units?.toNumber() ?? null]).toEqual('units' in kind ? [null, kind.units] : [kind.hours, null]);
    });

    it('stops counting MOC Section 1 unaccredited credits at 50 in the cycle', async () => {
      const ctx = await makeContext(store().prisma, { now: NOW });
      const person = await addPerson(ctx, { name: 'Sam Specialist', pathway: 'PRA_MB_SP' });
      const logged: number[] = [];
      for (let i = 0; i < 12; i++) {
        const date = addDaysLocal('2026-01-05', i * 7);
        logged.push((await logCpd(ctx, person, cpd({ category: 'SECTION_1', activityType: 'UNACCREDITED_GROUP', hours: 10, date }), `req-cap-${i}`)).credits);
      }
      expect(logged).toEqual([5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 0, 0]);
      // One logged late, dated before all of them, does not lift the cycle past the cap either.
      expect((await logCpd(ctx, person, cpd({ category: 'SECTION_1', activityType: 'UNACCREDITED_GROUP', hours: 10, date: '2025-12-01' }), 'req-cap-late')).credits).toBe(0);
      // Accredited group learning has no cap.
      expect((await logCpd(ctx, person, cpd({ category: 'SECTION_1', activityType: 'ACCREDITED_GROUP', hours: 10 }), 'req-acc')).credits).toBe(10);
    });

    it('an activity dated before a rule change is computed by the rules in force on its date', async () => {
      const ctx = await makeContext(store().prisma, { now: NOW });
      const person = await addPerson(ctx, { name: 'Fran Family', pathway: 'PRA_MB_FP' });
      const kind = { category: 'CERTIFIED_ASSESSMENT', activityType: 'ASSESSMENT', hours: 2 } as const;
      const old = await logCpd(ctx, person, cpd({ ...kind, date: '2024-11-28' }), 'req-old');
      const current = await logCpd(ctx, person, cpd({ ...kind, date: '2024-12-02' }), 'req-new');
      expect([old.credits, old.ruleSet]).toEqual([6, 'mainpro-2019-07']);
      expect([current.credits, current.ruleSet]).toEqual([2, 'mainpro-2024-12']);
      // A Feedback Received activity is refused before MOC's 2024 refresh introduced it.
      const specialist = await addPerson(ctx, { name: 'Sam Specialist', pathway: 'PRA_MB_SP' });
      await expect(inEnglish(logCpd(ctx, specialist, cpd({ category: 'SECTION_3', activityType: 'FEEDBACK_RECEIVED', hours: 1, date: '2023-06-01' }), 'req-fr'))).rejects.toMatchObject({
        fieldErrors: { activityType: expect.stringContaining('Section 3: Assessment has no activity type "FEEDBACK_RECEIVED"') },
      });
    });

    it('keeps the credits the user typed, and recomputes them when cleared on edit', async () => {
      const { ctx, mentee } = await setup();
      const typed = await logCpd(ctx, mentee, cpd({ credits: 5, hours: 2 }), 'req-typed');
      expect(typed.credits).toBe(5);
      const recomputed = await editCpd(ctx, mentee, typed.id, { credits: null });
      expect(recomputed.credits).toBe(2);
      const moreHours = await editCpd(ctx, mentee, typed.id, { hours: 3 });
      expect(moreHours.credits).toBe(3);
    });

    it('an edit that moves an activity across a rule change recomputes it by the other rules', async () => {
      const { ctx, mentee } = await setup();
      const activity = await logCpd(ctx, mentee, cpd({ category: 'CERTIFIED_ASSESSMENT', activityType: 'ASSESSMENT', hours: 1, date: '2025-02-01' }), 'req-move');
      expect(activity.credits).toBe(1);
      expect((await editCpd(ctx, mentee, activity.id, { date: '2024-10-01' })).credits).toBe(3);
    });

    it('the program sets the rounding; the rates are the colleges\'', async () => {
      const ctx = await makeContext(store().prisma, { now: NOW, rules: { credits: { roundTo: 1 } } });
      const person = await addPerson(ctx, { name: 'Sam Specialist', pathway: 'PRA_MB_SP' });
      expect((await logCpd(ctx, person, cpd({ category: 'SECTION_2', activityType: 'SCANNING_TOPIC', units: 3 }), 'req-rules')).credits).toBe(2);
    });

    it('refuses a category of the other system, naming its own', async () => {
      const ctx = await makeContext(store().prisma, { now: NOW });
      const person = await addPerson(ctx, { name: 'Sam Specialist', pathway: 'PRA_MB_SP' });
      await expect(inEnglish(logCpd(ctx, person, cpd({ category: 'CERTIFIED' }), 'req-wrong'))).rejects.toMatchObject({
        fieldErrors: { category: 'Choose a MOC section: Section 1: Group Learning, Section 2: Self-Learning, Section 3: Assessment.' },
      });
      await expect(inEnglish(logCpd(ctx, person, cpd({ category: 'SECTION_2', activityType: 'JOURNAL_ARTICLE', hours: 2 }), 'req-units'))).rejects.toMatchObject({
        fieldErrors: { units: expect.stringContaining('Give how many articles') },
      });
    });
  });

  describe('CPD validation and idempotency', () => {
    it('names every bad field at once', async () => {
      const { ctx, mentee } = await setup();
      const attempt = logCpd(ctx, mentee, cpd({ title: ' ', hours: 0, date: '2026-11-21', evidenceUrl: 'ftp://files.example.org/x' }), 'req-bad');
      await expect(inEnglish(attempt)).rejects.toMatchObject({ code: 'BAD_INPUT', fieldErrors: { title: expect.any(String), hours: expect.any(String), date: expect.stringContaining('future'), evidenceUrl: expect.stringContaining('https://') } });
      expect(await ctx.db.cpdActivity.count()).toBe(0);
    });

    it('refuses hours beyond the program maximum and negative credits', async () => {
      const { ctx, mentee } = await setup();
      await expect(inEnglish(logCpd(ctx, mentee, cpd({ hours: ctx.program.rules.maxCpdHours + 1, credits: -1 }), 'req-big'))).rejects.toMatchObject({
        fieldErrors: { hours: expect.stringContaining('split'), credits: expect.any(String) },
      });
    });

    it('returns the same activity for a retried request id, with one follow-up prompt', async () => {
      const { ctx, mentee } = await setup();
      const first = await logCpd(ctx, mentee, cpd(), 'req-same');
      const second = await logCpd(ctx, mentee, cpd({ title: 'Changed on retry' }), 'req-same');
      expect(second.id).toBe(first.id);
      expect(await ctx.db.cpdActivity.count()).toBe(1);
      expect(await ctx.db.reflectionPrompt.count()).toBe(1);
    });

    it('rejects an evidence link that is not a web address and a goal from someone else\'s plan', async () => {
      const { ctx, mentee, otherMentee } = await setup();
      const goal = await addGoal(ctx, otherMentee, { title: 'Someone else\'s goal' }, 'req-goal-x');
      await expect(inEnglish(logCpd(ctx, mentee, cpd({ evidenceUrl: 'certificate.pdf', goalId: goal.id }), 'req-x'))).rejects.toMatchObject({
        fieldErrors: { evidenceUrl: expect.any(String), goalId: expect.any(String) },
      });
    });
  });

  describe('follow-up reflection after CPD', () => {
    it('is opened for a mentee 56 days after the activity, with its DM and reminders queued', async () => {
      const { ctx, mentee } = await setup();
      const activity = await logCpd(ctx, mentee, cpd({ date: TODAY }), 'req-follow');
      const prompt = await ctx.db.reflectionPrompt.findFirstOrThrow({ where: { cpdActivityId: activity.id } });
      expect(prompt.kind).toBe('FOLLOW_UP');
      expect(prompt.menteeId).toBe(mentee.personId);
      expect(localDate(prompt.dueAt, ctx.program.timeZone)).toBe(addDaysLocal(TODAY, 56));
      expect(localTime(prompt.dueAt, ctx.program.timeZone)).toBe('09:00');
      expect((prompt.questions as { id: string }[]).map((q) => q.id)).toEqual(['follow_up']);
      const rows = await ctx.db.notification.findMany({ where: { personId: mentee.personId }, orderBy: { dueAt: 'asc' } });
      expect(rows.map((r) => r.idempotencyKey)).toEqual([`reflection-prompt:${prompt.id}`, `reflection-reminder:${prompt.id}:1`, `reflection-reminder:${prompt.id}:2`]);
      expect(rows[1]!.dueAt.getTime() - prompt.dueAt.getTime()).toBe(3 * DAY_MS);
      expect(rows[2]!.dueAt.getTime() - prompt.dueAt.getTime()).toBe(7 * DAY_MS);
      // Not listed as open before it is due.
      expect(await listOpenPrompts(ctx, mentee)).toEqual([]);
      ctx.clock.advanceDays(57);
      expect((await listOpenPrompts(ctx, mentee)).map((p) => p.id)).toEqual([prompt.id]);
    });

    it('is not opened when a mentor logs CPD', async () => {
      const { ctx, mentor } = await setup();
      await logCpd(ctx, mentor, cpd(), 'req-mentor');
      expect(await ctx.db.reflectionPrompt.count()).toBe(0);
      expect(await ctx.db.notification.count()).toBe(0);
    });

    it('is withdrawn with its queued DMs when the activity is deleted', async () => {
      const { ctx, mentee } = await setup();
      const activity = await logCpd(ctx, mentee, cpd(), 'req-del');
      await deleteCpd(ctx, mentee, activity.id);
      expect(await ctx.db.cpdActivity.count()).toBe(0);
      expect(await ctx.db.notification.count({ where: { status: 'PENDING' } })).toBe(0);
    });
  });

  describe('reflections', () => {
    it('opens one prompt per meeting however often it is asked', async () => {
      const { ctx, mentor, mentee, pairingId } = await setup();
      const meetingId = await addMeeting(ctx, pairingId, mentor, mentee);
      const input = { menteeId: mentee.personId, kind: 'AFTER_MEETING' as const, meetingId, dueAt: ctx.clock.now() };
      const a = await openReflectionPrompt(ctx.db, ctx, input);
      const b = await ctx.db.$transaction((tx) => openReflectionPrompt(tx, ctx, input));
      expect(b.id).toBe(a.id);
      expect(await ctx.db.reflectionPrompt.count()).toBe(1);
      expect(await ctx.db.notification.count()).toBe(3);
      const dm = await ctx.db.notification.findUniqueOrThrow({ where: { idempotencyKey: `reflection-prompt:${a.id}` } });
      expect(JSON.stringify(dm.payload)).toContain('"action":"reflection.open"');
      expect(JSON.stringify(dm.payload)).toContain(`"value":"${a.id}"`);
    });

    it('keeps a draft with partial answers, then requires the required questions to finish', async () => {
      const { ctx, mentor, mentee, pairingId } = await setup();
      const meetingId = await addMeeting(ctx, pairingId, mentor, mentee);
      const { id } = await openReflectionPrompt(ctx.db, ctx, { menteeId: mentee.personId, kind: 'AFTER_MEETING', meetingId, dueAt: ctx.clock.now() });

      const draft = await saveReflection(ctx, mentee, id, { answers: { situation: ANSWERS.situation }, draft: true });
      expect(draft.status).toBe('DRAFT');
      expect(draft.answers).toEqual({ situation: ANSWERS.situation });
      expect((await listOpenPrompts(ctx, mentee)).map((p) => p.status)).toEqual(['DRAFT']);

      const missing = await saveReflection(ctx, mentee, id, { answers: { situation: ANSWERS.situation }, draft: false }).catch((e: unknown) => e);
      expect(missing).toMatchObject({ code: 'BAD_INPUT' });
      expect((missing as AppError).fieldErrorsIn('en')).toEqual({
        learning: expect.stringContaining('needs an answer'),
        next_step: expect.stringContaining('needs an answer'),
      });

      const done = await saveReflection(ctx, mentee, id, { answers: ANSWERS, roles: ['MEDICAL_EXPERT'], outcome: 'EXPANDED_KNOWLEDGE', draft: false });
      expect(done.status).toBe('ANSWERED');
      expect(done.answers).toEqual(ANSWERS);
      expect(await listOpenPrompts(ctx, mentee)).toEqual([]);
    });

    it('cancels its pending reminders when answered, but not on a draft', async () => {
      const { ctx, mentor, mentee, pairingId } = await setup();
      const meetingId = await addMeeting(ctx, pairingId, mentor, mentee);
      const { id } = await openReflectionPrompt(ctx.db, ctx, { menteeId: mentee.personId, kind: 'AFTER_MEETING', meetingId, dueAt: ctx.clock.now() });
      const reminders = () => ctx.db.notification.findMany({ where: { idempotencyKey: { startsWith: `reflection-reminder:${id}:` } } });
      await saveReflection(ctx, mentee, id, { answers: { learning: 'x' }, draft: true });
      expect((await reminders()).map((r) => r.status)).toEqual(['PENDING', 'PENDING']);
      await saveReflection(ctx, mentee, id, { answers: ANSWERS, draft: false });
      expect((await reminders()).map((r) => r.status)).toEqual(['CANCELLED', 'CANCELLED']);
    });

    it('shows the mentor the answers only once the mentee shares them; coordinators always, audited', async () => {
      const { ctx, mentor, mentee, coordinator, pairingId } = await setup();
      const meetingId = await addMeeting(ctx, pairingId, mentor, mentee);
      const { id } = await openReflectionPrompt(ctx.db, ctx, { menteeId: mentee.personId, kind: 'AFTER_MEETING', meetingId, dueAt: ctx.clock.now() });
      await saveReflection(ctx, mentee, id, { answers: ANSWERS, draft: false, shared: false });

      await expect(viewReflection(ctx, mentor, id)).rejects.toMatchObject({ code: 'FORBIDDEN', userMessage: expect.stringContaining('not shared') });
      const byCoordinator = await viewReflection(ctx, coordinator, id);
      expect(byCoordinator.answers).toEqual(ANSWERS);

      await shareReflection(ctx, mentee, id);
      const byMentor = await viewReflection(ctx, mentor, id);
      expect(byMentor.answers.learning).toBe(ANSWERS.learning);

      const audits = await ctx.db.auditEvent.findMany({ where: { action: 'reflection.view', subjectId: mentee.personId } });
      expect(audits.map((a) => a.actorId).sort()).toEqual([coordinator.personId, mentor.personId].sort());
      const own = await viewReflection(ctx, mentee, id);
      expect(own.answersVisible).toBe(true);
      expect(await ctx.db.auditEvent.count({ where: { action: 'reflection.view' } })).toBe(2);
    });
  });

  describe('authorization', () => {
    type Who = 'mentee' | 'mentor' | 'coordinator' | 'unenrolled';
    type Whose = 'own' | "own mentee's" | "someone else's";
    type Action = 'log CPD' | 'edit CPD' | 'delete CPD' | 'view CPD' | 'add goal' | 'review goal' | 'view goals' | 'answer reflection' | 'view reflection';
    type Outcome = 'allowed' | 'FORBIDDEN' | 'NOT_ENROLLED';

    const matrix: [Action, Who, Whose, Outcome][] = [
      ['log CPD', 'mentee', 'own', 'allowed'],
      ['log CPD', 'mentor', 'own', 'allowed'],
      ['log CPD', 'coordinator', 'own', 'FORBIDDEN'],
      ['log CPD', 'unenrolled', 'own', 'NOT_ENROLLED'],
      ...(['edit CPD', 'delete CPD'] as const).flatMap((a): [Action, Who, Whose, Outcome][] => [
        [a, 'mentee', 'own', 'allowed'],
        [a, 'mentee', "someone else's", 'FORBIDDEN'],
        [a, 'mentor', 'own', 'allowed'],
        [a, 'mentor', "own mentee's", 'FORBIDDEN'],
        [a, 'mentor', "someone else's", 'FORBIDDEN'],
        [a, 'coordinator', "own mentee's", 'allowed'],
        [a, 'coordinator', "someone else's", 'allowed'],
        [a, 'unenrolled', 'own', 'NOT_ENROLLED'],
      ]),
      ...(['view CPD', 'view goals'] as const).flatMap((a): [Action, Who, Whose, Outcome][] => [
        [a, 'mentee', 'own', 'allowed'],
        [a, 'mentee', "someone else's", 'FORBIDDEN'],
        [a, 'mentor', "own mentee's", 'allowed'],
        [a, 'mentor', "someone else's", 'FORBIDDEN'],
        [a, 'coordinator', "own mentee's", 'allowed'],
        [a, 'coordinator', "someone else's", 'allowed'],
        [a, 'unenrolled', 'own', 'NOT_ENROLLED'],
      ]),
      ['add goal', 'mentee', 'own', 'allowed'],
      ['add goal', 'mentee', "someone else's", 'FORBIDDEN'],
      ['add goal', 'mentor', 'own', 'FORBIDDEN'],
      ['add goal', 'mentor', "own mentee's", 'allowed'],
      ['add goal', 'mentor', "someone else's", 'FORBIDDEN'],
      ['add goal', 'coordinator', "own mentee's", 'allowed'],
      ['add goal', 'coordinator', "someone else's", 'allowed'],
      ['add goal', 'unenrolled', 'own', 'NOT_ENROLLED'],
      ['review goal', 'mentee', 'own', 'allowed'],
      ['review goal', 'mentee', "someone else's", 'FORBIDDEN'],
      ['review goal', 'mentor', "own mentee's", 'allowed'],
      ['review goal', 'mentor', "someone else's", 'FORBIDDEN'],
      ['review goal', 'coordinator', "someone else's", 'allowed'],
      ['review goal', 'unenrolled', "someone else's", 'NOT_ENROLLED'],
      ['answer reflection', 'mentee', 'own', 'allowed'],
      ['answer reflection', 'mentee', "someone else's", 'FORBIDDEN'],
      ['answer reflection', 'mentor', "own mentee's", 'FORBIDDEN'],
      ['answer reflection', 'mentor', "someone else's", 'FORBIDDEN'],
      ['answer reflection', 'coordinator', "own mentee's", 'FORBIDDEN'],
      ['answer reflection', 'coordinator', "someone else's", 'FORBIDDEN'],
      ['answer reflection', 'unenrolled', "someone else's", 'NOT_ENROLLED'],
      ['view reflection', 'mentee', 'own', 'allowed'],
      ['view reflection', 'mentee', "someone else's", 'FORBIDDEN'],
      ['view reflection', 'mentor', "own mentee's", 'FORBIDDEN'],
      ['view reflection', 'mentor', "someone else's", 'FORBIDDEN'],
      ['view reflection', 'coordinator', "own mentee's", 'allowed'],
      ['view reflection', 'coordinator', "someone else's", 'allowed'],
      ['view reflection', 'unenrolled', "someone else's", 'NOT_ENROLLED'],
    ];

    it.each(matrix)('%s: %s × %s record → %s', async (action, who, whose, outcome) => {
      const s = await setup();
      const { ctx } = s;
      const actor: Actor = { mentee: s.mentee, mentor: s.mentor, coordinator: s.coordinator, unenrolled: s.unenrolled }[who];
      // "Own mentee's" is the mentor's mentee; for a coordinator any mentee is theirs to oversee.
      const subject: Actor = whose === 'own' ? actor : whose === "own mentee's" ? s.mentee : s.otherMentee;
      const cpdRow = await ctx.db.cpdActivity.create({
        data: { programId: ctx.program.id, personId: subject.personId, title: 'Workshop', date: toDbDate('2026-11-01'), system: 'MAINPRO_PLUS', category: 'NON_CERTIFIED', activityType: 'GROUP_LEARNING', hours: 1, credits: 1 },
      });
      const goal = await ctx.db.learningGoal.create({ data: { programId: ctx.program.id, menteeId: subject.personId, title: 'Goal' } });
      const prompt = await openReflectionPrompt(ctx.db, ctx, { menteeId: subject.personId, kind: 'FOLLOW_UP', cpdActivityId: cpdRow.id, dueAt: ctx.clock.now() });

      const run: Record<Action, () => Promise<unknown>> = {
        'log CPD': () => logCpd(ctx, actor, cpd(), 'req-matrix'),
        'edit CPD': () => editCpd(ctx, actor, cpdRow.id, { title: 'Workshop (edited)' }),
        'delete CPD': () => deleteCpd(ctx, actor, cpdRow.id),
        'view CPD': () => listCpd(ctx, actor, subject.personId),
        'add goal': () => addGoal(ctx, actor, { title: 'Communicating risk', menteeId: subject.personId }, 'req-goal'),
        'review goal': () => setGoalStatus(ctx, actor, goal.id, 'ACHIEVED'),
        'view goals': () => listGoals(ctx, actor, subject.personId),
        'answer reflection': () => saveReflection(ctx, actor, prompt.id, { answers: { follow_up: 'I now use a checklist.' }, draft: false }),
        'view reflection': () => viewReflection(ctx, actor, prompt.id),
      };

      if (outcome !== 'allowed') {
        await expect(run[action]()).rejects.toMatchObject({ code: outcome });
        return;
      }
      await run[action]();
      const after = {
        'log CPD': async () => expect(await ctx.db.cpdActivity.count({ where: { personId: actor.personId } })).toBe(2),
        'edit CPD': async () => expect((await ctx.db.cpdActivity.findUniqueOrThrow({ where: { id: cpdRow.id } })).title).toBe('Workshop (edited)'),
        'delete CPD': async () => expect(await ctx.db.cpdActivity.count({ where: { id: cpdRow.id } })).toBe(0),
        'view CPD': async () => undefined,
        'add goal': async () => expect(await ctx.db.learningGoal.count({ where: { menteeId: subject.personId } })).toBe(2),
        'review goal': async () => expect((await ctx.db.learningGoal.findUniqueOrThrow({ where: { id: goal.id } })).status).toBe('ACHIEVED'),
        'view goals': async () => undefined,
        'answer reflection': async () => expect((await ctx.db.reflectionPrompt.findUniqueOrThrow({ where: { id: prompt.id } })).status).toBe('ANSWERED'),
        'view reflection': async () => undefined,
      };
      await after[action]();
      // Acting on someone else's records leaves an audit trace; one's own does not.
      const audited = await ctx.db.auditEvent.count({ where: { actorId: actor.personId, subjectId: subject.personId } });
      if (whose === 'own') expect(audited).toBe(0);
      else expect(audited).toBeGreaterThan(0);
    });
  });

  describe('forms, commands and buttons', () => {
    it('warns about a PHIN in free text, keeps the values and asks for confirmation before saving', async () => {
      const { ctx, mentee } = await setup();
      const values = { title: 'Case review', date: TODAY, category: 'NON_CERTIFIED', activityType: 'GROUP_LEARNING', hours: '1.5', reflection: 'Reviewed the chart for PHIN 123456789 with my mentor.' };
      const state = JSON.stringify({ requestId: requestIdFor(ctx, 'cpd', mentee.personId, 'req-form') });
      const first = await cpdForm.submit({ ctx, actor: mentee, values, state, conversation: slackConversation() });
      expect(first.kind).toBe('update');
      if (first.kind !== 'update') return;
      expect(first.view.notice).toContain('9-digit');
      expect(first.view.notice).toContain('Reflection');
      expect(first.view.fields.find((f) => f.id === CONFIRM_NO_IDENTIFIERS)).toMatchObject({ kind: 'checkbox', required: true });
      expect(first.view.fields.find((f) => f.id === 'reflection')?.initial).toBe(values.reflection);
      expect(first.view.fields.find((f) => f.id === 'hours')?.initial).toBe('1.5');
      expect(await ctx.db.cpdActivity.count()).toBe(0);

      const confirmed = await cpdForm.submit({ ctx, actor: mentee, values: { ...values, [CONFIRM_NO_IDENTIFIERS]: ['true'] }, state, conversation: slackConversation() });
      expect(confirmed.kind).toBe('done');
      expect((await ctx.db.cpdActivity.findFirstOrThrow()).credits.toNumber()).toBe(1.5);
    });

    it('saves ordinary clinical-learning notes from the form without a warning', async () => {
      const { ctx, mentee } = await setup();
      const values = { title: 'Insulin titration module', date: 'yesterday', category: 'Certified', activityType: 'Self-learning', hours: '90m', credits: '', roles: ['SCHOLAR'], reflection: 'Learned a 2-step titration for type 2 diabetes; will use it from Dec 1.' };
      const outcome = await cpdForm.submit({ ctx, actor: mentee, values, state: JSON.stringify({ requestId: requestIdFor(ctx, 'cpd', mentee.personId, 'req-ok') }), conversation: slackConversation() });
      expect(outcome.kind).toBe('done');
      const row = await ctx.db.cpdActivity.findFirstOrThrow();
      expect(row.hours?.toNumber()).toBe(1.5);
      expect([row.category, row.activityType, row.certified]).toEqual(['CERTIFIED', 'SELF_LEARNING', true]);
      expect(row.roles).toEqual(['SCHOLAR']);
    });

    it('saves a reflection draft from the form and finishes it later', async () => {
      const { ctx, mentor, mentee, pairingId } = await setup();
      const meetingId = await addMeeting(ctx, pairingId, mentor, mentee);
      const { id } = await openReflectionPrompt(ctx.db, ctx, { menteeId: mentee.personId, kind: 'AFTER_MEETING', meetingId, dueAt: ctx.clock.now() });
      const state = JSON.stringify({ promptId: id });
      const draft = await reflectionForm.submit({ ctx, actor: mentee, values: { learning: 'Half an answer', save_as_draft: ['true'] }, state, conversation: slackConversation() });
      expect(draft.kind).toBe('done');
      const reopened = await reflectionActions[0]!.run({ ctx, actor: mentee, value: id, requestId: 'r', conversation: slackConversation() });
      expect(reopened.kind).toBe('form');
      if (reopened.kind !== 'form') return;
      expect(reopened.view.fields.find((f) => f.id === 'learning')?.initial).toBe('Half an answer');
      const done = await reflectionForm.submit({ ctx, actor: mentee, values: { ...ANSWERS, share_with_mentor: ['true'] }, state, conversation: slackConversation() });
      expect(done.kind).toBe('done');
      const row = await ctx.db.reflectionPrompt.findUniqueOrThrow({ where: { id } });
      expect([row.status, row.shared]).toEqual(['ANSWERED', true]);
    });

    it('/cpd with a complete line saves at once; an incomplete one opens the form prefilled', async () => {
      const { ctx, mentee } = await setup();
      const base = { ctx, actor: mentee, conversation: slackConversation() };
      const saved = await cpdCommand.run({ ...base, text: '2h certified "Journal club: sepsis"', requestId: 'req-cmd' });
      expect(saved.kind).toBe('message');
      expect(saved.kind === 'message' && saved.message.text).toBe('Logged "Journal club: sepsis" on 2026-11-20: 2 h Mainpro+ Certified, Group learning, 2 credits (credit year 2026–2027).');
      expect(await ctx.db.cpdActivity.findFirstOrThrow()).toMatchObject({ title: 'Journal club: sepsis', category: 'CERTIFIED', activityType: 'GROUP_LEARNING', certified: true });
      const partial = await cpdCommand.run({ ...base, text: '2h', requestId: 'req-cmd-2' });
      expect(partial.kind).toBe('form');
      if (partial.kind === 'form') expect(partial.view.fields.find((f) => f.id === 'hours')?.initial).toBe('2');
    });

    it('/cpd speaks a specialist\'s words: articles, topics, sections and Feedback Received', async () => {
      const { ctx, otherMentee } = await setup();
      const base = { ctx, actor: otherMentee, conversation: slackConversation() };
      const articles = await cpdCommand.run({ ...base, text: '4 articles NEJM review of sepsis', requestId: 'req-art' });
      expect(articles.kind === 'message' && articles.message.text).toBe('Logged "NEJM review of sepsis" on 2026-11-20: 4 articles MOC Section 2: Self-Learning, Reading a journal article, 4 credits (credit year 2026).');
      await cpdCommand.run({ ...base, text: '1h feedback received yesterday Multi-source feedback debrief', requestId: 'req-fr' });
      await cpdCommand.run({ ...base, text: '2h accredited group Grand rounds', requestId: 'req-acc' });
      const rows = await ctx.db.cpdActivity.findMany({ orderBy: { createdAt: 'asc' } });
      expect(rows.map((r) => [r.category, r.activityType, r.certified, Number(r.credits)])).toEqual([
        ['SECTION_2', 'JOURNAL_ARTICLE', false, 4],
        ['SECTION_3', 'FEEDBACK_RECEIVED', false, 3],
        ['SECTION_1', 'ACCREDITED_GROUP', true, 2],
      ]);
      // "certified" is Mainpro+'s word: the form a specialist sees says section and accredited.
      const form = await cpdCommand.run({ ...base, text: '', requestId: 'req-form' });
      expect(form.kind === 'form' && form.view.fields.find((f) => f.id === 'category')?.label).toBe('Section');
      expect(form.kind === 'form' && JSON.stringify(form.view.fields)).not.toMatch(/\b[Cc]ertified/);
      await expect(inEnglish(cpdCommand.run({ ...base, text: '2 podcasts certified assessment x', requestId: 'req-bad' }))).rejects.toMatchObject({ code: 'BAD_INPUT', fieldErrors: { category: expect.stringContaining('MOC') } });
    });

    it('/reflect opens the oldest open prompt for a mentee and explains itself to a mentor', async () => {
      const { ctx, mentor, mentee, pairingId } = await setup();
      const first = await addMeeting(ctx, pairingId, mentor, mentee, '2026-11-10');
      const second = await addMeeting(ctx, pairingId, mentor, mentee, '2026-11-19');
      const older = await openReflectionPrompt(ctx.db, ctx, { menteeId: mentee.personId, kind: 'AFTER_MEETING', meetingId: first, dueAt: new Date('2026-11-10T18:00:00Z') });
      await openReflectionPrompt(ctx.db, ctx, { menteeId: mentee.personId, kind: 'AFTER_MEETING', meetingId: second, dueAt: new Date('2026-11-19T18:00:00Z') });
      const reply = await reflectCommand.run({ ctx, actor: mentee, text: '', requestId: 'r', conversation: slackConversation() });
      expect(reply.kind === 'form' && JSON.parse(reply.view.state).promptId).toBe(older.id);
      const list = await reflectCommand.run({ ctx, actor: mentee, text: 'list', requestId: 'r', conversation: slackConversation() });
      expect(list.kind === 'message' && list.message.text).toContain('2 open');
      await expect(reflectCommand.run({ ctx, actor: mentor, text: '', requestId: 'r', conversation: slackConversation() })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    });

    it('/goals lists a mentor\'s mentees\' plans numbered and reviews a goal by its number', async () => {
      const { ctx, mentor, mentee } = await setup();
      await addGoal(ctx, mentee, { title: 'Opioid stewardship', roles: ['MEDICAL_EXPERT'], targetDate: '2027-03-31' }, 'req-g1');
      const base = { ctx, actor: mentor, requestId: 'r', conversation: slackConversation() };
      const list = await goalsCommand.run({ ...base, text: '' });
      expect(list.kind === 'message' && JSON.stringify(list.message.blocks)).toContain('1. Opioid stewardship');
      await goalsCommand.run({ ...base, text: 'achieved 1' });
      expect((await listGoals(ctx, mentee))[0]!.status).toBe('ACHIEVED');
    });

    it('snooze moves a pending reminder to tomorrow at the same local time, for its recipient only', async () => {
      const { ctx, mentee, mentor } = await setup();
      const row = await ctx.db.notification.create({
        data: { programId: ctx.program.id, personId: mentee.personId, kind: 'reflection-reminder', idempotencyKey: 'reflection-reminder:p:1', payload: { text: 'x', blocks: [] }, dueAt: ctx.clock.now() },
      });
      const snooze = reminderActions[0]!;
      await expect(snooze.run({ ctx, actor: mentor, value: `${row.id}:1d`, requestId: 'r', conversation: slackConversation() })).rejects.toMatchObject({ code: 'NOT_FOUND' });
      const reply = await snooze.run({ ctx, actor: mentee, value: `${row.id}:1d`, requestId: 'r', conversation: slackConversation() });
      expect(reply.kind).toBe('message');
      const moved = await ctx.db.notification.findUniqueOrThrow({ where: { id: row.id } });
      expect(localDate(moved.dueAt, mentee.timeZone)).toBe('2026-11-21');
      expect(localTime(moved.dueAt, mentee.timeZone)).toBe('09:00');
      expect(moved.status).toBe('PENDING');
    });

    it('snoozing a delivered reminder for a week queues a copy that answering the reflection cancels', async () => {
      const { ctx, mentee } = await setup();
      const row = await ctx.db.notification.create({
        data: { programId: ctx.program.id, personId: mentee.personId, kind: 'reflection-reminder', idempotencyKey: 'reflection-reminder:p:1', payload: { text: 'x', blocks: [] }, dueAt: ctx.clock.now(), status: 'SENT' },
      });
      await reminderActions[0]!.run({ ctx, actor: mentee, value: `${row.id}:7d`, requestId: 'r', conversation: slackConversation() });
      const copy = await ctx.db.notification.findFirstOrThrow({ where: { idempotencyKey: { startsWith: 'reflection-reminder:p:1:snooze:' } } });
      expect(localDate(copy.dueAt, mentee.timeZone)).toBe('2026-11-27');
      expect(copy.status).toBe('PENDING');
      await cancelNotifications(ctx.db, { keyPrefix: 'reflection-reminder:p:' });
      expect((await ctx.db.notification.findUniqueOrThrow({ where: { id: copy.id } })).status).toBe('CANCELLED');
    });
  });
});
