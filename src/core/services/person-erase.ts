// Erasing a person: one transaction, everything about them goes (the schema cascades from Person),
// the audit trail keeps only ids. Used by `/mentorship erase` and by the retention purge.
import type { Actor } from '../actor.js';
import type { CoreContext } from '../context.js';
import { audit } from './audit.js';

/** Returns false when the person was already gone (another replica, or a second run, erased them). */
export async function erasePersonRecords(ctx: CoreContext, actor: Actor, personId: string, entry: { action: string; detail?: Record<string, unknown> }): Promise<boolean> {
  return ctx.db.$transaction(async (tx) => {
    const { count } = await tx.person.deleteMany({ where: { id: personId } });
    if (count === 0) return false;
    // Messages naming them as a further recipient (an introduction) are theirs too; the cascade only covers personId.
    await tx.notification.deleteMany({ where: { programId: ctx.program.id, alsoTo: { has: personId } } });
    await audit(tx, { programId: ctx.program.id, actorId: actor.personId, subjectId: personId, action: entry.action, ...(entry.detail ? { detail: entry.detail } : {}) });
    return true;
  });
}
