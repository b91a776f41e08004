// What users type, in French as well as English (whatever their language), and what the parsers say
// back to a French reader.
import { describe, expect, it } from 'vitest';
import { parseUserDate, isDateToken } from '../../../src/core/domain/parse/parse-date.js';
import { parseDurationMinutes, parseHours } from '../../../src/core/domain/parse/parse-duration.js';
import { parseMeetingArgs } from '../../../src/core/domain/parse/parse-meeting-args.js';
import { parseCpdSystem, parseMeetingFormat, parseRole } from '../../../src/core/domain/enums.js';
import { describeFindings, findPatientIdentifiers } from '../../../src/core/domain/identifiers.js';
import { AppError } from '../../../src/core/domain/errors.js';
import { englishWords } from '../../support/french.js';

const today = '2026-11-25';
const NBSP = '\u00A0';

/** The error a parser throws, as a French reader and an English reader read it. */
function refusal(run: () => unknown): { fr: string; en: string; frField: Record<string, string> } {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe('BAD_INPUT');
    return { fr: (e as AppError).textIn('fr'), en: (e as AppError).textIn('en'), frField: (e as AppError).fieldErrorsIn('fr') };
  }
  throw new Error('expected a refusal');
}

describe('French dates', () => {
  it.each([
    ["aujourd'hui", '2026-11-25'],
    ['aujourd’hui', '2026-11-25'],
    ['Aujourd’hui', '2026-11-25'],
    ['hier', '2026-11-24'],
    ['avant-hier', '2026-11-23'],
    ['demain', '2026-11-26'],
    ['après-demain', '2026-11-27'],
    ['20 nov.', '2026-11-20'],
    ['20 nov', '2026-11-20'],
    ['20 novembre', '2026-11-20'],
    ['le 20 novembre 2026', '2026-11-20'],
    ['Le 20 novembre 2025', '2025-11-20'],
    ['1er novembre', '2026-11-01'],
    ['le 1er décembre 2026', '2026-12-01'],
    ['1er decembre 2026', '2026-12-01'],
    ['3 févr. 2026', '2026-02-03'],
    ['3 fevrier 2026', '2026-02-03'],
    ['15 août', '2026-08-15'],
    ['15 aout', '2026-08-15'],
    ['4 juil.', '2026-07-04'],
    ['4 juillet', '2026-07-04'],
    ['2 mai', '2026-05-02'],
    ['12 mars', '2026-03-12'],
    ['9 AVR.', '2026-04-09'],
    ['30 sept.', '2026-09-30'],
    ['6 janv. 2027', '2027-01-06'],
    ['11 DÉCEMBRE 2025', '2025-12-11'],
  ])('reads %s as %s', (text, expected) => {
    expect(isDateToken(text)).toBe(true);
    expect(parseUserDate(text, { today })).toBe(expected);
  });

  it('English keeps working beside French', () => {
    expect(parseUserDate('yesterday', { today })).toBe('2026-11-24');
    expect(parseUserDate('Nov 20, 2026', { today })).toBe('2026-11-20');
    expect(parseUserDate('1st Dec 2026', { today })).toBe('2026-12-01');
  });

  it('"31 févr." does not exist: refused, in French for a French reader and in English for an English one', () => {
    const r = refusal(() => parseUserDate('31 févr.', { today, field: 'date' }));
    expect(r.fr).toBe(`«${NBSP}31 févr.${NBSP}» n’est pas une date qui existe (février 2026 compte 28 jours)${NBSP}: p. ex. 2026-11-20, aujourd’hui, hier ou 20 nov.`);
    expect(r.frField.date).toBe(r.fr);
    expect(englishWords(r.fr)).toEqual([]);
    expect(r.en).toBe('"31 févr." is not a real date (Feb 2026 has 28 days): e.g. 2026-11-20, today, yesterday or Nov 20.');
  });

  it('"1er" is the first of the month only: "31er" or "0 janv." are refused, not guessed', () => {
    expect(refusal(() => parseUserDate('0 janv. 2026', { today })).fr).toContain('janvier 2026 compte 31 jours');
    expect(refusal(() => parseUserDate('le 31 avril', { today })).fr).toContain('n’est pas une date qui existe');
  });

  it('every other refusal of a date reads as French, naming the date it is about', () => {
    const cases = [
      refusal(() => parseUserDate('', { today, field: 'from' })),
      refusal(() => parseUserDate('la semaine prochaine', { today, field: 'until' })),
      refusal(() => parseUserDate('11/03/2026', { today, field: 'date' })),
      refusal(() => parseUserDate('2026-13-01', { today, field: 'date' })),
      refusal(() => parseUserDate('1066-01-01', { today, field: 'date' })),
    ];
    expect(cases[0]!.fr).toBe(`Il manque la date de début${NBSP}: p. ex. 2026-11-20, aujourd’hui, hier ou 20 nov.`);
    expect(cases[1]!.fr).toContain('écrivez la date de fin ainsi');
    expect(cases[2]!.fr).toContain('AAAA-MM-JJ ou avec le nom du mois');
    expect(cases[3]!.fr).toContain('n’a pas de mois 13');
    expect(cases[4]!.fr).toContain('année peu probable (1066)');
    for (const c of cases) expect(englishWords(c.fr)).toEqual([]);
    expect(cases[2]!.en).toBe('"11/03/2026" could be day/month or month/day: write the date as YYYY-MM-DD or with the month\'s name, e.g. 2026-11-20 or Nov 20.');
  });
});

describe('French durations', () => {
  it.each([
    ['1 h 30', 90],
    ['1h30', 90],
    ['1 h', 60],
    ['45 min', 45],
    ['1,5 h', 90],
    ['90 minutes', 90],
    ['1 heure', 60],
    ['2 heures', 120],
    ['1 heure 30', 90],
    ['1 h 30 min', 90],
  ])('reads %s as %d minutes', (text, minutes) => {
    expect(parseDurationMinutes(text)).toBe(minutes);
  });

  it('CPD hours: "1,5 h" and "2 heures"', () => {
    expect(parseHours('1,5 h')).toBe(1.5);
    expect(parseHours('2 heures')).toBe(2);
    expect(parseHours('1,5')).toBe(1.5);
  });

  it('"1 h 30" stays one duration in a one-line meeting, with a French date and format', () => {
    const args = parseMeetingArgs('le 20 nov. 1 h 30 en personne Plan d’apprentissage', { today });
    expect(args).toMatchObject({ date: '2026-11-20', durationMinutes: 90, format: 'IN_PERSON', topics: 'Plan d’apprentissage', complete: true });
    expect(parseMeetingArgs('hier 45 min vidéo Facturation', { today })).toMatchObject({ date: '2026-11-24', durationMinutes: 45, format: 'VIDEO', topics: 'Facturation' });
  });

  it('refusals of a duration or hours read as French', () => {
    const cases = [
      refusal(() => parseDurationMinutes('longtemps')),
      refusal(() => parseDurationMinutes('0 min')),
      refusal(() => parseDurationMinutes('2 min')),
      refusal(() => parseDurationMinutes('9 h')),
      refusal(() => parseHours('beaucoup')),
      refusal(() => parseHours('0')),
      refusal(() => parseHours('500,5 h')),
    ];
    expect(cases[2]!.fr).toBe(`2 min, c’est moins que les 5 min que doit durer une rencontre${NBSP}: écrivez la durée comme 45 min ou 1 h 30.`);
    expect(cases[6]!.fr).toContain('500,5 heures, c’est plus que les 100 permises');
    expect(cases[6]!.en).toContain('500.5 hours is more than the 100 allowed');
    for (const c of cases) expect(englishWords(c.fr)).toEqual([]);
  });
});

describe('French words for formats, roles and CPD systems', () => {
  it.each([
    ['en personne', 'IN_PERSON'],
    ['présentiel', 'IN_PERSON'],
    ['vidéo', 'VIDEO'],
    ['video', 'VIDEO'],
    ['téléphone', 'PHONE'],
    ['telephone', 'PHONE'],
    ['clavardage', 'CHAT'],
  ] as const)('the format %s is %s', (text, format) => expect(parseMeetingFormat(text)).toBe(format));

  it.each([
    ['mentoré', 'MENTEE'],
    ['Mentorée', 'MENTEE'],
    ['personne mentorée', 'MENTEE'],
    ['mentor', 'MENTOR'],
    ['coordonnateur', 'COORDINATOR'],
    ['coordonnatrice', 'COORDINATOR'],
    ['coordination', 'COORDINATOR'],
  ] as const)('the role %s is %s', (text, role) => expect(parseRole(text)).toBe(role));

  it('refuses "mentore" without an accent: a woman mentor in Quebec usage, or a mentee typed without the accent', () => {
    expect(parseRole('mentore')).toBeUndefined();
    expect(parseRole('Mentores')).toBeUndefined();
  });

  it.each([
    ['MDC', 'MOC'],
    ['maintien du certificat', 'MOC'],
    ['Collège royal', 'MOC'],
    ['college royal', 'MOC'],
    ['Mainpro+', 'MAINPRO_PLUS'],
  ] as const)('the CPD system %s is %s', (text, system) => expect(parseCpdSystem(text)).toBe(system));
});

describe('the patient-identifier warning for a French reader', () => {
  it('names what was found in French, with guillemets around the excerpt', () => {
    const one = describeFindings(findPatientIdentifiers('PHIN 123456789'), 'fr');
    expect(one).toBe(`Ce texte semble contenir un renseignement permettant d’identifier un patient${NBSP}: un nombre à 9 chiffres (peut-être un numéro d’identification médical personnel) «${NBSP}…123456789…${NBSP}». Retirez-le ou confirmez qu’il ne permet pas d’identifier un patient.`);
    const many = describeFindings(findPatientIdentifiers('Mrs Jones, DOB 1980-02-03, 204-555-0199'), 'fr');
    expect(many).toContain('\u202F; et un numéro de téléphone');
    expect(englishWords(many, ['Mrs Jones', 'DOB'])).toEqual([]);
  });

  it('English is unchanged', () => {
    expect(describeFindings(findPatientIdentifiers('PHIN 123456789'))).toBe(describeFindings(findPatientIdentifiers('PHIN 123456789'), 'en'));
    expect(describeFindings(findPatientIdentifiers('PHIN 123456789'), 'en')).toContain('a 9-digit number (possibly a PHIN) "…123456789…"');
  });
});
