// The one way a platform account becomes a person's chat account, and the installations remembered
// until their person is enrolled. Apart from identity.service.ts (who is acting) because enrolling,
// reaching and naming someone link accounts too, not only a user's first message.
import type { PlatformUser } from '../actor.js';
import type { CoreContext } from '../context.js';
import type { DirectoryAccount } from '../directory.js';
import { isValidTimeZone } from '../domain/time.js';
import { releaseHeldMessages } from './held-messages.js';
import { trustsWorkspace } from './trust.js';

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
