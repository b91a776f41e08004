// Whose language: a person's own choice (/language), else their platform's (Slack profile locale, the
// Teams client's), else the program's — and the help in that language, commands written per platform.
import { describe, expect, it } from 'vitest';
import { STORE_KINDS, useTestStore } from '../../support/stores.js';
import { addPerson, makeContext } from '../../support/fixtures.js';
import { englishWords, textsOf } from '../../support/french.js';
import type { PlatformUser } from '../../../src/core/actor.js';
import { helpFor, runCommand } from '../../../src/core/dispatch.js';
import { readerLocale, languageOf } from '../../../src/core/i18n/locale.js';
import { commandsFor } from '../../../src/core/i18n/translate.js';
import type { Reply } from '../../../src/core/ui/reply.js';
import type { Message } from '../../../src/core/ui/message.js';

const TEAM = 'T0001';
const slackUser = (userId: string, profile: { email?: string; locale?: string } = {}): PlatformUser => ({ platform: 'SLACK', workspaceId: TEAM, userId, lookupProfile: async () => profile });
const teamsUser = (userId: string, locale?: string): PlatformUser => ({ platform: 'TEAMS', workspaceId: 'tenant-1', userId, lookupProfile: async () => ({}), ...(locale ? { locale } : {}) });
const textOf = (m: Message): string => textsOf(m).join('\n');
const replyText = (reply: Reply): string => (reply.kind === 'message' ? textOf(reply.message) : reply.kind);

describe('readerLocale', () => {
  it('takes the own choice, else the platform, else the program', () => {
    expect(readerLocale({ chosen: 'fr', platform: 'en-US', program: 'en-CA' })).toBe('fr');
    expect(readerLocale({ chosen: null, platform: 'fr-CA', program: 'en-CA' })).toBe('fr');
    expect(readerLocale({ chosen: null, platform: 'de-DE', program: 'fr-CA' })).toBe('fr');
    expect(readerLocale({ program: 'de-DE' })).toBe('en');
    expect(languageOf('Français')).toBe('fr');
    expect(languageOf('fr_CA')).toBe('fr');
    expect(languageOf('x'.repeat(100_000))).toBeUndefined();
  });
});

describe.each(STORE_KINDS)('/language on %s', (kind) => {
  const store = useTestStore(kind);

  async function setup(programLocale = 'en-CA') {
    const ctx = await makeContext(store().prisma, { locale: programLocale });
    const mina = await addPerson(ctx, { name: 'Mina Mentee', roles: ['MENTEE'], slack: { teamId: TEAM, userId: 'UMINA' } });
    const run = (text: string, user = slackUser('UMINA')) =>
      runCommand({ ctx, user, conversation: { platform: user.platform, workspaceId: user.workspaceId, channelId: 'D1', isDirect: true }, requestId: `r-${text}` }, 'language', text);
    return { ctx, mina, run };
  }

  it('says which language is used and why, and switches to French and back', async () => {
    const { ctx, mina, run } = await setup();
    expect(replyText(await run(''))).toContain('I write to you in English, the program’s language.');
    const french = replyText(await run('fr'));
    expect(french).toContain('je vous écrirai désormais en français');
    expect(englishWords(french)).toEqual([]);
    expect((await ctx.db.person.findUniqueOrThrow({ where: { id: mina.personId } })).language).toBe('fr');
    // Everything after is French: the help too.
    const help = await helpFor({ ctx, user: slackUser('UMINA'), conversation: { platform: 'SLACK', workspaceId: TEAM, isDirect: true } });
    expect(help.blocks[0]).toEqual({ type: 'header', text: 'Commandes du robot de mentorat' });
    expect(replyText(await run(''))).toContain('comme vous l’avez choisi');
    expect(replyText(await run('english'))).toContain('I will write to you in English');
    expect(await ctx.db.auditEvent.count({ where: { action: 'person.language', subjectId: mina.personId } })).toBe(2);
  });

  it('goes back to the platform’s language with auto', async () => {
    const { ctx, mina, run } = await setup();
    await ctx.db.person.update({ where: { id: mina.personId }, data: { locale: 'fr-CA', language: 'en' } });
    const back = replyText(await run('auto'));
    expect(back).toContain('je suivrai de nouveau vos paramètres Slack');
    expect((await ctx.db.person.findUniqueOrThrow({ where: { id: mina.personId } })).language).toBeNull();
  });

  it('refuses an unknown language, naming what it expects, and changes nothing', async () => {
    const { ctx, mina, run } = await setup();
    const refused = commandsFor('SLACK', replyText(await run('deutsch')));
    expect(refused).toContain('I don’t know the language "deutsch": expected en (English) or fr (French)');
    expect(refused).toContain('/language fr');
    expect((await ctx.db.person.findUniqueOrThrow({ where: { id: mina.personId } })).language).toBeNull();
  });

  it('answers in the program’s language someone who has not chosen, and in the Teams client’s when it says one', async () => {
    const { ctx, run } = await setup('fr-CA');
    expect(replyText(await run(''))).toContain('Je vous écris en français, la langue du programme.');
    await addPerson(ctx, { name: 'Tom Teams', roles: ['MENTOR'], teams: { tenantId: 'tenant-1', userId: 'aad-tom' } });
    const tom = teamsUser('aad-tom', 'en-US');
    expect(replyText(await run('', tom))).toContain('I write to you in English, the language of your Microsoft Teams settings.');
    // Kept on the person, so a reminder sent later is in it too.
    expect((await ctx.db.person.findFirstOrThrow({ where: { name: 'Tom Teams' } })).locale).toBe('en-US');
  });

  it('links a Slack user by email with their profile’s locale, and answers them in it', async () => {
    const { ctx } = await setup();
    await ctx.db.person.create({ data: { name: 'Fleur Francophone', email: 'fleur@example.org', enrollments: undefined } });
    const fleur = await ctx.db.person.findUniqueOrThrow({ where: { email: 'fleur@example.org' } });
    await ctx.db.enrollment.create({ data: { programId: ctx.program.id, personId: fleur.id, role: 'MENTOR', startDate: new Date('2026-01-05') } });
    const user = slackUser('UFLEUR', { email: 'fleur@example.org', locale: 'fr-CA' });
    const reply = await runCommand({ ctx, user, conversation: { platform: 'SLACK', workspaceId: TEAM, isDirect: true }, requestId: 'r-f' }, 'language', '');
    expect(replyText(reply)).toContain('Je vous écris en français, la langue de vos paramètres Slack.');
    // Once linked, even a word the bot does not know is answered in her language.
    const unknown = await runCommand({ ctx, user, conversation: { platform: 'SLACK', workspaceId: TEAM, isDirect: true }, requestId: 'r-g' }, 'nonsense', '');
    expect(replyText(unknown)).toContain('Je ne connais pas «\u00A0nonsense\u00A0».');
    expect((await ctx.db.person.findUniqueOrThrow({ where: { id: fleur.id } })).locale).toBe('fr-CA');
  });
});

describe('commands in the help', () => {
  it('are written with a slash in Slack and as the bare word in Teams, in French too', async () => {
    const { helpMessage } = await import('../../../src/core/commands/help.js');
    const slack = textOf(helpMessage('SLACK', 'fr'));
    const teams = textOf(helpMessage('TEAMS', 'fr'));
    expect(slack).toContain('/language — La langue que le robot utilise avec vous');
    expect(teams).toContain('language — La langue que le robot utilise avec vous');
    expect(teams).not.toContain('/language');
  });
});
