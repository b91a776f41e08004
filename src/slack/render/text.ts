// Text for Block Kit: user text escaped for mrkdwn, and every length kept within Slack's limits
// (an over-long field makes Slack reject the whole message or view).

import { commandsFor } from '../../core/i18n/translate.js';

/** Slack's documented limits we render against. */
export const LIMITS = {
  sectionText: 3000,
  contextText: 2000,
  field: 2000,
  fieldsPerSection: 10,
  header: 150,
  buttonText: 75,
  buttonValue: 2000,
  buttonsPerActions: 25,
  messageBlocks: 50,
  viewBlocks: 100,
  fallbackText: 3000,
  modalTitle: 24,
  modalButton: 24,
  label: 2000,
  hint: 2000,
  placeholder: 150,
  optionText: 75,
  optionValue: 150,
  options: 100,
  checkboxOptions: 10,
  inputMaxLength: 3000,
  privateMetadata: 3000,
  callbackId: 255,
  actionId: 255,
  blockId: 255,
} as const;

/** &, < and > are Slack's control characters in mrkdwn; everything a user typed goes through this. */
export const escapeMrkdwn = (text: string): string => commandsFor('SLACK', text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Cuts to at most `max` characters, ending with "…" when something was cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max - 1)}…`;
}

/** Escapes, then truncates, never cutting an escape sequence in half. */
export function mrkdwn(text: string, max: number): string {
  const escaped = escapeMrkdwn(text);
  if (escaped.length <= max) return escaped;
  let cut = escaped.slice(0, max - 1);
  const amp = cut.lastIndexOf('&');
  if (amp >= 0 && !cut.slice(amp).includes(';')) cut = cut.slice(0, amp);
  return `${cut}…`;
}

/**
 * Splits escaped text into chunks of at most `max` characters, preferring line breaks, so a long
 * text becomes several sections instead of being rejected.
 */
export function chunkMrkdwn(text: string, max: number): string[] {
  const escaped = escapeMrkdwn(text);
  if (escaped.length <= max) return [escaped];
  const chunks: string[] = [];
  let rest = escaped;
  while (rest.length > max) {
    let cut = rest.lastIndexOf('\n', max);
    if (cut < max / 2) cut = rest.lastIndexOf(' ', max);
    if (cut < max / 2) cut = max;
    const amp = rest.slice(0, cut).lastIndexOf('&');
    if (amp >= 0 && amp > cut - 6 && !rest.slice(amp, cut).includes(';')) cut = amp;
    chunks.push(rest.slice(0, cut));
    rest = rest.slice(cut).replace(/^\n/, '');
  }
  if (rest.length) chunks.push(rest);
  return chunks;
}

export const plain = (text: string, max: number) => ({ type: 'plain_text' as const, text: truncate(commandsFor('SLACK', text) || ' ', max), emoji: true });
