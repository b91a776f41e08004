// CPD and the learning plan for a French reader: the one-line /cpd in French words (the help's own
// example), the CPD form and the goal form in French, goals added, listed and reviewed with the
// subcommands' French forms, and refusals written in French. English stays as it was.
import { describe, expect, it } from 'vitest';
import { STORE_KINDS, useTestStore } from '../../support/stores.js';
import { addPairing, addPerson, makeContext, slackConversation } from '../../support/fixtures.js';
import { englishWords } from '../../support/french.js';
import type { Actor } from '../../../src/core/actor.js';
import { cpdCommand } from '../../../src/core/commands/cpd.command.js';
import { goalsCommand } from '../../../src/core/commands/goals.command.js';
import { CPD_RULE_SETS } from '../../../src/core/domain/cpd-rule-sets.js';
import { cpdVocabulary, resolveCpdKind, ruleSetFor } from '../../../src/core/domain/cpd-rules.js';
import { isAppError } from '../../../src/core/domain/errors.js';
import { parseCpdArgs } from '../../../src/core/domain/parse/parse-cpd-args.js';
import { cpdForm } from '../../../src/core/forms/cpd.form.js';
import { goalForm } from '../../../src/core/forms/goal.form.js';
import { commandsFor, render, t } from '../../../src/core/i18n/translate.js';
import { logCpd } from '../../../src/core/services/cpd.service.js';
import { listGoals } from '../../../src/core/services/goal.service.js';
import { requestIdFor } from '../../../src/core/services/request-ids.js';
import type { FormView } from '../../../src/core/ui/form.js';
import type { Message } from '../../../src/core/ui/message.js';

const NOW = '2026-11-20T15:00:00Z';
const TODAY = '2026-11-20';
const NBSP = '\u00A0';
const french = (actor: Actor): Actor => ({ ...actor, locale: 'fr' });

/** Everything a form shows, except the identifiers notice (identifier-check.ts, another area's). */
const formText = (view: FormView): string =>
  [view.title, view.submitLabel, ...view.fields.flatMap((f) => [f.label, f.hint ?? '', f.placeholder ?? '', ...(f.options ?? []).map((o) => o.label)])].join('\n');
/** The words of a message: its text and its blocks' texts, titles and items (not their kinds). */
const messageText = (m: Message): string =>
  [m.text, ...m.blocks.flatMap((b) => Object.entries(b).flatMap(([k, v]) => (k === 'type' ? [] : Array.isArray(v) ? v.map(String) : typeof v === 'string' ? [v] : [])))].join('\n');

/** A refusal as the French reader reads it: its text and each field's problem. */
async function refusalInFrench(attempt: Promise<unknown>): Promise<string[]> {
  try {
    await attempt;
  } catch (e) {
    if (!isAppError(e)) throw e;
    return [e.textIn('fr'), ...Object.values(e.fieldErrorsIn('fr'))];
  }
  throw new Error('expected a refusal');
}

describe('what a French participant types for /cpd', () => {
  const mainpro = { today: '2026-11-25', vocabulary: cpdVocabulary(ruleSetFor('MAINPRO_PLUS', '2026-11-25')) };
  const moc = { today: '2026-11-25', vocabulary: cpdVocabulary(ruleSetFor('MOC', '2026-11-25')) };

  it('the help\'s French example, as a French reader sees it (« guillemets » and all), is a complete line', () => {
    const example = t('fr', 'help.example.cpd');
    expect(example).toContain('«');
    expect(parseCpdArgs(example, mainpro)).toMatchObject({ amount: 2, unit: 'hour', terms: ['certifié'], title: `Club de lecture${NBSP}: sepsis`, complete: true });
    // and as typed on a keyboard without guillemets
    expect(parseCpdArgs('2 h certifié "Club de lecture : sepsis"', mainpro)).toMatchObject({ amount: 2, terms: ['certifié'], title: 'Club de lecture : sepsis', complete: true });
  });

  it('reads certifié with or without its accent, non certifié, heures and the units of items in French', () => {
    expect(parseCpdArgs('2h certifiee Visites', mainpro)).toMatchObject({ amount: 2, terms: ['certifiee'], title: 'Visites' });
    expect(parseCpdArgs('3 heures non certifié Lecture dirigée', mainpro)).toMatchObject({ amount: 3, unit: 'hour', terms: ['non certifié'], title: 'Lecture dirigée', complete: true });
    expect(parseCpdArgs('1 heure 30 groupe Club', mainpro)).toMatchObject({ amount: 1.5, terms: ['groupe'], title: 'Club' });
    expect(parseCpdArgs('4 livres Lectures d’été', moc)).toMatchObject({ amount: 4, unit: 'livres', terms: [], title: 'Lectures d’été', complete: true });
    expect(parseCpdArgs('3 sujets UpToDate sur l’hyponatrémie', moc)).toMatchObject({ amount: 3, unit: 'sujets', complete: true });
    expect(parseCpdArgs('5 articles NEJM', moc)).toMatchObject({ amount: 5, unit: 'articles' });
  });

  it('names the same kinds in French as in English', () => {
    const kind = (set: ReturnType<typeof ruleSetFor>, terms: string[], unit = 'hour') => {
      const k = resolveCpdKind(set, { terms, unit });
      return 'error' in k ? render('en', k.error) : `${k.category.key}/${k.type.key}`;
    };
    const fp = ruleSetFor('MAINPRO_PLUS', '2026-05-01');
    const sp = ruleSetFor('MOC', '2026-05-01');
    expect(kind(fp, ['certifié'])).toBe(kind(fp, ['certified']));
    expect(kind(fp, ['non certifié', 'autodirigé'])).toBe('NON_CERTIFIED/SELF_LEARNING');
    expect(kind(fp, ['évaluation certifiée'])).toBe('CERTIFIED_ASSESSMENT/GROUP_LEARNING');
    expect(kind(sp, [], 'livres')).toBe('SECTION_2/BOOK');
    expect(kind(sp, [], 'sujets')).toBe('SECTION_2/SCANNING_TOPIC');
    expect(kind(sp, ['agréé', 'collectif'])).toBe('SECTION_1/ACCREDITED_GROUP');
    expect(kind(sp, ['rétroaction reçue'])).toBe('SECTION_3/FEEDBACK_RECEIVED');
  });

  it('a word that fits nothing is refused in French, with the college\'s French names', () => {
    const sp = ruleSetFor('MOC', '2026-05-01');
    const k = resolveCpdKind(sp, { terms: ['agréé'], unit: 'hour' }, 'fr');
    expect('error' in k && render('fr', k.error)).toBe(
      `Précisez aussi la section${NBSP}: Section 1${NBSP}: Activités d’apprentissage collectif ou Section 3${NBSP}: Activités d’évaluation.`,
    );
    const none = resolveCpdKind(ruleSetFor('MAINPRO_PLUS', '2026-05-01'), { terms: [], unit: 'livres' }, 'fr');
    expect('error' in none && englishWords(render('fr', none.error), ['Mainpro'])).toEqual([]);
  });

  it('the rule sets keep their English as data, the same as the catalogue\'s', () => {
    for (const set of CPD_RULE_SETS) {
      expect(t('en', set.nameKey)).toBe(set.name);
      for (const m of set.cycleMinimums) expect(t('en', m.labelKey)).toBe(m.label);
      for (const c of set.categories) {
        expect(t('en', c.labelKey)).toBe(c.label);
        for (const type of c.activityTypes) expect(t('en', type.labelKey)).toBe(type.label);
      }
    }
  });
});

describe.each(STORE_KINDS)('CPD and goals in French on %s', (kind) => {
  const store = useTestStore(kind);
  const setup = async () => {
    const ctx = await makeContext(store().prisma, { now: NOW });
    const mentor = await addPerson(ctx, { name: 'Max Mentor', roles: ['MENTOR'] });
    const fp = french(await addPerson(ctx, { name: 'Mireille Mentorée', roles: ['MENTEE'], pathway: 'PRA_MB_FP' }));
    const sp = french(await addPerson(ctx, { name: 'Sami Spécialiste', roles: ['MENTEE'], pathway: 'PRA_MB_SP' }));
    await addPairing(ctx, mentor, fp);
    return { ctx, mentor, fp, sp, conversation: slackConversation() };
  };

  it('a family physician logs the help\'s example by one line and is answered in French', async () => {
    const { ctx, fp, conversation } = await setup();
    const reply = await cpdCommand.run({ ctx, actor: fp, conversation, text: t('fr', 'help.example.cpd'), requestId: 'req-fr-1' });
    expect(reply.kind).toBe('message');
    if (reply.kind !== 'message') return;
    expect(reply.message.text).toBe(
      `Activité consignée le 20 novembre 2026${NBSP}: «${NBSP}Club de lecture${NBSP}: sepsis${NBSP}» — 2${NBSP}h, Mainpro+, Certifié, Apprentissage en groupe — 2 crédits (année de crédits 2026–2027).`,
    );
    expect(englishWords(messageText(reply.message), ['Mainpro'])).toEqual([]);
    expect(await ctx.db.cpdActivity.findFirstOrThrow()).toMatchObject({ category: 'CERTIFIED', activityType: 'GROUP_LEARNING', certified: true });
  });

  it('a specialist logs books and topics in French words and reads the Royal College\'s French sections', async () => {
    const { ctx, sp, conversation } = await setup();
    const books = await cpdCommand.run({ ctx, actor: sp, conversation, text: '1 livre Médecine interne, tome 2', requestId: 'req-fr-2' });
    expect(books.kind === 'message' && books.message.text).toBe(
      `Activité consignée le 20 novembre 2026${NBSP}: «${NBSP}Médecine interne, tome 2${NBSP}» — 1 livre, MDC, Section 2${NBSP}: Apprentissage autodirigé, Lecture d’un livre — 10 crédits (année de crédits 2026).`,
    );
    const topics = await cpdCommand.run({ ctx, actor: sp, conversation, text: '3 sujets UpToDate', requestId: 'req-fr-3' });
    expect(topics.kind === 'message' && topics.message.text).toContain(`3 sujets, MDC, Section 2${NBSP}: Apprentissage autodirigé, Survol d’un sujet`);
    expect(topics.kind === 'message' && topics.message.text).toContain('1,5 crédit ');
    expect(topics.kind === 'message' && englishWords(messageText(topics.message), ['UpToDate'])).toEqual([]);
  });

  it('the CPD form is in French, and a French form is saved', async () => {
    const { ctx, fp, sp, conversation } = await setup();
    const opened = await cpdCommand.run({ ctx, actor: fp, conversation, text: '', requestId: 'req-form' });
    expect(opened.kind).toBe('form');
    if (opened.kind !== 'form') return;
    expect(opened.view.title).toBe('Consigner une activité de DPC');
    expect(opened.view.fields.find((f) => f.id === 'category')?.options?.map((o) => o.label)).toEqual(['Certifié', 'Évaluation certifiée', 'Non certifié']);
    expect(opened.view.fields.find((f) => f.id === 'roles')?.options?.[0]?.label).toBe('Expert en médecine familiale');
    // "Type" is French as well as English (test/support/french.ts counts it as English only).
    expect(englishWords(formText(opened.view), ['Mainpro', 'CanMEDS', 'Type d’activité', 'type d’activité'])).toEqual([]);

    const mocForm = await cpdCommand.run({ ctx, actor: sp, conversation, text: '', requestId: 'req-form-sp' });
    if (mocForm.kind !== 'form') throw new Error('expected the form');
    expect(mocForm.view.fields.find((f) => f.id === 'category')?.options?.map((o) => o.label)).toEqual([
      `Section 1${NBSP}: Activités d’apprentissage collectif`,
      `Section 2${NBSP}: Apprentissage autodirigé`,
      `Section 3${NBSP}: Activités d’évaluation`,
    ]);
    expect(mocForm.view.fields.find((f) => f.id === 'activityType')?.options?.find((o) => o.value === 'JOURNAL_ARTICLE')?.label).toBe(
      `Section 2${NBSP}: Lecture d’un article de revue (1 crédit par article)`,
    );
    expect(englishWords(formText(mocForm.view), ['UpToDate', 'POEM', 'ACLS', 'ATLS', 'CanMEDS', 'Type d’activité', 'type d’activité'])).toEqual([]);

    const state = opened.view.state;
    const values = { title: 'Module sur l’insuline', date: TODAY, system: 'MAINPRO_PLUS', category: 'CERTIFIED', activityType: 'SELF_LEARNING', hours: '1,5', roles: ['SCHOLAR'] };
    const done = await cpdForm.submit({ ctx, actor: fp, values, state, conversation });
    expect(done.kind).toBe('done');
    if (done.kind !== 'done') return;
    expect(done.message.text).toContain(`1,5${NBSP}h, Mainpro+, Certifié, Apprentissage autodirigé — 1,5 crédit (`);
    expect(englishWords(messageText(done.message), ['Mainpro'])).toEqual([]);
  });

  it('a French form with mistakes gets each field\'s problem in French', async () => {
    const { ctx, fp, sp, conversation } = await setup();
    const state = JSON.stringify({ requestId: requestIdFor(ctx, 'cpd', fp.personId, 'req-bad-form') });
    const problems = await refusalInFrench(cpdForm.submit({ ctx, actor: fp, values: { title: 'X', category: 'Section 9', credits: 'beaucoup' }, state, conversation }));
    expect(problems.join('\n')).toContain('Choisissez une catégorie');
    for (const p of problems) expect(englishWords(p, ['Mainpro'])).toEqual([]);
    const service = await refusalInFrench(
      logCpd(ctx, fp, { title: ' ', date: '2026-11-21', category: 'CERTIFIED', activityType: 'GROUP_LEARNING', hours: 0, evidenceUrl: 'fichier.pdf' }, 'req-bad'),
    );
    expect(service.join('\n')).toContain('La date du 21 novembre 2026 est dans l’avenir');
    for (const p of service) expect(englishWords(p, ['Mainpro'])).toEqual([]);
    const nothing = await refusalInFrench(cpdCommand.run({ ctx, actor: sp, conversation, text: '2 balados certifié évaluation Sepsis', requestId: 'req-bad-2' }));
    expect(nothing[0]).toContain('Rien ne correspond à cela selon le Programme MDC renouvelé en 2024');
    for (const p of nothing) expect(englishWords(p)).toEqual([]);
  });

  it('goals: added with "ajouter", listed, and reviewed with atteint, abandonné, en-cours, all in French', async () => {
    const { ctx, fp, conversation } = await setup();
    const base = { ctx, actor: fp, conversation, requestId: 'req-goal' };
    const opened = await goalsCommand.run({ ...base, text: 'ajouter Douleur chronique' });
    expect(opened.kind).toBe('form');
    if (opened.kind !== 'form') return;
    expect(opened.view.title).toBe('Ajouter un objectif d’apprentissage');
    expect(opened.view.fields.find((f) => f.id === 'title')?.initial).toBe('Douleur chronique');
    expect(englishWords(formText(opened.view), ['CanMEDS'])).toEqual([]);
    const added = await goalForm.submit({ ctx, actor: fp, values: { title: 'Douleur chronique', roles: ['MEDICAL_EXPERT'], targetDate: '2027-03-31' }, state: opened.view.state, conversation });
    expect(added.kind === 'done' && added.message.text).toBe(
      `Objectif ajouté au plan d’apprentissage${NBSP}: «${NBSP}Douleur chronique${NBSP}», d’ici le 31 mars 2027. Tapez \u2060/goals pour voir le plan.`,
    );

    const list = await goalsCommand.run({ ...base, text: '' });
    if (list.kind !== 'message') throw new Error('expected the list');
    const shown = commandsFor('SLACK', messageText(list.message));
    expect(shown).toContain(`1. Douleur chronique (En bonne voie · date cible${NBSP}: 31 mars 2027 · Expert en médecine familiale)`);
    expect(shown).toContain('/goals ajouter');
    expect(list.message.text).toBe(`Plan d’apprentissage${NBSP}: 1 objectif`);
    expect(englishWords(shown, ['Douleur'])).toEqual([]);

    for (const [word, status, label] of [['atteint', 'ACHIEVED', 'atteint'], ['abandonné', 'DROPPED', 'abandonné'], ['abandonne', 'DROPPED', 'abandonné'], ['en-cours', 'ON_TRACK', 'en bonne voie'], ['en-bonne-voie', 'ON_TRACK', 'en bonne voie'], ['achieved', 'ACHIEVED', 'atteint']] as const) {
      const reply = await goalsCommand.run({ ...base, text: `${word} 1` });
      expect(reply.kind === 'message' && reply.message.text).toBe(`L’objectif «${NBSP}Douleur chronique${NBSP}» est maintenant${NBSP}: ${label}.`);
      expect((await listGoals(ctx, fp))[0]!.status).toBe(status);
    }
    const misunderstood = await refusalInFrench(goalsCommand.run({ ...base, text: 'fini 1' }));
    expect(misunderstood[0]).toContain('Je n’ai pas compris');
    const missing = await refusalInFrench(goalsCommand.run({ ...base, text: 'atteint 9' }));
    expect(missing[0]).toContain('Il n’y a pas d’objectif 9');
    for (const p of [...misunderstood, ...missing]) expect(englishWords(p)).toEqual([]);
  });

  it('an English reader keeps the English, and the English subcommands', async () => {
    const { ctx, fp, conversation } = await setup();
    const english = { ...fp, locale: 'en' as const };
    const reply = await cpdCommand.run({ ctx, actor: english, conversation, text: '2h certified "Journal club: sepsis"', requestId: 'req-en' });
    expect(reply.kind === 'message' && reply.message.text).toBe('Logged "Journal club: sepsis" on 2026-11-20: 2 h Mainpro+ Certified, Group learning, 2 credits (credit year 2026–2027).');
    const opened = await goalsCommand.run({ ctx, actor: english, conversation, requestId: 'r', text: 'add Pain' });
    expect(opened.kind === 'form' && opened.view.title).toBe('Add a learning goal');
  });
});
