import { describe, expect, it } from 'vitest';
import type { FormView } from '../../../src/core/ui/form.js';
import type { Block, Message } from '../../../src/core/ui/message.js';
import { neutralActionId, renderHome, renderMessage } from '../../../src/slack/render/blocks.js';
import { errorsByBlock, minutesAsText, renderModal, submissionAnswer } from '../../../src/slack/render/modal.js';
import { escapeMrkdwn } from '../../../src/slack/render/text.js';

type AnyBlock = Record<string, any>;
const texts = (blocks: AnyBlock[]) => JSON.stringify(blocks);

describe('neutral messages in Block Kit', () => {
  it('escapes &, < and > in everything a user could have typed', () => {
    const message: Message = {
      text: 'Q&A <b>',
      blocks: [
        { type: 'text', text: 'Topics: Q&A about <@U123> & <!channel>' },
        { type: 'facts', facts: [{ label: 'A<b', value: 'x>y' }] },
        { type: 'list', title: 'T&C', items: ['<script>'] },
        { type: 'context', text: '<https://evil|click>' },
      ],
    };
    const { blocks } = renderMessage(message);
    const json = texts(blocks as AnyBlock[]);
    expect(json).not.toContain('<@U123>');
    expect(json).not.toContain('<!channel>');
    expect(json).not.toContain('<script>');
    expect(json).toContain('Q&amp;A about &lt;@U123&gt; &amp; &lt;!channel&gt;');
    expect(json).toContain('&lt;https://evil|click&gt;');
  });

  it('splits a text over 3000 characters into several sections instead of being rejected', () => {
    const long = 'word '.repeat(2000);
    const { blocks } = renderMessage({ text: 'long', blocks: [{ type: 'text', text: long }] });
    expect(blocks.length).toBeGreaterThan(3);
    for (const b of blocks as AnyBlock[]) expect(b.text.text.length).toBeLessThanOrEqual(3000);
    expect((blocks as AnyBlock[]).map((b) => b.text.text).join(' ').replace(/\s+/g, ' ').trim()).toBe(long.trim());
  });

  it('never cuts an escape sequence in half when splitting', () => {
    const long = '&'.repeat(4000);
    const { blocks } = renderMessage({ text: 'amp', blocks: [{ type: 'text', text: long }] });
    for (const b of blocks as AnyBlock[]) expect(b.text.text).toMatch(/^(&amp;)+$/);
  });

  it('keeps headers, buttons and fields within their limits', () => {
    const { blocks } = renderMessage({
      text: 'x',
      blocks: [
        { type: 'header', text: 'H'.repeat(400) },
        { type: 'actions', buttons: [{ label: 'B'.repeat(200), action: 'meeting.confirm', value: 'm1' }] },
        { type: 'facts', facts: Array.from({ length: 23 }, (_, i) => ({ label: `L${i}`, value: 'v'.repeat(5000) })) },
      ],
    });
    const [header, actions, ...facts] = blocks as AnyBlock[];
    expect(header.text.text.length).toBe(150);
    expect(header.text.text.endsWith('…')).toBe(true);
    expect(actions.elements[0].text.text.length).toBe(75);
    expect(facts).toHaveLength(3);
    for (const f of facts) {
      expect(f.fields.length).toBeLessThanOrEqual(10);
      for (const field of f.fields) expect(field.text.length).toBeLessThanOrEqual(2000);
    }
  });

  it('gives each button the neutral action id and value, unique within its block', () => {
    const { blocks } = renderMessage({
      text: 'r',
      blocks: [
        {
          type: 'actions',
          buttons: [
            { label: 'Answer now', action: 'reflection.open', value: 'p1', style: 'primary' },
            { label: 'Tomorrow', action: 'reminder.snooze', value: 'n1:1d' },
            { label: 'Next week', action: 'reminder.snooze', value: 'n1:7d' },
          ],
        },
      ],
    });
    const elements = (blocks[0] as AnyBlock).elements;
    const ids = elements.map((e: AnyBlock) => e.action_id);
    expect(new Set(ids).size).toBe(3);
    expect(ids.map(neutralActionId)).toEqual(['reflection.open', 'reminder.snooze', 'reminder.snooze']);
    expect(elements.map((e: AnyBlock) => e.value)).toEqual(['p1', 'n1:1d', 'n1:7d']);
    expect(elements[0].style).toBe('primary');
    expect(elements[1].style).toBeUndefined();
  });

  it('puts at most 25 buttons in an actions block', () => {
    const buttons = Array.from({ length: 30 }, (_, i) => ({ label: `N${i}`, action: 'digest.nudge' as const, value: `p${i}` }));
    const { blocks } = renderMessage({ text: 'd', blocks: [{ type: 'actions', buttons }] });
    expect((blocks as AnyBlock[]).map((b) => b.elements.length)).toEqual([25, 5]);
  });

  it('leaves out a button whose value Slack would refuse rather than lose the message', () => {
    const { blocks } = renderMessage({ text: 'd', blocks: [{ type: 'actions', buttons: [{ label: 'x', action: 'digest.export', value: 'v'.repeat(2001) }, { label: 'ok', action: 'digest.export', value: 'ok' }] }] });
    expect((blocks[0] as AnyBlock).elements.map((e: AnyBlock) => e.value)).toEqual(['ok']);
  });

  it('keeps a message to 50 blocks, saying that more was left out and keeping the closing buttons', () => {
    const many: Block[] = Array.from({ length: 80 }, (_, i) => ({ type: 'text', text: `line ${i}` }));
    many.push({ type: 'actions', buttons: [{ label: 'Export', action: 'digest.export', value: 'all' }] });
    const { blocks } = renderMessage({ text: 'digest', blocks: many });
    expect(blocks).toHaveLength(50);
    expect((blocks[49] as AnyBlock).type).toBe('actions');
    expect(texts(blocks.slice(48, 49) as AnyBlock[])).toContain('more not shown');
    expect(renderHome({ text: 'home', blocks: many }).blocks).toHaveLength(81);
  });

  it('draws progress as a bar with the numbers', () => {
    const { blocks } = renderMessage({ text: 'p', blocks: [{ type: 'progress', label: 'Meetings', value: 4, max: 10, note: 'on track' }] });
    const text = (blocks[0] as AnyBlock).text.text;
    expect(text).toContain('▰▰▰▰▱▱▱▱▱▱');
    expect(text).toContain('4 / 10');
    expect(text).toContain('on track');
  });

  it('cuts the fallback text to a size Slack accepts', () => {
    expect(renderMessage({ text: 'x'.repeat(50_000), blocks: [] }).text.length).toBe(3000);
    expect(escapeMrkdwn('a&b<c>d')).toBe('a&amp;b&lt;c&gt;d');
  });
});

const meetingView: FormView = {
  formId: 'meeting',
  title: 'Log a mentorship meeting with a long title',
  submitLabel: 'Save',
  notice: 'Please include no patient identifiers.',
  state: '{"requestId":"r1"}',
  fields: [
    { id: 'mentee', label: 'Mentee', kind: 'person', required: true, options: [{ value: 'p1', label: 'Ada' }, { value: 'p2', label: 'Grace' }], initial: 'p2' },
    { id: 'date', label: 'Date', kind: 'date', required: true, initial: '2026-11-20' },
    { id: 'duration', label: 'Duration', kind: 'duration', required: true, initial: '90', hint: 'e.g. 45m or 1h30' },
    { id: 'format', label: 'Format', kind: 'choice', required: true, options: [{ value: 'VIDEO', label: 'Video' }, { value: 'PHONE', label: 'Phone' }] },
    { id: 'roles', label: 'CanMEDS roles', kind: 'multiChoice', required: false, options: [{ value: 'SCHOLAR', label: 'Scholar' }, { value: 'LEADER', label: 'Leader' }], initial: ['LEADER'] },
    { id: 'topics', label: 'Topics', kind: 'longText', required: true, maxLength: 5000 },
    { id: 'hours', label: 'Hours', kind: 'number', required: false },
    { id: 'shared', label: 'Share with my mentor', kind: 'checkbox', required: false, initial: 'true' },
  ],
};

describe('neutral forms as Slack modals', () => {
  const modal = renderModal(meetingView) as AnyBlock;
  const input = (id: string) => modal.blocks.find((b: AnyBlock) => b.block_id === id);

  it('carries the form id in callback_id and core\'s state untouched in private_metadata', () => {
    expect(modal.type).toBe('modal');
    expect(modal.callback_id).toBe('form:meeting');
    expect(modal.private_metadata).toBe(meetingView.state);
    expect(modal.title.text.length).toBeLessThanOrEqual(24);
  });

  it('shows the notice above the fields, escaped', () => {
    expect(modal.blocks[0]).toMatchObject({ type: 'section', text: { type: 'mrkdwn', text: 'Please include no patient identifiers.' } });
  });

  it('renders each kind of field with the right element, block_id and action_id = field id', () => {
    expect(input('mentee').element).toMatchObject({ type: 'static_select', action_id: 'mentee', initial_option: { value: 'p2' } });
    expect(input('date').element).toMatchObject({ type: 'datepicker', initial_date: '2026-11-20' });
    expect(input('duration').element).toMatchObject({ type: 'plain_text_input', initial_value: '1h30' });
    expect(input('duration').hint.text).toBe('e.g. 45m or 1h30');
    expect(input('format').element.type).toBe('static_select');
    expect(input('roles').element).toMatchObject({ type: 'multi_static_select', initial_options: [{ value: 'LEADER' }] });
    expect(input('topics').element).toMatchObject({ type: 'plain_text_input', multiline: true, max_length: 3000 });
    expect(input('hours').element).toMatchObject({ type: 'plain_text_input', max_length: 20 });
    expect(input('shared').element).toMatchObject({ type: 'checkboxes', options: [{ value: 'true' }], initial_options: [{ value: 'true' }] });
    expect(input('hours').optional).toBe(true);
    expect(input('topics').optional).toBe(false);
  });

  it('caps select options at 100', () => {
    const options = Array.from({ length: 150 }, (_, i) => ({ value: `v${i}`, label: `Option ${i}` }));
    const view = renderModal({ ...meetingView, notice: undefined, fields: [{ id: 'pick', label: 'Pick', kind: 'multiChoice', required: true, options }] }) as AnyBlock;
    expect(view.blocks[0].element.options).toHaveLength(100);
  });

  it('writes minutes as a duration people read', () => {
    expect(minutesAsText('45')).toBe('45m');
    expect(minutesAsText('60')).toBe('1h');
    expect(minutesAsText('95')).toBe('1h35');
    expect(minutesAsText('1h')).toBe('1h');
  });

  it('answers a submission with errors on the fields, an updated view, or closes the modal', () => {
    expect(submissionAnswer({ kind: 'errors', errors: { duration: 'Expected a duration, e.g. 45m' } }, { blockIds: ['date', 'duration'] })).toEqual({
      response_action: 'errors',
      errors: { duration: 'Expected a duration, e.g. 45m' },
    });
    const update = submissionAnswer({ kind: 'update', view: { ...meetingView, notice: 'Looks like a patient name: edit or confirm.' } }, { blockIds: [] }) as AnyBlock;
    expect(update.response_action).toBe('update');
    expect(update.view.blocks[0].text.text).toContain('patient name');
    expect(submissionAnswer({ kind: 'done', message: { text: 'Saved', blocks: [] } }, { blockIds: [] })).toEqual({ response_action: 'clear' });
  });

  it('shows an error about no particular field on the first field rather than losing it', () => {
    expect(errorsByBlock({ form: 'No active pairing', date: 'Too early' }, ['date', 'topics'])).toEqual({ date: 'Too early No active pairing' });
  });
});

describe('the fallback text of a Slack message', () => {
  it('is escaped like the blocks, so a name such as <!channel> cannot ping anyone', async () => {
    const { renderMessage } = await import('../../../src/slack/render/blocks.js');
    expect(renderMessage({ text: 'Meeting logged with <!channel> & co', blocks: [] }).text).toBe('Meeting logged with &lt;!channel&gt; &amp; co');
  });
});
