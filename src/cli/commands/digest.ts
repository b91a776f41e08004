import { postDigestNow, printDigest } from '../../scheduler/digest.js';
import { said } from '../../core/i18n/translate.js';
import { booleanFlag, stringFlag, UsageError } from '../args.js';
import { say, type CliCommand } from '../command.js';
import { cliTranslator } from '../language.js';
import { elsewhereHint, openSession } from '../session.js';

export const digestCommand: CliCommand = {
  name: 'digest',
  summary: "print the coordinators' digest, or post it to the digest channels now",
  usage: 'digest --print | --post [--program SLUG]',
  help: `The coordinators' digest as of now: totals, pairs overdue, reflections outstanding, CPD
behind pace, unconfirmed meetings, completions coming up. It names people who are behind:
print it only where coordinators read it.

Options:
  --print          print it here
  --post           queue it to every digest channel of the program (chosen in chat with
                   /mentorship channel); the running bot delivers it within a minute
  --program SLUG   a program other than the configured one (e.g. demo)

Examples:
  npm run cli -- digest --print
  npm run cli -- digest --post`,
  flags: { print: { type: 'boolean' }, post: { type: 'boolean' }, program: { type: 'string', hint: 'SLUG' } },
  async run(args, io) {
    const print = booleanFlag(args, 'print');
    const post = booleanFlag(args, 'post');
    if (print === post) throw new UsageError(said('cli.digest.printOrPost'), 'digest');
    if (args.positionals.length) throw new UsageError(said('cli.noArguments', { command: 'digest', got: args.positionals.join(' ') }), 'digest');
    const session = await openSession(io, { programSlug: stringFlag(args, 'program') });
    const tr = cliTranslator(session.locale);
    try {
      if (print) {
        io.stdout.write(await printDigest(session.ctx));
        const hint = await elsewhereHint(session.ctx, 'digest --print');
        if (hint) io.stderr.write(`${hint}\n`);
        return 0;
      }
      const queued = await postDigestNow(session.ctx);
      if (queued === 0) {
        io.stderr.write(`${tr('cli.digest.noChannel', { program: session.ctx.program.name })}\n`);
        return 1;
      }
      say(io, tr('cli.digest.queued', { channels: queued }));
      return 0;
    } finally {
      await session.close();
    }
  },
};
