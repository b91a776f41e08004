// Who acts when an admin runs the command line: "the program office", with coordinator rights in
// the program. It is nobody in the roster, so the audit trail records it as actorId null with
// detail.via = 'cli' — the trace says the export or report was made from the command line, by
// whoever had access to the server and its store.
import type { Actor } from '../core/actor.js';
import type { CoreContext } from '../core/context.js';

/** Stands in for the operator while core runs; never stored as such (see settleOperatorAudit). */
export const OPERATOR_ID = 'cli:program-office';

export function programOffice(ctx: CoreContext): Actor {
  return {
    personId: OPERATOR_ID,
    name: 'Program office (command line)',
    email: null,
    timeZone: ctx.program.timeZone,
    enrollments: [],
    roles: new Set(['COORDINATOR']),
  };
}

/**
 * Core audits with the actor's person id; the operator is no person, so the events it caused are
 * rewritten to actorId null and marked via 'cli'. Runs after every command that may audit.
 */
export async function settleOperatorAudit(ctx: CoreContext): Promise<number> {
  const events = await ctx.db.auditEvent.findMany({ where: { actorId: OPERATOR_ID }, select: { id: true, detail: true } });
  for (const e of events) {
    const detail = e.detail && typeof e.detail === 'object' && !Array.isArray(e.detail) ? (e.detail as Record<string, unknown>) : {};
    await ctx.db.auditEvent.update({ where: { id: e.id }, data: { actorId: null, detail: { ...detail, via: 'cli' } as object } });
  }
  return events.length;
}
