import { describe, it, expect } from 'vitest';
import { parseMentorshipArgs } from '../../../src/core/domain/parse/parse-mentorship-args.js';
import { AppError } from '../../../src/core/domain/errors.js';

const ctx = { today: '2026-11-25' };

describe('parseMentorshipArgs', () => {
  it('reads a full enrolment', () => {
    expect(
      parseMentorshipArgs('enroll <@U1> as mentee pathway PRA-MB-FP from 2027-01-05 until 2027-12-31', ctx),
    ).toEqual({
      sub: 'enroll',
      person: { kind: 'slack', userId: 'U1' },
      role: 'MENTEE',
      pathway: 'PRA_MB_FP',
      from: '2027-01-05',
      until: '2027-12-31',
    });
  });

  it('reads an enrolment with only the required parts, options in any order', () => {
    expect(parseMentorshipArgs('enroll jane@example.org as mentor', ctx)).toEqual({
      sub: 'enroll',
      person: { kind: 'email', email: 'jane@example.org' },
      role: 'MENTOR',
    });
    expect(parseMentorshipArgs('enroll jane@example.org as mentee until Dec 31 2027 pathway mlpimg', ctx)).toMatchObject({
      pathway: 'MLPIMG',
      until: '2027-12-31',
    });
  });

  it('reads month-day dates as the nearest such date, so an enrolment can start next month', () => {
    expect(parseMentorshipArgs('enroll a@b.ca as mentee from Jan 5 until Dec 31', ctx)).toMatchObject({
      from: '2027-01-05',
      until: '2027-12-31',
    });
  });

  it('refuses a bad role, pathway or person with a message naming it', () => {
    expect(() => parseMentorshipArgs('enroll a@b.ca as boss', ctx)).toThrowError(/"boss" is not a role/);
    expect(() => parseMentorshipArgs('enroll a@b.ca as mentee pathway XYZ', ctx)).toThrowError(/not a pathway/);
    expect(() => parseMentorshipArgs('enroll Jane as mentee', ctx)).toThrowError(/mention them/);
    expect(() => parseMentorshipArgs('enroll a@b.ca mentee', ctx)).toThrowError(/after "as"/);
    expect(() => parseMentorshipArgs('enroll a@b.ca as mentee banana 3', ctx)).toThrowError(/did not understand/);
  });

  it('reads pair and unpair', () => {
    expect(parseMentorshipArgs('pair <@U1> with <@U2> from 2026-12-01', ctx)).toEqual({
      sub: 'pair',
      mentor: { kind: 'slack', userId: 'U1' },
      mentee: { kind: 'slack', userId: 'U2' },
      from: '2026-12-01',
    });
    expect(parseMentorshipArgs('unpair <at>Dr Smith</at> with jane@example.org', ctx)).toEqual({
      sub: 'unpair',
      mentor: { kind: 'teams', name: 'Dr Smith' },
      mentee: { kind: 'email', email: 'jane@example.org' },
    });
    expect(() => parseMentorshipArgs('pair <@U1> <@U2>', ctx)).toThrowError(/after "with"/);
  });

  it('reads the subcommands without arguments', () => {
    for (const sub of ['channel', 'digest', 'status', 'help'] as const) {
      expect(parseMentorshipArgs(sub, ctx)).toEqual({ sub });
    }
    expect(parseMentorshipArgs('', ctx)).toEqual({ sub: 'help' });
  });

  it('reads export and erase', () => {
    expect(parseMentorshipArgs('export cpd', ctx)).toEqual({ sub: 'export', report: 'cpd' });
    expect(parseMentorshipArgs('Export Summary', ctx)).toEqual({ sub: 'export', report: 'summary' });
    expect(() => parseMentorshipArgs('export everything', ctx)).toThrowError(/meetings, cpd, reading, reflections, participants, summary/);
    expect(parseMentorshipArgs('erase a@b.ca', ctx)).toEqual({ sub: 'erase', person: { kind: 'email', email: 'a@b.ca' } });
  });

  it('an unknown subcommand leads to help, naming the word', () => {
    expect(parseMentorshipArgs('enrol1 x', ctx)).toEqual({ sub: 'help', unknown: 'enrol1' });
  });

  it('errors are BAD_INPUT with a field', () => {
    try {
      parseMentorshipArgs('pair <@U1> with nobody', ctx);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).fieldErrors).toHaveProperty('mentee');
    }
  });
});
