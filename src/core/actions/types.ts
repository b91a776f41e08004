import type { Actor, Conversation } from '../actor.js';
import type { CoreContext } from '../context.js';
import type { ActionId } from '../ui/message.js';
import type { Reply } from '../ui/reply.js';

export interface ActionInput {
  ctx: CoreContext;
  actor: Actor;
  /** The Button.value, as core wrote it. */
  value: string;
  requestId: string;
  conversation: Conversation;
}

/** A button's behaviour, defined once; adapters route every button press here by its action id. */
export interface ActionDefinition {
  id: ActionId;
  run(input: ActionInput): Promise<Reply>;
}
