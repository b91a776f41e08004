import { purgeExpired } from '../../core/services/retention.service.js';
import { formatDate } from '../../core/i18n/format.js';
import { said } from '../../core/i18n/translate.js';
import { booleanFlag, stringFlag, UsageError } from '../args.js';
import { say, type CliCommand } from '../command.js';
import { table } from '../format.js';
import { programOffice } from '../operator.js';
import { cliTranslator } from '../language.js';
import { openSession } from '../session.js';

export const purgeCommand: CliCommand = {
  name: 'purge',
  summary: 'erase participants whose retention period is over (the running bot does it daily)',
  usage: 'purge [--dry-run] [--program SLUG]',
  help: `Mentorship records are kept for the program's retention period (rules.retentionYears,
default 7) after a participant's program ended — their end date, or the day they were
withdrawn or completed if earlier — or after the last thing recorded about them, if later;
then they are erased with everything about them, as /mentorship erase does. The running
bot does this once a day; this command does it now. A pair goes together (their meetings
belong to both); people with an enrollment that has no end date, and anyone also enrolled
in another program, are kept. Each erasure is an audit event (person.purge, via: cli).

Options:
  --dry-run        list who would be erased, and erase nothing
  --program SLUG   a program other than the configured one (e.g. demo)

Examples:
  npm run cli -- purge --dry-run
  npm run cli -- purge`,
  flags: { 'dry-run': { type: 'boolean' }, program: { type: 'string', hint: 'SLUG' } },
  async run(args, io, style) {
    if (args.positionals.length) throw new UsageError(said('cli.noArguments', { command: 'purge', got: args.positionals.join(' ') }), 'purge');
    const dryRun = booleanFlag(args, 'dry-run');
    const session = await openSession(io, { programSlug: stringFlag(args, 'program') });
    try {
      const { ctx, locale } = session;
      const tr = cliTranslator(locale);
      const people = await purgeExpired(ctx, programOffice(ctx), { dryRun });
      const years = ctx.program.rules.retentionYears;
      if (people.length === 0) {
        say(io, tr('cli.purge.nobody', { program: ctx.program.name, years }));
        return 0;
      }
      say(io, tr(dryRun ? 'cli.purge.wouldErase' : 'cli.purge.erased', { participants: people.length, program: ctx.program.name, years }));
      say(
        io,
        table(
          [tr('cli.purge.column.name'), tr('cli.purge.column.ended'), tr('cli.purge.column.purgeFrom')],
          people.map((p) => [p.name, formatDate(locale, p.ended), formatDate(locale, p.purgeFrom)]),
          style,
        ),
      );
      if (dryRun) say(io, tr('cli.purge.nothingErased'));
      return 0;
    } finally {
      await session.close();
    }
  },
};
