// Request ids core uses for idempotency, taken only from what a redelivery of the same activity repeats:
// the Bot Connector resends an activity with its id (and timestamp) unchanged. Never the time of
// receipt: a retry must find the first delivery's record, not make a second one.
import { createHash } from 'node:crypto';
import type { Activity } from 'botbuilder';

const digest = (...parts: (string | undefined)[]) => createHash('sha256').update(parts.map((p) => p ?? '').join('\u0000')).digest('hex').slice(0, 32);

/** An activity id as the channel sends it is short; anything longer (or odd) is hashed, never stored as given. */
const MAX_ID = 200;
const PLAIN_ID = /^[\w:.@;=|/+-]+$/;

const asText = (value: unknown): string | undefined => {
  if (value === undefined || value === null) return undefined;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString();
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value);
  } catch {
    return undefined;
  }
};

/**
 * The activity's id when it has one; else a digest of what the same activity repeats on every delivery
 * (tenant, conversation, sender, type, name, text, value, timestamp), so a retried activity gets the same id.
 */
export function activityRequestId(activity: Partial<Activity>): string {
  const id = activity.id;
  if (typeof id === 'string' && id !== '') return id.length <= MAX_ID && PLAIN_ID.test(id) ? `teams:${id}` : `teams:h:${digest(id)}`;
  const tenant = activity.conversation?.tenantId ?? (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
  return `teams:h:${digest(
    tenant,
    activity.conversation?.id,
    activity.from?.aadObjectId ?? activity.from?.id,
    activity.type,
    activity.name,
    activity.text,
    asText(activity.value),
    asText(activity.timestamp),
    activity.replyToId,
  )}`;
}
