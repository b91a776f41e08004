// Core's side of the outbox: queue and cancel. Delivery is the scheduler's job (src/scheduler).
import { randomUUID } from 'node:crypto';
import { Prisma } from '../../generated/prisma/client.js';
import type { Db } from '../../store/store.js';
import type { NotificationKind } from '../domain/notifications.js';
import type { Message } from '../ui/message.js';

export interface QueuedNotification {
  programId: string;
  /** A DM to this person, on whichever platform their chat account is on. */
  personId?: string;
  /** Or a post to this ProgramChannel (its row id). */
  channelId?: string;
  /**
   * With personId: other people this one message is for. The scheduler sends one group DM when a
   * platform can (everyone on one Slack workspace), else a DM to each, keyed `<idempotencyKey>:<personId>`.
   * Quiet hours and away periods of personId (the main recipient) decide when a group DM goes.
   */
  alsoTo?: string[];
  kind: NotificationKind;
  /** Unique per intended message: queuing it again is a no-op. */
  idempotencyKey: string;
  payload: Message;
  dueAt: Date;
}

type OutboxDb = Pick<Db, 'notification'>;

/** Returns how many rows were new (0 when every key was already queued). */
export async function queueNotifications(db: OutboxDb, rows: QueuedNotification[]): Promise<number> {
  if (rows.length === 0) return 0;
  const result = await db.notification.createMany({
    data: rows.map((r) => ({ ...r, payload: r.payload as object })),
    skipDuplicates: true,
  });
  return result.count;
}

export const queueNotification = (db: OutboxDb, row: QueuedNotification): Promise<number> => queueNotifications(db, [row]);

/**
 * The Notification rows queueNotifications writes, for a caller that writes them inside its own one
 * statement (one-statement.ts): every column Prisma's createMany would fill, timestamps from `now`.
 */
export function notificationRows(rows: readonly (QueuedNotification & { id?: string })[], now: Date) {
  return rows.map((r) => ({
    id: r.id ?? randomUUID(),
    programId: r.programId,
    personId: r.personId ?? null,
    channelId: r.channelId ?? null,
    alsoTo: r.alsoTo ?? [],
    kind: r.kind,
    idempotencyKey: r.idempotencyKey,
    payload: r.payload,
    dueAt: r.dueAt,
    status: 'PENDING' as const,
    attempts: 0,
    createdAt: now,
    updatedAt: now,
  }));
}

/** Cancels reminders made pointless (an answered prompt, a logged meeting). Sent ones stay as they are. */
export async function cancelNotifications(db: OutboxDb, where: { keyPrefix: string }): Promise<number> {
  const result = await db.notification.updateMany({
    where: { idempotencyKey: { startsWith: where.keyPrefix }, status: 'PENDING' },
    data: { status: 'CANCELLED' },
  });
  return result.count;
}

/** cancelNotifications as a statement (or a step of one, run only `when` holds): same rows, same change. */
export function cancelNotificationsSql(where: { keyPrefix: string }, now: Date, when: Prisma.Sql = Prisma.sql`true`): Prisma.Sql {
  return Prisma.sql`UPDATE "Notification" SET "status" = 'CANCELLED', "updatedAt" = ${now.toISOString()}::timestamp
    WHERE starts_with("idempotencyKey", ${where.keyPrefix}) AND "status" = 'PENDING' AND ${when}`;
}
