// Every command of the registry as a slash command: acknowledged at once (Slack allows 3 seconds), then
// handed to core; the answer is shown privately, or opens a modal, or arrives as a file by DM.
import type { App } from '@slack/bolt';
import { COMMANDS } from '../../core/commands/index.js';
import type { CommandDefinition } from '../../core/commands/types.js';
import { runCommand } from '../../core/dispatch.js';
import { unescapeSlackText } from '../incoming-text.js';
import { slackUser } from '../people.js';
import { commandRequestId } from '../request-ids.js';
import { slackConversation, type ListenerDeps } from './deps.js';
import { deliverReply } from './reply.js';

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function registerCommands(app: App, deps: ListenerDeps): void {
  // One listener for all of them: Bolt runs every registered listener's middleware on every request, so
  // one per command was eight chains to refuse each command (and each button press) before it acked.
  const bySlash = new Map<string, CommandDefinition>(COMMANDS.map((definition) => [definition.slash, definition]));
  const slashes = new RegExp(`^(?:${[...bySlash.keys()].map(escapeRegExp).join('|')})$`);
  app.command(slashes, async ({ command, ack }) => {
    await ack();
    const definition = bySlash.get(command.command);
    if (!definition) return;
    const teamId = command.team_id;
    const respond = command.response_url ? deps.respondTo(command.response_url) : undefined;
    deps.afterAck.push(`command ${definition.slash}`, async () => {
      const req = {
        ctx: deps.ctx,
        user: slackUser(deps.client, deps.logger, teamId, command.user_id),
        conversation: slackConversation(teamId, command.channel_id, deps.client),
        requestId: commandRequestId(command),
      };
      const reply = await runCommand(req, definition.slash, unescapeSlackText(command.text ?? ''));
      await deliverReply(reply, { ...deps, userId: command.user_id, triggerId: command.trigger_id, respond, asker: req });
    });
  });
}
