// The teams-ai routes. Each one turns an activity into one call of core's dispatch and renders what
// comes back; nothing here decides who may do what. Registered once, in this order (first match wins).
import { activityRequestId } from './request-ids.js';
import { ActivityTypes, CardFactory, type Activity, type TaskModuleTaskInfo, type TurnContext } from 'botbuilder';
import type { Application, TeamsAdapter, TurnState } from '@microsoft/teams-ai';
import type { CoreContext, Logger } from '../core/context.js';
import { rememberInstallation } from '../core/services/chat-account.service.js';
import { resolveActor } from '../core/services/identity.service.js';
import { askerLocale, formViewLocale, helpFor, liveView, runAction, runCommand, runTypedText, submitForm, type Request } from '../core/dispatch.js';
import { t, type Locale } from '../core/i18n/translate.js';
import type { FormView } from '../core/ui/form.js';
import type { Reply } from '../core/ui/reply.js';
import { EXECUTE_VERBS, renderFormOpenerCard, renderMessageCard, type AdaptiveCard, type ExecuteData } from './render/card.js';
import { dialogHeight, renderDialogCard, type DialogOptions } from './render/dialog.js';
import { extractFormValues } from './values.js';
import { conversationOf, isPersonal, parseCommandText, platformUserOf, teamsPrivacy } from './request.js';
import { cardActivity, messageActivity, sendPrivately } from './send.js';
import { fileConsentActivity, MAX_INLINE_FILE_BYTES, uploadAcceptedFile } from './files.js';
import { ANSWER_WITHIN_MS, savingText, showLateOutcome } from './late-submission.js';
import { within } from '../core/within.js';
import type { WorkQueue } from '../http/work-queue.js';

export interface RouteDeps {
  ctx: CoreContext;
  logger: Logger;
  adapter: TeamsAdapter;
  appId: string;
  /** Work that outlives its turn (a late form outcome), bounded; a shutdown waits for it. */
  afterAck: WorkQueue;
}

function requestOf(deps: RouteDeps, context: TurnContext): Request {
  const activity = context.activity;
  return {
    ctx: deps.ctx,
    user: platformUserOf(context),
    conversation: { ...conversationOf(activity), privacy: () => teamsPrivacy(context) },
    requestId: activityRequestId(activity),
  };
}

/** A FormView handed back by the client: only its shape is checked, core checks the rest. */
function isFormView(value: unknown): value is FormView {
  const view = value as Partial<FormView> | null;
  return !!view && typeof view.formId === 'string' && typeof view.title === 'string' && typeof view.state === 'string' && Array.isArray(view.fields);
}

export function dialogTask(view: FormView, options?: DialogOptions): TaskModuleTaskInfo {
  return { title: view.title.slice(0, 60), card: CardFactory.adaptiveCard(renderDialogCard(view, options)), height: dialogHeight(view), width: 'medium' };
}

/** A Reply as what to post in the chat (`locale`: the asker's, for what this adapter says itself). */
function replyActivities(reply: Reply, locale: Locale): Partial<Activity>[] {
  switch (reply.kind) {
    case 'message':
      return [messageActivity(reply.message)];
    case 'form':
      return [cardActivity(renderFormOpenerCard(reply.view), reply.view.title)];
    case 'file': {
      // The file rides in the consent card's context; one too large for a card is not offered in chat.
      const fits = Buffer.byteLength(reply.content, 'utf8') <= MAX_INLINE_FILE_BYTES;
      return fits
        ? [messageActivity(reply.message), fileConsentActivity({ filename: reply.filename, mimeType: reply.mimeType, content: reply.content })]
        : [messageActivity(reply.message), messageActivity({ text: t(locale, 'platform.teams.fileTooLargeTitle'), blocks: [{ type: 'text', text: t(locale, 'platform.teams.fileTooLarge', { filename: reply.filename }) }] })];
    }
    case 'none':
      return [];
  }
}

async function answer(deps: RouteDeps, context: TurnContext, reply: Reply): Promise<void> {
  // Only a file too large for chat needs the adapter's own words (and so the asker's language).
  const locale = reply.kind === 'file' ? await askerLocale(requestOf(deps, context)) : 'en';
  // Channel requests are answered in a new personal chat, where file consent works too.
  await sendPrivately(context, deps.adapter, deps.appId, replyActivities(reply, locale));
}

/**
 * The invokes registered below (dialogs, file consent). Teams sends no others to this app's manifest;
 * anything else is not a request this bot can serve, and is refused before it reaches teams-ai
 * (which would answer 501). Keep in step with the registrations in registerRoutes.
 */
export const HANDLED_INVOKES: ReadonlySet<string> = new Set(['task/fetch', 'task/submit', 'fileConsent/invoke', 'adaptiveCard/action']);

function anyDialog(invokeName: 'task/fetch' | 'task/submit') {
  return async (context: TurnContext): Promise<boolean> =>
    context.activity.type === ActivityTypes.Invoke && context.activity.name === invokeName;
}

export function registerRoutes(app: Application<TurnState>, deps: RouteDeps): void {
  const { logger } = deps;

  // Installed in a personal chat or a team, or members added: remember where to write later.
  app.conversationUpdate('membersAdded', async (context) => {
    const added = context.activity.membersAdded ?? [];
    if (!added.some((m) => m.id === context.activity.recipient?.id)) return;
    await onInstalled(deps, context);
  });
  app.activity('installationUpdate', async (context) => {
    const action = (context.activity as Activity & { action?: string }).action ?? '';
    if (action.startsWith('add')) await onInstalled(deps, context);
  });

  // Opening a form's dialog: the view travels in the opener button's data.
  app.taskModules.fetch('form', async (context, _state, data: Record<string, unknown>) => {
    if (!isFormView(data.view)) return outOfDate(deps, context, 'platform.formOutOfDate');
    return dialogTask(data.view);
  });

  app.taskModules.submit('form', async (context, _state, data: Record<string, unknown>) => {
    if (!isFormView(data.view)) return outOfDate(deps, context, 'platform.formOutOfDate');
    const view = data.view;
    const values = extractFormValues(view.fields, data);
    const submission = submitForm(requestOf(deps, context), view.formId, values, view.state);
    const outcome = await within(submission, ANSWER_WITHIN_MS);
    if (!outcome) {
      // The turn ends with this answer; the outcome follows in the personal chat, on its own.
      const asked = { ...context.activity } as Activity;
      // The view says whose language it was opened in; no store read while Teams is waiting.
      const locale = formViewLocale(view, requestOf(deps, context));
      deps.afterAck.push(`late outcome of the ${view.formId} form`, async () => showLateOutcome(deps, asked, { view, values, locale }, await submission));
      return savingText(locale);
    }
    switch (outcome.kind) {
      case 'errors':
        return dialogTask(view, { values, errors: outcome.errors });
      case 'update':
        return dialogTask(outcome.view);
      case 'done':
        // The confirmation card stays in the chat; the dialog closes.
        await sendPrivately(context, deps.adapter, deps.appId, [messageActivity(outcome.message)]);
        return null;
    }
  });

  // Any other dialog (an old card, or a client that is not Teams) gets an answer, not a 501. Registered
  // after 'form' on purpose: teams-ai takes the first route that matches.
  const dialogOutOfDate = async (context: TurnContext) => outOfDate(deps, context, 'platform.dialogOutOfDate');
  // Selected by the invoke's name alone: a RegExp would match only dialogs whose data carries a string
  // verb, and one without (no `value`, or no `data`) would fall through to teams-ai's 501.
  app.taskModules.fetch(anyDialog('task/fetch'), dialogOutOfDate);
  app.taskModules.submit(anyDialog('task/submit'), dialogOutOfDate);

  // Universal Actions on a live card (a meeting to confirm): a press runs the button's action and the
  // card is replaced in the chat by its current view, so nobody presses a stale button; a refresh
  // (the client showing the card) answers the asker's own view. Anything else: "out of date".
  app.adaptiveCards.actionExecute(EXECUTE_VERBS.button, async (context, _state, data) => {
    const pressed = executeDataOf(data);
    if (!pressed) return outOfDate(deps, context, 'platform.cardOutOfDate');
    const req = requestOf(deps, context);
    const reply = await runAction(req, pressed.action, pressed.value);
    const said = reply.kind === 'message' ? reply.message : undefined;
    const view = await liveView(req, pressed.live.action, pressed.live.value);
    if (!view) return said?.text ?? outOfDate(deps, context, 'platform.cardOutOfDate');
    const viewers = [context.activity.from.id];
    const card = renderMessageCard(view, viewers, view.locale);
    const messageId = context.activity.replyToId;
    if (messageId) {
      try {
        await context.updateActivity({ type: 'message', id: messageId, attachments: [CardFactory.adaptiveCard(card)] });
      } catch (error) {
        logger.warn({ err: error, messageId }, 'Teams: could not update the card in the chat');
      }
    }
    // The presser also reads what their press did (or why it did not).
    const forPresser = said ? renderMessageCard({ ...view, blocks: [...said.blocks, { type: 'divider' }, ...view.blocks] }, viewers, view.locale) : card;
    await answerExecute(context, forPresser);
    return '';
  });
  app.adaptiveCards.actionExecute(EXECUTE_VERBS.refresh, async (context, _state, data) => {
    const live = liveOf(data);
    if (!live) return outOfDate(deps, context, 'platform.cardOutOfDate');
    const view = await liveView(requestOf(deps, context), live.action, live.value);
    if (!view) return outOfDate(deps, context, 'platform.cardOutOfDate');
    await answerExecute(context, renderMessageCard(view, [context.activity.from.id], view.locale));
    return '';
  });
  app.adaptiveCards.actionExecute(async (context) => context.activity.type === ActivityTypes.Invoke && context.activity.name === 'adaptiveCard/action', async (context) => outOfDate(deps, context, 'platform.cardOutOfDate'));

  app.fileConsentAccept(async (context, _state, response) => {
    await uploadAcceptedFile(context, response as Parameters<typeof uploadAcceptedFile>[1], () => askerLocale(requestOf(deps, context)));
  });
  app.fileConsentDecline(async () => {});

  app.activity(ActivityTypes.Message, async (context) => {
    const req = requestOf(deps, context);
    const value = context.activity.value as { action?: unknown; value?: unknown } | undefined;
    // An Action.Submit from a card made of neutral Buttons.
    if (value && typeof value.action === 'string') {
      const reply = await runAction(req, value.action, typeof value.value === 'string' ? value.value : '');
      await answer(deps, context, reply);
      return;
    }
    const typed = parseCommandText(context.activity);
    // In the personal chat, text that is not a command can answer a waiting reflection (core decides).
    const replyToMessageId = context.activity.replyToId;
    const reply: Reply = isPersonal(context.activity)
      ? await runTypedText(req, { ...typed, ...(replyToMessageId ? { replyToMessageId } : {}) })
      : typed.word
        ? await runCommand(req, typed.word, typed.text)
        : { kind: 'message', message: await helpFor(req) };
    await answer(deps, context, reply);
  });

  app.error(async (context, error) => {
    logger.error({ err: error, activityType: context.activity?.type, name: context.activity?.name }, 'Teams turn failed');
  });

}

/** "This card (form, dialog) is out of date", in the asker's language. */
async function outOfDate(deps: RouteDeps, context: TurnContext, what: 'platform.cardOutOfDate' | 'platform.formOutOfDate' | 'platform.dialogOutOfDate'): Promise<string> {
  return t(await askerLocale(requestOf(deps, context)), what);
}

function liveOf(data: unknown): ExecuteData['live'] | undefined {
  const d = data as { action?: unknown; value?: unknown } | null;
  return d && typeof d.action === 'string' && typeof d.value === 'string' ? { action: d.action, value: d.value } : undefined;
}

/** The data of a pressed live-card button, shape only: core checks the action, the value and the actor. */
function executeDataOf(data: unknown): ExecuteData | undefined {
  const button = liveOf(data);
  const live = liveOf((data as { live?: unknown } | null)?.live);
  return button && live ? { ...button, live } : undefined;
}

/** The invoke's answer: the card the asker now sees (teams-ai then sends nothing more). */
async function answerExecute(context: TurnContext, card: AdaptiveCard): Promise<void> {
  await context.sendActivity({
    type: 'invokeResponse',
    value: { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card } },
  });
}

async function onInstalled(deps: RouteDeps, context: TurnContext): Promise<void> {
  const activity = context.activity;
  if (!isPersonal(activity)) {
    deps.logger.info({ tenantId: activity.conversation?.tenantId, conversationType: activity.conversation?.conversationType }, 'Teams app added to a team or group chat');
    await context.sendActivity(messageActivity(await helpFor(requestOf(deps, context))));
    return;
  }
  // Core stores the personal chat's reference on the person's chat account (linking by email if it
  // can); a person who is not enrolled yet has no account to store it on.
  const user = platformUserOf(context);
  try {
    await resolveActor(deps.ctx, user);
  } catch (error) {
    deps.logger.info({ err: error instanceof Error ? error.message : String(error) }, 'Teams install by someone not enrolled (yet)');
    // Kept so that enrolling them later reaches them at once, without waiting for them to write.
    await rememberInstallation(deps.ctx, user).catch((failure: unknown) => deps.logger.warn({ err: failure }, 'could not remember the Teams installation'));
  }
  await context.sendActivity(messageActivity(await helpFor(requestOf(deps, context))));
}
