// Issue 12, finding 1: a dialog's data comes back from the member's own client, so a member can send
// another pair's form state, or guessed request ids. Through the real teams-ai app over HTTP, on both
// stores: such a replay saves nothing, shows nothing of the other record, and is audited.
import { describe, expect, it } from 'vitest';
import { addPairing } from '../support/fixtures.js';
import { STORE_KINDS } from '../support/stores.js';
import { openerData, submitData, TODAY, useTeamsBot, type TeamsBot } from '../fixtures/teams/harness.js';
import { cardOf, cardText } from '../support/fake-teams.js';
import { requestIdFor } from '../../src/core/services/request-ids.js';

const SECRET_TOPIC = 'Burnout and the complaint from the clinic manager';
const SECRET_GOAL = 'Private goal: rebuild confidence after the college review';

async function twoPairs(b: TeamsBot) {
  const mentor = await b.person({ name: 'Dr Maria Mentor', roles: ['MENTOR'], aad: 'aad-mentor' });
  const mentee = await b.person({ name: 'Dr Ade Mentee', roles: ['MENTEE'], aad: 'aad-mentee' });
  const otherMentor = await b.person({ name: 'Dr Omar Othermentor', roles: ['MENTOR'], aad: 'aad-mentor-2' });
  const otherMentee = await b.person({ name: 'Dr Eve Othermentee', roles: ['MENTEE'], aad: 'aad-mentee-2' });
  await addPairing(b.ctx, mentor, mentee);
  await addPairing(b.ctx, otherMentor, otherMentee);
  return { mentor, mentee, otherMentor, otherMentee };
}

/** What the member was shown: the dialog's answer and anything posted in the chat. */
const shown = (r: { body: unknown; posted: Parameters<typeof cardOf>[0][] }) => JSON.stringify(r.body ?? '') + r.posted.map((a) => cardText(cardOf(a))).join('\n');

describe.each(STORE_KINDS)('Teams: replayed dialogs on %s', (store) => {
  const bot = useTeamsBot({ store });

  it("a mentee who submits another pair's meeting dialog gets none of that meeting, and nothing is saved", async () => {
    const b = bot();
    const { mentor, otherMentee } = await twoPairs(b);
    const fetched = await b.invoke('aad-mentor', 'task/fetch', openerData(await b.say('aad-mentor', 'meeting')));
    const values = { ...submitData(fetched.body), date: TODAY, duration: '45', format: 'VIDEO', topics: SECRET_TOPIC };
    const saved = await b.invoke('aad-mentor', 'task/submit', values);
    expect(shown(saved)).toContain(SECRET_TOPIC);
    expect(await b.ctx.db.meeting.count()).toBe(1);

    // The other pair's mentee sends the very same data from their own client.
    const replayed = await b.invoke('aad-mentee-2', 'task/submit', { ...values, topics: 'Anything' });
    expect(replayed.status).toBe(200);
    expect(shown(replayed)).not.toContain(SECRET_TOPIC);
    expect(shown(replayed)).not.toMatch(/already saved/);
    expect(shown(replayed)).toMatch(/out of date or was not opened by you/);
    expect(await b.ctx.db.meeting.count()).toBe(1);
    const audited = await b.ctx.db.auditEvent.findMany({ where: { action: 'request.refused' } });
    expect(audited).toEqual([expect.objectContaining({ actorId: otherMentee.personId, detail: { form: 'meeting', reason: 'not-issued' } })]);

    // Even holding the exact id the server stored (say, leaked), it is not theirs: refused the same way.
    const stored = (await b.ctx.db.meeting.findFirstOrThrow()).requestId!;
    const view = (values as Record<string, unknown>).view as { state: string };
    const withStoredId = { ...values, view: { ...view, state: JSON.stringify({ requestId: stored }) } };
    expect(shown(await b.invoke('aad-mentee-2', 'task/submit', withStoredId))).not.toContain(SECRET_TOPIC);
    expect(await b.ctx.db.meeting.count()).toBe(1);
    // The author's own retry still finds their meeting (and only theirs).
    expect(shown(await b.invoke('aad-mentor', 'task/submit', values))).toContain(`That meeting was already saved`);
    expect((await b.ctx.db.meeting.findFirstOrThrow()).loggedById).toBe(mentor.personId);
  });

  it('a sweep of guessed request ids saves nothing, shows nothing, and every attempt is audited', async () => {
    const b = bot();
    await twoPairs(b);
    await b.say('aad-mentor', 'meeting 2026-11-19 45m video ' + SECRET_TOPIC);
    const fetched = await b.invoke('aad-mentee-2', 'task/fetch', openerData(await b.say('aad-mentee-2', 'meeting')));
    const data = submitData(fetched.body);
    const view = data.view as { state: string };
    const guesses = ['teams:1', 'slack:cmd:1', (await b.ctx.db.meeting.findFirstOrThrow()).requestId!.split('.')[0]!, `${'A'.repeat(22)}.${'A'.repeat(22)}`];
    for (const requestId of guesses) {
      const r = await b.invoke('aad-mentee-2', 'task/submit', { ...data, view: { ...view, state: JSON.stringify({ requestId }) }, date: TODAY, duration: '45', format: 'VIDEO', topics: 'Sweep' });
      expect(shown(r)).not.toContain(SECRET_TOPIC);
    }
    expect(await b.ctx.db.meeting.count()).toBe(1);
    expect(await b.ctx.db.auditEvent.count({ where: { action: 'request.refused' } })).toBe(guesses.length);
  });

  it("a mentee who replays another mentee's goal dialog does not see that private goal", async () => {
    const b = bot();
    const { mentee, otherMentee } = await twoPairs(b);
    const fetched = await b.invoke('aad-mentee', 'task/fetch', openerData(await b.say('aad-mentee', 'goals add')));
    const values = { ...submitData(fetched.body), title: SECRET_GOAL };
    expect(shown(await b.invoke('aad-mentee', 'task/submit', values))).toContain(SECRET_GOAL);

    const replayed = await b.invoke('aad-mentee-2', 'task/submit', { ...values, title: 'Mine' });
    expect(shown(replayed)).not.toContain(SECRET_GOAL);
    expect(await b.ctx.db.learningGoal.count()).toBe(1);
    expect((await b.ctx.db.learningGoal.findFirstOrThrow()).menteeId).toBe(mentee.personId);
    // A state carrying the stored id itself, or the id derived for them from the same activity: no goal shown.
    const stored = (await b.ctx.db.learningGoal.findFirstOrThrow()).requestId!;
    const view = (values as Record<string, unknown>).view as { state: string };
    for (const requestId of [stored, requestIdFor(b.ctx, 'goal', otherMentee.personId, 'teams:guess')]) {
      const r = await b.invoke('aad-mentee-2', 'task/submit', { ...values, view: { ...view, state: JSON.stringify({ requestId }) }, title: 'Mine' });
      expect(shown(r)).not.toContain(SECRET_GOAL);
    }
  });
});
