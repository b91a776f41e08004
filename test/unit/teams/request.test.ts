import { describe, expect, it } from 'vitest';
import type { Activity } from 'botbuilder';
import { conversationOf, parseCommandText, referenceOf } from '../../../src/teams/request.js';
import { messageActivity } from '../../support/fake-teams.js';

const personal = { serviceUrl: 'http://127.0.0.1:1/', user: { tenantId: 'tenant-1', aadObjectId: 'aad-1' } };
const inChannel = { ...personal, channel: { teamId: '19:team@thread.tacv2', channelId: '19:general@thread.tacv2' } };
const asActivity = (a: Record<string, unknown>) => a as unknown as Activity;

describe('Teams requests', () => {
  it('reads the command word and the rest of a personal message', () => {
    expect(parseCommandText(asActivity(messageActivity(personal, 'cpd 2h group Journal club')))).toMatchObject({ word: 'cpd', text: '2h group Journal club', whole: 'cpd 2h group Journal club' });
    expect(parseCommandText(asActivity(messageActivity(personal, '  Progress  ')))).toEqual({ word: 'progress', text: '', whole: 'Progress' });
  });

  it("strips the bot's own mention in a channel but keeps a mention of a person", () => {
    const activity = messageActivity(inChannel, 'progress <at>Ada Lovelace</at>');
    expect(parseCommandText(asActivity(activity))).toMatchObject({ word: 'progress', text: '<at>Ada Lovelace</at>' });
  });

  it('drops rich-text markup and entities from the desktop client', () => {
    const activity = messageActivity(personal, '<p>meeting&nbsp;today 45m video Billing &amp; coding</p>');
    expect(parseCommandText(asActivity(activity))).toMatchObject({ word: 'meeting', text: 'today 45m video Billing & coding' });
  });

  it('stores a channel reference to the channel, not the thread, and without an activity id', () => {
    const activity = asActivity(messageActivity(inChannel, 'mentorship channel'));
    const reference = referenceOf(activity);
    expect(reference.conversation?.id).toBe('19:general@thread.tacv2');
    expect(reference).not.toHaveProperty('activityId');
    expect(conversationOf(activity)).toMatchObject({ platform: 'TEAMS', workspaceId: 'tenant-1', channelId: '19:general@thread.tacv2', isDirect: false });
    expect(conversationOf(asActivity(messageActivity(personal, 'x')))).toMatchObject({ isDirect: true, channelId: 'a:personal-aad-1' });
  });
});
