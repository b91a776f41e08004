// What meeting messages say (meeting.service.ts and meeting-confirm.service.ts decide when they go):
// the meeting to confirm, as each member sees it, and the note to its author when the other says it is
// not right. Each is written in the language of whoever reads it, which for a DM is the recipient's,
// not the sender's.
import { formatMinutes } from '../domain/parse/parse-duration.js';
import { formatDate } from '../i18n/format.js';
import { meetingFormatLabel } from '../i18n/labels.js';
import { t, type Locale } from '../i18n/translate.js';
import type { Message } from '../ui/message.js';
import type { MeetingView } from './meeting.service.js';

/** "2026-11-18, 45 min, video: Billing" / "18 novembre 2026, 45 min, vidéo : Facturation". */
export function describeMeeting(locale: Locale, m: Pick<MeetingView, 'date' | 'minutes' | 'format' | 'topics'>): string {
  return t(locale, 'meeting.describe', {
    date: formatDate(locale, m.date),
    duration: formatMinutes(m.minutes),
    format: meetingFormatLabel(locale, m.format).toLocaleLowerCase(locale),
    topics: m.topics,
  });
}

/** The DM asking the other member of the pair to confirm, in that member's language. */
export function confirmRequestMessage(locale: Locale, m: MeetingView, authorName: string): Message {
  return meetingCard(locale, m, { authorName, canConfirm: true });
}

export function meetingCard(locale: Locale, m: MeetingView, options: { authorName: string; canConfirm: boolean }): Message {
  const date = formatDate(locale, m.date);
  const text = m.confirmation === 'PENDING' && options.canConfirm
    ? t(locale, 'meeting.card.ask', { author: options.authorName, date })
    : t(locale, 'meeting.card.status', { author: options.authorName, date, status: m.confirmation });
  return {
    text,
    live: { action: 'meeting.view', value: m.id },
    blocks: [
      { type: 'text', text },
      {
        type: 'facts',
        facts: [
          { label: t(locale, 'meeting.label.date'), value: date },
          { label: t(locale, 'meeting.label.duration'), value: formatMinutes(m.minutes) },
          { label: t(locale, 'meeting.label.format'), value: meetingFormatLabel(locale, m.format) },
          { label: t(locale, 'meeting.label.topics'), value: m.topics },
          ...(m.nextMeetingDate ? [{ label: t(locale, 'meeting.label.nextMeeting'), value: formatDate(locale, m.nextMeetingDate) }] : []),
        ],
      },
      ...(options.canConfirm
        ? [
            {
              type: 'actions' as const,
              buttons: [
                { label: t(locale, 'meeting.button.correct'), action: 'meeting.confirm' as const, value: m.id, style: 'primary' as const },
                ...(m.confirmation === 'DISPUTED' ? [] : [{ label: t(locale, 'meeting.button.notRight'), action: 'meeting.dispute' as const, value: m.id }]),
              ],
            },
          ]
        : []),
    ],
  };
}

/** The note to the meeting's author, in the author's language. */
export function disputedMessage(locale: Locale, m: MeetingView, byName: string): Message {
  const text = t(locale, 'meeting.disputed.text', { name: byName, date: formatDate(locale, m.date) });
  return {
    text,
    blocks: [
      { type: 'text', text },
      {
        type: 'facts',
        facts: [
          { label: t(locale, 'meeting.disputed.meeting'), value: describeMeeting(locale, m) },
          ...(m.disputeNote ? [{ label: t(locale, 'meeting.disputed.note'), value: m.disputeNote }] : []),
        ],
      },
      { type: 'text', text: t(locale, 'meeting.disputed.next', { name: byName }) },
    ],
  };
}
