// Rules that once existed twice and disagreed, each now one function that every path uses (issue 15).
import { describe, expect, it } from 'vitest';
import { enrollmentCpdSystem, pairCadence, personTimeZone } from '../../../src/core/domain/people.js';
import { isCalendarDate } from '../../../src/core/domain/time.js';
import { isUniqueViolation } from '../../../src/core/services/store-errors.js';

describe('the cadence', () => {
  const rules = { cadenceDays: 28, escalateAfterCadences: 2 };
  it('a pair becomes overdue on day 28 without a meeting (not day 29), and escalated on day 56', () => {
    expect(pairCadence(27, rules)).toEqual({ days: 27, cadencesMissed: 0, overdue: false, escalated: false });
    expect(pairCadence(28, rules)).toEqual({ days: 28, cadencesMissed: 1, overdue: true, escalated: false });
    expect(pairCadence(55, rules)).toMatchObject({ cadencesMissed: 1, escalated: false });
    expect(pairCadence(56, rules)).toEqual({ days: 56, cadencesMissed: 2, overdue: true, escalated: true });
  });
  it('escalates after a fractional number of cadences when the program says so', () => {
    expect(pairCadence(41, { cadenceDays: 28, escalateAfterCadences: 1.5 }).escalated).toBe(false);
    expect(pairCadence(42, { cadenceDays: 28, escalateAfterCadences: 1.5 }).escalated).toBe(true);
  });
});

describe("a person's time zone", () => {
  it("is their own, else the first account given that knows one, else the program's", () => {
    expect(personTimeZone({ timeZone: 'Europe/Paris' }, [{ timeZone: 'America/Toronto' }], 'America/Winnipeg')).toBe('Europe/Paris');
    expect(personTimeZone({ timeZone: null }, [{ timeZone: null }, { timeZone: 'America/Toronto' }], 'America/Winnipeg')).toBe('America/Toronto');
    expect(personTimeZone({ timeZone: null }, [], 'America/Winnipeg')).toBe('America/Winnipeg');
  });
});

describe('the CPD system of an enrollment', () => {
  it("is the one recorded, else the pathway's, else Mainpro+", () => {
    expect(enrollmentCpdSystem({ cpdSystem: 'MOC', pathway: 'PRA_MB_FP' })).toBe('MOC');
    expect(enrollmentCpdSystem({ cpdSystem: null, pathway: 'PRA_MB_SP' })).toBe('MOC');
    expect(enrollmentCpdSystem({ cpdSystem: null, pathway: 'MLPIMG' })).toBe('MAINPRO_PLUS');
    expect(enrollmentCpdSystem({ cpdSystem: null, pathway: null })).toBe('MAINPRO_PLUS');
  });
});

describe('a calendar date', () => {
  it('is YYYY-MM-DD, a day that exists, in a plausible year', () => {
    for (const good of ['2026-02-28', '2028-02-29', '2000-02-29', '2026-12-31', '1900-01-01', '2999-12-31']) expect(isCalendarDate(good)).toBe(true);
    for (const bad of ['2026-02-31', '2026-02-29', '1900-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-01-00', '2026-1-5', '1899-12-31', '3000-01-01', ' 2026-01-05', '2026-01-05\n', '', undefined, 20260105]) {
      expect(isCalendarDate(bad)).toBe(false);
    }
  });
});

describe('a unique violation', () => {
  it('is told by the store error code P2002, however the error was wrapped', () => {
    expect(isUniqueViolation({ code: 'P2002', meta: { target: ['requestId'] } })).toBe(true);
    expect(isUniqueViolation(Object.assign(new Error('Unique constraint failed'), { code: 'P2002' }))).toBe(true);
    expect(isUniqueViolation({ code: 'P2025' })).toBe(false);
    expect(isUniqueViolation(new Error('P2002'))).toBe(false);
    expect(isUniqueViolation(null)).toBe(false);
  });
});

describe('notification keys', () => {
  it('are read back by the check before sending as the planner wrote them', async () => {
    const { keyFacts, notificationKeys, notificationKeyPrefixes } = await import('../../../src/core/domain/notifications.js');
    const nudge = notificationKeys.cadenceNudge('pair1', '2026-02-02', 1, 'person1');
    expect(keyFacts('cadence-nudge', nudge)).toEqual({ pairingId: 'pair1', since: '2026-02-02' });
    expect(nudge.startsWith(notificationKeyPrefixes.cadenceNudges('pair1'))).toBe(true);
    expect(keyFacts('escalation', notificationKeys.escalation('pair1', '2026-02-02', 2, 'cora'))).toEqual({ pairingId: 'pair1', since: '2026-02-02' });
    expect(keyFacts('next-meeting', notificationKeys.nextMeeting('m1', '2026-03-01', 'person1'))).toEqual({ meetingId: 'm1', meetOn: '2026-03-01' });
    expect(keyFacts('welcome', notificationKeys.welcome('e1'))).toBeNull();
    expect(notificationKeys.reflectionReminder('p1', 2).startsWith(notificationKeyPrefixes.reflectionReminders('p1'))).toBe(true);
  });
});
