// The snooze buttons on reminders: how their value is written here and read back by the
// `reminder.snooze` action, in one place.
import type { Button } from './message.js';

export const SNOOZES = { '1d': { days: 1, label: 'tomorrow' }, '7d': { days: 7, label: 'next week' } } as const;
export type Snooze = keyof typeof SNOOZES;

export function snoozeButtons(notificationId: string): Button[] {
  return (Object.keys(SNOOZES) as Snooze[]).map((key) => ({
    label: `Remind me ${SNOOZES[key].label}`,
    action: 'reminder.snooze',
    value: `${notificationId}:${key}`,
  }));
}

/** `<notificationId>:<1d|7d>` → its parts, or undefined for a value this version did not write. */
export function parseSnoozeValue(value: string): { notificationId: string; snooze: Snooze } | undefined {
  const m = /^([^:]+):(1d|7d)$/.exec(value.trim());
  return m ? { notificationId: m[1]!, snooze: m[2] as Snooze } : undefined;
}
