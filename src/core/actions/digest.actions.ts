// The digest's buttons: nudge an overdue pair, export the program summary. Coordinators only.
import { notificationKeys } from '../domain/notifications.js';
import { requireCoordinator } from '../services/access.js';
import { AppError } from '../domain/errors.js';
import { localDate } from '../domain/time.js';
import { queueNotifications } from '../services/outbox.js';
import { exportReply } from '../services/reports.js';
import { message, type Message } from '../ui/message.js';
import type { ActionDefinition } from './types.js';

const nudgeMessage = (pairingId: string, other: string, coordinator: string): Message => ({
  text: `A reminder from ${coordinator}: time to meet with ${other}`,
  blocks: [
    { type: 'text', text: `${coordinator} (program coordinator) asks you to plan your next mentorship meeting with ${other}: it has been a while since the last one.` },
    { type: 'actions', buttons: [{ label: 'Log a meeting', action: 'meeting.log', value: pairingId, style: 'primary' }] },
  ],
});

export const digestActions: ActionDefinition[] = [
  {
    id: 'digest.nudge',
    async run({ ctx, actor, value }) {
      requireCoordinator(actor, 'nudge a pair from the digest');
      const pairing = await ctx.db.pairing.findFirst({
        where: { id: value, programId: ctx.program.id },
        select: { id: true, mentorId: true, menteeId: true, mentor: { select: { name: true } }, mentee: { select: { name: true } } },
      });
      if (!pairing) throw new AppError('NOT_FOUND', 'That pair no longer exists (it may have been ended). Ask for a fresh digest with /mentorship digest.');
      const now = ctx.clock.now();
      const date = localDate(now, ctx.program.timeZone);
      // One key per person and day: pressing the button twice the same day nudges once.
      const queued = await queueNotifications(ctx.db, [
        { programId: ctx.program.id, personId: pairing.mentorId, kind: 'nudge', idempotencyKey: notificationKeys.manualNudge(pairing.id, date, 'mentor'), payload: nudgeMessage(pairing.id, pairing.mentee.name, actor.name), dueAt: now },
        { programId: ctx.program.id, personId: pairing.menteeId, kind: 'nudge', idempotencyKey: notificationKeys.manualNudge(pairing.id, date, 'mentee'), payload: nudgeMessage(pairing.id, pairing.mentor.name, actor.name), dueAt: now },
      ]);
      if (queued > 0) ctx.wakeOutbox?.();
      const who = `${pairing.mentor.name} and ${pairing.mentee.name}`;
      return { kind: 'message', message: message(queued > 0 ? `Nudged ${who}: both get a message asking them to meet.` : `${who} were already nudged today.`) };
    },
  },
  {
    id: 'digest.export',
    async run({ ctx, actor, value, requestId }) {
      return exportReply(ctx, actor, value || 'summary', requestId);
    },
  },
];
