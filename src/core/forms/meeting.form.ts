// The meeting form: opened by /meeting (empty or incomplete) and by the "Log meeting" button,
// submitted here. Values are checked by a zod schema, free text by the identifier check, then saved.
import { describeMeeting } from '../services/meeting.messages.js';
import { isCalendarDate } from '../domain/time.js';
import { z } from 'zod';
import type { Actor } from '../actor.js';
import type { CoreContext } from '../context.js';
import { CANMEDS_ROLE_KEYS, canMedsLabel, type CanMedsRole } from '../domain/canmeds.js';
import { AppError, isAppError } from '../domain/errors.js';
import { MEETING_FORMATS, type Pathway } from '../domain/enums.js';
import { formatDate, formatNumber } from '../i18n/format.js';
import { meetingFormatLabel } from '../i18n/labels.js';
import { said, t, translator, type Locale } from '../i18n/translate.js';
import { parseUserDate } from '../domain/parse/parse-date.js';
import { parseDurationMinutes } from '../domain/parse/parse-duration.js';
import type { MeetingArgs } from '../domain/parse/parse-meeting-args.js';
import { today } from '../services/access.js';
import { findPersonByRef } from '../services/person-ref.service.js';
import {
  loggablePairings,
  logMeeting,
  noPairingError,
  type LoggablePairing,
  type LogMeetingResult,
} from '../services/meeting.service.js';
import { MEETING_FIELDS as F } from '../services/meeting-validation.js';
import type { Field, FormValues, FormView } from '../ui/form.js';
import type { Message } from '../ui/message.js';
import { identifierWarning, listOf, noIdentifiersNotice, textOf, withIdentifierWarning } from './identifier-check.js';
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

function fieldsFor(ctx: CoreContext, locale: Locale, pairings: LoggablePairing[], pathway: Pathway | undefined, values: FormValues): Field[] {
  const tr = translator(locale);
  const text = (id: string) => textOf(values[id]);
  const initial = (id: string, fallback?: string) => {
    const v = text(id) ?? fallback;
    return v === undefined ? {} : { initial: v };
  };
  const fields: Field[] = [];
  if (pairings.length > 1) {
    fields.push({
      id: F.with,
      label: tr('meeting.form.with'),
      kind: 'person',
      required: true,
      options: pairings.map((p) => ({ value: p.otherPersonId, label: tr('meeting.form.withOption', { name: p.otherName, role: p.actorSide === 'MENTOR' ? 'mentee' : 'mentor' }) })),
      ...initial(F.with),
    });
  }
  const rules = ctx.program.rules;
  fields.push(
    { id: F.date, label: tr('meeting.label.date'), kind: 'date', required: true, hint: tr('meeting.form.dateHint'), ...initial(F.date, today(ctx)) },
    {
      id: F.duration,
      label: tr('meeting.form.duration'),
      kind: 'duration',
      required: true,
      hint: tr('meeting.form.durationHint', { min: formatNumber(locale, rules.minMeetingMinutes), max: formatNumber(locale, rules.maxMeetingMinutes) }),
      placeholder: '45',
      ...initial(F.duration),
    },
    {
      id: F.format,
      label: tr('meeting.label.format'),
      kind: 'choice',
      required: true,
      options: MEETING_FORMATS.map((f) => ({ value: f, label: meetingFormatLabel(locale, f) })),
      ...initial(F.format),
    },
    {
      id: F.topics,
      label: tr('meeting.form.topics'),
      kind: 'longText',
      required: true,
      placeholder: tr('meeting.form.topicsPlaceholder'),
      maxLength: 3000,
      ...initial(F.topics),
    },
    {
      id: F.roles,
      label: tr('meeting.form.roles'),
      kind: 'multiChoice',
      required: false,
      options: CANMEDS_ROLE_KEYS.map((r) => ({ value: r, label: canMedsLabel(r, pathway, locale) })),
      ...(listOf(values[F.roles]).length ? { initial: listOf(values[F.roles]) } : {}),
    },
    {
      id: F.notes,
      label: tr('meeting.form.notes'),
      kind: 'longText',
      required: false,
      hint: tr('meeting.form.notesHint'),
      maxLength: 3000,
      ...initial(F.notes),
    },
    { id: F.nextSteps, label: tr('meeting.form.nextSteps'), kind: 'longText', required: false, maxLength: 2000, ...initial(F.nextSteps) },
    { id: F.nextMeeting, label: tr('meeting.label.nextMeeting'), kind: 'date', required: false, hint: tr('meeting.form.nextMeetingHint'), ...initial(F.nextMeeting) },
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
  const locale = actor.locale;
  return {
    formId: 'meeting',
    title: t(locale, 'meeting.form.title'),
    submitLabel: t(locale, 'meeting.form.submit'),
    notice: withName ? t(locale, 'meeting.form.noticeWith', { name: withName, privacy: noIdentifiersNotice(locale) }) : noIdentifiersNotice(locale),
    fields: fieldsFor(ctx, locale, pairings, pathway, preset),
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

/** The form's values as the schema checks them, each problem written for the reader. */
function valuesSchema(locale: Locale) {
  const tr = translator(locale);
  const max = (n: number) => formatNumber(locale, n);
  const optionalText = z.string().trim().max(3000, tr('meeting.error.textTooLong', { max: max(3000) })).optional();
  return z.object({
    [F.with]: z.string().optional(),
    [F.date]: z.string({ required_error: tr('meeting.error.dateMissing') }).refine(isCalendarDate, tr('meeting.error.dateNotADay')),
    [F.duration]: z.string({ required_error: tr('meeting.error.durationMissing') }),
    [F.format]: z.enum(MEETING_FORMATS, {
      errorMap: () => ({ message: tr('meeting.error.formatPick', { formats: MEETING_FORMATS.map((f) => meetingFormatLabel(locale, f)).join(', ') }) }),
    }),
    [F.topics]: z
      .string({ required_error: tr('meeting.error.topicsMissing') })
      .trim()
      .min(1, tr('meeting.error.topicsMissing'))
      .max(3000, tr('meeting.error.topicsTooLong', { max: max(3000) })),
    [F.roles]: z.array(z.enum(CANMEDS_ROLE_KEYS as [CanMedsRole, ...CanMedsRole[]], { errorMap: () => ({ message: tr('meeting.error.rolesPick') }) })),
    [F.notes]: optionalText,
    [F.nextSteps]: optionalText,
    [F.nextMeeting]: z.string().refine(isCalendarDate, tr('meeting.error.nextMeetingNotADay')).optional(),
  });
}

/** The schema of the form's values, with English problems (the form itself checks in the reader's language). */
export const MeetingValuesSchema = valuesSchema('en');
const VALUES_SCHEMAS: Record<Locale, typeof MeetingValuesSchema> = { en: MeetingValuesSchema, fr: valuesSchema('fr') };

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

/** What the author is told once the meeting is saved, in their language. */
export function meetingSavedMessage(result: LogMeetingResult, actor: Actor): Message {
  const locale = actor.locale;
  const m = result.meeting;
  const meeting = describeMeeting(locale, m);
  const text = t(locale, result.created ? 'meeting.saved' : 'meeting.savedAlready', { meeting });
  const moved = result.pairingStartMoved;
  return {
    text,
    blocks: [
      { type: 'text', text },
      { type: 'context', text: t(locale, m.menteeId === actor.personId ? 'meeting.saved.nextForMentee' : 'meeting.saved.nextForMentor', { name: result.otherName }) },
      ...(moved
        ? [{ type: 'context' as const, text: t(locale, 'meeting.saved.pairingMoved', { from: formatDate(locale, moved.from), to: formatDate(locale, moved.to) }) }]
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
      throw new AppError('BAD_INPUT', said('meeting.form.outOfDate'));
    }
    // The state came back from the client: its request id must be one issued to this actor for this form.
    await requireOwnRequestId(ctx, actor, 'meeting', parsedState.requestId);
    const parsed = VALUES_SCHEMAS[actor.locale].safeParse(normalize(ctx, values));
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
    const warning = identifierWarning(values, view.fields, actor.locale);
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
