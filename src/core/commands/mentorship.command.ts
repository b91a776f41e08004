// /mentorship <sub>: the coordinators' tools (help for everyone), typed in English or French.
import type { Platform, Role } from '../domain/enums.js';
import { parseMentorshipArgs, subcommandOf, type MentorshipArgs } from '../domain/parse/parse-mentorship-args.js';
import { tokenize } from '../domain/parse/tokenize.js';
import { formatDate, formatList } from '../i18n/format.js';
import { pathwayLabel, roleLabel } from '../i18n/labels.js';
import type { Locale } from '../i18n/locale.js';
import { said, t, translator, type MessageKey } from '../i18n/translate.js';
import { requireCoordinator, today } from '../services/access.js';
import { findPersonByRef } from '../services/person-ref.service.js';
import { digestReply, exportReply, statusReply } from '../services/coordinator-replies.service.js';
import { enroll, eraseParticipant, pair, setEnrollmentStatus, unpair } from '../services/roster.service.js';
import { removeDigestChannel, setDigestChannel } from '../services/digest-channel.service.js';
import type { Message } from '../ui/message.js';
import { message } from '../ui/message.js';
import type { Reply } from '../ui/reply.js';
import { commandWord } from './help.js';
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

/** The help's syntax lines in the reader's language, after the command's word. */
const USAGE_KEYS: readonly MessageKey[] = [
  'mentorship.usage.enroll',
  'mentorship.usage.pair',
  'mentorship.usage.unpair',
  'mentorship.usage.channel',
  'mentorship.usage.digest',
  'mentorship.usage.export',
  'mentorship.usage.status',
  'mentorship.usage.withdraw',
  'mentorship.usage.complete',
  'mentorship.usage.erase',
  'mentorship.usage.help',
];

/** What each subcommand does, as "<word> — <what>" in the reader's language. */
const WHAT_KEYS: Readonly<Record<Exclude<MentorshipArgs['sub'], 'help'>, MessageKey>> = {
  enroll: 'mentorship.what.enroll',
  pair: 'mentorship.what.pair',
  unpair: 'mentorship.what.unpair',
  channel: 'mentorship.what.channel',
  digest: 'mentorship.what.digest',
  export: 'mentorship.what.export',
  status: 'mentorship.what.status',
  erase: 'mentorship.what.erase',
  withdraw: 'mentorship.what.withdraw',
  complete: 'mentorship.what.complete',
};

function mentorshipHelp(platform: Platform, locale: Locale, intro?: string): Message {
  const word = commandWord(platform, '/mentorship');
  const items = USAGE_KEYS.map((key) => `${word} ${t(locale, key)}`);
  const header = t(locale, 'mentorship.help.header');
  const subcommands = Object.values(WHAT_KEYS).map((key) => t(locale, key)).join('; ');
  return {
    text: intro ?? header,
    blocks: [
      ...(intro ? [{ type: 'text' as const, text: intro }] : []),
      { type: 'header', text: header },
      { type: 'list', items },
      { type: 'context', text: t(locale, 'mentorship.help.context', { subcommands }) },
    ],
  };
}

async function run({ ctx, actor, text, conversation, requestId }: CommandInput): Promise<Reply> {
  const locale = actor.locale;
  const tr = translator(locale);
  const first = tokenize(text)[0] ?? '';
  const named = subcommandOf(first);
  // Refuse before parsing, so a participant is told it is not theirs rather than how to type it.
  if (named && named !== 'help') requireCoordinator(actor, said('access.whatFor.mentorship', { sub: first.toLowerCase() }));
  const args = parseMentorshipArgs(text, { today: today(ctx), locale });
  // Where the command was typed: resolves mentions (Teams: with the activity's mention entities).
  const hint = conversation;
  const say = (text: string): Reply => ({ kind: 'message', message: message(text) });
  const date = (iso: string) => formatDate(locale, iso);
  const role = (r: Role) => roleLabel(locale, r).toLowerCase();

  switch (args.sub) {
    case 'help':
      return { kind: 'message', message: mentorshipHelp(conversation.platform, locale, args.unknown ? tr('mentorship.unknownSub', { unknown: args.unknown }) : undefined) };
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
      return say(
        tr('mentorship.enrolled', {
          created: result.created ? 'yes' : 'no',
          name: e.personName,
          role: role(e.role),
          start: date(e.startDate),
          hasEnd: e.endDate ? 'yes' : 'no',
          until: e.endDate ? date(e.endDate) : '',
          pathwayState: e.pathway ? 'set' : e.role === 'MENTEE' ? 'missing' : 'none',
          pathway: e.pathway ? pathwayLabel(locale, e.pathway) : '',
        }),
      );
    }
    case 'pair': {
      const mentorId = await findPersonByRef(ctx, args.mentor, hint);
      const menteeId = await findPersonByRef(ctx, args.mentee, hint);
      const result = await pair(ctx, actor, mentorId, menteeId, args.from);
      return say(tr('mentorship.paired', { mentor: result.mentorName, mentee: result.menteeName, from: date(result.pairing.fromDate) }));
    }
    case 'unpair': {
      const mentorId = await findPersonByRef(ctx, args.mentor, hint);
      const menteeId = await findPersonByRef(ctx, args.mentee, hint);
      const ended = await unpair(ctx, actor, mentorId, menteeId);
      return say(tr('mentorship.unpaired', { from: date(ended.fromDate), until: date(ended.untilDate ?? '') }));
    }
    case 'channel': {
      if (args.off) {
        const { removed } = await removeDigestChannel(ctx, actor, conversation);
        return say(tr(removed ? 'mentorship.channel.removed' : 'mentorship.channel.notADigestChannel'));
      }
      const result = await setDigestChannel(ctx, actor, conversation);
      return say(tr(result.created ? 'mentorship.channel.set' : 'mentorship.channel.already'));
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
        return say(tr('mentorship.statusChange.nothing', { hasRole: args.role ? 'yes' : 'no', role: args.role ? role(args.role) : '', program: ctx.program.name }));
      }
      const status = args.sub === 'withdraw' ? 'WITHDRAWN' : 'COMPLETED';
      for (const e of enrollments) await setEnrollmentStatus(ctx, actor, e.id, status);
      const roles = formatList(locale, enrollments.map((e) => role(e.role)));
      return say(tr('mentorship.statusChange.done', { sub: args.sub, name: enrollments[0]!.person.name, roles }));
    }
    case 'erase': {
      const personId = await findPersonByRef(ctx, args.person, hint);
      const erased = await eraseParticipant(ctx, actor, personId);
      return say(tr('mentorship.erased', { name: erased.name }));
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
