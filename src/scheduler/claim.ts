// Claiming outbox rows with a lease, so that several replicas on one PostgreSQL never hold the same
// row: `FOR UPDATE SKIP LOCKED` makes a concurrent claimer pass over rows another one is taking,
// and the lease (leaseUntil, leasedBy) lets a row held by a crashed replica come back.
import type { Db } from '../store/store.js';

/** A timestamp(3) literal in UTC, the way Prisma stores DateTime: no session time zone involved. */
export const sqlTimestamp = (at: Date): string => at.toISOString().replace('T', ' ').replace('Z', '');

/**
 * Takes up to `limit` rows that are due (PENDING, dueAt ≤ now) or stuck (SENDING with an expired
 * lease: a replica died mid-delivery), oldest first, and marks them SENDING for `instanceId` until
 * `now + leaseMs`. Returns their ids. One statement: the claim is atomic.
 */
export async function claimDue(
  db: Db,
  options: { programId: string; instanceId: string; now: Date; leaseMs: number; limit: number },
): Promise<string[]> {
  const now = sqlTimestamp(options.now);
  const leaseUntil = sqlTimestamp(new Date(options.now.getTime() + options.leaseMs));
  const rows = await db.$queryRaw<{ id: string }[]>`
    UPDATE "Notification"
       SET "status" = 'SENDING', "leaseUntil" = ${leaseUntil}::timestamp(3), "leasedBy" = ${options.instanceId},
           "updatedAt" = ${now}::timestamp(3)
     WHERE "id" IN (
       SELECT "id" FROM "Notification"
        WHERE "programId" = ${options.programId}
          AND (("status" = 'PENDING' AND "dueAt" <= ${now}::timestamp(3))
            OR ("status" = 'SENDING' AND "leaseUntil" < ${now}::timestamp(3)))
        ORDER BY "dueAt", "id"
        LIMIT ${options.limit}
        FOR UPDATE SKIP LOCKED)
    RETURNING "id"`;
  return rows.map((r) => r.id);
}

/**
 * At start: rows this very instance id left in SENDING belong to a previous life of this process
 * (it crashed or was killed), so they are handed back at once instead of after their lease.
 * Only sound when no two live processes share an instance id.
 */
export async function releaseOwnLeases(db: Db, instanceId: string): Promise<number> {
  const result = await db.notification.updateMany({
    where: { status: 'SENDING', leasedBy: instanceId },
    data: { status: 'PENDING', leaseUntil: null, leasedBy: null },
  });
  return result.count;
}
