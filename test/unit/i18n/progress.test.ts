// Progress, the digest and the completion report for French readers: a French mentee's /progress, a
// French mentor's overview, the digest of a program in fr-CA posted in French while an English
// coordinator reads their own in English, and the completion report (Markdown, HTML) in French.
import { describe, expect, it } from 'vitest';
import { STORE_KINDS, useTestStore } from '../../support/stores.js';
import { actorFor, addPairing, addPerson, makeContext, slackConversation } from '../../support/fixtures.js';
import { englishWords } from '../../support/french.js';
import type { CoreContext } from '../../../src/core/context.js';
import type { Actor } from '../../../src/core/actor.js';
import type { Directory } from '../../../src/core/directory.js';
import type { Db } from '../../../src/store/store.js';
import { toDbDate } from '../../../src/core/services/db-dates.js';
import { progressCommand } from '../../../src/core/commands/progress.command.js';
import { buildDigest } from '../../../src/core/services/digest.service.js';
import { heldError } from '../../../src/core/services/held-messages.js';
import { reachPerson } from '../../../src/core/services/reach.service.js';
import { said } from '../../../src/core/i18n/translate.js';
import { digestReply } from '../../../src/core/services/coordinator-replies.service.js';
import { completionReport } from '../../../src/core/services/completion-report.service.js';
import { completionReportMarkdown, completionReportText } from '../../../src/core/ui/completion-report.render.js';
import { completionReportHtml } from '../../../src/cli/report-html.js';
import { ruleSetFor } from '../../../src/core/domain/cpd-rules.js';
import type { Block, Message } from '../../../src/core/ui/message.js';

const NOW = '2026-11-20T15:00:00Z';
const NAMES = ['amina.mentee@example.org', 'Amina Mentee', 'Marcus Mentor', 'Cora Coordinator', 'Élise Coordonnatrice', 'Test Mentorship Program', 'Journal club: sepsis', 'Billing and charting habits'];
/**
 * The rule sets' own words (categories, activity types, units, cycle minimums) belong to the CPD area's
 * catalogue; until they are translated there they are passed through as the rule set names them.
 */
const RULE_SET_WORDS = (['MAINPRO_PLUS', 'MOC'] as const).flatMap((system) => {
  const set = ruleSetFor(system, '2026-11-20');
  return [
    ...set.categories.flatMap((c) => [c.label, ...c.activityTypes.flatMap((t) => [t.label, ...t.unitName])]),
    ...set.cycleMinimums.map((m) => m.label),
  ];
}).sort((a, b) => b.length - a.length);
const ALLOWED = [...NAMES, ...RULE_SET_WORDS];

/** Every word a person sees in a message (not the JSON of its blocks). */
function wordsOf(m: Message): string {
  const out: string[] = [m.text];
  const add = (b: Block) => {
    switch (b.type) {
      case 'header':
      case 'text':
      case 'context':
        out.push(b.text);
        break;
      case 'progress':
        out.push(b.label, b.note ?? '');
        break;
      case 'facts':
        for (const f of b.facts) out.push(f.label, f.value);
        break;
      case 'list':
        out.push(b.title ?? '', ...b.items);
        break;
      case 'actions':
        for (const button of b.buttons) out.push(button.label);
        break;
      case 'divider':
        break;
      default:
        out.push(JSON.stringify(b));
    }
  };
  m.blocks.forEach(add);
  return out.join('\n');
}

const french = async (ctx: CoreContext, actor: Actor): Promise<Actor> => {
  await ctx.db.person.update({ where: { id: actor.personId }, data: { language: 'fr' } });
  return actorFor(ctx, actor.personId);
};

async function seed(db: Db) {
  const ctx = await makeContext(db, { now: NOW });
  const coordinator = await addPerson(ctx, { name: 'Cora Coordinator', roles: ['COORDINATOR'] });
  const mentor = await addPerson(ctx, { name: 'Marcus Mentor', roles: ['MENTOR'] });
  const mentee = await addPerson(ctx, { name: 'Amina Mentee', pathway: 'PRA_MB_FP', start: '2026-01-05' });
  const pairingId = await addPairing(ctx, mentor, mentee, '2026-01-05');
  const base = { programId: ctx.program.id, pairingId, mentorId: mentor.personId, menteeId: mentee.personId, loggedById: mentor.personId, minutes: 45, topics: 'Billing and charting habits', roles: ['COMMUNICATOR' as const] };
  await ctx.db.meeting.create({ data: { ...base, date: toDbDate('2026-09-01'), format: 'VIDEO', confirmation: 'CONFIRMED' } });
  await ctx.db.meeting.create({ data: { ...base, date: toDbDate('2026-10-01'), format: 'IN_PERSON', confirmation: 'PENDING', nextMeetingDate: toDbDate('2026-12-01') } });
  await ctx.db.cpdActivity.create({
    data: { programId: ctx.program.id, personId: mentee.personId, title: 'Journal club: sepsis', date: toDbDate('2026-03-01'), system: 'MAINPRO_PLUS', category: 'CERTIFIED', activityType: 'GROUP_LEARNING', certified: true, hours: 10, credits: 10, roles: ['SCHOLAR'] },
  });
  await ctx.db.reflectionPrompt.create({
    data: {
      programId: ctx.program.id, menteeId: mentee.personId, kind: 'AFTER_MEETING', questions: [], answers: { learning: 'x' }, roles: ['PROFESSIONAL'], outcome: 'CHANGED_PRACTICE',
      shared: true, status: 'ANSWERED', dueAt: new Date('2026-09-02T15:00:00Z'), answeredAt: new Date('2026-09-03T15:00:00Z'),
    },
  });
  await ctx.db.reflectionPrompt.create({
    data: { programId: ctx.program.id, menteeId: mentee.personId, kind: 'AFTER_MEETING', questions: [], roles: [], shared: false, status: 'OPEN', dueAt: new Date('2026-11-01T15:00:00Z') },
  });
  return { ctx, coordinator, mentor, mentee };
}

describe.each(STORE_KINDS)('progress, digest and completion report in French on %s', (kind) => {
  const store = useTestStore(kind);

  it("shows a French mentee their /progress in French, with French dates and what is missing", async () => {
    const { ctx, mentee } = await seed(store().prisma);
    const reader = await french(ctx, mentee);
    expect(reader.locale).toBe('fr');
    const reply = await progressCommand.run({ ctx, actor: reader, text: '', requestId: 'r1', conversation: slackConversation() });
    if (reply.kind !== 'message') throw new Error('expected a message');
    const text = wordsOf(reply.message);
    expect(text).toContain('Votre cheminement');
    expect(text).toContain('Dernière le 1 octobre 2026 (il y a 50 jours)');
    expect(text).toContain('Ce qui manque encore pour l’achèvement');
    expect(text).toContain('Encore 8 rencontres avec le mentor (2 sur 10 faites).');
    expect(text).toContain('Crédits de DPC (Mainpro+)');
    expect(text).toContain('Communicateur');
    expect(text).toContain('1 réflexion à remplir.');
    expect(englishWords(text, ALLOWED)).toEqual([]);
  });

  it("gives a French mentor the overview of their mentees in French", async () => {
    const { ctx, mentor } = await seed(store().prisma);
    const reader = await french(ctx, mentor);
    const reply = await progressCommand.run({ ctx, actor: reader, text: '', requestId: 'r2', conversation: slackConversation() });
    if (reply.kind !== 'message') throw new Error('expected a message');
    const text = wordsOf(reply.message);
    expect(text).toContain('Vos mentorés');
    expect(text).toContain('Amina Mentee — rencontre en retard');
    expect(text).toMatch(/Mois 11 sur 12\s;\sréflexions\s:\s1 remplie, 1 en attente\s;\sil manque \d éléments/);
    expect(englishWords(text, ALLOWED)).toEqual([]);
  });

  it("posts the digest of a fr-CA program in French, while an English coordinator reads theirs in English", async () => {
    const seeded = await seed(store().prisma);
    const ctx: CoreContext = { ...seeded.ctx, program: { ...seeded.ctx.program, locale: 'fr-CA' } };
    await ctx.db.person.update({ where: { id: seeded.coordinator.personId }, data: { language: 'en' } });
    const coordinator = await actorFor(ctx, seeded.coordinator.personId);
    expect(coordinator.locale).toBe('en');
    await ctx.db.programChannel.create({ data: { programId: ctx.program.id, platform: 'SLACK', workspaceId: 'T0001', channelId: 'C0DIGEST' } });

    const posted = await buildDigest(ctx);
    const frText = wordsOf(posted);
    expect(frText).toContain('Sommaire hebdomadaire : Test Mentorship Program, 20 novembre 2026'.replace(' :', '\u00A0:'));
    expect(frText).toContain('Jumelages en retard (1)');
    expect(frText).toContain('Exporter le résumé');
    expect(englishWords(frText, ALLOWED)).toEqual([]);

    const reply = await digestReply(ctx, coordinator, undefined, 'req-digest-1');
    if (reply.kind !== 'message') throw new Error('expected a message');
    const enText = wordsOf(reply.message);
    expect(enText).toContain('Weekly digest: Test Mentorship Program, 2026-11-20');
    expect(enText).toContain('Also posted to the digest channel.');
    expect(enText).not.toContain('Sommaire');
    // What went to the channel is the program's French.
    const queued = await ctx.db.notification.findMany({ where: { programId: ctx.program.id, kind: 'digest' } });
    expect(queued).toHaveLength(1);
    const channelDigest = queued[0]!.payload as unknown as Message;
    expect(channelDigest.text).toMatch(/^Sommaire hebdomadaire/);
    expect(englishWords(wordsOf(channelDigest), ALLOWED)).toEqual([]);
  });

  it('names who cannot be reached in the digest of a fr-CA program, with the reason and its fix in French', async () => {
    const seeded = await seed(store().prisma);
    const ctx: CoreContext = { ...seeded.ctx, program: { ...seeded.ctx.program, locale: 'fr-CA' } };
    const held = async (name: string, lastError: string) => {
      const person = await addPerson(ctx, { name, email: `${name.toLowerCase().replace(/\W+/g, '.')}@example.org` });
      await ctx.db.notification.create({
        data: { programId: ctx.program.id, personId: person.personId, kind: 'welcome', idempotencyKey: `held-${person.personId}`, payload: {}, dueAt: new Date('2026-11-21T15:00:00Z'), lastError },
      });
      return person;
    };
    // Delivery keeps what reachPerson said: a Teams account on a platform that is off, and Slack's directory not finding her.
    const noor = await held('Noor Nowhere', 'UNREACHABLE: ');
    await ctx.db.chatAccount.create({ data: { personId: noor.personId, platform: 'TEAMS', workspaceId: 'tenant-1', userId: 'aad-noor' } });
    const slack: Directory = {
      platform: 'SLACK',
      findByEmail: async (email) => ({ kind: 'missing', reason: said('reach.slack.notFound', { subject: email, known: 'yes', workspace: 'T0001' }) }),
      describe: async () => ({ kind: 'missing', reason: said('reach.slack.noMember', { subject: 'nobody' }) }),
      openDirect: async (account) => ({ kind: 'found', account }),
    };
    const reach = await reachPerson({ ...ctx, directories: [slack] }, noor.personId, ['SLACK']);
    if (reach.kind !== 'unreachable') throw new Error(`expected unreachable, got ${reach.kind}`);
    await ctx.db.notification.updateMany({ where: { personId: noor.personId }, data: { lastError: heldError(reach.reason) } });
    // One cut short (as a cap on the column would): said to be unreadable, not a failed digest.
    await held('Cyril Cut', heldError(said('reach.teams.notKnown', { email: 'cyril.cut@example.org' })).slice(0, 40));

    const text = wordsOf(await buildDigest(ctx));
    expect(text).toContain('Personnes injoignables (2)');
    expect(text).toContain(
      'Noor Nowhere\u00A0: son compte Microsoft Teams aad-noor est sur une plateforme que ce déploiement n’utilise pas\u202F; aucun membre Slack avec noor.nowhere@example.org dans l’espace de travail T0001\u00A0: ajoutez slack_user_id à la liste des participants, ou invitez cette personne dans l’espace de travail (messages en attente depuis le 20 novembre 2026',
    );
    expect(text).toContain('Cyril Cut\u00A0: la raison n’a pas pu être relue\u00A0: npm run cli -- reach la donne de nouveau');
    expect(englishWords(text, [...ALLOWED, 'Noor Nowhere', 'noor.nowhere@example.org', 'Cyril Cut'])).toEqual([]);
  });

  it('writes the completion report in Markdown, text and HTML in French for a French reader', async () => {
    const { ctx, coordinator, mentee } = await seed(store().prisma);
    const reader = await french(ctx, coordinator);
    const report = await completionReport(ctx, reader, mentee.personId);
    expect(report.locale).toBe('fr');

    const md = completionReportMarkdown(report);
    expect(md).toContain('# Rapport d’achèvement\u00A0: Amina Mentee');
    expect(md).toContain('Test Mentorship Program. Produit le 20 novembre 2026.');
    expect(md).toContain('| 1 septembre 2026 | Marcus Mentor | 45 | Vidéo |');
    expect(md).toContain('en attente de confirmation');
    expect(md).toContain('## Ce qui manque');
    expect(md).toContain('Pratique modifiée');
    expect(englishWords(md, ALLOWED)).toEqual([]);

    const text = completionReportText(report);
    expect(text).toContain('Rencontres\u00A0: 2 sur 10');
    expect(englishWords(text, ALLOWED)).toEqual([]);

    const html = completionReportHtml(report, { coordinator: 'Élise Coordonnatrice' });
    expect(html).toContain('<html lang="fr-CA">');
    expect(html).toContain('<title>Rapport d’achèvement\u00A0: Amina Mentee</title>');
    expect(html).toContain('content: "Page " counter(page) " sur " counter(pages);');
    expect(html).toContain('Rythme attendu');
    const visible = html
      .replace(/<style[\s\S]*?<\/style>/g, ' ')
      .replace(/<[^>]+>/g, ' ')
      .replace(/&[a-z#0-9]+;/g, ' ');
    expect(visible).toContain('J’atteste que ce rapport');
    expect(englishWords(visible, ALLOWED)).toEqual([]);
    // The charts' titles, legends and labels are French too (SVG text, part of what is visible).
    expect(visible).toContain('Rencontres pendant l’année du programme (rencontres)');
    expect(visible).toContain('aujourd’hui');
    expect(md).toContain('- 3 septembre 2026\u00A0: Après une rencontre\u202F; Professionnel\u202F; Pratique modifiée');
    expect(md).toContain('1 remplie, 1 en attente.');
    expect(md).not.toContain('\u2060');
  });
});
