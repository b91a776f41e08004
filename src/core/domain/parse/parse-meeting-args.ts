/**
 * `/meeting [with <person>] [<date>] <duration> [in-person|video|phone|chat] <topics...>` ("avec" is read as "with")
 *
 * The options come first, in any order; the first word that is not an option (or is a
 * quoted phrase, or repeats an option already given) starts the topics, and everything
 * from there is kept as typed. So "45m video Reviewed video consult billing" keeps the
 * second "video" in the topics.
 */
import { badInput } from '../errors.js';
import { said } from '../../i18n/translate.js';
import { parseMeetingFormat, type MeetingFormat } from '../enums.js';
import { parseUserDate, takeDate } from './parse-date.js';
import { parseDurationMinutes, takeDuration, type DurationLimits } from './parse-duration.js';
import { parsePersonRef, type PersonRef } from './parse-person.js';
import { restOfLine, tokenizeDetailed, type Token } from './tokenize.js';

export type MeetingArgs = {
  /** The mention or email token as typed. */
  withPerson?: string;
  withPersonRef?: PersonRef;
  date?: string;
  durationMinutes?: number;
  format?: MeetingFormat;
  topics?: string;
  /** True when duration and topics are present: the meeting can be saved without the form. */
  complete: boolean;
  /** Names of required fields not given ('durationMinutes', 'topics'). */
  missing: string[];
};

export type MeetingArgsContext = { today: string } & Pick<DurationLimits, 'minMinutes' | 'maxMinutes'>;

/** The word before the person: English, or French ("avec"). */
const WITH_WORDS: ReadonlySet<string> = new Set(['with', 'avec']);

/** A meeting format spanning one to three words ("in person", "face to face"). */
function takeFormat(tokens: readonly string[], start: number): { format: MeetingFormat; length: number } | undefined {
  for (let length = Math.min(3, tokens.length - start); length >= 1; length--) {
    const format = parseMeetingFormat(tokens.slice(start, start + length).join(' '));
    if (format) return { format, length };
  }
  return undefined;
}

export function parseMeetingArgs(text: string, ctx: MeetingArgsContext): MeetingArgs {
  const detailed: Token[] = tokenizeDetailed(text);
  // Quoted phrases are never options: stop scanning at the first one.
  const firstQuoted = detailed.findIndex((t) => t.quoted);
  const words = detailed.slice(0, firstQuoted === -1 ? detailed.length : firstQuoted).map((t) => t.value);
  const args: Omit<MeetingArgs, 'complete' | 'missing'> = {};

  let i = 0;
  while (i < words.length) {
    const word = words[i]!;
    if (args.withPerson === undefined && WITH_WORDS.has(word.toLowerCase()) && i + 1 < words.length) {
      const ref = parsePersonRef(words[i + 1]!);
      if (ref) {
        args.withPerson = words[i + 1]!;
        args.withPersonRef = ref;
        i += 2;
        continue;
      }
      if (i === 0) {
        throw badInput('withPerson', said('meeting.error.withWhom', { word: word.toLowerCase() }));
      }
      break;
    }
    const ref = args.withPerson === undefined ? parsePersonRef(word) : undefined;
    if (ref) {
      args.withPerson = word;
      args.withPersonRef = ref;
      i += 1;
      continue;
    }
    const date = args.date === undefined ? takeDate(words, i) : undefined;
    if (date) {
      args.date = parseUserDate(date.text, { today: ctx.today, field: 'date' });
      i += date.length;
      continue;
    }
    const duration = args.durationMinutes === undefined ? takeDuration(words, i) : undefined;
    if (duration) {
      args.durationMinutes = parseDurationMinutes(duration.text, {
        field: 'durationMinutes',
        minMinutes: ctx.minMinutes,
        maxMinutes: ctx.maxMinutes,
      });
      i += duration.length;
      continue;
    }
    const format = args.format === undefined ? takeFormat(words, i) : undefined;
    if (format) {
      args.format = format.format;
      i += format.length;
      continue;
    }
    break;
  }

  const topics = restOfLine(text, detailed, i);
  if (topics !== undefined) args.topics = topics;
  const missing: string[] = [];
  if (args.durationMinutes === undefined) missing.push('durationMinutes');
  if (args.topics === undefined) missing.push('topics');
  return { ...args, complete: missing.length === 0, missing };
}
