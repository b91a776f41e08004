// Messages held back because their recipient cannot be reached yet (no chat account the directory
// could find). Delivery holds them (src/scheduler/deliver.ts) with `lastError` starting with
// HELD_PREFIX, checks again once a day, and they go at once when something changes: a chat account
// is linked, a roster import commits, the person writes to the bot.
import type { CoreContext } from '../context.js';

/** `lastError` of a held row: `UNREACHABLE: <reason and fix>`. The digest lists these people once each. */
export const HELD_PREFIX = 'UNREACHABLE: ';

/** How long a held message waits before the directory is asked again, when nothing changed meanwhile. */
export const HELD_RECHECK_MS = 24 * 3_600_000;

/** Held messages of these people (all of the program's when omitted) are due now; returns how many. */
export async function releaseHeldMessages(ctx: CoreContext, personIds?: string[]): Promise<number> {
  if (personIds && personIds.length === 0) return 0;
  const released = await ctx.db.notification.updateMany({
    where: {
      programId: ctx.program.id,
      status: 'PENDING',
      lastError: { startsWith: HELD_PREFIX },
      ...(personIds ? { personId: { in: personIds } } : {}),
    },
    data: { dueAt: ctx.clock.now() },
  });
  if (released.count > 0) ctx.wakeOutbox?.();
  return released.count;
}
