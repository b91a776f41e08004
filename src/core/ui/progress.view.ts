// Progress as neutral messages, in the reader's language. Every message stays within MAX_BLOCKS (Slack
// allows 100 blocks; we leave room for the adapters) and long lists are cut with "…and N more".
import { ruleWord } from '../domain/cpd-rules.js';
import type { MenteeProgress, ProgramProgress } from '../services/progress.types.js';
import type { Block, Message } from './message.js';
import { CANMEDS_ROLE_KEYS, canMedsLabel } from '../domain/canmeds.js';
import { formatDate, formatHours, formatNumber } from '../i18n/format.js';
import { cpdSystemLabel, pathwayLabel } from '../i18n/labels.js';
import type { Locale } from '../i18n/locale.js';
import { render, t } from '../i18n/translate.js';

export const MAX_BLOCKS = 50;
/** Items shown in one list block before "…and N more". */
export const MAX_LIST_ITEMS = 15;

export type ProgressAudience = 'self' | 'mentor' | 'coordinator';

export function limitItems(locale: Locale, items: string[], max = MAX_LIST_ITEMS): string[] {
  if (items.length <= max) return items;
  return [...items.slice(0, max), t(locale, 'progress.andMore', { n: items.length - max })];
}

/** Keeps a message within MAX_BLOCKS, ending with a note of what was left out (`more`: what to do; default, the progress one). */
export function capBlocks(locale: Locale, blocks: Block[], more?: string): Block[] {
  if (blocks.length <= MAX_BLOCKS) return blocks;
  return [...blocks.slice(0, MAX_BLOCKS - 1), { type: 'context', text: t(locale, 'progress.shortened', { more: more ?? t(locale, 'progress.shortenedMore') }) }];
}

const names = (people: { name: string }[]): string => people.map((x) => x.name).join(', ');
const n = formatNumber;

function meetingLine(locale: Locale, p: MenteeProgress): string {
  const m = p.meetings;
  if (m.lastDate === null) return t(locale, 'progress.noMeetingYet');
  return t(locale, 'progress.lastMeeting', { date: formatDate(locale, m.lastDate), days: m.daysSince ?? 0 });
}

/** The progress blocks of one mentee, without a header. */
export function menteeBlocks(locale: Locale, p: MenteeProgress, options: { audience: ProgressAudience }): Block[] {
  const m = p.meetings;
  const c = p.cpd;
  const system = cpdSystemLabel(locale, c.system);
  const facts: { label: string; value: string }[] = [
    { label: t(locale, 'progress.fact.program'), value: p.month === 0 ? t(locale, 'progress.starts', { date: formatDate(locale, p.startDate) }) : t(locale, 'progress.monthOf', { month: p.month, months: p.months }) },
  ];
  if (p.endDate) {
    const end = formatDate(locale, p.endDate);
    facts.push({ label: t(locale, 'progress.fact.ends'), value: p.daysToEnd !== null && p.daysToEnd >= 0 ? t(locale, 'progress.endsIn', { date: end, days: p.daysToEnd }) : end });
  }
  if (p.pathway) facts.push({ label: t(locale, 'progress.fact.pathway'), value: pathwayLabel(locale, p.pathway) });
  facts.push({ label: t(locale, 'progress.fact.mentor'), value: p.mentors.length ? names(p.mentors) : t(locale, 'progress.notPaired') });
  const line = meetingLine(locale, p);
  facts.push({ label: t(locale, 'progress.fact.meetings'), value: m.overdue ? t(locale, 'progress.overdueLine', { line }) : line });
  if (m.nextAgreed) facts.push({ label: t(locale, 'progress.fact.nextMeeting'), value: formatDate(locale, m.nextAgreed) });
  if (m.unconfirmed || m.disputed) facts.push({ label: t(locale, 'progress.fact.toConfirm'), value: t(locale, 'progress.toConfirm', { awaiting: m.unconfirmed, disputed: m.disputed }) });
  facts.push({
    label: t(locale, 'progress.fact.reflections'),
    value: m.done === 0 && p.reflections.answered === 0
      ? t(locale, 'progress.reflectionsNoneYet', { outstanding: p.reflections.outstanding })
      : t(locale, 'progress.reflectionsCount', { answered: p.reflections.answered, outstanding: p.reflections.outstanding }),
  });
  const pathway = p.pathway ?? undefined;
  const roles = (list: typeof p.rolesTouched) => list.map((r) => canMedsLabel(r, pathway, locale)).join(', ');
  facts.push({ label: t(locale, 'progress.fact.canmeds'), value: p.rolesTouched.length ? roles(p.rolesTouched) : t(locale, 'progress.noneRecordedYet') });
  const untouched = CANMEDS_ROLE_KEYS.filter((r) => !p.rolesTouched.includes(r));
  if (p.rolesTouched.length && untouched.length) facts.push({ label: t(locale, 'progress.fact.notTouched'), value: roles(untouched) });
  if (p.status !== 'ACTIVE') facts.push({ label: t(locale, 'progress.fact.status'), value: t(locale, p.status === 'COMPLETED' ? 'progress.status.completed' : 'progress.status.withdrawn') });

  const byCategory = c.byCategory
    .filter((k) => k.credits > 0)
    .map((k) => `${ruleWord(locale, k)} ${n(locale, k.credits)}`)
    .join(', ');
  const cpdNote = [
    c.behind ? t(locale, 'progress.behindPace', { expected: n(locale, c.expected) }) : t(locale, 'progress.onPace'),
    c.certified > 0 ? t(locale, 'progress.certifiedCredits', { credits: n(locale, c.certified), word: c.certifiedWord }) : '',
    byCategory,
  ]
    .filter(Boolean)
    .join('; ');

  const blocks: Block[] = [
    { type: 'progress', label: t(locale, 'progress.fact.meetings'), value: m.done, max: m.required, note: t(locale, 'progress.expectedByNow', { n: m.expectedByNow }) },
    { type: 'progress', label: t(locale, 'progress.cpdCreditsOf', { system }), value: c.credits, max: c.target, note: cpdNote },
    { type: 'facts', facts: [...facts, ...cpdFacts(locale, c)] },
  ];
  if (p.missing.length) {
    const you = options.audience === 'self';
    blocks.push({ type: 'list', title: you ? t(locale, 'progress.missingYou') : t(locale, 'progress.missingFor', { name: p.name }), items: limitItems(locale, p.missing.map((x) => render(locale, x))) });
  } else if (p.status === 'ACTIVE') {
    blocks.push({ type: 'text', text: t(locale, 'progress.nothingMissing') });
  }
  return blocks;
}

/** The credit years the program year touches, the cycle's knowable gaps, and any other system apart. */
function cpdFacts(locale: Locale, c: MenteeProgress['cpd']): { label: string; value: string }[] {
  const facts = c.creditYears.map((y) => ({
    label: t(locale, 'progress.creditYearLabel', { system: cpdSystemLabel(locale, c.system), year: y.label }),
    value: t(locale, 'progress.creditYear', {
      credits: n(locale, y.credits),
      minimum: n(locale, y.minimum),
      met: y.met ? 'yes' : 'no',
      report: y.reportBy ? 'yes' : 'no',
      reportBy: y.reportBy ? formatDate(locale, y.reportBy) : '',
    }),
  }));
  const gaps = c.cycle.filter((g) => !g.met);
  if (gaps.length) {
    facts.push({
      label: t(locale, 'progress.fact.cycle'),
      value: gaps.map((g) => t(locale, 'progress.cycleGap', { label: ruleWord(locale, g), have: n(locale, g.have), need: n(locale, g.need), unit: g.unit })).join('; '),
    });
  }
  for (const o of c.otherSystems) {
    facts.push({ label: t(locale, 'progress.cpdCreditsOf', { system: cpdSystemLabel(locale, o.system) }), value: t(locale, 'progress.otherSystem', { credits: n(locale, o.credits), activities: o.activities }) });
  }
  return facts;
}

/** A mentee's progress for a reader in `options.locale` (English when not given: the command line's demo). */
export function menteeProgressMessage(p: MenteeProgress, options: { audience: ProgressAudience; locale?: Locale }): Message {
  const locale = options.locale ?? 'en';
  const title = options.audience === 'self' ? t(locale, 'progress.yourProgress') : t(locale, 'progress.progressOf', { name: p.name });
  const summary = t(locale, 'progress.summary', { title, done: p.meetings.done, required: p.meetings.required, credits: n(locale, p.cpd.credits), target: n(locale, p.cpd.target) });
  return { text: summary, blocks: capBlocks(locale, [{ type: 'header', text: title }, ...menteeBlocks(locale, p, options)]) };
}

/** A mentor's view: one compact section per mentee; long rosters are summarised. */
export function mentorOverviewMessage(locale: Locale, rows: MenteeProgress[]): Message {
  const header = t(locale, 'progress.yourMentees');
  if (rows.length === 0) {
    return { text: t(locale, 'progress.noMentees'), blocks: [{ type: 'header', text: header }, { type: 'text', text: t(locale, 'progress.noMenteesLong') }] };
  }
  const blocks: Block[] = [{ type: 'header', text: header }];
  // Each mentee takes 4 blocks; past the limit the rest are listed in one line each.
  const perMentee = 4;
  const fit = Math.floor((MAX_BLOCKS - 3) / perMentee);
  for (const p of rows.slice(0, fit)) {
    blocks.push({ type: 'text', text: p.meetings.overdue ? t(locale, 'progress.menteeOverdue', { name: p.name }) : p.name });
    blocks.push({ type: 'progress', label: t(locale, 'progress.fact.meetings'), value: p.meetings.done, max: p.meetings.required, note: meetingLine(locale, p) });
    blocks.push({ type: 'progress', label: t(locale, 'progress.cpdCredits'), value: p.cpd.credits, max: p.cpd.target, note: t(locale, p.cpd.behind ? 'progress.behindPaceShort' : 'progress.onPace') });
    blocks.push({
      type: 'context',
      text: t(locale, 'progress.menteeContext', { month: p.month, months: p.months, answered: p.reflections.answered, outstanding: p.reflections.outstanding, missing: p.missing.length }),
    });
  }
  if (rows.length > fit) {
    blocks.push({
      type: 'list',
      title: t(locale, 'progress.also'),
      items: limitItems(locale, rows.slice(fit).map((p) => t(locale, 'progress.menteeMeetings', { name: p.name, done: p.meetings.done, required: p.meetings.required }))),
    });
  }
  return { text: t(locale, 'progress.yourMenteesCount', { n: rows.length }), blocks: capBlocks(locale, blocks) };
}

/** The attention lists as list blocks (shared by the program overview and the digest). */
export function attentionBlocks(locale: Locale, p: ProgramProgress): Block[] {
  const a = p.attention;
  const blocks: Block[] = [];
  const add = (title: string, items: string[]) => {
    if (items.length) blocks.push({ type: 'list', title: t(locale, 'progress.listTitle', { title, n: items.length }), items: limitItems(locale, items) });
  };
  const d = (iso: string) => formatDate(locale, iso);
  const system = (s: Parameters<typeof cpdSystemLabel>[1]) => cpdSystemLabel(locale, s);
  add(t(locale, 'progress.attention.pairsOverdue'), a.pairsOverdue.map((x) => t(locale, 'progress.attention.pairOverdue', { mentor: x.mentor.name, mentee: x.mentee.name, days: x.daysWithoutMeeting, hasLast: x.lastMeeting ? 'yes' : 'no', last: x.lastMeeting ? d(x.lastMeeting) : '' })));
  add(t(locale, 'progress.attention.escalated'), a.pairsEscalated.map((x) => t(locale, 'progress.attention.pair', { mentor: x.mentor.name, mentee: x.mentee.name })));
  add(t(locale, 'progress.attention.reflections'), a.reflectionsOutstanding.map((x) => t(locale, 'progress.attention.reflection', { mentee: x.mentee.name, n: x.outstanding, due: d(x.oldestDue) })));
  add(t(locale, 'progress.attention.cpdBehind'), a.cpdBehind.map((x) => t(locale, 'progress.attention.cpdBehindLine', { mentee: x.mentee.name, credits: n(locale, x.credits), expected: n(locale, x.expected), system: system(x.system), target: n(locale, x.target) })));
  add(t(locale, 'progress.attention.creditYearsShort'), a.creditYearsShort.map((x) => t(locale, 'progress.attention.creditYearShort', { mentee: x.mentee.name, system: system(x.system), year: x.label, credits: n(locale, x.credits), minimum: n(locale, x.minimum), report: x.reportBy ? 'yes' : 'no', reportBy: x.reportBy ? d(x.reportBy) : '' })));
  add(t(locale, 'progress.attention.unconfirmed'), a.unconfirmedMeetings.map((x) => t(locale, 'progress.attention.unconfirmedLine', { mentee: x.mentee.name, hasMentors: x.mentors.length ? 'yes' : 'no', mentors: names(x.mentors), n: x.count })));
  add(t(locale, 'progress.attention.completions'), a.completionsComingUp.map((x) => t(locale, 'progress.attention.completion', { mentee: x.mentee.name, date: d(x.endDate), days: x.daysToEnd, missing: x.missing.length })));
  add(t(locale, 'progress.attention.unpaired'), a.unpaired.map((x) => x.name));
  add(t(locale, 'progress.attention.withdrawn'), a.withdrawnThisYear.map((x) => (x.at ? t(locale, 'progress.attention.withdrawnOn', { name: x.person.name, date: d(x.at) }) : x.person.name)));
  return blocks;
}

export function totalsFacts(locale: Locale, p: ProgramProgress): Block {
  const s = p.totals;
  return {
    type: 'facts',
    facts: [
      { label: t(locale, 'progress.totals.mentees'), value: n(locale, s.participants.MENTEE) },
      { label: t(locale, 'progress.totals.mentors'), value: n(locale, s.participants.MENTOR) },
      { label: t(locale, 'progress.totals.coordinators'), value: n(locale, s.participants.COORDINATOR) },
      { label: t(locale, 'progress.totals.pairs'), value: n(locale, s.pairs) },
      { label: t(locale, 'progress.fact.meetings'), value: t(locale, 'progress.totals.meetingsValue', { n: n(locale, s.meetings), hours: formatHours(locale, Math.round((s.meetingMinutes / 60) * 10) / 10) }) },
      {
        label: t(locale, 'progress.totals.cpd'),
        value: s.cpdBySystem.length
          ? s.cpdBySystem.map((x) => t(locale, 'progress.totals.cpdSystem', { system: cpdSystemLabel(locale, x.system), activities: x.activities, credits: n(locale, x.credits) })).join('; ')
          : t(locale, 'progress.totals.noActivities'),
      },
      { label: t(locale, 'progress.fact.reflections'), value: t(locale, 'progress.reflectionsCount', { answered: s.reflectionsAnswered, outstanding: s.reflectionsOutstanding }) },
    ],
  };
}

export function programOverviewMessage(locale: Locale, p: ProgramProgress): Message {
  const blocks: Block[] = [{ type: 'header', text: t(locale, 'progress.overview.header', { program: p.programName, date: formatDate(locale, p.today) }) }, totalsFacts(locale, p)];
  const attention = attentionBlocks(locale, p);
  if (attention.length) blocks.push({ type: 'divider' }, ...attention);
  else blocks.push({ type: 'text', text: t(locale, 'progress.overview.allOnTrack') });
  const onTrack = p.rows.filter((r) => r.status === 'ACTIVE' && !r.meetings.overdue && !r.cpd.behind && r.reflections.outstanding === 0).length;
  blocks.push({ type: 'context', text: t(locale, 'progress.overview.onTrack', { onTrack, mentees: p.totals.participants.MENTEE }) });
  return {
    text: t(locale, 'progress.overview.summary', { program: p.programName, mentees: p.totals.participants.MENTEE, overdue: p.attention.pairsOverdue.length }),
    blocks: capBlocks(locale, blocks),
  };
}
