// Opening and cancelling reflection prompts: after a meeting or a CPD activity (and a follow-up weeks
// later), with the questions each kind asks, the prompt DM and its reminders. Apart from
// reflection.service.ts (answering, sharing, viewing) because the meeting and CPD services call these
// inside their own transactions and never read an answer.
import { notificationKeyPrefixes, notificationKeys } from '../domain/notifications.js';
import { snoozeButtons } from '../ui/snooze.js';
import { randomUUID } from 'node:crypto';
import type { Db } from '../../store/store.js';
import type { CoreContext } from '../context.js';
import { AppError } from '../domain/errors.js';
import type { Message } from '../ui/message.js';
import { formatDate } from '../i18n/format.js';
import { readerLocale, type Locale } from '../i18n/locale.js';
import { render, said, t, type MessageKey, type Said } from '../i18n/translate.js';
import { fromDbDate } from './db-dates.js';
import { cancelNotifications, queueNotifications, type QueuedNotification } from './outbox.js';

export type ReflectionKind = 'AFTER_MEETING' | 'AFTER_CPD' | 'FOLLOW_UP';

export interface ReflectionQuestion {
  /** Stable key of the answer (and of the form field). */
  id: string;
  /** As it was asked: in the mentee's language when the prompt was opened. */
  text: string;
  required: boolean;
}

/** DOMAIN.md "Reflection": 1–5 after a meeting or CPD activity, 6 as the follow-up. */
const QUESTIONS: Readonly<Record<'AFTER' | 'FOLLOW_UP', readonly { id: string; key: MessageKey; required: boolean }[]>> = {
  AFTER: [
    { id: 'situation', key: 'reflection.question.situation', required: false },
    { id: 'learning', key: 'reflection.question.learning', required: true },
    { id: 'went_well', key: 'reflection.question.wentWell', required: false },
    { id: 'practice', key: 'reflection.question.practice', required: false },
    { id: 'next_step', key: 'reflection.question.nextStep', required: true },
  ],
  FOLLOW_UP: [{ id: 'follow_up', key: 'reflection.question.followUp', required: true }],
};
const QUESTION_KEYS: ReadonlyMap<string, MessageKey> = new Map([...QUESTIONS.AFTER, ...QUESTIONS.FOLLOW_UP].map((q) => [q.id, q.key]));

/** The questions of a prompt of this kind, written in `locale`. Copied onto each prompt. */
export const questionsFor = (kind: ReflectionKind, locale: Locale): ReflectionQuestion[] =>
  (kind === 'FOLLOW_UP' ? QUESTIONS.FOLLOW_UP : QUESTIONS.AFTER).map((q) => ({ id: q.id, text: t(locale, q.key), required: q.required }));

/**
 * A question as the reader reads it: one of DOMAIN.md's in the reader's language (the mentee may have
 * changed language since the prompt was opened); any other as it was asked.
 */
export const questionSaid = (q: ReflectionQuestion): Said | string => {
  const key = QUESTION_KEYS.get(q.id);
  return key ? said(key) : q.text;
};
export const questionText = (locale: Locale, q: ReflectionQuestion): string => {
  const s = questionSaid(q);
  return typeof s === 'string' ? s : render(locale, s);
};

/** Works with the client and with a transaction client (the meeting service opens prompts inside its transaction). */
type PromptDb = Pick<Db, 'reflectionPrompt' | 'notification' | 'meeting' | 'cpdActivity' | 'person'>;

export interface OpenPromptInput {
  menteeId: string;
  kind: ReflectionKind;
  meetingId?: string;
  cpdActivityId?: string;
  dueAt: Date;
  /** The meeting's or activity's date (and title), when the caller has the record: no look-up then. */
  subject?: { date: Date; title?: string };
  /** The mentee's language, when the caller knows it (the mentee acting, or their pair's row): no look-up then. */
  menteeLocale?: Locale;
}

const DAY_MS = 86_400_000;

async function menteeLocale(db: PromptDb, ctx: CoreContext, menteeId: string): Promise<Locale> {
  const mentee = await db.person.findUnique({ where: { id: menteeId }, select: { language: true, locale: true } });
  return readerLocale({ chosen: mentee?.language, platform: mentee?.locale, program: ctx.program.locale });
}

/** A prompt about to be opened: its row and the DMs it queues (the prompt DM, then its reminders). */
export interface PlannedPrompt {
  prompt: {
    id: string;
    programId: string;
    menteeId: string;
    kind: ReflectionKind;
    meetingId: string | null;
    cpdActivityId: string | null;
    /** As stored (a JSON column): plain objects. */
    questions: { id: string; text: string; required: boolean }[];
    dueAt: Date;
  };
  notifications: (QueuedNotification & { id: string })[];
}

/** What opening a prompt writes, in the mentee's language, written by nobody yet. */
export function planReflectionPrompt(ctx: CoreContext, input: OpenPromptInput, locale: Locale, subject: Said): PlannedPrompt {
  const questions = questionsFor(input.kind, locale);
  const promptId = randomUUID();
  const about = render(locale, subject);
  const notifications: PlannedPrompt['notifications'] = [
    {
      id: randomUUID(),
      programId: ctx.program.id,
      personId: input.menteeId,
      kind: 'reflection-prompt',
      idempotencyKey: notificationKeys.reflectionPrompt(promptId),
      payload: promptMessage(locale, promptId, input.kind, about, questions.length),
      dueAt: input.dueAt,
    },
  ];
  ctx.program.rules.reflectionReminderDays.forEach((days, i) => {
    // The id is chosen here so the reminder's snooze buttons can name their own notification.
    const id = randomUUID();
    notifications.push({
      id,
      programId: ctx.program.id,
      personId: input.menteeId,
      kind: 'reflection-reminder',
      idempotencyKey: notificationKeys.reflectionReminder(promptId, i + 1),
      payload: reminderMessage(locale, promptId, id, about),
      dueAt: new Date(input.dueAt.getTime() + days * DAY_MS),
    });
  });
  return {
    prompt: {
      id: promptId,
      programId: ctx.program.id,
      menteeId: input.menteeId,
      kind: input.kind,
      meetingId: input.meetingId ?? null,
      cpdActivityId: input.cpdActivityId ?? null,
      questions: questions.map((q) => ({ ...q })),
      dueAt: input.dueAt,
    },
    notifications,
  };
}

/**
 * Opens the prompt once per (kind, meeting) or (kind, CPD activity) and queues its DM and reminders.
 * Idempotent without ever raising a unique violation, so it is safe inside a caller's transaction.
 */
export async function openReflectionPrompt(db: PromptDb, ctx: CoreContext, input: OpenPromptInput): Promise<{ id: string }> {
  if (!input.meetingId === !input.cpdActivityId) {
    throw new AppError('INTERNAL', said('reflection.error.oneSubject'));
  }
  const where = input.meetingId
    ? { kind: input.kind, meetingId: input.meetingId }
    : { kind: input.kind, cpdActivityId: input.cpdActivityId! };
  // The DMs and the questions are written in the mentee's language, as they are queued.
  const locale = input.menteeLocale ?? (await menteeLocale(db, ctx, input.menteeId));
  const planned = planReflectionPrompt(ctx, input, locale, await describeSubject(db, ctx, input, locale));
  // ON CONFLICT DO NOTHING RETURNING: one statement that either creates the prompt (returned) or finds
  // it already there (nothing returned, and nothing else to do) without failing a transaction on
  // PostgreSQL; a retry or a second request for the same meeting or activity changes nothing.
  const [created] = await db.reflectionPrompt.createManyAndReturn({ select: { id: true }, data: [planned.prompt], skipDuplicates: true });
  if (!created) return db.reflectionPrompt.findFirstOrThrow({ where, select: { id: true } });
  await queueNotifications(db, planned.notifications);
  if (input.dueAt.getTime() <= ctx.clock.now().getTime()) ctx.wakeOutbox?.();
  return created;
}

/**
 * planReflectionPrompt for a caller that has the meeting or activity and knows the mentee's language:
 * nothing to look up, so it can write the prompt inside its own one statement (one-statement.ts).
 */
export function planPromptOn(ctx: CoreContext, input: OpenPromptInput & Required<Pick<OpenPromptInput, 'subject' | 'menteeLocale'>>): PlannedPrompt {
  return planReflectionPrompt(ctx, input, input.menteeLocale, subjectSaid(input, input.subject, input.menteeLocale));
}

async function describeSubject(db: PromptDb, ctx: CoreContext, input: OpenPromptInput, locale: Locale): Promise<Said> {
  if (input.meetingId) {
    return subjectSaid(input, input.subject ?? (await db.meeting.findUnique({ where: { id: input.meetingId }, select: { date: true } })), locale);
  }
  const given = input.subject?.title !== undefined ? { title: input.subject.title, date: input.subject.date } : undefined;
  return subjectSaid(input, given ?? (await db.cpdActivity.findUnique({ where: { id: input.cpdActivityId! }, select: { title: true, date: true } })), locale);
}

/** What the prompt is about, from its meeting's date or its activity's title and date (null: gone). */
function subjectSaid(input: OpenPromptInput, subject: { date: Date; title?: string } | null, locale: Locale): Said {
  if (input.meetingId) {
    return subject ? said('reflection.about.meeting', { date: formatDate(locale, fromDbDate(subject.date)) }) : said('reflection.about.meetingUndated');
  }
  if (!subject || subject.title === undefined) return said('reflection.about.cpdUnknown');
  return said('reflection.about.cpd', { title: subject.title, date: formatDate(locale, fromDbDate(subject.date)) });
}

const TITLE_KEYS: Readonly<Record<ReflectionKind, MessageKey>> = {
  AFTER_MEETING: 'reflection.title.after',
  AFTER_CPD: 'reflection.title.after',
  FOLLOW_UP: 'reflection.title.followUp',
};
/** "Reflection" / "Follow-up reflection", as the prompt's header and the form's title. */
export const reflectionTitle = (locale: Locale, kind: ReflectionKind): string => t(locale, TITLE_KEYS[kind]);

function promptMessage(locale: Locale, promptId: string, kind: ReflectionKind, about: string, count: number): Message {
  const text =
    kind === 'FOLLOW_UP' ? t(locale, 'reflection.prompt.followUp', { about }) : t(locale, 'reflection.prompt.after', { about, count });
  return {
    text,
    blocks: [
      { type: 'header', text: reflectionTitle(locale, kind) },
      { type: 'text', text },
      { type: 'context', text: t(locale, 'reflection.prompt.privacy') },
      { type: 'actions', buttons: [{ label: t(locale, 'reflection.answerNow'), action: 'reflection.open', value: promptId, style: 'primary' }] },
    ],
  };
}

function reminderMessage(locale: Locale, promptId: string, notificationId: string, about: string): Message {
  const text = t(locale, 'reflection.prompt.reminder', { about });
  return {
    text,
    blocks: [
      { type: 'text', text },
      {
        type: 'actions',
        buttons: [
          { label: t(locale, 'reflection.answerNow'), action: 'reflection.open', value: promptId, style: 'primary' },
          ...snoozeButtons(notificationId, locale),
        ],
      },
    ],
  };
}

/** Cancels a prompt and its queued DMs (its meeting or CPD activity is about to be deleted). */
export async function cancelPromptsFor(
  db: Pick<Db, 'reflectionPrompt' | 'notification'>,
  where: { meetingId: string } | { cpdActivityId: string },
): Promise<void> {
  const prompts = await db.reflectionPrompt.findMany({ where, select: { id: true } });
  for (const p of prompts) {
    await cancelNotifications(db, { keyPrefix: notificationKeys.reflectionPrompt(p.id) });
    await cancelNotifications(db, { keyPrefix: notificationKeyPrefixes.reflectionReminders(p.id) });
  }
  await db.reflectionPrompt.updateMany({ where: { ...where, status: { in: ['OPEN', 'DRAFT'] } }, data: { status: 'CANCELLED' } });
}
