import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { restOfLine, tokenize, tokenizeDetailed } from '../../../src/core/domain/parse/tokenize.js';

describe('tokenize', () => {
  it('splits on any whitespace', () => {
    expect(tokenize('  2h   group\tjournal\nclub ')).toEqual(['2h', 'group', 'journal', 'club']);
  });

  it('keeps double, curly and single quoted phrases whole', () => {
    expect(tokenize('2h group "Journal club: sepsis"')).toEqual(['2h', 'group', 'Journal club: sepsis']);
    expect(tokenize('2h group “Journal club: sepsis”')).toEqual(['2h', 'group', 'Journal club: sepsis']);
    expect(tokenize("2h group 'Journal club: sepsis'")).toEqual(['2h', 'group', 'Journal club: sepsis']);
    expect(tokenize('‘a b’ c')).toEqual(['a b', 'c']);
  });

  it('an apostrophe inside a word or a quoted phrase is just a character', () => {
    expect(tokenize("the patient's plan")).toEqual(['the', "patient's", 'plan']);
    expect(tokenize("'the patient's plan' next")).toEqual(["the patient's plan", 'next']);
    expect(tokenize("'tis fine")).toEqual(["'tis", 'fine']);
  });

  it('an unclosed quote is read literally', () => {
    expect(tokenize('say "hello there')).toEqual(['say', '"hello', 'there']);
  });

  it('keeps platform mentions whole, even with spaces inside', () => {
    expect(tokenize('with <at>Jane Doe</at> 45m')).toEqual(['with', '<at>Jane Doe</at>', '45m']);
    expect(tokenize('pair <@U123|dr smith> with <@U456>')).toEqual(['pair', '<@U123|dr smith>', 'with', '<@U456>']);
  });

  it('marks quoted tokens so they are never read as keywords', () => {
    expect(tokenizeDetailed('"video" call').map((t) => t.quoted)).toEqual([true, false]);
  });

  it('restOfLine keeps what the user wrote, unwrapping a lone quoted phrase', () => {
    const text = '45m Discussed "billing" codes';
    expect(restOfLine(text, tokenizeDetailed(text), 1)).toBe('Discussed "billing" codes');
    const quoted = '2h group "Journal club"';
    expect(restOfLine(quoted, tokenizeDetailed(quoted), 2)).toBe('Journal club');
    expect(restOfLine(quoted, tokenizeDetailed(quoted), 3)).toBeUndefined();
  });

  it('never throws, and every token lies within the text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 100, unit: fc.constantFrom('a', ' ', '"', "'", '“', '”', '‘', '’', '<', '>', '@', '/', 'at', '\n', 'é') }), (text) => {
        for (const t of tokenizeDetailed(text)) {
          expect(t.start).toBeGreaterThanOrEqual(0);
          expect(t.end).toBeLessThanOrEqual(text.length);
          expect(text.slice(t.start, t.end)).toContain(t.value);
        }
      }),
    );
    fc.assert(fc.property(fc.string(), (text) => void tokenize(text)));
  });

  it('plain words separated by spaces come back unchanged', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-z0-9:.,-]{1,8}$/), { maxLength: 10 }), (words) => {
        expect(tokenize(words.join(' '))).toEqual(words);
      }),
    );
  });
});
