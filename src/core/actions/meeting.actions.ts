// Buttons about meetings: the other member of the pair confirms or disputes, anyone in a pair logs one.
import { formatMinutes } from '../domain/parse/parse-duration.js';
import { buildMeetingForm } from '../forms/meeting.form.js';
import { formatDate } from '../i18n/format.js';
import { t } from '../i18n/translate.js';
import { confirmMeeting, disputeMeeting, meetingStatusMessage } from '../services/meeting-confirm.service.js';
import { message } from '../ui/message.js';
import type { ActionDefinition } from './types.js';

export const meetingActions: ActionDefinition[] = [
  {
    id: 'meeting.confirm',
    async run({ ctx, actor, value }) {
      const { meeting, changed } = await confirmMeeting(ctx, actor, value);
      const what = { date: formatDate(actor.locale, meeting.date), duration: formatMinutes(meeting.minutes) };
      return { kind: 'message', message: message(t(actor.locale, changed ? 'meeting.confirmed' : 'meeting.confirmedAlready', what)) };
    },
  },
  {
    id: 'meeting.dispute',
    async run({ ctx, actor, value }) {
      const { meeting, changed } = await disputeMeeting(ctx, actor, value);
      const date = formatDate(actor.locale, meeting.date);
      return { kind: 'message', message: message(t(actor.locale, changed ? 'meeting.disputeNoted' : 'meeting.disputedAlready', { date })) };
    },
  },
  {
    // The current view of a meeting-to-confirm message (a platform refreshing it asks this).
    id: 'meeting.view',
    async run({ ctx, actor, value }) {
      return { kind: 'message', message: await meetingStatusMessage(ctx, actor, value) };
    },
  },
  {
    id: 'meeting.log',
    async run({ ctx, actor, value, requestId, conversation }) {
      const pairingId = value.trim() || undefined;
      const view = await buildMeetingForm(ctx, actor, {}, requestId, {
        ...(pairingId ? { pairingId } : {}),
        platformHint: { platform: conversation.platform, workspaceId: conversation.workspaceId },
      });
      return { kind: 'form', view };
    },
  },
];
