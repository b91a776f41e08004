import { PLATFORM_LABELS, ROLE_LABELS, type Role } from '../../core/domain/enums.js';
import { reachEveryone } from '../../core/services/reach.service.js';
import { stringFlag, UsageError } from '../args.js';
import { say, type CliCommand } from '../command.js';
import { directoriesFromEnv } from '../directories.js';
import { paint, plural, table } from '../format.js';
import { openSession } from '../session.js';

export const reachCommand: CliCommand = {
  name: 'reach',
  summary: 'every active participant, and the platform and account the bot reaches them on, or why not',
  usage: 'reach [--program SLUG]',
  help: `What a coordinator checks before the first week: for every active participant, the
chat account the bot will message them on, or why it cannot. Someone with no chat account
yet is looked up by email on the platforms this deployment runs (Slack users.lookupByEmail;
Teams through Microsoft Graph when TEAMS_GRAPH=true), and linked when found.

Exit status: 0 when everyone is reachable, 1 otherwise.

Options:
  --program SLUG   a program other than the configured one (e.g. demo)

Examples:
  npm run cli -- reach`,
  flags: { program: { type: 'string', hint: 'SLUG' } },
  async run(args, io, style) {
    if (args.positionals.length) throw new UsageError(`reach takes no arguments: got ${args.positionals.join(' ')}`, 'reach');
    const session = await openSession(io, { programSlug: stringFlag(args, 'program') });
    try {
      const { ctx } = session;
      ctx.directories = await directoriesFromEnv(session.env, ctx, ctx.logger);
      const everyone = await reachEveryone(ctx);
      if (everyone.length === 0) {
        say(io, `${ctx.program.name} has no active participants yet: npm run cli -- import-roster roster.csv`);
        return 0;
      }
      const rows = everyone.map((p) => {
        const roles = p.roles.map((r) => ROLE_LABELS[r as Role].toLowerCase()).join(', ');
        const where =
          p.reach.kind === 'reachable'
            ? `${PLATFORM_LABELS[p.reach.platform]} ${p.reach.workspaceId}/${p.reach.userId}${p.reach.linkedNow ? ' (found by email now)' : ''}`
            : paint(style, 'red', `cannot be reached: ${p.reach.reason}${p.reach.kind === 'later' ? ' (try again later)' : ''}`);
        return [p.name, p.email ?? '', roles, where];
      });
      const missing = everyone.filter((p) => p.reach.kind !== 'reachable').length;
      say(io, table(['name', 'email', 'roles', 'reached on'], rows, style));
      say(io, missing === 0 ? `All ${plural(everyone.length, 'active participant')} can be reached.` : `${missing} of ${plural(everyone.length, 'active participant')} cannot be reached.`);
      return missing === 0 ? 0 : 1;
    } finally {
      await session.close();
    }
  },
};
