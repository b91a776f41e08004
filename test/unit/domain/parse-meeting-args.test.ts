import { describe, it, expect } from 'vitest';
import { parseMeetingArgs } from '../../../src/core/domain/parse/parse-meeting-args.js';

const ctx = { today: '2026-11-25' };

describe('parseMeetingArgs', () => {
  it('reads the example from the design', () => {
    expect(parseMeetingArgs('2026-11-20 45m video Discussed billing', ctx)).toEqual({
      date: '2026-11-20',
      durationMinutes: 45,
      format: 'VIDEO',
      topics: 'Discussed billing',
      complete: true,
      missing: [],
    });
  });

  it('takes the options in any order', () => {
    const args = parseMeetingArgs('video 1h30 with <@U42> Nov 20 Charting and billing', ctx);
    expect(args).toMatchObject({
      withPerson: '<@U42>',
      withPersonRef: { kind: 'slack', userId: 'U42' },
      date: '2026-11-20',
      durationMinutes: 90,
      format: 'VIDEO',
      topics: 'Charting and billing',
      complete: true,
    });
  });

  it('accepts a person without "with", a Teams mention or an email', () => {
    expect(parseMeetingArgs('<at>Jane Doe</at> 45m Billing', ctx).withPersonRef).toEqual({ kind: 'teams', name: 'Jane Doe' });
    expect(parseMeetingArgs('with jane@example.org 45m Billing', ctx).withPerson).toBe('jane@example.org');
  });

  it('reads two-word formats and durations', () => {
    expect(parseMeetingArgs('in person 2 h Hospital privileges', ctx)).toMatchObject({
      format: 'IN_PERSON',
      durationMinutes: 120,
      topics: 'Hospital privileges',
    });
  });

  it('keeps option words that come after the topics start as part of the topics', () => {
    expect(parseMeetingArgs('45m video Reviewed video consult billing', ctx).topics).toBe('Reviewed video consult billing');
    expect(parseMeetingArgs('45m 3 cases of sepsis', ctx).topics).toBe('3 cases of sepsis');
  });

  it('a quoted phrase is always topics', () => {
    const args = parseMeetingArgs('45m "video etiquette"', ctx);
    expect(args.topics).toBe('video etiquette');
    expect(args.format).toBeUndefined();
  });

  it('without a date the form default (today) applies, and format stays unset', () => {
    const args = parseMeetingArgs('45m Billing', ctx);
    expect(args.date).toBeUndefined();
    expect(args.format).toBeUndefined();
    expect(args.complete).toBe(true);
  });

  it('is incomplete without a duration or topics, and says which', () => {
    expect(parseMeetingArgs('', ctx)).toEqual({ complete: false, missing: ['durationMinutes', 'topics'] });
    expect(parseMeetingArgs('yesterday video', ctx)).toMatchObject({ date: '2026-11-24', complete: false, missing: ['durationMinutes', 'topics'] });
    expect(parseMeetingArgs('45m', ctx)).toMatchObject({ complete: false, missing: ['topics'] });
    expect(parseMeetingArgs('Discussed billing', ctx)).toMatchObject({ topics: 'Discussed billing', missing: ['durationMinutes'] });
  });

  it('refuses an impossible date or duration instead of filing it under topics', () => {
    expect(() => parseMeetingArgs('2026-02-30 45m Billing', ctx)).toThrowError(/not a real date/);
    expect(() => parseMeetingArgs('12h Billing', ctx)).toThrowError(/longer than/);
  });

  it('refuses "with" followed by something that is not a person', () => {
    expect(() => parseMeetingArgs('with Jane 45m Billing', ctx)).toThrowError(/mention the person/);
  });
});
