// Can the bot reach a participant first, and where? A chat account already linked answers; else the
// directories of the platforms that are on are asked by email, and what they find is linked. Delivery
// asks when a message finds no chat account; `npm run cli -- reach` asks for everyone.
import type { CoreContext } from '../context.js';
import { directoryFor } from '../directory.js';
import type { Platform } from '../domain/enums.js';
import { PLATFORM_KEYS } from '../i18n/labels.js';
import { said, type Said } from '../i18n/translate.js';
import { completeFromDirectory } from './person-ref.service.js';
import { linkChatAccount, linkRememberedInstallation } from './chat-account.service.js';
import { trustsWorkspace } from './trust.js';

export type Reach =
  | { kind: 'reachable'; platform: Platform; workspaceId: string; userId: string; linkedNow: boolean }
  /** Nobody to reach on any platform that is on: the reason names what to do about it. */
  | { kind: 'unreachable'; reason: Said }
  /** A directory could not answer now (rate limit, outage, missing permission). */
  | { kind: 'later'; reason: Said; retryAfterMs?: number };

/**
 * The most the reasons may take written as JSON, as delivery keeps them with a held message (its
 * lastError holds 1000 characters, held-messages.ts): directories quote platform answers.
 */
const MAX_REASONS_JSON = 900;

/**
 * Where this person is reached. `platforms`: the platforms that can deliver (default: those with a
 * directory). Asks directories only for someone with no usable chat account; links what it finds.
 */
export async function reachPerson(ctx: CoreContext, personId: string, platforms?: readonly Platform[]): Promise<Reach> {
  const on = platforms ?? (ctx.directories ?? []).map((d) => d.platform);
  const person = await ctx.db.person.findUnique({
    where: { id: personId },
    select: { email: true, chatAccounts: { orderBy: { createdAt: 'asc' } } },
  });
  if (!person) return { kind: 'unreachable', reason: said('reach.notInStore') };
  // An account in a workspace or tenant the program does not trust is never written to (DESIGN.md "Trust").
  const usable = person.chatAccounts.find((a) => !a.unreachableSince && on.includes(a.platform) && trustsWorkspace(ctx, a));
  if (usable) return { kind: 'reachable', platform: usable.platform, workspaceId: usable.workspaceId, userId: usable.userId, linkedNow: false };

  const reasons: Said[] = [];
  for (const a of person.chatAccounts) {
    const account = { platform: said(PLATFORM_KEYS[a.platform]), account: a.userId };
    if (!trustsWorkspace(ctx, a)) reasons.push(said('reach.untrusted', { ...account, kind: a.platform, workspace: a.workspaceId }));
    else reasons.push(said(on.includes(a.platform) ? 'reach.refusedDirect' : 'reach.platformOff', account));
  }
  if (!person.email) {
    reasons.push(said('reach.noEmail'));
    return { kind: 'unreachable', reason: joinReasons(reasons) };
  }

  // They installed the app before they were enrolled: what the installation told us reaches them.
  const installed = await linkRememberedInstallation(ctx, personId, person.email);
  if (installed && on.includes(installed.platform)) {
    ctx.logger.info({ personId, platform: installed.platform, userId: installed.userId }, 'directory: linked the installation made before enrollment');
    return { kind: 'reachable', platform: installed.platform, workspaceId: installed.workspaceId, userId: installed.userId, linkedNow: true };
  }

  let later: { retryAfterMs?: number } | undefined;
  for (const platform of on) {
    const directory = directoryFor(ctx.directories, platform);
    if (!directory) continue;
    const found = await directory.findByEmail(person.email);
    if (found.kind === 'missing') {
      reasons.push(found.reason);
      continue;
    }
    if (found.kind === 'unavailable') {
      reasons.push(found.reason);
      later ??= found.retryAfterMs !== undefined ? { retryAfterMs: found.retryAfterMs } : {};
      continue;
    }
    const opened = await directory.openDirect(found.account);
    if (opened.kind !== 'found') {
      reasons.push(opened.reason);
      if (opened.kind === 'unavailable') later ??= opened.retryAfterMs !== undefined ? { retryAfterMs: opened.retryAfterMs } : {};
      continue;
    }
    const account = opened.account;
    const { linked } = await linkChatAccount(ctx, personId, account);
    // Their own account, once marked unreachable, answered a DM just now: usable again (otherwise the
    // row would be found 'reachable' and rescheduled on every pass without ever being sent).
    if (linked) {
      await ctx.db.chatAccount.updateMany({
        where: { platform: account.platform, workspaceId: account.workspaceId, userId: account.userId, personId, unreachableSince: { not: null } },
        data: { unreachableSince: null },
      });
    }
    if (linked) await completeFromDirectory(ctx, personId, account);
    if (!linked) {
      reasons.push(said('reach.someoneElse', { platform: said(PLATFORM_KEYS[platform]), account: account.userId, email: person.email }));
      continue;
    }
    ctx.logger.info({ personId, platform, workspaceId: account.workspaceId, userId: account.userId }, 'directory: linked a chat account found by email');
    return { kind: 'reachable', platform, workspaceId: account.workspaceId, userId: account.userId, linkedNow: true };
  }
  if (later) return { kind: 'later', reason: joinReasons(reasons), ...(later.retryAfterMs !== undefined ? { retryAfterMs: later.retryAfterMs } : {}) };
  if (on.length === 0) reasons.push(said('reach.noPlatform'));
  else if (reasons.length === 0) reasons.push(said('reach.noDirectory', { email: person.email }));
  return { kind: 'unreachable', reason: joinReasons(reasons) };
}

/**
 * Several reasons as one (never none: every way out above gives one), in the order found; those that
 * would not fit where delivery keeps them are left off.
 */
function joinReasons(reasons: Said[]): Said {
  let joined = reasons[0]!;
  for (const next of reasons.slice(1)) {
    const longer = said('reach.reasons', { first: joined, rest: next });
    if (JSON.stringify(longer).length > MAX_REASONS_JSON) break;
    joined = longer;
  }
  return joined;
}

export interface ParticipantReach {
  personId: string;
  name: string;
  email: string | null;
  roles: string[];
  reach: Reach;
}

/** Every active participant and where they are reached (or why not): the `reach` CLI. */
export async function reachEveryone(ctx: CoreContext, platforms?: readonly Platform[]): Promise<ParticipantReach[]> {
  const people = await ctx.db.person.findMany({
    where: { enrollments: { some: { programId: ctx.program.id, status: 'ACTIVE' } } },
    select: { id: true, name: true, email: true, enrollments: { where: { programId: ctx.program.id, status: 'ACTIVE' }, select: { role: true } } },
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
  });
  const result: ParticipantReach[] = [];
  // One at a time: directories have rate limits, and a roster is a few hundred people at most.
  for (const p of people) {
    result.push({ personId: p.id, name: p.name, email: p.email, roles: p.enrollments.map((e) => e.role), reach: await reachPerson(ctx, p.id, platforms) });
  }
  return result;
}
