// /meeting: no arguments opens the form; a complete line saves at once; anything less opens the form prefilled.
import { findPatientIdentifiers } from '../domain/identifiers.js';
import { isAppError } from '../domain/errors.js';
import { parseMeetingArgs } from '../domain/parse/parse-meeting-args.js';
import { buildMeetingForm, meetingSavedMessage } from '../forms/meeting.form.js';
import { identifierWarning, withIdentifierWarning } from '../forms/identifier-check.js';
import { today } from '../services/access.js';
import { findPersonByRef } from '../services/person-ref.service.js';
import { logMeeting } from '../services/meeting.service.js';
import { MEETING_FIELDS } from '../services/meeting-validation.js';
import type { CommandDefinition } from './types.js';
import { requestIdFor } from '../services/request-ids.js';

export const meetingCommand: CommandDefinition = {
  id: 'meeting',
  slash: '/meeting',
  teams: 'meeting',
  summary: 'help.summary.meeting',
  usage: ['', '[with <person>] [<date>] <duration> [in-person|video|phone|chat] <topics...>'],
  example: 'help.example.meeting',
  async run({ ctx, actor, text, requestId, conversation }) {
    const platformHint = { platform: conversation.platform, workspaceId: conversation.workspaceId };
    if (text.trim() === '') return { kind: 'form', view: await buildMeetingForm(ctx, actor, {}, requestId, { platformHint }) };

    const { rules } = ctx.program;
    const args = parseMeetingArgs(text, { today: today(ctx), minMinutes: rules.minMeetingMinutes, maxMinutes: rules.maxMeetingMinutes });
    const openForm = async () => ({ kind: 'form' as const, view: await buildMeetingForm(ctx, actor, args, requestId, { platformHint }) });
    if (!args.complete || args.durationMinutes === undefined || args.topics === undefined) return openForm();

    // One line of text gets the same identifier check as the form (its fields' labels, in the reader's
    // language): warn in the form, do not save.
    if (findPatientIdentifiers(args.topics).length > 0) {
      const { view } = await openForm();
      const warning = identifierWarning({ [MEETING_FIELDS.topics]: args.topics }, view.fields, actor.locale);
      if (warning) return { kind: 'form', view: withIdentifierWarning(view, warning) };
    }

    const withPersonId = args.withPersonRef ? await findPersonByRef(ctx, args.withPersonRef, platformHint) : undefined;
    try {
      const result = await logMeeting(
        ctx,
        actor,
        {
          ...(withPersonId ? { withPersonId } : {}),
          date: args.date ?? today(ctx),
          minutes: args.durationMinutes,
          // The one-line form may leave the format out; in person is the usual case and the confirmation shows it.
          format: args.format ?? 'IN_PERSON',
          topics: args.topics,
        },
        requestIdFor(ctx, 'meeting', actor.personId, requestId),
      );
      return { kind: 'message', message: meetingSavedMessage(result, actor) };
    } catch (error) {
      // Several pairs and no "with": let them pick in the form rather than retype the line.
      if (isAppError(error) && error.code === 'BAD_INPUT' && MEETING_FIELDS.with in error.fieldErrors && !withPersonId) return openForm();
      throw error;
    }
  },
};
