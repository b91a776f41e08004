// Planning: the reminders nobody asked for at the moment they are due (DESIGN.md, "Reminders, prompts
// and digests"). Run every scheduler tick; each rule looks at the current state and queues the one
// occurrence that is due now under an idempotency key, so planning twice (or on two replicas)
// queues nothing twice. Reminders caused by an event (welcome, introduction, reflection prompts and
// their reminders, meeting confirmations) are queued by the services when the event happens.
//
// Timing: every rule fires on a calendar date in the RECIPIENT's time zone at the morning time
// (the end of the program's quiet hours, 08:00 by default); the digest at rules.digest in the
// program's zone. A rule is queued once that instant has passed, with dueAt = that instant.
// Withdrawn or completed participants and people away today are skipped. What it looks at is read
// in planner-facts.ts, what the reminders say is written in planner.messages.ts.
import { notificationKeys } from '../domain/notifications.js';
import type { NotificationKind } from '../domain/notifications.js';
import { randomUUID } from 'node:crypto';
import type { CoreContext } from '../context.js';
import { pairCadence } from '../domain/people.js';
import { daysExcludingAway } from '../domain/away-days.js';
import { addDaysLocal, dayOfWeek, daysBetween, localDate, zonedDateTimeToInstant } from '../domain/time.js';
import type { Locale } from '../i18n/locale.js';
import type { Message } from '../ui/message.js';
import { queueNotifications, type QueuedNotification } from './outbox.js';
import { programProgress } from './progress.service.js';
import type { ProgramProgress } from './progress.types.js';
import { loadFacts, type Facts } from './planner-facts.js';
import { cadenceMessage, cpdCheckInMessage, endingMessage, escalationMessage, nextMeetingMessage } from './planner.messages.js';

export interface PlanOptions {
  /**
   * The weekly digest's content; the scheduler passes digest.service's buildDigest. `progress` is the
   * program's progress of this pass, shared with the mentees' reminders rather than computed twice.
   */
  buildDigest?: (ctx: CoreContext, progress: Promise<ProgramProgress>) => Promise<Message>;
}

/** A notification a rule would queue now; `build` runs only when its key is new. */
interface Candidate {
  key: string;
  kind: NotificationKind;
  personId?: string;
  channelId?: string;
  dueAt: Date;
  build: (id: string) => Promise<Message> | Message;
}

/** Queues every planned notification that is due by now and not queued before. Returns how many were new. */
export async function planNotifications(ctx: CoreContext, options: PlanOptions = {}): Promise<number> {
  const facts = await loadFacts(ctx);
  const candidates = [
    ...pairRules(ctx, facts),
    ...menteeRules(ctx, facts),
    ...(await digestRule(ctx, facts, options)),
  ];
  if (candidates.length === 0) return 0;
  const existing = new Set(
    (
      await ctx.db.notification.findMany({ where: { idempotencyKey: { in: candidates.map((c) => c.key) } }, select: { idempotencyKey: true } })
    ).map((n) => n.idempotencyKey),
  );
  const fresh = candidates.filter((c) => !existing.has(c.key));
  if (fresh.length === 0) return 0;
  const rows: (QueuedNotification & { id: string })[] = [];
  for (const c of fresh) {
    const id = randomUUID();
    rows.push({
      id,
      programId: ctx.program.id,
      personId: c.personId,
      channelId: c.channelId,
      kind: c.kind,
      idempotencyKey: c.key,
      payload: await c.build(id),
      dueAt: c.dueAt,
    });
  }
  const queued = await queueNotifications(ctx.db, rows);
  if (queued > 0) ctx.logger.info({ queued, kinds: [...new Set(fresh.map((c) => c.kind))] }, 'planner: notifications queued');
  return queued;
}

/** The person's local date now, and the morning instant of it; null when not morning yet or away. */
function localMorning(facts: Facts, personId: string): { date: string; at: Date } | null {
  const person = facts.people.get(personId);
  if (!person) return null;
  const date = localDate(facts.now, person.timeZone);
  if ((facts.aways.get(personId) ?? []).some((a) => a.from <= date && date <= a.until)) return null;
  const at = zonedDateTimeToInstant(date, facts.morning, person.timeZone);
  return at.getTime() <= facts.now.getTime() ? { date, at } : null;
}

/** The language a message to this person is written in. */
const localeOf = (facts: Facts, personId: string): Locale => facts.people.get(personId)!.locale;

const enrollmentAs = (facts: Facts, personId: string, role: string) => facts.active.get(personId)?.find((e) => e.role === role);

/** Within the mentee's program dates (inclusive). */
const inProgram = (e: { startDate: string; endDate: string | null }, date: string) => e.startDate <= date && (e.endDate === null || date <= e.endDate);

function pairRules(ctx: CoreContext, facts: Facts): Candidate[] {
  const rules = ctx.program.rules;
  const out: Candidate[] = [];
  for (const p of facts.pairings) {
    const mentee = enrollmentAs(facts, p.menteeId, 'MENTEE');
    const mentor = enrollmentAs(facts, p.mentorId, 'MENTOR');
    if (!mentee || !mentor || !inProgram(mentee, facts.today)) continue;
    const menteeName = facts.people.get(p.menteeId)!.name;
    const mentorName = facts.people.get(p.mentorId)!.name;
    const members = [
      { personId: p.menteeId, other: mentorName },
      { personId: p.mentorId, other: menteeName },
    ];

    // Cadence nudge (both) and escalation (coordinators). Days either member was away do not count.
    const last = facts.lastMeeting.get(p.id);
    const since = last && last > p.fromDate ? last : p.fromDate;
    const days = daysExcludingAway(since, facts.today, [...(facts.aways.get(p.menteeId) ?? []), ...(facts.aways.get(p.mentorId) ?? [])]);
    const cadence = pairCadence(days, rules);
    const n = cadence.cadencesMissed;
    if (cadence.overdue) {
      for (const m of members) {
        const when = localMorning(facts, m.personId);
        if (!when) continue;
        out.push({
          key: notificationKeys.cadenceNudge(p.id, since, n, m.personId),
          kind: 'cadence-nudge',
          personId: m.personId,
          dueAt: when.at,
          build: (id) => cadenceMessage(localeOf(facts, m.personId), p.id, id, m.other, last ?? null, days),
        });
      }
      if (cadence.escalated) {
        for (const coordinatorId of facts.coordinators) {
          const when = localMorning(facts, coordinatorId);
          if (!when) continue;
          out.push({
            key: notificationKeys.escalation(p.id, since, n, coordinatorId),
            kind: 'escalation',
            personId: coordinatorId,
            dueAt: when.at,
            build: () => escalationMessage(localeOf(facts, coordinatorId), mentorName, menteeName, last ?? null, days),
          });
        }
      }
    }

    // The day(s) before an agreed next meeting, unless a later meeting superseded the agreement.
    const latest = facts.latestMeeting.get(p.id);
    if (latest?.nextMeetingDate && latest.nextMeetingDate > latest.date && (!last || last <= latest.date)) {
      const meetOn = latest.nextMeetingDate;
      const from = addDaysLocal(meetOn, -rules.nextMeetingReminderDays);
      for (const m of members) {
        const when = localMorning(facts, m.personId);
        if (!when || when.date < from || when.date > meetOn || (rules.nextMeetingReminderDays > 0 && when.date === meetOn)) continue;
        out.push({
          // The date is in the key: a changed date is a new reminder, and the old one is dropped (still-wanted.ts).
          key: notificationKeys.nextMeeting(latest.id, meetOn, m.personId),
          kind: 'next-meeting',
          personId: m.personId,
          dueAt: when.at,
          build: () => nextMeetingMessage(localeOf(facts, m.personId), m.other, meetOn, daysBetween(when.date, meetOn)),
        });
      }
    }
  }
  return out;
}

function menteeRules(ctx: CoreContext, facts: Facts): Candidate[] {
  const rules = ctx.program.rules;
  const out: Candidate[] = [];
  const progress = () => (facts.progressRows ??= programProgressOf(ctx, facts).then((p) => new Map(p.rows.map((r) => [r.personId, r]))));
  for (const [personId, enrollments] of facts.active) {
    const e = enrollments.find((x) => x.role === 'MENTEE');
    if (!e) continue;
    const when = localMorning(facts, personId);
    if (!when || !inProgram(e, when.date)) continue;

    // Monthly CPD check-in on the configured day (from that day on, within the same month).
    const month = when.date.slice(0, 7);
    const checkIn = `${month}-${String(rules.cpdCheckInDayOfMonth).padStart(2, '0')}`;
    if (when.date >= checkIn && checkIn > e.startDate) {
      const system = e.cpdSystem;
      out.push({
        key: notificationKeys.cpdCheckIn(e.id, month),
        kind: 'cpd-checkin',
        personId,
        dueAt: when.at,
        build: async (id) => cpdCheckInMessage(localeOf(facts, personId), id, (await progress()).get(personId), system, e, when.date, ctx),
      });
    }

    // A month (endOfProgramWarningDays) before the end date: what is still missing.
    if (e.endDate && when.date >= addDaysLocal(e.endDate, -rules.endOfProgramWarningDays)) {
      const endDate = e.endDate;
      out.push({
        key: notificationKeys.ending(e.id),
        kind: 'ending',
        personId,
        dueAt: when.at,
        build: async () => endingMessage(localeOf(facts, personId), endDate, daysBetween(when.date, endDate), (await progress()).get(personId)?.missing ?? []),
      });
    }
  }
  return out;
}

/** The program's progress for this pass: computed once, whichever rule asks first. */
const programProgressOf = (ctx: CoreContext, facts: Facts): Promise<ProgramProgress> => (facts.progress ??= programProgress(ctx));

async function digestRule(ctx: CoreContext, facts: Facts, options: PlanOptions): Promise<Candidate[]> {
  const { program } = ctx;
  const now = ctx.clock.now();
  const today = localDate(now, program.timeZone);
  const { dayOfWeek: day, time } = program.rules.digest;
  if (dayOfWeek(today) !== day || !options.buildDigest) return [];
  const at = zonedDateTimeToInstant(today, time, program.timeZone);
  if (at.getTime() > now.getTime()) return [];
  const channels = await ctx.db.programChannel.findMany({ where: { programId: program.id, purpose: 'digest' }, select: { id: true } });
  let digest: Promise<Message> | undefined;
  const build = options.buildDigest;
  return channels.map((c) => ({
    key: digestKey(today, c.id),
    kind: 'digest',
    channelId: c.id,
    dueAt: at,
    build: () => (digest ??= build(ctx, programProgressOf(ctx, facts))),
  }));
}

export const digestKey = notificationKeys.weeklyDigest;
