// The meeting form: opened by /meeting (empty or incomplete) and by the "Log meeting" button,
// submitted here. Values are checked by a zod schema, free text by the identifier check, then saved.
import { describeMeeting } from '../services/meeting.messages.js';
import { isCalendarDate } from '../domain/time.js';
import { z } from 'zod';
import type { Actor } from '../actor.js';
import type { CoreContext } from '../context.js';
import { CANMEDS_ROLE_KEYS, canMedsLabel, type CanMedsRole } from '../domain/canmeds.js';
import { AppError, isAppError } from '../domain/errors.js';
import { MEETING_FORMAT_LABELS, MEETING_FORMATS, type Pathway } from '../domain/enums.js';
import { parseUserDate } from '../domain/parse/parse-date.js';
import { parseDurationMinutes } from '../domain/parse/parse-duration.js';
import type { MeetingArgs } from '../domain/parse/parse-meeting-args.js';
import { today } from '../services/access.js';
import { findPersonByRef } from '../services/identity.service.js';
import {
  loggablePairings,
  logMeeting,
  MEETING_FIELDS as F,
  noPairingError,
  type LoggablePairing,
  type LogMeetingResult,
} from '../services/meeting.service.js';
import type { Field, FormValues, FormView } from '../ui/form.js';
import type { Message } from '../ui/message.js';
import { identifierWarning, listOf, NO_IDENTIFIERS_NOTICE, textOf, withIdentifierWarning } from './identifier-check.js';
import type { FormDefinition } from './types.js';
import { formRequestId, requireOwnRequestId } from '../services/request-ids.js';

const StateSchema = z.object({ requestId: z.string().min(1), pairingId: z.string().optional() });
type MeetingFormState = z.infer<typeof StateSchema>;

export interface MeetingFormOptions {
  /** From a "Log meeting" button: preselects that pair. */
  pairingId?: string;
  /** Where the command was typed, to resolve a bare Slack mention in the prefill. */
  platformHint?: { platform: 'SLACK' | 'TEAMS'; workspaceId: string };
}

/** The CanMEDS labels that fit: the pathway of the mentee in question (FM labels for family practice). */
async function pathwayFor(ctx: CoreContext, actor: Actor, pairings: LoggablePairing[]): Promise<Pathway | undefined> {
  const own = actor.enrollments.find((e) => e.role === 'MENTEE' && e.status === 'ACTIVE')?.pathway;
  if (own) return own;
  const menteeIds = [...new Set(pairings.map((p) => p.menteeId))];
  if (menteeIds.length !== 1) return undefined;
  const row = await ctx.db.enrollment.findFirst({ where: { programId: ctx.program.id, personId: menteeIds[0]!, role: 'MENTEE' }, select: { pathway: true } });
  return row?.pathway ?? undefined;
}

function fieldsFor(ctx: CoreContext, pairings: LoggablePairing[], pathway: Pathway | undefined, values: FormValues): Field[] {
  const text = (id: string) => textOf(values[id]);
  const initial = (id: string, fallback?: string) => {
    const v = text(id) ?? fallback;
    return v === undefined ? {} : { initial: v };
  };
  const fields: Field[] = [];
  if (pairings.length > 1) {
    fields.push({
      id: F.with,
      label: 'Who was the meeting with?',
      kind: 'person',
      required: true,
      options: pairings.map((p) => ({ value: p.otherPersonId, label: `${p.otherName} (your ${p.actorSide === 'MENTOR' ? 'mentee' : 'mentor'})` })),
      ...initial(F.with),
    });
  }
  const rules = ctx.program.rules;
  fields.push(
    { id: F.date, label: 'Date', kind: 'date', required: true, hint: 'The day you met (not in the future).', ...initial(F.date, today(ctx)) },
    {
      id: F.duration,
      label: 'Duration (minutes)',
      kind: 'duration',
      required: true,
      hint: `Between ${rules.minMeetingMinutes} and ${rules.maxMeetingMinutes} minutes, e.g. 45 or 1h30.`,
      placeholder: '45',
      ...initial(F.duration),
    },
    {
      id: F.format,
      label: 'Format',
      kind: 'choice',
      required: true,
      options: MEETING_FORMATS.map((f) => ({ value: f, label: MEETING_FORMAT_LABELS[f] })),
      ...initial(F.format),
    },
    {
      id: F.topics,
      label: 'Topics discussed',
      kind: 'longText',
      required: true,
      placeholder: 'e.g. Billing codes, after-hours coverage',
      maxLength: 3000,
      ...initial(F.topics),
    },
    {
      id: F.roles,
      label: 'CanMEDS roles touched',
      kind: 'multiChoice',
      required: false,
      options: CANMEDS_ROLE_KEYS.map((r) => ({ value: r, label: canMedsLabel(r, pathway) })),
      ...(listOf(values[F.roles]).length ? { initial: listOf(values[F.roles]) } : {}),
    },
    {
      id: F.notes,
      label: 'Private notes',
      kind: 'longText',
      required: false,
      hint: 'Private notes — no patient identifiers. Only your pair and the coordinators see them.',
      maxLength: 3000,
      ...initial(F.notes),
    },
    { id: F.nextSteps, label: 'Agreed next steps', kind: 'longText', required: false, maxLength: 2000, ...initial(F.nextSteps) },
    { id: F.nextMeeting, label: 'Next meeting', kind: 'date', required: false, hint: 'If you agreed one: we remind you both the day before.', ...initial(F.nextMeeting) },
  );
  return fields;
}

async function viewFor(ctx: CoreContext, actor: Actor, values: FormValues, state: MeetingFormState): Promise<FormView> {
  const pairings = await loggablePairings(ctx, actor);
  if (pairings.length === 0) throw noPairingError(ctx);
  const chosen = state.pairingId ? pairings.find((p) => p.id === state.pairingId) : undefined;
  const preset = values[F.with] === undefined && chosen ? { ...values, [F.with]: chosen.otherPersonId } : values;
  const pathway = await pathwayFor(ctx, actor, chosen ? [chosen] : pairings);
  const withName = pairings.length === 1 ? pairings[0]!.otherName : undefined;
  return {
    formId: 'meeting',
    title: 'Log a meeting',
    submitLabel: 'Save',
    notice: withName ? `Meeting with ${withName}. ${NO_IDENTIFIERS_NOTICE}` : NO_IDENTIFIERS_NOTICE,
    fields: fieldsFor(ctx, pairings, pathway, preset),
    state: JSON.stringify(state),
  };
}

/** Opens the form, prefilled with whatever the one-line command already said. */
export async function buildMeetingForm(
  ctx: CoreContext,
  actor: Actor,
  prefill: Partial<MeetingArgs>,
  requestId: string,
  options: MeetingFormOptions = {},
): Promise<FormView> {
  const values: FormValues = {};
  if (prefill.date) values[F.date] = prefill.date;
  if (prefill.durationMinutes !== undefined) values[F.duration] = String(prefill.durationMinutes);
  if (prefill.format) values[F.format] = prefill.format;
  if (prefill.topics) values[F.topics] = prefill.topics;
  const ref = prefill.withPersonRef ?? prefill.withPerson;
  if (ref !== undefined) {
    try {
      values[F.with] = await findPersonByRef(ctx, ref, options.platformHint);
    } catch (error) {
      // The form lets them pick the person instead.
      if (!isAppError(error)) throw error;
    }
  }
  const state: MeetingFormState = { requestId: formRequestId(ctx, 'meeting', actor.personId, requestId), ...(options.pairingId ? { pairingId: options.pairingId } : {}) };
  return viewFor(ctx, actor, values, state);
}

const optionalText = z.string().trim().max(3000, 'Keep this under 3000 characters.').optional();

export const MeetingValuesSchema = z.object({
  [F.with]: z.string().optional(),
  [F.date]: z.string({ required_error: 'The date is missing: give the day you met, e.g. 2026-11-20.' }).refine(isCalendarDate, 'The date must be a day that exists, written like 2026-11-20.'),
  [F.duration]: z.string({ required_error: 'The duration is missing: give it in minutes, e.g. 45 or 1h30.' }),
  [F.format]: z.enum(MEETING_FORMATS, {
    errorMap: () => ({ message: `Pick the format: ${MEETING_FORMATS.map((f) => MEETING_FORMAT_LABELS[f]).join(', ')}.` }),
  }),
  [F.topics]: z
    .string({ required_error: 'Say briefly what you discussed, e.g. "Billing codes and after-hours coverage".' })
    .trim()
    .min(1, 'Say briefly what you discussed, e.g. "Billing codes and after-hours coverage".')
    .max(3000, 'Keep the topics under 3000 characters.'),
  [F.roles]: z.array(z.enum(CANMEDS_ROLE_KEYS as [CanMedsRole, ...CanMedsRole[]], { errorMap: () => ({ message: 'Pick CanMEDS roles from the list.' }) })),
  [F.notes]: optionalText,
  [F.nextSteps]: optionalText,
  [F.nextMeeting]: z.string().refine(isCalendarDate, 'The next meeting date must be a day that exists, written like 2026-12-18.').optional(),
});

/** Submitted values → one string (or list for roles) per field, empty ones dropped; dates typed by hand are read too. */
function normalize(ctx: CoreContext, values: FormValues): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const id of Object.values(F)) {
    if (id === F.roles) continue;
    const v = textOf(values[id])?.trim();
    if (v) out[id] = v;
  }
  out[F.roles] = listOf(values[F.roles]);
  for (const id of [F.date, F.nextMeeting]) {
    const v = out[id];
    if (typeof v === 'string' && !isCalendarDate(v)) {
      try {
        out[id] = parseUserDate(v, { today: today(ctx), field: id === F.date ? 'date' : 'next meeting', prefer: id === F.date ? 'past' : 'future' });
      } catch {
        // Left as typed: the schema names the field and the expected shape.
      }
    }
  }
  return out;
}

export function meetingSavedMessage(result: LogMeetingResult, actor: Actor): Message {
  const m = result.meeting;
  const confirmWho = result.otherName;
  const reflection = m.menteeId === actor.personId ? 'I will send you a few reflection questions about it.' : `${confirmWho} will get a few reflection questions about it.`;
  const text = result.created ? `Meeting saved: ${describeMeeting(m)}.` : `That meeting was already saved: ${describeMeeting(m)}.`;
  return {
    text,
    blocks: [
      { type: 'text', text },
      { type: 'context', text: `${confirmWho} is asked to confirm it. ${reflection}` },
      ...(result.pairingStartMoved
        ? [{ type: 'context' as const, text: `Your pairing was recorded from ${result.pairingStartMoved.from}; it now starts on ${result.pairingStartMoved.to}, the date of this meeting.` }]
        : []),
    ],
  };
}

export const meetingForm: FormDefinition = {
  id: 'meeting',
  async submit({ ctx, actor, values, state }) {
    let parsedState: MeetingFormState;
    try {
      parsedState = StateSchema.parse(JSON.parse(state));
    } catch {
      throw new AppError('BAD_INPUT', 'This form is out of date. Type /meeting to open a fresh one.');
    }
    // The state came back from the client: its request id must be one issued to this actor for this form.
    await requireOwnRequestId(ctx, actor, 'meeting', parsedState.requestId);
    const parsed = MeetingValuesSchema.safeParse(normalize(ctx, values));
    if (!parsed.success) {
      const errors: Record<string, string> = {};
      for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
      return { kind: 'errors', errors };
    }
    const v = parsed.data;
    const minutes = parseDurationMinutes(v[F.duration], {
      field: F.duration,
      minMinutes: ctx.program.rules.minMeetingMinutes,
      maxMinutes: ctx.program.rules.maxMeetingMinutes,
    });

    const view = await viewFor(ctx, actor, values, parsedState);
    const warning = identifierWarning(values, view.fields);
    if (warning) return { kind: 'update', view: withIdentifierWarning(view, warning) };

    const result = await logMeeting(
      ctx,
      actor,
      {
        ...(v[F.with] ? { withPersonId: v[F.with] } : {}),
        ...(parsedState.pairingId && !v[F.with] ? { pairingId: parsedState.pairingId } : {}),
        date: v[F.date],
        minutes,
        format: v[F.format],
        topics: v[F.topics],
        roles: v[F.roles],
        ...(v[F.notes] ? { privateNotes: v[F.notes] } : {}),
        ...(v[F.nextSteps] ? { nextSteps: v[F.nextSteps] } : {}),
        ...(v[F.nextMeeting] ? { nextMeetingDate: v[F.nextMeeting] } : {}),
      },
      parsedState.requestId,
    );
    return { kind: 'done', message: meetingSavedMessage(result, actor) };
  },
};
