// CPD activities: logged by any actively enrolled participant, in the language of their CPD system
// (Mainpro+ or MOC), with credits computed by the program's rules unless the user typed their own.
import type { Actor } from '../actor.js';
import type { CoreContext } from '../context.js';
import { AppError } from '../domain/errors.js';
import { CANMEDS_ROLE_KEYS, type CanMedsRole } from '../domain/canmeds.js';
import { computeCredits } from '../domain/credits.js';
import {
  CPD_CATEGORIES,
  CPD_SYSTEMS,
  LEARNING_OUTCOMES,
  defaultCpdSystem,
  type CpdCategory,
  type CpdSystem,
  type LearningOutcome,
} from '../domain/enums.js';
import { addDaysLocal, localTime, zonedDateTimeToInstant } from '../domain/time.js';
import { Prisma } from '../../generated/prisma/client.js';
import { assertCanView, today } from './access.js';
import { audit } from './audit.js';
import { fromDbDate, toDbDate } from './dates.js';
import { cancelPromptsFor, openReflectionPrompt, requireEnrolled, throwIfErrors } from './reflection.service.js';
import { foreignRequest } from './request-ids.js';

export { requireEnrolled };

/** What a user gives; keys are also the CPD form's field ids, so errors land on the right field. */
export interface CpdInput {
  title: string;
  /** YYYY-MM-DD; default today (program time). */
  date?: string;
  /** Default: the person's enrollment (its CPD system, else the one of its pathway). */
  system?: CpdSystem;
  category: CpdCategory;
  certified?: boolean;
  hours: number;
  /** Typed by the user (providers sometimes certify a different number); absent: computed by rule. */
  credits?: number | null;
  provider?: string | null;
  roles?: CanMedsRole[];
  outcome?: LearningOutcome | null;
  reflection?: string | null;
  evidenceUrl?: string | null;
  goalId?: string | null;
}

export interface CpdActivityView {
  id: string;
  personId: string;
  title: string;
  date: string;
  system: CpdSystem;
  category: CpdCategory;
  certified: boolean;
  hours: number;
  credits: number;
  provider: string | null;
  roles: CanMedsRole[];
  outcome: LearningOutcome | null;
  reflection: string | null;
  evidenceUrl: string | null;
  goalId: string | null;
}

type CpdRow = Prisma.CpdActivityGetPayload<object>;

const toView = (r: CpdRow): CpdActivityView => ({
  id: r.id,
  personId: r.personId,
  title: r.title,
  date: fromDbDate(r.date),
  system: r.system,
  category: r.category,
  certified: r.certified,
  hours: r.hours.toNumber(),
  credits: r.credits.toNumber(),
  provider: r.provider,
  roles: r.roles,
  outcome: r.outcome,
  reflection: r.reflection,
  evidenceUrl: r.evidenceUrl,
  goalId: r.goalId,
});

const MAX_TITLE = 200;
const MAX_TEXT = 4000;
const MAX_CREDITS = 1000;

export function requireParticipant(actor: Actor, whatFor: string): void {
  requireEnrolled(actor);
  if (actor.roles.has('MENTEE') || actor.roles.has('MENTOR')) return;
  throw new AppError('FORBIDDEN', `Only mentees and mentors taking part in the program can ${whatFor}. If you think you should be, ask a program coordinator.`);
}

/** The system a person's CPD is logged in: their enrollment's, else their pathway's default, else Mainpro+. */
export async function cpdSystemFor(ctx: CoreContext, personId: string): Promise<CpdSystem> {
  const enrollments = await ctx.db.enrollment.findMany({
    where: { programId: ctx.program.id, personId, status: 'ACTIVE', role: { in: ['MENTEE', 'MENTOR'] } },
    orderBy: { role: 'asc' },
  });
  for (const e of enrollments) if (e.cpdSystem) return e.cpdSystem;
  for (const e of enrollments) if (e.pathway) return defaultCpdSystem(e.pathway);
  return 'MAINPRO_PLUS';
}

type Normalized = Omit<Required<CpdInput>, 'credits'> & { credits: number };

/** Checks every field at once and names each bad one, with what was expected and an example. */
async function validate(ctx: CoreContext, personId: string, input: CpdInput, system: CpdSystem): Promise<Normalized> {
  const errors: Record<string, string> = {};
  const rules = ctx.program.rules;
  const todayDate = today(ctx);

  const title = (input.title ?? '').trim();
  if (title === '') errors.title = 'Give the activity a title, e.g. "Journal club: sepsis".';
  else if (title.length > MAX_TITLE) errors.title = `Keep the title under ${MAX_TITLE} characters (it has ${title.length}).`;

  const date = input.date ?? todayDate;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`)) || fromDbDate(toDbDate(date)) !== date) {
    errors.date = `"${date}" is not a date: write it as YYYY-MM-DD, e.g. ${todayDate}.`;
  } else if (date > todayDate) {
    errors.date = `The date ${date} is in the future: log an activity once it has happened (today is ${todayDate}).`;
  }

  if (!CPD_SYSTEMS.includes(system)) errors.system = `Unknown CPD system "${system}": choose Mainpro+ or MOC.`;
  if (!CPD_CATEGORIES.includes(input.category)) errors.category = 'Choose a category: Group Learning, Self-Learning or Assessment.';

  const hours = input.hours;
  if (typeof hours !== 'number' || !Number.isFinite(hours) || hours <= 0) {
    errors.hours = 'Hours must be more than 0, e.g. 1.5 for an hour and a half.';
  } else if (hours > rules.maxCpdHours) {
    errors.hours = `${hours} hours is more than the ${rules.maxCpdHours} allowed for one activity: split it into several, e.g. one per day.`;
  }

  let credits: number | undefined;
  if (input.credits !== undefined && input.credits !== null) {
    if (!Number.isFinite(input.credits) || input.credits < 0 || input.credits > MAX_CREDITS) {
      errors.credits = `Credits must be a number from 0 to ${MAX_CREDITS}, e.g. 1.5; leave it blank to have them computed.`;
    } else credits = Math.round(input.credits * 100) / 100;
  }

  const roles = input.roles ?? [];
  const badRoles = roles.filter((r) => !CANMEDS_ROLE_KEYS.includes(r));
  if (badRoles.length) errors.roles = `Unknown CanMEDS role(s): ${badRoles.join(', ')}. Pick from the list, e.g. Scholar.`;
  const outcome = input.outcome ?? null;
  if (outcome !== null && !LEARNING_OUTCOMES.includes(outcome)) errors.outcome = `Unknown outcome "${outcome}". Pick one from the list, e.g. Expanded knowledge.`;

  const provider = input.provider?.trim() || null;
  if (provider && provider.length > MAX_TITLE) errors.provider = `Keep the provider under ${MAX_TITLE} characters.`;
  const reflection = input.reflection?.trim() || null;
  if (reflection && reflection.length > MAX_TEXT) errors.reflection = `Keep the reflection under ${MAX_TEXT} characters (it has ${reflection.length}).`;

  const evidenceUrl = input.evidenceUrl?.trim() || null;
  if (evidenceUrl && !isHttpUrl(evidenceUrl)) errors.evidenceUrl = 'The evidence link must be a web address starting with http:// or https://, e.g. https://example.org/certificate.pdf.';

  const goalId = input.goalId || null;
  if (goalId) {
    const goal = await ctx.db.learningGoal.findFirst({ where: { id: goalId, programId: ctx.program.id, menteeId: personId }, select: { id: true } });
    if (!goal) errors.goalId = 'That goal is not in this learning plan: pick one of the listed goals, or none.';
  }
  throwIfErrors(errors);

  const certified = input.certified ?? false;
  return {
    title,
    date,
    system,
    category: input.category,
    certified,
    hours,
    credits: credits ?? computeCredits({ system, category: input.category, certified, hours }, rules.credits),
    provider,
    roles,
    outcome,
    reflection,
    evidenceUrl,
    goalId,
  };
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.includes('.');
  } catch {
    return false;
  }
}

const isUniqueViolation = (e: unknown): boolean => e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002';

/**
 * Logs an activity for the actor. A retry with the same request id returns the first record.
 * A mentee gets a follow-up reflection prompt rules.followUpReflectionDays after the activity
 * (never in the past: an old activity logged late is followed up now).
 */
export async function logCpd(ctx: CoreContext, actor: Actor, input: CpdInput, requestId: string): Promise<CpdActivityView> {
  requireParticipant(actor, 'log CPD activities');
  const existing = await ctx.db.cpdActivity.findUnique({ where: { requestId } });
  if (existing) return sameRequest(ctx, existing, actor);

  const system = input.system ?? (await cpdSystemFor(ctx, actor.personId));
  const data = await validate(ctx, actor.personId, input, system);
  const isMentee = actor.roles.has('MENTEE');
  try {
    const row = await ctx.db.$transaction(async (tx) => {
      const created = await tx.cpdActivity.create({
        data: { ...data, date: toDbDate(data.date), programId: ctx.program.id, personId: actor.personId, requestId },
      });
      if (isMentee) {
        await openReflectionPrompt(tx, ctx, {
          menteeId: actor.personId,
          kind: 'FOLLOW_UP',
          cpdActivityId: created.id,
          dueAt: followUpDue(ctx, data.date),
        });
      }
      return created;
    });
    return toView(row);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const again = await ctx.db.cpdActivity.findUnique({ where: { requestId } });
    if (!again) throw error;
    return sameRequest(ctx, again, actor);
  }
}

/** rules.followUpReflectionDays after the activity, at the local time of logging; not before now. */
export function followUpDue(ctx: CoreContext, activityDate: string): Date {
  const now = ctx.clock.now();
  const tz = ctx.program.timeZone;
  const due = zonedDateTimeToInstant(addDaysLocal(activityDate, ctx.program.rules.followUpReflectionDays), localTime(now, tz), tz);
  return due.getTime() < now.getTime() ? now : due;
}

async function sameRequest(ctx: CoreContext, row: CpdRow, actor: Actor): Promise<CpdActivityView> {
  if (row.personId !== actor.personId || row.programId !== ctx.program.id) throw await foreignRequest(ctx, actor, 'cpd', 'other-record');
  return toView(row);
}

async function loadForChange(ctx: CoreContext, actor: Actor, id: string, verb: string): Promise<CpdRow> {
  requireEnrolled(actor);
  const row = await ctx.db.cpdActivity.findFirst({ where: { id, programId: ctx.program.id } });
  if (!row) throw new AppError('NOT_FOUND', 'That CPD activity no longer exists. Type /cpd to log a new one.');
  if (row.personId !== actor.personId && !actor.roles.has('COORDINATOR')) {
    throw new AppError('FORBIDDEN', `Only the person who logged a CPD activity, or a coordinator, can ${verb} it.`);
  }
  return row;
}

/**
 * Changes some fields. Credits: a number given is kept as typed; `null` recomputes them; left out,
 * they are recomputed only when hours, system, category or certification change.
 */
export async function editCpd(ctx: CoreContext, actor: Actor, id: string, patch: Partial<CpdInput>): Promise<CpdActivityView> {
  const row = await loadForChange(ctx, actor, id, 'edit');
  const current = toView(row);
  const creditInputsChanged = (['hours', 'system', 'category', 'certified'] as const).some((k) => patch[k] !== undefined && patch[k] !== current[k]);
  const credits = patch.credits !== undefined ? patch.credits : creditInputsChanged ? null : current.credits;
  const merged: CpdInput = { ...current, ...patch, credits };
  const data = await validate(ctx, row.personId, merged, merged.system ?? current.system);
  const updated = await ctx.db.cpdActivity.update({ where: { id: row.id }, data: { ...data, date: toDbDate(data.date) } });
  if (row.personId !== actor.personId) {
    await audit(ctx.db, { programId: ctx.program.id, actorId: actor.personId, subjectId: row.personId, action: 'cpd.edit', detail: { cpdActivityId: row.id } });
  }
  return toView(updated);
}

/** Deletes the activity and withdraws its follow-up reflection (and the DMs still queued for it). */
export async function deleteCpd(ctx: CoreContext, actor: Actor, id: string): Promise<void> {
  const row = await loadForChange(ctx, actor, id, 'delete');
  await ctx.db.$transaction(async (tx) => {
    await cancelPromptsFor(tx, { cpdActivityId: row.id });
    await tx.cpdActivity.delete({ where: { id: row.id } });
    if (row.personId !== actor.personId) {
      await audit(tx, { programId: ctx.program.id, actorId: actor.personId, subjectId: row.personId, action: 'cpd.delete', detail: { cpdActivityId: row.id, title: row.title } });
    }
  });
}

/** A person's CPD log, newest first: one's own, or (audited) a mentee's for their mentor or a coordinator. */
export async function listCpd(ctx: CoreContext, actor: Actor, personId: string = actor.personId): Promise<CpdActivityView[]> {
  requireEnrolled(actor);
  await assertCanView(ctx, actor, personId, { action: 'cpd.view' });
  const rows = await ctx.db.cpdActivity.findMany({
    where: { programId: ctx.program.id, personId },
    orderBy: [{ date: 'desc' }, { createdAt: 'desc' }],
  });
  return rows.map(toView);
}
