import { writeOutFile } from '../file-errors.js';
import { resolve } from 'node:path';
import { completionReport, completionReportMarkdown, completionReportText } from '../../core/services/export.service.js';
import { findPersonByRef } from '../../core/services/identity.service.js';
import { isEmail } from '../../core/domain/parse/parse-person.js';
import { stringFlag, UsageError } from '../args.js';
import { say, type CliCommand } from '../command.js';
import { progressBar } from '../format.js';
import { programOffice } from '../operator.js';
import { completionReportHtml } from '../report-html.js';
import { openSession } from '../session.js';

export const reportCommand: CliCommand = {
  name: 'report',
  summary: "a participant's completion report (text, Markdown or HTML)",
  usage: 'report <email> [--format text|markdown|html] [--out FILE] [--program SLUG]',
  help: `A mentee's completion report, fit to send to the college: meetings, CPD by category
with credits, reflections, learning goals, CanMEDS roles touched, and what is missing.
Private meeting notes and reflection answers are not in it. Viewing it is audited.

Options:
  --format text|markdown|html   default text
  --out FILE                    write to FILE instead of standard output
  --program SLUG                a program other than the configured one (e.g. demo)

Examples:
  npm run cli -- report jane.doe@example.org
  npm run cli -- report jane.doe@example.org --format html --out jane-doe.html`,
  flags: { format: { type: 'string', values: ['text', 'markdown', 'html'] }, out: { type: 'string', hint: 'FILE' }, program: { type: 'string', hint: 'SLUG' } },
  async run(args, io, style) {
    const [who, ...extra] = args.positionals;
    if (!who) throw new UsageError("whose report? expected the participant's email, e.g. report jane.doe@example.org", 'report');
    if (extra.length) throw new UsageError(`one person at a time: got also ${extra.join(' ')}`, 'report');
    if (!isEmail(who)) throw new UsageError(`"${who}" is not an email address: expected the participant's email, e.g. report jane.doe@example.org`, 'report');
    const session = await openSession(io, { programSlug: stringFlag(args, 'program') });
    try {
      const personId = await findPersonByRef(session.ctx, who.toLowerCase());
      const report = await completionReport(session.ctx, programOffice(session.ctx), personId);
      const format = stringFlag(args, 'format') ?? 'text';
      const out = stringFlag(args, 'out');
      let content: string;
      if (format === 'markdown') content = completionReportMarkdown(report);
      else if (format === 'html') content = completionReportHtml(report);
      else {
        const m = report.progress.meetings;
        const bars = [
          `Meetings     ${progressBar(m.done, m.required, { style })}`,
          `CPD credits  ${progressBar(report.cpd.credits, report.cpd.target, { style })}`,
        ].join('\n');
        content = out ? completionReportText(report) : `${completionReportText(report)}\n${bars}\n`;
      }
      if (out) {
        const path = resolve(io.cwd, out);
        await writeOutFile(path, content);
        say(io, `Wrote the completion report of ${report.person.name} to ${path}.`);
      } else io.stdout.write(content);
      return 0;
    } finally {
      await session.close();
    }
  },
};
