// The digest's buttons: nudge an overdue pair, export the program summary. Coordinators only.
import { notificationKeys } from '../domain/notifications.js';
import { requireCoordinator } from '../services/access.js';
import { AppError } from '../domain/errors.js';
import { localDate } from '../domain/time.js';
import { readerLocale, type Locale } from '../i18n/locale.js';
import { said, t } from '../i18n/translate.js';
import { queueNotifications } from '../services/outbox.js';
import { exportReply } from '../services/coordinator-replies.service.js';
import { message, type Message } from '../ui/message.js';
import type { ActionDefinition } from './types.js';

/** The nudge a member of the pair gets, in their own language. */
const nudgeMessage = (locale: Locale, pairingId: string, other: string, coordinator: string): Message => ({
  text: t(locale, 'digest.nudge.text', { coordinator, other }),
  blocks: [
    { type: 'text', text: t(locale, 'digest.nudge.body', { coordinator, other }) },
    { type: 'actions', buttons: [{ label: t(locale, 'digest.nudge.logButton'), action: 'meeting.log', value: pairingId, style: 'primary' }] },
  ],
});

const person = { select: { name: true, language: true, locale: true } } as const;

export const digestActions: ActionDefinition[] = [
  {
    id: 'digest.nudge',
    async run({ ctx, actor, value }) {
      requireCoordinator(actor, 'nudge a pair from the digest');
      const pairing = await ctx.db.pairing.findFirst({
        where: { id: value, programId: ctx.program.id },
        select: { id: true, mentorId: true, menteeId: true, mentor: person, mentee: person },
      });
      if (!pairing) throw new AppError('NOT_FOUND', said('digest.nudge.gone'));
      const now = ctx.clock.now();
      const date = localDate(now, ctx.program.timeZone);
      const localeOf = (p: { language: string | null; locale: string | null }) => readerLocale({ chosen: p.language, platform: p.locale, program: ctx.program.locale });
      // One key per person and day: pressing the button twice the same day nudges once.
      const queued = await queueNotifications(ctx.db, [
        { programId: ctx.program.id, personId: pairing.mentorId, kind: 'nudge', idempotencyKey: notificationKeys.manualNudge(pairing.id, date, 'mentor'), payload: nudgeMessage(localeOf(pairing.mentor), pairing.id, pairing.mentee.name, actor.name), dueAt: now },
        { programId: ctx.program.id, personId: pairing.menteeId, kind: 'nudge', idempotencyKey: notificationKeys.manualNudge(pairing.id, date, 'mentee'), payload: nudgeMessage(localeOf(pairing.mentee), pairing.id, pairing.mentor.name, actor.name), dueAt: now },
      ]);
      if (queued > 0) ctx.wakeOutbox?.();
      const who = { mentor: pairing.mentor.name, mentee: pairing.mentee.name };
      return { kind: 'message', message: message(t(actor.locale, queued > 0 ? 'digest.nudge.done' : 'digest.nudge.already', who)) };
    },
  },
  {
    id: 'digest.export',
    async run({ ctx, actor, value, requestId }) {
      return exportReply(ctx, actor, value || 'summary', requestId);
    },
  },
];
