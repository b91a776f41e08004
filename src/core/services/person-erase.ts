// Erasing a person: one transaction, everything about them goes (the schema cascades from Person),
// the audit trail keeps only ids. Used by `/mentorship erase` and by the retention purge.
import type { Actor } from '../actor.js';
import type { CoreContext } from '../context.js';
import type { DbClient } from '../../store/store.js';
import { audit } from './audit.js';

export interface Erasure {
  action: string;
  detail?: Record<string, unknown>;
  /** Checked inside the transaction before anything is deleted: false keeps the person. */
  stillApplies?: (tx: DbClient) => Promise<boolean>;
}

/** Returns false when nothing was erased: the person was already gone, or `stillApplies` said no. */
export async function erasePersonRecords(ctx: CoreContext, actor: Actor, personId: string, erasure: Erasure): Promise<boolean> {
  return ctx.db.$transaction(async (tx) => {
    if (erasure.stillApplies && !(await erasure.stillApplies(tx))) return false;
    const person = await tx.person.findUnique({ where: { id: personId }, select: { email: true } });
    const { count } = await tx.person.deleteMany({ where: { id: personId } });
    if (count === 0) return false;
    // An installation remembered under their email (before they were enrolled) is about them too.
    if (person?.email) await tx.chatInstallation.deleteMany({ where: { email: person.email } });
    // Messages naming them as a further recipient (an introduction) are theirs too; the cascade only covers personId.
    await tx.notification.deleteMany({ where: { programId: ctx.program.id, alsoTo: { has: personId } } });
    await audit(tx, { programId: ctx.program.id, actorId: actor.personId, subjectId: personId, action: erasure.action, ...(erasure.detail ? { detail: erasure.detail } : {}) });
    return true;
  });
}
