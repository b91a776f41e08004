// The admin command line: `npm run cli -- <command>`. runCli takes the arguments and where to
// write, so tests run commands in-process with buffers instead of spawning `npm`.
import { ConfigError } from '../config/config-error.js';
import { isAppError } from '../core/domain/errors.js';
import { said } from '../core/i18n/translate.js';
import { parseArgs, UsageError } from './args.js';
import type { CliCommand } from './command.js';
import { demoCommand } from './commands/demo.js';
import { digestCommand } from './commands/digest.js';
import { purgeCommand } from './commands/purge.js';
import { exportCommand } from './commands/export.js';
import { importRosterCommand } from './commands/import-roster.js';
import { manifestCommand } from './commands/manifest.js';
import { migrateCommand } from './commands/migrate.js';
import { reachCommand } from './commands/reach.js';
import { reportCommand } from './commands/report.js';
import { heading, padEnd, paint, useColour, type Style } from './format.js';
import type { CliIo } from './io.js';
import { cliText, cliTranslator, configuredLocale } from './language.js';

export const COMMANDS: readonly CliCommand[] = [demoCommand, migrateCommand, importRosterCommand, exportCommand, reportCommand, digestCommand, purgeCommand, manifestCommand, reachCommand];

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

export function overallHelp(style: Style): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    `${heading('Mentorship bot: admin commands', style)}`,
    '',
    'Usage: npm run cli -- <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${padEnd(c.name, width)}  ${c.summary}`),
    '',
    'Every command takes --help. The store is the one `npm start` uses: PostgreSQL at',
    'DATABASE_URL, else the embedded store under DATA_DIR (default ./data); the program comes',
    'from PROGRAM_FILE / COORDINATORS as at start.',
    '',
    'New here? npm run cli -- demo',
    '',
  ].join('\n');
}

export function commandHelp(command: CliCommand, style: Style): string {
  return `${heading(`Usage: npm run cli -- ${command.usage}`, style)}\n\n${command.summary[0]!.toUpperCase()}${command.summary.slice(1)}.\n\n${command.help}\n`;
}

const isHelp = (arg: string) => arg === '--help' || arg === '-h' || arg === 'help';

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const style: Style = { colour: useColour(io.stdout.isTTY, io.env) };
  const errStyle: Style = { colour: useColour((io.stderr as { isTTY?: boolean }).isTTY, io.env) };
  const [name, ...rest] = argv;
  if (name === undefined || isHelp(name)) {
    if (name === 'help' && rest[0]) return runCli([rest[0], '--help'], io);
    io.stdout.write(overallHelp(style));
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const command = COMMANDS.find((c) => c.name === name);
  try {
    if (!command) throw new UsageError(said('cli.unknownCommand', { name, commands: COMMANDS.map((c) => c.name).join(', ') }));
    if (rest.some(isHelp)) {
      io.stdout.write(commandHelp(command, style));
      return EXIT.ok;
    }
    const args = parseArgs(rest, command.flags, command.name);
    return await command.run(args, io, style);
  } catch (error) {
    return await reportError(error, io, errStyle);
  }
}

/** What went wrong, on stderr, in the configured program's language: which input, what was expected. */
async function reportError(error: unknown, io: CliIo, style: Style): Promise<number> {
  const locale = await configuredLocale(io);
  const tr = cliTranslator(locale);
  const label = paint(style, 'red', tr('cli.errorLabel'));
  if (error instanceof UsageError) {
    const usage = error.command ? COMMANDS.find((c) => c.name === error.command)?.usage : undefined;
    io.stderr.write(`${label} ${cliText(locale, error.said)}\n`);
    io.stderr.write(usage ? `${tr('cli.usage', { usage })}\n${tr('cli.usageMore', { command: error.command! })}\n` : `${tr('cli.seeHelp')}\n`);
    return EXIT.usage;
  }
  if (error instanceof ConfigError) {
    io.stderr.write(`${label} ${error.message}\n`);
    return EXIT.failed;
  }
  if (isAppError(error)) {
    io.stderr.write(`${label} ${cliText(locale, error.said)}\n`);
    return EXIT.failed;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr.write(`${label} ${message.split('\n')[0]}\n`);
  if (io.env.DEBUG) io.stderr.write(`${error instanceof Error ? error.stack : ''}\n`);
  return EXIT.failed;
}
