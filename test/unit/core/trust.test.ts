// Issue 12, finding 2: a chat user is linked by email, and served, only from a workspace or tenant the
// program trusts (DESIGN.md, "Trust"). A user in another Microsoft tenant whose profile claims the
// coordinator's address is refused, audited, and never linked; an old link there is not honoured.
import { describe, expect, it } from 'vitest';
import { STORE_KINDS, useTestStore } from '../../support/stores.js';
import { addPerson, makeContext } from '../../support/fixtures.js';
import type { PlatformUser } from '../../../src/core/actor.js';
import type { CoreContext } from '../../../src/core/context.js';
import { isTrustedWorkspace, trustPolicy } from '../../../src/core/domain/trust.js';
import { linkChatAccount, rememberInstallation } from '../../../src/core/services/chat-account.service.js';
import { resolveActor } from '../../../src/core/services/identity.service.js';
import { runCommand } from '../../../src/core/dispatch.js';
import { untrustedLinks } from '../../../src/core/services/trust.js';

const HOME = '0b6f3c1e-5a2d-4e8f-9c7b-1d2e3f4a5b6c';
const PARTNER = '7a8b9c0d-1e2f-4a3b-8c5d-6e7f8a9b0c1d';
const ELSEWHERE = 'ffffffff-1111-4222-8333-444444444444';

const teamsUser = (tenant: string, userId: string, email: string): PlatformUser => ({
  platform: 'TEAMS',
  workspaceId: tenant,
  userId,
  lookupProfile: async () => ({ email, name: 'Claimed Name' }),
});

describe('the trust rule', () => {
  const policy = trustPolicy({ slackWorkspaces: ['T0001'], teamsTenants: [HOME.toUpperCase(), PARTNER], checkTeamsTenants: true });
  it('trusts the listed Slack workspaces and Microsoft tenants (tenant case ignored), nothing else', () => {
    expect(isTrustedWorkspace(policy, 'SLACK', 'T0001')).toBe(true);
    expect(isTrustedWorkspace(policy, 'SLACK', 'T0002')).toBe(false);
    expect(isTrustedWorkspace(policy, 'TEAMS', HOME)).toBe(true);
    expect(isTrustedWorkspace(policy, 'TEAMS', PARTNER.toUpperCase())).toBe(true);
    expect(isTrustedWorkspace(policy, 'TEAMS', ELSEWHERE)).toBe(false);
    expect(isTrustedWorkspace(policy, 'TEAMS', 'unknown-tenant')).toBe(false);
  });
  it('checks no Teams tenant when Teams runs without authentication (local testing)', () => {
    expect(isTrustedWorkspace({ ...policy, checkTeamsTenants: false }, 'TEAMS', ELSEWHERE)).toBe(true);
    expect(isTrustedWorkspace({ ...policy, checkTeamsTenants: false }, 'SLACK', 'T0002')).toBe(false);
  });
});

describe.each(STORE_KINDS)('linking and serving only trusted workspaces on %s', (kind) => {
  const store = useTestStore(kind);

  async function setup(): Promise<CoreContext> {
    const ctx = await makeContext(store().prisma, { now: '2026-11-20T15:00:00Z' });
    ctx.trust = trustPolicy({ slackWorkspaces: ['T0001'], teamsTenants: [HOME, PARTNER], checkTeamsTenants: true });
    await addPerson(ctx, { name: 'Cora Coordinator', email: 'coord@example.org', roles: ['COORDINATOR'] });
    return ctx;
  }

  it("refuses someone in another tenant whose profile claims the coordinator's email: no link, audited, a clear answer", async () => {
    const ctx = await setup();
    const user = teamsUser(ELSEWHERE, 'aad-attacker', 'coord@example.org');
    await expect(resolveActor(ctx, user)).rejects.toMatchObject({ code: 'FORBIDDEN', userMessage: expect.stringContaining(`Microsoft tenant (${ELSEWHERE})`) });
    expect(await ctx.db.chatAccount.count()).toBe(0);
    const [event] = await ctx.db.auditEvent.findMany({ where: { action: 'access.untrusted-workspace' } });
    expect(event).toMatchObject({ actorId: null, detail: { platform: 'TEAMS', workspaceId: ELSEWHERE, userId: 'aad-attacker' } });

    // Through the one door adapters use: the export is never reached, and nothing names the coordinator.
    const reply = await runCommand({ ctx, user, conversation: { platform: 'TEAMS', workspaceId: ELSEWHERE, isDirect: true }, requestId: 'teams:1' }, 'mentorship', 'export participants');
    expect(reply.kind).toBe('message');
    expect(JSON.stringify(reply)).toMatch(/does not accept requests from this Microsoft tenant/);
    expect(JSON.stringify(reply)).not.toContain('Cora');
    expect(await ctx.db.auditEvent.count({ where: { action: { startsWith: 'export' } } })).toBe(0);
  });

  it('links the same email from the home tenant and from a listed partner tenant', async () => {
    const ctx = await setup();
    expect((await resolveActor(ctx, teamsUser(HOME, 'aad-coord', 'coord@example.org'))).name).toBe('Cora Coordinator');
    expect((await resolveActor(ctx, teamsUser(PARTNER, 'aad-coord-2', 'coord@example.org'))).roles.has('COORDINATOR')).toBe(true);
    expect(await ctx.db.chatAccount.count()).toBe(2);
  });

  it('does not honour a link made earlier in a workspace that is not trusted, and reports it', async () => {
    const ctx = await setup();
    const person = await ctx.db.person.findUniqueOrThrow({ where: { email: 'coord@example.org' } });
    await ctx.db.chatAccount.create({ data: { platform: 'TEAMS', workspaceId: ELSEWHERE, userId: 'aad-old', personId: person.id } });
    await ctx.db.chatAccount.create({ data: { platform: 'SLACK', workspaceId: 'T0001', userId: 'UCORA', personId: person.id } });
    await expect(resolveActor(ctx, teamsUser(ELSEWHERE, 'aad-old', 'coord@example.org'))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await resolveActor(ctx, { platform: 'SLACK', workspaceId: 'T0001', userId: 'UCORA', lookupProfile: async () => ({}) })).name).toBe('Cora Coordinator');
    await expect(resolveActor(ctx, { platform: 'SLACK', workspaceId: 'T0666', userId: 'UCORA', lookupProfile: async () => ({ email: 'coord@example.org' }) })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await untrustedLinks(ctx)).toEqual([{ platform: 'TEAMS', workspaceId: ELSEWHERE, accounts: 1 }]);
  });

  it('links nothing a directory found, or an installation told, in a workspace or tenant that is not trusted', async () => {
    const ctx = await setup();
    const person = await ctx.db.person.findUniqueOrThrow({ where: { email: 'coord@example.org' } });
    expect(await linkChatAccount(ctx, person.id, { platform: 'TEAMS', workspaceId: ELSEWHERE, userId: 'aad-found' })).toEqual({ linked: false });
    expect(await rememberInstallation(ctx, teamsUser(ELSEWHERE, 'aad-installed', 'coord@example.org'))).toBe(false);
    expect([await ctx.db.chatAccount.count(), await ctx.db.chatInstallation.count()]).toEqual([0, 0]);
    // The same from the home tenant is linked (and remembered).
    expect(await linkChatAccount(ctx, person.id, { platform: 'TEAMS', workspaceId: HOME, userId: 'aad-found' })).toEqual({ linked: true });
    expect(await rememberInstallation(ctx, teamsUser(PARTNER, 'aad-installed', 'someone.new@example.org'))).toBe(true);
  });
});
