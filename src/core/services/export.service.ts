// Exports for coordinators (CSV or JSON) and the per-participant completion report. Every export
// is an audit event; private meeting notes never leave the bot this way.
import { isCalendarDate } from '../domain/time.js';
import type { Actor } from '../actor.js';
import type { CoreContext } from '../context.js';
import { canMedsLabel, type CanMedsRole } from '../domain/canmeds.js';
import { activityTypeRule, categoryRule, creditYearOf, ruleSetFor } from '../domain/cpd-rules.js';
import {
  CPD_SYSTEMS,
  CPD_SYSTEM_LABELS,
  GOAL_STATUS_LABELS,
  LEARNING_OUTCOME_LABELS,
  MEETING_FORMAT_LABELS,
  PATHWAY_LABELS,
  ROLE_LABELS,
  type CpdSystem,
  type Pathway,
} from '../domain/enums.js';
import { AppError, badInput } from '../domain/errors.js';
import { addDaysLocal, addMonthsLocal, localDate } from '../domain/time.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { assertCanView, requireCoordinator } from './access.js';
import { audit } from './audit.js';
import { fromDbDate, fromDbDateOrNull, toDbDate } from './dates.js';
import { formatNumber, menteeProgress, programProgress, type MenteeProgress } from './progress.service.js';

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
  if (!isExportKind(kind)) throw badInput('kind', `"${String(kind)}" is not an export I know: use one of ${EXPORT_KINDS.join(', ')}, e.g. meetings.`);
  const period = parsePeriod(options);
  const table = await buildTable(ctx, kind, period, options);
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
      throw badInput(field, `--${field} must be a date as YYYY-MM-DD, a day that exists, e.g. 2026-01-31 (got "${value}").`);
    }
  }
  if (options.from && options.to && options.from > options.to) {
    throw badInput('to', `--to (${options.to}) is before --from (${options.from}): give the earlier date first, e.g. --from 2026-01-01 --to 2026-12-31.`);
  }
  if (!options.from && !options.to) return {};
  return {
    from: options.from,
    to: options.to,
    dates: { ...(options.from ? { gte: toDbDate(options.from) } : {}), ...(options.to ? { lte: toDbDate(options.to) } : {}) },
  };
}

async function buildTable(ctx: CoreContext, kind: ExportKind, period: Period, options: ExportOptions): Promise<Table> {
  switch (kind) {
    case 'meetings':
      return meetingsTable(ctx, period);
    case 'cpd':
      return cpdTable(ctx, period);
    case 'reading':
      return readingTable(ctx, period);
    case 'reflections':
      return reflectionsTable(ctx, period, options.includeUnsharedAnswers === true);
    case 'participants':
      return participantsTable(ctx);
    case 'summary':
      return summaryTable(ctx, period);
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

/** An activity in its rule set's words: category (MOC: section), type, unit, credit year. */
function portalWords(a: { system: CpdSystem; date: Date; category: string; activityType: string }) {
  const date = fromDbDate(a.date);
  const set = ruleSetFor(a.system, date);
  const type = activityTypeRule(set, a.category, a.activityType);
  return {
    date,
    set,
    creditYear: creditYearOf(a.system, date),
    category: categoryRule(set, a.category)?.label ?? a.category,
    type: type?.label ?? a.activityType,
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
async function reflectionsTable(ctx: CoreContext, period: Period, includeUnshared: boolean): Promise<Table> {
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
      const about = p.meeting ? `meeting on ${fromDbDate(p.meeting.date)}` : p.cpdActivity ? `CPD: ${p.cpdActivity.title}` : '';
      return [
        localDate(p.dueAt, tz), p.mentee.name, p.mentee.email, reflectionKindLabel(p.kind), about, p.status.toLowerCase(),
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

const reflectionKindLabel = (kind: 'AFTER_MEETING' | 'AFTER_CPD' | 'FOLLOW_UP'): string =>
  kind === 'AFTER_MEETING' ? 'After a meeting' : kind === 'AFTER_CPD' ? 'After CPD' : 'Follow-up';

async function participantsTable(ctx: CoreContext): Promise<Table> {
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
        p ? p.missing.join(' ') : null,
      ];
    }),
  };
}

/** The program-level report a funder asks for: people, meetings, CPD, reflections, completion. */
async function summaryTable(ctx: CoreContext, period: Period): Promise<Table> {
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
  add('program', 'period', period.from || period.to ? `${period.from ?? 'start'} to ${period.to ?? 'today'}` : 'whole program');
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
  programName: string;
  generatedOn: string;
  person: { id: string; name: string; email: string | null; pathway: string | null; cpdSystem: string; startDate: string; endDate: string | null; status: string };
  /** Everyone who mentored this person in the program, current or past. */
  mentors: string[];
  progress: MenteeProgress;
  meetings: { date: string; mentor: string; minutes: number; format: string; topics: string; roles: string[]; confirmation: string }[];
  cpd: {
    system: string;
    target: number;
    credits: number;
    certifiedCredits: number;
    /** "certified" (Mainpro+) or "accredited" (MOC). */
    certifiedWord: string;
    byCategory: { category: string; activities: number; credits: number; certifiedCredits: number }[];
    creditYears: MenteeProgress['cpd']['creditYears'];
    activities: { date: string; creditYear: string; title: string; category: string; activityType: string; certified: boolean; hours: number | null; units: number | null; unit: string | null; credits: number; provider: string | null; evidenceUrl: string | null }[];
  };
  reflections: { answered: number; outstanding: number; items: { kind: string; about: string; answeredOn: string | null; roles: string[]; outcome: string | null }[] };
  goals: { title: string; roles: string[]; targetDate: string | null; status: string }[];
  /** CanMEDS roles touched, labelled for the pathway. */
  rolesTouched: string[];
  missing: string[];
  complete: boolean;
}

/**
 * A participant's completion report, fit to send to the college. The mentee may get their own, a
 * mentor their mentee's, a coordinator anyone's; anything but one's own is audited. Private meeting
 * notes and reflection answers are left out: the report says what was done, not what was said.
 */
export async function completionReport(ctx: CoreContext, actor: Actor, personId: string): Promise<CompletionReport> {
  await assertCanView(ctx, actor, personId, { action: 'report.completion' });
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
  const labels = (roles: CanMedsRole[]) => roles.map((r) => canMedsLabel(r, pathway));
  const tz = ctx.program.timeZone;
  const system = progress.cpd.system;
  const progressEnd = progress.endDate ?? addMonthsLocal(progress.startDate, ctx.program.rules.programLengthMonths);

  // The program year's activities in the participant's own system, by the categories of its rule set.
  const inProgram = activities.filter((a) => a.system === system && fromDbDate(a.date) >= progress.startDate && (!progressEnd || fromDbDate(a.date) <= progressEnd));
  const byCategory = progress.cpd.byCategory.map((c) => {
    const mine = inProgram.filter((a) => a.category === c.key);
    return {
      category: c.label,
      activities: mine.length,
      credits: round2(mine.reduce((s, a) => s + Number(a.credits), 0)),
      certifiedCredits: round2(mine.filter((a) => a.certified).reduce((s, a) => s + Number(a.credits), 0)),
    };
  });

  return {
    programName: ctx.program.name,
    generatedOn: localDate(ctx.clock.now(), tz),
    person: {
      id: personId,
      name: progress.name,
      email: progress.email,
      pathway: progress.pathway ? PATHWAY_LABELS[progress.pathway] : null,
      cpdSystem: CPD_SYSTEM_LABELS[system],
      startDate: progress.startDate,
      endDate: progress.endDate,
      status: progress.status === 'ACTIVE' ? 'Active' : progress.status === 'COMPLETED' ? 'Completed' : 'Withdrawn',
    },
    mentors: [...new Set(pairings.map((p) => p.mentor.name))],
    progress,
    meetings: meetings.map((m) => ({
      date: fromDbDate(m.date),
      mentor: m.mentor.name,
      minutes: m.minutes,
      format: MEETING_FORMAT_LABELS[m.format],
      topics: m.topics,
      roles: labels(m.roles),
      confirmation: m.confirmation === 'CONFIRMED' ? 'confirmed' : m.confirmation === 'PENDING' ? 'awaiting confirmation' : 'disputed',
    })),
    cpd: {
      system: CPD_SYSTEM_LABELS[system],
      target: progress.cpd.target,
      credits: progress.cpd.credits,
      certifiedCredits: progress.cpd.certified,
      certifiedWord: progress.cpd.certifiedWord,
      byCategory,
      creditYears: progress.cpd.creditYears,
      activities: activities.map((a) => {
        const w = portalWords(a);
        return {
          date: w.date,
          creditYear: `${CPD_SYSTEM_LABELS[a.system]} ${w.creditYear.label}`,
          title: a.title,
          category: `${CPD_SYSTEM_LABELS[a.system]} ${w.category}`,
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
        kind: reflectionKindLabel(p.kind),
        about: p.meeting ? `meeting on ${fromDbDate(p.meeting.date)}` : p.cpdActivity ? p.cpdActivity.title : '',
        answeredOn: p.answeredAt ? localDate(p.answeredAt, tz) : null,
        roles: labels(p.roles),
        outcome: p.outcome ? LEARNING_OUTCOME_LABELS[p.outcome] : null,
      })),
    },
    goals: goals.map((g) => ({ title: g.title, roles: labels(g.roles), targetDate: fromDbDateOrNull(g.targetDate), status: GOAL_STATUS_LABELS[g.status] })),
    rolesTouched: labels(progress.rolesTouched),
    missing: progress.missing,
    complete: progress.missing.length === 0,
  };
}

const capitalize = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1);
const amountText = (a: { hours: number | null; units: number | null; unit: string | null }): string =>
  a.hours !== null ? `${formatNumber(a.hours)} h` : a.units !== null ? `${formatNumber(a.units)} ${a.unit ?? ''}`.trim() : '—';

const mdCell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

export function completionReportMarkdown(r: CompletionReport): string {
  const p = r.person;
  const out: string[] = [];
  out.push(`# Completion report: ${p.name}`, '');
  out.push(`${r.programName}. Generated on ${r.generatedOn}.`, '');
  out.push(`- **Pathway:** ${p.pathway ?? '—'}`);
  out.push(`- **Program:** ${p.startDate} to ${p.endDate ?? '—'} (${p.status})`);
  out.push(`- **Mentor${r.mentors.length === 1 ? '' : 's'}:** ${r.mentors.join(', ') || '—'}`);
  out.push(`- **Status:** ${r.complete ? 'All requirements met' : 'Requirements outstanding'}`, '');
  out.push('## Meetings', '');
  out.push(`${r.progress.meetings.done} of ${r.progress.meetings.required} required meetings.`, '');
  if (r.meetings.length) {
    out.push('| Date | Mentor | Minutes | Format | Topics | CanMEDS roles | Confirmation |', '|---|---|---|---|---|---|---|');
    for (const m of r.meetings) out.push(`| ${m.date} | ${mdCell(m.mentor)} | ${m.minutes} | ${m.format} | ${mdCell(m.topics)} | ${m.roles.join(', ')} | ${m.confirmation} |`);
    out.push('');
  }
  out.push(`## CPD (${r.cpd.system})`, '');
  out.push(`${formatNumber(r.cpd.credits)} of ${formatNumber(r.cpd.target)} credits in the program year; ${formatNumber(r.cpd.certifiedCredits)} ${r.cpd.certifiedWord}.`, '');
  for (const y of r.cpd.creditYears) out.push(`- Credit year ${y.label}: ${formatNumber(y.credits)} of ${formatNumber(y.minimum)} credits${y.met ? ' (met)' : ''}${y.reportBy ? `; report by ${y.reportBy}` : ''}`);
  for (const g of r.progress.cpd.cycle) out.push(`- For the cycle, ${g.label}: ${formatNumber(g.have)} of ${formatNumber(g.need)} ${g.unit} logged here${g.met ? ' (met)' : ''}`);
  if (r.cpd.creditYears.length || r.progress.cpd.cycle.length) out.push('');
  out.push(`| Category | Activities | Credits | ${capitalize(r.cpd.certifiedWord)} credits |`, '|---|---|---|---|');
  for (const c of r.cpd.byCategory) out.push(`| ${c.category} | ${c.activities} | ${formatNumber(c.credits)} | ${formatNumber(c.certifiedCredits)} |`);
  out.push('');
  if (r.cpd.activities.length) {
    out.push(`| Date | Activity | Category | Type | ${capitalize(r.cpd.certifiedWord)} | Amount | Credits |`, '|---|---|---|---|---|---|---|');
    for (const a of r.cpd.activities) out.push(`| ${a.date} | ${mdCell(a.title)} | ${a.category} | ${mdCell(a.activityType)} | ${a.certified ? 'yes' : 'no'} | ${amountText(a)} | ${formatNumber(a.credits)} |`);
    out.push('');
  }
  out.push('## Reflections', '');
  out.push(`${r.reflections.answered} answered, ${r.reflections.outstanding} outstanding.`, '');
  for (const x of r.reflections.items) out.push(`- ${x.answeredOn ?? '—'}: ${x.kind}${x.about ? ` (${mdCell(x.about)})` : ''}${x.roles.length ? `; ${x.roles.join(', ')}` : ''}${x.outcome ? `; ${x.outcome}` : ''}`);
  if (r.reflections.items.length) out.push('');
  out.push('## Learning goals', '');
  if (r.goals.length === 0) out.push('No learning goals recorded.');
  for (const g of r.goals) out.push(`- ${mdCell(g.title)} (${g.status}${g.targetDate ? `, target ${g.targetDate}` : ''})${g.roles.length ? `: ${g.roles.join(', ')}` : ''}`);
  out.push('');
  out.push('## CanMEDS roles touched', '', r.rolesTouched.join(', ') || 'None recorded.', '');
  out.push('## What is missing', '');
  if (r.missing.length === 0) out.push('Nothing: every requirement is met.');
  for (const m of r.missing) out.push(`- ${m}`);
  return `${out.join('\n')}\n`;
}

export function completionReportText(r: CompletionReport): string {
  const p = r.person;
  const out: string[] = [];
  const title = `Completion report: ${p.name}`;
  out.push(title, '='.repeat(title.length));
  out.push(`${r.programName}, generated ${r.generatedOn}`);
  out.push(`Pathway: ${p.pathway ?? '-'}   Program: ${p.startDate} to ${p.endDate ?? '-'} (${p.status})`);
  out.push(`Mentors: ${r.mentors.join(', ') || '-'}`);
  out.push(`Status: ${r.complete ? 'all requirements met' : 'requirements outstanding'}`, '');
  out.push(`Meetings: ${r.progress.meetings.done} of ${r.progress.meetings.required}`);
  for (const m of r.meetings) out.push(`  ${m.date}  ${m.minutes} min  ${m.format.padEnd(9)} ${m.mentor}: ${m.topics.replace(/\s+/g, ' ')}${m.confirmation === 'confirmed' ? '' : ` [${m.confirmation}]`}`);
  out.push('', `CPD (${r.cpd.system}): ${formatNumber(r.cpd.credits)} of ${formatNumber(r.cpd.target)} credits, ${formatNumber(r.cpd.certifiedCredits)} ${r.cpd.certifiedWord}`);
  for (const y of r.cpd.creditYears) out.push(`  credit year ${y.label}: ${formatNumber(y.credits)} of ${formatNumber(y.minimum)}${y.met ? ' (met)' : ''}${y.reportBy ? `, report by ${y.reportBy}` : ''}`);
  for (const g of r.progress.cpd.cycle) out.push(`  for the cycle, ${g.label}: ${formatNumber(g.have)} of ${formatNumber(g.need)} ${g.unit} logged here${g.met ? ' (met)' : ''}`);
  const width = Math.max(...r.cpd.byCategory.map((c) => c.category.length));
  for (const c of r.cpd.byCategory) out.push(`  ${c.category.padEnd(width)}  ${String(c.activities).padStart(3)} activities  ${formatNumber(c.credits).padStart(6)} credits`);
  out.push('', `Reflections: ${r.reflections.answered} answered, ${r.reflections.outstanding} outstanding`);
  out.push(`Learning goals: ${r.goals.length ? r.goals.map((g) => `${g.title} (${g.status})`).join('; ') : 'none recorded'}`);
  out.push(`CanMEDS roles touched: ${r.rolesTouched.join(', ') || 'none recorded'}`, '');
  out.push('What is missing:');
  if (r.missing.length === 0) out.push('  nothing: every requirement is met');
  for (const m of r.missing) out.push(`  - ${m}`);
  return `${out.join('\n')}\n`;
}
