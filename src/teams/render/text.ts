// Adaptive Card text is a markdown subset in Teams (bold, italic, lists, links) plus {{DATE()}}/{{TIME()}}
// functions. Everything core says is plain text, and much of it was typed by users: neutralise the
// markup so a topic like "[click](https://evil)" or "**urgent**" shows literally.

import { commandsFor } from '../../core/i18n/translate.js';

// Only what Teams' subset acts on: emphasis (* _), links ([text](url)), the escape itself, list markers.
const MARKDOWN = /[\\*_[\]]/g;

export function plain(text: string): string {
  return commandsFor('TEAMS', text)
    .replace(/\r\n?/g, '\n')
    .replace(MARKDOWN, (c) => `\\${c}`)
    .replace(/\{\{/g, '{\u200B{')
    .split('\n')
    .map((line) => line.replace(/^(\s*)([-+])(\s)/, '$1\\$2$3').replace(/^(\s*\d+)\.(\s)/, '$1\\.$2'))
    // Markdown needs a blank line to break a line; core's line breaks are meant to show.
    .join('\n\n');
}

/** Cuts at a character budget with an ellipsis, so one long answer cannot blow the card's size limit. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1)).trimEnd()}…`;
}
