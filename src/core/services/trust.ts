// Refuses a chat user from a workspace or tenant the program does not trust (domain/trust.ts), before
// anything is looked up or linked: a linked account from such a workspace is not honoured either.
import type { PlatformUser } from '../actor.js';
import type { CoreContext } from '../context.js';
import { AppError } from '../domain/errors.js';
import { said } from '../i18n/translate.js';
import { isTrustedWorkspace } from '../domain/trust.js';
import type { Platform } from '../domain/enums.js';
import { audit } from './audit.js';

/**
 * Whether core may link, serve or write to an account in this workspace or tenant. Without a policy
 * (core tests, the command line) every workspace is taken as it is.
 */
export function trustsWorkspace(ctx: Pick<CoreContext, 'trust'>, account: { platform: Platform; workspaceId: string }): boolean {
  return !ctx.trust || isTrustedWorkspace(ctx.trust, account.platform, account.workspaceId);
}

export async function requireTrustedWorkspace(ctx: CoreContext, user: Pick<PlatformUser, 'platform' | 'workspaceId' | 'userId'>): Promise<void> {
  if (trustsWorkspace(ctx, user)) return;
  ctx.logger.warn({ platform: user.platform, workspaceId: user.workspaceId, userId: user.userId }, 'request from an untrusted workspace refused');
  await audit(ctx.db, {
    programId: ctx.program.id,
    actorId: null,
    action: 'access.untrusted-workspace',
    detail: { platform: user.platform, workspaceId: user.workspaceId, userId: user.userId },
  });
  throw new AppError('FORBIDDEN', said('access.untrusted', { platform: user.platform, program: ctx.program.name, workspace: user.workspaceId }));
}

/** Links made before the rule (or before a workspace stopped being trusted), by workspace: reported at start. */
export async function untrustedLinks(ctx: CoreContext): Promise<{ platform: string; workspaceId: string; accounts: number }[]> {
  const policy = ctx.trust;
  if (!policy) return [];
  const groups = await ctx.db.chatAccount.groupBy({ by: ['platform', 'workspaceId'], _count: { _all: true } });
  return groups
    .filter((g) => !isTrustedWorkspace(policy, g.platform, g.workspaceId))
    .map((g) => ({ platform: g.platform, workspaceId: g.workspaceId, accounts: g._count._all }));
}
