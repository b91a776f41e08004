// Who is acting: a chat user is linked to a person once (by email when the platform gives one) and
// found by platform id ever after. This runs on every request, so a linked user costs one query
// (two when the platform hands us a new conversation reference).
import type { Actor, ActorEnrollment, PlatformUser } from '../actor.js';
import type { CoreContext } from '../context.js';
import { AppError } from '../domain/errors.js';
import type { Platform } from '../domain/enums.js';
import { describePersonRef, parsePersonRef, type PersonRef } from '../domain/parse/parse-person.js';
import { isValidTimeZone } from '../domain/time.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { fromDbDate, fromDbDateOrNull } from './dates.js';
import { requireTrustedWorkspace } from './trust.js';

type PersonWithEnrollments = Prisma.PersonGetPayload<{ include: { enrollments: true } }>;

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Names we invent before we know better: the email's local part, or "Slack user U123" (program.service). */
function isPlaceholderName(name: string, email: string | null): boolean {
  return /^(Slack|Teams) user \S+$/.test(name) || (email !== null && name === email.split('@')[0]);
}

export async function resolveActor(ctx: CoreContext, user: PlatformUser): Promise<Actor> {
  await requireTrustedWorkspace(ctx, user);
  const key = { platform: user.platform, workspaceId: user.workspaceId, userId: user.userId };
  const includePerson = { person: { include: { enrollments: { where: { programId: ctx.program.id } } } } } as const;
  const account = await ctx.db.chatAccount.findUnique({ where: { platform_workspaceId_userId: key }, include: includePerson });

  let person: PersonWithEnrollments;
  let accountTimeZone: string | null = null;
  if (account) {
    person = account.person;
    accountTimeZone = account.timeZone;
    if (user.conversationRef !== undefined && !sameJson(account.conversationRef, user.conversationRef)) {
      await ctx.db.chatAccount.update({ where: { id: account.id }, data: { conversationRef: user.conversationRef as object } });
    }
    // Coordinators named by chat id in the configuration start with a placeholder name.
    if (isPlaceholderName(person.name, person.email)) person = await completeFromProfile(ctx, user, person);
  } else {
    const linked = await linkByEmail(ctx, user);
    if (!linked) throw await notEnrolled(ctx);
    person = linked.person;
    accountTimeZone = linked.timeZone;
  }

  const actor = actorFromPerson(ctx, person, accountTimeZone);
  if (actor.roles.size === 0) throw await notEnrolled(ctx);
  return actor;
}

/** The Actor for a person as stored (active roles only); no check that they may act. */
export function actorFromPerson(ctx: CoreContext, person: PersonWithEnrollments, accountTimeZone: string | null = null): Actor {
  const enrollments: ActorEnrollment[] = person.enrollments.map((e) => ({
    id: e.id,
    role: e.role,
    pathway: e.pathway,
    status: e.status,
    startDate: fromDbDate(e.startDate),
    endDate: fromDbDateOrNull(e.endDate),
  }));
  return {
    personId: person.id,
    name: person.name,
    email: person.email,
    timeZone: person.timeZone ?? accountTimeZone ?? ctx.program.timeZone,
    enrollments,
    roles: new Set(enrollments.filter((e) => e.status === 'ACTIVE').map((e) => e.role)),
  };
}

/** The Actor core would resolve for this person, by id (the CLI, the demo, tests). */
export async function actorById(ctx: CoreContext, personId: string): Promise<Actor> {
  const person = await ctx.db.person.findUniqueOrThrow({ where: { id: personId }, include: { enrollments: { where: { programId: ctx.program.id } } } });
  return actorFromPerson(ctx, person);
}

async function linkByEmail(ctx: CoreContext, user: PlatformUser): Promise<{ person: PersonWithEnrollments; timeZone: string | null } | undefined> {
  const profile = await user.lookupProfile();
  const email = profile.email?.trim().toLowerCase();
  if (!email) return undefined;
  const found = await ctx.db.person.findUnique({ where: { email }, include: { enrollments: { where: { programId: ctx.program.id } } } });
  if (!found) return undefined;
  const timeZone = profile.timeZone && isValidTimeZone(profile.timeZone) ? profile.timeZone : null;
  const key = { platform: user.platform, workspaceId: user.workspaceId, userId: user.userId };
  // Upsert: two first requests at once must not fail on the unique key.
  await ctx.db.chatAccount.upsert({
    where: { platform_workspaceId_userId: key },
    create: { ...key, personId: found.id, timeZone, conversationRef: (user.conversationRef ?? undefined) as object | undefined },
    update: {},
  });
  const person = await applyProfile(ctx, found, profile);
  return { person, timeZone };
}

async function completeFromProfile(ctx: CoreContext, user: PlatformUser, person: PersonWithEnrollments): Promise<PersonWithEnrollments> {
  try {
    return await applyProfile(ctx, person, await user.lookupProfile());
  } catch (error) {
    // A profile lookup failing must not lock a coordinator out; the name can wait.
    ctx.logger.warn({ err: error, personId: person.id }, 'profile lookup failed');
    return person;
  }
}

/** Fills in what we only had a placeholder for; never overwrites a name or time zone someone set. */
async function applyProfile(
  ctx: CoreContext,
  person: PersonWithEnrollments,
  profile: { name?: string; timeZone?: string },
): Promise<PersonWithEnrollments> {
  const data: { name?: string; timeZone?: string } = {};
  const name = profile.name?.trim();
  if (name && name !== person.name && isPlaceholderName(person.name, person.email)) data.name = name;
  if (!person.timeZone && profile.timeZone && isValidTimeZone(profile.timeZone)) data.timeZone = profile.timeZone;
  if (Object.keys(data).length === 0) return person;
  await ctx.db.person.update({ where: { id: person.id }, data });
  return { ...person, ...data };
}

/** The coordinators' names, for telling someone who to ask. */
export async function coordinatorNames(ctx: CoreContext): Promise<string[]> {
  const rows = await ctx.db.enrollment.findMany({
    where: { programId: ctx.program.id, role: 'COORDINATOR', status: 'ACTIVE' },
    select: { person: { select: { name: true } } },
    orderBy: { person: { name: 'asc' } },
  });
  return rows.map((r) => r.person.name);
}

async function notEnrolled(ctx: CoreContext): Promise<AppError> {
  const names = await coordinatorNames(ctx);
  const ask = names.length > 0 ? `Ask a coordinator to enroll you: ${names.join(', ')}.` : 'Ask your program coordinator to enroll you.';
  return new AppError('NOT_ENROLLED', `You are not enrolled in ${ctx.program.name}. ${ask}`);
}

const EMAIL_EXAMPLE = 'jane.doe@example.org';

/**
 * A person as typed in a command (Slack mention, Teams `<at>Name</at>`, email) → their person id.
 * Mentions only find people whose chat account we know; an email finds anyone in the store.
 */
export async function findPersonByRef(
  ctx: CoreContext,
  ref: string | PersonRef,
  platformHint?: { platform: Platform; workspaceId: string },
): Promise<string> {
  const parsed = typeof ref === 'string' ? parsePersonRef(ref) : ref;
  if (!parsed) {
    throw new AppError('BAD_INPUT', `"${String(ref)}" is not a person I can look up: mention them (@name) or give their email, e.g. ${EMAIL_EXAMPLE}.`);
  }
  const shown = describePersonRef(parsed);
  const notFound = () =>
    new AppError('NOT_FOUND', `I couldn't find ${shown} in the program. Use their email, e.g. ${EMAIL_EXAMPLE}.`);

  switch (parsed.kind) {
    case 'email': {
      const person = await ctx.db.person.findUnique({ where: { email: parsed.email }, select: { id: true } });
      if (!person) throw new AppError('NOT_FOUND', `I couldn't find ${parsed.email} in the program. Check the address, or enroll them first with it.`);
      return person.id;
    }
    case 'slack': {
      const workspaceId = parsed.teamId ?? (platformHint?.platform === 'SLACK' ? platformHint.workspaceId : undefined);
      const accounts = await ctx.db.chatAccount.findMany({
        where: { platform: 'SLACK', userId: parsed.userId, ...(workspaceId ? { workspaceId } : {}) },
        select: { personId: true },
        take: 2,
      });
      const ids = [...new Set(accounts.map((a) => a.personId))];
      if (ids.length !== 1) throw notFound();
      return ids[0]!;
    }
    case 'teams': {
      const people = await ctx.db.person.findMany({
        where: { name: { equals: parsed.name, mode: 'insensitive' }, enrollments: { some: { programId: ctx.program.id } } },
        select: { id: true },
        take: 2,
      });
      if (people.length === 0) throw notFound();
      if (people.length > 1) {
        throw new AppError('BAD_INPUT', `More than one person in the program is called ${parsed.name}. Use their email instead, e.g. ${EMAIL_EXAMPLE}.`);
      }
      return people[0]!.id;
    }
  }
}
