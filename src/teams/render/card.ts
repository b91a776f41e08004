// Neutral Message → Adaptive Card 1.5 (the highest version every Teams client renders).
import type { Block, Button, Message } from '../../core/ui/message.js';
import type { FormView } from '../../core/ui/form.js';
import { clip, plain } from './text.js';
import { t, type Locale } from '../../core/i18n/translate.js';

export const CARD_VERSION = '1.5';
/** Teams refuses activities over ~28 KB; leave room for the activity envelope. */
export const MAX_CARD_BYTES = 24_000;
const MAX_LIST_ITEMS = 40;
const MAX_TEXT = 4_000;
const MAX_FACT = 500;

export type CardElement = Record<string, unknown> & { type: string };

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: string;
  body: CardElement[];
  actions?: CardElement[];
  msteams?: { width?: 'Full' };
  /** Universal Actions: the client asks the bot for the card's current view (verb "refresh"). */
  refresh?: { action: CardElement; userIds?: string[] };
}

/** The verbs of this bot's Action.Execute (invoke adaptiveCard/action): a button pressed, a card's refresh. */
export const EXECUTE_VERBS = { button: 'button', refresh: 'refresh' } as const;

/** Data of a live card's Action.Execute: the button, and the view to show afterwards. */
export interface ExecuteData extends ButtonData {
  live: { action: string; value: string };
}

/** Data of an Action.Submit from a neutral Button: a message activity whose value core's action handler gets. */
export interface ButtonData {
  action: string;
  value: string;
}

/** Data of the button that opens a form as a dialog (task/fetch, routed by `verb`). */
export interface OpenFormData {
  msteams: { type: 'task/fetch' };
  verb: 'form';
  formId: string;
  view: FormView;
}

export function emptyCard(body: CardElement[] = [], actions?: CardElement[]): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: CARD_VERSION,
    body,
    ...(actions && actions.length ? { actions } : {}),
  };
}

const textBlock = (text: string, extra: Record<string, unknown> = {}): CardElement => ({
  type: 'TextBlock',
  text: plain(clip(text, MAX_TEXT)),
  wrap: true,
  ...extra,
});

export function progressBar(value: number, max: number, width = 10): string {
  const ratio = max > 0 ? Math.min(1, Math.max(0, value / max)) : 0;
  const filled = Math.round(ratio * width);
  return `${'▓'.repeat(filled)}${'░'.repeat(width - filled)}`;
}

const formatNumber = (n: number): string => (Number.isInteger(n) ? String(n) : n.toFixed(1));

export function buttonAction(button: Button, live?: Message['live']): CardElement {
  const data: ButtonData = { action: button.action, value: button.value };
  const submit = {
    type: 'Action.Submit',
    title: clip(button.label, 80),
    data,
    ...(button.style === 'primary' ? { style: 'positive' } : button.style === 'danger' ? { style: 'destructive' } : {}),
  };
  if (!live) return submit;
  // Universal Actions: the card is answered and updated in place for everyone in the chat; a client
  // without them presses the Action.Submit instead (a message to the bot, as before).
  const execute: ExecuteData = { ...data, live: { action: live.action, value: live.value } };
  const { type: _submit, ...rest } = submit;
  return { ...rest, type: 'Action.Execute', verb: EXECUTE_VERBS.button, data: execute, fallback: submit };
}

function renderBlock(block: Block, live: Message['live'] | undefined, locale: Locale): CardElement[] {
  switch (block.type) {
    case 'header':
      return [textBlock(block.text, { size: 'Large', weight: 'Bolder' })];
    case 'text':
      return [textBlock(block.text)];
    case 'context':
      return [textBlock(block.text, { size: 'Small', isSubtle: true })];
    case 'facts':
      return [
        {
          type: 'FactSet',
          facts: block.facts.slice(0, MAX_LIST_ITEMS).map((f) => ({ title: plain(clip(f.label, 100)), value: plain(clip(f.value, MAX_FACT)) })),
        },
        ...(block.facts.length > MAX_LIST_ITEMS ? [textBlock(t(locale, 'platform.teams.more', { n: block.facts.length - MAX_LIST_ITEMS }), { isSubtle: true })] : []),
      ];
    case 'progress': {
      const line = `${progressBar(block.value, block.max)} ${formatNumber(block.value)} / ${formatNumber(block.max)}`;
      return [
        textBlock(block.label, { weight: 'Bolder' }),
        { type: 'TextBlock', text: line, wrap: true, fontType: 'Monospace', spacing: 'None' },
        ...(block.note ? [textBlock(block.note, { size: 'Small', isSubtle: true, spacing: 'None' })] : []),
      ];
    }
    case 'list': {
      const shown = block.items.slice(0, MAX_LIST_ITEMS);
      const rest = block.items.length - shown.length;
      return [
        ...(block.title ? [textBlock(block.title, { weight: 'Bolder' })] : []),
        ...shown.map((item, i) => textBlock(`• ${item}`, { spacing: i === 0 && block.title ? 'Small' : 'None' })),
        ...(rest > 0 ? [textBlock(t(locale, 'platform.teams.more', { n: rest }), { isSubtle: true, spacing: 'None' })] : []),
      ];
    }
    case 'actions':
      return block.buttons.length ? [{ type: 'ActionSet', actions: block.buttons.slice(0, 6).map((b) => buttonAction(b, live)) }] : [];
    case 'divider':
      return [];
  }
}

/** `locale`: the reader's, for the card's own words ("…and 3 more"); English when not known. */
export function renderCardBody(blocks: Block[], live?: Message['live'], locale: Locale = 'en'): CardElement[] {
  const body: CardElement[] = [];
  let separate = false;
  for (const block of blocks) {
    if (block.type === 'divider') {
      separate = body.length > 0;
      continue;
    }
    const elements = renderBlock(block, live, locale);
    if (separate && elements[0]) elements[0] = { ...elements[0], separator: true, spacing: 'Medium' };
    if (elements.length) separate = false;
    body.push(...elements);
  }
  return body;
}

const byteSize = (card: AdaptiveCard): number => Buffer.byteLength(JSON.stringify(card), 'utf8');

/** Drops trailing elements until the card fits Teams' payload limit, and says so on the card. */
export function fitCard(card: AdaptiveCard, locale: Locale = 'en'): AdaptiveCard {
  if (byteSize(card) <= MAX_CARD_BYTES) return card;
  const body = [...card.body];
  const note = textBlock(t(locale, 'platform.teams.shortened'), { isSubtle: true, size: 'Small' });
  while (body.length > 1 && byteSize({ ...card, body: [...body, note] }) > MAX_CARD_BYTES) body.pop();
  return { ...card, body: [...body, note] };
}

/**
 * `viewers`: the Teams ids (29:…) whose clients refresh a live card by themselves when they show it
 * (Teams does this for at most 60); anyone else gets the refresh when they press a button.
 */
export function renderMessageCard(message: Message, viewers: string[] = [], locale: Locale = 'en'): AdaptiveCard {
  const body = renderCardBody(message.blocks, message.live, locale);
  if (body.length === 0) body.push(textBlock(message.text));
  const card = fitCard(emptyCard(body), locale);
  if (!message.live) return card;
  const refresh: ExecuteData['live'] = { action: message.live.action, value: message.live.value };
  return {
    ...card,
    refresh: { action: { type: 'Action.Execute', verb: EXECUTE_VERBS.refresh, data: refresh }, ...(viewers.length ? { userIds: viewers.slice(0, 60) } : {}) },
  };
}

/**
 * A form in the chat: the notice and a button that opens the dialog (task/fetch). The view travels in
 * the button's data so the dialog opens without a second trip to core.
 */
export function renderFormOpenerCard(view: FormView): AdaptiveCard {
  const data: OpenFormData = { msteams: { type: 'task/fetch' }, verb: 'form', formId: view.formId, view };
  return emptyCard(
    [textBlock(view.title, { weight: 'Bolder', size: 'Medium' }), ...(view.notice ? [textBlock(view.notice, { isSubtle: true })] : [])],
    [{ type: 'Action.Submit', title: t(view.locale ?? 'en', 'platform.teams.openForm', { title: clip(view.title, 60) }), data, style: 'positive' }],
  );
}
