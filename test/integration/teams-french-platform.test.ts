// What the Teams adapter says itself (a late dialog, an out-of-date dialog), for a French reader: from
// the activity's locale before anyone is known, from the person's own choice once they are.
import { describe, expect, it } from 'vitest';
import { addPairing } from '../support/fixtures.js';
import { whileStoreBusy } from '../support/stores.js';
import { cardOf, cardText, invokeActivity, postActivity } from '../support/fake-teams.js';
import { openerData, submitData, TODAY, useTeamsBot, type TeamsBot } from '../fixtures/teams/harness.js';
import { englishWords } from '../support/french.js';

const bot = useTeamsBot();

async function frenchMentor(b: TeamsBot) {
  const mentor = await b.person({ name: 'Dr Maria Mentor', roles: ['MENTOR'], aad: 'aad-mentor' });
  const mentee = await b.person({ name: 'Dr Ade Mentee', roles: ['MENTEE'], aad: 'aad-mentee' });
  await addPairing(b.ctx, mentor, mentee);
  await b.ctx.db.person.update({ where: { id: mentor.personId }, data: { language: 'fr' } });
  return mentor;
}

describe('Teams: the adapter\'s own words in French', () => {
  it('an out-of-date dialog is told in French to a French Teams client', async () => {
    const b = bot();
    const stale = await postActivity(b.app.url, { ...invokeActivity(b.scope('aad-nobody'), 'task/fetch', { data: { verb: 'something-old' } }), locale: 'fr-CA' });
    expect(stale.status).toBe(200);
    const text = JSON.stringify(stale.body);
    expect(text).toContain('Cette fenêtre n’est plus à jour. Tapez de nouveau la commande pour en ouvrir une nouvelle.');
    const english = await postActivity(b.app.url, invokeActivity(b.scope('aad-nobody'), 'task/submit', { data: {} }));
    expect(JSON.stringify(english.body)).toContain('This dialog is out of date');
  });

  it('a late dialog says "saving" in French, and the form comes back with what to fix in French', async () => {
    const b = bot();
    await frenchMentor(b);
    const opener = openerData(await b.say('aad-mentor', 'meeting'));
    expect(opener.view).toMatchObject({ locale: 'fr' });
    const fetched = await b.invoke('aad-mentor', 'task/fetch', opener);
    const values = { ...submitData(fetched.body), date: TODAY, duration: 'longtemps', format: 'VIDEO', topics: 'Facturation' };
    const answered = await whileStoreBusy(b.ctx.db, 'SELECT 1', () => b.invoke('aad-mentor', 'task/submit', values));
    const saving = String((answered.body?.task as { value?: unknown } | undefined)?.value ?? '');
    expect(saving).toMatch(/^Enregistrement… Cela prend plus de temps que d’habitude/);
    expect(englishWords(saving)).toEqual([]);
    const card = await b.teams.waitFor((a) => /Rien n’a encore été enregistré/.test(cardText(cardOf(a))), 20_000);
    const shown = cardText(cardOf(card));
    expect(shown).toContain('Corrigez ceci et soumettez de nouveau\u00A0:');
    expect(shown).toContain('«\u00A0longtemps\u00A0» n’est pas une durée que je comprends');
    const reopen = cardOf(card)!.actions!.find((a) => (a.data as { verb?: string }).verb === 'form')!;
    expect(reopen.title).toMatch(/^Ouvrir\u00A0: /);
    expect(await b.ctx.db.meeting.count()).toBe(0);
  });
});
