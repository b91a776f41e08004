// A person as someone typed them in a command (a Slack mention, a Teams mention, an email) → their
// person id, asking the platform's directory about a mention the store has not seen. Apart from
// identity.service.ts because it finds the people a command is about, not the one who is acting.
import type { CoreContext } from '../context.js';
import { AppError } from '../domain/errors.js';
import { render, said } from '../i18n/translate.js';
import { PLATFORM_LABELS } from '../domain/enums.js';
import type { Conversation } from '../actor.js';
import { directoryFor, type DirectoryAccount } from '../directory.js';
import { describePersonRef, parsePersonRef, type PersonRef } from '../domain/parse/parse-person.js';
import { isValidTimeZone } from '../domain/time.js';
import { linkChatAccount } from './chat-account.service.js';
import { isPlaceholderName } from './identity.service.js';

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
    ctx.logger.info({ platform: where.platform, userId, why: render('en', answer.reason) }, 'directory: mention not resolved');
    throw new AppError('NOT_FOUND', said('access.person.directoryFailed', { reason: answer.reason, example: EMAIL_EXAMPLE }));
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
