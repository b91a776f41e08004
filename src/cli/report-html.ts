// A participant's completion report as a standalone HTML page, fit to print or attach for the
// college. Every value from the store is escaped; nothing is loaded from anywhere else.
import type { CompletionReport } from '../core/services/export.service.js';
import { formatAmount } from './format.js';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const e = escapeHtml;

function htmlTable(headers: string[], rows: (string | number)[][], numeric: number[] = []): string {
  const th = headers.map((h, i) => `<th${numeric.includes(i) ? ' class="num"' : ''}>${e(h)}</th>`).join('');
  const body = rows
    .map((r) => `<tr>${r.map((c, i) => `<td${numeric.includes(i) ? ' class="num"' : ''}>${e(String(c))}</td>`).join('')}</tr>`)
    .join('\n');
  return `<table>\n<thead><tr>${th}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

function meter(label: string, value: number, max: number): string {
  const pct = max > 0 ? Math.min(100, Math.round((value / max) * 100)) : value > 0 ? 100 : 0;
  return `<p class="meter"><span>${e(label)}</span> <progress value="${pct}" max="100">${pct}%</progress> ${e(formatAmount(value))} of ${e(formatAmount(max))}</p>`;
}

export function completionReportHtml(r: CompletionReport): string {
  const p = r.person;
  const m = r.progress.meetings;
  const parts: string[] = [];
  parts.push(`<h1>Completion report: ${e(p.name)}</h1>`);
  parts.push(`<p class="sub">${e(r.programName)}. Generated on ${e(r.generatedOn)}.</p>`);
  parts.push(
    '<dl>',
    `<dt>Email</dt><dd>${e(p.email ?? '—')}</dd>`,
    `<dt>Pathway</dt><dd>${e(p.pathway ?? '—')}</dd>`,
    `<dt>Program</dt><dd>${e(p.startDate)} to ${e(p.endDate ?? '—')} (${e(p.status)})</dd>`,
    `<dt>Mentor${r.mentors.length === 1 ? '' : 's'}</dt><dd>${e(r.mentors.join(', ') || '—')}</dd>`,
    `<dt>Status</dt><dd class="${r.complete ? 'ok' : 'due'}">${r.complete ? 'All requirements met' : 'Requirements outstanding'}</dd>`,
    '</dl>',
  );
  parts.push(meter('Meetings', m.done, m.required), meter(`CPD credits (${r.cpd.system})`, r.cpd.credits, r.cpd.target));

  parts.push('<h2>Meetings</h2>');
  parts.push(
    r.meetings.length
      ? htmlTable(['Date', 'Mentor', 'Minutes', 'Format', 'Topics', 'CanMEDS roles', 'Confirmation'], r.meetings.map((x) => [x.date, x.mentor, x.minutes, x.format, x.topics, x.roles.join(', '), x.confirmation]), [2])
      : '<p>No meetings recorded.</p>',
  );

  parts.push(`<h2>CPD (${e(r.cpd.system)})</h2>`);
  parts.push(`<p>${e(formatAmount(r.cpd.credits))} of ${e(formatAmount(r.cpd.target))} credits; ${e(formatAmount(r.cpd.certifiedCredits))} ${e(r.cpd.certifiedWord)}.</p>`);
  parts.push(htmlTable(['Category', 'Activities', 'Credits', `${r.cpd.certifiedWord === 'accredited' ? 'Accredited' : 'Certified'} credits`], r.cpd.byCategory.map((c) => [c.category, c.activities, formatAmount(c.credits), formatAmount(c.certifiedCredits)]), [1, 2, 3]));
  if (r.cpd.activities.length) {
    parts.push(htmlTable(['Date', 'Activity', 'Category', 'Type', r.cpd.certifiedWord === 'accredited' ? 'Accredited' : 'Certified', 'Hours or items', 'Credits'], r.cpd.activities.map((a) => [a.date, a.title, a.category, a.activityType, a.certified ? 'yes' : 'no', a.hours !== null ? `${formatAmount(a.hours)} h` : a.units !== null ? `${formatAmount(a.units)} ${a.unit ?? ''}`.trim() : '', formatAmount(a.credits)]), [5, 6]));
  }

  parts.push('<h2>Reflections</h2>');
  parts.push(`<p>${r.reflections.answered} answered, ${r.reflections.outstanding} outstanding.</p>`);
  if (r.reflections.items.length) {
    parts.push(htmlTable(['Answered', 'Kind', 'About', 'CanMEDS roles', 'Outcome'], r.reflections.items.map((x) => [x.answeredOn ?? '—', x.kind, x.about, x.roles.join(', '), x.outcome ?? '—'])));
  }

  parts.push('<h2>Learning goals</h2>');
  parts.push(
    r.goals.length
      ? `<ul>${r.goals.map((g) => `<li>${e(g.title)} (${e(g.status)}${g.targetDate ? `, target ${e(g.targetDate)}` : ''})${g.roles.length ? `: ${e(g.roles.join(', '))}` : ''}</li>`).join('')}</ul>`
      : '<p>No learning goals recorded.</p>',
  );
  parts.push('<h2>CanMEDS roles touched</h2>', `<p>${e(r.rolesTouched.join(', ') || 'None recorded.')}</p>`);
  parts.push('<h2>What is missing</h2>');
  parts.push(r.missing.length ? `<ul>${r.missing.map((x) => `<li>${e(x)}</li>`).join('')}</ul>` : '<p>Nothing: every requirement is met.</p>');

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Completion report: ${e(p.name)}</title>
<style>
body { font: 15px/1.45 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #1b1b1b; }
h1 { margin-bottom: .2rem; } .sub { color: #555; margin-top: 0; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; } dt { font-weight: 600; } dd { margin: 0; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; } th, td { border: 1px solid #ccc; padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #f3f3f3; } .num { text-align: right; } .ok { color: #186a3b; font-weight: 600; } .due { color: #9a5b00; font-weight: 600; }
.meter span { display: inline-block; min-width: 12rem; } progress { width: 12rem; }
@media print { body { margin: 0; } }
</style>
</head>
<body>
${parts.join('\n')}
</body>
</html>
`;
}
