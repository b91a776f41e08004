/**
 * Coordinator subcommands of `/mentorship` (DESIGN.md "Commands"). Unknown words lead to
 * help rather than an error, so a typo shows what is possible.
 */
import { badInput } from '../errors.js';
import { parsePathway, parseRole, type Pathway, type Role } from '../enums.js';
import { normalizeWord } from '../normalize.js';
import { parseUserDate, takeDate, type YearPreference } from './parse-date.js';
import { parsePersonRef, type PersonRef } from './parse-person.js';
import { tokenize } from './tokenize.js';

export const EXPORT_KINDS = ['meetings', 'cpd', 'reading', 'reflections', 'participants', 'summary'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

export const MENTORSHIP_SUBCOMMANDS = [
  'enroll',
  'pair',
  'unpair',
  'channel',
  'digest',
  'export',
  'status',
  'erase',
  'withdraw',
  'complete',
  'help',
] as const;
export type MentorshipSubcommand = (typeof MENTORSHIP_SUBCOMMANDS)[number];

export type MentorshipArgs =
  | { sub: 'enroll'; person: PersonRef; role: Role; pathway?: Pathway; from?: string; until?: string }
  | { sub: 'pair'; mentor: PersonRef; mentee: PersonRef; from?: string }
  | { sub: 'unpair'; mentor: PersonRef; mentee: PersonRef }
  | { sub: 'channel'; off?: true }
  | { sub: 'digest' }
  | { sub: 'export'; report: ExportKind }
  | { sub: 'status' }
  | { sub: 'erase'; person: PersonRef }
  /** Someone leaving mid-year (withdraw) or finishing (complete); all their active roles unless one is named. */
  | { sub: 'withdraw' | 'complete'; person: PersonRef; role?: Role }
  | { sub: 'help'; unknown?: string };

const ENROLL_EXAMPLE = '/mentorship enroll @jane as mentee pathway PRA-MB-FP from 2026-01-05 until 2026-12-31';
const PAIR_EXAMPLE = '/mentorship pair @dr.smith with @jane from 2026-01-05';

function person(word: string | undefined, field: string, example: string): PersonRef {
  const ref = word === undefined ? undefined : parsePersonRef(word);
  if (ref) return ref;
  const what = word === undefined ? `The ${field} is missing` : `"${word}" is not a person I can find`;
  throw badInput(field, `${what}: mention them (@name) or give their email, e.g. ${example}.`);
}

/** Reads `keyword <value>` options in any order; each keyword may appear once. */
function readOptions(
  words: readonly string[],
  start: number,
  keywords: readonly string[],
  example: string,
): Map<string, string> {
  const options = new Map<string, string>();
  let i = start;
  while (i < words.length) {
    const keyword = normalizeWord(words[i]!);
    if (!keywords.includes(keyword) || options.has(keyword)) {
      throw badInput('options', `I did not understand "${words.slice(i).join(' ')}": expected ${keywords.join(', ')}, e.g. ${example}.`);
    }
    if (i + 1 >= words.length) throw badInput(keyword, `"${keyword}" needs a value, e.g. ${example}.`);
    // Dates may span several words ("Jan 5 2027"); pathways are single words.
    const date = keyword === 'pathway' ? undefined : takeDate(words, i + 1);
    const length = date ? date.length : 1;
    options.set(keyword, words.slice(i + 1, i + 1 + length).join(' '));
    i += 1 + length;
  }
  return options;
}

function date(text: string | undefined, field: string, today: string, prefer: YearPreference): string | undefined {
  return text === undefined ? undefined : parseUserDate(text, { today, prefer, field });
}

function parseEnroll(words: readonly string[], today: string): MentorshipArgs {
  const who = person(words[1], 'person', ENROLL_EXAMPLE);
  if (normalizeWord(words[2] ?? '') !== 'as' || words[3] === undefined) {
    throw badInput('role', `Say the role after "as": mentee, mentor or coordinator, e.g. ${ENROLL_EXAMPLE}.`);
  }
  const role = parseRole(words[3]);
  if (!role) throw badInput('role', `"${words[3]}" is not a role: use mentee, mentor or coordinator, e.g. ${ENROLL_EXAMPLE}.`);
  const options = readOptions(words, 4, ['pathway', 'from', 'until'], ENROLL_EXAMPLE);
  const result: Extract<MentorshipArgs, { sub: 'enroll' }> = { sub: 'enroll', person: who, role };
  const pathwayText = options.get('pathway');
  if (pathwayText !== undefined) {
    const pathway = parsePathway(pathwayText);
    if (!pathway) throw badInput('pathway', `"${pathwayText}" is not a pathway: use PRA-MB-FP, MLPIMG or PRA-MB-SP, e.g. ${ENROLL_EXAMPLE}.`);
    result.pathway = pathway;
  }
  // A start may be last week or next month: take the nearest such date.
  const from = date(options.get('from'), 'from', today, 'nearest');
  if (from !== undefined) result.from = from;
  // The end comes after the start, so "from Jan 5 until Dec 31" is one year.
  const until = date(options.get('until'), 'until', from ?? today, 'future');
  if (until !== undefined) {
    if (from !== undefined && until < from) throw badInput('until', `The end date ${until} is before the start date ${from}, e.g. ${ENROLL_EXAMPLE}.`);
    result.until = until;
  }
  return result;
}

function parsePair(sub: 'pair' | 'unpair', words: readonly string[], today: string): MentorshipArgs {
  const example = sub === 'pair' ? PAIR_EXAMPLE : '/mentorship unpair @dr.smith with @jane';
  const mentor = person(words[1], 'mentor', example);
  if (normalizeWord(words[2] ?? '') !== 'with') {
    throw badInput('mentee', `Say the mentee after "with", e.g. ${example}.`);
  }
  const mentee = person(words[3], 'mentee', example);
  if (sub === 'unpair') {
    if (words.length > 4) throw badInput('mentee', `I did not understand "${words.slice(4).join(' ')}", e.g. ${example}.`);
    return { sub, mentor, mentee };
  }
  const from = date(readOptions(words, 4, ['from'], example).get('from'), 'from', today, 'nearest');
  return from === undefined ? { sub, mentor, mentee } : { sub, mentor, mentee, from };
}

function parseStatusChange(sub: 'withdraw' | 'complete', words: readonly string[]): MentorshipArgs {
  const example = `/mentorship ${sub} jane.doe@example.org [as mentee]`;
  const who = person(words[1], 'person', example);
  if (words.length === 2) return { sub, person: who };
  const role = normalizeWord(words[2] ?? '') === 'as' && words.length === 4 ? parseRole(words[3]!) : undefined;
  if (!role) throw badInput('role', `I did not understand "${words.slice(2).join(' ')}": add nothing, or "as mentee", "as mentor" or "as coordinator", e.g. ${example}.`);
  return { sub, person: who, role };
}

export function parseMentorshipArgs(text: string, ctx: { today: string }): MentorshipArgs {
  const words = tokenize(text);
  const first = words[0];
  if (first === undefined) return { sub: 'help' };
  const sub = normalizeWord(first);
  const rest = words.length - 1;
  const noArgs = (s: 'digest' | 'status' | 'help'): MentorshipArgs => {
    if (rest > 0) throw badInput('sub', `"/mentorship ${s}" takes nothing after it; you wrote "${words.slice(1).join(' ')}".`);
    return { sub: s };
  };
  switch (sub) {
    case 'enroll':
    case 'enrol':
      return parseEnroll(words, ctx.today);
    case 'pair':
    case 'unpair':
      return parsePair(sub, words, ctx.today);
    case 'channel':
      if (rest === 1 && normalizeWord(words[1]!) === 'off') return { sub: 'channel', off: true };
      if (rest > 0) throw badInput('sub', `"/mentorship channel" takes nothing after it, or "off" to stop the digest in this channel; you wrote "${words.slice(1).join(' ')}".`);
      return { sub: 'channel' };
    case 'digest':
    case 'status':
      return noArgs(sub);
    case 'help':
      return { sub: 'help' };
    case 'export': {
      const kind = normalizeWord(words[1] ?? '');
      const report = EXPORT_KINDS.find((k) => k === kind);
      if (!report || rest > 1) {
        throw badInput('report', `Say which export: ${EXPORT_KINDS.join(', ')}, e.g. /mentorship export meetings.`);
      }
      return { sub: 'export', report };
    }
    case 'erase': {
      const who = person(words[1], 'person', '/mentorship erase jane@example.org');
      if (rest > 1) throw badInput('person', `Erase one person at a time, e.g. /mentorship erase jane@example.org.`);
      return { sub: 'erase', person: who };
    }
    case 'withdraw':
    case 'complete':
      return parseStatusChange(sub, words);
    default:
      return { sub: 'help', unknown: first };
  }
}
