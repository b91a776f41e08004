import { parseEnv } from '../../config/env.js';
import { safeUrl } from '../../http/logger.js';
import { readMigrationList } from '../../store/migrations.js';
import { say, type CliCommand } from '../command.js';
import { paint } from '../format.js';
import { cliTranslator, configuredLocale } from '../language.js';
import { dataDirOf, openCliStore } from '../session.js';

export const migrateCommand: CliCommand = {
  name: 'migrate',
  summary: 'apply pending database migrations and say which were applied',
  usage: 'migrate',
  help: `Opens the store the environment names — PostgreSQL at DATABASE_URL, or the embedded
PGlite store under DATA_DIR (default ./data) — and applies the migrations in
prisma/migrations that it does not have yet. Safe to run again: the second time nothing
is applied. \`npm start\` does the same at start; run this before a deploy to see it happen.`,
  flags: {},
  async run(_args, io, style) {
    const env = parseEnv(io.env);
    const tr = cliTranslator(await configuredLocale(io));
    const where = env.DATABASE_URL ? tr('cli.store.postgresAt', { url: safeUrl(env.DATABASE_URL) }) : tr('cli.store.embedded', { dir: dataDirOf(env) });
    const { store, applied, owned } = await openCliStore(io, env);
    try {
      const count = (await readMigrationList()).migrationDirectories.length;
      if (applied.length === 0) {
        say(io, tr('cli.migrate.upToDate', { where, migrations: count }));
      } else {
        say(io, tr('cli.migrate.applied', { where, migrations: applied.length }));
        for (const name of applied) say(io, `  ${paint(style, 'green', '✓')} ${name}`);
      }
      return 0;
    } finally {
      if (owned) await store.close();
    }
  },
};
