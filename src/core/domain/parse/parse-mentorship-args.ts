/**
 * Coordinator subcommands of `/mentorship` (DESIGN.md "Commands"), in English or French (`inscrire`,
 * `jumeler`, `comme`, `avec`, `du`, `au`…). Unknown words lead to help rather than an error, so a typo
 * shows what is possible. Errors are catalogue text, with dates in the coordinator's language.
 */
import { badInput } from '../errors.js';
import { parsePathway, parseRole, type Pathway, type Role } from '../enums.js';
import { normalizeWord } from '../normalize.js';
import { formatDate } from '../../i18n/format.js';
import type { Locale } from '../../i18n/locale.js';
import { said, type MessageKey, type Said } from '../../i18n/translate.js';
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

/** Each subcommand's words, English and French. */
const SUBCOMMAND_WORDS: Readonly<Record<string, MentorshipSubcommand>> = {
  enroll: 'enroll', enrol: 'enroll', inscrire: 'enroll',
  pair: 'pair', jumeler: 'pair',
  unpair: 'unpair', dejumeler: 'unpair',
  channel: 'channel', canal: 'channel',
  digest: 'digest', sommaire: 'digest',
  export: 'export', exporter: 'export',
  status: 'status', etat: 'status',
  erase: 'erase', effacer: 'erase',
  withdraw: 'withdraw', retirer: 'withdraw',
  complete: 'complete', terminer: 'complete',
  help: 'help', aide: 'help',
};

/** The subcommand a typed word names, in either language. */
export const subcommandOf = (word: string): MentorshipSubcommand | undefined => (Object.hasOwn(SUBCOMMAND_WORDS, normalizeWord(word)) ? SUBCOMMAND_WORDS[normalizeWord(word)] : undefined);

type Option = 'pathway' | 'from' | 'until';
const OPTION_WORDS: Readonly<Record<string, Option>> = {
  pathway: 'pathway', parcours: 'pathway',
  from: 'from', du: 'from', depuis: 'from', des: 'from',
  until: 'until', au: 'until', jusquau: 'until',
};
const AS_WORDS = new Set(['as', 'comme']);
const WITH_WORDS = new Set(['with', 'avec']);
const OFF_WORDS = new Set(['off', 'arret', 'desactiver']);
const EXPORT_WORDS: Readonly<Record<string, ExportKind>> = {
  meetings: 'meetings', rencontres: 'meetings',
  cpd: 'cpd', dpc: 'cpd',
  reading: 'reading', lectures: 'reading', lecture: 'reading',
  reflections: 'reflections', reflexions: 'reflections',
  participants: 'participants',
  summary: 'summary', resume: 'summary',
};
const lookup = <T>(table: Readonly<Record<string, T>>, word: string | undefined): T | undefined => {
  const key = normalizeWord(word ?? '');
  return Object.hasOwn(table, key) ? table[key] : undefined;
};

const ENROLL_EXAMPLE = said('mentorship.example.enroll');
const PAIR_EXAMPLE = said('mentorship.example.pair');
const UNPAIR_EXAMPLE = said('mentorship.example.unpair');

interface ParseContext {
  today: string;
  /** The coordinator's language, for the dates an error repeats (default English). */
  locale?: Locale;
}

function person(word: string | undefined, field: 'person' | 'mentor' | 'mentee', example: Said): PersonRef {
  const ref = word === undefined ? undefined : parsePersonRef(word);
  if (ref) return ref;
  throw badInput(field, word === undefined ? said('mentorship.parse.personMissing', { field, example }) : said('mentorship.parse.notAPerson', { word, example }));
}

/** Reads `keyword <value>` options in any order; each keyword may appear once. */
function readOptions(
  words: readonly string[],
  start: number,
  keywords: readonly Option[],
  unknown: MessageKey,
  example: Said,
): Map<Option, string> {
  const options = new Map<Option, string>();
  let i = start;
  while (i < words.length) {
    const keyword = lookup(OPTION_WORDS, words[i]);
    if (!keyword || !keywords.includes(keyword) || options.has(keyword)) {
      throw badInput('options', said(unknown, { rest: words.slice(i).join(' '), example }));
    }
    if (i + 1 >= words.length) throw badInput(keyword, said('mentorship.parse.needsValue', { keyword: words[i]!.toLowerCase(), example }));
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

function parseEnroll(words: readonly string[], ctx: ParseContext): MentorshipArgs {
  const who = person(words[1], 'person', ENROLL_EXAMPLE);
  if (!AS_WORDS.has(normalizeWord(words[2] ?? '')) || words[3] === undefined) {
    throw badInput('role', said('mentorship.parse.roleAfterAs', { example: ENROLL_EXAMPLE }));
  }
  const role = parseRole(words[3]);
  if (!role) throw badInput('role', said('mentorship.parse.notARole', { word: words[3], example: ENROLL_EXAMPLE }));
  const options = readOptions(words, 4, ['pathway', 'from', 'until'], 'mentorship.parse.enrollOptions', ENROLL_EXAMPLE);
  const result: Extract<MentorshipArgs, { sub: 'enroll' }> = { sub: 'enroll', person: who, role };
  const pathwayText = options.get('pathway');
  if (pathwayText !== undefined) {
    const pathway = parsePathway(pathwayText);
    if (!pathway) throw badInput('pathway', said('mentorship.parse.notAPathway', { word: pathwayText, example: ENROLL_EXAMPLE }));
    result.pathway = pathway;
  }
  // A start may be last week or next month: take the nearest such date.
  const from = date(options.get('from'), 'from', ctx.today, 'nearest');
  if (from !== undefined) result.from = from;
  // The end comes after the start, so "from Jan 5 until Dec 31" is one year.
  const until = date(options.get('until'), 'until', from ?? ctx.today, 'future');
  if (until !== undefined) {
    if (from !== undefined && until < from) {
      const locale = ctx.locale ?? 'en';
      throw badInput('until', said('mentorship.parse.endBeforeStart', { until: formatDate(locale, until), from: formatDate(locale, from), example: ENROLL_EXAMPLE }));
    }
    result.until = until;
  }
  return result;
}

function parsePair(sub: 'pair' | 'unpair', words: readonly string[], today: string): MentorshipArgs {
  const example = sub === 'pair' ? PAIR_EXAMPLE : UNPAIR_EXAMPLE;
  const mentor = person(words[1], 'mentor', example);
  if (!WITH_WORDS.has(normalizeWord(words[2] ?? ''))) {
    throw badInput('mentee', said('mentorship.parse.menteeAfterWith', { example }));
  }
  const mentee = person(words[3], 'mentee', example);
  if (sub === 'unpair') {
    if (words.length > 4) throw badInput('mentee', said('mentorship.parse.notUnderstood', { rest: words.slice(4).join(' '), example }));
    return { sub, mentor, mentee };
  }
  const from = date(readOptions(words, 4, ['from'], 'mentorship.parse.pairOptions', example).get('from'), 'from', today, 'nearest');
  return from === undefined ? { sub, mentor, mentee } : { sub, mentor, mentee, from };
}

function parseStatusChange(sub: 'withdraw' | 'complete', words: readonly string[]): MentorshipArgs {
  const example = sub === 'withdraw' ? said('mentorship.example.withdraw') : said('mentorship.example.complete');
  const who = person(words[1], 'person', example);
  if (words.length === 2) return { sub, person: who };
  const role = AS_WORDS.has(normalizeWord(words[2] ?? '')) && words.length === 4 ? parseRole(words[3]!) : undefined;
  if (!role) throw badInput('role', said('mentorship.parse.statusRole', { rest: words.slice(2).join(' '), example }));
  return { sub, person: who, role };
}

export function parseMentorshipArgs(text: string, ctx: ParseContext): MentorshipArgs {
  const words = tokenize(text);
  const first = words[0];
  if (first === undefined) return { sub: 'help' };
  const sub = subcommandOf(first);
  const rest = words.length - 1;
  const typed = first.toLowerCase();
  const noArgs = (s: 'digest' | 'status'): MentorshipArgs => {
    if (rest > 0) throw badInput('sub', said('mentorship.parse.takesNothing', { sub: typed, rest: words.slice(1).join(' ') }));
    return { sub: s };
  };
  switch (sub) {
    case 'enroll':
      return parseEnroll(words, ctx);
    case 'pair':
    case 'unpair':
      return parsePair(sub, words, ctx.today);
    case 'channel':
      if (rest === 1 && OFF_WORDS.has(normalizeWord(words[1]!))) return { sub: 'channel', off: true };
      if (rest > 0) throw badInput('sub', said('mentorship.parse.channelTakesNothing', { sub: typed, rest: words.slice(1).join(' ') }));
      return { sub: 'channel' };
    case 'digest':
    case 'status':
      return noArgs(sub);
    case 'help':
      return { sub: 'help' };
    case 'export': {
      const report = lookup(EXPORT_WORDS, words[1]);
      if (!report || rest > 1) throw badInput('report', said('mentorship.parse.whichExport'));
      return { sub: 'export', report };
    }
    case 'erase': {
      const example = said('mentorship.example.erase');
      const who = person(words[1], 'person', example);
      if (rest > 1) throw badInput('person', said('mentorship.parse.eraseOne', { example }));
      return { sub: 'erase', person: who };
    }
    case 'withdraw':
    case 'complete':
      return parseStatusChange(sub, words);
    default:
      return { sub: 'help', unknown: first };
  }
}
