import { describe, it, expect } from 'vitest';
import {
  DEFAULT_PROGRAM_RULES,
  ProgramRulesSchema,
  cpdTargetFor,
  parseProgramRules,
} from '../../../src/core/domain/program-rules.js';
import { AppError } from '../../../src/core/domain/errors.js';

describe('program rules', () => {
  it('default to the numbers DOMAIN.md and DESIGN.md chose', () => {
    expect(DEFAULT_PROGRAM_RULES).toMatchObject({
      meetingsRequired: 10,
      cadenceDays: 28,
      escalateAfterCadences: 2,
      programLengthMonths: 12,
      cpdYearlyTargets: {},
      reflectionAfterEveryMeeting: true,
      reflectionReminderDays: [3, 7],
      followUpReflectionWeeks: { min: 6, max: 12 },
      followUpReflectionDays: 56,
      endOfProgramWarningDays: 30,
      nextMeetingReminderDays: 1,
      cpdCheckInDayOfMonth: 1,
      digest: { dayOfWeek: 1, time: '09:00' },
      quietHours: { start: '20:00', end: '08:00' },
      maxMeetingMinutes: 480,
      minMeetingMinutes: 5,
      retentionYears: 7,
    });
    expect(DEFAULT_PROGRAM_RULES.credits).toEqual({ roundTo: 0.25 });
  });

  it('a partial override keeps every other default, even inside nested objects', () => {
    const rules = ProgramRulesSchema.parse({
      cadenceDays: 21,
      digest: { time: '10:30' },
      credits: { roundTo: 0.5 },
    });
    expect(rules.cadenceDays).toBe(21);
    expect(rules.digest).toEqual({ dayOfWeek: 1, time: '10:30' });
    expect(rules.credits).toEqual({ roundTo: 0.5 });
  });

  it('a time that is not HH:MM is refused with a message that says so', () => {
    expect(() => parseProgramRules({ digest: { time: '9am' } })).toThrowError(/digest\.time: time must be HH:MM/);
    expect(() => parseProgramRules({ quietHours: { start: '24:00' } })).toThrowError(/quietHours\.start/);
  });

  it('errors come back per field as an AppError', () => {
    try {
      parseProgramRules({ cadenceDays: 0, cpdCheckInDayOfMonth: 31 });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      const err = e as AppError;
      expect(err.code).toBe('BAD_INPUT');
      expect(Object.keys(err.fieldErrors).sort()).toEqual(['cadenceDays', 'cpdCheckInDayOfMonth']);
    }
  });

  it('a retention period is a whole number of years, at least one: a typo must not erase records early', () => {
    expect(() => parseProgramRules({ retentionYears: 0.7 })).toThrowError(/retentionYears must be a whole number of years/);
    expect(() => parseProgramRules({ retentionYears: 0 })).toThrowError(/retentionYears must be at least 1/);
    expect(parseProgramRules({ retentionYears: 10 }).retentionYears).toBe(10);
  });

  it('refuses rules that contradict themselves', () => {
    expect(() => parseProgramRules({ minMeetingMinutes: 60, maxMeetingMinutes: 30 })).toThrowError(/minMeetingMinutes/);
    expect(() => parseProgramRules({ followUpReflectionDays: 100 })).toThrowError(/followUpReflectionDays/);
    expect(() => parseProgramRules({ reflectionReminderDays: [7, 3] })).toThrowError(/increase/);
  });

  it('the CPD target follows the participant’s system', () => {
    // 25 for both since MOC's 2024 refresh (it was 40).
    expect(cpdTargetFor('MAINPRO_PLUS')).toBe(25);
    expect(cpdTargetFor('MOC')).toBe(25);
    expect(cpdTargetFor('MOC', parseProgramRules({ cpdYearlyTargets: { MOC: 50 } }))).toBe(50);
  });

  it('cpdCreditsTarget in the program file sets the target of every system that has none of its own', () => {
    const rules = parseProgramRules({ cpdCreditsTarget: 30, cpdYearlyTargets: { MOC: 20 } });
    expect(cpdTargetFor('MAINPRO_PLUS', rules)).toBe(30);
    expect(cpdTargetFor('MOC', rules)).toBe(20);
    expect(() => parseProgramRules({ cpdYearlyTargets: { RCPSC: 25 } })).toThrowError(/cpdYearlyTargets takes MAINPRO_PLUS and MOC/);
  });

  it('no input means the defaults', () => {
    expect(parseProgramRules(undefined)).toEqual(DEFAULT_PROGRAM_RULES);
  });
});
