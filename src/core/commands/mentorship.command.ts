// /mentorship <sub>: the coordinators' tools (help for everyone).
import type { Platform } from '../domain/enums.js';
import { PATHWAY_LABELS, ROLE_LABELS } from '../domain/enums.js';
import { MENTORSHIP_SUBCOMMANDS, parseMentorshipArgs, type MentorshipArgs } from '../domain/parse/parse-mentorship-args.js';
import { normalizeWord } from '../domain/normalize.js';
import { tokenize } from '../domain/parse/tokenize.js';
import { requireCoordinator, today } from '../services/access.js';
import { findPersonByRef } from '../services/identity.service.js';
import { digestReply, exportReply, statusReply } from '../services/reports.js';
import { enroll, eraseParticipant, pair, removeDigestChannel, setDigestChannel, setEnrollmentStatus, unpair } from '../services/roster.service.js';
import type { Message } from '../ui/message.js';
import { message } from '../ui/message.js';
import type { Reply } from '../ui/reply.js';
import type { CommandDefinition, CommandInput } from './types.js';

const USAGE = [
  'enroll <person> as <mentee|mentor|coordinator> [pathway <PRA-MB-FP|MLPIMG|PRA-MB-SP>] [from <date>] [until <date>]',
  'pair <mentor> with <mentee> [from <date>]',
  'unpair <mentor> with <mentee>',
  'channel [off]',
  'digest',
  'export <meetings|cpd|reading|reflections|participants|summary>',
  'status',
  'withdraw <person> [as <role>]',
  'complete <person> [as <role>]',
  'erase <person>',
  'help',
];

const EXAMPLES = [
  'enroll jane.doe@example.org as mentee pathway PRA-MB-FP from 2026-01-05',
  'pair @dr.smith with @jane',
  'export meetings',
];

const WHAT: Record<Exclude<MentorshipArgs['sub'], 'help'>, string> = {
  enroll: 'enroll someone in a role',
  pair: 'pair a mentor with a mentee',
  unpair: 'end a pairing',
  channel: 'make this (private) channel a digest channel; "channel off" stops it',
  digest: 'post the coordinator digest now',
  export: 'get a CSV export by DM',
  status: 'see the program at a glance',
  erase: 'erase a participant and all their records',
  withdraw: 'someone leaves the program: their pairings end, reminders stop, records stay',
  complete: 'someone has completed the program: as withdraw, but recorded as completed',
};

function mentorshipHelp(platform: Platform, intro?: string): Message {
  const word = platform === 'SLACK' ? '/mentorship' : 'mentorship';
  const items = USAGE.map((u) => `${word} ${u}`);
  const text = intro ?? 'Mentorship program tools';
  return {
    text,
    blocks: [
      ...(intro ? [{ type: 'text' as const, text: intro }] : []),
      { type: 'header', text: 'Mentorship program tools' },
      { type: 'list', items },
      { type: 'context', text: `Everything but help is for coordinators. A person is a mention (@name) or an email; dates as 2026-01-05, today or Jan 5. Subcommands: ${Object.entries(WHAT).map(([k, v]) => `${k} — ${v}`).join('; ')}.` },
    ],
  };
}

const COORDINATOR_ONLY = new Set<string>([...MENTORSHIP_SUBCOMMANDS.filter((s) => s !== 'help'), 'enrol']);

async function run({ ctx, actor, text, conversation, requestId }: CommandInput): Promise<Reply> {
  const first = normalizeWord(tokenize(text)[0] ?? '');
  // Refuse before parsing, so a participant is told it is not theirs rather than how to type it.
  if (COORDINATOR_ONLY.has(first)) requireCoordinator(actor, `use /mentorship ${first}`);
  const args = parseMentorshipArgs(text, { today: today(ctx) });
  // Where the command was typed: resolves mentions (Teams: with the activity's mention entities).
  const hint = conversation;
  const say = (t: string): Reply => ({ kind: 'message', message: message(t) });

  switch (args.sub) {
    case 'help':
      return { kind: 'message', message: mentorshipHelp(conversation.platform, args.unknown ? `I don't know '${args.unknown}'.` : undefined) };
    case 'enroll': {
      const result = await enroll(ctx, actor, {
        personRef: args.person,
        role: args.role,
        platformHint: hint,
        ...(args.pathway ? { pathway: args.pathway } : {}),
        ...(args.from ? { start: args.from } : {}),
        ...(args.until ? { end: args.until } : {}),
      });
      const e = result.enrollment;
      const span = e.endDate ? `from ${e.startDate} until ${e.endDate}` : `from ${e.startDate}`;
      const pathway = e.pathway ? `, pathway ${PATHWAY_LABELS[e.pathway]}` : e.role === 'MENTEE' ? ' (no pathway yet: add "pathway PRA-MB-FP" to set it)' : '';
      const verb = result.created ? 'Enrolled' : 'Updated the enrollment of';
      const welcome = result.created ? ' They will get a welcome message.' : '';
      return say(`${verb} ${e.personName} as ${ROLE_LABELS[e.role].toLowerCase()} ${span}${pathway}.${welcome}`);
    }
    case 'pair': {
      const mentorId = await findPersonByRef(ctx, args.mentor, hint);
      const menteeId = await findPersonByRef(ctx, args.mentee, hint);
      const result = await pair(ctx, actor, mentorId, menteeId, args.from);
      return say(`Paired ${result.mentorName} (mentor) with ${result.menteeName} (mentee) from ${result.pairing.fromDate}. Both will get an introduction.`);
    }
    case 'unpair': {
      const mentorId = await findPersonByRef(ctx, args.mentor, hint);
      const menteeId = await findPersonByRef(ctx, args.mentee, hint);
      const ended = await unpair(ctx, actor, mentorId, menteeId);
      return say(`Ended the pairing (it ran from ${ended.fromDate} to ${ended.untilDate}). Their meetings stay on record.`);
    }
    case 'channel': {
      if (args.off) {
        const { removed } = await removeDigestChannel(ctx, actor, conversation);
        return say(removed ? 'This channel no longer gets the coordinator digest.' : 'This channel does not get the coordinator digest: nothing to stop. /mentorship status lists the digest channels.');
      }
      const result = await setDigestChannel(ctx, actor, conversation);
      return say(result.created ? 'This channel will get the coordinator digest. Keep it private to coordinators: the digest names people who are behind.' : 'This channel already gets the coordinator digest.');
    }
    case 'digest':
      return digestReply(ctx, actor, conversation, requestId);
    case 'export':
      return exportReply(ctx, actor, args.report, requestId);
    case 'status':
      return statusReply(ctx, actor);
    case 'withdraw':
    case 'complete': {
      const personId = await findPersonByRef(ctx, args.person, hint);
      const enrollments = await ctx.db.enrollment.findMany({
        where: { programId: ctx.program.id, personId, status: 'ACTIVE', ...(args.role ? { role: args.role } : {}) },
        include: { person: { select: { name: true } } },
      });
      if (enrollments.length === 0) {
        const as = args.role ? ` as ${ROLE_LABELS[args.role].toLowerCase()}` : '';
        return say(`Nothing to change: they have no active enrollment${as} in ${ctx.program.name}. /mentorship status lists the participants.`);
      }
      const status = args.sub === 'withdraw' ? 'WITHDRAWN' : 'COMPLETED';
      for (const e of enrollments) await setEnrollmentStatus(ctx, actor, e.id, status);
      const roles = enrollments.map((e) => ROLE_LABELS[e.role].toLowerCase()).join(' and ');
      const verb = args.sub === 'withdraw' ? 'Withdrew' : 'Marked as completed:';
      return say(`${verb} ${enrollments[0]!.person.name} (${roles}). Their pairings have ended and they get no more reminders; their records stay on file.`);
    }
    case 'erase': {
      const personId = await findPersonByRef(ctx, args.person, hint);
      const erased = await eraseParticipant(ctx, actor, personId);
      return say(`Erased ${erased.name} and all their records. The audit trail keeps only that it was done, and by whom.`);
    }
  }
}

export const mentorshipCommand: CommandDefinition = {
  id: 'mentorship',
  slash: '/mentorship',
  teams: 'mentorship',
  summary: 'help.summary.mentorship',
  usage: USAGE,
  example: 'help.example.mentorship',
  run,
};
