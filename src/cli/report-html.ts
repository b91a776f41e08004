// A participant's completion report as a standalone HTML page, fit to print or attach for the
// college. Every value from the store is escaped; nothing is loaded from anywhere else.
import type { CompletionReport } from '../core/services/export.service.js';
import { formatAmount } from './format.js';
import { completionReportCharts } from './report-charts.js';

/** Who signs the report and whom the college may ask: from the program's coordinators, or given. */
export interface ReportSignOff {
  /** The coordinator who attests the report, e.g. "Morgan Lee, Program Coordinator". */
  coordinator?: string;
  /** The program's contact for the college, e.g. "mentorship@hospital.example, 204-555-0100". */
  contact?: string;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A date never breaks across lines ("2026-/01-14" in a narrow column). */
const date = (text: string): string => `<span class="date">${e(text)}</span>`;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const e = escapeHtml;

/** Text inside a CSS string ("…") in the page footer: no quote, backslash or line break can end it. */
const cssString = (text: string): string => text.replace(/[\\"\n\r<>]/g, ' ');

function htmlTable(headers: string[], rows: (string | number)[][], numeric: number[] = []): string {
  const th = headers.map((h, i) => `<th${numeric.includes(i) ? ' class="num"' : ''}>${e(h)}</th>`).join('');
  const body = rows
    .map((r) => `<tr>${r.map((c, i) => `<td${numeric.includes(i) ? ' class="num"' : ISO_DATE.test(String(c)) ? ' class="date"' : ''}>${e(String(c))}</td>`).join('')}</tr>`)
    .join('\n');
  return `<table>\n<thead><tr>${th}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

function meter(label: string, value: number, max: number): string {
  const pct = max > 0 ? Math.min(100, Math.round((value / max) * 100)) : value > 0 ? 100 : 0;
  return `<p class="meter"><span>${e(label)}</span> <progress value="${pct}" max="100">${pct}%</progress> ${e(formatAmount(value))} of ${e(formatAmount(max))}</p>`;
}

export function completionReportHtml(r: CompletionReport, signOff: ReportSignOff = {}): string {
  const p = r.person;
  const m = r.progress.meetings;
  const parts: string[] = [];
  parts.push(`<h1>Completion report: ${e(p.name)}</h1>`);
  parts.push(`<p class="sub">${e(r.programName)}. Generated on ${date(r.generatedOn)}.</p>`);
  parts.push(
    '<dl>',
    `<dt>Email</dt><dd>${e(p.email ?? '—')}</dd>`,
    `<dt>Pathway</dt><dd>${e(p.pathway ?? '—')}</dd>`,
    `<dt>Program</dt><dd>${date(p.startDate)} to ${p.endDate ? date(p.endDate) : '—'} (${e(p.status)})</dd>`,
    `<dt>Mentor${r.mentors.length === 1 ? '' : 's'}</dt><dd>${e(r.mentors.join(', ') || '—')}</dd>`,
    `<dt>Status</dt><dd class="${r.complete ? 'ok' : 'due'}">${r.complete ? 'All requirements met' : 'Requirements outstanding'}</dd>`,
    '</dl>',
  );
  parts.push(meter('Meetings', m.done, m.required), meter(`CPD credits (${r.cpd.system})`, r.cpd.credits, r.cpd.target));
  const charts = completionReportCharts(r);
  parts.push(
    '<section class="charts">',
    `<figure class="chart">${charts.meetings}<figcaption>Meetings logged (solid) against the pace needed for ${m.required} by the end date (dashed).</figcaption></figure>`,
    `<figure class="chart">${charts.cpd}<figcaption>CPD credits accumulated (solid) against the ${e(formatAmount(r.cpd.target))}-credit target (dashed).</figcaption></figure>`,
    '</section>',
  );

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
      ? `<ul>${r.goals.map((g) => `<li>${e(g.title)} (${e(g.status)}${g.targetDate ? `, target ${date(g.targetDate)}` : ''})${g.roles.length ? `: ${e(g.roles.join(', '))}` : ''}</li>`).join('')}</ul>`
      : '<p>No learning goals recorded.</p>',
  );
  parts.push('<h2>CanMEDS roles touched</h2>', `<p>${e(r.rolesTouched.join(', ') || 'None recorded.')}</p>`);
  parts.push('<h2>What is missing</h2>');
  parts.push(r.missing.length ? `<ul>${r.missing.map((x) => `<li>${e(x)}</li>`).join('')}</ul>` : '<p>Nothing: every requirement is met.</p>');

  parts.push(
    '<section class="attestation">',
    '<h2>Attestation</h2>',
    `<p>I attest that this report is a true record of ${e(p.name)}'s participation in ${e(r.programName)}, as logged by the participant and their mentor${r.mentors.length === 1 ? '' : 's'}.</p>`,
    '<dl class="sign">',
    `<dt>Coordinator</dt><dd class="line">${e(signOff.coordinator ?? '')}</dd>`,
    '<dt>Date</dt><dd class="line"></dd>',
    '<dt>Signature</dt><dd class="line signature"></dd>',
    '</dl>',
    `<p class="contact">Program contact: ${e(signOff.contact || 'the program office')}</p>`,
    '</section>',
  );

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Completion report: ${e(p.name)}</title>
<style>
@page {
  size: A4;
  margin: 16mm 15mm 20mm;
  @bottom-left { content: "Completion report: ${cssString(p.name)} · ${cssString(r.programName)}"; font: 9pt system-ui, sans-serif; color: #444; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); font: 9pt system-ui, sans-serif; color: #444; }
}
body { font: 15px/1.45 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #1b1b1b; }
h1 { margin-bottom: .2rem; } .sub { color: #555; margin-top: 0; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; } dt { font-weight: 600; } dd { margin: 0; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; } th, td { border: 1px solid #ccc; padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #f3f3f3; } .num { text-align: right; } .ok { color: #186a3b; font-weight: 600; } .due { color: #9a5b00; font-weight: 600; }
.meter span { display: inline-block; min-width: 12rem; } progress { width: 12rem; }
.date, td.date { white-space: nowrap; }
.charts { display: grid; gap: 1rem; } figure.chart { margin: 0; } figure.chart svg { max-width: 100%; height: auto; } figcaption { font-size: 13px; color: #333; }
.attestation { margin-top: 2rem; } dl.sign { grid-template-columns: 8rem 20rem; row-gap: 1.4rem; } dd.line { border-bottom: 1px solid #1b1b1b; min-height: 1.4rem; } dd.signature { min-height: 2.6rem; }
.contact { margin-top: 1.5rem; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  h1, h2 { break-after: avoid; page-break-after: avoid; }
  h2 + * { break-before: avoid; page-break-before: avoid; }
  tr, figure.chart, .attestation, .meter { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  progress { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
</style>
</head>
<body>
${parts.join('\n')}
</body>
</html>
`;
}
