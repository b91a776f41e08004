// The one door from the adapters into core: resolve who is acting, run the command, form or button,
// and turn every failure into something the person can act on. Adapters call only these.
import type { Conversation, PlatformUser, Actor } from './actor.js';
import type { CoreContext } from './context.js';
import { ACTIONS } from './actions/index.js';
import { findCommand } from './commands/index.js';
import { helpMessage } from './commands/help.js';
import { FORMS } from './forms/index.js';
import { isAppError } from './domain/errors.js';
import { MAX_BUTTON_VALUE_LENGTH, MAX_CHOICES, MAX_COMMAND_LENGTH, MAX_FORM_FIELDS, MAX_TEXT_LENGTH, withoutControls } from './domain/limits.js';
import { languageOf, readerLocale, type Locale } from './i18n/locale.js';
import { t } from './i18n/translate.js';
import { languageOfUser, resolveActor } from './services/identity.service.js';
import { answerPromptInThread, answerWaitingPrompt } from './services/reflection-reply.service.js';
import type { FormId, FormOutcome, FormValues, FormView } from './ui/form.js';
import { LIVE_VIEWS, message, type ActionId, type Message } from './ui/message.js';
import type { Reply } from './ui/reply.js';

export interface Request {
  ctx: CoreContext;
  user: PlatformUser;
  conversation: Conversation;
  requestId: string;
}

export async function runCommand(req: Request, word: string, rawText: string): Promise<Reply> {
  const length = word.length + rawText.length;
  if (length > MAX_COMMAND_LENGTH) {
    const typed = req.conversation.platform === 'SLACK' ? `/${word.replace(/^\//, '')}` : word;
    const locale = visitorLocale(req);
    const shown = typed.length > 30 ? t(locale, 'dispatch.theCommand') : typed;
    req.ctx.logger.info({ length, limit: MAX_COMMAND_LENGTH }, 'command refused: too long');
    return { kind: 'message', message: message(t(locale, 'dispatch.commandTooLong', { length, limit: MAX_COMMAND_LENGTH, shown })) };
  }
  const text = withoutControls(rawText);
  const command = findCommand(word);
  if (!command) {
    const locale = await askerLocale(req);
    return { kind: 'message', message: helpMessage(req.conversation.platform, locale, t(locale, 'dispatch.unknownCommand', { word })) };
  }
  return guarded(req, `command ${command.id}`, async (actor) =>
    command.run({ ctx: req.ctx, actor, text, requestId: req.requestId, conversation: req.conversation }),
  );
}

export async function runAction(req: Request, action: string, value: string): Promise<Reply> {
  const definition = ACTIONS.get(action as ActionId);
  // A button's value comes back from the client: anything longer than an id is not one of ours.
  if (!definition || value.length > MAX_BUTTON_VALUE_LENGTH) return { kind: 'message', message: message(t(visitorLocale(req), 'dispatch.buttonGone')) };
  return guarded(req, `action ${action}`, async (actor) =>
    definition.run({ ctx: req.ctx, actor, value, requestId: req.requestId, conversation: req.conversation }),
  );
}

/**
 * The current view of a live message (Message.live) for the asker, or undefined when they may not see
 * it or it is gone: then nothing is shown in its place (an error must not replace a card in a chat).
 */
export async function liveView(req: Request, action: string, value: string): Promise<Message | undefined> {
  const definition = ACTIONS.get(action as ActionId);
  if (!definition || !LIVE_VIEWS.has(action) || value.length > MAX_BUTTON_VALUE_LENGTH) return undefined;
  try {
    const reply = await definition.run({ ctx: req.ctx, actor: await resolveActor(req.ctx, req.user), value, requestId: req.requestId, conversation: req.conversation });
    return reply.kind === 'message' ? reply.message : undefined;
  } catch (error) {
    failureMessage(req, `view ${action}`, error);
    return undefined;
  }
}

export async function submitForm(req: Request, formId: string, rawValues: FormValues, state: string): Promise<FormOutcome> {
  const form = Object.hasOwn(FORMS, formId) ? FORMS[formId as FormId] : undefined;
  if (!form) return { kind: 'done', message: message(t(visitorLocale(req), 'dispatch.formGone')) };
  const bounded = boundedValues(rawValues, visitorLocale(req));
  if (bounded.kind !== 'ok') return bounded.outcome;
  const values = bounded.values;
  let actor: Actor | undefined;
  try {
    actor = await resolveActor(req.ctx, req.user);
    const outcome = await form.submit({ ctx: req.ctx, actor, values, state, conversation: req.conversation });
    return outcome.kind === 'update' ? { kind: 'update', view: inLocale(outcome.view, actor.locale) } : outcome;
  } catch (error) {
    if (isAppError(error) && Object.keys(error.fieldErrors).length > 0) return { kind: 'errors', errors: error.fieldErrorsIn(actor?.locale ?? visitorLocale(req)) };
    return { kind: 'done', message: failureMessage(req, `form ${formId}`, error, actor) };
  }
}

/**
 * Text typed as a reply in a thread of the bot's DM. Under a reflection prompt (or its reminder) it is
 * an answer to the next open question (reflection-reply.service.ts); anywhere else it gets the help.
 * `threadMessageId` is the platform id of the thread's first message (Slack: thread_ts).
 */
export async function answerInThread(req: Request, raw: { threadMessageId: string; text: string }): Promise<Reply> {
  if (raw.text.length > MAX_TEXT_LENGTH || raw.threadMessageId.length > MAX_BUTTON_VALUE_LENGTH) {
    return {
      kind: 'message',
      message: message(t(visitorLocale(req), 'dispatch.replyTooLong', { length: raw.text.length, limit: MAX_TEXT_LENGTH })),
    };
  }
  const input = { threadMessageId: raw.threadMessageId, text: withoutControls(raw.text) };
  return guarded(req, 'thread answer', async (actor) => {
    const outcome = await answerPromptInThread(req.ctx, actor, { platform: req.conversation.platform, ...input });
    if (outcome.kind === 'not-a-prompt') return { kind: 'message', message: freeTextHelp(req.conversation.platform, actor.locale) };
    return { kind: 'message', message: outcome.message };
  });
}

/**
 * Text typed in a personal chat without threads (Teams). In this order: a reply quoting a reflection
 * DM answers that prompt (as a Slack thread reply does); a command runs as a command; other text
 * answers the reflection prompt that is waiting for the person (reflection-reply.service.ts); with
 * none waiting, the unknown word gets the help.
 */
export async function runTypedText(req: Request, typed: { word: string; text: string; whole: string; replyToMessageId?: string }): Promise<Reply> {
  // Bounded before any answer is looked for, as a thread reply is (a command has its own limit).
  if (!findCommand(typed.word) && (typed.whole.length > MAX_TEXT_LENGTH || (typed.replyToMessageId?.length ?? 0) > MAX_BUTTON_VALUE_LENGTH)) {
    return {
      kind: 'message',
      message: message(t(visitorLocale(req), 'dispatch.messageTooLong', { length: typed.whole.length, limit: MAX_TEXT_LENGTH })),
    };
  }
  const replyTo = typed.replyToMessageId;
  if (replyTo) {
    const quoted = await answerTyped(req, (actor) => answerPromptInThread(req.ctx, actor, { platform: req.conversation.platform, threadMessageId: replyTo, text: typed.whole }));
    if (quoted.kind !== 'none') return quoted;
  }
  if (typed.word === '') return { kind: 'message', message: helpMessage(req.conversation.platform, visitorLocale(req)) };
  if (findCommand(typed.word)) return runCommand(req, typed.word, typed.text);
  const waiting = await answerTyped(req, (actor) => answerWaitingPrompt(req.ctx, actor, { platform: req.conversation.platform, text: typed.whole }));
  return waiting.kind !== 'none' ? waiting : runCommand(req, typed.word, typed.text);
}

/** An answer typed to a reflection, or `none` when it is not one (the caller goes on). */
function answerTyped(req: Request, answer: (actor: Actor) => ReturnType<typeof answerWaitingPrompt>): Promise<Reply> {
  return guarded(req, 'typed answer', async (actor) => {
    const outcome = await answer(actor);
    return outcome.kind === 'not-a-prompt' ? { kind: 'none' } : { kind: 'message', message: outcome.message };
  });
}

/** What a message typed to the bot outside a thread gets: the help, saying how to answer a reflection. */
export const freeTextHelp = (platform: Request['conversation']['platform'], locale: Locale): Message => helpMessage(platform, locale, t(locale, 'help.freeText'));

/** The help (or, with `freeText`, the help for text typed outside a thread) in the asker's language. */
export async function helpFor(req: Pick<Request, 'ctx' | 'user' | 'conversation'>, intro?: 'freeText'): Promise<Message> {
  const locale = await askerLocale(req);
  return intro ? freeTextHelp(req.conversation.platform, locale) : helpMessage(req.conversation.platform, locale);
}

/**
 * The language of what an adapter says itself (an out-of-date card, a file that is gone): the asker's own
 * choice when their account is linked, else what the client says, else the program's.
 */
export const askerLocale = (req: Pick<Request, 'ctx' | 'user'>): Promise<Locale> => languageOfUser(req.ctx, req.user).catch(() => visitorLocale(req));

/** A form view marked with its reader's language, for the words the adapters add around it. */
const inLocale = (view: FormView, locale: Locale): FormView => (view.locale ? view : { ...view, locale });

/** The language of a form view handed back by a client (untrusted: only 'en' or 'fr' is taken). */
export const formViewLocale = (view: { locale?: unknown }, req: Pick<Request, 'ctx' | 'user'>): Locale =>
  (typeof view.locale === 'string' ? languageOf(view.locale) : undefined) ?? visitorLocale(req);

/**
 * The language of an answer given before (or without) knowing who is asking: what the client says, else
 * the program's. Once the actor is known, their own language (Actor.locale) is used instead.
 */
export const visitorLocale = (req: Pick<Request, 'ctx' | 'user'>): Locale => readerLocale({ platform: req.user.locale, program: req.ctx.program.locale });

async function guarded(req: Request, what: string, run: (actor: Actor) => Promise<Reply>): Promise<Reply> {
  let actor: Actor | undefined;
  try {
    actor = await resolveActor(req.ctx, req.user);
    const reply = await run(actor);
    if (reply.kind === 'form') return { ...reply, view: inLocale(reply.view, actor.locale) };
    if (reply.kind === 'message' && !reply.message.locale) return { ...reply, message: { ...reply.message, locale: actor.locale } };
    return reply;
  } catch (error) {
    return { kind: 'message', message: { ...failureMessage(req, what, error, actor), locale: actor?.locale ?? visitorLocale(req) } };
  }
}

/**
 * Who tried, for the log: the person's id once known, else the chat account's platform id (never a
 * name or an email address).
 */
const whoTried = (req: Request, actor: Actor | undefined) =>
  actor ? { actorId: actor.personId } : { platform: req.user.platform, workspaceId: req.user.workspaceId, platformUserId: req.user.userId };

function failureMessage(req: Request, what: string, error: unknown, actor?: Actor) {
  const locale = actor?.locale ?? visitorLocale(req);
  if (isAppError(error)) {
    req.ctx.logger.info({ code: error.code, what, ...whoTried(req, actor) }, 'request refused');
    return message(error.textIn(locale));
  }
  req.ctx.logger.error({ err: error, what, requestId: req.requestId, ...whoTried(req, actor) }, 'request failed');
  return message(t(locale, 'dispatch.internal'));
}

/**
 * A form's values as core takes them: control characters removed, and every text within
 * MAX_TEXT_LENGTH (a longer one is named on its field, with the limit). The field-specific limits are
 * the forms' own.
 */
function boundedValues(values: FormValues, locale: Locale): { kind: 'ok'; values: FormValues } | { kind: 'refused'; outcome: FormOutcome } {
  const entries = Object.entries(values);
  if (entries.length > MAX_FORM_FIELDS) {
    return { kind: 'refused', outcome: { kind: 'done', message: message(t(locale, 'dispatch.tooManyFields')) } };
  }
  const out: FormValues = {};
  const errors: Record<string, string> = {};
  const tooLong = (n: number) => t(locale, 'dispatch.fieldTooLong', { limit: MAX_TEXT_LENGTH, length: n });
  for (const [field, value] of entries) {
    if (value === undefined) continue;
    if (Array.isArray(value)) {
      if (value.length > MAX_CHOICES) errors[field] = t(locale, 'dispatch.tooManyChoices', { max: MAX_CHOICES });
      const long = value.find((v) => v.length > MAX_TEXT_LENGTH);
      if (long !== undefined) errors[field] = tooLong(long.length);
      out[field] = value.slice(0, MAX_CHOICES).map(withoutControls);
    } else {
      if (value.length > MAX_TEXT_LENGTH) errors[field] = tooLong(value.length);
      out[field] = withoutControls(value);
    }
  }
  if (Object.keys(errors).length > 0) return { kind: 'refused', outcome: { kind: 'errors', errors } };
  return { kind: 'ok', values: out };
}
