// "Remind me tomorrow / next week" on a reminder (value: `<notificationId>:<1d|7d>`), for its recipient only.
// A reminder still waiting (PENDING) is moved; one already delivered — the usual case, since the button
// sits on the delivered message — is queued again as a copy, keyed under the original's key so that
// cancelling the original's reminders (e.g. answering the reflection) cancels the copy too.
import { knownKind, notificationKeys } from '../domain/notifications.js';
import { AppError } from '../domain/errors.js';
import { formatDate } from '../i18n/format.js';
import { said, t } from '../i18n/translate.js';
import { addDaysLocal, localDate, localTime, zonedDateTimeToInstant } from '../domain/time.js';
import { queueNotification } from '../services/outbox.js';
import type { Message } from '../ui/message.js';
import { message } from '../ui/message.js';
import { parseSnoozeValue, SNOOZES } from '../ui/snooze.js';
import type { ActionDefinition } from './types.js';

export const reminderActions: ActionDefinition[] = [
  {
    id: 'reminder.snooze',
    async run({ ctx, actor, value }) {
      const parsed = parseSnoozeValue(value);
      if (!parsed) throw new AppError('BAD_INPUT', said('reflection.snooze.outOfDate'));
      const snooze = SNOOZES[parsed.snooze];
      const notification = await ctx.db.notification.findFirst({ where: { id: parsed.notificationId, programId: ctx.program.id } });
      if (!notification || notification.personId !== actor.personId) {
        throw new AppError('NOT_FOUND', said('reflection.snooze.notYours'));
      }
      if (notification.status === 'CANCELLED') return { kind: 'message', message: message(t(actor.locale, 'reflection.snooze.noNeed')) };

      // Same local time as now, `days` later, in the recipient's time zone (DST-safe).
      const tz = actor.timeZone;
      const now = ctx.clock.now();
      const date = addDaysLocal(localDate(now, tz), snooze.days);
      const time = localTime(now, tz);
      const dueAt = zonedDateTimeToInstant(date, time, tz);

      if (notification.status === 'PENDING') {
        await ctx.db.notification.update({ where: { id: notification.id }, data: { dueAt } });
      } else {
        await queueNotification(ctx.db, {
          programId: notification.programId,
          personId: actor.personId,
          // Rows are only ever queued with a known kind (outbox.ts); an unknown one is refused, not re-queued.
          kind: knownKind(notification.kind),
          idempotencyKey: notificationKeys.snoozed(notification.idempotencyKey, date),
          payload: notification.payload as unknown as Message,
          dueAt,
        });
      }
      return { kind: 'message', message: message(t(actor.locale, snooze.done, { date: formatDate(actor.locale, date), time })) };
    },
  },
];
