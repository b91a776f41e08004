import { parseEnv } from '../../config/env.js';
import { assertCanView } from '../../core/services/access.js';
import { createDemo, DEMO_SLUG } from '../../core/services/demo.service.js';
import { menteeProgress } from '../../core/services/progress.service.js';
import { menteeProgressMessage } from '../../core/ui/progress.view.js';
import { printDigest } from '../../scheduler/digest.js';
import { said } from '../../core/i18n/translate.js';
import { formatDate } from '../../core/i18n/format.js';
import { INTL_LOCALE } from '../../core/i18n/locale.js';
import { UsageError } from '../args.js';
import { say, type CliCommand } from '../command.js';
import { heading, paint } from '../format.js';
import { cliTranslator, configuredLocale } from '../language.js';
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
    if (args.positionals.length) throw new UsageError(said('cli.noArguments', { command: 'demo', got: args.positionals.join(' ') }), 'demo');
    const env = parseEnv(io.env);
    // The demo speaks the configured program's language, so a French deployment sees a French demo.
    const locale = await configuredLocale(io);
    const tr = cliTranslator(locale);
    const where = env.DATABASE_URL ? tr('cli.store.database') : tr('cli.store.embedded', { dir: dataDirOf(env) });
    const { store, owned } = await openCliStore(io, env);
    try {
      say(io, paint(style, 'dim', tr('cli.demo.building', { where })));
      const demo = await createDemo(store.prisma, { clock: io.clock, locale: INTL_LOCALE[locale] });
      const { ctx, counts } = demo;
      say(io, tr('cli.demo.counts', { program: heading(ctx.program.name, style), ...counts }));
      say(io, paint(style, 'dim', tr('cli.demo.asOfToday', { today: formatDate(locale, demo.today) })));
      say(io);
      io.stdout.write(await printDigest(ctx));
      say(io);

      await assertCanView(ctx, programOffice(ctx), demo.featuredMenteeId, { action: 'progress.view' });
      const progress = await menteeProgress(ctx, demo.featuredMenteeId);
      const message = menteeProgressMessage(progress, { audience: 'coordinator' });
      io.stdout.write(renderMessage(message, style));
      say(io);
      say(io, tr('cli.demo.next'));
      say(io, `  npm run cli -- export summary --program ${DEMO_SLUG}`);
      say(io, `  npm run cli -- report ${progress.email ?? ''} --program ${DEMO_SLUG}`);
      say(io, `  npm run cli -- digest --print --program ${DEMO_SLUG}`);
      return 0;
    } finally {
      if (owned) await store.close();
    }
  },
};
