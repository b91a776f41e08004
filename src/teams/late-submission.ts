// A dialog submission whose outcome takes longer than Teams waits for an invoke: the dialog is answered
// in time with "saving", and the outcome comes as a message in the person's personal chat with the
// bot — the confirmation, or a card that reopens the form with what they typed and what to fix. A
// retried invoke is safe: the form's request id is in its state.
import type { Activity } from 'botbuilder';
import type { TeamsAdapter } from '@microsoft/teams-ai';
import { notSavedText, type FormOutcome, type FormValues, type FormView } from '../core/ui/form.js';
import { t, type Locale } from '../core/i18n/translate.js';
import { renderFormOpenerCard } from './render/card.js';
import { isPersonal, referenceOf, tenantOf } from './request.js';
import { cardActivity, messageActivity, sendInNewPersonalChat, sendProactive } from './send.js';

/** How long Teams waits for the answer to a dialog's invoke before it retries and says the app cannot be reached. */
const TEAMS_WAITS_MS = 5_000;

/** Leaves some of Teams' wait for the network both ways. */
export const ANSWER_WITHIN_MS = TEAMS_WAITS_MS - 1_500;

/** What the dialog answers when the outcome will come later, in the asker's language. */
export const savingText = (locale: Locale): string => t(locale, 'platform.teams.saving');

/** The form again, filled in with what was typed and saying what to fix. */
function reopenWith(view: FormView, values: FormValues, notice: string): FormView {
  return { ...view, notice, fields: view.fields.map((f) => (values[f.id] === undefined ? f : { ...f, initial: values[f.id] })) };
}

function lateActivity(view: FormView, values: FormValues, outcome: FormOutcome, locale: Locale): Partial<Activity> {
  switch (outcome.kind) {
    case 'done':
      return messageActivity(outcome.message);
    case 'errors': {
      const label = (id: string) => view.fields.find((f) => f.id === id)?.label;
      return cardActivity(renderFormOpenerCard(reopenWith(view, values, notSavedText(outcome.errors, label, locale))), view.title);
    }
    case 'update':
      return cardActivity(renderFormOpenerCard(outcome.view), outcome.view.title);
  }
}

/** Posts the late outcome where only the person sees it: their personal chat with the bot. */
export async function showLateOutcome(
  bot: { adapter: TeamsAdapter; appId: string },
  asked: Activity,
  submitted: { view: FormView; values: FormValues; locale: Locale },
  outcome: FormOutcome,
): Promise<void> {
  const activity = lateActivity(submitted.view, submitted.values, outcome, submitted.locale);
  if (isPersonal(asked)) {
    await sendProactive(bot.adapter, bot.appId, referenceOf(asked), activity);
    return;
  }
  await sendInNewPersonalChat(bot.adapter, bot.appId, { serviceUrl: asked.serviceUrl, tenantId: tenantOf(asked), memberId: asked.from.id }, [activity]);
}
