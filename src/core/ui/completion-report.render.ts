// The completion report written out as Markdown and as plain text, side by side so that a change to
// one is made to the other. The HTML page is src/cli/report-html.ts: it stays in the command line,
// the only place that writes it, because its charts are drawn by Apache ECharts (cli/report-charts.ts)
// and core takes no drawing library (the chat adapters never send the report as HTML).
import { ruleWord } from '../domain/cpd-rules.js';
import type { CompletionReport } from '../services/completion-report.service.js';
import { formatDate, formatHours, formatNumber } from '../i18n/format.js';
import type { Locale } from '../i18n/locale.js';
import { t, type MessageKey } from '../i18n/translate.js';

/** An activity's hours or units, as the reader writes them. */
export const amountText = (locale: Locale, a: { hours: number | null; units: number | null; unit: string | null }): string =>
  a.hours !== null ? formatHours(locale, a.hours) : a.units !== null ? `${formatNumber(locale, a.units)} ${a.unit ?? ''}`.trim() : '—';

const mdCell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

/** What both renderers write with, in the report's language: its words, dates and numbers. */
function writers(r: CompletionReport) {
  const L = r.locale;
  return {
    L,
    tr: (key: MessageKey, values?: Parameters<typeof t>[2]) => t(L, key, values),
    d: (iso: string) => formatDate(L, iso),
    n: (x: number) => formatNumber(L, x),
  };
}

export function completionReportMarkdown(r: CompletionReport): string {
  const { L, tr, d, n } = writers(r);
  const word = r.cpd.certifiedWord;
  const p = r.person;
  const out: string[] = [];
  out.push(`# ${tr('report.title', { name: p.name })}`, '');
  out.push(tr('report.generated', { program: r.programName, date: d(r.generatedOn) }), '');
  out.push(`- **${tr('report.label.pathway')}** ${p.pathway ?? '—'}`);
  out.push(`- **${tr('report.label.program')}** ${tr('report.programSpan', { start: d(p.startDate), end: p.endDate ? d(p.endDate) : '—', status: p.status })}`);
  out.push(`- **${tr('report.label.mentors', { n: r.mentors.length })}** ${r.mentors.join(', ') || '—'}`);
  out.push(`- **${tr('report.label.status')}** ${tr(r.complete ? 'report.allMet' : 'report.outstanding')}`, '');
  out.push(`## ${tr('report.meetings')}`, '');
  out.push(tr('report.meetingsDone', { done: r.progress.meetings.done, required: r.progress.meetings.required }), '');
  if (r.meetings.length) {
    out.push(`| ${[tr('report.col.date'), tr('report.col.mentor'), tr('report.col.minutes'), tr('report.col.format'), tr('report.col.topics'), tr('report.col.canmeds'), tr('report.col.confirmation')].join(' | ')} |`, '|---|---|---|---|---|---|---|');
    for (const m of r.meetings) out.push(`| ${d(m.date)} | ${mdCell(m.mentor)} | ${m.minutes} | ${m.format} | ${mdCell(m.topics)} | ${m.roles.join(', ')} | ${m.confirmation} |`);
    out.push('');
  }
  out.push(`## ${tr('report.cpd', { system: r.cpd.system })}`, '');
  out.push(tr('report.cpdCredits', { credits: n(r.cpd.credits), target: n(r.cpd.target), certified: n(r.cpd.certifiedCredits), word }), '');
  for (const y of r.cpd.creditYears) {
    out.push(`- ${tr('report.creditYear', { year: y.label, credits: n(y.credits), minimum: n(y.minimum), met: y.met ? 'yes' : 'no', report: y.reportBy ? 'yes' : 'no', reportBy: y.reportBy ? d(y.reportBy) : '' })}`);
  }
  for (const g of r.progress.cpd.cycle) out.push(`- ${tr('report.cycle', { label: ruleWord(L, g), have: n(g.have), need: n(g.need), unit: g.unit, met: g.met ? 'yes' : 'no' })}`);
  if (r.cpd.creditYears.length || r.progress.cpd.cycle.length) out.push('');
  out.push(`| ${[tr('report.col.category'), tr('report.col.activities'), tr('report.col.credits'), tr('report.col.certifiedCredits', { word })].join(' | ')} |`, '|---|---|---|---|');
  for (const c of r.cpd.byCategory) out.push(`| ${c.category} | ${c.activities} | ${n(c.credits)} | ${n(c.certifiedCredits)} |`);
  out.push('');
  if (r.cpd.activities.length) {
    out.push(`| ${[tr('report.col.date'), tr('report.col.activity'), tr('report.col.category'), tr('report.col.type'), tr('report.col.certified', { word }), tr('report.col.amount'), tr('report.col.credits')].join(' | ')} |`, '|---|---|---|---|---|---|---|');
    for (const a of r.cpd.activities) out.push(`| ${d(a.date)} | ${mdCell(a.title)} | ${a.category} | ${mdCell(a.activityType)} | ${tr(a.certified ? 'report.yes' : 'report.no')} | ${amountText(L, a)} | ${n(a.credits)} |`);
    out.push('');
  }
  out.push(`## ${tr('report.reflections')}`, '');
  out.push(tr('report.reflectionsCount', { answered: r.reflections.answered, outstanding: r.reflections.outstanding }), '');
  for (const x of r.reflections.items) {
    out.push(`- ${tr('report.reflectionLine', {
      date: x.answeredOn ? d(x.answeredOn) : '—',
      kind: x.kind,
      hasAbout: x.about ? 'yes' : 'no',
      about: mdCell(x.about),
      hasRoles: x.roles.length ? 'yes' : 'no',
      roles: x.roles.join(', '),
      hasOutcome: x.outcome ? 'yes' : 'no',
      outcome: x.outcome ?? '',
    })}`);
  }
  if (r.reflections.items.length) out.push('');
  out.push(`## ${tr('report.goals')}`, '');
  if (r.goals.length === 0) out.push(tr('report.noGoals'));
  for (const g of r.goals) out.push(`- ${tr('report.goal', { title: mdCell(g.title), status: g.status, hasTarget: g.targetDate ? 'yes' : 'no', target: g.targetDate ? d(g.targetDate) : '', hasRoles: g.roles.length ? 'yes' : 'no', roles: g.roles.join(', ') })}`);
  out.push('');
  out.push(`## ${tr('report.rolesTouched')}`, '', r.rolesTouched.join(', ') || tr('report.noneRecorded'), '');
  out.push(`## ${tr('report.missing')}`, '');
  if (r.missing.length === 0) out.push(tr('report.nothingMissing'));
  for (const m of r.missing) out.push(`- ${m}`);
  return `${out.join('\n')}\n`;
}

export function completionReportText(r: CompletionReport): string {
  const { L, tr, d, n } = writers(r);
  const word = r.cpd.certifiedWord;
  const p = r.person;
  const out: string[] = [];
  const title = tr('report.title', { name: p.name });
  out.push(title, '='.repeat(title.length));
  out.push(tr('report.text.generated', { program: r.programName, date: d(r.generatedOn) }));
  out.push(tr('report.text.pathwayProgram', { pathway: p.pathway ?? '-', start: d(p.startDate), end: p.endDate ? d(p.endDate) : '-', status: p.status }));
  out.push(tr('report.text.mentors', { mentors: r.mentors.join(', ') || '-' }));
  out.push(tr('report.text.status', { complete: r.complete ? 'yes' : 'no' }), '');
  out.push(tr('report.text.meetings', { done: r.progress.meetings.done, required: r.progress.meetings.required }));
  for (const m of r.meetings) out.push(`  ${d(m.date)}  ${tr('report.text.minutes', { n: m.minutes })}  ${m.format.padEnd(9)} ${m.mentor}: ${m.topics.replace(/\s+/g, ' ')}${m.confirmed ? '' : ` [${m.confirmation}]`}`);
  out.push('', tr('report.text.cpd', { system: r.cpd.system, credits: n(r.cpd.credits), target: n(r.cpd.target), certified: n(r.cpd.certifiedCredits), word }));
  for (const y of r.cpd.creditYears) {
    out.push(`  ${tr('report.text.creditYear', { year: y.label, credits: n(y.credits), minimum: n(y.minimum), met: y.met ? 'yes' : 'no', report: y.reportBy ? 'yes' : 'no', reportBy: y.reportBy ? d(y.reportBy) : '' })}`);
  }
  for (const g of r.progress.cpd.cycle) out.push(`  ${tr('report.text.cycle', { label: ruleWord(L, g), have: n(g.have), need: n(g.need), unit: g.unit, met: g.met ? 'yes' : 'no' })}`);
  const width = Math.max(...r.cpd.byCategory.map((c) => c.category.length));
  for (const c of r.cpd.byCategory) {
    out.push(`  ${c.category.padEnd(width)}  ${tr('report.text.category', { activities: String(c.activities).padStart(3), n: c.activities, credits: n(c.credits).padStart(6) })}`);
  }
  out.push('', tr('report.text.reflections', { answered: r.reflections.answered, outstanding: r.reflections.outstanding }));
  out.push(tr('report.text.goals', { goals: r.goals.length ? r.goals.map((g) => `${g.title} (${g.status})`).join('; ') : tr('report.text.noneRecorded') }));
  out.push(tr('report.text.roles', { roles: r.rolesTouched.join(', ') || tr('report.text.noneRecorded') }), '');
  out.push(tr('report.text.missing'));
  if (r.missing.length === 0) out.push(`  ${tr('report.text.nothingMissing')}`);
  for (const m of r.missing) out.push(`  - ${m}`);
  return `${out.join('\n')}\n`;
}
