// Issue 12, finding 2: a chat account linked in a workspace or tenant the program does not trust (any
// more) is never written to by the outbox; the person's trusted account is used, or none.
import { describe, expect, it } from 'vitest';
import { trustPolicy } from '../../src/core/domain/trust.js';
import { queueNotification } from '../../src/core/services/outbox.js';
import { message } from '../../src/core/ui/message.js';
import { createMetrics } from '../../src/http/metrics.js';
import { createScheduler } from '../../src/scheduler/index.js';
import { silentLogger } from '../../src/core/context.js';
import { addPerson, makeContext } from '../support/fixtures.js';
import { recordingMessenger } from '../support/recording-messenger.js';
import { STORE_KINDS, useTestStore } from '../support/stores.js';
import { heldText } from '../support/held.js';

describe.each(STORE_KINDS)('outbox and untrusted workspaces on %s', (kind) => {
  const store = useTestStore(kind);

  it('writes only to accounts in trusted workspaces', async () => {
    const ctx = await makeContext(store().prisma);
    ctx.trust = trustPolicy({ slackWorkspaces: ['T0001'], teamsTenants: ['0b6f3c1e-5a2d-4e8f-9c7b-1d2e3f4a5b6c'], checkTeamsTenants: true });
    const slack = recordingMessenger('SLACK', ctx.clock);
    const teams = recordingMessenger('TEAMS', ctx.clock);
    const scheduler = createScheduler({ ctx, messengers: [slack, teams], logger: silentLogger, metrics: createMetrics(), instanceId: `trust-${kind}` });
    // Linked in another tenant first (older), and in the trusted workspace.
    const both = await addPerson(ctx, { name: 'Bo', roles: ['MENTOR'], teams: { tenantId: 'ffffffff-1111-4222-8333-444444444444', userId: 'aad-bo' }, slack: { teamId: 'T0001', userId: 'UBO' } });
    const elsewhere = await addPerson(ctx, { name: 'Eli', roles: ['MENTOR'], slack: { teamId: 'T0666', userId: 'UELI' } });
    for (const [personId, key] of [[both.personId, 'to-bo'], [elsewhere.personId, 'to-eli']] as const) {
      await queueNotification(ctx.db, { programId: ctx.program.id, personId, kind: 'welcome', idempotencyKey: key, payload: message(key), dueAt: ctx.clock.now() });
    }
    await scheduler.tick();
    expect(teams.sent).toHaveLength(0);
    expect(slack.sent.map((s) => s.target)).toEqual(['UBO']);
    expect(await ctx.db.notification.findUniqueOrThrow({ where: { idempotencyKey: 'to-eli' } })).toMatchObject({ status: 'PENDING', lastError: expect.stringMatching(/^UNREACHABLE: /) });
    expect(heldText((await ctx.db.notification.findUniqueOrThrow({ where: { idempotencyKey: 'to-eli' } })).lastError)).toMatch(/Slack workspace the program does not trust \(T0666\)/);
  });
});
