import { randomUUID } from 'node:crypto';
import type { Db } from '../../store/store.js';
import { systemActorVia } from '../actor.js';

export interface AuditEntry {
  programId: string;
  actorId: string | null;
  subjectId?: string | null;
  /** e.g. 'progress.view', 'export.meetings', 'person.erase'. */
  action: string;
  detail?: Record<string, unknown>;
  /** Set when the same request must not act twice: a second event with it fails on the unique key. */
  requestId?: string;
}

/** The stored fields of an audit event (no id, no time: the store or the caller gives those). */
function auditData(entry: AuditEntry) {
  // A system actor (the command line) is nobody in the roster: no person id, but say how it acted.
  const via = systemActorVia(entry.actorId);
  const detail = via ? { ...entry.detail, via } : (entry.detail ?? {});
  return {
    programId: entry.programId,
    actorId: via ? null : entry.actorId,
    subjectId: entry.subjectId ?? null,
    action: entry.action,
    detail: detail as object,
    ...(entry.requestId ? { requestId: entry.requestId } : {}),
  };
}

/** Every view of another person's records and every export leaves a trace (DOMAIN.md, Privacy). */
export async function audit(db: Pick<Db, 'auditEvent'>, entry: AuditEntry): Promise<void> {
  await db.auditEvent.create({ data: auditData(entry) });
}

/** Several events in one statement (one per mentee whose plan a mentor looked at, say). */
export async function auditMany(db: Pick<Db, 'auditEvent'>, entries: AuditEntry[]): Promise<void> {
  if (entries.length) await db.auditEvent.createMany({ data: entries.map(auditData) });
}

/** The row audit() writes, for a caller that writes it inside its own one statement (one-statement.ts). */
export const auditRow = (entry: AuditEntry, at: Date) => ({ id: randomUUID(), ...auditData(entry), at });
