import { describe, expect, it } from 'vitest';
import { actionRequestId, commandRequestId, eventRequestId, viewRequestId } from '../../../src/slack/request-ids.js';

const command = { team_id: 'T1', user_id: 'U1', channel_id: 'D1', command: '/meeting', text: 'today 45m video x', trigger_id: '111.222.abc', response_url: 'https://hooks.slack.com/commands/T1/1/x' };

describe('request ids for idempotency', () => {
  it('are the same for a redelivery of the same slash command and differ between invocations', () => {
    expect(commandRequestId({ ...command })).toBe(commandRequestId(command));
    expect(commandRequestId({ ...command, trigger_id: '111.333.def' })).not.toBe(commandRequestId(command));
  });

  it('fall back to the response_url when a command has no trigger id', () => {
    const { trigger_id: _unused, ...rest } = command;
    expect(commandRequestId(rest)).toBe(commandRequestId({ ...rest }));
    expect(commandRequestId({ ...rest, response_url: 'https://hooks.slack.com/commands/T1/2/y' })).not.toBe(commandRequestId(rest));
  });

  it('identify a button press by its action_ts, a submission by view id and hash, an event by event_id', () => {
    const press = { teamId: 'T1', userId: 'U1', actionId: 'meeting.confirm', actionTs: '1763650000.1' };
    expect(actionRequestId(press)).toBe(actionRequestId({ ...press }));
    expect(actionRequestId({ ...press, actionTs: '1763650001.1' })).not.toBe(actionRequestId(press));
    expect(viewRequestId({ id: 'V1', hash: 'h1' })).not.toBe(viewRequestId({ id: 'V1', hash: 'h2' }));
    expect(eventRequestId('Ev1', 'x')).toBe('slack:evt:Ev1');
  });
});
