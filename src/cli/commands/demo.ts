import { parseEnv } from '../../config/env.js';
import { assertCanView } from '../../core/services/access.js';
import { createDemo, DEMO_SLUG } from '../../core/services/demo.service.js';
import { menteeProgress } from '../../core/services/progress.service.js';
import { menteeProgressMessage } from '../../core/ui/progress.view.js';
import { printDigest } from '../../scheduler/digest.js';
import { UsageError } from '../args.js';
import { say, type CliCommand } from '../command.js';
import { heading, paint } from '../format.js';
import { programOffice } from '../operator.js';
import { renderMessage } from '../render-message.js';
import { dataDirOf, openCliStore } from '../session.js';

export const demoCommand: CliCommand = {
  name: 'demo',
  summary: 'build a demonstration program with fictional people and show its digest',
  usage: 'demo',
  help: `Builds a demonstration program (slug "demo", apart from your real program) with a
coordinator, 3 mentors and 6 mentees — all fictional, emails @demo.example.org — and five
months of meetings, CPD activities, learning goals and reflections, made through the same
core services as the chat commands, with a fixed random seed, ending today: every run gives
the same program, shifted to today's date, so the digest, exports and reports you run next
tell the same story. Then prints the coordinators' digest and one mentee's progress.

Needs no setup: it uses the embedded store under DATA_DIR (default ./data), or DATABASE_URL.
Running it again rebuilds the demo; nothing of the demo is ever sent to anyone.

Afterwards, try:
  npm run cli -- export summary --program demo
  npm run cli -- report dahlia.demo@demo.example.org --program demo --format markdown`,
  flags: {},
  async run(args, io, style) {
    if (args.positionals.length) throw new UsageError(`demo takes no arguments: got ${args.positionals.join(' ')}`, 'demo');
    const env = parseEnv(io.env);
    const where = env.DATABASE_URL ? 'the PostgreSQL database at DATABASE_URL' : `the embedded store in ${dataDirOf(env)}`;
    const { store, owned } = await openCliStore(io, env);
    try {
      say(io, paint(style, 'dim', `Building the demo program in ${where}…`));
      const demo = await createDemo(store.prisma, { clock: io.clock });
      const { ctx, counts } = demo;
      say(
        io,
        `${heading(ctx.program.name, style)}: ${counts.mentors} mentors, ${counts.mentees} mentees, ${counts.meetings} meetings, ` +
          `${counts.cpdActivities} CPD activities, ${counts.reflections} reflections answered, ${counts.goals} learning goals (all fictional).`,
      );
      say(io, paint(style, 'dim', `As of today, ${demo.today}: the same numbers as the commands below.`));
      say(io);
      io.stdout.write(await printDigest(ctx));
      say(io);

      await assertCanView(ctx, programOffice(ctx), demo.featuredMenteeId, { action: 'progress.view' });
      const progress = await menteeProgress(ctx, demo.featuredMenteeId);
      const message = menteeProgressMessage(progress, { audience: 'coordinator' });
      io.stdout.write(renderMessage(message, style));
      say(io);
      say(io, 'Next:');
      say(io, `  npm run cli -- export summary --program ${DEMO_SLUG}`);
      say(io, `  npm run cli -- report ${progress.email ?? ''} --program ${DEMO_SLUG}`);
      say(io, `  npm run cli -- digest --print --program ${DEMO_SLUG}`);
      return 0;
    } finally {
      if (owned) await store.close();
    }
  },
};
