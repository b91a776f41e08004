// A neutral core Message as terminal text: the same digest and progress the chat adapters render as
// Block Kit or Adaptive Cards, here with aligned facts and progress bars. Buttons are left out:
// a terminal cannot press them.
import { commandsFor } from '../core/i18n/translate.js';
import type { Block, Message } from '../core/ui/message.js';
import { displayWidth, facts, heading, padEnd, paint, progressBar, PLAIN, type Style } from './format.js';

export function renderMessage(message: Message, style: Style = PLAIN): string {
  const out: string[] = [];
  const blocks = message.blocks.length ? message.blocks : [{ type: 'text', text: message.text } as Block];
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]!;
    switch (block.type) {
      case 'header': {
        if (out.length) out.push('');
        out.push(heading(block.text, style), '═'.repeat(Math.min(72, displayWidth(block.text))));
        break;
      }
      case 'text':
        out.push(block.text);
        break;
      case 'facts':
        out.push(facts(block.facts.map((f) => [f.label, f.value]), style));
        break;
      case 'progress': {
        // Consecutive progress blocks share one label column, so the bars line up.
        const run: Extract<Block, { type: 'progress' }>[] = [];
        while (i < blocks.length && blocks[i]!.type === 'progress') run.push(blocks[i++] as Extract<Block, { type: 'progress' }>);
        i--;
        const width = Math.max(...run.map((b) => displayWidth(b.label)));
        for (const b of run) {
          const note = b.note ? `  ${paint(style, 'dim', b.note)}` : '';
          out.push(`${padEnd(b.label, width)}  ${progressBar(b.value, b.max, { style })}${note}`);
        }
        break;
      }
      case 'list':
        if (block.title) out.push('', paint(style, 'bold', block.title));
        for (const item of block.items) out.push(`  • ${item}`);
        break;
      case 'context':
        out.push(paint(style, 'dim', block.text));
        break;
      case 'divider':
        out.push('');
        break;
      case 'actions':
        break;
    }
  }
  // The command line prints commands as Slack users type them ('/meeting').
  return `${commandsFor('SLACK', out.join('\n')).replace(/\n{3,}/g, '\n\n')}\n`;
}
