import type { Actor, Conversation } from '../actor.js';
import type { CoreContext } from '../context.js';
import type { Reply } from '../ui/reply.js';

export type CommandId = 'meeting' | 'cpd' | 'goals' | 'reflect' | 'progress' | 'away' | 'mentorship';

export interface CommandInput {
  ctx: CoreContext;
  actor: Actor;
  /** Everything typed after the command word, mentions as the platform sends them. */
  text: string;
  /** Unique per user request (Slack trigger id, Teams activity id): retries find the same record. */
  requestId: string;
  conversation: Conversation;
}

/** One definition per command: both adapters loop over the registry, nobody writes a listener per command. */
export interface CommandDefinition {
  id: CommandId;
  /** Slack slash command, e.g. '/meeting'. */
  slash: `/${string}`;
  /** Teams bot command word, e.g. 'meeting'. */
  teams: string;
  /** One line for the manifests and help. */
  summary: string;
  /** Syntax lines, without the leading slash or word. */
  usage: string[];
  examples: string[];
  run(input: CommandInput): Promise<Reply>;
}
