// The outbox's kinds of message and the idempotency keys each is queued under, in one place: the
// planner and the services build keys here, cancellation matches their prefixes here, and the check
// just before sending (services/still-wanted.ts) reads them back here.

/** Every kind of message the outbox carries: a closed list, so a kind nobody sends cannot be queued. */
export const NOTIFICATION_KINDS = [
  'welcome',
  'introduction',
  'meeting-confirm',
  'meeting-disputed',
  'reflection-prompt',
  'reflection-reminder',
  'cadence-nudge',
  'escalation',
  'next-meeting',
  'cpd-checkin',
  'ending',
  'nudge',
  'digest',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
export const isNotificationKind = (text: string): text is NotificationKind => (NOTIFICATION_KINDS as readonly string[]).includes(text);

/** A kind read back from the store (a text column): one of ours, or an error naming it. */
export function knownKind(text: string): NotificationKind {
  if (isNotificationKind(text)) return text;
  throw new Error(`unknown notification kind "${text.slice(0, 40)}": expected one of ${NOTIFICATION_KINDS.join(', ')}`);
}

/** Keys unique per intended message; queuing one again is a no-op (outbox.ts). Ids are the rows' own. */
export const notificationKeys = {
  welcome: (enrollmentId: string) => `welcome:${enrollmentId}`,
  introduction: (pairingId: string) => `intro:${pairingId}`,
  meetingConfirm: (meetingId: string) => `meeting-confirm:${meetingId}`,
  meetingDisputed: (meetingId: string) => `meeting-disputed:${meetingId}`,
  reflectionPrompt: (promptId: string) => `reflection-prompt:${promptId}`,
  reflectionReminder: (promptId: string, n: number) => `reflection-reminder:${promptId}:${n}`,
  cadenceNudge: (pairingId: string, since: string, n: number, personId: string) => `cadence:${pairingId}:${since}:${n}:${personId}`,
  escalation: (pairingId: string, since: string, n: number, coordinatorId: string) => `escalation:${pairingId}:${since}:${n}:${coordinatorId}`,
  nextMeeting: (meetingId: string, meetOn: string, personId: string) => `next-meeting:${meetingId}:${meetOn}:${personId}`,
  cpdCheckIn: (enrollmentId: string, month: string) => `cpd-checkin:${enrollmentId}:${month}`,
  ending: (enrollmentId: string) => `ending:${enrollmentId}`,
  weeklyDigest: (date: string, channelId: string) => `digest:${date}:${channelId}`,
  digestNow: (requestId: string, channelId: string) => `digest:now:${requestId}:${channelId}`,
  manualNudge: (pairingId: string, date: string, member: 'mentor' | 'mentee') => `nudge:manual:${pairingId}:${date}:${member}`,
  snoozed: (key: string, date: string) => `${key}:snooze:${date}`,
  /** One recipient's own copy of a group message the platform could not send as one. */
  eachRecipient: (key: string, personId: string) => `${key}:${personId}`,
} as const;

/** Prefixes that cancel every pending message of one thing (cancelNotifications). */
export const notificationKeyPrefixes = {
  cadenceNudges: (pairingId: string) => `cadence:${pairingId}:`,
  reflectionPrompts: (promptId = '') => `reflection-prompt:${promptId}`,
  reflectionReminders: (promptId: string) => `reflection-reminder:${promptId}:`,
} as const;

/** What a derived reminder's key says about the state it was planned from, for the check before sending. */
export type KeyFacts = { pairingId: string; since: string } | { meetingId: string; meetOn: string } | null;

export function keyFacts(kind: string, key: string): KeyFacts {
  const [, a, b] = key.split(':');
  if (!a || !b) return null;
  if (kind === 'cadence-nudge' || kind === 'escalation') return { pairingId: a, since: b };
  if (kind === 'next-meeting') return { meetingId: a, meetOn: b };
  return null;
}
