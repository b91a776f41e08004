import { writeOutFile } from '../file-errors.js';
import { resolve } from 'node:path';
import { completionReport } from '../../core/services/completion-report.service.js';
import { completionReportMarkdown, completionReportText } from '../../core/ui/completion-report.render.js';
import { findPersonByRef } from '../../core/services/person-ref.service.js';
import { isEmail } from '../../core/domain/parse/parse-person.js';
import { said } from '../../core/i18n/translate.js';
import { stringFlag, UsageError } from '../args.js';
import { say, type CliCommand } from '../command.js';
import { displayWidth, padEnd, progressBar } from '../format.js';
import { cliTranslator } from '../language.js';
import { programOffice } from '../operator.js';
import { completionReportHtml } from '../report-html.js';
import { openSession } from '../session.js';

export const reportCommand: CliCommand = {
  name: 'report',
  summary: "a participant's completion report (text, Markdown or HTML)",
  usage: 'report <email> [--format text|markdown|html] [--out FILE] [--program SLUG] [--coordinator NAME] [--contact TEXT]',
  help: `A mentee's completion report, fit to send to the college: meetings, CPD by category
with credits, reflections, learning goals, CanMEDS roles touched, and what is missing.
Private meeting notes and reflection answers are not in it. Viewing it is audited.

Options:
  --format text|markdown|html   default text
  --out FILE                    write to FILE instead of standard output
  --program SLUG                a program other than the configured one (e.g. demo)
  --coordinator NAME            html: the coordinator who signs the attestation (default:
                                the program's coordinator, when there is one)
  --contact TEXT                html: the program contact printed for the college (default:
                                the coordinators' emails)

The HTML report prints on A4 with page numbers, charts of meetings and CPD credits against
the expected pace, and an attestation block to sign; print it to PDF from a browser, or:
  chromium --headless --no-pdf-header-footer --print-to-pdf=report.pdf report.html

Examples:
  npm run cli -- report jane.doe@example.org
  npm run cli -- report jane.doe@example.org --format html --out jane-doe.html`,
  flags: {
    format: { type: 'string', values: ['text', 'markdown', 'html'] },
    out: { type: 'string', hint: 'FILE' },
    program: { type: 'string', hint: 'SLUG' },
    coordinator: { type: 'string', hint: 'NAME' },
    contact: { type: 'string', hint: 'TEXT' },
  },
  async run(args, io, style) {
    const [who, ...extra] = args.positionals;
    if (!who) throw new UsageError(said('cli.report.whose'), 'report');
    if (extra.length) throw new UsageError(said('cli.report.onePerson', { extra: extra.join(' ') }), 'report');
    if (!isEmail(who)) throw new UsageError(said('cli.report.notEmail', { who }), 'report');
    const session = await openSession(io, { programSlug: stringFlag(args, 'program') });
    const tr = cliTranslator(session.locale);
    try {
      const personId = await findPersonByRef(session.ctx, who.toLowerCase());
      const report = await completionReport(session.ctx, programOffice(session.ctx), personId);
      const format = stringFlag(args, 'format') ?? 'text';
      const out = stringFlag(args, 'out');
      let content: string;
      if (format === 'markdown') content = completionReportMarkdown(report);
      else if (format === 'html') {
        const coordinators = await session.ctx.db.enrollment.findMany({
          where: { programId: session.ctx.program.id, role: 'COORDINATOR', status: 'ACTIVE' },
          select: { person: { select: { name: true, email: true } } },
          orderBy: { createdAt: 'asc' },
        });
        content = completionReportHtml(report, {
          coordinator: stringFlag(args, 'coordinator') ?? (coordinators.length === 1 ? coordinators[0]!.person.name : undefined),
          contact: stringFlag(args, 'contact') ?? (coordinators.map((c) => c.person.email).filter((x): x is string => !!x).join(', ') || undefined),
        });
      }
      else {
        const m = report.progress.meetings;
        const labels = [tr('cli.report.meetings'), tr('cli.report.cpdCredits')];
        const width = Math.max(...labels.map(displayWidth)) + 2;
        const bars = [
          `${padEnd(labels[0]!, width)}${progressBar(m.done, m.required, { style })}`,
          `${padEnd(labels[1]!, width)}${progressBar(report.cpd.credits, report.cpd.target, { style })}`,
        ].join('\n');
        content = out ? completionReportText(report) : `${completionReportText(report)}\n${bars}\n`;
      }
      if (out) {
        const path = resolve(io.cwd, out);
        await writeOutFile(path, content);
        say(io, tr('cli.report.wrote', { name: report.person.name, path }));
      } else io.stdout.write(content);
      return 0;
    } finally {
      await session.close();
    }
  },
};
