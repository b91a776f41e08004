import { describe, expect, it } from 'vitest';
import type { Actor, PlatformUser } from '../../../src/core/actor.js';
import type { CoreContext } from '../../../src/core/context.js';
import { AppError } from '../../../src/core/domain/errors.js';
import { awayCommand } from '../../../src/core/commands/away.command.js';
import { meetingCommand } from '../../../src/core/commands/meeting.command.js';
import { mentorshipCommand } from '../../../src/core/commands/mentorship.command.js';
import { meetingActions } from '../../../src/core/actions/meeting.actions.js';
import { buildMeetingForm, meetingForm, meetingSavedMessage } from '../../../src/core/forms/meeting.form.js';
import { CONFIRM_NO_IDENTIFIERS } from '../../../src/core/forms/identifier-check.js';
import { activePairingsFor } from '../../../src/core/services/access.js';
import { findPersonByRef } from '../../../src/core/services/person-ref.service.js';
import { resolveActor } from '../../../src/core/services/identity.service.js';
import { deleteMeeting, editMeeting, logMeeting, type MeetingInput } from '../../../src/core/services/meeting.service.js';
import { confirmMeeting, disputeMeeting } from '../../../src/core/services/meeting-confirm.service.js';
import { defaultEndDate, enroll, eraseParticipant, pair, setEnrollmentStatus, unpair } from '../../../src/core/services/roster.service.js';
import { clearAway, listAways, setAway } from '../../../src/core/services/away.service.js';
import { setDigestChannel } from '../../../src/core/services/digest-channel.service.js';
import type { FormValues } from '../../../src/core/ui/form.js';
import type { Reply } from '../../../src/core/ui/reply.js';
import { actorFor, addPairing, addPerson, makeContext, slackConversation, refusalOf } from '../../support/fixtures.js';
import { STORE_KINDS, useTestStore } from '../../support/stores.js';
import { requestIdFor } from '../../../src/core/services/request-ids.js';

const refusal = refusalOf;
const textOf = (reply: Reply): string => {
  if (reply.kind === 'message' || reply.kind === 'file') return [reply.message.text, ...reply.message.blocks.map((b) => JSON.stringify(b))].join('\n');
  return reply.kind;
};

function slackUser(userId: string, profile: { email?: string; name?: string; timeZone?: string } = {}, conversationRef?: unknown) {
  let lookups = 0;
  const user: PlatformUser = {
    platform: 'SLACK',
    workspaceId: 'T0001',
    userId,
    lookupProfile: async () => {
      lookups++;
      return profile;
    },
    ...(conversationRef !== undefined ? { conversationRef } : {}),
  };
  return { user, lookups: () => lookups };
}

interface Scene {
  ctx: CoreContext & { clock: { set(iso: string): void } };
  coordinator: Actor;
  mentor: Actor;
  mentee: Actor;
  pairingId: string;
}

async function scene(db: Parameters<typeof makeContext>[0]): Promise<Scene> {
  const ctx = await makeContext(db);
  const coordinator = await addPerson(ctx, { name: 'Casey Coordinator', roles: ['COORDINATOR'] });
  const mentor = await addPerson(ctx, { name: 'Morgan Mentor', roles: ['MENTOR'], slack: { teamId: 'T0001', userId: 'UMENTOR' } });
  const mentee = await addPerson(ctx, { name: 'Amara Mentee', roles: ['MENTEE'], slack: { teamId: 'T0001', userId: 'UMENTEE' } });
  const pairingId = await addPairing(ctx, mentor, mentee, '2026-01-05');
  return { ctx, coordinator, mentor, mentee, pairingId };
}

const meeting = (over: Partial<MeetingInput> = {}): MeetingInput => ({
  date: '2026-11-18',
  minutes: 45,
  format: 'VIDEO',
  topics: 'Billing codes and after-hours coverage',
  ...over,
});

// Reads no store: once, not once per store kind.
describe('roster, without a store', () => {
  it('computes the default end date from the program length', () => {
    expect(defaultEndDate('2026-01-05', 12)).toBe('2027-01-04');
    expect(defaultEndDate('2026-01-31', 1)).toBe('2026-02-27');
    expect(defaultEndDate('2026-03-01', 6)).toBe('2026-08-31');
  });
});

describe.each(STORE_KINDS)('roster and meetings on %s', (kind) => {
  const store = useTestStore(kind);
  const db = () => store().prisma;

  describe('who is acting', () => {
    it('links a chat user by email once, then finds them by platform id without asking the platform again', async () => {
      const ctx = await makeContext(db());
      const person = await addPerson(ctx, { name: 'Amara Mentee', email: 'amara@example.org', roles: ['MENTEE'] });
      const { user, lookups } = slackUser('UNEW', { email: 'AMARA@Example.org', timeZone: 'America/Toronto' });

      const first = await resolveActor(ctx, user);
      const second = await resolveActor(ctx, user);

      expect(first.personId).toBe(person.personId);
      expect(second.personId).toBe(person.personId);
      expect([...second.roles]).toEqual(['MENTEE']);
      expect(second.timeZone).toBe('America/Toronto');
      expect(lookups()).toBe(1);
      expect(await db().chatAccount.count({ where: { personId: person.personId, userId: 'UNEW' } })).toBe(1);
    });

    it('replaces a placeholder name with the one the platform gives, but never a real one', async () => {
      const ctx = await makeContext(db());
      await addPerson(ctx, { name: 'jane.doe', email: 'jane.doe@example.org', roles: ['MENTOR'] });
      await addPerson(ctx, { name: 'Dr. Real Name', email: 'real@example.org', roles: ['MENTOR'] });

      const jane = await resolveActor(ctx, slackUser('UJANE', { email: 'jane.doe@example.org', name: 'Jane Doe' }).user);
      const real = await resolveActor(ctx, slackUser('UREAL', { email: 'real@example.org', name: 'Someone Else' }).user);

      expect(jane.name).toBe('Jane Doe');
      expect(real.name).toBe('Dr. Real Name');
    });

    it('tells someone not enrolled which coordinators to ask', async () => {
      const ctx = await makeContext(db());
      await addPerson(ctx, { name: 'Casey Coordinator', roles: ['COORDINATOR'] });
      await addPerson(ctx, { name: 'Bailey Coordinator', roles: ['COORDINATOR'] });

      const error = await refusal(() => resolveActor(ctx, slackUser('USTRANGER', { email: 'nobody@example.org' }).user));

      expect(error.code).toBe('NOT_ENROLLED');
      expect(error.userMessage).toContain('not enrolled in Test Mentorship Program');
      expect(error.userMessage).toContain('Bailey Coordinator, Casey Coordinator');
    });

    it('refuses a linked person whose enrollment was withdrawn', async () => {
      const ctx = await makeContext(db());
      await addPerson(ctx, { name: 'Wren Withdrawn', roles: ['MENTEE'], status: 'WITHDRAWN', slack: { teamId: 'T0001', userId: 'UWREN' } });
      const error = await refusal(() => resolveActor(ctx, slackUser('UWREN').user));
      expect(error.code).toBe('NOT_ENROLLED');
    });

    it('keeps the newest conversation reference the platform hands over', async () => {
      const ctx = await makeContext(db());
      await addPerson(ctx, { name: 'Teams Mentor', roles: ['MENTOR'], teams: { tenantId: 'tenant-1', userId: 'aad-1', conversationRef: { conversation: { id: 'old' } } } });
      const user: PlatformUser = { platform: 'TEAMS', workspaceId: 'tenant-1', userId: 'aad-1', lookupProfile: async () => ({}), conversationRef: { conversation: { id: 'new' } } };

      await resolveActor(ctx, user);

      const account = await db().chatAccount.findFirstOrThrow({ where: { userId: 'aad-1' } });
      expect(account.conversationRef).toEqual({ conversation: { id: 'new' } });
    });

    it('finds people by Slack mention, Teams mention or email, and says how to refer to someone it cannot find', async () => {
      const { ctx, mentor, mentee } = await scene(db());
      expect(await findPersonByRef(ctx, '<@UMENTOR|morgan>', { platform: 'SLACK', workspaceId: 'T0001' })).toBe(mentor.personId);
      expect(await findPersonByRef(ctx, '<at>amara mentee</at>')).toBe(mentee.personId);
      expect(await findPersonByRef(ctx, 'Amara.Mentee@example.org')).toBe(mentee.personId);

      const missing = await refusal(() => findPersonByRef(ctx, '<@U999>', { platform: 'SLACK', workspaceId: 'T0001' }));
      expect(missing.code).toBe('NOT_FOUND');
      expect(missing.userMessage).toMatch(/^I couldn't find <@U999> in the program\. Use their email, e\.g\. /);
      expect((await refusal(() => findPersonByRef(ctx, 'morgan'))).code).toBe('BAD_INPUT');
    });
  });

  describe('roster', () => {
    it('enrolls a new mentee by email with the CPD system of their pathway, a year-long enrollment and a welcome', async () => {
      const { ctx, coordinator } = await scene(db());
      const result = await enroll(ctx, coordinator, { personRef: { kind: 'email', email: 'sam.specialist@example.org' }, role: 'MENTEE', pathway: 'PRA_MB_SP', start: '2026-02-01' });

      expect(result).toMatchObject({ created: true, personCreated: true });
      expect(result.enrollment).toMatchObject({ role: 'MENTEE', pathway: 'PRA_MB_SP', cpdSystem: 'MOC', startDate: '2026-02-01', endDate: '2027-01-31', status: 'ACTIVE' });
      const welcome = await db().notification.findUniqueOrThrow({ where: { idempotencyKey: `welcome:${result.enrollment.id}` } });
      expect(welcome.personId).toBe(result.enrollment.personId);
    });

    it('updates an existing enrollment in a role instead of duplicating it, and lets one person hold several roles', async () => {
      const { ctx, coordinator, mentor } = await scene(db());
      const again = await enroll(ctx, coordinator, { personId: mentor.personId, role: 'MENTOR', end: '2027-06-30' });
      const alsoCoordinator = await enroll(ctx, coordinator, { personId: mentor.personId, role: 'COORDINATOR' });

      expect(again.created).toBe(false);
      expect(again.enrollment.endDate).toBe('2027-06-30');
      expect(alsoCoordinator.created).toBe(true);
      const roles = (await db().enrollment.findMany({ where: { personId: mentor.personId } })).map((e) => e.role).sort();
      expect(roles).toEqual(['COORDINATOR', 'MENTOR']);
      expect(await db().notification.count({ where: { personId: mentor.personId, kind: 'welcome' } })).toBe(1);
    });

    it('pairs an active mentor with an active mentee and introduces them to each other', async () => {
      const { ctx, coordinator, mentor } = await scene(db());
      const newMentee = await addPerson(ctx, { name: 'Noor Newcomer', roles: ['MENTEE'] });
      const result = await pair(ctx, coordinator, mentor.personId, newMentee.personId, '2026-11-01');

      expect(result.pairing).toMatchObject({ mentorId: mentor.personId, menteeId: newMentee.personId, fromDate: '2026-11-01', untilDate: null });
      // One introduction addressed to both (a group DM where possible), the mentee as main recipient.
      const intros = await db().notification.findMany({ where: { idempotencyKey: { startsWith: `intro:${result.pairing.id}` } } });
      expect(intros.map((n) => [n.idempotencyKey, n.personId, n.alsoTo])).toEqual([[`intro:${result.pairing.id}`, newMentee.personId, [mentor.personId]]]);
      expect(JSON.stringify(intros[0]!.payload)).toContain('Morgan Mentor');
      expect(JSON.stringify(intros[0]!.payload)).toContain('Noor Newcomer');
      expect(JSON.stringify(intros[0]!.payload)).toContain('meeting.log');
    });

    it('refuses a duplicate active pairing and a pairing with someone not enrolled in that role', async () => {
      const { ctx, coordinator, mentor, mentee } = await scene(db());
      expect((await refusal(() => pair(ctx, coordinator, mentor.personId, mentee.personId))).code).toBe('CONFLICT');
      const wrongRole = await refusal(() => pair(ctx, coordinator, mentee.personId, mentor.personId));
      expect(wrongRole.code).toBe('BAD_INPUT');
      expect(Object.keys(wrongRole.fieldErrors)).toEqual(['mentor']);
    });

    it('ends a pairing and cancels its pending cadence nudges', async () => {
      const { ctx, coordinator, mentor, mentee, pairingId } = await scene(db());
      await db().notification.create({ data: { programId: ctx.program.id, personId: mentor.personId, kind: 'cadence', idempotencyKey: `cadence:${pairingId}:1`, payload: {}, dueAt: ctx.clock.now() } });

      const ended = await unpair(ctx, coordinator, mentor.personId, mentee.personId);

      expect(ended.untilDate).toBe('2026-11-20');
      expect(await activePairingsFor(ctx, mentee.personId)).toEqual([]);
      expect((await db().notification.findUniqueOrThrow({ where: { idempotencyKey: `cadence:${pairingId}:1` } })).status).toBe('CANCELLED');
      expect((await refusal(() => unpair(ctx, coordinator, mentor.personId, mentee.personId))).code).toBe('NOT_FOUND');
    });

    it('withdrawing a mentee ends their pairings, stops their reminders, and they can no longer log a meeting', async () => {
      const { ctx, coordinator, mentee } = await scene(db());
      await db().notification.create({ data: { programId: ctx.program.id, personId: mentee.personId, kind: 'reflection-reminder', idempotencyKey: 'reflection-reminder:x:1', payload: {}, dueAt: ctx.clock.now() } });

      const withdrawn = await setEnrollmentStatus(ctx, coordinator, mentee.enrollments[0]!.id, 'WITHDRAWN');

      expect(withdrawn.status).toBe('WITHDRAWN');
      expect(await activePairingsFor(ctx, mentee.personId)).toEqual([]);
      expect((await db().notification.findUniqueOrThrow({ where: { idempotencyKey: 'reflection-reminder:x:1' } })).status).toBe('CANCELLED');
      const attempt = await refusal(async () => logMeeting(ctx, await actorFor(ctx, mentee.personId), meeting(), 'req-withdrawn'));
      expect(attempt.code).toBe('NOT_ENROLLED');
      expect(await db().meeting.count()).toBe(0);
    });

    it('keeps away periods, lists the ones not over, and clears them when the person is back', async () => {
      const { ctx, mentor } = await scene(db());
      await setAway(ctx, mentor, '2026-12-20', '2027-01-05');
      await setAway(ctx, mentor, '2026-12-20', '2027-01-05');
      expect(await listAways(ctx, mentor.personId)).toMatchObject([{ from: '2026-12-20', until: '2027-01-05' }]);
      expect((await refusal(() => setAway(ctx, mentor, '2026-12-20', '2026-12-01'))).fieldErrors).toHaveProperty('until');

      expect(await clearAway(ctx, mentor)).toBe(1);
      expect(await listAways(ctx, mentor.personId)).toEqual([]);
    });

    it('erases a participant with all their records and audits who did it to whom', async () => {
      const { ctx, coordinator, mentor, mentee } = await scene(db());
      await logMeeting(ctx, mentor, meeting(), 'req-erase');

      await eraseParticipant(ctx, coordinator, mentee.personId);

      expect(await db().person.findUnique({ where: { id: mentee.personId } })).toBeNull();
      expect(await db().meeting.count()).toBe(0);
      expect(await db().pairing.count()).toBe(0);
      const event = await db().auditEvent.findFirstOrThrow({ where: { action: 'person.erase' } });
      expect(event).toMatchObject({ actorId: coordinator.personId, subjectId: mentee.personId });
    });

    it('erasing a mentor also removes the introduction that names them beside their mentee', async () => {
      const { ctx, coordinator, mentor } = await scene(db());
      const newMentee = await addPerson(ctx, { name: 'Noor Newcomer', roles: ['MENTEE'] });
      await pair(ctx, coordinator, mentor.personId, newMentee.personId);
      expect(await db().notification.count({ where: { personId: newMentee.personId, kind: 'introduction' } })).toBe(1);

      await eraseParticipant(ctx, coordinator, mentor.personId);

      expect(await db().notification.count({ where: { kind: 'introduction' } })).toBe(0);
    });

    it('makes the current channel the digest channel once, keeping the Teams reference', async () => {
      const { ctx, coordinator } = await scene(db());
      const channel = {
        platform: 'TEAMS' as const,
        workspaceId: 'tenant-1',
        channelId: '19:abc@thread.tacv2',
        isDirect: false,
        reference: { conversation: { id: '19:abc' } },
        privacy: async () => ({ kind: 'private-channel' as const }),
      };
      // Without the platform's word that it is private, the channel is refused.
      expect((await refusal(() => setDigestChannel(ctx, coordinator, { ...channel, privacy: undefined }))).code).toBe('FORBIDDEN');
      expect((await refusal(() => setDigestChannel(ctx, coordinator, { ...channel, privacy: async () => ({ kind: 'public-channel' as const }) }))).code).toBe('FORBIDDEN');
      expect((await setDigestChannel(ctx, coordinator, channel)).created).toBe(true);
      expect((await setDigestChannel(ctx, coordinator, channel)).created).toBe(false);
      const row = await db().programChannel.findFirstOrThrow();
      expect(row).toMatchObject({ platform: 'TEAMS', channelId: '19:abc@thread.tacv2', purpose: 'digest', conversationRef: { conversation: { id: '19:abc' } } });
      expect((await refusal(() => setDigestChannel(ctx, coordinator, slackConversation()))).code).toBe('BAD_INPUT');
    });
  });

  describe('meetings', () => {
    it('logs a meeting, opens the mentee reflection, asks the other member to confirm and cancels cadence nudges', async () => {
      const { ctx, mentor, mentee, pairingId } = await scene(db());
      await db().notification.create({ data: { programId: ctx.program.id, personId: mentor.personId, kind: 'cadence', idempotencyKey: `cadence:${pairingId}:1`, payload: {}, dueAt: ctx.clock.now() } });

      const result = await logMeeting(ctx, mentor, meeting({ roles: ['COMMUNICATOR'], nextMeetingDate: '2026-12-16' }), 'req-1');

      expect(result.created).toBe(true);
      expect(result.meeting).toMatchObject({ pairingId, mentorId: mentor.personId, menteeId: mentee.personId, loggedById: mentor.personId, date: '2026-11-18', confirmation: 'PENDING' });
      const prompt = await db().reflectionPrompt.findFirstOrThrow({ where: { meetingId: result.meeting.id } });
      expect(prompt).toMatchObject({ kind: 'AFTER_MEETING', menteeId: mentee.personId });
      const confirm = await db().notification.findUniqueOrThrow({ where: { idempotencyKey: `meeting-confirm:${result.meeting.id}` } });
      expect(confirm.personId).toBe(mentee.personId);
      expect(JSON.stringify(confirm.payload)).toContain('"action":"meeting.confirm"');
      expect(JSON.stringify(confirm.payload)).toContain('"action":"meeting.dispute"');
      expect((await db().notification.findUniqueOrThrow({ where: { idempotencyKey: `cadence:${pairingId}:1` } })).status).toBe('CANCELLED');
    });

    it('returns the same meeting for a retried request id and queues nothing new', async () => {
      const { ctx, mentee } = await scene(db());
      const first = await logMeeting(ctx, mentee, meeting(), 'req-same');
      const notifications = await db().notification.count();

      const retry = await logMeeting(ctx, mentee, meeting({ topics: 'changed on the retry' }), 'req-same');

      expect(retry).toMatchObject({ created: false, meeting: { id: first.meeting.id } });
      expect(await db().meeting.count()).toBe(1);
      expect(await db().notification.count()).toBe(notifications);
      expect(await db().reflectionPrompt.count()).toBe(1);
    });

    it('saves once when the same request arrives twice at the same time', async () => {
      const { ctx, mentor } = await scene(db());
      const [a, b] = await Promise.all([logMeeting(ctx, mentor, meeting(), 'req-race'), logMeeting(ctx, mentor, meeting(), 'req-race')]);
      expect(a.meeting.id).toBe(b.meeting.id);
      expect(await db().meeting.count()).toBe(1);
    });

    it.each([
      ['date', 'in the future', { date: '2026-11-21' }, /future/],
      ['date', 'before the pairing began', { date: '2026-01-04' }, /before your pairing began on 2026-01-05/],
      ['duration', 'shorter than the minimum', { minutes: 4 }, /between 5 min and 8 h/],
      ['duration', 'longer than the maximum', { minutes: 481 }, /between 5 min and 8 h/],
      ['topics', 'empty', { topics: '   ' }, /what you discussed/],
      ['format', 'not a known format', { format: 'CARRIER_PIGEON' as MeetingInput['format'] }, /In person, Video, Phone, Chat/],
      ['next_meeting', 'not after the meeting', { nextMeetingDate: '2026-11-18' }, /must be after this one/],
    ])('refuses a %s that is %s, naming the field', async (field, _why, over, expected) => {
      const { ctx, mentor } = await scene(db());
      const error = await refusal(() => logMeeting(ctx, mentor, meeting(over), `req-${field}`));
      expect(error.code).toBe('BAD_INPUT');
      expect(Object.keys(error.fieldErrors)).toEqual([field]);
      expect(error.fieldErrorsIn('en')[field]).toMatch(expected);
      expect(await db().meeting.count()).toBe(0);
    });

    it('accepts a meeting dated before the pairing was recorded, within both enrollments, and moves the pairing start back', async () => {
      const ctx = await makeContext(db());
      const mentor = await addPerson(ctx, { name: 'Morgan Mentor', roles: ['MENTOR'], start: '2026-11-01' });
      const mentee = await addPerson(ctx, { name: 'Amara Mentee', roles: ['MENTEE'], start: '2026-11-10' });
      const pairingId = await addPairing(ctx, mentor, mentee, '2026-11-20');
      const result = await logMeeting(ctx, mentor, meeting({ date: '2026-11-19' }), 'req-early');
      expect(result.pairingStartMoved).toEqual({ from: '2026-11-20', to: '2026-11-19' });
      expect(meetingSavedMessage(result, mentor).blocks.map((b) => ('text' in b ? b.text : '')).join(' ')).toContain('it now starts on 2026-11-19');
      expect((await db().pairing.findUniqueOrThrow({ where: { id: pairingId } })).fromDate.toISOString().slice(0, 10)).toBe('2026-11-19');
      expect(await db().auditEvent.count({ where: { action: 'pairing.start-moved' } })).toBe(1);

      // Before the mentee's enrollment: refused, naming the dates; nothing moves.
      const outside = await refusal(() => logMeeting(ctx, mentor, meeting({ date: '2026-11-09' }), 'req-too-early'));
      expect(outside.fieldErrorsIn('en').date).toMatch(/2026-11-09 is outside Amara Mentee's enrollment as mentee \(from 2026-11-10 until 2027-11-09\), and before your pairing began on 2026-11-19/);
      expect((await db().pairing.findUniqueOrThrow({ where: { id: pairingId } })).fromDate.toISOString().slice(0, 10)).toBe('2026-11-19');
    });

    it('refuses an early meeting on a date another pairing of the mentee covers', async () => {
      const ctx = await makeContext(db());
      const before = await addPerson(ctx, { name: 'Pat Previous', roles: ['MENTOR'], start: '2026-01-05' });
      const mentor = await addPerson(ctx, { name: 'Morgan Mentor', roles: ['MENTOR'], start: '2026-01-05' });
      const mentee = await addPerson(ctx, { name: 'Amara Mentee', roles: ['MENTEE'], start: '2026-01-05' });
      await addPairing(ctx, before, mentee, '2026-01-05', '2026-11-15');
      await addPairing(ctx, mentor, mentee, '2026-11-18');
      const error = await refusal(() => logMeeting(ctx, mentor, meeting({ date: '2026-11-14' }), 'req-overlap'));
      expect(error.fieldErrorsIn('en').date).toMatch(/On 2026-11-14 the mentee was paired with Pat Previous \(from 2026-01-05\)/);
      // The day the earlier pairing ended is free: accepted.
      expect((await logMeeting(ctx, mentor, meeting({ date: '2026-11-15' }), 'req-after-overlap')).pairingStartMoved).toEqual({ from: '2026-11-18', to: '2026-11-15' });
    });

    it('takes today in the program time zone, not in UTC', async () => {
      const { ctx, mentor } = await scene(db());
      // 03:00 UTC on Nov 21 is still Nov 20 in Winnipeg.
      ctx.clock.set('2026-11-21T03:00:00Z');
      expect((await refusal(() => logMeeting(ctx, mentor, meeting({ date: '2026-11-21' }), 'req-tz'))).fieldErrors).toHaveProperty('date');
      expect((await logMeeting(ctx, mentor, meeting({ date: '2026-11-20' }), 'req-tz2')).created).toBe(true);
    });

    it('asks which mentee when a mentor has several, and uses the one named', async () => {
      const { ctx, mentor } = await scene(db());
      const second = await addPerson(ctx, { name: 'Noor Newcomer', roles: ['MENTEE'] });
      await addPairing(ctx, mentor, second, '2026-03-01');

      const ambiguous = await refusal(() => logMeeting(ctx, mentor, meeting(), 'req-amb'));
      expect(ambiguous.fieldErrors).toHaveProperty('with');
      expect(ambiguous.userMessage).toContain('Noor Newcomer');

      const logged = await logMeeting(ctx, mentor, meeting({ withPersonId: second.personId }), 'req-with');
      expect(logged.meeting.menteeId).toBe(second.personId);
    });

    it('lets the other member confirm or dispute once, and tells the author about a dispute', async () => {
      const { ctx, mentor, mentee } = await scene(db());
      const { meeting: m } = await logMeeting(ctx, mentor, meeting(), 'req-c');

      expect((await confirmMeeting(ctx, mentee, m.id)).changed).toBe(true);
      expect((await confirmMeeting(ctx, mentee, m.id)).changed).toBe(false);
      expect((await refusal(() => confirmMeeting(ctx, mentor, m.id))).code).toBe('FORBIDDEN');

      const disputed = await disputeMeeting(ctx, mentee, m.id, 'It was 30 minutes');
      expect(disputed.meeting).toMatchObject({ confirmation: 'DISPUTED', disputeNote: 'It was 30 minutes' });
      expect((await disputeMeeting(ctx, mentee, m.id)).changed).toBe(false);
      const told = await db().notification.findUniqueOrThrow({ where: { idempotencyKey: `meeting-disputed:${m.id}` } });
      expect(told.personId).toBe(mentor.personId);
    });

    it('lets the author edit and delete, with the same validation, and cancels what was pending for it', async () => {
      const { ctx, mentor } = await scene(db());
      const { meeting: m } = await logMeeting(ctx, mentor, meeting(), 'req-e');

      const edited = await editMeeting(ctx, mentor, m.id, { minutes: 60, topics: 'Billing and call schedules' });
      expect(edited).toMatchObject({ minutes: 60, topics: 'Billing and call schedules', date: '2026-11-18' });
      expect((await refusal(() => editMeeting(ctx, mentor, m.id, { date: '2027-01-01' }))).fieldErrors).toHaveProperty('date');

      await deleteMeeting(ctx, mentor, m.id);
      expect(await db().meeting.count()).toBe(0);
      expect(await db().reflectionPrompt.count()).toBe(0);
      expect(await db().notification.count({ where: { status: 'PENDING' } })).toBe(0);
    });
  });

  describe('meeting form', () => {
    it('offers the person choice only to someone with more than one pair, and defaults the date to today', async () => {
      const { ctx, mentor, mentee } = await scene(db());
      const single = await buildMeetingForm(ctx, mentee, {}, 'req-f1');
      expect(single.fields.map((f) => f.id)).toEqual(['date', 'duration', 'format', 'topics', 'roles', 'notes', 'next_steps', 'next_meeting']);
      expect(single.fields.find((f) => f.id === 'date')?.initial).toBe('2026-11-20');
      expect(single.notice).toMatch(/no patient identifiers/i);
      expect(single.fields.find((f) => f.id === 'roles')?.options?.[0]?.label).toBe('Family Medicine Expert');
      // The request id is the server's, bound to the mentee and the form: never the platform's id as sent.
      expect(JSON.parse(single.state)).toEqual({ requestId: requestIdFor(ctx, 'meeting', mentee.personId, 'req-f1') });

      const second = await addPerson(ctx, { name: 'Noor Newcomer', roles: ['MENTEE'], pathway: 'PRA_MB_SP' });
      await addPairing(ctx, mentor, second, '2026-03-01');
      const several = await buildMeetingForm(ctx, mentor, { durationMinutes: 45 }, 'req-f2');
      expect(several.fields[0]).toMatchObject({ id: 'with', kind: 'person', required: true });
      expect(several.fields[0]?.options?.map((o) => o.value).sort()).toEqual([mentee.personId, second.personId].sort());
      expect(several.fields.find((f) => f.id === 'duration')?.initial).toBe('45');
    });

    it('names each invalid field on submit and saves nothing', async () => {
      const { ctx, mentor } = await scene(db());
      const view = await buildMeetingForm(ctx, mentor, {}, 'req-f3');
      const outcome = await meetingForm.submit({ ctx, actor: mentor, values: { date: '2026-11-18', format: 'SMOKE_SIGNAL' }, state: view.state, conversation: slackConversation() });
      expect(outcome.kind).toBe('errors');
      if (outcome.kind !== 'errors') return;
      expect(Object.keys(outcome.errors).sort()).toEqual(['duration', 'format', 'topics']);
      expect(await db().meeting.count()).toBe(0);
    });

    it('warns about what looks like a patient identifier, keeps the values, and saves once the author confirms', async () => {
      const { ctx, mentor } = await scene(db());
      const view = await buildMeetingForm(ctx, mentor, {}, 'req-f4');
      const values: FormValues = { date: '2026-11-18', duration: '45', format: 'VIDEO', topics: 'Discussed Mr. Hargreaves and his PHIN 123456789', roles: ['SCHOLAR'] };

      const warned = await meetingForm.submit({ ctx, actor: mentor, values, state: view.state, conversation: slackConversation() });
      expect(warned.kind).toBe('update');
      if (warned.kind !== 'update') return;
      expect(warned.view.notice).toMatch(/123456789/);
      expect(warned.view.fields.find((f) => f.id === 'topics')?.initial).toBe(values.topics);
      expect(warned.view.fields.find((f) => f.id === 'roles')?.initial).toEqual(['SCHOLAR']);
      expect(warned.view.fields.find((f) => f.id === CONFIRM_NO_IDENTIFIERS)).toMatchObject({ kind: 'checkbox', required: true });
      expect(await db().meeting.count()).toBe(0);

      const saved = await meetingForm.submit({ ctx, actor: mentor, values: { ...values, [CONFIRM_NO_IDENTIFIERS]: ['true'] }, state: warned.view.state, conversation: slackConversation() });
      expect(saved.kind).toBe('done');
      if (saved.kind === 'done') expect(saved.message.text).toContain('Meeting saved: 2026-11-18, 45 min, video');
      expect(await db().meeting.findUniqueOrThrow({ where: { requestId: requestIdFor(ctx, 'meeting', mentor.personId, 'req-f4') } })).toMatchObject({ minutes: 45, roles: ['SCHOLAR'] });
    });
  });

  describe('commands and buttons', () => {
    const input = (ctx: CoreContext, actor: Actor, text: string, requestId = 'req-cmd') => ({ ctx, actor, text, requestId, conversation: slackConversation() });

    it('/meeting with a complete line saves at once; with too little it opens the form prefilled; with nothing the empty form', async () => {
      const { ctx, mentor } = await scene(db());
      const saved = await meetingCommand.run(input(ctx, mentor, 'yesterday 1h30 video Discussed billing', 'req-line'));
      expect(textOf(saved)).toContain('Meeting saved: 2026-11-19, 1 h 30 min, video: Discussed billing');
      expect(await db().meeting.count()).toBe(1);

      const partial = await meetingCommand.run(input(ctx, mentor, '2026-11-17 video', 'req-partial'));
      expect(partial.kind).toBe('form');
      if (partial.kind === 'form') expect(partial.view.fields.find((f) => f.id === 'date')?.initial).toBe('2026-11-17');
      expect((await meetingCommand.run(input(ctx, mentor, ''))).kind).toBe('form');
    });

    it('/away sets, shows and clears an away period', async () => {
      const { ctx, mentee } = await scene(db());
      expect(textOf(await awayCommand.run(input(ctx, mentee, 'Dec 20 to Jan 5')))).toContain('2026-12-20 to 2027-01-05');
      expect(textOf(await awayCommand.run(input(ctx, mentee, '')))).toContain('You are away 2026-12-20 to 2027-01-05');
      expect(textOf(await awayCommand.run(input(ctx, mentee, 'off')))).toContain('Welcome back');
    });

    it('/mentorship gives help to everyone, names unknown words, and keeps the rest for coordinators', async () => {
      const { ctx, coordinator, mentee } = await scene(db());
      expect(textOf(await mentorshipCommand.run(input(ctx, mentee, 'help')))).toContain('/mentorship enroll');
      expect(textOf(await mentorshipCommand.run(input(ctx, mentee, 'frobnicate')))).toContain("I don't know 'frobnicate'");
      expect((await refusal(() => mentorshipCommand.run(input(ctx, mentee, 'enroll someone')))).code).toBe('FORBIDDEN');

      const enrolled = await mentorshipCommand.run(input(ctx, coordinator, 'enroll new.mentor@example.org as mentor'));
      expect(textOf(enrolled)).toContain('Enrolled new.mentor as mentor from 2026-11-20');
      const paired = await mentorshipCommand.run(input(ctx, coordinator, 'pair new.mentor@example.org with <@UMENTEE>'));
      expect(textOf(paired)).toContain('Paired new.mentor (mentor) with Amara Mentee (mentee)');
    });

    it('the meeting buttons confirm, dispute and open the form for a given pairing', async () => {
      const { ctx, mentor, mentee, pairingId } = await scene(db());
      const { meeting: m } = await logMeeting(ctx, mentor, meeting(), 'req-btn');
      const action = (id: string) => meetingActions.find((a) => a.id === id)!;
      const press = (id: string, actor: Actor, value: string) => action(id).run({ ctx, actor, value, requestId: 'req-press', conversation: slackConversation() });

      expect(textOf(await press('meeting.confirm', mentee, m.id))).toContain('is confirmed');
      expect(textOf(await press('meeting.dispute', mentee, m.id))).toContain('marked as not right');
      const form = await press('meeting.log', mentor, pairingId);
      expect(form.kind).toBe('form');
      if (form.kind === 'form') expect(JSON.parse(form.view.state)).toEqual({ requestId: requestIdFor(ctx, 'meeting', mentor.personId, 'req-press'), pairingId });
    });
  });
});
