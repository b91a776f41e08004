import type { Actor, Conversation } from '../actor.js';
import type { CoreContext } from '../context.js';
import type { Reply } from '../ui/reply.js';
import type { MessageKey } from '../i18n/translate.js';

export type CommandId = 'meeting' | 'cpd' | 'goals' | 'reflect' | 'progress' | 'away' | 'language' | 'mentorship';

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
  /** One line for the manifests and help (catalogue key: each reader sees their language's). */
  summary: MessageKey;
  /** Syntax lines, without the leading slash or word (the Slack manifest's usage hint: English). */
  usage: string[];
  /** What the help shows typed after the command, in the reader's language ('' for none). */
  example: MessageKey;
  run(input: CommandInput): Promise<Reply>;
}
