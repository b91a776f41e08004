// The snooze buttons on reminders: how their value is written here and read back by the
// `reminder.snooze` action, in one place.
import type { Locale } from '../i18n/locale.js';
import { t, type MessageKey } from '../i18n/translate.js';
import type { Button } from './message.js';

/** Each snooze: how many days, its button, and what the bot says once it is done. */
export const SNOOZES: Readonly<Record<'1d' | '7d', { days: number; button: MessageKey; done: MessageKey }>> = {
  '1d': { days: 1, button: 'reflection.snooze.tomorrow', done: 'reflection.snooze.doneTomorrow' },
  '7d': { days: 7, button: 'reflection.snooze.nextWeek', done: 'reflection.snooze.doneNextWeek' },
};
export type Snooze = keyof typeof SNOOZES;

/** The buttons in the reminder's recipient's language (written when the reminder is queued). */
export function snoozeButtons(notificationId: string, locale: Locale): Button[] {
  return (Object.keys(SNOOZES) as Snooze[]).map((key) => ({
    label: t(locale, SNOOZES[key].button),
    action: 'reminder.snooze',
    value: `${notificationId}:${key}`,
  }));
}

/** `<notificationId>:<1d|7d>` → its parts, or undefined for a value this version did not write. */
export function parseSnoozeValue(value: string): { notificationId: string; snooze: Snooze } | undefined {
  const m = /^([^:]+):(1d|7d)$/.exec(value.trim());
  return m ? { notificationId: m[1]!, snooze: m[2] as Snooze } : undefined;
}
