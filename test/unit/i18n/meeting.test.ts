// Meetings in two languages in one pair: a French mentee logs by form and by one line and reads it all
// in French; the English mentor is asked to confirm in English and confirms in English; the other way
// round, the French mentee gets the DM to confirm in French and her dispute reaches the mentor in English.
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/core/actor.js';
import type { CoreContext } from '../../../src/core/context.js';
import { AppError } from '../../../src/core/domain/errors.js';
import { meetingActions } from '../../../src/core/actions/meeting.actions.js';
import { meetingCommand } from '../../../src/core/commands/meeting.command.js';
import { buildMeetingForm, meetingForm } from '../../../src/core/forms/meeting.form.js';
import { logMeeting } from '../../../src/core/services/meeting.service.js';
import { meetingStatusMessage } from '../../../src/core/services/meeting-confirm.service.js';
import type { FormView } from '../../../src/core/ui/form.js';
import type { Message } from '../../../src/core/ui/message.js';
import type { Reply } from '../../../src/core/ui/reply.js';
import { actorFor, addPairing, addPerson, makeContext, slackConversation, refusalOf } from '../../support/fixtures.js';
import { englishWords } from '../../support/french.js';
import { STORE_KINDS, useTestStore } from '../../support/stores.js';

const NAMES = ['Morgan Mentor', 'Élise Tremblay'];
const TOPICS = 'Facturation et garde';

/** Every word a message shows: its summary, texts, facts, lists and buttons. */
function wordsOf(m: Message): string {
  const parts = [m.text];
  for (const b of m.blocks) {
    if (b.type === 'text' || b.type === 'context' || b.type === 'header') parts.push(b.text);
    if (b.type === 'facts') for (const f of b.facts) parts.push(f.label, f.value);
    if (b.type === 'list') parts.push(b.title ?? '', ...b.items);
    if (b.type === 'actions') for (const button of b.buttons) parts.push(button.label);
  }
  return parts.join('\n');
}

/** Every word a form shows except its notice: title, button, labels, hints, placeholders, options. */
function wordsOfForm(view: FormView): string {
  const parts = [view.title, view.submitLabel];
  for (const f of view.fields) parts.push(f.label, f.hint ?? '', f.placeholder ?? '', ...(f.options ?? []).map((o) => o.label));
  return parts.join('\n');
}

const messageOf = (reply: Reply): Message => {
  if (reply.kind !== 'message') throw new Error(`expected a message, got ${reply.kind}`);
  return reply.message;
};

const refusal = refusalOf;
describe.each(STORE_KINDS)('meetings in French and English on %s', (kind) => {
  const store = useTestStore(kind);

  async function scene(): Promise<{ ctx: CoreContext; mentor: Actor; mentee: Actor }> {
    const ctx = await makeContext(store().prisma);
    const mentor = await addPerson(ctx, { name: 'Morgan Mentor', roles: ['MENTOR'], slack: { teamId: 'T0001', userId: 'UMENTOR' } });
    const french = await addPerson(ctx, { name: 'Élise Tremblay', email: 'elise@example.org', roles: ['MENTEE'], slack: { teamId: 'T0001', userId: 'UELISE' } });
    await ctx.db.person.update({ where: { id: french.personId }, data: { language: 'fr' } });
    await addPairing(ctx, mentor, french, '2026-01-05');
    const mentee = await actorFor(ctx, french.personId);
    expect(mentee.locale).toBe('fr');
    expect(mentor.locale).toBe('en');
    return { ctx, mentor, mentee };
  }

  const confirmDm = async (ctx: CoreContext, meetingId: string) =>
    (await ctx.db.notification.findUniqueOrThrow({ where: { idempotencyKey: `meeting-confirm:${meetingId}` } })).payload as unknown as Message;
  const press = (ctx: CoreContext, id: string, actor: Actor, value: string) =>
    meetingActions.find((a) => a.id === id)!.run({ ctx, actor, value, requestId: `req-${id}`, conversation: slackConversation() });

  it('a French mentee logs by form: the form, its errors and the reply in French; the English mentor confirms in English', async () => {
    const { ctx, mentor, mentee } = await scene();

    const view = await buildMeetingForm(ctx, mentee, {}, 'req-fr-form');
    expect(view.title).toBe('Consigner une rencontre');
    expect(view.submitLabel).toBe('Enregistrer');
    expect(view.notice).toMatch(/^Rencontre avec Morgan Mentor\. /);
    const labels = Object.fromEntries(view.fields.map((f) => [f.id, f.label]));
    expect(labels).toEqual({
      date: 'Date',
      duration: 'Durée (minutes)',
      format: 'Format',
      topics: 'Sujets abordés',
      roles: 'Rôles CanMEDS abordés',
      notes: 'Notes privées',
      next_steps: 'Prochaines étapes convenues',
      next_meeting: 'Prochaine rencontre',
    });
    expect(view.fields.find((f) => f.id === 'format')?.options?.map((o) => o.label)).toEqual(['En personne', 'Vidéo', 'Téléphone', 'Clavardage']);
    expect(view.fields.find((f) => f.id === 'roles')?.options?.[0]?.label).toBe('Expert en médecine familiale');
    expect(view.fields.find((f) => f.id === 'duration')?.hint).toBe('Entre 5 et 480 minutes, p. ex. 45 ou 1 h 30.');
    expect(englishWords(wordsOfForm(view), NAMES)).toEqual([]);
    // The notice's privacy reminder belongs to the identifier check; the meeting's own words are French.
    expect(englishWords(view.notice!, NAMES)).toEqual([]);
    expect(view.notice).toContain('N’inscrivez aucun renseignement permettant d’identifier un patient');

    // Missing fields: each named in French.
    const invalid = await meetingForm.submit({ ctx, actor: mentee, values: { date: '2026-11-18', format: 'SMOKE_SIGNAL' }, state: view.state, conversation: slackConversation() });
    if (invalid.kind !== 'errors') throw new Error(`expected errors, got ${invalid.kind}`);
    expect(invalid.errors.duration).toBe('La durée manque\u00A0: indiquez-la en minutes, p. ex. 45 ou 1 h 30.');
    expect(invalid.errors.format).toBe('Choisissez le format\u00A0: En personne, Vidéo, Téléphone, Clavardage.');
    expect(englishWords(Object.values(invalid.errors).join('\n'), NAMES)).toEqual([]);

    const done = await meetingForm.submit({
      ctx,
      actor: mentee,
      values: { date: '2026-11-18', duration: '45', format: 'VIDEO', topics: TOPICS, next_meeting: '2026-12-16' },
      state: view.state,
      conversation: slackConversation(),
    });
    if (done.kind !== 'done') throw new Error(`expected done, got ${done.kind}`);
    expect(done.message.text).toBe(`Rencontre enregistrée\u00A0: 18 novembre 2026, 45 min, vidéo\u00A0: ${TOPICS}.`);
    expect(wordsOf(done.message)).toContain('On demande à Morgan Mentor de la confirmer. Je vous enverrai quelques questions de réflexion à son sujet.');
    expect(englishWords(wordsOf(done.message), [...NAMES, TOPICS])).toEqual([]);

    // The DM to the English mentor stays English, buttons included.
    const saved = await ctx.db.meeting.findFirstOrThrow({ where: { menteeId: mentee.personId } });
    const dm = await confirmDm(ctx, saved.id);
    expect(dm.text).toBe('Élise Tremblay logged a meeting with you on 2026-11-18. Is it right?');
    expect(wordsOf(dm)).toContain('Next meeting\n2026-12-16');
    expect(dm.blocks.find((b) => b.type === 'actions')).toMatchObject({ buttons: [{ label: 'Correct' }, { label: 'Not right' }] });

    // The mentor confirms, in English; the mentee's view of it says so in French.
    expect(messageOf(await press(ctx, 'meeting.confirm', mentor, saved.id)).text).toBe('Thanks: the meeting of 2026-11-18 (45 min) is confirmed.');
    const menteeView = await meetingStatusMessage(ctx, mentee, saved.id);
    expect(menteeView.text).toBe('Élise Tremblay a consigné une rencontre le 18 novembre 2026. Confirmée.');
    expect(englishWords(wordsOf(menteeView), [...NAMES, TOPICS])).toEqual([]);
  });

  it('a French mentee logs by one line: the reply and the refusals in French, the DM to the English mentor in English', async () => {
    const { ctx, mentor, mentee } = await scene();
    const run = (text: string, requestId: string) => meetingCommand.run({ ctx, actor: mentee, text, requestId, conversation: slackConversation() });

    const reply = messageOf(await run(`avec <@UMENTOR> 2026-11-19 1h30 ${TOPICS}`, 'req-fr-line'));
    expect(reply.text).toBe(`Rencontre enregistrée\u00A0: 19 novembre 2026, 1 h 30 min, en personne\u00A0: ${TOPICS}.`);
    expect(englishWords(wordsOf(reply), [...NAMES, TOPICS])).toEqual([]);
    const saved = await ctx.db.meeting.findFirstOrThrow({ where: { menteeId: mentee.personId } });
    expect(saved.minutes).toBe(90);
    expect((await confirmDm(ctx, saved.id)).text).toBe('Élise Tremblay logged a meeting with you on 2026-11-19. Is it right?');

    // The mentor presses "Correct" twice: confirmed, then already confirmed.
    expect(messageOf(await press(ctx, 'meeting.confirm', mentor, saved.id)).text).toBe('Thanks: the meeting of 2026-11-19 (1 h 30 min) is confirmed.');
    expect(messageOf(await press(ctx, 'meeting.confirm', mentor, saved.id)).text).toBe('You had already confirmed the meeting of 2026-11-19 (1 h 30 min).');

    const future = await refusal(() => run(`2026-11-25 45m ${TOPICS}`, 'req-fr-future'));
    expect(future.textIn('fr')).toBe(
      'Le 25 novembre 2026 est dans le futur (nous sommes le 20 novembre 2026, fuseau horaire America/Winnipeg)\u00A0: consignez une rencontre une fois qu’elle a eu lieu.',
    );
    const noPerson = await refusal(() => run('avec personne 45m Facturation', 'req-fr-with'));
    expect(noPerson.textIn('fr')).toMatch(/^Après «\u00A0avec\u00A0», mentionnez la personne/);
    const own = await refusal(() => press(ctx, 'meeting.confirm', mentee, saved.id));
    for (const error of [future, noPerson, own]) expect(englishWords(error.textIn('fr'), NAMES)).toEqual([]);
    expect(own.textIn('en')).toBe('You logged this meeting yourself: the other member of your pair confirms it. To change it, edit it.');
  });

  it('an English mentor logs: the French mentee is asked in French, and her dispute reaches the mentor in English', async () => {
    const { ctx, mentor, mentee } = await scene();
    const { meeting } = await logMeeting(ctx, mentor, { date: '2026-11-18', minutes: 45, format: 'PHONE', topics: TOPICS }, 'req-en-log');

    const dm = await confirmDm(ctx, meeting.id);
    expect(dm.text).toBe('Morgan Mentor a consigné une rencontre avec vous le 18 novembre 2026. Est-ce exact\u202F?');
    expect(dm.blocks.find((b) => b.type === 'actions')).toMatchObject({ buttons: [{ label: 'C’est exact' }, { label: 'Ce n’est pas exact' }] });
    expect(englishWords(wordsOf(dm), [...NAMES, TOPICS])).toEqual([]);

    const answer = messageOf(await press(ctx, 'meeting.dispute', mentee, meeting.id));
    expect(answer.text).toMatch(/^C’est noté\u00A0: la rencontre du 18 novembre 2026 est signalée comme inexacte/);
    expect(englishWords(wordsOf(answer), NAMES)).toEqual([]);

    const note = (await ctx.db.notification.findUniqueOrThrow({ where: { idempotencyKey: `meeting-disputed:${meeting.id}` } })).payload as unknown as Message;
    expect(note.text).toBe('Élise Tremblay says the meeting you logged for 2026-11-18 is not right.');
    expect(wordsOf(note)).toContain(`2026-11-18, 45 min, phone: ${TOPICS}`);
  });
});
