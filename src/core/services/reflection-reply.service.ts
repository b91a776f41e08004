// Answering a reflection by replying in the thread of its DM (the prompt, or one of its reminders),
// instead of pressing "Answer now". The rule a mentee meets, one message at a time:
//
// - Each reply answers the next question that has no answer yet, in the order the prompt asks them
//   (answers already given in the form count). The bot answers in the thread with the next question,
//   so the conversation reads like the form, one question after another.
// - The reflection is kept as a DRAFT until every required question has an answer; the reply that
//   supplies the last required one finishes it (ANSWERED), which cancels its reminders exactly as the
//   form does (both go through saveReflection). Optional questions left after that can still be
//   answered in the thread; when every question has an answer, further replies change nothing and the
//   bot points to "Answer now" to edit one.
// - A reply that looks like it holds a patient identifier is not saved: there is no "confirm" box in a
//   thread, so the mentee is asked to rephrase (or to use the form, where they can confirm).
// - A reply whose text is already the saved answer to one of the questions is taken as a redelivery of
//   the same message (Slack retries an event it thinks was lost) and saves nothing a second time.
//   Together with the optimistic check in saveReflection (`expectedAnswers`), a retry racing the first
//   delivery cannot fill a second question either.
import { notificationKeyPrefixes } from '../domain/notifications.js';
import type { Actor } from '../actor.js';
import type { CoreContext } from '../context.js';
import { AppError } from '../domain/errors.js';
import type { Platform } from '../domain/enums.js';
import { describeFindings, findPatientIdentifiers } from '../domain/identifiers.js';
import type { Locale } from '../i18n/locale.js';
import { said, t } from '../i18n/translate.js';
import type { Block, Message } from '../ui/message.js';
import { getPromptForAnswer, saveReflection, StaleReflectionError, type PromptForAnswer } from './reflection.service.js';
import { questionText, type ReflectionQuestion } from './reflection-prompts.service.js';

/** What the bot says to a free-text DM that it cannot take as an answer. */
export interface ThreadAnswerInput {
  platform: Platform;
  /** The platform id of the message the reply is threaded under (Slack: the thread_ts). */
  threadMessageId: string;
  text: string;
}

export type ThreadAnswerOutcome =
  /** The thread is not under one of our reflection DMs: the caller shows the help. */
  | { kind: 'not-a-prompt' }
  | { kind: 'saved'; prompt: PromptForAnswer; question: ReflectionQuestion; message: Message }
  /** The same text is already saved (a redelivered message): nothing written. */
  | { kind: 'already-saved'; prompt: PromptForAnswer; question: ReflectionQuestion; message: Message }
  | { kind: 'identifier'; prompt: PromptForAnswer; message: Message }
  | { kind: 'complete'; prompt: PromptForAnswer; message: Message }
  | { kind: 'empty'; prompt: PromptForAnswer; message: Message };

const PROMPT_KEY_PREFIX = notificationKeyPrefixes.reflectionPrompts();
const REMINDER_KEY = /^reflection-reminder:([^:]+):\d+$/;

function promptIdOfKey(key: string): string | undefined {
  if (key.startsWith(PROMPT_KEY_PREFIX)) return key.slice(PROMPT_KEY_PREFIX.length) || undefined;
  return REMINDER_KEY.exec(key)?.[1];
}

/**
 * The reflection prompt whose DM (or reminder DM) went out as `threadMessageId`. The actor's own first:
 * a platform message id is only unique within one conversation. A thread under someone else's
 * prompt is refused (it cannot happen in a real DM, so it is either a bug or a forged request).
 */
async function findThreadPrompt(ctx: CoreContext, actor: Actor, input: ThreadAnswerInput): Promise<string | undefined> {
  const rows = await ctx.db.notification.findMany({
    where: {
      programId: ctx.program.id,
      platform: input.platform,
      platformMessageId: input.threadMessageId,
      kind: { in: ['reflection-prompt', 'reflection-reminder'] },
    },
    select: { personId: true, idempotencyKey: true },
  });
  const own = rows.find((r) => r.personId === actor.personId);
  if (own) return promptIdOfKey(own.idempotencyKey);
  if (rows.length > 0) throw new AppError('FORBIDDEN', said('reflection.error.notYoursToAnswer'));
  return undefined;
}

/**
 * The reflection prompt waiting for the actor's answer on a platform without threads in its DMs
 * (Teams' personal chat): the one whose DM (or reminder) reached them there last, while it is still
 * unfinished (OPEN or DRAFT). A finished or cancelled one waits for nothing, so a later message is
 * not taken as an answer to it.
 */
async function findWaitingPrompt(ctx: CoreContext, actor: Actor, platform: Platform): Promise<string | undefined> {
  const sent = await ctx.db.notification.findMany({
    where: { programId: ctx.program.id, personId: actor.personId, platform, status: 'SENT', kind: { in: ['reflection-prompt', 'reflection-reminder'] } },
    orderBy: [{ sentAt: 'desc' }, { id: 'desc' }],
    select: { idempotencyKey: true },
    take: 20,
  });
  const promptIds = [...new Set(sent.map((row) => promptIdOfKey(row.idempotencyKey)).filter((id): id is string => !!id))];
  if (promptIds.length === 0) return undefined;
  const open = await ctx.db.reflectionPrompt.findMany({
    where: { id: { in: promptIds }, programId: ctx.program.id, menteeId: actor.personId, status: { in: ['OPEN', 'DRAFT'] } },
    select: { id: true },
  });
  const openIds = new Set(open.map((p) => p.id));
  return promptIds.find((id) => openIds.has(id));
}

/**
 * Text typed in the personal chat of a platform whose DMs have no threads (Teams), not as a reply to
 * a message: it answers the prompt that is waiting (findWaitingPrompt), by the same rule as a thread
 * reply (answerOnce). A reply that quotes a prompt's message goes through answerPromptInThread.
 */
export async function answerWaitingPrompt(ctx: CoreContext, actor: Actor, input: { platform: Platform; text: string }): Promise<ThreadAnswerOutcome> {
  const promptId = await findWaitingPrompt(ctx, actor, input.platform);
  if (!promptId) return { kind: 'not-a-prompt' };
  return answerWithRetry(ctx, actor, promptId, input.text);
}

const MAX_ATTEMPTS = 3;

/** Saves a reply typed in the thread of a reflection DM as the answer to the next open question. */
export async function answerPromptInThread(ctx: CoreContext, actor: Actor, input: ThreadAnswerInput): Promise<ThreadAnswerOutcome> {
  const promptId = await findThreadPrompt(ctx, actor, input);
  if (!promptId) return { kind: 'not-a-prompt' };
  return answerWithRetry(ctx, actor, promptId, input.text);
}

async function answerWithRetry(ctx: CoreContext, actor: Actor, promptId: string, text: string): Promise<ThreadAnswerOutcome> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await answerOnce(ctx, actor, promptId, text);
    } catch (error) {
      // Another reply was saved between our read and our write: read again and take the next question.
      if (!(error instanceof StaleReflectionError) || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}

async function answerOnce(ctx: CoreContext, actor: Actor, promptId: string, raw: string): Promise<ThreadAnswerOutcome> {
  const prompt = await getPromptForAnswer(ctx, actor, promptId);
  const { locale } = actor;
  const text = raw.trim();
  const { questions } = prompt;
  if (text === '') {
    return { kind: 'empty', prompt, message: threadMessage(locale, prompt, [t(locale, 'reflection.reply.empty')]) };
  }

  const repeated = questions.find((q) => prompt.answers[q.id] === text);
  if (repeated) return { kind: 'already-saved', prompt, question: repeated, message: afterSaveMessage(locale, prompt, repeated) };

  const next = questions.find((q) => !prompt.answers[q.id]);
  if (!next) {
    return {
      kind: 'complete',
      prompt,
      message: threadMessage(locale, prompt, [t(locale, prompt.status === 'ANSWERED' ? 'reflection.reply.allAnswered' : 'reflection.reply.allAnsweredDraft')]),
    };
  }

  const findings = findPatientIdentifiers(text);
  if (findings.length > 0) {
    return {
      kind: 'identifier',
      prompt,
      message: threadMessage(locale, prompt, [
        t(locale, 'reflection.reply.notSaved', { findings: describeFindings(findings, locale) }),
        t(locale, 'reflection.reply.rephrase', { question: questionText(locale, next) }),
        t(locale, 'reflection.reply.useForm'),
      ]),
    };
  }

  const answers = { ...prompt.answers, [next.id]: text };
  const requiredDone = questions.every((q) => !q.required || answers[q.id]);
  const saved = await saveReflection(ctx, actor, promptId, { answers, draft: !requiredDone, expectedAnswers: prompt.answers });
  return { kind: 'saved', prompt: saved, question: next, message: afterSaveMessage(locale, saved, next) };
}

function afterSaveMessage(locale: Locale, prompt: PromptForAnswer, answered: ReflectionQuestion): Message {
  const { questions } = prompt;
  const next = questions.find((q) => !prompt.answers[q.id]);
  const lines = [t(locale, 'reflection.reply.savedAs', { question: questionText(locale, answered) })];
  if (prompt.status === 'ANSWERED') {
    lines.push(t(locale, prompt.shared ? 'reflection.reply.completeShared' : 'reflection.reply.completePrivate'));
    if (next) lines.push(t(locale, 'reflection.reply.oneMore', { question: questionText(locale, next) }));
    lines.push(t(locale, prompt.shared ? 'reflection.reply.toChange' : 'reflection.reply.toShareOrChange'));
    return threadMessage(locale, prompt, lines);
  }
  const missing = questions.filter((q) => q.required && !prompt.answers[q.id]).length;
  if (next) {
    const values = { position: questions.indexOf(next) + 1, total: questions.length, question: questionText(locale, next) };
    lines.push(t(locale, next.required ? 'reflection.reply.next' : 'reflection.reply.nextOptional', values));
  }
  lines.push(t(locale, 'reflection.reply.keptDraft', { missing }));
  return threadMessage(locale, prompt, lines);
}

function threadMessage(locale: Locale, prompt: PromptForAnswer, lines: string[]): Message {
  const blocks: Block[] = lines.map((text) => ({ type: 'text', text }));
  blocks.push({ type: 'actions', buttons: [{ label: t(locale, 'reflection.answerNow'), action: 'reflection.open', value: prompt.id }] });
  return { text: lines.join(' '), blocks };
}
