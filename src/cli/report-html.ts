// A participant's completion report as a standalone HTML page, fit to print or attach for the
// college, in the report's language (its lang attribute too). Every value from the store is escaped;
// nothing is loaded from anywhere else.
import type { CompletionReport } from '../core/services/completion-report.service.js';
import { amountText } from '../core/ui/completion-report.render.js';
import { formatDate, formatNumber } from '../core/i18n/format.js';
import { INTL_LOCALE, type Locale } from '../core/i18n/locale.js';
import { t, type MessageKey, type MessageValues } from '../core/i18n/translate.js';
import { completionReportCharts } from './report-charts.js';

/** Who signs the report and whom the college may ask: from the program's coordinators, or given. */
export interface ReportSignOff {
  /** The coordinator who attests the report, e.g. "Morgan Lee, Program Coordinator". */
  coordinator?: string;
  /** The program's contact for the college, e.g. "mentorship@hospital.example, 204-555-0100". */
  contact?: string;
}

/** A date never breaks across lines ("2026-/01-14", "15 juin / 2026" in a narrow column). */
const dateSpan = (locale: Locale, iso: string): string => `<span class="date">${e(formatDate(locale, iso))}</span>`;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const e = escapeHtml;

/** Text inside a CSS string ("…") in the page footer: no quote, backslash or line break can end it. */
const cssString = (text: string): string => text.replace(/[\\"\n\r<>]/g, ' ');

/** `dates`: the columns holding dates (already written for the reader), kept on one line. */
function htmlTable(headers: string[], rows: (string | number)[][], numeric: number[] = [], dates: number[] = []): string {
  const th = headers.map((h, i) => `<th${numeric.includes(i) ? ' class="num"' : ''}>${e(h)}</th>`).join('');
  const body = rows
    .map((r) => `<tr>${r.map((c, i) => `<td${numeric.includes(i) ? ' class="num"' : dates.includes(i) ? ' class="date"' : ''}>${e(String(c))}</td>`).join('')}</tr>`)
    .join('\n');
  return `<table>\n<thead><tr>${th}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

function meter(locale: Locale, label: string, value: number, max: number): string {
  const pct = max > 0 ? Math.min(100, Math.round((value / max) * 100)) : value > 0 ? 100 : 0;
  const amount = t(locale, 'report.html.meter', { value: formatNumber(locale, value), max: formatNumber(locale, max) });
  return `<p class="meter"><span>${e(label)}</span> <progress value="${pct}" max="100">${pct}%</progress> ${e(amount)}</p>`;
}

export function completionReportHtml(r: CompletionReport, signOff: ReportSignOff = {}): string {
  const L = r.locale;
  /** Catalogue text, escaped: values from the store are escaped first, then the whole (no markup in the catalogue). */
  const tr = (key: MessageKey, values?: MessageValues): string => e(t(L, key, values));
  const date = (iso: string) => dateSpan(L, iso);
  const d = (iso: string) => formatDate(L, iso);
  const n = (x: number) => formatNumber(L, x);
  const word = r.cpd.certifiedWord;
  const p = r.person;
  const m = r.progress.meetings;
  const parts: string[] = [];
  parts.push(`<h1>${tr('report.title', { name: p.name })}</h1>`);
  parts.push(`<p class="sub">${e(t(L, 'report.generated', { program: r.programName, date: '\u0000' })).replace('\u0000', date(r.generatedOn))}</p>`);
  parts.push(
    '<dl>',
    `<dt>${tr('report.html.email')}</dt><dd>${e(p.email ?? '—')}</dd>`,
    `<dt>${tr('report.html.pathway')}</dt><dd>${e(p.pathway ?? '—')}</dd>`,
    `<dt>${tr('report.html.program')}</dt><dd>${e(t(L, 'report.programSpan', { start: '\u0000', end: '\u0001', status: p.status })).replace('\u0000', date(p.startDate)).replace('\u0001', p.endDate ? date(p.endDate) : '—')}</dd>`,
    `<dt>${tr('report.html.mentors', { n: r.mentors.length })}</dt><dd>${e(r.mentors.join(', ') || '—')}</dd>`,
    `<dt>${tr('report.html.status')}</dt><dd class="${r.complete ? 'ok' : 'due'}">${tr(r.complete ? 'report.allMet' : 'report.outstanding')}</dd>`,
    '</dl>',
  );
  parts.push(meter(L, t(L, 'report.meetings'), m.done, m.required), meter(L, t(L, 'report.html.cpdMeter', { system: r.cpd.system }), r.cpd.credits, r.cpd.target));
  const charts = completionReportCharts(r);
  parts.push(
    '<section class="charts">',
    `<figure class="chart">${charts.meetings}<figcaption>${tr('report.html.chartMeetings', { n: m.required })}</figcaption></figure>`,
    `<figure class="chart">${charts.cpd}<figcaption>${tr('report.html.chartCpd', { target: n(r.cpd.target) })}</figcaption></figure>`,
    '</section>',
  );

  parts.push(`<h2>${tr('report.meetings')}</h2>`);
  parts.push(
    r.meetings.length
      ? htmlTable(
          [t(L, 'report.col.date'), t(L, 'report.col.mentor'), t(L, 'report.col.minutes'), t(L, 'report.col.format'), t(L, 'report.col.topics'), t(L, 'report.col.canmeds'), t(L, 'report.col.confirmation')],
          r.meetings.map((x) => [d(x.date), x.mentor, x.minutes, x.format, x.topics, x.roles.join(', '), x.confirmation]),
          [2],
          [0],
        )
      : `<p>${tr('report.html.noMeetings')}</p>`,
  );

  parts.push(`<h2>${tr('report.cpd', { system: r.cpd.system })}</h2>`);
  parts.push(`<p>${tr('report.html.cpdCredits', { credits: n(r.cpd.credits), target: n(r.cpd.target), certified: n(r.cpd.certifiedCredits), word })}</p>`);
  parts.push(
    htmlTable(
      [t(L, 'report.col.category'), t(L, 'report.col.activities'), t(L, 'report.col.credits'), t(L, 'report.col.certifiedCredits', { word })],
      r.cpd.byCategory.map((c) => [c.category, c.activities, n(c.credits), n(c.certifiedCredits)]),
      [1, 2, 3],
    ),
  );
  if (r.cpd.activities.length) {
    parts.push(
      htmlTable(
        [t(L, 'report.col.date'), t(L, 'report.col.activity'), t(L, 'report.col.category'), t(L, 'report.col.type'), t(L, 'report.col.certified', { word }), t(L, 'report.col.hoursOrItems'), t(L, 'report.col.credits')],
        r.cpd.activities.map((a) => [d(a.date), a.title, a.category, a.activityType, t(L, a.certified ? 'report.yes' : 'report.no'), a.hours === null && a.units === null ? '' : amountText(L, a), n(a.credits)]),
        [5, 6],
        [0],
      ),
    );
  }

  parts.push(`<h2>${tr('report.reflections')}</h2>`);
  parts.push(`<p>${tr('report.reflectionsCount', { answered: r.reflections.answered, outstanding: r.reflections.outstanding })}</p>`);
  if (r.reflections.items.length) {
    parts.push(
      htmlTable(
        [t(L, 'report.col.answered'), t(L, 'report.col.kind'), t(L, 'report.col.about'), t(L, 'report.col.canmeds'), t(L, 'report.col.outcome')],
        r.reflections.items.map((x) => [x.answeredOn ? d(x.answeredOn) : '—', x.kind, x.about, x.roles.join(', '), x.outcome ?? '—']),
        [],
        [0],
      ),
    );
  }

  parts.push(`<h2>${tr('report.goals')}</h2>`);
  const goal = (g: CompletionReport['goals'][number]): string =>
    e(t(L, 'report.goal', { title: g.title, status: g.status, hasTarget: g.targetDate ? 'yes' : 'no', target: '\u0000', hasRoles: g.roles.length ? 'yes' : 'no', roles: g.roles.join(', ') })).replace(
      '\u0000',
      g.targetDate ? date(g.targetDate) : '',
    );
  parts.push(r.goals.length ? `<ul>${r.goals.map((g) => `<li>${goal(g)}</li>`).join('')}</ul>` : `<p>${tr('report.noGoals')}</p>`);
  parts.push(`<h2>${tr('report.rolesTouched')}</h2>`, `<p>${e(r.rolesTouched.join(', ') || t(L, 'report.noneRecorded'))}</p>`);
  parts.push(`<h2>${tr('report.missing')}</h2>`);
  parts.push(r.missing.length ? `<ul>${r.missing.map((x) => `<li>${e(x)}</li>`).join('')}</ul>` : `<p>${tr('report.nothingMissing')}</p>`);

  parts.push(
    '<section class="attestation">',
    `<h2>${tr('report.html.attestationTitle')}</h2>`,
    `<p>${tr('report.html.attestation', { name: p.name, program: r.programName, n: r.mentors.length })}</p>`,
    '<dl class="sign">',
    `<dt>${tr('report.html.coordinator')}</dt><dd class="line">${e(signOff.coordinator ?? '')}</dd>`,
    `<dt>${tr('report.html.date')}</dt><dd class="line"></dd>`,
    `<dt>${tr('report.html.signature')}</dt><dd class="line signature"></dd>`,
    '</dl>',
    `<p class="contact">${tr('report.html.contact', { contact: signOff.contact || t(L, 'report.html.programOffice') })}</p>`,
    '</section>',
  );
  const title = t(L, 'report.title', { name: p.name });
  // The page number in CSS: the catalogue's words around counter(page) and counter(pages).
  const pageOf = `"${cssString(t(L, 'report.html.pageOf', { page: '\u0000', pages: '\u0001' })).replace('\u0000', '" counter(page) "').replace('\u0001', '" counter(pages) "')}"`.replace(/ ""$/, '');

  return `<!doctype html>
<html lang="${INTL_LOCALE[L]}">
<head>
<meta charset="utf-8">
<title>${e(title)}</title>
<style>
@page {
  size: A4;
  margin: 16mm 15mm 20mm;
  @bottom-left { content: "${cssString(title)} · ${cssString(r.programName)}"; font: 9pt system-ui, sans-serif; color: #444; }
  @bottom-right { content: ${pageOf}; font: 9pt system-ui, sans-serif; color: #444; }
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
