// Who is acting: a chat user is linked to a person once (by email when the platform gives one) and
// found by platform id ever after. This runs on every request, so a linked user costs one query
// (two when the platform hands us a new conversation reference). Linking an account is in
// chat-account.service.ts, finding a person someone named in person-ref.service.ts.
import type { Actor, ActorEnrollment, PlatformUser } from '../actor.js';
import type { CoreContext } from '../context.js';
import { AppError } from '../domain/errors.js';
import { said } from '../i18n/translate.js';
import type { Platform } from '../domain/enums.js';
import { isValidTimeZone } from '../domain/time.js';
import { personTimeZone } from '../domain/people.js';
import { readerLocale, type Locale } from '../i18n/locale.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { fromDbDate, fromDbDateOrNull, toDbDate } from './db-dates.js';
import { requireTrustedWorkspace, trustsWorkspace } from './trust.js';
import { linkChatAccount } from './chat-account.service.js';

type PersonWithEnrollments = Prisma.PersonGetPayload<{ include: { enrollments: true } }>;

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Names we invent before we know better: the email's local part, or "Slack user U123" (program.service). */
export function isPlaceholderName(name: string, email: string | null): boolean {
  return /^(Slack|Teams) user \S+$/.test(name) || (email !== null && name === email.split('@')[0]);
}

export async function resolveActor(ctx: CoreContext, user: PlatformUser): Promise<Actor> {
  await requireTrustedWorkspace(ctx, user);
  const key = { platform: user.platform, workspaceId: user.workspaceId, userId: user.userId };
  const account = await findLinkedAccount(ctx, key);

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
    // The client's language (Teams sends it on every activity): kept, so what is sent to them later
    // (reminders, confirmations) is in it too. Written only when it changed.
    const clientLocale = user.locale?.trim().slice(0, 35);
    if (clientLocale && clientLocale !== person.locale) {
      await ctx.db.person.update({ where: { id: person.id }, data: { locale: clientLocale } });
      person = { ...person, locale: clientLocale };
    }
  } else {
    const linked = await linkByEmail(ctx, user);
    if (!linked) throw await notEnrolled(ctx);
    person = linked.person;
    accountTimeZone = linked.timeZone;
  }

  const actor = actorFromPerson(ctx, person, accountTimeZone, user.locale);
  if (actor.roles.size === 0) throw await notEnrolled(ctx);
  return actor;
}

/**
 * The language to answer a chat user in when no command runs (the help, a welcome): a linked person's
 * own, else what the client says, else the program's. Never refuses: anyone may read the help.
 */
export async function languageOfUser(ctx: CoreContext, user: PlatformUser): Promise<Locale> {
  const account = trustsWorkspace(ctx, user) ? await findLinkedAccount(ctx, { platform: user.platform, workspaceId: user.workspaceId, userId: user.userId }) : undefined;
  return readerLocale({ chosen: account?.person.language, platform: user.locale ?? account?.person.locale, program: ctx.program.locale });
}

type EnrollmentRow = PersonWithEnrollments['enrollments'][number];

/** What findLinkedAccount reads: the account, its person and their enrollments in the program. */
export interface LinkedAccount {
  id: string;
  timeZone: string | null;
  conversationRef: unknown;
  person: PersonWithEnrollments;
}

/**
 * A linked chat account with its person and their enrollments in this program, in ONE statement
 * (Prisma's include would send three): this runs before every command, button and form.
 */
export async function findLinkedAccount(ctx: CoreContext, key: { platform: Platform; workspaceId: string; userId: string }): Promise<LinkedAccount | undefined> {
  const rows = await ctx.db.$queryRaw<
    {
      accountId: string;
      accountTimeZone: string | null;
      conversationRef: unknown;
      id: string;
      name: string;
      email: string | null;
      timeZone: string | null;
      locale: string | null;
      language: string | null;
      createdAt: Date;
      updatedAt: Date;
      enrollments: (Omit<EnrollmentRow, 'startDate' | 'endDate' | 'statusAt' | 'createdAt' | 'updatedAt'> & { startDate: string; endDate: string | null; statusAt: string | null; createdAt: string; updatedAt: string })[];
    }[]
  >`
    SELECT a."id" AS "accountId", a."timeZone" AS "accountTimeZone", a."conversationRef",
      p."id", p."name", p."email", p."timeZone", p."locale", p."language", p."createdAt", p."updatedAt",
      COALESCE((
        SELECT json_agg(json_build_object(
          'id', e."id", 'programId', e."programId", 'personId', e."personId", 'role', e."role", 'pathway', e."pathway",
          'cpdSystem', e."cpdSystem", 'startDate', e."startDate"::text, 'endDate', e."endDate"::text, 'status', e."status",
          'statusAt', e."statusAt", 'createdAt', e."createdAt", 'updatedAt', e."updatedAt") ORDER BY e."createdAt", e."id")
        FROM "Enrollment" e WHERE e."personId" = p."id" AND e."programId" = ${ctx.program.id}
      ), '[]'::json) AS "enrollments"
    FROM "ChatAccount" a JOIN "Person" p ON p."id" = a."personId"
    WHERE a."platform" = ${key.platform}::"Platform" AND a."workspaceId" = ${key.workspaceId} AND a."userId" = ${key.userId}`;
  const row = rows[0];
  if (!row) return undefined;
  // json_build_object writes timestamps without a zone; Prisma's columns hold UTC.
  const utc = (value: string): Date => new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}Z`);
  const enrollments: EnrollmentRow[] = row.enrollments.map((e) => ({
    ...e,
    startDate: toDbDate(e.startDate),
    endDate: e.endDate === null ? null : toDbDate(e.endDate),
    statusAt: e.statusAt === null ? null : utc(e.statusAt),
    createdAt: utc(e.createdAt),
    updatedAt: utc(e.updatedAt),
  }));
  const { accountId, accountTimeZone, conversationRef, enrollments: _raw, ...person } = row;
  void _raw;
  return { id: accountId, timeZone: accountTimeZone, conversationRef, person: { ...person, enrollments } };
}

/** The Actor for a person as stored (active roles only); no check that they may act. */
export function actorFromPerson(ctx: CoreContext, person: PersonWithEnrollments, accountTimeZone: string | null = null, clientLocale?: string): Actor {
  const enrollments: ActorEnrollment[] = person.enrollments.map((e) => ({
    id: e.id,
    role: e.role,
    pathway: e.pathway,
    cpdSystem: e.cpdSystem,
    status: e.status,
    startDate: fromDbDate(e.startDate),
    endDate: fromDbDateOrNull(e.endDate),
  }));
  return {
    personId: person.id,
    name: person.name,
    email: person.email,
    timeZone: personTimeZone(person, [{ timeZone: accountTimeZone }], ctx.program.timeZone),
    locale: readerLocale({ chosen: person.language, platform: clientLocale ?? person.locale, program: ctx.program.locale }),
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
  await linkChatAccount(ctx, found.id, {
    platform: user.platform,
    workspaceId: user.workspaceId,
    userId: user.userId,
    ...(timeZone ? { timeZone } : {}),
    ...(user.conversationRef ? { conversationRef: user.conversationRef as object } : {}),
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
  profile: { name?: string; timeZone?: string; locale?: string },
): Promise<PersonWithEnrollments> {
  const data: { name?: string; timeZone?: string; locale?: string } = {};
  const name = profile.name?.trim();
  if (name && name !== person.name && isPlaceholderName(person.name, person.email)) data.name = name;
  if (!person.timeZone && profile.timeZone && isValidTimeZone(profile.timeZone)) data.timeZone = profile.timeZone;
  const locale = profile.locale?.trim().slice(0, 35);
  if (locale && locale !== person.locale) data.locale = locale;
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
  const program = ctx.program.name;
  return new AppError(
    'NOT_ENROLLED',
    names.length > 0 ? said('access.notEnrolled.named', { program, names: names.join(', ') }) : said('access.notEnrolled.unnamed', { program }),
  );
}
