// Exports for coordinators (CSV or JSON) and the per-participant completion report. Every export
// is an audit event; private meeting notes never leave the bot this way.
// Language: a CSV or JSON export is data for spreadsheets and other programs, so its column headers,
// metric names and coded values (formats, statuses, labels) stay English whatever the reader's
// language, and stay stable across readers; the human sentences in it (what is missing, what a
// reflection is about, the period) are written in the asker's language. The completion report is a
// document for people: every word of it is in the asker's language (CompletionReport.locale).
import { isCalendarDate } from '../domain/time.js';
import type { Actor } from '../actor.js';
import type { CoreContext } from '../context.js';
import { canMedsLabel, type CanMedsRole } from '../domain/canmeds.js';
import { activityTypeRule, categoryRule, creditYearOf, ruleLabel, ruleSetFor, ruleWord } from '../domain/cpd-rules.js';
import {
  CPD_SYSTEMS,
  CPD_SYSTEM_LABELS,
  LEARNING_OUTCOME_LABELS,
  MEETING_FORMAT_LABELS,
  PATHWAY_LABELS,
  ROLE_LABELS,
  type CpdSystem,
  type Pathway,
} from '../domain/enums.js';
import { badInput } from '../domain/errors.js';
import { addDaysLocal, addMonthsLocal, localDate } from '../domain/time.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { assertCanView, requireCoordinator } from './access.js';
import { audit } from './audit.js';
import { fromDbDate, fromDbDateOrNull, toDbDate } from './db-dates.js';
import { menteeProgress, programProgress } from './progress.service.js';
import type { MenteeProgress } from './progress.types.js';
import { formatDate, formatHours, formatNumber } from '../i18n/format.js';
import { cpdSystemLabel, goalStatusLabel, meetingFormatLabel, outcomeLabel, pathwayLabel } from '../i18n/labels.js';
import type { Locale } from '../i18n/locale.js';
import { COMMAND_MARK, render, said, t, type MessageKey } from '../i18n/translate.js';

export const EXPORT_KINDS = ['meetings', 'cpd', 'reading', 'reflections', 'participants', 'summary'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];
export type ExportFormat = 'csv' | 'json';

export interface ExportOptions {
  /** Inclusive 'YYYY-MM-DD' bounds on the record's date (meetings, CPD, reflections, summary counts). */
  from?: string;
  to?: string;
  format: ExportFormat;
  /**
   * Reflections only: also include answers the mentee did not share. Off by default; a coordinator
   * may turn it on deliberately (e.g. a mentee's request for their own records), and the audit
   * event records that they did.
   */
  includeUnsharedAnswers?: boolean;
  /** The chat request asking (a platform may deliver it twice): one export per request. */
  requestId?: string;
}

export interface ExportFile {
  filename: string;
  mimeType: string;
  content: string;
  rows: number;
}

type Cell = string | number | boolean | null | undefined;
interface Table {
  headers: string[];
  rows: Cell[][];
}

export function isExportKind(text: string): text is ExportKind {
  return (EXPORT_KINDS as readonly string[]).includes(text);
}

export async function exportData(ctx: CoreContext, actor: Actor, kind: ExportKind, options: ExportOptions): Promise<ExportFile> {
  requireCoordinator(actor, 'export data');
  if (!isExportKind(kind)) throw badInput('kind', said('report.export.unknownKindField', { kind: String(kind), kinds: EXPORT_KINDS.join(', ') }));
  const period = parsePeriod(options);
  const table = await buildTable(ctx, actor.locale, kind, period, options);
  const today = localDate(ctx.clock.now(), ctx.program.timeZone);
  const content = options.format === 'json' ? toJson(table) : toCsv(table);
  await audit(ctx.db, {
    programId: ctx.program.id,
    actorId: actor.personId,
    action: `export.${kind}`,
    ...(options.requestId ? { requestId: `export:${options.requestId}` } : {}),
    detail: { format: options.format, from: period.from ?? null, to: period.to ?? null, rows: table.rows.length, ...(kind === 'reflections' ? { includeUnsharedAnswers: options.includeUnsharedAnswers === true } : {}) },
  });
  return {
    filename: `${ctx.program.slug}-${kind}-${today}.${options.format}`,
    mimeType: options.format === 'json' ? 'application/json' : 'text/csv; charset=utf-8',
    content,
    rows: table.rows.length,
  };
}

interface Period {
  from?: string;
  to?: string;
  /** Prisma filter on a @db.Date column. */
  dates?: { gte?: Date; lte?: Date };
}


function parsePeriod(options: ExportOptions): Period {
  for (const field of ['from', 'to'] as const) {
    const value = options[field];
    if (value !== undefined && !isCalendarDate(value)) {
      throw badInput(field, said('report.export.badDate', { field, value }));
    }
  }
  if (options.from && options.to && options.from > options.to) {
    throw badInput('to', said('report.export.toBeforeFrom', { to: options.to, from: options.from }));
  }
  if (!options.from && !options.to) return {};
  return {
    from: options.from,
    to: options.to,
    dates: { ...(options.from ? { gte: toDbDate(options.from) } : {}), ...(options.to ? { lte: toDbDate(options.to) } : {}) },
  };
}

async function buildTable(ctx: CoreContext, locale: Locale, kind: ExportKind, period: Period, options: ExportOptions): Promise<Table> {
  switch (kind) {
    case 'meetings':
      return meetingsTable(ctx, period);
    case 'cpd':
      return cpdTable(ctx, period);
    case 'reading':
      return readingTable(ctx, period);
    case 'reflections':
      return reflectionsTable(ctx, locale, period, options.includeUnsharedAnswers === true);
    case 'participants':
      return participantsTable(ctx, locale);
    case 'summary':
      return summaryTable(ctx, locale, period);
  }
}

/** Mentees' pathways, for CanMEDS labels that fit each one. */
async function pathwaysByPerson(ctx: CoreContext): Promise<Map<string, Pathway>> {
  const rows = await ctx.db.enrollment.findMany({ where: { programId: ctx.program.id, pathway: { not: null } }, select: { personId: true, pathway: true, role: true } });
  const map = new Map<string, Pathway>();
  for (const r of rows) if (r.pathway && (r.role === 'MENTEE' || !map.has(r.personId))) map.set(r.personId, r.pathway);
  return map;
}

const roleLabels = (roles: CanMedsRole[], pathway: Pathway | undefined): string => roles.map((r) => canMedsLabel(r, pathway)).join('; ');

// Private meeting notes are deliberately not selected: they stay with the pair and coordinators in the bot.
async function meetingsTable(ctx: CoreContext, period: Period): Promise<Table> {
  const [meetings, pathways] = await Promise.all([
    ctx.db.meeting.findMany({
      where: { programId: ctx.program.id, ...(period.dates ? { date: period.dates } : {}) },
      select: {
        date: true, minutes: true, format: true, topics: true, roles: true, nextSteps: true, nextMeetingDate: true, confirmation: true, menteeId: true,
        mentor: { select: { name: true, email: true } },
        mentee: { select: { name: true, email: true } },
        loggedBy: { select: { name: true } },
        goal: { select: { title: true } },
      },
      orderBy: [{ date: 'asc' }, { createdAt: 'asc' }],
    }),
    pathwaysByPerson(ctx),
  ]);
  return {
    headers: ['date', 'mentor', 'mentor_email', 'mentee', 'mentee_email', 'minutes', 'format', 'topics', 'canmeds_roles', 'learning_goal', 'next_steps', 'next_meeting', 'confirmation', 'logged_by'],
    rows: meetings.map((m) => [
      fromDbDate(m.date), m.mentor.name, m.mentor.email, m.mentee.name, m.mentee.email, m.minutes, MEETING_FORMAT_LABELS[m.format], m.topics,
      roleLabels(m.roles, pathways.get(m.menteeId)), m.goal?.title, m.nextSteps, fromDbDateOrNull(m.nextMeetingDate), m.confirmation.toLowerCase(), m.loggedBy?.name,
    ]),
  };
}

type CpdExportRow = Prisma.CpdActivityGetPayload<{ include: { person: { select: { name: true; email: true } }; goal: { select: { title: true } } } }>;

/**
 * An activity in its rule set's words: category (MOC: section), type, unit, credit year. English, as
 * the colleges' portals and the CSV exports name them, unless a reader's `locale` is given (reports).
 */
function portalWords(a: { system: CpdSystem; date: Date; category: string; activityType: string }, locale?: Locale) {
  const date = fromDbDate(a.date);
  const set = ruleSetFor(a.system, date);
  const type = activityTypeRule(set, a.category, a.activityType);
  const category = categoryRule(set, a.category);
  return {
    date,
    set,
    creditYear: creditYearOf(a.system, date),
    category: category ? (locale ? ruleLabel(locale, category) : category.label) : a.category,
    type: type ? (locale ? ruleLabel(locale, type) : type.label) : a.activityType,
    unit: type ? (type.unit === 'hour' ? 'hours' : type.unitName[1]) : null,
  };
}

/**
 * CPD by system and credit year, one row per activity with every field the colleges' portals ask
 * for (Mainpro+ "Enter CPD Activity", MOC MAINPORT): title, date, category or section, activity
 * type, hours or units, credits, provider, certificate or evidence link, outcome, reflection.
 */
async function cpdTable(ctx: CoreContext, period: Period): Promise<Table> {
  const [activities, pathways] = await Promise.all([
    ctx.db.cpdActivity.findMany({
      where: { programId: ctx.program.id, ...(period.dates ? { date: period.dates } : {}) },
      include: { person: { select: { name: true, email: true } }, goal: { select: { title: true } } },
      orderBy: [{ date: 'asc' }, { createdAt: 'asc' }],
    }),
    pathwaysByPerson(ctx),
  ]);
  const rows = activities.map((a: CpdExportRow) => ({ a, w: portalWords(a) }));
  rows.sort((x, y) => CPD_SYSTEMS.indexOf(x.a.system) - CPD_SYSTEMS.indexOf(y.a.system) || x.w.creditYear.from.localeCompare(y.w.creditYear.from) || (x.a.person.name).localeCompare(y.a.person.name) || x.w.date.localeCompare(y.w.date));
  return {
    headers: [
      'system', 'credit_year', 'person', 'email', 'date', 'title', 'category_or_section', 'activity_type', 'certified_or_accredited',
      'hours', 'units', 'unit', 'credits', 'provider', 'evidence_url', 'outcome', 'reflection', 'canmeds_roles', 'learning_goal', 'rule_set',
    ],
    rows: rows.map(({ a, w }) => [
      CPD_SYSTEM_LABELS[a.system], w.creditYear.label, a.person.name, a.person.email, w.date, a.title, w.category, w.type,
      a.certified ? w.set.certifiedWord : `not ${w.set.certifiedWord}`,
      a.hours === null ? null : Number(a.hours), a.units === null ? null : Number(a.units), w.unit, Number(a.credits), a.provider, a.evidenceUrl,
      a.outcome ? LEARNING_OUTCOME_LABELS[a.outcome] : null, a.reflection, roleLabels(a.roles, pathways.get(a.personId)), a.goal?.title, w.set.name,
    ]),
  };
}

/** The MOC Section 2 journal-reading list, per person and calendar year (MOC's credit year). */
async function readingTable(ctx: CoreContext, period: Period): Promise<Table> {
  const activities = await ctx.db.cpdActivity.findMany({
    where: { programId: ctx.program.id, system: 'MOC', category: 'SECTION_2', ...(period.dates ? { date: period.dates } : {}) },
    include: { person: { select: { name: true, email: true } }, goal: { select: { title: true } } },
    orderBy: [{ date: 'asc' }, { createdAt: 'asc' }],
  });
  const reading = activities
    .map((a: CpdExportRow) => ({ a, w: portalWords(a), type: activityTypeRule(ruleSetFor('MOC', fromDbDate(a.date)), a.category, a.activityType) }))
    .filter((x) => x.type?.journalReading === true);
  reading.sort((x, y) => x.a.person.name.localeCompare(y.a.person.name) || x.w.creditYear.from.localeCompare(y.w.creditYear.from) || x.w.date.localeCompare(y.w.date));
  return {
    headers: ['calendar_year', 'person', 'email', 'date', 'title', 'journal_or_source', 'activity_type', 'units', 'unit', 'credits', 'evidence_url', 'outcome', 'reflection'],
    rows: reading.map(({ a, w }) => [
      w.creditYear.label, a.person.name, a.person.email, w.date, a.title, a.provider, w.type, a.units === null ? null : Number(a.units), w.unit, Number(a.credits),
      a.evidenceUrl, a.outcome ? LEARNING_OUTCOME_LABELS[a.outcome] : null, a.reflection,
    ]),
  };
}

const ANSWER_COLUMNS = ['situation', 'learning', 'went_well', 'practice', 'next_step', 'follow_up'] as const;

/**
 * Reflections. The rule (DOMAIN.md, Privacy): coordinators may see everything in their program, but
 * an export is a file that leaves the bot, and PHIA asks for the minimum necessary. So the answers
 * are exported only where the mentee shared the reflection (their consent for it to leave their
 * private space, as for their mentor); for the others the row says that the reflection exists,
 * when it was answered, its CanMEDS roles and outcome, and "not shared" instead of the answers.
 * A coordinator can ask for every answer explicitly (`includeUnsharedAnswers`), which the audit
 * event records.
 */
async function reflectionsTable(ctx: CoreContext, locale: Locale, period: Period, includeUnshared: boolean): Promise<Table> {
  const dueRange = period.dates
    ? { ...(period.from ? { gte: toDbDate(period.from) } : {}), ...(period.to ? { lt: toDbDate(addDaysLocal(period.to, 1)) } : {}) }
    : undefined;
  const [prompts, pathways] = await Promise.all([
    ctx.db.reflectionPrompt.findMany({
      where: { programId: ctx.program.id, status: { not: 'CANCELLED' }, ...(dueRange ? { dueAt: dueRange } : {}) },
      include: {
        mentee: { select: { name: true, email: true } },
        meeting: { select: { date: true } },
        cpdActivity: { select: { title: true, date: true } },
      },
      orderBy: [{ dueAt: 'asc' }, { createdAt: 'asc' }],
    }),
    pathwaysByPerson(ctx),
  ]);
  const tz = ctx.program.timeZone;
  return {
    headers: ['due', 'mentee', 'email', 'kind', 'about', 'status', 'answered_on', 'shared_with_mentor', 'canmeds_roles', 'outcome', 'answers_included', ...ANSWER_COLUMNS],
    rows: prompts.map((p) => {
      const visible = p.status === 'ANSWERED' || p.status === 'DRAFT' ? p.shared || includeUnshared : false;
      const answers = visible ? answersOf(p.answers) : {};
      const about = p.meeting ? t(locale, 'report.meetingOn', { date: fromDbDate(p.meeting.date) }) : p.cpdActivity ? t(locale, 'report.aboutCpd', { title: p.cpdActivity.title }) : '';
      return [
        localDate(p.dueAt, tz), p.mentee.name, p.mentee.email, t('en', REFLECTION_KIND_KEYS[p.kind]), about, p.status.toLowerCase(),
        p.answeredAt ? localDate(p.answeredAt, tz) : null, p.shared, roleLabels(p.roles, pathways.get(p.menteeId)),
        p.outcome ? LEARNING_OUTCOME_LABELS[p.outcome] : null,
        visible ? 'yes' : p.status === 'ANSWERED' ? 'no (not shared)' : 'no',
        ...ANSWER_COLUMNS.map((c) => answers[c] ?? null),
      ];
    }),
  };
}

function answersOf(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

const REFLECTION_KIND_KEYS: Readonly<Record<'AFTER_MEETING' | 'AFTER_CPD' | 'FOLLOW_UP', MessageKey>> = {
  AFTER_MEETING: 'report.reflectionKind.afterMeeting',
  AFTER_CPD: 'report.reflectionKind.afterCpd',
  FOLLOW_UP: 'report.reflectionKind.followUp',
};

async function participantsTable(ctx: CoreContext, locale: Locale): Promise<Table> {
  const enrollments = await ctx.db.enrollment.findMany({
    where: { programId: ctx.program.id },
    select: { personId: true, role: true, pathway: true, cpdSystem: true, startDate: true, endDate: true, status: true, person: { select: { name: true, email: true } } },
    orderBy: [{ role: 'asc' }, { person: { name: 'asc' } }],
  });
  const menteeIds = enrollments.filter((e) => e.role === 'MENTEE').map((e) => e.personId);
  const progress = await programProgress(ctx, { menteeIds });
  const byId = new Map(progress.rows.map((r) => [r.personId, r]));
  return {
    headers: [
      'name', 'email', 'role', 'pathway', 'cpd_system', 'start', 'end', 'status', 'mentors', 'month', 'meetings_done', 'meetings_required',
      'meetings_unconfirmed', 'last_meeting', 'overdue', 'cpd_credits', 'cpd_target', 'cpd_behind_pace', 'reflections_answered', 'reflections_outstanding', 'missing',
    ],
    rows: enrollments.map((e) => {
      const p = e.role === 'MENTEE' ? byId.get(e.personId) : undefined;
      return [
        e.person.name, e.person.email, ROLE_LABELS[e.role], e.pathway ? PATHWAY_LABELS[e.pathway] : null, p ? CPD_SYSTEM_LABELS[p.cpd.system] : e.cpdSystem ? CPD_SYSTEM_LABELS[e.cpdSystem] : null,
        fromDbDate(e.startDate), fromDbDateOrNull(e.endDate), e.status.toLowerCase(),
        p ? p.mentors.map((m) => m.name).join('; ') : null, p?.month, p?.meetings.done, p?.meetings.required, p?.meetings.unconfirmed, p?.meetings.lastDate,
        p ? p.meetings.overdue : null, p?.cpd.credits, p?.cpd.target, p ? p.cpd.behind : null, p?.reflections.answered, p?.reflections.outstanding,
        p ? p.missing.map((m) => render(locale, m)).join(' ') : null,
      ];
    }),
  };
}

/** The program-level report a funder asks for: people, meetings, CPD, reflections, completion. */
async function summaryTable(ctx: CoreContext, locale: Locale, period: Period): Promise<Table> {
  const programId = ctx.program.id;
  const dateWhere = period.dates ? { date: period.dates } : {};
  const [enrollmentGroups, meetings, cpdGroups, reflections, mentees] = await Promise.all([
    ctx.db.enrollment.groupBy({ by: ['role', 'status'], where: { programId }, _count: { _all: true } }),
    ctx.db.meeting.groupBy({ by: ['confirmation'], where: { programId, ...dateWhere }, _count: { _all: true }, _sum: { minutes: true } }),
    ctx.db.cpdActivity.groupBy({ by: ['system', 'category', 'certified'], where: { programId, ...dateWhere }, _count: { _all: true }, _sum: { credits: true, hours: true } }),
    ctx.db.reflectionPrompt.groupBy({ by: ['status', 'shared'], where: { programId, status: { not: 'CANCELLED' } }, _count: { _all: true } }),
    ctx.db.enrollment.findMany({ where: { programId, role: 'MENTEE' }, select: { personId: true } }),
  ]);
  const progress = await programProgress(ctx, { menteeIds: mentees.map((m) => m.personId) });

  const rows: Cell[][] = [];
  const add = (section: string, metric: string, value: Cell) => rows.push([section, metric, value]);
  add('program', 'name', ctx.program.name);
  add('program', 'period', period.from || period.to
    ? t(locale, 'report.period', { from: period.from ?? t(locale, 'report.period.start'), to: period.to ?? t(locale, 'report.period.today') })
    : t(locale, 'report.period.whole'));
  add('program', 'generated on', progress.today);
  for (const role of ['MENTEE', 'MENTOR', 'COORDINATOR'] as const) {
    for (const status of ['ACTIVE', 'COMPLETED', 'WITHDRAWN'] as const) {
      const n = enrollmentGroups.find((g) => g.role === role && g.status === status)?._count._all ?? 0;
      if (role === 'COORDINATOR' && status !== 'ACTIVE') continue;
      add('people', `${ROLE_LABELS[role].toLowerCase()}s ${status.toLowerCase()}`, n);
    }
  }
  add('people', 'pairs active', progress.totals.pairs);
  const meetingCount = (c: string) => meetings.find((g) => g.confirmation === c)?._count._all ?? 0;
  add('meetings', 'held (confirmed or awaiting confirmation)', meetingCount('CONFIRMED') + meetingCount('PENDING'));
  add('meetings', 'confirmed', meetingCount('CONFIRMED'));
  add('meetings', 'awaiting confirmation', meetingCount('PENDING'));
  add('meetings', 'disputed', meetingCount('DISPUTED'));
  const minutes = meetings.filter((g) => g.confirmation !== 'DISPUTED').reduce((a, g) => a + (g._sum.minutes ?? 0), 0);
  add('meetings', 'hours', Math.round((minutes / 60) * 10) / 10);
  add('meetings', 'required per mentee', ctx.program.rules.meetingsRequired);
  // Mainpro+ and MOC credits are different currencies: each system is reported apart, never added.
  for (const system of CPD_SYSTEMS) {
    const groups = cpdGroups.filter((g) => g.system === system);
    if (groups.length === 0) continue;
    const label = CPD_SYSTEM_LABELS[system];
    const credits = (gs: typeof groups) => round2(gs.reduce((a, g) => a + Number(g._sum.credits ?? 0), 0));
    const word = ruleSetFor(system, progress.today).certifiedWord;
    add('cpd', `${label} activities`, groups.reduce((a, g) => a + g._count._all, 0));
    add('cpd', `${label} credits`, credits(groups));
    add('cpd', `${label} ${word} credits`, credits(groups.filter((g) => g.certified)));
    const categories = [...new Set(groups.map((g) => g.category))];
    for (const category of categories) {
      add('cpd', `${label} ${categoryRule(ruleSetFor(system, progress.today), category)?.label ?? category} credits`, credits(groups.filter((g) => g.category === category)));
    }
  }
  const refl = (status: string) => reflections.filter((g) => g.status === status).reduce((a, g) => a + g._count._all, 0);
  add('reflections', 'answered', refl('ANSWERED'));
  add('reflections', 'shared with mentor', reflections.filter((g) => g.status === 'ANSWERED' && g.shared).reduce((a, g) => a + g._count._all, 0));
  add('reflections', 'open or draft', refl('OPEN') + refl('DRAFT'));
  const active = progress.rows.filter((r) => r.status === 'ACTIVE');
  add('completion', 'mentees completed', progress.rows.filter((r) => r.status === 'COMPLETED').length);
  add('completion', 'active mentees with meeting requirement met', active.filter((r) => r.meetings.done >= r.meetings.required).length);
  for (const system of CPD_SYSTEMS) {
    const theirs = active.filter((r) => r.cpd.system === system);
    if (theirs.length) add('completion', `active ${CPD_SYSTEM_LABELS[system]} mentees with the program's CPD target met`, theirs.filter((r) => r.cpd.credits >= r.cpd.target).length);
  }
  add('completion', 'active mentees with nothing missing', active.filter((r) => r.missing.length === 0).length);
  add('completion', 'active mentees on track', active.filter((r) => !r.meetings.overdue && !r.cpd.behind && r.reflections.outstanding === 0).length);
  add('completion', 'pairs overdue', progress.attention.pairsOverdue.length);
  return { headers: ['section', 'metric', 'value'], rows };
}

const round2 = (n: number): number => Math.round(n * 100) / 100;

// ---- CSV and JSON -------------------------------------------------------------------------------

/**
 * A cell that starts with = + - @ (or a tab or carriage return) is read as a formula by Excel,
 * LibreOffice and Google Sheets: a leading apostrophe makes it text. Numbers are left alone.
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** One CSV field by RFC 4180: quoted when it holds a comma, quote, CR or LF; quotes doubled. */
export function csvField(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = neutraliseFormula(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180: CRLF line endings, a header row. A BOM so spreadsheet programs read UTF-8 names right. */
export function toCsv(table: Table): string {
  const lines = [table.headers, ...table.rows].map((row) => row.map(csvField).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

function toJson(table: Table): string {
  const objects = table.rows.map((row) => Object.fromEntries(table.headers.map((h, i) => [h, row[i] ?? null])));
  return `${JSON.stringify(objects, null, 2)}\n`;
}

// ---- Completion report --------------------------------------------------------------------------

export interface CompletionReport {
  /** The reader's language: every label below is already in it, and the renderers write the rest in it. */
  locale: Locale;
  programName: string;
  generatedOn: string;
  person: { id: string; name: string; email: string | null; pathway: string | null; cpdSystem: string; startDate: string; endDate: string | null; status: string };
  /** Everyone who mentored this person in the program, current or past. */
  mentors: string[];
  progress: MenteeProgress;
  meetings: { date: string; mentor: string; minutes: number; format: string; topics: string; roles: string[]; confirmed: boolean; confirmation: string }[];
  cpd: {
    system: string;
    target: number;
    credits: number;
    certifiedCredits: number;
    /** "certified" (Mainpro+) or "accredited" (MOC): which word the rule set uses (a select in the catalogue). */
    certifiedWord: 'certified' | 'accredited';
    byCategory: { category: string; activities: number; credits: number; certifiedCredits: number }[];
    creditYears: MenteeProgress['cpd']['creditYears'];
    activities: { date: string; creditYear: string; title: string; category: string; activityType: string; certified: boolean; hours: number | null; units: number | null; unit: string | null; credits: number; provider: string | null; evidenceUrl: string | null }[];
  };
  reflections: { answered: number; outstanding: number; items: { kind: string; about: string; answeredOn: string | null; roles: string[]; outcome: string | null }[] };
  goals: { title: string; roles: string[]; targetDate: string | null; status: string }[];
  /** CanMEDS roles touched, labelled for the pathway. */
  rolesTouched: string[];
  /** What is missing, in the reader's language. */
  missing: string[];
  complete: boolean;
}

const CONFIRMATION_KEYS: Readonly<Record<'CONFIRMED' | 'PENDING' | 'DISPUTED', MessageKey>> = {
  CONFIRMED: 'report.confirmation.confirmed',
  PENDING: 'report.confirmation.pending',
  DISPUTED: 'report.confirmation.disputed',
};
const STATUS_KEYS: Readonly<Record<MenteeProgress['status'], MessageKey>> = {
  ACTIVE: 'report.status.active',
  COMPLETED: 'report.status.completed',
  WITHDRAWN: 'report.status.withdrawn',
};

/**
 * A participant's completion report, fit to send to the college, in the asker's language. The mentee
 * may get their own, a mentor their mentee's, a coordinator anyone's; anything but one's own is
 * audited. Private meeting notes and reflection answers are left out: the report says what was done,
 * not what was said.
 */
export async function completionReport(ctx: CoreContext, actor: Actor, personId: string): Promise<CompletionReport> {
  await assertCanView(ctx, actor, personId, { action: 'report.completion' });
  const locale = actor.locale;
  const progress = await menteeProgress(ctx, personId);
  const pathway = progress.pathway ?? undefined;
  const programId = ctx.program.id;
  const [pairings, meetings, activities, prompts, goals] = await Promise.all([
    ctx.db.pairing.findMany({ where: { programId, menteeId: personId }, select: { mentor: { select: { name: true } } }, orderBy: { fromDate: 'asc' } }),
    ctx.db.meeting.findMany({
      where: { programId, menteeId: personId },
      select: { date: true, minutes: true, format: true, topics: true, roles: true, confirmation: true, mentor: { select: { name: true } } },
      orderBy: [{ date: 'asc' }, { createdAt: 'asc' }],
    }),
    ctx.db.cpdActivity.findMany({ where: { programId, personId }, orderBy: [{ date: 'asc' }, { createdAt: 'asc' }] }),
    ctx.db.reflectionPrompt.findMany({
      where: { programId, menteeId: personId, status: 'ANSWERED' },
      select: { kind: true, answeredAt: true, roles: true, outcome: true, meeting: { select: { date: true } }, cpdActivity: { select: { title: true } } },
      orderBy: { answeredAt: 'asc' },
    }),
    ctx.db.learningGoal.findMany({ where: { programId, menteeId: personId }, orderBy: { createdAt: 'asc' } }),
  ]);
  const labels = (roles: CanMedsRole[]) => roles.map((r) => canMedsLabel(r, pathway, locale));
  const tz = ctx.program.timeZone;
  const system = progress.cpd.system;
  const progressEnd = progress.endDate ?? addMonthsLocal(progress.startDate, ctx.program.rules.programLengthMonths);

  // The program year's activities in the participant's own system, by the categories of its rule set.
  const inProgram = activities.filter((a) => a.system === system && fromDbDate(a.date) >= progress.startDate && (!progressEnd || fromDbDate(a.date) <= progressEnd));
  const byCategory = progress.cpd.byCategory.map((c) => {
    const mine = inProgram.filter((a) => a.category === c.key);
    return {
      category: ruleWord(locale, c),
      activities: mine.length,
      credits: round2(mine.reduce((s, a) => s + Number(a.credits), 0)),
      certifiedCredits: round2(mine.filter((a) => a.certified).reduce((s, a) => s + Number(a.credits), 0)),
    };
  });

  return {
    locale,
    programName: ctx.program.name,
    generatedOn: localDate(ctx.clock.now(), tz),
    person: {
      id: personId,
      name: progress.name,
      email: progress.email,
      pathway: progress.pathway ? pathwayLabel(locale, progress.pathway) : null,
      cpdSystem: cpdSystemLabel(locale, system),
      startDate: progress.startDate,
      endDate: progress.endDate,
      status: t(locale, STATUS_KEYS[progress.status]),
    },
    mentors: [...new Set(pairings.map((p) => p.mentor.name))],
    progress,
    meetings: meetings.map((m) => ({
      date: fromDbDate(m.date),
      mentor: m.mentor.name,
      minutes: m.minutes,
      format: meetingFormatLabel(locale, m.format),
      topics: m.topics,
      roles: labels(m.roles),
      confirmed: m.confirmation === 'CONFIRMED',
      confirmation: t(locale, CONFIRMATION_KEYS[m.confirmation]),
    })),
    cpd: {
      system: cpdSystemLabel(locale, system),
      target: progress.cpd.target,
      credits: progress.cpd.credits,
      certifiedCredits: progress.cpd.certified,
      certifiedWord: progress.cpd.certifiedWord,
      byCategory,
      creditYears: progress.cpd.creditYears,
      activities: activities.map((a) => {
        const w = portalWords(a, locale);
        const label = cpdSystemLabel(locale, a.system);
        return {
          date: w.date,
          creditYear: `${label} ${w.creditYear.label}`,
          title: a.title,
          category: `${label} ${w.category}`,
          activityType: w.type,
          certified: a.certified,
          hours: a.hours === null ? null : Number(a.hours),
          units: a.units === null ? null : Number(a.units),
          unit: w.unit,
          credits: Number(a.credits),
          provider: a.provider,
          evidenceUrl: a.evidenceUrl,
        };
      }),
    },
    reflections: {
      answered: progress.reflections.answered,
      outstanding: progress.reflections.outstanding,
      items: prompts.map((p) => ({
        kind: t(locale, REFLECTION_KIND_KEYS[p.kind]),
        about: p.meeting ? t(locale, 'report.meetingOn', { date: formatDate(locale, fromDbDate(p.meeting.date)) }) : p.cpdActivity ? p.cpdActivity.title : '',
        answeredOn: p.answeredAt ? localDate(p.answeredAt, tz) : null,
        roles: labels(p.roles),
        outcome: p.outcome ? outcomeLabel(locale, p.outcome) : null,
      })),
    },
    goals: goals.map((g) => ({ title: g.title, roles: labels(g.roles), targetDate: fromDbDateOrNull(g.targetDate), status: goalStatusLabel(locale, g.status) })),
    rolesTouched: labels(progress.rolesTouched),
    // A document, not a chat message: a command is written as Slack types it, without core's mark.
    missing: progress.missing.map((m) => render(locale, m).replaceAll(COMMAND_MARK, '')),
    complete: progress.missing.length === 0,
  };
}

/** An activity's hours or units, as the reader writes them. */
export const amountText = (locale: Locale, a: { hours: number | null; units: number | null; unit: string | null }): string =>
  a.hours !== null ? formatHours(locale, a.hours) : a.units !== null ? `${formatNumber(locale, a.units)} ${a.unit ?? ''}`.trim() : '—';

const mdCell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

export function completionReportMarkdown(r: CompletionReport): string {
  const L = r.locale;
  const tr = (key: MessageKey, values?: Parameters<typeof t>[2]) => t(L, key, values);
  const d = (iso: string) => formatDate(L, iso);
  const n = (x: number) => formatNumber(L, x);
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
  const L = r.locale;
  const tr = (key: MessageKey, values?: Parameters<typeof t>[2]) => t(L, key, values);
  const d = (iso: string) => formatDate(L, iso);
  const n = (x: number) => formatNumber(L, x);
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
