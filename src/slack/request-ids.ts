// Request ids core uses for idempotency, taken only from parts of the payload that a redelivery of the
// same request repeats (Slack resends the identical body; only the timestamp and retry headers change).
// Never the X-Slack-Request-Timestamp: it is new on every retry.
import { createHash } from 'node:crypto';

const digest = (...parts: (string | undefined)[]) => createHash('sha256').update(parts.map((p) => p ?? '').join('\u0000')).digest('hex').slice(0, 32);

export interface SlashCommandIds {
  team_id?: string;
  user_id: string;
  channel_id?: string;
  command: string;
  text?: string;
  trigger_id?: string;
  response_url?: string;
}

/** trigger_id is unique per invocation and repeated in a redelivery; response_url likewise as a fallback. */
export function commandRequestId(body: SlashCommandIds): string {
  if (body.trigger_id) return `slack:cmd:${body.trigger_id}`;
  return `slack:cmd:${digest(body.team_id, body.user_id, body.channel_id, body.command, body.text, body.response_url)}`;
}

/** One button press: its action_ts (plus who and which button) identifies it; trigger_id as a fallback. */
export function actionRequestId(p: { teamId?: string; userId: string; actionId: string; actionTs?: string; triggerId?: string }): string {
  if (p.actionTs) return `slack:act:${digest(p.teamId, p.userId, p.actionId, p.actionTs)}`;
  return `slack:act:${p.triggerId ?? digest(p.teamId, p.userId, p.actionId)}`;
}

/** A view submission: the view id and its hash (the hash changes whenever the view is updated). */
export const viewRequestId = (view: { id: string; hash?: string }): string => `slack:view:${view.id}:${view.hash ?? ''}`;

/** Events API: event_id is the same on every retry of one event. */
export const eventRequestId = (eventId: string | undefined, fallback: string): string => `slack:evt:${eventId ?? digest(fallback)}`;
