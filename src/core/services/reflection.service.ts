// Reflections once opened (reflection-prompts.service.ts opens and cancels them): answered by the
// mentee in a DM form (a draft can be saved), shared with the mentor only by the mentee's choice, and
// viewed by whom DOMAIN.md's privacy rules allow.
import type { Actor } from '../actor.js';
import { isCoordinator } from '../actor.js';
import type { CoreContext } from '../context.js';
import { AppError, type ErrorText } from '../domain/errors.js';
import { notificationKeyPrefixes, notificationKeys } from '../domain/notifications.js';
import { CANMEDS_ROLE_KEYS, type CanMedsRole } from '../domain/canmeds.js';
import { LEARNING_OUTCOMES, type LearningOutcome } from '../domain/enums.js';
import { formatDate } from '../i18n/format.js';
import type { Locale } from '../i18n/locale.js';
import { render, said, type Said } from '../i18n/translate.js';
import { fromDbDate } from './db-dates.js';
import { cancelNotifications } from './outbox.js';
import { assertCanView, canReadReflection, isMentorOf, requireEnrolled } from './access.js';
import { questionSaid, type ReflectionKind, type ReflectionQuestion } from './reflection-prompts.service.js';

export type ReflectionStatus = 'OPEN' | 'DRAFT' | 'ANSWERED' | 'CANCELLED';

export interface PromptSummary {
  id: string;
  kind: ReflectionKind;
  status: ReflectionStatus;
  /** What the reflection is about, e.g. `your mentor meeting on 2026-11-20`, in the reader's language. */
  about: Said;
  dueAt: Date;
}

export interface PromptForAnswer extends PromptSummary {
  menteeId: string;
  questions: ReflectionQuestion[];
  answers: Record<string, string>;
  roles: CanMedsRole[];
  outcome: LearningOutcome | null;
  shared: boolean;
}

export interface ReflectionView extends PromptForAnswer {
  answeredAt: Date | null;
  /** False when the viewer may see that the reflection exists but not its answers. */
  answersVisible: boolean;
}

const promptInclude = {
  meeting: { select: { date: true } },
  cpdActivity: { select: { title: true, date: true } },
} as const;

type PromptRow = Awaited<ReturnType<typeof loadPrompt>>;

async function loadPrompt(ctx: CoreContext, promptId: string) {
  const prompt = await ctx.db.reflectionPrompt.findFirst({ where: { id: promptId, programId: ctx.program.id }, include: promptInclude });
  if (!prompt) throw new AppError('NOT_FOUND', said('reflection.error.promptGone'));
  return prompt;
}

/** What a prompt is about. The date is left as YYYY-MM-DD: `aboutText` writes it for the reader. */
function aboutOf(row: { meeting: { date: Date } | null; cpdActivity: { title: string; date: Date } | null }): Said {
  if (row.meeting) return said('reflection.about.meeting', { date: fromDbDate(row.meeting.date) });
  if (row.cpdActivity) return said('reflection.about.cpd', { title: row.cpdActivity.title, date: fromDbDate(row.cpdActivity.date) });
  return said('reflection.about.activity');
}

/** A prompt's `about` in the reader's language, its date written as they read dates. */
export function aboutText(locale: Locale, about: Said): string {
  const date = about.values?.date;
  return render(locale, typeof date === 'string' ? { ...about, values: { ...about.values, date: formatDate(locale, date) } } : about);
}

function parseQuestions(value: unknown): ReflectionQuestion[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((q: unknown) => {
    if (typeof q !== 'object' || q === null) return [];
    const { id, text, required } = q as Record<string, unknown>;
    return typeof id === 'string' && typeof text === 'string' ? [{ id, text, required: required === true }] : [];
  });
}

function parseAnswers(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

function toPromptForAnswer(row: NonNullable<PromptRow>): PromptForAnswer {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    about: aboutOf(row),
    dueAt: row.dueAt,
    menteeId: row.menteeId,
    questions: parseQuestions(row.questions),
    answers: parseAnswers(row.answers),
    roles: row.roles,
    outcome: row.outcome,
    shared: row.shared,
  };
}

/** The actor's own prompts that are due and not yet answered (open or draft), oldest first. */
export async function listOpenPrompts(ctx: CoreContext, actor: Actor): Promise<PromptSummary[]> {
  const rows = await ctx.db.reflectionPrompt.findMany({
    where: { programId: ctx.program.id, menteeId: actor.personId, status: { in: ['OPEN', 'DRAFT'] }, dueAt: { lte: ctx.clock.now() } },
    include: promptInclude,
    orderBy: [{ dueAt: 'asc' }, { createdAt: 'asc' }],
  });
  return rows.map((r) => ({ id: r.id, kind: r.kind, status: r.status, about: aboutOf(r), dueAt: r.dueAt }));
}

function assertOwnPrompt(ctx: CoreContext, actor: Actor, prompt: { menteeId: string }): void {
  requireEnrolled(ctx, actor);
  if (prompt.menteeId !== actor.personId) {
    throw new AppError('FORBIDDEN', said('reflection.error.notYours'));
  }
}

/** The prompt, with any draft answers, for the mentee to answer (the reflection form). */
export async function getPromptForAnswer(ctx: CoreContext, actor: Actor, promptId: string): Promise<PromptForAnswer> {
  const prompt = await loadPrompt(ctx, promptId);
  assertOwnPrompt(ctx, actor, prompt);
  if (prompt.status === 'CANCELLED') throw new AppError('CONFLICT', said('reflection.error.withdrawn'));
  return toPromptForAnswer(prompt);
}

export interface ReflectionAnswerInput {
  /** Question id → answer; blank answers are dropped. */
  answers: Record<string, string | undefined>;
  roles?: CanMedsRole[];
  outcome?: LearningOutcome | null;
  shared?: boolean;
  /** A draft keeps partial answers; the final answer needs every required question. */
  draft: boolean;
  /**
   * Optimistic check for read-modify-write callers (an answer typed in the prompt's thread): the
   * answers this save was computed from. If the stored answers differ by the time the row is locked,
   * nothing is written and `StaleReflectionError` is thrown, so the caller can read again and retry.
   */
  expectedAnswers?: Record<string, string>;
}

/** The prompt's answers changed between the caller's read and this save (see `expectedAnswers`). */
export class StaleReflectionError extends AppError {
  constructor() {
    super('CONFLICT', said('reflection.error.stale'));
  }
}

const sameAnswers = (a: Record<string, string>, b: Record<string, string>): boolean => {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
};

const MAX_ANSWER_LENGTH = 4000;

/** Saves a draft or the final answer. Only the mentee. Answering cancels the pending reminders. */
export async function saveReflection(ctx: CoreContext, actor: Actor, promptId: string, input: ReflectionAnswerInput): Promise<PromptForAnswer> {
  const prompt = await loadPrompt(ctx, promptId);
  assertOwnPrompt(ctx, actor, prompt);
  if (prompt.status === 'CANCELLED') throw new AppError('CONFLICT', said('reflection.error.withdrawnSave'));
  const questions = parseQuestions(prompt.questions);
  const errors: Record<string, ErrorText> = {};
  const answers: Record<string, string> = {};
  for (const [id, raw] of Object.entries(input.answers)) {
    const question = questions.find((q) => q.id === id);
    const text = raw?.trim() ?? '';
    if (!question || text === '') continue;
    if (text.length > MAX_ANSWER_LENGTH) errors[id] = said('reflection.error.tooLong', { max: MAX_ANSWER_LENGTH, length: text.length });
    answers[id] = text;
  }
  // Once answered, a reflection stays answered: a later save edits it and must stay complete.
  const final = !input.draft || prompt.status === 'ANSWERED';
  if (final) {
    for (const q of questions) {
      if (q.required && !answers[q.id]) errors[q.id] = said('reflection.error.required', { question: questionSaid(q) });
    }
  }
  const roles = input.roles ?? prompt.roles;
  const badRoles = roles.filter((r) => !CANMEDS_ROLE_KEYS.includes(r));
  if (badRoles.length) errors.roles = said('reflection.error.unknownRoles', { roles: badRoles.join(', ') });
  const outcome = input.outcome === undefined ? prompt.outcome : input.outcome;
  if (outcome !== null && !LEARNING_OUTCOMES.includes(outcome)) errors.outcome = said('reflection.error.unknownOutcome', { outcome });
  throwIfErrors(errors);

  const now = ctx.clock.now();
  const updated = await ctx.db.$transaction(async (tx) => {
    if (input.expectedAnswers) {
      // Row lock: two thread replies arriving together must not both fill the same question.
      await tx.$queryRaw`SELECT "id" FROM "ReflectionPrompt" WHERE "id" = ${prompt.id} FOR UPDATE`;
      const current = await tx.reflectionPrompt.findUniqueOrThrow({ where: { id: prompt.id }, select: { answers: true } });
      if (!sameAnswers(parseAnswers(current.answers), input.expectedAnswers)) throw new StaleReflectionError();
    }
    const row = await tx.reflectionPrompt.update({
      where: { id: prompt.id },
      data: {
        answers,
        roles,
        outcome,
        shared: input.shared ?? prompt.shared,
        status: final ? 'ANSWERED' : 'DRAFT',
        answeredAt: final ? (prompt.answeredAt ?? now) : null,
      },
      include: promptInclude,
    });
    if (final) {
      await cancelNotifications(tx, { keyPrefix: notificationKeyPrefixes.reflectionReminders(prompt.id) });
      // The prompt DM itself, if the mentee answered before it went out.
      await cancelNotifications(tx, { keyPrefix: notificationKeys.reflectionPrompt(prompt.id) });
    }
    return row;
  });
  return toPromptForAnswer(updated);
}

/** The mentee shares (or stops sharing) a reflection with their mentor. */
export async function shareReflection(ctx: CoreContext, actor: Actor, promptId: string, shared = true): Promise<PromptForAnswer> {
  const prompt = await loadPrompt(ctx, promptId);
  assertOwnPrompt(ctx, actor, prompt);
  const updated = await ctx.db.reflectionPrompt.update({ where: { id: prompt.id }, data: { shared }, include: promptInclude });
  return toPromptForAnswer(updated);
}

/**
 * Who sees a reflection's answers (DOMAIN.md, Privacy): the mentee; their mentor only when the
 * mentee shared it; coordinators always (they "see everything in their program", via
 * access.ts `canReadReflection`). A mentor is refused an unshared one outright. Views of someone
 * else's reflection are audited as 'reflection.view'.
 */
export async function viewReflection(ctx: CoreContext, actor: Actor, promptId: string): Promise<ReflectionView> {
  requireEnrolled(ctx, actor);
  const prompt = await loadPrompt(ctx, promptId);
  if (prompt.menteeId !== actor.personId && !isCoordinator(actor) && !prompt.shared && (await isMentorOf(ctx, actor.personId, prompt.menteeId))) {
    throw new AppError('FORBIDDEN', said('reflection.error.mentorNotShared'));
  }
  const relation = await assertCanView(ctx, actor, prompt.menteeId, { action: 'reflection.view', detail: { promptId: prompt.id } });
  const answersVisible = canReadReflection(relation, prompt);
  const view = toPromptForAnswer(prompt);
  return { ...view, answers: answersVisible ? view.answers : {}, answeredAt: prompt.answeredAt, answersVisible };
}

/** Throws the fields' problems at once: the message names each, and each field shows its own. */
export function throwIfErrors(errors: Record<string, ErrorText>): void {
  const problems = Object.values(errors);
  if (problems.length === 0) return;
  if (problems.length === 1) throw new AppError('BAD_INPUT', problems[0]!, errors);
  // One sentence per field, in order, as the reader's language writes each.
  const all = problems.slice(1).reduce<Said | string>((first, rest) => said('reflection.error.more', { first, rest }), problems[0]!);
  throw new AppError('BAD_INPUT', said('reflection.error.checkFields', { n: problems.length, problems: all }), errors);
}
