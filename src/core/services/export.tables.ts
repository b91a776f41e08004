// What each export holds: one table per kind, read from the store, with English headers and coded
// values (export.service.ts says why). Apart from the service, which checks who asks and for which
// period, encodes the table and audits the export; and from the encoding, which knows no table.
import type { CoreContext } from '../context.js';
import { canMedsLabel, type CanMedsRole } from '../domain/canmeds.js';
import { activityTypeRule, categoryRule, ruleSetFor } from '../domain/cpd-rules.js';
import { CPD_SYSTEMS, CPD_SYSTEM_LABELS, LEARNING_OUTCOME_LABELS, MEETING_FORMAT_LABELS, PATHWAY_LABELS, ROLE_LABELS, type Pathway } from '../domain/enums.js';
import { addDaysLocal, localDate } from '../domain/time.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { fromDbDate, fromDbDateOrNull, toDbDate } from './db-dates.js';
import { portalWords, REFLECTION_KIND_KEYS } from './document-words.js';
import type { Cell, Table } from './export.encode.js';
import type { ExportKind, ExportOptions } from './export.service.js';
import { programProgress } from './progress.service.js';
import type { Locale } from '../i18n/locale.js';
import { render, t } from '../i18n/translate.js';
import { toCents } from '../domain/credits.js';

export interface Period {
  from?: string;
  to?: string;
  /** Prisma filter on a @db.Date column. */
  dates?: { gte?: Date; lte?: Date };
}

export async function buildTable(ctx: CoreContext, locale: Locale, kind: ExportKind, period: Period, options: ExportOptions): Promise<Table> {
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
    const credits = (gs: typeof groups) => toCents(gs.reduce((a, g) => a + Number(g._sum.credits ?? 0), 0));
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

