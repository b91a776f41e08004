// /mentorship, the roster and the planner for a French reader: French subcommands, French replies and
// errors, a roster's language column, and reminders written in each recipient's own language.
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/core/actor.js';
import type { CoreContext } from '../../../src/core/context.js';
import type { Directory } from '../../../src/core/directory.js';
import { mentorshipCommand } from '../../../src/core/commands/mentorship.command.js';
import { AppError } from '../../../src/core/domain/errors.js';
import { parseMentorshipArgs } from '../../../src/core/domain/parse/parse-mentorship-args.js';
import { zonedDateTimeToInstant } from '../../../src/core/domain/time.js';
import { commandsFor, said } from '../../../src/core/i18n/translate.js';
import { planNotifications } from '../../../src/core/services/planner.service.js';
import { importRoster } from '../../../src/core/services/roster-import.service.js';
import type { Message } from '../../../src/core/ui/message.js';
import type { Reply } from '../../../src/core/ui/reply.js';
import { problemLine, readRosterCsv } from '../../../src/cli/roster-file.js';
import { englishWords } from '../../support/french.js';
import { addPairing, addPerson, makeContext, slackConversation } from '../../support/fixtures.js';
import { STORE_KINDS, useTestStore } from '../../support/stores.js';

const PROGRAM = 'Test Mentorship Program';
const french = (actor: Actor): Actor => ({ ...actor, locale: 'fr' });
const run = (ctx: CoreContext, actor: Actor, text: string) =>
  mentorshipCommand.run({ ctx, actor, text, requestId: `r-${text}`, conversation: slackConversation() });
/** Everything a message says, as Slack shows it. */
const allText = (m: Message): string =>
  commandsFor(
    'SLACK',
    [
      m.text,
      ...m.blocks.map((b) =>
        'text' in b && typeof b.text === 'string' ? b.text : 'items' in b ? [b.title ?? '', ...b.items].join('\n') : 'facts' in b ? b.facts.map((f) => `${f.label}: ${f.value}`).join('\n') : '',
      ),
    ].join('\n'),
  );
const replyText = (reply: Reply): string => (reply.kind === 'message' ? allText(reply.message) : '');
/** A one-line reply's text, as Slack shows it. */
const lineOf = (reply: Reply): string => (reply.kind === 'message' ? commandsFor('SLACK', reply.message.text) : '');
async function refusal(work: Promise<unknown>, locale: 'en' | 'fr' = 'fr'): Promise<string> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return commandsFor('SLACK', (error as AppError).textIn(locale));
}

describe('/mentorship typed in French (no store)', () => {
  const ctx = { today: '2026-11-20', locale: 'fr' as const };

  it('reads the French subcommands and their words', () => {
    expect(parseMentorshipArgs('inscrire jane@example.org comme mentoré parcours PRA-MB-FP du 2026-01-05 au 2026-12-31', ctx)).toEqual({
      sub: 'enroll',
      person: { kind: 'email', email: 'jane@example.org' },
      role: 'MENTEE',
      pathway: 'PRA_MB_FP',
      from: '2026-01-05',
      until: '2026-12-31',
    });
    expect(parseMentorshipArgs('Jumeler <@U1> avec <@U2>', ctx)).toMatchObject({ sub: 'pair' });
    expect(parseMentorshipArgs('déjumeler <@U1> avec <@U2>', ctx)).toMatchObject({ sub: 'unpair' });
    expect(parseMentorshipArgs('dejumeler <@U1> avec <@U2>', ctx)).toMatchObject({ sub: 'unpair' });
    expect(parseMentorshipArgs('canal arrêt', ctx)).toEqual({ sub: 'channel', off: true });
    expect(parseMentorshipArgs('état', ctx)).toEqual({ sub: 'status' });
    expect(parseMentorshipArgs('etat', ctx)).toEqual({ sub: 'status' });
    expect(parseMentorshipArgs('sommaire', ctx)).toEqual({ sub: 'digest' });
    expect(parseMentorshipArgs('exporter rencontres', ctx)).toEqual({ sub: 'export', report: 'meetings' });
    expect(parseMentorshipArgs('retirer jane@example.org comme mentoré', ctx)).toMatchObject({ sub: 'withdraw', role: 'MENTEE' });
    expect(parseMentorshipArgs('terminer jane@example.org', ctx)).toMatchObject({ sub: 'complete' });
    expect(parseMentorshipArgs('effacer jane@example.org', ctx)).toMatchObject({ sub: 'erase' });
    expect(parseMentorshipArgs('aide', ctx)).toEqual({ sub: 'help' });
  });

  it('"mentoré" is a mentee, never a mentor (accents are folded before the role is read)', () => {
    expect(parseMentorshipArgs('inscrire a@b.ca comme mentoré', ctx)).toMatchObject({ role: 'MENTEE' });
    expect(parseMentorshipArgs('inscrire a@b.ca comme coordonnatrice', ctx)).toMatchObject({ role: 'COORDINATOR' });
  });

  it('says what is wrong in French, with a French example', () => {
    const error = (() => {
      try {
        parseMentorshipArgs('inscrire a@b.ca comme patron', ctx);
      } catch (e) {
        return e as AppError;
      }
      throw new Error('no error');
    })();
    const text = commandsFor('SLACK', error.textIn('fr'));
    expect(text).toBe('«\u00A0patron\u00A0» n’est pas un rôle\u00A0: utilisez mentoré, mentor ou coordonnateur, p. ex. /mentorship inscrire @jane comme mentoré parcours PRA-MB-FP du 2026-01-05 au 2026-12-31.');
    expect(englishWords(text, ['@jane'])).toEqual([]);
    const dates = (() => {
      try {
        parseMentorshipArgs('inscrire a@b.ca comme mentoré du 2026-03-01 au 2026-02-01', ctx);
      } catch (e) {
        return commandsFor('SLACK', (e as AppError).textIn('fr'));
      }
      return '';
    })();
    expect(dates).toContain('La date de fin (1 février 2026) précède la date de début (1 mars 2026)');
  });
});

describe.each(STORE_KINDS)('/mentorship, the roster and the planner in French on %s', (kind) => {
  const store = useTestStore(kind);

  async function scene() {
    const ctx = await makeContext(store().prisma);
    const coordinator = french(await addPerson(ctx, { name: 'Claire Tremblay', roles: ['COORDINATOR'] }));
    await ctx.db.person.update({ where: { id: coordinator.personId }, data: { language: 'fr' } });
    return { ctx, coordinator };
  }

  it('help for a French coordinator is in French, and état answers with the status, not the help', async () => {
    const { ctx, coordinator } = await scene();
    const help = replyText(await run(ctx, coordinator, 'aide'));
    expect(help).toContain('Outils du programme de mentorat');
    expect(help).toContain('/mentorship inscrire <personne> comme <mentoré|mentor|coordonnateur>');
    expect(help).toContain('jumeler — jumeler un mentor et un mentoré');
    expect(englishWords(help)).toEqual([]);
    const unknown = lineOf(await run(ctx, coordinator, 'bonjour'));
    expect(unknown).toMatch(/^Je ne connais pas «\u00A0bonjour\u00A0»\./);
    expect(englishWords(unknown)).toEqual([]);
    const status = await run(ctx, coordinator, 'état');
    expect(replyText(status)).not.toContain('Outils du programme de mentorat');
  });

  it('a French coordinator enrolls and pairs with French subcommands and is answered in French', async () => {
    const { ctx, coordinator } = await scene();
    const mentor = await addPerson(ctx, { name: 'Marc Gagnon', email: 'marc@example.org', roles: ['MENTOR'] });
    const enrolled = lineOf(await run(ctx, coordinator, 'inscrire nia@example.org comme mentoré parcours PRA-MB-FP du 2026-01-05 au 2026-12-31'));
    expect(enrolled).toBe('Inscription de nia comme mentoré du 5 janvier 2026 au 31 décembre 2026, parcours PRA MB-FP. Un message de bienvenue lui sera envoyé.');
    expect(englishWords(enrolled, ['nia'])).toEqual([]);
    const nia = await ctx.db.person.findUniqueOrThrow({ where: { email: 'nia@example.org' } });
    expect(await ctx.db.enrollment.findFirstOrThrow({ where: { personId: nia.id } })).toMatchObject({ role: 'MENTEE', pathway: 'PRA_MB_FP' });

    const paired = lineOf(await run(ctx, coordinator, 'jumeler marc@example.org avec nia@example.org'));
    expect(paired).toBe('Jumelage créé\u00A0: Marc Gagnon (mentor) avec nia (mentoré), à partir du 20 novembre 2026. Les deux recevront un message de présentation.');
    expect(englishWords(paired, ['Marc Gagnon', 'nia'])).toEqual([]);
    expect(await ctx.db.pairing.count({ where: { mentorId: mentor.personId, menteeId: nia.id } })).toBe(1);

    // A participant is refused in their own language, before the words are read.
    const refused = await refusal(run(ctx, french(mentor), 'inscrire x@example.org comme mentoré'));
    expect(refused).toBe('Seuls les coordonnateurs du programme peuvent utiliser /mentorship inscrire. Si vous en avez besoin, adressez-vous à la coordination du programme.');
    expect(englishWords(refused)).toEqual([]);
    // The same refusal still reads as before in English.
    expect(await refusal(run(ctx, mentor, 'enroll x@example.org as mentee'), 'en')).toBe(
      'Only coordinators in the program can use /mentorship enroll. If you need this, ask a program coordinator.',
    );
  });

  it('a mention the directory refuses is answered with its reason in French', async () => {
    const { ctx, coordinator } = await scene();
    const slack: Directory = {
      platform: 'SLACK',
      findByEmail: async () => ({ kind: 'missing', reason: said('reach.slack.noMember', { subject: 'nobody' }) }),
      describe: async (userId) => ({ kind: 'missing', reason: said('reach.slack.deactivated', { subject: `<@${userId}>` }) }),
      openDirect: async (account) => ({ kind: 'found', account }),
    };
    const refused = await refusal(run({ ...ctx, directories: [slack] }, coordinator, 'inscrire <@UGONE> comme mentor'));
    expect(refused).toMatch(/^Je n’ai pas pu trouver cette personne\u00A0: <@UGONE> est un membre Slack désactivé\u00A0: réactivez son compte, ou utilisez son compte actuel\. Utilisez plutôt son courriel, p\. ex\. /);
    expect(englishWords(refused)).toEqual([]);
  });

  it('the welcome and the introduction go in each recipient’s own language', async () => {
    const { ctx, coordinator } = await scene();
    const mentor = await addPerson(ctx, { name: 'Marc Gagnon', email: 'marc@example.org', roles: ['MENTOR'] });
    await ctx.db.person.update({ where: { id: mentor.personId }, data: { language: 'fr' } });
    await run(ctx, coordinator, 'inscrire nia@example.org comme mentoré parcours PRA-MB-FP');
    const nia = await ctx.db.person.findUniqueOrThrow({ where: { email: 'nia@example.org' } });
    const welcome = await ctx.db.notification.findFirstOrThrow({ where: { kind: 'welcome', personId: nia.id } });
    // Nia chose nothing and the program is English.
    expect(allText(welcome.payload as unknown as Message)).toContain(`Welcome to ${PROGRAM}, nia: you are enrolled as mentee.`);

    await run(ctx, coordinator, 'jumeler marc@example.org avec nia@example.org');
    const intros = await ctx.db.notification.findMany({ where: { kind: 'introduction' } });
    expect(intros.map((n) => n.personId).sort()).toEqual([mentor.personId, nia.id].sort());
    const toMarc = allText(intros.find((n) => n.personId === mentor.personId)!.payload as unknown as Message);
    const toNia = allText(intros.find((n) => n.personId === nia.id)!.payload as unknown as Message);
    expect(toMarc).toContain('Voici votre partenaire de mentorat');
    expect(englishWords(toMarc, ['Marc Gagnon', 'nia', PROGRAM])).toEqual([]);
    expect(toNia).toContain('Meet your mentorship partner');
  });

  it('a roster file’s language column sets Person.language; a bad value names its line and column, with an example', async () => {
    const { ctx, coordinator } = await scene();
    const csv = [
      'name,email,role,pathway,start,end,mentor_email,slack_user_id,teams_user_id,language',
      'Sam Lee,sam.lee@example.org,mentor,,2026-01-05,,,,,English',
      'Jeanne Roy,jeanne@example.org,mentoré,PRA-MB-FP,2026-01-05,,sam.lee@example.org,,,français',
      'Ana Diaz,ana@example.org,mentee,MLPIMG,2026-01-05,,sam.lee@example.org,,,',
    ].join('\n');
    const file = readRosterCsv(csv);
    expect(file.problems).toEqual([]);
    const result = await importRoster(ctx, coordinator, file.rows);
    expect(result.problems).toEqual([]);
    const languages = Object.fromEntries((await ctx.db.person.findMany({ where: { email: { in: ['sam.lee@example.org', 'jeanne@example.org', 'ana@example.org'] } } })).map((p) => [p.email, p.language]));
    expect(languages).toEqual({ 'sam.lee@example.org': 'en', 'jeanne@example.org': 'fr', 'ana@example.org': null });
    const jeanne = await ctx.db.person.findUniqueOrThrow({ where: { email: 'jeanne@example.org' } });
    expect(await ctx.db.enrollment.findFirstOrThrow({ where: { personId: jeanne.id } })).toMatchObject({ role: 'MENTEE' });

    const bad = readRosterCsv('name,email,role,pathway,language\nPia Ray,pia@example.org,mentor,,klingon\n');
    const checked = await importRoster(ctx, coordinator, bad.rows);
    expect(checked.ok).toBe(false);
    expect(checked.problems).toEqual([expect.objectContaining({ line: 2, column: 'language', value: 'klingon' })]);
    const problem = checked.problems[0]!;
    expect(problemLine('en')(problem)).toBe('line 2, column language: "klingon" is not a language: expected en or fr (English or French; an empty cell leaves the choice to the person), e.g. fr');
    const inFrench = problemLine('fr')(problem);
    expect(inFrench).toBe('ligne 2, colonne language\u00A0: «\u00A0klingon\u00A0» n’est pas une langue\u00A0: en ou fr est attendu (anglais ou français\u202F; une cellule vide laisse le choix à la personne), p. ex. fr');
    expect(englishWords(inFrench)).toEqual([]);
    expect(await ctx.db.person.count({ where: { email: 'pia@example.org' } })).toBe(0);
  });

  it('a French mentee and an English mentor of one pair each get the overdue nudge in their own language, in the same run', async () => {
    const { ctx, coordinator } = await scene();
    const mentor = await addPerson(ctx, { name: 'Sam Lee', roles: ['MENTOR'], slack: { teamId: 'T1', userId: 'USAM' } });
    const mentee = await addPerson(ctx, { name: 'Jeanne Roy', start: '2026-01-05', end: '2026-12-31', slack: { teamId: 'T1', userId: 'UJEANNE' } });
    await ctx.db.person.update({ where: { id: mentee.personId }, data: { language: 'fr' } });
    // Sam's platform says French, but his own choice (English) wins.
    await ctx.db.person.update({ where: { id: mentor.personId }, data: { language: 'en', locale: 'fr-CA' } });
    await addPairing(ctx, mentor, mentee, '2026-02-02');
    await ctx.db.meeting.create({
      data: {
        programId: ctx.program.id,
        pairingId: (await ctx.db.pairing.findFirstOrThrow()).id,
        mentorId: mentor.personId,
        menteeId: mentee.personId,
        loggedById: mentee.personId,
        date: new Date('2026-02-10T00:00:00Z'),
        minutes: 45,
        format: 'VIDEO',
        topics: 'Billing',
        nextMeetingDate: new Date('2026-04-16T00:00:00Z'),
      },
    });
    // 2026-04-15: 64 days since the meeting (over twice the cadence: the coordinator is told too), and the
    // agreed next meeting is tomorrow.
    ctx.clock.set(zonedDateTimeToInstant('2026-04-15', '12:00', 'America/Winnipeg'));
    await planNotifications(ctx);
    const rows = await ctx.db.notification.findMany({ where: { kind: { in: ['cadence-nudge', 'next-meeting', 'escalation'] } } });
    const said = (kind: string, personId: string) => {
      const row = rows.find((r) => r.kind === kind && r.personId === personId);
      expect(row, `${kind} for ${personId}`).toBeDefined();
      return commandsFor('SLACK', (row!.payload as unknown as Message).text);
    };
    const nudgeFr = said('cadence-nudge', mentee.personId);
    const nudgeEn = said('cadence-nudge', mentor.personId);
    expect(nudgeFr).toBe('Cela fait 64 jours depuis votre dernière rencontre de mentorat avec Sam Lee (10 février 2026). Le moment est-il venu de planifier la prochaine\u202F?');
    expect(nudgeEn).toBe('It has been 64 days since your last mentorship meeting with Jeanne Roy (2026-02-10). Time to plan the next one?');
    const reminderFr = said('next-meeting', mentee.personId);
    expect(reminderFr).toBe('Rappel\u00A0: vous avez convenu de rencontrer Sam Lee demain (16 avril 2026).');
    expect(said('next-meeting', mentor.personId)).toBe('Reminder: you agreed to meet Jeanne Roy tomorrow (2026-04-16).');
    const escalation = allText(rows.find((r) => r.kind === 'escalation' && r.personId === coordinator.personId)!.payload as unknown as Message);
    expect(escalation).toContain('Sam Lee (mentor) et Jeanne Roy (mentoré) n’ont eu aucune rencontre depuis 64 jours (dernière\u00A0: 10 février 2026).');
    for (const text of [nudgeFr, reminderFr, escalation]) expect(englishWords(text, ['Sam Lee', 'Jeanne Roy'])).toEqual([]);
  });
});
