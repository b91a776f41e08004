// What meeting messages say (meeting.service.ts decides when they go): the meeting to confirm, as each
// member sees it, and the note to its author when the other says it is not right.
import { MEETING_FORMAT_LABELS } from '../domain/enums.js';
import { formatMinutes } from '../domain/parse/parse-duration.js';
import type { Message } from '../ui/message.js';
import type { MeetingView } from './meeting.service.js';

export function describeMeeting(m: Pick<MeetingView, 'date' | 'minutes' | 'format' | 'topics'>): string {
  return `${m.date}, ${formatMinutes(m.minutes)}, ${MEETING_FORMAT_LABELS[m.format].toLowerCase()}: ${m.topics}`;
}

export function confirmRequestMessage(m: MeetingView, authorName: string): Message {
  return meetingCard(m, { authorName, canConfirm: true });
}

const CONFIRMATION_TEXT: Record<MeetingView['confirmation'], string> = {
  PENDING: 'Waiting for the other member of the pair to confirm it.',
  CONFIRMED: 'Confirmed.',
  DISPUTED: 'Marked as not right: the person who logged it has been told.',
};

export function meetingCard(m: MeetingView, options: { authorName: string; canConfirm: boolean }): Message {
  const text = m.confirmation === 'PENDING' && options.canConfirm
    ? `${options.authorName} logged a meeting with you on ${m.date}. Is it right?`
    : `${options.authorName} logged a meeting on ${m.date}. ${CONFIRMATION_TEXT[m.confirmation]}`;
  return {
    text,
    live: { action: 'meeting.view', value: m.id },
    blocks: [
      { type: 'text', text },
      {
        type: 'facts',
        facts: [
          { label: 'Date', value: m.date },
          { label: 'Duration', value: formatMinutes(m.minutes) },
          { label: 'Format', value: MEETING_FORMAT_LABELS[m.format] },
          { label: 'Topics', value: m.topics },
          ...(m.nextMeetingDate ? [{ label: 'Next meeting', value: m.nextMeetingDate }] : []),
        ],
      },
      ...(options.canConfirm
        ? [
            {
              type: 'actions' as const,
              buttons: [
                { label: 'Correct', action: 'meeting.confirm' as const, value: m.id, style: 'primary' as const },
                ...(m.confirmation === 'DISPUTED' ? [] : [{ label: 'Not right', action: 'meeting.dispute' as const, value: m.id }]),
              ],
            },
          ]
        : []),
    ],
  };
}

export function disputedMessage(m: MeetingView, byName: string): Message {
  const text = `${byName} says the meeting you logged for ${m.date} is not right.`;
  return {
    text,
    blocks: [
      { type: 'text', text },
      { type: 'facts', facts: [{ label: 'Meeting', value: describeMeeting(m) }, ...(m.disputeNote ? [{ label: 'Their note', value: m.disputeNote }] : [])] },
      { type: 'text', text: `Talk it through with ${byName}, then correct the meeting, or ask a coordinator to.` },
    ],
  };
}
