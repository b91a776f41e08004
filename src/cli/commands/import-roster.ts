import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ROLE_LABELS } from '../../core/domain/enums.js';
import { importRoster, type ImportResult } from '../../core/services/roster-import.service.js';
import { booleanFlag, UsageError } from '../args.js';
import { say, type CliCommand } from '../command.js';
import { paint, table, type Style } from '../format.js';
import type { CliIo } from '../io.js';
import { programOffice } from '../operator.js';
import { fileErrorReason } from '../file-errors.js';
import { formatProblem, readRosterCsv } from '../roster-file.js';
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
    if (!file) throw new UsageError('which file? expected a CSV roster, e.g. import-roster roster-2026.csv', 'import-roster');
    if (extra.length) throw new UsageError(`one file at a time: got also ${extra.join(' ')}`, 'import-roster');
    const path = resolve(io.cwd, file);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      io.stderr.write(`Cannot read ${path}: ${fileErrorReason(error, path)}; expected a CSV roster file, e.g. roster-2026.csv\n`);
      return 1;
    }
    const parsed = readRosterCsv(text);
    // Without its required columns the rows cannot be read; any other problem of the file is
    // listed together with those of the rows.
    if (parsed.problems.length > 0 && !parsed.rowsReadable) {
      reportProblems(io, file, parsed.problems.map(formatProblem), style);
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
        reportProblems(io, file, result.problems.map(formatProblem), style);
        return 1;
      }
      printResult(io, result, session.ctx.program.name, booleanFlag(args, 'verbose'), style);
      return 0;
    } finally {
      await session.close();
    }
  },
};

function reportProblems(io: CliIo, file: string, lines: string[], style: Style): void {
  io.stderr.write(`${paint(style, 'red', `${file}: ${lines.length} problem${lines.length === 1 ? '' : 's'}; nothing was imported.`)}\n`);
  for (const line of lines) io.stderr.write(`  ${line}\n`);
  io.stderr.write('Correct the file and run the command again (add --dry-run to check without importing).\n');
}

function printResult(io: CliIo, result: ImportResult, programName: string, verbose: boolean, style: Style): void {
  const s = result.summary;
  const rows = verbose ? result.rows : result.rows.filter((r) => r.outcome !== 'unchanged');
  if (rows.length) {
    say(
      io,
      table(
        [{ header: 'line', align: 'right' }, 'name', 'role', result.dryRun ? 'would be' : 'outcome', 'changes'],
        rows.map((r) => [String(r.line), r.name, ROLE_LABELS[r.role].toLowerCase(), colourOutcome(r.outcome, style), r.changes.join('; ')]),
        style,
      ),
    );
    say(io);
  }
  const counts = `${s.created} created, ${s.updated} updated, ${s.unchanged} unchanged, ${s.paired} paired${s.unpaired ? `, ${s.unpaired} pairing${s.unpaired === 1 ? '' : 's'} ended` : ''}`;
  if (result.dryRun) say(io, `Dry run for ${programName}: would be ${counts}. Nothing was changed.`);
  else if (s.created + s.updated + s.paired + s.unpaired === 0) say(io, `${programName}: the roster is already up to date (${counts}).`);
  else say(io, `Imported into ${programName}: ${counts}.`);
}

function colourOutcome(outcome: string, style: Style): string {
  return outcome === 'created' ? paint(style, 'green', outcome) : outcome === 'updated' ? paint(style, 'yellow', outcome) : outcome;
}
