// One test of a date (domain isCalendarDate) on every path that takes one, on PGlite and PostgreSQL:
// 2026-02-31 is refused with the field named, and nothing is saved (it used to pass the meeting,
// roster and export paths' regex and be stored as March 3).
import { describe, expect, it } from 'vitest';
import { buildMeetingForm, meetingForm } from '../../../src/core/forms/meeting.form.js';
import { logCpd } from '../../../src/core/services/cpd.service.js';
import { exportData } from '../../../src/core/services/export.service.js';
import type { AppError } from '../../../src/core/domain/errors.js';
import { addGoal } from '../../../src/core/services/goal.service.js';
import { logMeeting } from '../../../src/core/services/meeting.service.js';
import { validateRosterRows } from '../../../src/core/services/roster-rows.js';
import { enroll } from '../../../src/core/services/roster.service.js';
import { addPairing, addPerson, makeContext, slackConversation } from '../../support/fixtures.js';
import { STORE_KINDS, useTestStore } from '../../support/stores.js';

const NOT_A_DAY = '2026-02-31';

describe.each(STORE_KINDS)('a date that does not exist, on %s', (kind) => {
  const store = useTestStore(kind);

  async function scene() {
    const ctx = await makeContext(store().prisma);
    const coordinator = await addPerson(ctx, { name: 'Cora Coordinator', roles: ['COORDINATOR'] });
    const mentor = await addPerson(ctx, { name: 'Max Mentor', roles: ['MENTOR'] });
    const mentee = await addPerson(ctx, { name: 'Mia Mentee' });
    await addPairing(ctx, mentor, mentee, '2026-01-05');
    return { ctx, coordinator, mentor, mentee };
  }
  // The field is named; the text (catalogue text or, until converted, a plain string) is read in English.
  const refusedOn = (field: string) => ({ code: 'BAD_INPUT', fieldErrors: expect.objectContaining({ [field]: expect.anything() }), message: expect.stringMatching(/exist|not a date|real date/) });

  it('is refused for a meeting (its date and the next meeting), typed or in the form', async () => {
    const { ctx, mentor } = await scene();
    await expect(logMeeting(ctx, mentor, { date: NOT_A_DAY, minutes: 45, format: 'VIDEO', topics: 'Billing' }, 'req-m1')).rejects.toMatchObject(refusedOn('date'));
    await expect(logMeeting(ctx, mentor, { date: '2026-01-20', minutes: 45, format: 'VIDEO', topics: 'Billing', nextMeetingDate: NOT_A_DAY }, 'req-m2')).rejects.toMatchObject(refusedOn('next_meeting'));
    const view = await buildMeetingForm(ctx, mentor, {}, 'req-m3');
    const outcome = await meetingForm.submit({ ctx, actor: mentor, values: { date: NOT_A_DAY, duration: '45', format: 'VIDEO', topics: 'Billing' }, state: view.state, conversation: slackConversation() });
    expect(outcome).toMatchObject({ kind: 'errors', errors: { date: expect.stringMatching(/day that exists/) } });
    expect(await ctx.db.meeting.count()).toBe(0);
  });

  it('is refused for an enrollment, a CPD activity, a goal and an export period', async () => {
    const { ctx, coordinator, mentee } = await scene();
    await expect(enroll(ctx, coordinator, { person: { name: 'Nia New', email: 'nia@example.org' }, role: 'MENTEE', pathway: 'PRA_MB_FP', start: NOT_A_DAY })).rejects.toMatchObject(refusedOn('start'));
    await expect(logCpd(ctx, mentee, { title: 'Journal club', date: NOT_A_DAY, category: 'CERTIFIED', hours: 1 }, 'req-c1')).rejects.toMatchObject(refusedOn('date'));
    await expect(addGoal(ctx, mentee, { title: 'Billing in Manitoba', targetDate: '2027-02-29' }, 'req-g1')).rejects.toMatchObject(refusedOn('targetDate'));
    // Field errors are catalogue text (Said), written in the reader's language at the door.
    const exportRefusal = await exportData(ctx, coordinator, 'meetings', { format: 'csv', from: NOT_A_DAY }).catch((error: AppError) => error);
    expect(exportRefusal).toMatchObject({ code: 'BAD_INPUT' });
    expect((exportRefusal as AppError).fieldErrorsIn('en')).toEqual({ from: expect.stringMatching(/exist/) });
    expect(await ctx.db.person.count({ where: { email: 'nia@example.org' } })).toBe(0);
    expect(await ctx.db.cpdActivity.count()).toBe(0);
    expect(await ctx.db.learningGoal.count()).toBe(0);
  });
});

describe('a roster file', () => {
  it('names the cell of a date that does not exist', () => {
    const checked = validateRosterRows([{ line: 2, values: { name: 'Nia New', email: 'nia@example.org', role: 'mentee', pathway: 'PRA-MB-FP', start: NOT_A_DAY } }]);
    expect(checked.problems).toEqual([expect.objectContaining({ line: 2, column: 'start', value: NOT_A_DAY, message: expect.stringMatching(/not a real date/) })]);
  });
});
