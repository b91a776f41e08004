// Neutral Message → Block Kit. The only place that knows how a core message looks in Slack.
import type { types } from '@slack/bolt';
import type { Block, Button, Message } from '../../core/ui/message.js';
import { LIMITS, chunkMrkdwn, mrkdwn, plain, truncate } from './text.js';

type KnownBlock = types.KnownBlock;

/** Separates the neutral action id from the suffix that keeps action_ids unique within a block. */
export const ACTION_SUFFIX = '~';

/** The neutral ActionId a Block Kit action_id stands for. */
export const neutralActionId = (actionId: string): string => actionId.split(ACTION_SUFFIX)[0]!;

export interface RenderedMessage {
  text: string;
  blocks: KnownBlock[];
}

export function renderMessage(message: Message): RenderedMessage {
  // The fallback text is mrkdwn too (notifications, old clients): a name like <!channel> must stay text.
  return { text: mrkdwn(message.text || ' ', LIMITS.fallbackText), blocks: renderBlocks(message.blocks, LIMITS.messageBlocks) };
}

/** The App Home tab: the same message, with a view's larger block budget. */
export function renderHome(message: Message): types.HomeView {
  return { type: 'home', blocks: renderBlocks(message.blocks, LIMITS.viewBlocks) };
}

export function renderBlocks(blocks: Block[], maxBlocks: number): KnownBlock[] {
  return fitBlockCount(blocks.flatMap(renderBlock), maxBlocks);
}

function renderBlock(block: Block): KnownBlock[] {
  switch (block.type) {
    case 'header':
      return [{ type: 'header', text: plain(block.text, LIMITS.header) }];
    case 'text':
      return sections(block.text);
    case 'context':
      return [{ type: 'context', elements: [{ type: 'mrkdwn', text: mrkdwn(block.text || ' ', LIMITS.contextText) }] }];
    case 'divider':
      return [{ type: 'divider' }];
    case 'facts': {
      const fields = block.facts.map((f) => ({
        type: 'mrkdwn' as const,
        text: truncate(`*${mrkdwn(f.label, 200)}*\n${mrkdwn(f.value || '—', LIMITS.field - 220)}`, LIMITS.field),
      }));
      const out: KnownBlock[] = [];
      for (let i = 0; i < fields.length; i += LIMITS.fieldsPerSection) {
        out.push({ type: 'section', fields: fields.slice(i, i + LIMITS.fieldsPerSection) });
      }
      return out;
    }
    case 'progress': {
      const ratio = block.max > 0 ? Math.max(0, Math.min(1, block.value / block.max)) : 0;
      const filled = Math.round(ratio * 10);
      const bar = '▰'.repeat(filled) + '▱'.repeat(10 - filled);
      const note = block.note ? `\n${mrkdwn(block.note, 1000)}` : '';
      const text = `*${mrkdwn(block.label, 500)}*\n${bar}  ${formatNumber(block.value)} / ${formatNumber(block.max)}${note}`;
      return [{ type: 'section', text: { type: 'mrkdwn', text: truncate(text, LIMITS.sectionText) } }];
    }
    case 'list': {
      const body = block.items.map((item) => `• ${item}`).join('\n');
      const chunks = chunkMrkdwn(body || '—', LIMITS.sectionText - 210);
      if (block.title) chunks[0] = `*${mrkdwn(block.title, 200)}*\n${chunks[0]}`;
      return chunks.map((text) => ({ type: 'section', text: { type: 'mrkdwn', text } }));
    }
    case 'actions':
      return actionBlocks(block.buttons);
  }
}

function sections(text: string): KnownBlock[] {
  return chunkMrkdwn(text || ' ', LIMITS.sectionText).map((chunk) => ({ type: 'section', text: { type: 'mrkdwn', text: chunk } }));
}

function actionBlocks(buttons: Button[]): KnownBlock[] {
  // A value over Slack's limit would make Slack reject the whole message: such a button is left out.
  const usable = buttons.filter((b) => b.value.length <= LIMITS.buttonValue);
  const out: KnownBlock[] = [];
  for (let i = 0; i < usable.length; i += LIMITS.buttonsPerActions) {
    const seen = new Map<string, number>();
    out.push({
      type: 'actions',
      elements: usable.slice(i, i + LIMITS.buttonsPerActions).map((b) => {
        const n = seen.get(b.action) ?? 0;
        seen.set(b.action, n + 1);
        return {
          type: 'button' as const,
          text: plain(b.label, LIMITS.buttonText),
          action_id: n === 0 ? b.action : `${b.action}${ACTION_SUFFIX}${n}`,
          value: b.value,
          ...(b.style ? { style: b.style } : {}),
        };
      }),
    });
  }
  return out;
}

/** Over the block budget: keep the start and the closing buttons, and say that something was left out. */
function fitBlockCount(blocks: KnownBlock[], max: number): KnownBlock[] {
  if (blocks.length <= max) return blocks;
  let tailStart = blocks.length;
  while (tailStart > 0 && blocks[tailStart - 1]!.type === 'actions' && blocks.length - tailStart < 2) tailStart--;
  const tail = blocks.slice(tailStart);
  const head = blocks.slice(0, max - 1 - tail.length);
  const note: KnownBlock = { type: 'context', elements: [{ type: 'mrkdwn', text: '… more not shown: too long for one Slack message.' }] };
  return [...head, note, ...tail];
}

const formatNumber = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));
