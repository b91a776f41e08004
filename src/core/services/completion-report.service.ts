// A participant's completion report: the data of the document sent to the college. A document for
// people, so every word of it is in the asker's language (CompletionReport.locale), unlike the
// exports (export.service.ts), which are English data for programs. Its renderers: Markdown and text
// in ui/completion-report.render.ts, HTML in cli/report-html.ts.
import type { Actor } from '../actor.js';
import type { CoreContext } from '../context.js';
import { canMedsLabel, type CanMedsRole } from '../domain/canmeds.js';
import { ruleWord } from '../domain/cpd-rules.js';
import { addMonthsLocal, localDate } from '../domain/time.js';
import { assertCanView } from './access.js';
import { fromDbDate, fromDbDateOrNull } from './db-dates.js';
import { portalWords, REFLECTION_KIND_KEYS } from './document-words.js';
import { menteeProgress } from './progress.service.js';
import type { MenteeProgress } from './progress.types.js';
import { formatDate } from '../i18n/format.js';
import { cpdSystemLabel, goalStatusLabel, meetingFormatLabel, outcomeLabel, pathwayLabel } from '../i18n/labels.js';
import type { Locale } from '../i18n/locale.js';
import { COMMAND_MARK, render, t, type MessageKey } from '../i18n/translate.js';
import { toCents } from '../domain/credits.js';

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
      credits: toCents(mine.reduce((s, a) => s + Number(a.credits), 0)),
      certifiedCredits: toCents(mine.filter((a) => a.certified).reduce((s, a) => s + Number(a.credits), 0)),
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

