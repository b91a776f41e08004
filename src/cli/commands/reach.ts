import type { Role } from '../../core/domain/enums.js';
import { platformLabel, roleLabel } from '../../core/i18n/labels.js';
import { said } from '../../core/i18n/translate.js';
import { reachEveryone } from '../../core/services/reach.service.js';
import { stringFlag, UsageError } from '../args.js';
import { say, type CliCommand } from '../command.js';
import { directoriesFromEnv } from '../directories.js';
import { paint, table } from '../format.js';
import { cliTranslator } from '../language.js';
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
    if (args.positionals.length) throw new UsageError(said('cli.noArguments', { command: 'reach', got: args.positionals.join(' ') }), 'reach');
    const session = await openSession(io, { programSlug: stringFlag(args, 'program') });
    try {
      const { ctx, locale } = session;
      const tr = cliTranslator(locale);
      ctx.directories = await directoriesFromEnv(session.env, ctx, ctx.logger);
      const everyone = await reachEveryone(ctx);
      if (everyone.length === 0) {
        say(io, tr('cli.reach.nobody', { program: ctx.program.name }));
        return 0;
      }
      const rows = everyone.map((p) => {
        const roles = p.roles.map((r) => roleLabel(locale, r as Role).toLowerCase()).join(', ');
        const where =
          p.reach.kind === 'reachable'
            ? tr(p.reach.linkedNow ? 'cli.reach.foundNow' : 'cli.reach.account', { platform: platformLabel(locale, p.reach.platform), account: `${p.reach.workspaceId}/${p.reach.userId}` })
            : paint(style, 'red', tr(p.reach.kind === 'later' ? 'cli.reach.notYet' : 'cli.reach.cannot', { reason: p.reach.reason }));
        return [p.name, p.email ?? '', roles, where];
      });
      const missing = everyone.filter((p) => p.reach.kind !== 'reachable').length;
      say(io, table([tr('cli.reach.column.name'), tr('cli.reach.column.email'), tr('cli.reach.column.roles'), tr('cli.reach.column.reachedOn')], rows, style));
      say(io, missing === 0 ? tr('cli.reach.everyone', { participants: everyone.length }) : tr('cli.reach.missing', { missing, participants: everyone.length }));
      return missing === 0 ? 0 : 1;
    } finally {
      await session.close();
    }
  },
};
