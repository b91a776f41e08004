// A demonstration program a new user can look at before connecting Slack or Teams: fictional
// people (every email @demo.example.org), pairs, and half a year of meetings, CPD and reflections,
// made through the same core services the chat commands use, with a seeded random generator. The
// story is written for a reference "today" and shifted, day for day, to the today of the clock it is
// given, so the commands a user runs next (digest, export, report: on the real clock) tell the same
// story as the demo did. It lives in its own program ('demo'), apart from the real one, and its
// outbox is cancelled so a running bot never messages anyone. The program takes the locale it is
// given (the configured program's): the bot's own words are then in that language, while the
// fictional people, topics and answers, being sample data, stay as written.
import type { Actor } from '../actor.js';
import type { Clock, CoreContext, Logger } from '../context.js';
import { silentLogger, systemClock } from '../context.js';
import { DEFAULT_PROGRAM_RULES } from '../domain/program-rules.js';
import { addDaysLocal, daysBetween, localDate, zonedDateTimeToInstant } from '../domain/time.js';
import { languageOf } from '../i18n/locale.js';
import { t } from '../i18n/translate.js';
import type { Db } from '../../store/store.js';
import { cpdSystemFor, logCpd } from './cpd.service.js';
import { actorById } from './identity.service.js';
import { addGoal } from './goal.service.js';
import { logMeeting } from './meeting.service.js';
import { confirmMeeting } from './meeting-confirm.service.js';
import { ensureProgram } from './program.service.js';
import { saveReflection } from './reflection.service.js';
import { enroll, pair } from './roster.service.js';
import { clocked } from '../../store/clocked.js';
import { COORDINATOR, CPD, DEMO_EMAIL_DOMAIN, emailOf, FORMATS, MENTEES, MENTORS, NEXT_STEPS, OUTCOMES, TOPICS } from './demo-cast.js';

export const DEMO_SLUG = 'demo';
/** The demo program's name in its language (BCP 47, e.g. 'fr-CA'): "Demo Mentorship Program (fictional)". */
export const demoProgramName = (locale: string): string => t(languageOf(locale) ?? 'en', 'demo.programName');
const TIME_ZONE = 'America/Winnipeg';
/**
 * The story is written as of this "today", five months into the year, and every date in it is
 * shifted by the same number of days to the today of the clock the demo is given.
 */
const STORY_TODAY = '2026-06-15';
const STORY_START = '2026-01-05';
const STORY_LATE_START = '2026-03-02';
const STORY_STALLED_AFTER = '2026-03-20';
/** A mentee's year, in days (not months, whose lengths would change with the shift). */
const YEAR_DAYS = 364;
const SEED = 20260105;

/** A clock the demo moves by hand. */
class DemoClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  set(date: string, time: string): void {
    this.current = zonedDateTimeToInstant(date, time, TIME_ZONE);
  }
}

/** mulberry32: a tiny seeded generator, so "random" details are the same on every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface DemoResult {
  /** The demo program on the clock the demo was given. */
  ctx: CoreContext;
  /** The demo's today: the clock's date in the program's time zone. */
  today: string;
  coordinatorId: string;
  /** The mentee whose progress the demo shows. */
  featuredMenteeId: string;
  counts: { mentors: number; mentees: number; meetings: number; cpdActivities: number; reflections: number; goals: number };
}

/** Removes an earlier demo (its program and its fictional people) so the next one starts clean. */
export async function removeDemo(db: Db): Promise<void> {
  const program = await db.program.findUnique({ where: { slug: DEMO_SLUG }, select: { id: true } });
  if (program) {
    await db.auditEvent.deleteMany({ where: { programId: program.id } });
    await db.program.delete({ where: { id: program.id } });
  }
  await db.person.deleteMany({ where: { email: { endsWith: `@${DEMO_EMAIL_DOMAIN}` } } });
}

interface DemoEvent {
  date: string;
  time: string;
  order: number;
  run: () => Promise<void>;
}

/**
 * Builds the demo program from scratch around the today of `options.clock` (default: the real
 * clock): the same program, to the record, shifted by whole days, on every run and any today.
 * The context returned runs on that clock.
 */
export async function createDemo(db: Db, options: { logger?: Logger; clock?: Clock; locale?: string } = {}): Promise<DemoResult> {
  await removeDemo(db);
  const realClock = options.clock ?? systemClock;
  const locale = options.locale ?? 'en-CA';
  const today = localDate(realClock.now(), TIME_ZONE);
  const shift = daysBetween(STORY_TODAY, today);
  const shifted = (storyDate: string): string => addDaysLocal(storyDate, shift);
  const PROGRAM_START = shifted(STORY_START);
  const LATE_START = shifted(STORY_LATE_START);
  const clock = new DemoClock(zonedDateTimeToInstant(addDaysLocal(PROGRAM_START, -14), '09:00', TIME_ZONE));
  const program = await ensureProgram(
    db,
    { slug: DEMO_SLUG, name: demoProgramName(locale), timeZone: TIME_ZONE, locale, rules: DEFAULT_PROGRAM_RULES },
    [COORDINATOR.email],
    clock,
  );
  const ctx: CoreContext = { db: clocked(db, clock), clock, logger: options.logger ?? silentLogger, program };
  const coordinatorId = (await ctx.db.person.update({ where: { email: COORDINATOR.email }, data: { name: COORDINATOR.name } })).id;
  const office = await actorById(ctx, coordinatorId);
  const random = seeded(SEED);
  // Nobody's roles change once the demo is enrolled, so each actor is built once.
  const actors = new Map<string, Promise<Actor>>();
  const actor = (personId: string): Promise<Actor> => {
    let found = actors.get(personId);
    if (!found) actors.set(personId, (found = actorById(ctx, personId)));
    return found;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

  const mentorIds: string[] = [];
  for (const name of MENTORS) {
    // A mentor's pathway is that of the mentees they guide: specialists mentor specialists.
    const pathway = MENTEES.find((m) => MENTORS[m.mentor] === name && m.pathway === 'PRA_MB_SP') ? 'PRA_MB_SP' : 'PRA_MB_FP';
    const r = await enroll(ctx, office, { person: { name, email: emailOf(name) }, role: 'MENTOR', pathway, start: PROGRAM_START });
    mentorIds.push(r.enrollment.personId);
  }
  const menteeIds: string[] = [];
  for (const m of MENTEES) {
    const start = m.habit === 'late-start' ? LATE_START : PROGRAM_START;
    const r = await enroll(ctx, office, { person: { name: m.name, email: emailOf(m.name) }, role: 'MENTEE', pathway: m.pathway, start, end: addDaysLocal(start, YEAR_DAYS) });
    menteeIds.push(r.enrollment.personId);
    await pair(ctx, office, mentorIds[m.mentor]!, r.enrollment.personId, start);
  }

  // Everything that happens in the five months before today, in the order it happens (nothing on
  // today itself, so the story does not depend on the hour the demo is run).
  const events: DemoEvent[] = [];
  const at = (date: string, time: string, run: () => Promise<void>) => {
    if (date < today) events.push({ date, time, order: events.length, run });
  };
  const counts = { mentors: MENTORS.length, mentees: MENTEES.length, meetings: 0, cpdActivities: 0, reflections: 0, goals: 0 };

  MENTEES.forEach((spec, index) => {
    const menteeId = menteeIds[index]!;
    const mentorId = mentorIds[spec.mentor]!;
    const start = spec.habit === 'late-start' ? LATE_START : PROGRAM_START;
    const key = `demo:${index}`;

    at(addDaysLocal(start, 3), '10:00', async () => {
      const mentee = await actor(menteeId);
      await addGoal(ctx, mentee, { title: pick(['Billing and practice management in Manitoba', 'Confident, culturally safe communication', 'Chronic disease management in the community']), roles: ['LEADER', 'COMMUNICATOR'], targetDate: shifted('2026-12-15') }, `${key}:goal:1`);
      await addGoal(ctx, mentee, { title: pick(['Office emergencies', 'Evidence-informed prescribing', 'Working with the wider care team']), roles: ['MEDICAL_EXPERT'], targetDate: shifted('2026-09-30') }, `${key}:goal:2`);
      counts.goals += 2;
    });

    // Meetings: every 3–4 weeks; a stalled pair stops after March, a keen one meets more often.
    const gap = spec.habit === 'keen' ? 18 : 21;
    const lastMeetingDay = spec.habit === 'stalled' ? shifted(STORY_STALLED_AFTER) : today;
    let day = addDaysLocal(start, 7 + Math.floor(random() * 5));
    let n = 0;
    while (day <= lastMeetingDay && day < today) {
      const meetingDay = day;
      const m = n++;
      const topic = TOPICS[(index * 3 + m) % TOPICS.length]!;
      const minutes = pick([30, 45, 45, 60, 60, 90]);
      const format = pick(FORMATS);
      const confirmAfter = 1 + Math.floor(random() * 3);
      const reflectAfter = 1 + Math.floor(random() * 4);
      const shared = random() < 0.6;
      const outcome = pick(OUTCOMES);
      // A mentee slow to reflect leaves the last three open; the latest meeting of a few pairs is not confirmed yet.
      const answers = spec.habit === 'slow-reflections' ? addDaysLocal(meetingDay, 10) < addDaysLocal(today, -50) : true;
      let meetingId = '';
      at(meetingDay, '17:30', async () => {
        const logger = await actor(m % 3 === 2 ? menteeId : mentorId);
        const result = await logMeeting(
          ctx,
          logger,
          {
            withPersonId: logger.personId === mentorId ? menteeId : mentorId,
            date: meetingDay,
            minutes,
            format,
            topics: topic.topics,
            roles: topic.roles,
            nextSteps: NEXT_STEPS[(index + m) % NEXT_STEPS.length]!,
            privateNotes: 'Fictional demo note, visible only to the pair and coordinators.',
          },
          `${key}:meeting:${m}`,
        );
        meetingId = result.meeting.id;
        counts.meetings++;
      });
      at(addDaysLocal(meetingDay, confirmAfter), '12:15', async () => {
        if (addDaysLocal(meetingDay, confirmAfter) > addDaysLocal(today, -3)) return;
        const row = await ctx.db.meeting.findUniqueOrThrow({ where: { id: meetingId }, select: { loggedById: true } });
        const other = await actor(row.loggedById === mentorId ? menteeId : mentorId);
        await confirmMeeting(ctx, other, meetingId);
      });
      if (answers) {
        at(addDaysLocal(meetingDay, reflectAfter), '19:00', async () => {
          const prompt = await ctx.db.reflectionPrompt.findFirst({ where: { meetingId, kind: 'AFTER_MEETING' }, select: { id: true } });
          if (!prompt) return;
          await saveReflection(ctx, await actor(menteeId), prompt.id, {
            answers: {
              situation: 'A question about how care is organised here compared with where I trained.',
              learning: `What we discussed about ${topic.topics.toLowerCase()} fills a gap I had noticed.`,
              went_well: 'Concrete examples from my mentor; next time I will bring my own cases, anonymised.',
              practice: 'It expands what I do rather than changing it.',
              next_step: 'Try the approach in clinic over the next two weeks and report back.',
            },
            roles: topic.roles,
            outcome,
            shared,
            draft: false,
          });
          counts.reflections++;
        });
      }
      day = addDaysLocal(day, gap + Math.floor(random() * 9));
    }

    // CPD: a light logger does two activities, the others one every two to three weeks.
    const cpdCount = spec.habit === 'light-cpd' ? 2 : spec.habit === 'keen' ? 10 : 7;
    let cpdDay = addDaysLocal(start, 10 + Math.floor(random() * 10));
    for (let c = 0; c < cpdCount && cpdDay < today; c++) {
      const activity = CPD[(index + c * 3) % CPD.length]!;
      const activityDay = cpdDay;
      const outcome = pick(OUTCOMES);
      let activityId = '';
      at(activityDay, '20:00', async () => {
        const kind = (await cpdSystemFor(ctx, menteeId)) === 'MOC' ? activity.moc : activity.mainpro;
        const amount = kind.units !== undefined ? { units: kind.units } : { hours: activity.hours };
        const logged = await logCpd(
          ctx,
          await actor(menteeId),
          { title: activity.title, date: activityDay, category: kind.category, activityType: kind.activityType, ...amount, roles: activity.roles, outcome },
          `${key}:cpd:${c}`,
        );
        activityId = logged.id;
        counts.cpdActivities++;
      });
      // Most mentees answer the follow-up a few days after it arrives; the ones who are behind do not.
      if (spec.habit !== 'slow-reflections' && spec.habit !== 'stalled') {
        const followUpDay = addDaysLocal(activityDay, DEFAULT_PROGRAM_RULES.followUpReflectionDays + 1 + Math.floor(random() * 4));
        at(followUpDay, '18:45', async () => {
          const prompt = await ctx.db.reflectionPrompt.findFirst({ where: { cpdActivityId: activityId, kind: 'FOLLOW_UP' }, select: { id: true } });
          if (!prompt) return;
          await saveReflection(ctx, await actor(menteeId), prompt.id, {
            answers: { follow_up: 'I now use what I learned in most relevant visits; one more session on it would help.' },
            roles: activity.roles,
            outcome: 'CHANGED_PRACTICE',
            shared: random() < 0.5,
            draft: false,
          });
          counts.reflections++;
        });
      }
      cpdDay = addDaysLocal(cpdDay, 14 + Math.floor(random() * 10));
    }
  });

  events.sort((a, b) => a.date.localeCompare(b.date) || a.time.localeCompare(b.time) || a.order - b.order);
  for (const event of events) {
    clock.set(event.date, event.time);
    await event.run();
  }

  clock.set(today, '00:00');
  // Nobody here is real: nothing the demo planned may ever be sent.
  await ctx.db.notification.updateMany({ where: { programId: program.id, status: 'PENDING' }, data: { status: 'CANCELLED' } });
  const asOfNow: CoreContext = { ...ctx, db: clocked(db, realClock), clock: realClock };
  return { ctx: asOfNow, today, coordinatorId, featuredMenteeId: menteeIds[0]!, counts };
}
