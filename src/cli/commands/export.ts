import { writeOutFile } from '../file-errors.js';
import { resolve } from 'node:path';
import { EXPORT_KINDS, exportData, isExportKind, type ExportFormat } from '../../core/services/export.service.js';
import { said } from '../../core/i18n/translate.js';
import { booleanFlag, stringFlag, UsageError } from '../args.js';
import { say, type CliCommand } from '../command.js';
import { programOffice } from '../operator.js';
import { cliTranslator } from '../language.js';
import { elsewhereHint, openSession } from '../session.js';

export const exportCommand: CliCommand = {
  name: 'export',
  summary: 'export meetings, CPD, reflections, participants or the program summary (CSV or JSON)',
  usage: `export <${EXPORT_KINDS.join('|')}> [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--format csv|json] [--out FILE] [--program SLUG]`,
  help: `What coordinators report on, as CSV (default; UTF-8 with BOM, opens in Excel) or JSON:

  meetings       every meeting: date, pair, minutes, format, topics, CanMEDS roles (no private notes)
  cpd            every CPD activity: system, category, certified, hours, credits
  reflections    every reflection prompt; the answers only where the mentee shared them
  participants   everyone enrolled, with each mentee's progress and what is missing
  summary        the program-level report a funder asks for: people, meetings, CPD, completion

The command line acts as the program office, with a coordinator's rights in the program.
Every export is recorded as an audit event (actor: none, via: cli).

Options:
  --from, --to        only records dated in this period (inclusive), YYYY-MM-DD
  --format csv|json   default csv
  --out FILE          write to FILE instead of standard output
  --program SLUG      a program other than the configured one (e.g. demo)
  --include-unshared-answers
                      reflections: include answers the mentee did not share (audited as such)

Examples:
  npm run cli -- export summary --from 2026-01-01 --to 2026-12-31
  npm run cli -- export meetings --format json --out meetings.json
  npm run cli -- export participants --program demo`,
  flags: {
    from: { type: 'string', hint: 'YYYY-MM-DD' },
    to: { type: 'string', hint: 'YYYY-MM-DD' },
    format: { type: 'string', values: ['csv', 'json'] },
    out: { type: 'string', hint: 'FILE' },
    program: { type: 'string', hint: 'SLUG' },
    'include-unshared-answers': { type: 'boolean' },
  },
  async run(args, io) {
    const [kind, ...extra] = args.positionals;
    if (!kind) throw new UsageError(said('cli.export.which', { kinds: EXPORT_KINDS.join(', ') }), 'export');
    if (!isExportKind(kind)) throw new UsageError(said('cli.export.notAnExport', { kind, kinds: EXPORT_KINDS.join(', ') }), 'export');
    if (extra.length) throw new UsageError(said('cli.export.oneAtATime', { extra: extra.join(' ') }), 'export');
    const session = await openSession(io, { programSlug: stringFlag(args, 'program') });
    const tr = cliTranslator(session.locale);
    try {
      const file = await exportData(session.ctx, programOffice(session.ctx), kind, {
        format: (stringFlag(args, 'format') ?? 'csv') as ExportFormat,
        from: stringFlag(args, 'from'),
        to: stringFlag(args, 'to'),
        includeUnsharedAnswers: booleanFlag(args, 'include-unshared-answers'),
      });
      const out = stringFlag(args, 'out');
      if (out) {
        const path = resolve(io.cwd, out);
        await writeOutFile(path, file.content);
        say(io, tr('cli.export.writtenTo', { kind, program: session.ctx.program.name, rows: file.rows, path }));
      } else {
        io.stdout.write(file.content);
        io.stderr.write(`${tr('cli.export.written', { kind, program: session.ctx.program.name, rows: file.rows, file: file.filename })}\n`);
      }
      const hint = await elsewhereHint(session.ctx, `export ${kind}`);
      if (hint) io.stderr.write(`${hint}\n`);
      return 0;
    } finally {
      await session.close();
    }
  },
};
