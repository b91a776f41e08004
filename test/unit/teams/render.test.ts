import { describe, expect, it } from 'vitest';
import type { FormView } from '../../../src/core/ui/form.js';
import type { Message } from '../../../src/core/ui/message.js';
import { MAX_CARD_BYTES, progressBar, renderFormOpenerCard, renderMessageCard } from '../../../src/teams/render/card.js';
import { renderDialogCard } from '../../../src/teams/render/dialog.js';
import { plain } from '../../../src/teams/render/text.js';
import { cardProblems } from '../../fixtures/teams/card-schema.js';

const everyBlock: Message = {
  text: 'Progress for Ada',
  blocks: [
    { type: 'header', text: 'Progress — Ada Lovelace' },
    { type: 'text', text: 'Meetings this year' },
    { type: 'facts', facts: [{ label: 'Mentor', value: 'Grace Hopper' }, { label: 'Pathway', value: 'PRA MB-FP' }] },
    { type: 'progress', label: 'Meetings', value: 4, max: 10, note: '6 to go' },
    { type: 'progress', label: 'CPD credits', value: 12.5, max: 25 },
    { type: 'divider' },
    { type: 'list', title: 'Open reflections', items: ['After the meeting of 2026-11-20', 'After the journal club'] },
    { type: 'context', text: 'Updated just now' },
    { type: 'actions', buttons: [{ label: 'Correct', action: 'meeting.confirm', value: 'm1', style: 'primary' }, { label: 'Not right', action: 'meeting.dispute', value: 'm1', style: 'danger' }] },
  ],
};

const meetingView: FormView = {
  formId: 'meeting',
  title: 'Log a meeting',
  submitLabel: 'Save',
  notice: 'No patient identifiers, please.',
  state: '{"requestId":"r1"}',
  fields: [
    { id: 'with', label: 'Who was the meeting with?', kind: 'person', required: true, options: [{ value: 'p1', label: 'Grace' }, { value: 'p2', label: 'Alan' }] },
    { id: 'date', label: 'Date', kind: 'date', required: true, initial: '2026-11-20', hint: 'The day you met.' },
    { id: 'duration', label: 'Duration (minutes)', kind: 'duration', required: true, placeholder: '45' },
    { id: 'format', label: 'Format', kind: 'choice', required: true, options: [{ value: 'VIDEO', label: 'Video' }, { value: 'PHONE', label: 'Phone' }] },
    { id: 'topics', label: 'Topics', kind: 'longText', required: true, maxLength: 3000 },
    { id: 'roles', label: 'CanMEDS roles', kind: 'multiChoice', required: false, options: [{ value: 'SCHOLAR', label: 'Scholar' }, { value: 'LEADER', label: 'Leader' }], initial: ['SCHOLAR'] },
    { id: 'hours', label: 'Hours', kind: 'number', required: false, initial: '1.5' },
    { id: 'title', label: 'Title', kind: 'text', required: false },
    { id: 'confirm', label: 'There is no patient identifier in this text', kind: 'checkbox', required: false },
  ],
};

describe('Teams message cards', () => {
  it('renders every neutral block as a valid Adaptive Card 1.5', () => {
    const card = renderMessageCard(everyBlock);
    expect(cardProblems(card)).toEqual([]);
    expect(card.version).toBe('1.5');
    const types = card.body.map((e) => e.type);
    expect(types).toContain('FactSet');
    expect(types).toContain('ActionSet');
  });

  it('turns buttons into Action.Submit carrying the action id and value for core', () => {
    const card = renderMessageCard(everyBlock);
    const set = card.body.find((e) => e.type === 'ActionSet') as unknown as { actions: { type: string; data: unknown; style?: string }[] };
    expect(set.actions[0]).toMatchObject({ type: 'Action.Submit', data: { action: 'meeting.confirm', value: 'm1' }, style: 'positive' });
    expect(set.actions[1]).toMatchObject({ data: { action: 'meeting.dispute', value: 'm1' }, style: 'destructive' });
  });

  it('shows progress as a text bar with the numbers', () => {
    const card = renderMessageCard(everyBlock);
    expect(card.body.some((e) => e.type === 'TextBlock' && e.text === `${progressBar(4, 10)} 4 / 10`)).toBe(true);
    expect(progressBar(4, 10)).toBe('▓▓▓▓░░░░░░');
    expect(progressBar(30, 25)).toBe('▓▓▓▓▓▓▓▓▓▓');
  });

  it('neutralises markdown and links typed by users', () => {
    const card = renderMessageCard({ text: 'x', blocks: [{ type: 'text', text: 'Topics: **urgent** [click](https://evil.example) {{DATE(2026-01-01T00:00:00Z)}}' }] });
    const text = card.body[0]!.text as string;
    expect(text).toContain('\\*\\*urgent\\*\\*');
    expect(text).toContain('\\[click\\](https://evil.example)');
    expect(text).not.toContain('{{');
    expect(plain('- not a list\n1. not numbered')).toBe('\\- not a list\n\n1\\. not numbered');
  });

  it('shortens a list too long for Teams and says so', () => {
    const items = Array.from({ length: 500 }, (_, i) => `Participant number ${i} — behind on CPD credits and two reflections outstanding`);
    const card = renderMessageCard({ text: 'Digest', blocks: [{ type: 'header', text: 'Digest' }, { type: 'list', items }, { type: 'list', items }] });
    expect(cardProblems(card)).toEqual([]);
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThanOrEqual(MAX_CARD_BYTES + 500);
    expect(JSON.stringify(card)).toMatch(/and 460 more/);
  });

  it('falls back to the summary text when a message has no blocks', () => {
    const card = renderMessageCard({ text: 'Saved.', blocks: [] });
    expect(card.body[0]).toMatchObject({ type: 'TextBlock', text: 'Saved.' });
    expect(cardProblems(card)).toEqual([]);
  });
});

describe('Teams dialogs', () => {
  it('renders every field kind as a valid input with the field id', () => {
    const card = renderDialogCard(meetingView);
    expect(cardProblems(card)).toEqual([]);
    const byId = Object.fromEntries(card.body.filter((e) => typeof e.id === 'string').map((e) => [e.id, e]));
    expect(byId.with).toMatchObject({ type: 'Input.ChoiceSet', style: 'compact', isRequired: true });
    expect(byId.date).toMatchObject({ type: 'Input.Date', value: '2026-11-20' });
    expect(byId.duration).toMatchObject({ type: 'Input.Text', placeholder: '45', isRequired: true, errorMessage: 'Duration (minutes) is required.' });
    expect(byId.topics).toMatchObject({ type: 'Input.Text', isMultiline: true, maxLength: 3000 });
    expect(byId.roles).toMatchObject({ type: 'Input.ChoiceSet', isMultiSelect: true, value: 'SCHOLAR' });
    expect(byId.hours).toMatchObject({ type: 'Input.Number', value: 1.5 });
    expect(byId.confirm).toMatchObject({ type: 'Input.Toggle', valueOn: 'true', valueOff: 'false', value: 'false' });
  });

  it('carries the view in the submit action, for core to get its state back', () => {
    const card = renderDialogCard(meetingView);
    expect(card.actions?.[0]).toMatchObject({ type: 'Action.Submit', title: 'Save', data: { verb: 'form', formId: 'meeting', view: { state: '{"requestId":"r1"}' } } });
  });

  it('re-renders with what was typed and the error under its field', () => {
    const card = renderDialogCard(meetingView, {
      values: { duration: '4 hours', topics: 'Billing', roles: ['LEADER'] },
      errors: { duration: 'Duration: expected 15 to 240 minutes, e.g. 45m', form: 'Nothing was saved.' },
    });
    expect(cardProblems(card)).toEqual([]);
    const index = card.body.findIndex((e) => e.id === 'duration');
    expect(card.body[index]).toMatchObject({ value: '4 hours' });
    expect(card.body[index + 1]).toMatchObject({ type: 'TextBlock', color: 'Attention', text: 'Duration: expected 15 to 240 minutes, e.g. 45m' });
    expect(card.body[0]).toMatchObject({ color: 'Attention', text: 'Nothing was saved.' });
    expect(card.body.find((e) => e.id === 'roles')).toMatchObject({ value: 'LEADER' });
    // Fields the person left empty stay empty rather than reverting to the defaults.
    expect(card.body.find((e) => e.id === 'date')).not.toHaveProperty('value');
  });

  it('opens the dialog from the chat with a task/fetch button', () => {
    const card = renderFormOpenerCard(meetingView);
    expect(cardProblems(card)).toEqual([]);
    expect(card.actions?.[0]).toMatchObject({ type: 'Action.Submit', data: { msteams: { type: 'task/fetch' }, verb: 'form', formId: 'meeting' } });
  });
});

describe('command syntax in Teams', () => {
  it('writes the commands core marked as the bare words a Teams user types, and leaves every other slash alone', async () => {
    const { plain } = await import('../../../src/teams/render/text.js');
    const { commandMention } = await import('../../../src/core/i18n/translate.js');
    expect(plain(`e.g. ${commandMention('/away')} 2026-12-20 2027-01-05, or type ${commandMention('/mentorship')} help.`)).toBe('e.g. away 2026-12-20 2027-01-05, or type mentorship help.');
    // Issue 15: the welcome explains Slack's syntax to Teams users; that slash is meant.
    expect(plain('In Slack type the command with a slash (/meeting).')).toBe('In Slack type the command with a slash (/meeting).');
    expect(plain('see https://example.org/cpd/info and a/meeting')).toBe('see https://example.org/cpd/info and a/meeting');
  });
});
