// A logged meeting answered by the other member of the pair: confirmed, or disputed with a note to its
// author, and the card showing each member where it stands. Apart from meeting.service.ts (logging,
// editing, deleting) because only the other member may do this, and the author is told.
import { disputedMessage, meetingCard } from './meeting.messages.js';
import { notificationKeys } from '../domain/notifications.js';
import type { Actor } from '../actor.js';
import type { CoreContext } from '../context.js';
import { AppError } from '../domain/errors.js';
import { readerLocale } from '../i18n/locale.js';
import { said, t } from '../i18n/translate.js';
import type { Message } from '../ui/message.js';
import { requireEnrolled } from './access.js';
import { queueNotification } from './outbox.js';
import { clean } from './meeting-validation.js';
import { loadMeeting, toView, type MeetingRow, type MeetingView } from './meeting.service.js';

/**
 * The meeting-to-confirm message as `viewer` sees it now: its status, and the buttons only for the
 * member who may still confirm or dispute it (requireOtherMember decides, as when they press).
 */
export async function meetingStatusMessage(ctx: CoreContext, viewer: Actor, meetingId: string): Promise<Message> {
  const row = await loadMeeting(ctx, meetingId);
  const member = viewer.personId === row.mentorId || viewer.personId === row.menteeId;
  if (!member && !viewer.roles.has('COORDINATOR')) throw new AppError('FORBIDDEN', said('meeting.error.cannotSee'));
  let canConfirm = row.confirmation !== 'CONFIRMED';
  try {
    requireOtherMember(ctx, viewer, row);
  } catch {
    canConfirm = false;
  }
  const author = row.loggedById ? await ctx.db.person.findUnique({ where: { id: row.loggedById }, select: { name: true } }) : null;
  return meetingCard(viewer.locale, toView(row), { authorName: author?.name ?? t(viewer.locale, 'meeting.someone'), canConfirm });
}

export interface ConfirmResult {
  meeting: MeetingView;
  /** False when the meeting already had this answer (a second press of the button). */
  changed: boolean;
}

function requireOtherMember(ctx: CoreContext, actor: Actor, row: MeetingRow): void {
  requireEnrolled(ctx, actor);
  const members = [row.mentorId, row.menteeId];
  if (!members.includes(actor.personId)) {
    throw new AppError('FORBIDDEN', said('meeting.error.notMember'));
  }
  if (row.loggedById === actor.personId) {
    throw new AppError('FORBIDDEN', said('meeting.error.ownMeeting'));
  }
}

export async function confirmMeeting(ctx: CoreContext, actor: Actor, meetingId: string): Promise<ConfirmResult> {
  const row = await loadMeeting(ctx, meetingId);
  requireOtherMember(ctx, actor, row);
  if (row.confirmation === 'CONFIRMED') return { meeting: toView(row), changed: false };
  const updated = await ctx.db.meeting.update({
    where: { id: meetingId },
    data: { confirmation: 'CONFIRMED', confirmedAt: ctx.clock.now(), disputeNote: null },
  });
  return { meeting: toView(updated), changed: true };
}

export async function disputeMeeting(ctx: CoreContext, actor: Actor, meetingId: string, note?: string): Promise<ConfirmResult> {
  const row = await loadMeeting(ctx, meetingId);
  requireOtherMember(ctx, actor, row);
  const disputeNote = clean(note);
  if (row.confirmation === 'DISPUTED' && (disputeNote === null || disputeNote === row.disputeNote)) return { meeting: toView(row), changed: false };
  const updated = await ctx.db.$transaction(async (tx) => {
    const saved = await tx.meeting.update({
      where: { id: meetingId },
      data: { confirmation: 'DISPUTED', confirmedAt: null, disputeNote: disputeNote ?? row.disputeNote },
    });
    if (row.loggedById) {
      // The author reads the note in their own language.
      const author = await tx.person.findUnique({ where: { id: row.loggedById }, select: { language: true, locale: true } });
      const authorLocale = readerLocale({ chosen: author?.language, platform: author?.locale, program: ctx.program.locale });
      await queueNotification(tx, {
        programId: ctx.program.id,
        personId: row.loggedById,
        kind: 'meeting-disputed',
        idempotencyKey: notificationKeys.meetingDisputed(meetingId),
        payload: disputedMessage(authorLocale, toView(saved), actor.name),
        dueAt: ctx.clock.now(),
      });
    }
    return saved;
  });
  ctx.wakeOutbox?.();
  return { meeting: toView(updated), changed: true };
}
