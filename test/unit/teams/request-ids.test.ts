import { describe, expect, it } from 'vitest';
import { activityRequestId } from '../../../src/teams/request-ids.js';

const activity = {
  type: 'message',
  timestamp: '2026-11-20T15:00:00.000Z',
  text: 'meeting today 45m video Billing',
  from: { id: '29:abc', aadObjectId: 'aad-1', name: 'Max' },
  conversation: { id: 'a:personal-aad-1', tenantId: 'tenant-1' },
} as const;

describe('Teams request ids', () => {
  it('are the activity id, which a redelivery repeats', () => {
    expect(activityRequestId({ ...activity, id: '1763650000123' } as never)).toBe('teams:1763650000123');
  });

  it('without an id, are the same for the same activity delivered again and differ for another', () => {
    const first = activityRequestId(activity as never);
    expect(first).toMatch(/^teams:h:[0-9a-f]{32}$/);
    expect(activityRequestId(JSON.parse(JSON.stringify(activity)) as never)).toBe(first);
    expect(activityRequestId({ ...activity, text: 'meeting today 30m video Billing' } as never)).not.toBe(first);
    expect(activityRequestId({ ...activity, timestamp: '2026-11-20T15:00:01.000Z' } as never)).not.toBe(first);
    expect(activityRequestId({ ...activity, from: { id: '29:other', aadObjectId: 'aad-2', name: 'Mia' } } as never)).not.toBe(first);
  });

  it('never keep an odd or overlong id as given', () => {
    expect(activityRequestId({ ...activity, id: 'x'.repeat(201) } as never)).toMatch(/^teams:h:[0-9a-f]{32}$/);
    expect(activityRequestId({ ...activity, id: 'a b\n' } as never)).toMatch(/^teams:h:[0-9a-f]{32}$/);
  });
});
