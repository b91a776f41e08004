// Who is acting: a chat user is linked to a person once (by email when the platform gives one) and
// found by platform id ever after. This runs on every request, so a linked user costs one query
// (two when the platform hands us a new conversation reference).
import type { Actor, ActorEnrollment, PlatformUser } from '../actor.js';
import type { CoreContext } from '../context.js';
import { AppError } from '../domain/errors.js';
import { said } from '../i18n/translate.js';
import { PLATFORM_LABELS, type Platform } from '../domain/enums.js';
import type { Conversation } from '../actor.js';
import { directoryFor, type DirectoryAccount } from '../directory.js';
import { releaseHeldMessages } from './held-messages.js';
import { describePersonRef, parsePersonRef, type PersonRef } from '../domain/parse/parse-person.js';
import { isValidTimeZone } from '../domain/time.js';
import { personTimeZone } from '../domain/people.js';
import { readerLocale, type Locale } from '../i18n/locale.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { fromDbDate, fromDbDateOrNull, toDbDate } from './db-dates.js';
import { requireTrustedWorkspace, trustsWorkspace } from './trust.js';

type PersonWithEnrollments = Prisma.PersonGetPayload<{ include: { enrollments: true } }>;

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Names we invent before we know better: the email's local part, or "Slack user U123" (program.service). */
function isPlaceholderName(name: string, email: string | null): boolean {
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

/**
 * The one place a platform account becomes a person's chat account: a user writing to the bot for
 * the first time, a mention the directory described, an email the directory found, an installation
 * the bot remembered — only in a workspace or tenant the program trusts (DESIGN.md "Trust").
 * Upsert, so two first requests at once do not fail on the unique key; an account already linked to
 * someone else is left as it is. Messages held back because the person could not be reached go now.
 */
export async function linkChatAccount(
  ctx: CoreContext,
  personId: string,
  account: Pick<DirectoryAccount, 'platform' | 'workspaceId' | 'userId' | 'timeZone' | 'dmChannelId' | 'conversationRef'>,
): Promise<{ linked: boolean }> {
  const key = { platform: account.platform, workspaceId: account.workspaceId, userId: account.userId };
  // A directory or an installation outside the trusted workspaces proves nothing (DESIGN.md "Trust").
  if (!trustsWorkspace(ctx, key)) {
    ctx.logger.warn({ platform: key.platform, workspaceId: key.workspaceId, userId: key.userId }, 'account in an untrusted workspace not linked');
    return { linked: false };
  }
  const timeZone = account.timeZone && isValidTimeZone(account.timeZone) ? account.timeZone : null;
  const row = await ctx.db.chatAccount.upsert({
    where: { platform_workspaceId_userId: key },
    create: { ...key, personId, timeZone, dmChannelId: account.dmChannelId ?? null, conversationRef: account.conversationRef },
    update: {},
  });
  if (row.personId !== personId) return { linked: false };
  await releaseHeldMessages(ctx, [personId]);
  return { linked: true };
}

/**
 * Someone not in the program installed the app (or had it installed for them): keep what the
 * installation told us (their ids, the personal chat's reference, their email from the member lookup)
 * so that enrolling them later reaches them at once (reach.service links it). Nothing is kept without
 * an email to match them by, nor anything from a workspace or tenant the program does not trust.
 */
export async function rememberInstallation(ctx: CoreContext, user: PlatformUser): Promise<boolean> {
  const key = { platform: user.platform, workspaceId: user.workspaceId, userId: user.userId };
  if (!trustsWorkspace(ctx, key)) return false;
  const linked = await ctx.db.chatAccount.findUnique({ where: { platform_workspaceId_userId: key }, select: { id: true } });
  if (linked) return false;
  const profile = await user.lookupProfile();
  const email = profile.email?.trim().toLowerCase().slice(0, 320);
  if (!email) return false;
  const data = { email, name: profile.name?.trim().slice(0, 200) || null, conversationRef: (user.conversationRef ?? undefined) as object | undefined };
  await ctx.db.chatInstallation.upsert({ where: { platform_workspaceId_userId: key }, create: { ...key, ...data }, update: data });
  return true;
}

/**
 * An installation remembered for this email (rememberInstallation), linked to the person and then
 * forgotten. Returns the linked account's platform and ids, or undefined when there is none.
 */
export async function linkRememberedInstallation(ctx: CoreContext, personId: string, email: string): Promise<DirectoryAccount | undefined> {
  const rows = await ctx.db.chatInstallation.findMany({ where: { email: email.toLowerCase() }, orderBy: { updatedAt: 'desc' }, take: 5 });
  for (const row of rows) {
    const account: DirectoryAccount = {
      platform: row.platform,
      workspaceId: row.workspaceId,
      userId: row.userId,
      ...(row.conversationRef && typeof row.conversationRef === 'object' ? { conversationRef: row.conversationRef as object } : {}),
    };
    const { linked } = await linkChatAccount(ctx, personId, account);
    await ctx.db.chatInstallation.delete({ where: { id: row.id } }).catch(() => undefined);
    if (linked) return account;
  }
  return undefined;
}

/** A person described by a directory, as a new person of the store (a mention of someone never seen). */
async function createFromDirectory(ctx: CoreContext, account: DirectoryAccount): Promise<string> {
  const email = account.email?.trim().toLowerCase() || null;
  const name = account.name?.trim() || (email ? email.split('@')[0]! : `${PLATFORM_LABELS[account.platform]} user ${account.userId}`);
  const timeZone = account.timeZone && isValidTimeZone(account.timeZone) ? account.timeZone : null;
  const locale = account.locale?.trim().slice(0, 35) || null;
  const person = email
    ? await ctx.db.person.upsert({ where: { email }, create: { email, name, timeZone, locale }, update: {} })
    : await ctx.db.person.create({ data: { email, name, timeZone, locale } });
  return person.id;
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

const EMAIL_EXAMPLE = 'jane.doe@example.org';

/** Where a person was named: the platform and workspace, and (Teams) the mentions of the request. */
export type PersonRefWhere = Pick<Conversation, 'platform' | 'workspaceId'> & Partial<Conversation>;

/**
 * A person as typed in a command (Slack mention, Teams `<at>Name</at>`, email) → their person id.
 * An email finds anyone in the store; a mention finds the person whose chat account it is, else asks
 * the platform's directory who it is and links them by email.
 */
export async function findPersonByRef(ctx: CoreContext, ref: string | PersonRef, where?: PersonRefWhere): Promise<string> {
  return (await resolvePersonRef(ctx, ref, where, { create: false })).id;
}

/**
 * As findPersonByRef; with `create`, a mention of someone the store has never seen (enrolling them)
 * creates the person from what the directory says (real name, email, time zone, locale) and links them.
 */
export async function resolvePersonRef(
  ctx: CoreContext,
  ref: string | PersonRef,
  where: PersonRefWhere | undefined,
  options: { create: boolean },
): Promise<{ id: string; created: boolean }> {
  const parsed = typeof ref === 'string' ? parsePersonRef(ref) : ref;
  if (!parsed) {
    throw new AppError('BAD_INPUT', said('access.person.notAPerson', { ref: String(ref), example: EMAIL_EXAMPLE }));
  }
  const shown = describePersonRef(parsed);
  const notFound = () => new AppError('NOT_FOUND', said('access.person.notFound', { who: shown, example: EMAIL_EXAMPLE }));
  const existing = (id: string) => ({ id, created: false });

  switch (parsed.kind) {
    case 'email': {
      const person = await ctx.db.person.findUnique({ where: { email: parsed.email }, select: { id: true } });
      if (!person) throw new AppError('NOT_FOUND', said('access.person.emailNotFound', { email: parsed.email }));
      return existing(person.id);
    }
    case 'slack': {
      const workspaceId = parsed.teamId ?? (where?.platform === 'SLACK' ? where.workspaceId : undefined);
      const accounts = await ctx.db.chatAccount.findMany({
        where: { platform: 'SLACK', userId: parsed.userId, ...(workspaceId ? { workspaceId } : {}) },
        select: { personId: true },
        take: 2,
      });
      const ids = [...new Set(accounts.map((a) => a.personId))];
      if (ids.length > 1) throw notFound();
      if (ids.length === 1) return existing(ids[0]!);
      if (!workspaceId || where?.platform !== 'SLACK') throw notFound();
      return fromDirectory(ctx, parsed.userId, where, shown, options);
    }
    case 'teams': {
      // The activity's entities say whose mention this is: the account, when linked, decides.
      const mention = where?.platform === 'TEAMS' ? where.mentions?.find((m) => m.name.toLowerCase() === parsed.name.toLowerCase()) : undefined;
      if (mention) {
        const account = await ctx.db.chatAccount.findUnique({
          where: { platform_workspaceId_userId: { platform: 'TEAMS', workspaceId: where!.workspaceId, userId: mention.userId } },
          select: { personId: true },
        });
        if (account) return existing(account.personId);
      }
      const people = await ctx.db.person.findMany({
        where: { name: { equals: parsed.name, mode: 'insensitive' }, enrollments: { some: { programId: ctx.program.id } } },
        select: { id: true },
        take: 2,
      });
      if (people.length > 1) {
        throw new AppError('BAD_INPUT', said('access.person.ambiguousName', { name: parsed.name, example: EMAIL_EXAMPLE }));
      }
      if (mention && (people.length === 0 || options.create)) return fromDirectory(ctx, mention.userId, where!, shown, options);
      if (people.length === 0) throw notFound();
      return existing(people[0]!.id);
    }
  }
}

/**
 * A mention of an account the store does not know: the directory describes it; the person with that
 * email gets the account linked, or (enrolling) a new person is made from the description.
 */
async function fromDirectory(
  ctx: CoreContext,
  userId: string,
  where: PersonRefWhere,
  shown: string,
  options: { create: boolean },
): Promise<{ id: string; created: boolean }> {
  const directory = directoryFor(ctx.directories, where.platform);
  if (!directory) throw new AppError('NOT_FOUND', said('access.person.notFound', { who: shown, example: EMAIL_EXAMPLE }));
  const answer = await directory.describe(userId, { isDirect: false, ...where });
  if (answer.kind !== 'found') {
    ctx.logger.info({ platform: where.platform, userId, why: answer.reason }, 'directory: mention not resolved');
    const reason = `${answer.reason.charAt(0).toUpperCase()}${answer.reason.slice(1)}`;
    throw new AppError('NOT_FOUND', said('access.person.directoryFailed', { reason, example: EMAIL_EXAMPLE }));
  }
  const account = answer.account;
  const email = account.email?.trim().toLowerCase();
  const person = email ? await ctx.db.person.findUnique({ where: { email }, select: { id: true } }) : null;
  let id = person?.id;
  let created = false;
  if (!id) {
    if (!options.create) {
      const who = account.name ? `${account.name} (${shown})` : shown;
      throw new AppError('NOT_FOUND', said('access.person.notInProgramYet', { who, program: ctx.program.name, ref: email ?? shown }));
    }
    id = await createFromDirectory(ctx, account);
    created = true;
  } else {
    await completeFromDirectory(ctx, id, account);
  }
  await linkChatAccount(ctx, id, account);
  return { id, created };
}

/**
 * What a directory said about someone the store already has: their real name where we only had a
 * placeholder (the email's local part), and a time zone and locale where we had none.
 */
export async function completeFromDirectory(ctx: CoreContext, personId: string, account: DirectoryAccount): Promise<void> {
  const person = await ctx.db.person.findUnique({ where: { id: personId }, select: { name: true, email: true, timeZone: true, locale: true } });
  if (!person) return;
  const data: { name?: string; timeZone?: string; locale?: string } = {};
  const name = account.name?.trim().slice(0, 200);
  if (name && name !== person.name && isPlaceholderName(person.name, person.email)) data.name = name;
  if (!person.timeZone && account.timeZone && isValidTimeZone(account.timeZone)) data.timeZone = account.timeZone;
  const locale = account.locale?.trim().slice(0, 35);
  if (!person.locale && locale) data.locale = locale;
  if (Object.keys(data).length > 0) await ctx.db.person.update({ where: { id: personId }, data });
}
