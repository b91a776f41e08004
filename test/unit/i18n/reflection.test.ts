// Reflections and away periods in French: a francophone mentee is asked, answers (form and thread),
// lists and snoozes in French, and sets an absence in French, while the English mentor of the same pair
// is still answered in English.
import { describe, it, expect } from 'vitest';
import { STORE_KINDS, useTestStore } from '../../support/stores.js';
import { addPairing, addPerson, actorFor, makeContext, slackConversation, refusalOf } from '../../support/fixtures.js';
import { englishWords } from '../../support/french.js';
import type { Actor } from '../../../src/core/actor.js';
import type { CoreContext } from '../../../src/core/context.js';
import { reflectionActions } from '../../../src/core/actions/reflection.actions.js';
import { reminderActions } from '../../../src/core/actions/reminder.actions.js';
import { awayCommand } from '../../../src/core/commands/away.command.js';
import { reflectCommand } from '../../../src/core/commands/reflect.command.js';
import { AppError } from '../../../src/core/domain/errors.js';
import { parseAwayArgs } from '../../../src/core/domain/parse/parse-away-args.js';
import { reflectionForm } from '../../../src/core/forms/reflection.form.js';
import { toDbDate } from '../../../src/core/services/db-dates.js';
import { viewReflection } from '../../../src/core/services/reflection.service.js';
import { openReflectionPrompt } from '../../../src/core/services/reflection-prompts.service.js';
import { answerPromptInThread } from '../../../src/core/services/reflection-reply.service.js';
import type { FormView } from '../../../src/core/ui/form.js';
import type { Message } from '../../../src/core/ui/message.js';
import type { Reply } from '../../../src/core/ui/reply.js';

const NOW = '2026-11-20T15:00:00Z';
const NAMES = ['Mina Mentee', 'Max Mentor', 'CanMEDS', 'Mainpro+'];

/** Every string a person reads in a message or a form (not ids, action names or button values). */
function wordsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(wordsOf);
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, v]) => (['action', 'value', 'type', 'style', 'formId', 'state', 'id', 'kind', 'initial'].includes(key) ? [] : wordsOf(v)));
}
const readable = (value: unknown): string => wordsOf(value).join('\n');
const messageOf = (reply: Reply): Message => {
  if (reply.kind !== 'message') throw new Error(`expected a message, got ${reply.kind}`);
  return reply.message;
};
const formOf = (reply: Reply): FormView => {
  if (reply.kind !== 'form') throw new Error(`expected a form, got ${reply.kind}`);
  return reply.view;
};
const errorOf = refusalOf;
describe.each(STORE_KINDS)('reflections and absences in French on %s', (kind) => {
  const store = useTestStore(kind);

  async function setup() {
    const ctx = await makeContext(store().prisma, { now: NOW });
    const mentor = await addPerson(ctx, { name: 'Max Mentor', roles: ['MENTOR'], slack: { teamId: 'T0001', userId: 'UMENTOR' } });
    const added = await addPerson(ctx, { name: 'Mina Mentee', roles: ['MENTEE'], slack: { teamId: 'T0001', userId: 'UMENTEE' } });
    await ctx.db.person.update({ where: { id: added.personId }, data: { language: 'fr' } });
    const mentee = await actorFor(ctx, added.personId);
    const pairingId = await addPairing(ctx, mentor, mentee);
    return { ctx, mentor, mentee, pairingId };
  }

  async function meetingPrompt(ctx: CoreContext, pairingId: string, mentor: Actor, mentee: Actor, date: string) {
    const meeting = await ctx.db.meeting.create({
      data: { programId: ctx.program.id, pairingId, mentorId: mentor.personId, menteeId: mentee.personId, date: toDbDate(date), minutes: 45, format: 'VIDEO', topics: 'Facturation' },
    });
    return (await openReflectionPrompt(ctx.db, ctx, { menteeId: mentee.personId, kind: 'AFTER_MEETING', meetingId: meeting.id, dueAt: ctx.clock.now() })).id;
  }

  const run = (ctx: CoreContext, actor: Actor, text: string) => ({ ctx, actor, text, requestId: 'req', conversation: slackConversation() });

  it('queues the prompt DM, its questions and its reminders in the mentee’s French', async () => {
    const { ctx, mentor, mentee, pairingId } = await setup();
    expect(mentee.locale).toBe('fr');
    const id = await meetingPrompt(ctx, pairingId, mentor, mentee, '2026-11-19');

    const dm = await ctx.db.notification.findUniqueOrThrow({ where: { idempotencyKey: `reflection-prompt:${id}` } });
    const text = readable(dm.payload);
    expect(text).toContain('C’est le moment d’une courte réflexion sur votre rencontre de mentorat du 19 novembre 2026');
    expect(text).toContain('Répondre maintenant');
    expect(englishWords(text, NAMES)).toEqual([]);

    const reminders = await ctx.db.notification.findMany({ where: { idempotencyKey: { startsWith: `reflection-reminder:${id}:` } } });
    expect(reminders).toHaveLength(2);
    for (const reminder of reminders) {
      const r = readable(reminder.payload);
      expect(r).toContain('Rappel\u00A0: votre réflexion sur votre rencontre de mentorat du 19 novembre 2026 est toujours en attente.');
      expect(r).toContain('Me le rappeler demain');
      expect(englishWords(r, NAMES)).toEqual([]);
    }

    const prompt = await ctx.db.reflectionPrompt.findUniqueOrThrow({ where: { id } });
    const questions = prompt.questions as { id: string; text: string }[];
    expect(questions.map((q) => q.text)).toContain('Quelle est votre prochaine étape, et pour quand\u202F?');
    expect(englishWords(questions.map((q) => q.text).join('\n'), NAMES)).toEqual([]);
  });

  it('the French mentee answers in the form, in French, and the English mentor is refused in English', async () => {
    const { ctx, mentor, mentee, pairingId } = await setup();
    const id = await meetingPrompt(ctx, pairingId, mentor, mentee, '2026-11-19');

    const view = formOf(await reflectionActions[0]!.run({ ctx, actor: mentee, value: id, requestId: 'req', conversation: slackConversation() }));
    const shown = readable(view);
    expect(view.title).toBe('Réflexion');
    expect(shown).toContain('Rôles CanMEDS touchés');
    expect(shown).toContain('Expert en médecine familiale');
    expect(shown).toContain('Connaissances élargies');
    expect(shown).toContain('Au sujet de votre rencontre de mentorat du 19 novembre 2026.');
    expect(englishWords(shown, NAMES)).toEqual([]);

    // Finishing without the required answers: each field's problem, in French.
    const missing = await errorOf(() => reflectionForm.submit({ ctx, actor: mentee, values: { situation: 'Une question de facturation.' }, state: view.state, conversation: slackConversation() }));
    const problems = [missing.textIn('fr'), ...Object.values(missing.fieldErrorsIn('fr'))].join('\n');
    expect(problems).toContain('Veuillez vérifier 2 champs');
    expect(englishWords(problems, NAMES)).toEqual([]);

    const saved = await reflectionForm.submit({
      ctx,
      actor: mentee,
      values: { learning: 'Une révision structurée de la médication.', next_step: 'L’essayer avec deux patients d’ici décembre.', outcome: 'EXPANDED_KNOWLEDGE' },
      state: view.state,
      conversation: slackConversation(),
    });
    expect(saved.kind).toBe('done');
    const thanks = saved.kind === 'done' ? readable(saved.message) : '';
    expect(thanks).toContain('Merci\u00A0: votre réflexion est enregistrée (privée');
    expect(englishWords(thanks, NAMES)).toEqual([]);
    expect((await ctx.db.reflectionPrompt.findUniqueOrThrow({ where: { id } })).status).toBe('ANSWERED');

    // The mentor of the same pair reads English.
    expect(mentor.locale).toBe('en');
    const notShared = await errorOf(() => viewReflection(ctx, mentor, id));
    expect(notShared.textIn(mentor.locale)).toBe('Your mentee has not shared this reflection with you. Reflections stay private unless the mentee shares them.');
    const notMentee = await errorOf(() => reflectCommand.run(run(ctx, mentor, '')));
    expect(notMentee.textIn(mentor.locale)).toMatch(/^Reflections are asked of mentees/);
  });

  it('the French mentee answers in the thread of the DM, one question at a time, in French', async () => {
    const { ctx, mentor, mentee, pairingId } = await setup();
    const id = await meetingPrompt(ctx, pairingId, mentor, mentee, '2026-11-19');
    await ctx.db.notification.update({
      where: { idempotencyKey: `reflection-prompt:${id}` },
      data: { status: 'SENT', platform: 'SLACK', platformMessageId: '1763650000.000100', sentAt: ctx.clock.now() },
    });
    const reply = (text: string) => answerPromptInThread(ctx, mentee, { platform: 'SLACK', threadMessageId: '1763650000.000100', text });

    const first = await reply('Une question sur la déprescription chez les aînés.');
    expect(first.kind).toBe('saved');
    const firstText = first.kind === 'saved' ? readable(first.message) : '';
    expect(firstText).toContain('Question suivante (2 sur 5)\u00A0: Qu’avez-vous appris');
    expect(firstText).toContain('Conservée comme brouillon jusqu’à ce que les 2 questions requises aient une réponse.');
    expect(englishWords(firstText, NAMES)).toEqual([]);

    for (const answer of ['Une révision structurée.', 'Bonne discussion.', 'Cela élargit ma pratique.']) expect((await reply(answer)).kind).toBe('saved');
    const last = await reply('L’essayer d’ici décembre.');
    const lastText = last.kind === 'saved' ? readable(last.message) : '';
    expect(lastText).toContain('Merci\u00A0: votre réflexion est terminée');
    expect(englishWords(lastText, NAMES)).toEqual([]);

    const extra = await reply('Encore une idée.');
    expect(extra.kind).toBe('complete');
    expect(englishWords(extra.kind === 'complete' ? readable(extra.message) : 'missing', NAMES)).toEqual([]);
  });

  it('lists open reflections with “liste”, and snoozes a reminder, in French', async () => {
    const { ctx, mentor, mentee, pairingId } = await setup();
    const id = await meetingPrompt(ctx, pairingId, mentor, mentee, '2026-11-19');
    await meetingPrompt(ctx, pairingId, mentor, mentee, '2026-11-12');

    const list = messageOf(await reflectCommand.run(run(ctx, mentee, 'liste')));
    const listed = readable(list);
    expect(list.text).toBe('Vous avez 2 réflexions en attente.');
    expect(listed).toContain('Réflexion sur votre rencontre de mentorat du 19 novembre 2026');
    expect(englishWords(listed, NAMES)).toEqual([]);

    const bad = await errorOf(() => reflectCommand.run(run(ctx, mentee, 'tout')));
    expect(bad.textIn(mentee.locale)).toContain('reflect liste');
    expect(englishWords(bad.textIn(mentee.locale), NAMES)).toEqual([]);

    const reminder = await ctx.db.notification.findFirstOrThrow({ where: { idempotencyKey: `reflection-reminder:${id}:1` } });
    const snoozed = messageOf(await reminderActions[0]!.run({ ctx, actor: mentee, value: `${reminder.id}:1d`, requestId: 'req', conversation: slackConversation() }));
    expect(snoozed.text).toBe('D’accord, je vous le rappellerai demain (21 novembre 2026) à 09:00.');
    expect(englishWords(snoozed.text, NAMES)).toEqual([]);
  });

  it('sets and ends an absence with /away in French, while the English mentor is answered in English', async () => {
    const { ctx, mentor, mentee } = await setup();

    const set = messageOf(await awayCommand.run(run(ctx, mentee, 'du 2026-12-20 au 2027-01-05')));
    expect(set.text).toContain('Absence du 20 décembre 2026 au 5 janvier 2027\u00A0: aucun rappel avant votre retour.');
    expect(englishWords(set.text, NAMES)).toEqual([]);

    const listed = readable(messageOf(await awayCommand.run(run(ctx, mentee, ''))));
    expect(listed).toContain('Absences prévues\u00A0: du 20 décembre 2026 au 5 janvier 2027.');
    expect(englishWords(listed, NAMES)).toEqual([]);

    const back = messageOf(await awayCommand.run(run(ctx, mentee, 'fin')));
    expect(back.text).toBe('Bon retour\u00A0: les rappels sont de nouveau actifs.');
    expect((await ctx.db.away.count({ where: { personId: mentee.personId } }))).toBe(0);

    const wrong = await errorOf(() => awayCommand.run(run(ctx, mentee, '2026-12-20 2026-12-01')));
    expect(wrong.textIn(mentee.locale)).toContain('La date de fin (1 décembre 2026) précède la date de début (20 décembre 2026)');
    expect(englishWords(wrong.textIn(mentee.locale), NAMES)).toEqual([]);

    const mentorAway = messageOf(await awayCommand.run(run(ctx, mentor, '2026-12-20 2027-01-05')));
    expect(mentorAway.text).toContain('Away from 2026-12-20 to 2027-01-05: no reminders until you are back.');
  });
});

describe('/away in French words', () => {
  const today = { today: '2026-11-25' };
  it('accepts “fin” and “aucune” as well as “off”', () => {
    for (const word of ['fin', 'aucune', 'Fin', 'off']) expect(parseAwayArgs(word, today)).toEqual({ off: true });
  });
  it('reads “du … au …”, “… à …” and “jusqu’au …”', () => {
    expect(parseAwayArgs('du 2026-12-20 au 2027-01-05', today)).toEqual({ from: '2026-12-20', until: '2027-01-05' });
    expect(parseAwayArgs('2026-12-20 à 2027-01-05', today)).toEqual({ from: '2026-12-20', until: '2027-01-05' });
    expect(parseAwayArgs('jusqu’au 2026-12-01', today)).toEqual({ from: '2026-11-25', until: '2026-12-01' });
  });
  it('reads the French example the help and the errors show, with French month names', () => {
    expect(parseAwayArgs('du 20 déc. au 5 janv.', today)).toEqual({ from: '2026-12-20', until: '2027-01-05' });
    expect(parseAwayArgs('du 20 décembre au 5 janvier', today)).toEqual({ from: '2026-12-20', until: '2027-01-05' });
  });
});
