// Issue 12, finding 3: the identifier check, the tokenizer and the Teams clean-up read a text in one
// pass now. Each is checked here against the regular expression (or the algorithm) it replaced, on
// adversarial strings built from the characters those expressions care about, so the rewrite changed
// the time and nothing else. How long they take at the accepted maximum is in the benchmark
// (bench/text.bench.ts), not in a timed test.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { findEmails, findPatientIdentifiers } from '../../../src/core/domain/identifiers.js';
import { tokenizeDetailed } from '../../../src/core/domain/parse/tokenize.js';
import { MAX_COMMAND_LENGTH, MAX_TEXT_LENGTH, withoutControls } from '../../../src/core/domain/limits.js';
import { stripTags } from '../../../src/teams/request.js';

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
const TAG = /<(?!\/?at>)[^>]*>/g;

/** Strings of the characters that matter to the expressions, in runs, as an attacker would build them. */
const adversarial = (pieces: string[], maxLength = 80) =>
  fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 3 })), { maxLength }).map((parts) => parts.join(''));

describe('linear scanners match the expressions they replaced', () => {
  it('findEmails finds exactly what the email expression found', () => {
    const text = adversarial(['a', 'A', 'b', '1', '.', '-', '_', '@', ' ', 'co', 'com', '.ca', 'x@y', '@@', '..', '%', '+', 'é']);
    fc.assert(
      fc.property(text, (t) => {
        const expected = [...t.matchAll(EMAIL)].map((m) => ({ index: m.index, text: m[0] }));
        expect([...findEmails(t)]).toEqual(expected);
      }),
      { numRuns: 3000 },
    );
    expect([...findEmails('write to jane.doe@clinic.mb.ca or a@b.c9 or x@y.com@z.org')]).toEqual([
      { index: 9, text: 'jane.doe@clinic.mb.ca' },
      { index: 44, text: 'x@y.com' },
    ]);
  });

  it('stripTags removes what the clean-up expression removed, keeping <at> mentions', () => {
    const text = adversarial(['<', '>', '<at>', '</at>', '<b>', '</b>', '/', 'at', 'a', ' ', '<p', '>>', '<<']);
    fc.assert(
      fc.property(text, (t) => {
        expect(stripTags(t)).toBe(t.replace(TAG, ' '));
      }),
      { numRuns: 3000 },
    );
  });

  it('the tokenizer gives the same words as before, with unclosed quotes and markup anywhere', async () => {
    // The tokenizer as it was before the searches were shared (kept beside this test, unchanged).
    const { tokenizeDetailed: before } = await import('./tokenize-reference.js');
    const text = adversarial(['"', '“', '”', "'", '’', '‘', '«', '»', '<', '>', '<at>', '</at>', '<@U1>', ' ', 'a', 'b c', '\t']);
    fc.assert(
      fc.property(text, (t) => {
        expect(tokenizeDetailed(t)).toEqual(before(t));
      }),
      { numRuns: 3000 },
    );
  });

  it('the identifier check still finds every kind it did on ordinary text', () => {
    const found = findPatientIdentifiers('Mr. Smith, DOB 1970-01-02, PHIN 123 456 789, call 204-555-0100 or mail smith@example.org').map((f) => f.kind);
    expect(found).toEqual(['NAMED_PATIENT', 'DATE_OF_BIRTH', 'PHIN', 'PHONE', 'EMAIL']);
  });
});

describe('what core takes at its door', () => {
  it('removes the control characters PostgreSQL or a reader would choke on, and keeps lines and tabs', () => {
    expect(withoutControls('Billing\u0000 codes\u0007\r\n\tnext\u007f')).toBe('Billing codes\r\n\tnext');
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (t) => {
        expect(withoutControls(t)).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/);
      }),
    );
  });

  it('takes a command line no longer than the longest field plus its words', () => {
    expect(MAX_COMMAND_LENGTH).toBeGreaterThan(MAX_TEXT_LENGTH);
  });
});
