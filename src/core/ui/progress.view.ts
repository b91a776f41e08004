// Progress as neutral messages. Every message stays within MAX_BLOCKS (Slack allows 100 blocks;
// we leave room for the adapters) and long lists are cut with "…and N more".
import { CPD_SYSTEM_LABELS, PATHWAY_LABELS } from '../domain/enums.js';
import type { MenteeProgress, ProgramProgress } from '../services/progress.service.js';
import { formatNumber } from '../services/progress.service.js';
import type { Block, Message } from './message.js';
import { CANMEDS_ROLE_KEYS, canMedsLabel } from '../domain/canmeds.js';

export const MAX_BLOCKS = 50;
/** Items shown in one list block before "…and N more". */
export const MAX_LIST_ITEMS = 15;

export type ProgressAudience = 'self' | 'mentor' | 'coordinator';

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
const activities = (n: number): string => `${n} ${n === 1 ? 'activity' : 'activities'}`;

export function limitItems(items: string[], max = MAX_LIST_ITEMS): string[] {
  if (items.length <= max) return items;
  return [...items.slice(0, max), `…and ${items.length - max} more`];
}

/** Keeps a message within MAX_BLOCKS, ending with a note of what was left out. */
export function capBlocks(blocks: Block[], more = 'Type the command with a person to see one in full, or ask for an export.'): Block[] {
  if (blocks.length <= MAX_BLOCKS) return blocks;
  return [...blocks.slice(0, MAX_BLOCKS - 1), { type: 'context', text: `Message shortened. ${more}` }];
}

function meetingLine(p: MenteeProgress): string {
  const m = p.meetings;
  if (m.lastDate === null) return 'No meeting logged yet';
  return `Last ${m.lastDate} (${plural(m.daysSince ?? 0, 'day')} ago)`;
}

/** The progress blocks of one mentee, without a header. */
export function menteeBlocks(p: MenteeProgress, options: { audience: ProgressAudience }): Block[] {
  const m = p.meetings;
  const c = p.cpd;
  const facts: { label: string; value: string }[] = [
    { label: 'Program', value: p.month === 0 ? `Starts ${p.startDate}` : `Month ${p.month} of ${p.months}` },
  ];
  if (p.endDate) facts.push({ label: 'Ends', value: p.daysToEnd !== null && p.daysToEnd >= 0 ? `${p.endDate} (in ${plural(p.daysToEnd, 'day')})` : p.endDate });
  if (p.pathway) facts.push({ label: 'Pathway', value: PATHWAY_LABELS[p.pathway] });
  facts.push({ label: 'Mentor', value: p.mentors.length ? p.mentors.map((x) => x.name).join(', ') : 'not paired yet' });
  facts.push({ label: 'Meetings', value: `${meetingLine(p)}${m.overdue ? ' — overdue' : ''}` });
  if (m.nextAgreed) facts.push({ label: 'Next meeting', value: m.nextAgreed });
  if (m.unconfirmed || m.disputed) facts.push({ label: 'To confirm', value: `${m.unconfirmed} awaiting, ${m.disputed} disputed` });
  facts.push({ label: 'Reflections', value: `${m.done === 0 && p.reflections.answered === 0 ? 'none yet' : `${p.reflections.answered} answered`}, ${p.reflections.outstanding} outstanding` });
  const pathway = p.pathway ?? undefined;
  facts.push({ label: 'CanMEDS roles', value: p.rolesTouched.length ? p.rolesTouched.map((r) => canMedsLabel(r, pathway)).join(', ') : 'none recorded yet' });
  const untouched = CANMEDS_ROLE_KEYS.filter((r) => !p.rolesTouched.includes(r));
  if (p.rolesTouched.length && untouched.length) facts.push({ label: 'Not touched yet', value: untouched.map((r) => canMedsLabel(r, pathway)).join(', ') });
  if (p.status !== 'ACTIVE') facts.push({ label: 'Status', value: p.status === 'COMPLETED' ? 'Completed' : 'Withdrawn' });

  const byCategory = c.byCategory
    .filter((k) => k.credits > 0)
    .map((k) => `${k.label} ${formatNumber(k.credits)}`)
    .join(', ');
  const cpdNote = [
    c.behind ? `behind pace: ${formatNumber(c.expected)} expected by now` : 'on pace',
    c.certified > 0 ? `${formatNumber(c.certified)} ${c.certifiedWord}` : '',
    byCategory,
  ]
    .filter(Boolean)
    .join('; ');

  const blocks: Block[] = [
    { type: 'progress', label: 'Meetings', value: m.done, max: m.required, note: `${m.expectedByNow} expected by now` },
    { type: 'progress', label: `CPD credits (${CPD_SYSTEM_LABELS[c.system]})`, value: c.credits, max: c.target, note: cpdNote },
    { type: 'facts', facts: [...facts, ...cpdFacts(c)] },
  ];
  if (p.missing.length) {
    const you = options.audience === 'self';
    blocks.push({ type: 'list', title: you ? 'Still missing for completion' : `Still missing for ${p.name}`, items: limitItems(p.missing) });
  } else if (p.status === 'ACTIVE') {
    blocks.push({ type: 'text', text: 'Nothing missing for completion: well done.' });
  }
  return blocks;
}

/** The credit years the program year touches, the cycle's knowable gaps, and any other system apart. */
function cpdFacts(c: MenteeProgress['cpd']): { label: string; value: string }[] {
  const facts = c.creditYears.map((y) => ({
    label: `${CPD_SYSTEM_LABELS[c.system]} ${y.label}`,
    value: `${formatNumber(y.credits)} of ${formatNumber(y.minimum)} credits for the year${y.met ? ' — met' : ''}${y.reportBy ? `; report by ${y.reportBy}` : ''}`,
  }));
  const gaps = c.cycle.filter((g) => !g.met);
  if (gaps.length) {
    facts.push({ label: 'For the cycle', value: gaps.map((g) => `${g.label}: ${formatNumber(g.have)} of ${formatNumber(g.need)} ${g.unit} logged here`).join('; ') });
  }
  for (const o of c.otherSystems) facts.push({ label: `CPD credits (${CPD_SYSTEM_LABELS[o.system]})`, value: `${formatNumber(o.credits)} from ${activities(o.activities)}, counted apart` });
  return facts;
}

export function menteeProgressMessage(p: MenteeProgress, options: { audience: ProgressAudience }): Message {
  const title = options.audience === 'self' ? 'Your progress' : `Progress of ${p.name}`;
  const summary = `${title}: ${p.meetings.done}/${p.meetings.required} meetings, ${formatNumber(p.cpd.credits)}/${formatNumber(p.cpd.target)} CPD credits`;
  return { text: summary, blocks: capBlocks([{ type: 'header', text: title }, ...menteeBlocks(p, options)]) };
}

/** A mentor's view: one compact section per mentee; long rosters are summarised. */
export function mentorOverviewMessage(rows: MenteeProgress[]): Message {
  if (rows.length === 0) {
    return { text: 'You have no mentees paired with you at the moment.', blocks: [{ type: 'header', text: 'Your mentees' }, { type: 'text', text: 'You have no mentees paired with you at the moment. Your coordinator pairs mentors with mentees.' }] };
  }
  const blocks: Block[] = [{ type: 'header', text: 'Your mentees' }];
  // Each mentee takes 4 blocks; past the limit the rest are listed in one line each.
  const perMentee = 4;
  const fit = Math.floor((MAX_BLOCKS - 3) / perMentee);
  for (const p of rows.slice(0, fit)) {
    blocks.push({ type: 'text', text: p.name + (p.meetings.overdue ? ' — meeting overdue' : '') });
    blocks.push({ type: 'progress', label: 'Meetings', value: p.meetings.done, max: p.meetings.required, note: meetingLine(p) });
    blocks.push({ type: 'progress', label: 'CPD credits', value: p.cpd.credits, max: p.cpd.target, note: p.cpd.behind ? 'behind pace' : 'on pace' });
    blocks.push({ type: 'context', text: `Month ${p.month} of ${p.months}; reflections ${p.reflections.answered} answered, ${p.reflections.outstanding} outstanding${p.missing.length ? `; missing: ${plural(p.missing.length, 'item')}` : ''}` });
  }
  if (rows.length > fit) {
    blocks.push({ type: 'list', title: 'Also', items: limitItems(rows.slice(fit).map((p) => `${p.name}: ${p.meetings.done}/${p.meetings.required} meetings`)) });
  }
  return { text: `Your mentees: ${rows.length}`, blocks: capBlocks(blocks) };
}

/** The attention lists as list blocks (shared by the program overview and the digest). */
export function attentionBlocks(p: ProgramProgress): Block[] {
  const a = p.attention;
  const blocks: Block[] = [];
  const add = (title: string, items: string[]) => {
    if (items.length) blocks.push({ type: 'list', title: `${title} (${items.length})`, items: limitItems(items) });
  };
  add('Pairs overdue', a.pairsOverdue.map((x) => `${x.mentor.name} & ${x.mentee.name}: ${plural(x.daysWithoutMeeting, 'day')} without a meeting${x.lastMeeting ? ` (last ${x.lastMeeting})` : ''}`));
  add('Overdue twice the cadence or more', a.pairsEscalated.map((x) => `${x.mentor.name} & ${x.mentee.name}`));
  add('Reflections outstanding', a.reflectionsOutstanding.map((x) => `${x.mentee.name}: ${x.outstanding} (oldest due ${x.oldestDue})`));
  add('CPD behind pace', a.cpdBehind.map((x) => `${x.mentee.name}: ${formatNumber(x.credits)} of ${formatNumber(x.expected)} credits expected by now (${CPD_SYSTEM_LABELS[x.system]} target ${formatNumber(x.target)})`));
  add('Credit years closed below the college minimum (as logged here)', a.creditYearsShort.map((x) => `${x.mentee.name}: ${CPD_SYSTEM_LABELS[x.system]} ${x.label}, ${formatNumber(x.credits)} of ${formatNumber(x.minimum)} credits${x.reportBy ? ` (report by ${x.reportBy})` : ''}`));
  add('Unconfirmed meetings', a.unconfirmedMeetings.map((x) => `${x.mentee.name}${x.mentors.length ? ` with ${x.mentors.map((m) => m.name).join(', ')}` : ''}: ${x.count}`));
  add('Completions coming up', a.completionsComingUp.map((x) => `${x.mentee.name}: ends ${x.endDate} (in ${plural(x.daysToEnd, 'day')})${x.missing.length ? `; missing ${x.missing.length}` : '; nothing missing'}`));
  add('Not paired with a mentor', a.unpaired.map((x) => x.name));
  add('Withdrawn this year', a.withdrawnThisYear.map((x) => `${x.person.name}${x.at ? ` (${x.at})` : ''}`));
  return blocks;
}

export function totalsFacts(p: ProgramProgress): Block {
  const t = p.totals;
  return {
    type: 'facts',
    facts: [
      { label: 'Mentees', value: String(t.participants.MENTEE) },
      { label: 'Mentors', value: String(t.participants.MENTOR) },
      { label: 'Coordinators', value: String(t.participants.COORDINATOR) },
      { label: 'Active pairs', value: String(t.pairs) },
      { label: 'Meetings', value: `${t.meetings} (${formatNumber(Math.round((t.meetingMinutes / 60) * 10) / 10)} h)` },
      { label: 'CPD', value: t.cpdBySystem.length ? t.cpdBySystem.map((x) => `${CPD_SYSTEM_LABELS[x.system]}: ${activities(x.activities)}, ${formatNumber(x.credits)} credits`).join('; ') : 'no activities yet' },
      { label: 'Reflections', value: `${t.reflectionsAnswered} answered, ${t.reflectionsOutstanding} outstanding` },
    ],
  };
}

export function programOverviewMessage(p: ProgramProgress): Message {
  const blocks: Block[] = [{ type: 'header', text: `${p.programName}: status on ${p.today}` }, totalsFacts(p)];
  const attention = attentionBlocks(p);
  if (attention.length) blocks.push({ type: 'divider' }, ...attention);
  else blocks.push({ type: 'text', text: 'Nothing needs attention: every pair is on track.' });
  const onTrack = p.rows.filter((r) => r.status === 'ACTIVE' && !r.meetings.overdue && !r.cpd.behind && r.reflections.outstanding === 0).length;
  blocks.push({ type: 'context', text: `${onTrack} of ${p.totals.participants.MENTEE} mentees on track.` });
  return { text: `${p.programName}: ${p.totals.participants.MENTEE} mentees, ${p.attention.pairsOverdue.length} pairs overdue`, blocks: capBlocks(blocks) };
}
