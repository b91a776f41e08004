// Messages held back because their recipient cannot be reached yet (no chat account the directory
// could find). Delivery holds them (src/scheduler/deliver.ts) with `lastError` starting with
// HELD_PREFIX, checks again once a day, and they go at once when something changes: a chat account
// is linked, a roster import commits, the person writes to the bot.
import type { CoreContext } from '../context.js';
import { LOCALES } from '../i18n/locale.js';
import { CATALOGUES, isSaid, render, said, type Said } from '../i18n/translate.js';

/**
 * `lastError` of a held row: `UNREACHABLE: ` and the reason with its fix, as the JSON of what core said
 * (heldError), so each reader gets it in their own language (heldReason). The digest lists these
 * people once each. Rows held by earlier versions have the reason in English text after the prefix.
 */
export const HELD_PREFIX = 'UNREACHABLE: ';

/** What the outbox's lastError column keeps (deliver.ts cuts every error to this). */
const MAX_LAST_ERROR = 1000;

/** The lastError of a message held for `reason`: one that would not fit is kept as 'unreadable'. */
export function heldError(reason: Said): string {
  const held = `${HELD_PREFIX}${JSON.stringify(reason)}`;
  return held.length <= MAX_LAST_ERROR ? held : `${HELD_PREFIX}${JSON.stringify(said('reach.unreadable'))}`;
}

/**
 * The reason of a held row, to render for a reader: what heldError kept, or an earlier version's English
 * text as it is. What cannot be read back (cut short, or a key or its values since changed) is said
 * to be unreadable rather than failing the digest that shows it.
 */
export function heldReason(lastError: string | null): Said | string {
  const text = (lastError ?? '').slice(HELD_PREFIX.length);
  if (!text.startsWith('{')) return text;
  try {
    const reason: unknown = JSON.parse(text);
    if (isStoredSaid(reason)) {
      for (const locale of LOCALES) render(locale, reason);
      return reason;
    }
  } catch {
    // Cut short or no longer renderable: said below.
  }
  return said('reach.unreadable');
}

/** A Said of the catalogues' keys, its values text, numbers or Said (its depth is bounded by MAX_LAST_ERROR). */
function isStoredSaid(value: unknown): value is Said {
  if (!isSaid(value) || !Object.hasOwn(CATALOGUES.en, value.key)) return false;
  if (value.values === undefined) return true;
  if (typeof value.values !== 'object' || value.values === null) return false;
  return Object.values(value.values).every((v) => typeof v === 'string' || typeof v === 'number' || isStoredSaid(v));
}

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
