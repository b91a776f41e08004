import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { AppError } from '../../../src/core/domain/errors.js';
import { parseAwayArgs } from '../../../src/core/domain/parse/parse-away-args.js';
import { parseCpdArgs } from '../../../src/core/domain/parse/parse-cpd-args.js';
import { cpdVocabulary, ruleSetFor } from '../../../src/core/domain/cpd-rules.js';
import { parseHours } from '../../../src/core/domain/parse/parse-duration.js';
import { parseMeetingArgs } from '../../../src/core/domain/parse/parse-meeting-args.js';
import { parseMentorshipArgs } from '../../../src/core/domain/parse/parse-mentorship-args.js';
import { parsePersonRef } from '../../../src/core/domain/parse/parse-person.js';

const ctx = { today: '2026-11-25' };

/** Words users really type, mixed with noise, so the parsers get past their first token. */
const commandLine = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        'with', 'as', 'from', 'until', 'to', 'pathway', 'mentee', 'mentor', 'enroll', 'pair', 'unpair', 'export',
        'erase', 'off', 'today', 'Nov', '20', '2026', '2026-11-20', '2026-02-30', '45m', '1h30', '2', 'h', '0',
        'video', 'in', 'person', 'group', 'self', 'section', '1', 'certified', '<@U1>', '<at>Jane', 'Doe</at>',
        'a@b.ca', '"quoted', 'text"', '__proto__', 'constructor', '-', '99999h',
      ),
      fc.string({ maxLength: 8 }),
    ),
    { maxLength: 8 },
  )
  .map((words) => words.join(' '));

const parsers: Record<string, (text: string) => unknown> = {
  parseMeetingArgs: (t) => parseMeetingArgs(t, ctx),
  parseCpdArgs: (t) => parseCpdArgs(t, { ...ctx, vocabulary: cpdVocabulary(ruleSetFor('MOC', ctx.today)) }),
  parseCpdArgsMainpro: (t) => parseCpdArgs(t, { ...ctx, vocabulary: cpdVocabulary(ruleSetFor('MAINPRO_PLUS', ctx.today)) }),
  parseAwayArgs: (t) => parseAwayArgs(t, ctx),
  parseMentorshipArgs: (t) => parseMentorshipArgs(t, ctx),
  parseHours: (t) => parseHours(t),
  parsePersonRef: (t) => parsePersonRef(t),
};

describe('argument parsers', () => {
  for (const [name, parse] of Object.entries(parsers)) {
    it(`${name} either returns a value or throws a BAD_INPUT AppError, never anything else`, () => {
      fc.assert(
        fc.property(fc.oneof(commandLine, fc.string({ maxLength: 60 })), (text) => {
          try {
            parse(text);
          } catch (e) {
            expect(e).toBeInstanceOf(AppError);
            expect((e as AppError).code).toBe('BAD_INPUT');
            expect(Object.keys((e as AppError).fieldErrors)).toHaveLength(1);
          }
        }),
        { numRuns: 300 },
      );
    });
  }

  it('a complete meeting always has a duration and topics', () => {
    fc.assert(
      fc.property(commandLine, (text) => {
        try {
          const args = parseMeetingArgs(text, ctx);
          expect(args.complete).toBe(args.durationMinutes !== undefined && args.topics !== undefined);
        } catch (e) {
          expect(e).toBeInstanceOf(AppError);
        }
      }),
    );
  });
});
