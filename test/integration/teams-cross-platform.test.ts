// One program, two platforms: a mentor on Teams and a mentee on Slack share one record. A meeting the
// mentor logs in Teams shows in the mentee's /progress in Slack.
import { describe, expect, it } from 'vitest';
import { addPairing } from '../support/fixtures.js';
import { postSigned } from '../support/slack-sign.js';
import { slashCommand, TEAM_ID } from '../fixtures/slack/payloads.js';
import { dialogCardOf } from '../support/fake-teams.js';
import { openerData, submitData, TODAY, useTeamsBot } from '../fixtures/teams/harness.js';

const bot = useTeamsBot({ slack: true });

async function slackProgress(b: ReturnType<typeof bot>, userId: string): Promise<string> {
  const responseId = `progress-${Date.now()}`;
  const { body } = slashCommand({ command: '/progress', userId, responseUrl: b.slack!.responseUrl(responseId) });
  const { status } = await postSigned(`${b.app.url}/slack/events`, body);
  expect(status).toBe(200);
  return JSON.stringify((await b.slack!.waitForResponse(responseId)).body);
}

describe('a pair across Teams and Slack', () => {
  it('a meeting the Teams mentor logs in a dialog shows in the Slack mentee’s progress', async () => {
    const b = bot();
    const mentor = await b.person({ name: 'Dr Maria Mentor', roles: ['MENTOR'], aad: 'aad-mentor' });
    b.slack!.users.set('UMENTEE', { email: 'dr.ade.mentee@example.org', name: 'Dr Ade Mentee', tz: 'America/Winnipeg', teamId: TEAM_ID });
    const { addPerson } = await import('../support/fixtures.js');
    const mentee = await addPerson(b.ctx, { name: 'Dr Ade Mentee', email: 'dr.ade.mentee@example.org', roles: ['MENTEE'], slack: { teamId: TEAM_ID, userId: 'UMENTEE' } });
    await addPairing(b.ctx, mentor, mentee);

    const before = await slackProgress(b, 'UMENTEE');
    expect(before).toContain('Your progress: 0/10 meetings');

    const fetched = await b.invoke('aad-mentor', 'task/fetch', openerData(await b.say('aad-mentor', 'meeting')));
    expect(dialogCardOf(fetched.body)).toBeDefined();
    const saved = await b.invoke('aad-mentor', 'task/submit', { ...submitData(fetched.body), date: TODAY, duration: '50', format: 'VIDEO', topics: 'Discussed billing codes' });
    expect(saved.body?.task).toBeUndefined();

    const [meeting] = await b.ctx.db.meeting.findMany({ include: { pairing: true } });
    expect(meeting!.pairing).toMatchObject({ mentorId: mentor.personId, menteeId: mentee.personId });

    const after = await slackProgress(b, 'UMENTEE');
    expect(after).toContain('Your progress: 1/10 meetings');
    expect(after).toContain(`Last ${TODAY}`);
  });
});
