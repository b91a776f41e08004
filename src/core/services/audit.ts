import type { Db } from '../../store/store.js';

export interface AuditEntry {
  programId: string;
  actorId: string | null;
  subjectId?: string | null;
  /** e.g. 'progress.view', 'export.meetings', 'person.erase'. */
  action: string;
  detail?: Record<string, unknown>;
}

/** Every view of another person's records and every export leaves a trace (DOMAIN.md, Privacy). */
export async function audit(db: Pick<Db, 'auditEvent'>, entry: AuditEntry): Promise<void> {
  await db.auditEvent.create({
    data: { programId: entry.programId, actorId: entry.actorId, subjectId: entry.subjectId ?? null, action: entry.action, detail: (entry.detail ?? {}) as object },
  });
}
