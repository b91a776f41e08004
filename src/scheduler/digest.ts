// The digest outside the weekly rhythm: printed in a terminal (`npm run cli -- digest --print`) or
// posted to every digest channel now (`--post`).
import type { CoreContext } from '../core/context.js';
import { buildDigest, postDigestNow as postDigestToChannels } from '../core/services/digest.service.js';
import type { Block, Message } from '../core/ui/message.js';

/** The digest as plain text for a terminal. */
export async function printDigest(ctx: CoreContext): Promise<string> {
  return renderPlainText(await buildDigest(ctx));
}

/** Queues the current digest to every digest channel of the program, due now (core's `postDigestNow`). Returns how many channels. */
export async function postDigestNow(ctx: CoreContext): Promise<number> {
  return (await postDigestToChannels(ctx, { id: ctx.clock.now().toISOString() })).channels;
}

/** A neutral Message as plain text: headers underlined, facts aligned, lists bulleted, no buttons. */
export function renderPlainText(message: Message): string {
  const out: string[] = [];
  for (const block of message.blocks) out.push(...renderBlock(block));
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trim()}\n`;
}

function renderBlock(block: Block): string[] {
  switch (block.type) {
    case 'header':
      return ['', block.text, '='.repeat(Math.min(block.text.length, 72))];
    case 'text':
      return [block.text];
    case 'context':
      return [`(${block.text})`];
    case 'facts': {
      const width = Math.max(0, ...block.facts.map((f) => f.label.length));
      return block.facts.map((f) => `${`${f.label}:`.padEnd(width + 1)} ${f.value}`);
    }
    case 'progress': {
      const ratio = block.max > 0 ? Math.min(1, Math.max(0, block.value / block.max)) : 0;
      const filled = Math.round(ratio * 20);
      return [`${block.label}: [${'#'.repeat(filled)}${'.'.repeat(20 - filled)}] ${block.value} / ${block.max}${block.note ? ` (${block.note})` : ''}`];
    }
    case 'list':
      return ['', ...(block.title ? [`${block.title}:`] : []), ...(block.items.length ? block.items.map((i) => `  - ${i}`) : ['  (none)'])];
    case 'actions':
      // Chat buttons cannot be pressed in a terminal: the commands that do the same are in the help.
      return [];
    case 'divider':
      return ['', '-'.repeat(40)];
  }
}
