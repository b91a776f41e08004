// Core's reach rules on PGlite and PostgreSQL, with a directory written for the test: what an
// installation before enrollment leaves behind (and that erasing the person removes it), and the
// reason given for each way someone cannot be reached.
import { describe, expect, it } from 'vitest';
import type { PlatformUser } from '../../src/core/actor.js';
import type { Directory, DirectoryAnswer } from '../../src/core/directory.js';
import { rememberInstallation } from '../../src/core/services/chat-account.service.js';
import { render, said } from '../../src/core/i18n/translate.js';
import { erasePersonRecords } from '../../src/core/services/person-erase.js';
import { reachPerson } from '../../src/core/services/reach.service.js';
import { addPerson, makeContext } from '../support/fixtures.js';
import { STORE_KINDS, useTestStore } from '../support/stores.js';

const teamsUser = (userId: string, email?: string): PlatformUser => ({
  platform: 'TEAMS',
  workspaceId: 'tenant-1',
  userId,
  lookupProfile: async () => (email ? { email, name: 'Dr Installed' } : {}),
  conversationRef: { serviceUrl: 'https://smba.example/', conversation: { id: `a:${userId}` } },
});

function directory(platform: 'SLACK' | 'TEAMS', answers: Record<string, DirectoryAnswer>): Directory & { asked: string[] } {
  const asked: string[] = [];
  return {
    platform,
    asked,
    findByEmail: async (email) => {
      asked.push(email);
      return answers[email] ?? { kind: 'missing', reason: said('reach.slack.notFound', { subject: email, known: 'yes', workspace: 'T1' }) };
    },
    describe: async () => ({ kind: 'missing', reason: said('reach.teams.notMember') }),
    openDirect: async (account) => ({ kind: 'found', account: { ...account, dmChannelId: `D${account.userId}` } }),
  };
}

describe.each(STORE_KINDS)('reaching people on %s', (kind) => {
  const store = useTestStore(kind);

  it('links an installation made before enrollment, without asking any directory, and forgets it', async () => {
    const ctx = await makeContext(store().prisma);
    expect(await rememberInstallation(ctx, teamsUser('aad-1', 'Early@Example.org'))).toBe(true);
    expect(await rememberInstallation(ctx, teamsUser('aad-2'))).toBe(false); // no email: nothing kept
    const teams = directory('TEAMS', {});
    ctx.directories = [teams];
    const early = await addPerson(ctx, { name: 'Dr Early', email: 'early@example.org' });
    expect(await reachPerson(ctx, early.personId)).toEqual({ kind: 'reachable', platform: 'TEAMS', workspaceId: 'tenant-1', userId: 'aad-1', linkedNow: true });
    expect(teams.asked).toEqual([]);
    expect(await ctx.db.chatInstallation.count()).toBe(0);
    expect(await ctx.db.chatAccount.findFirst({ where: { userId: 'aad-1' } })).toMatchObject({ personId: early.personId, conversationRef: { conversation: { id: 'a:aad-1' } } });
  });

  it('erasing a person also erases an installation remembered under their email', async () => {
    const ctx = await makeContext(store().prisma);
    const person = await addPerson(ctx, { name: 'Dr Gone', email: 'gone@example.org' });
    await rememberInstallation(ctx, teamsUser('aad-gone', 'gone@example.org'));
    expect(await ctx.db.chatInstallation.count()).toBe(1);
    expect(await erasePersonRecords(ctx, person, person.personId, { action: 'person.erase' })).toBe(true);
    expect(await ctx.db.chatInstallation.count()).toBe(0);
  });

  it('an account of theirs once marked unreachable, found again and answering a DM, is usable again (no endless re-asking)', async () => {
    const ctx = await makeContext(store().prisma);
    const person = await addPerson(ctx, { name: 'Dr Back', email: 'back@example.org', slack: { teamId: 'T1', userId: 'UBACK' } });
    await ctx.db.chatAccount.updateMany({ where: { userId: 'UBACK' }, data: { unreachableSince: ctx.clock.now() } });
    const slack = directory('SLACK', { 'back@example.org': { kind: 'found', account: { platform: 'SLACK', workspaceId: 'T1', userId: 'UBACK' } } });
    ctx.directories = [slack];
    expect(await reachPerson(ctx, person.personId)).toMatchObject({ kind: 'reachable', userId: 'UBACK' });
    expect((await ctx.db.chatAccount.findFirstOrThrow({ where: { userId: 'UBACK' } })).unreachableSince).toBeNull();
    // Now usable: the next question needs no directory.
    expect(await reachPerson(ctx, person.personId)).toMatchObject({ kind: 'reachable', userId: 'UBACK', linkedNow: false });
    expect(slack.asked).toEqual(['back@example.org']);
  });

  it('gives the reason and the fix for each way someone cannot be reached', async () => {
    const ctx = await makeContext(store().prisma);
    const noEmail = await ctx.db.person.create({ data: { name: 'Dr No Email' } });
    expect(await reachPerson(ctx, noEmail.id, ['SLACK'])).toEqual({ kind: 'unreachable', reason: said('reach.noEmail') });
    expect(render('en', said('reach.noEmail'))).toBe('no email and no chat account: add their email, or slack_user_id / teams_user_id, to the roster');

    const onTeams = await addPerson(ctx, { name: 'Dr Teams Only', teams: { tenantId: 'tenant-1', userId: 'aad-t' } });
    ctx.directories = [directory('SLACK', {})];
    const reach = await reachPerson(ctx, onTeams.personId, ['SLACK']);
    if (reach.kind !== 'unreachable') throw new Error(`expected unreachable, got ${reach.kind}`);
    // Each reason is said where it is found and joined in the reader's language.
    expect(render('en', reach.reason)).toBe(
      'their Microsoft Teams account aad-t is on a platform this deployment does not run; no Slack member with dr.teams.only@example.org in workspace T1: add slack_user_id to the roster, or invite them to the workspace',
    );
    expect(render('fr', reach.reason)).toBe(
      'son compte Microsoft Teams aad-t est sur une plateforme que ce déploiement n’utilise pas\u202F; aucun membre Slack avec dr.teams.only@example.org dans l’espace de travail T1\u00A0: ajoutez slack_user_id à la liste des participants, ou invitez cette personne dans l’espace de travail',
    );

    const slack = directory('SLACK', {
      'busy@example.org': { kind: 'unavailable', reason: said('reach.slack.rateLimited', { subject: 'busy@example.org' }), retryAfterMs: 30_000 },
      'found@example.org': { kind: 'found', account: { platform: 'SLACK', workspaceId: 'T1', userId: 'UFOUND', name: 'Dr Found', timeZone: 'America/Halifax' } },
    });
    ctx.directories = [slack];
    const busy = await addPerson(ctx, { name: 'Dr Busy', email: 'busy@example.org' });
    expect(await reachPerson(ctx, busy.personId)).toEqual({ kind: 'later', reason: said('reach.slack.rateLimited', { subject: 'busy@example.org' }), retryAfterMs: 30_000 });
    const found = await ctx.db.person.create({ data: { name: 'found', email: 'found@example.org' } });
    expect(await reachPerson(ctx, found.id)).toMatchObject({ kind: 'reachable', userId: 'UFOUND', linkedNow: true });
    expect(await ctx.db.person.findUniqueOrThrow({ where: { id: found.id } })).toMatchObject({ name: 'Dr Found', timeZone: 'America/Halifax' });
    expect(await ctx.db.chatAccount.findFirst({ where: { userId: 'UFOUND' } })).toMatchObject({ dmChannelId: 'DUFOUND' });
  });

  it('keeps as many reasons as a held message can store, the first ones first', async () => {
    const ctx = await makeContext(store().prisma);
    const many = await addPerson(ctx, { name: 'Dr Many Accounts' });
    for (let i = 0; i < 30; i++) {
      await ctx.db.chatAccount.create({ data: { personId: many.personId, platform: 'SLACK', workspaceId: 'T1', userId: `U-MANY-ACCOUNT-${i}`, createdAt: new Date(ctx.clock.now().getTime() + i * 1000), unreachableSince: ctx.clock.now() } });
    }
    const reach = await reachPerson(ctx, many.personId, ['SLACK']);
    if (reach.kind !== 'unreachable') throw new Error(`expected unreachable, got ${reach.kind}`);
    expect(JSON.stringify(reach.reason).length).toBeLessThanOrEqual(900);
    const english = render('en', reach.reason);
    expect(english).toMatch(/^their Slack account U-MANY-ACCOUNT-0 refused direct messages \(is the app installed for them\?\); their Slack account U-MANY-ACCOUNT-1 /);
    expect(english).not.toContain('U-MANY-ACCOUNT-29');
  });
});
