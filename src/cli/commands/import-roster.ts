import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { roleLabel } from '../../core/i18n/labels.js';
import type { Locale } from '../../core/i18n/locale.js';
import { render, said, type MessageKey } from '../../core/i18n/translate.js';
import { importRoster, type ImportResult, type RowOutcome } from '../../core/services/roster-import.service.js';
import { booleanFlag, UsageError } from '../args.js';
import { say, type CliCommand } from '../command.js';
import { paint, table, type Style } from '../format.js';
import type { CliIo } from '../io.js';
import { programOffice } from '../operator.js';
import { fileErrorReason } from '../file-errors.js';
import { cliTranslator, configuredLocale, type CliTranslate } from '../language.js';
import { problemLine, readRosterCsv } from '../roster-file.js';
import { openSession } from '../session.js';

export const importRosterCommand: CliCommand = {
  name: 'import-roster',
  summary: 'enroll and pair people from a CSV roster (all or nothing; --dry-run to preview)',
  usage: 'import-roster <file.csv> [--dry-run] [--program <slug>] [--verbose]',
  help: `Reads a roster with a header row and one row per person and role:

  name,email,role,pathway,start,end,mentor_email,slack_user_id,teams_user_id

  role           mentee, mentor or coordinator (a second role goes on a second row)
  pathway        PRA-MB-FP, MLPIMG or PRA-MB-SP; required for mentees, empty for coordinators
  start, end     YYYY-MM-DD; start empty = today (kept on re-import); a mentee's end empty =
                 start + the program length (12 months by default)
  mentor_email   mentees only: their mentor, on a mentor row of this file or already a mentor
  slack_user_id  TEAM:USER (e.g. T0123ABCD:U0456EFGH), or just USER when SLACK_TEAM_ID is set
  teams_user_id  TENANT:AAD-OBJECT-ID, or just the object id when TEAMS_APP_TENANT_ID is set
  language       optional column: en or fr, the language the bot uses with the person (empty =
                 their own /language choice, else their platform's, else the program's)

UTF-8 with or without BOM; comma or semicolon (detected); quoted values may hold separators,
quotes ("") and line breaks. Every problem is listed with its line, column, what was expected
and an example, and a file with any problem changes nothing. A valid file is applied in one
transaction: people are created or updated by email, enrollments by person and role, mentees
are paired with the mentor named (a different mentor named later replaces the old pairing).
Importing the same file again changes nothing. People not in the file are left alone.

Options:
  --dry-run          check and show what would change, then change nothing
  --program <slug>   a program other than the configured one
  --verbose          list every row, with what changed

Examples:
  npm run cli -- import-roster roster-2026.csv --dry-run
  npm run cli -- import-roster roster-2026.csv`,
  flags: { 'dry-run': { type: 'boolean' }, program: { type: 'string', hint: 'SLUG' }, verbose: { type: 'boolean' } },
  async run(args, io, style) {
    const [file, ...extra] = args.positionals;
    if (!file) throw new UsageError(said('cli.import.whichFile'), 'import-roster');
    if (extra.length) throw new UsageError(said('cli.import.oneFile', { extra: extra.join(' ') }), 'import-roster');
    const path = resolve(io.cwd, file);
    // The file is read before the store is opened: its problems are in the configured program's language.
    const fileLocale = await configuredLocale(io);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      io.stderr.write(`${cliTranslator(fileLocale)('cli.import.cannotRead', { path, reason: fileErrorReason(error, path) })}\n`);
      return 1;
    }
    const parsed = readRosterCsv(text, fileLocale);
    // Without its required columns the rows cannot be read; any other problem of the file is
    // listed together with those of the rows.
    if (parsed.problems.length > 0 && !parsed.rowsReadable) {
      reportProblems(io, file, parsed.problems.map(problemLine(fileLocale)), style, fileLocale);
      return 1;
    }
    const session = await openSession(io, { programSlug: typeof args.flags.program === 'string' ? args.flags.program : undefined });
    try {
      const dryRun = booleanFlag(args, 'dry-run');
      const result = await importRoster(session.ctx, programOffice(session.ctx), parsed.rows, {
        dryRun,
        slackTeamId: io.env.SLACK_TEAM_ID?.trim() || undefined,
        teamsTenantId: session.env.TEAMS_APP_TENANT_ID,
        fileProblems: parsed.problems,
      });
      if (!result.ok) {
        reportProblems(io, file, result.problems.map(problemLine(session.locale)), style, session.locale);
        return 1;
      }
      printResult(io, result, session.ctx.program.name, booleanFlag(args, 'verbose'), style, session.locale);
      return 0;
    } finally {
      await session.close();
    }
  },
};

function reportProblems(io: CliIo, file: string, lines: string[], style: Style, locale: Locale): void {
  const tr = cliTranslator(locale);
  io.stderr.write(`${paint(style, 'red', tr('cli.import.problems', { file, problems: lines.length }))}\n`);
  for (const line of lines) io.stderr.write(`  ${line}\n`);
  io.stderr.write(`${tr('cli.import.correct')}\n`);
}

const OUTCOME_KEYS: Readonly<Record<RowOutcome, MessageKey>> = {
  created: 'cli.import.outcome.created',
  updated: 'cli.import.outcome.updated',
  unchanged: 'cli.import.outcome.unchanged',
};

function printResult(io: CliIo, result: ImportResult, programName: string, verbose: boolean, style: Style, locale: Locale): void {
  const tr = cliTranslator(locale);
  const s = result.summary;
  const rows = verbose ? result.rows : result.rows.filter((r) => r.outcome !== 'unchanged');
  if (rows.length) {
    say(
      io,
      table(
        [{ header: tr('cli.import.column.line'), align: 'right' }, tr('cli.import.column.name'), tr('cli.import.column.role'), tr(result.dryRun ? 'cli.import.column.wouldBe' : 'cli.import.column.outcome'), tr('cli.import.column.changes')],
        rows.map((r) => [String(r.line), r.name, roleLabel(locale, r.role).toLowerCase(), colourOutcome(r.outcome, style, tr), r.changes.map((c) => render(locale, c)).join('; ')]),
        style,
      ),
    );
    say(io);
  }
  const counts = said('cli.import.counts', { ...s });
  if (result.dryRun) say(io, tr('cli.import.dryRun', { program: programName, counts }));
  else if (s.created + s.updated + s.paired + s.unpaired === 0) say(io, tr('cli.import.upToDate', { program: programName, counts }));
  else say(io, tr('cli.import.imported', { program: programName, counts }));
}

function colourOutcome(outcome: RowOutcome, style: Style, tr: CliTranslate): string {
  const word = tr(OUTCOME_KEYS[outcome]);
  return outcome === 'created' ? paint(style, 'green', word) : outcome === 'updated' ? paint(style, 'yellow', word) : word;
}
