import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { describeFindings, findPatientIdentifiers } from '../../../src/core/domain/identifiers.js';

const kinds = (text: string) => findPatientIdentifiers(text).map((f) => f.kind);
const excerpts = (text: string) => findPatientIdentifiers(text).map((f) => f.excerpt);

describe('findPatientIdentifiers', () => {
  it.each([
    'PHIN 123456789 needs review',
    'number 123 456 789 on the form',
    'number 123-456-789 on the form',
  ])('spots a 9-digit number that may be a Manitoba PHIN: %s', (text) => {
    expect(kinds(text)).toEqual(['PHIN']);
  });

  it('spots 10-digit health card numbers, with or without a version code', () => {
    expect(excerpts('card 1234-567-890-AB was expired')).toEqual(['1234-567-890-AB']);
    expect(kinds('card 1234 567 890')).toEqual(['HEALTH_CARD']);
    expect(kinds('HCN 1234567890')).toEqual(['HEALTH_CARD']);
  });

  it.each([
    ['DOB 1980-02-03', 'DOB 1980-02-03'],
    ['d.o.b. 03/02/1980 noted', 'd.o.b. 03/02/1980'],
    ['her date of birth: Feb 3, 1980', 'date of birth: Feb 3, 1980'],
    ['born 3 Feb 1980 in Winnipeg', 'born 3 Feb 1980'],
    ['born on February 3rd, 1980', 'born on February 3rd, 1980'],
    ['DOB: 1980', 'DOB: 1980'],
  ])('spots a date of birth: %s', (text, excerpt) => {
    expect(findPatientIdentifiers(text)).toEqual([expect.objectContaining({ kind: 'DATE_OF_BIRTH', excerpt })]);
  });

  it.each([
    ['Saw Mr. Smith about his knee', 'Mr. Smith'],
    ['Mrs Jones declined', 'Mrs Jones'],
    ['Ms. Lee again', 'Ms. Lee'],
    ['Miss Patel', 'Miss Patel'],
    ['Mx Rivera', 'Mx Rivera'],
    ['Mr. J. Smith', 'Mr. J. Smith'],
    ['discussed patient John Doe and his labs', 'patient John Doe'],
    ['the patient named Alice', 'patient named Alice'],
  ])('spots a named patient: %s', (text, excerpt) => {
    expect(findPatientIdentifiers(text)).toEqual([expect.objectContaining({ kind: 'NAMED_PATIENT', excerpt })]);
  });

  it('spots phone numbers and email addresses', () => {
    expect(kinds('call (204) 555-1234 tomorrow')).toEqual(['PHONE']);
    expect(kinds('call 204-555-1234')).toEqual(['PHONE']);
    expect(kinds('call +1 204 555 1234')).toEqual(['PHONE']);
    expect(kinds('wrote to jdoe@example.com')).toEqual(['EMAIL']);
  });

  it('reports where each finding is, in order', () => {
    const text = 'Mr. Smith, PHIN 123456789';
    const found = findPatientIdentifiers(text);
    expect(found.map((f) => f.kind)).toEqual(['NAMED_PATIENT', 'PHIN']);
    for (const f of found) expect(text.slice(f.index, f.index + f.excerpt.length)).toBe(f.excerpt);
  });

  it.each([
    'Met for 45 minutes on 2026-11-20 about billing codes',
    'Logged 25 credits in 2026, 12.5 of them certified',
    'Next meeting Nov 20 2026 at 09:00',
    'Reviewed 3 cases of sepsis; 1h30 journal club',
    'Discussed patient safety and the Patient Safety Week',
    'patient X presented with chest pain; a patient I saw last week',
    'MS clinic referral; moderate MR on echo',
    'I miss Home sometimes',
    'Dr. Smith suggested the CFPC module',
    'Zoom https://zoom.us/j/123456789 and Slack id U123456789',
    'Budget $123,456,789 for the region; ratio 0.123456789',
    'Born and raised in Manila, moved in 2019',
    'Discussed the patient portal and patient Care plans',
  ])('leaves ordinary mentorship text alone: %s', (text) => {
    expect(findPatientIdentifiers(text)).toEqual([]);
  });

  it('never throws and only reports excerpts taken from the text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        for (const f of findPatientIdentifiers(text)) {
          expect(text.slice(f.index, f.index + f.excerpt.length)).toBe(f.excerpt);
        }
      }),
    );
  });

  it('finds any 9-digit number set among words', () => {
    fc.assert(
      fc.property(fc.integer({ min: 100_000_000, max: 999_999_999 }), fc.constantFrom('PHIN', 'number', 'see'), (n, word) => {
        expect(kinds(`${word} ${n} today`)).toEqual(['PHIN']);
      }),
    );
  });
});

describe('describeFindings', () => {
  it('warns in plain language about one identifier', () => {
    expect(describeFindings(findPatientIdentifiers('PHIN 123456789'))).toBe(
      'This looks like it may contain a patient identifier: a 9-digit number (possibly a PHIN) "…123456789…". Remove it or confirm it is not a patient identifier.',
    );
  });

  it('lists several identifiers in one paragraph', () => {
    const text = describeFindings(findPatientIdentifiers('Mrs Jones, DOB 1980-02-03'));
    expect(text).toContain('patient identifiers:');
    expect(text).toContain(`a name that may be a patient's "…Mrs Jones…"`);
    expect(text).toContain('and a date of birth "…DOB 1980-02-03…"');
    expect(text).toContain('Remove them or confirm they are not patient identifiers.');
  });

  it('says nothing when nothing was found', () => {
    expect(describeFindings([])).toBe('');
  });
});
