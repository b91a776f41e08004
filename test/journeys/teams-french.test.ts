// Issue 19, done when: a whole Teams journey in French — enrol, pair, the meeting dialog and the
// one-line meeting, the reflection prompt and its answer typed in the chat, CPD, progress, the digest
// and the completion report — shows no English apart from names and the commands' own words; and in
// the same run the pair's English-speaking mentor gets English.
import { describe, expect, it } from 'vitest';
import { createScheduler } from '../../src/scheduler/index.js';
import { COMMANDS } from '../../src/core/commands/index.js';
import { completionReport } from '../../src/core/services/completion-report.service.js';
import { completionReportMarkdown } from '../../src/core/ui/completion-report.render.js';
import { completionReportHtml } from '../../src/cli/report-html.js';
import { actorById } from '../../src/core/services/identity.service.js';
import { messageActivity, postActivity, type RecordedActivity } from '../support/fake-teams.js';
import { STORE_KINDS } from '../support/stores.js';
import { englishWords } from '../support/french.js';
import { CHANNEL, openerData, submitData, TODAY, useTeamsBot, type TeamsBot } from '../fixtures/teams/harness.js';

const SHOWN = new Set(['text', 'title', 'label', 'placeholder', 'errorMessage', 'summary', 'fallbackText']);
/** What a reader sees in a Teams activity or card: texts, titles, labels, placeholders (not data). */
function teamsTexts(value: unknown, key = ''): string[] {
  if (typeof value === 'string') return SHOWN.has(key) ? [value] : [];
  if (Array.isArray(value)) return value.flatMap((v) => teamsTexts(v, key));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => (k === 'data' || k === 'msteams' || k === 'value' && key === 'choices' ? [] : teamsTexts(v, k)));
  return [];
}
const shown = (activities: RecordedActivity[]) => activities.flatMap((a) => teamsTexts(a.body));

const NAMES = ['IMG Mentorship & Clinical Enhancement Program', 'Cora Coordonnatrice', 'Max Mentor', 'Mina Mentorée', 'mina@example.org', 'max@example.org', 'Mainpro+', 'PRA MB-FP', 'PRA-MB-FP', 'Microsoft Teams'];
const TYPED = ['Facturation et gardes', 'Préparation de l’examen', 'Club de lecture', 'sepsis', 'Comment réviser une facture'];
/** Teams users type the commands' own words without a slash: those stay as they are in any language. */
const COMMAND_WORDS = COMMANDS.map((c) => c.teams);
const english = (texts: string[]) => texts.filter((text) => englishWords(text.replace(new RegExp(`\\b(${COMMAND_WORDS.join('|')})\\b`, 'g'), ' '), [...NAMES, ...TYPED]).length > 0);

describe.each(STORE_KINDS)('a French Teams journey on %s', (store) => {
  const bot = useTeamsBot({ store });

  async function people(b: TeamsBot) {
    await b.person({ name: 'Cora Coordonnatrice', roles: ['COORDINATOR'], aad: 'aad-cora', language: 'fr' });
    await b.person({ name: 'Max Mentor', email: 'max@example.org', roles: ['MENTOR'], aad: 'aad-max', language: 'en' });
    // Mina is not in the store yet: the coordinator enrols her, she finds the bot in Teams later.
    b.stranger('aad-mina', 'mina@example.org');
  }

  it('speaks French to the French coordinator and mentee, and English to the mentor, from enrolment to the completion report', async () => {
    const b = bot();
    const program = b.ctx.program;
    const programLocale = program.locale;
    program.locale = 'fr-CA';
    try {
      await people(b);
      const scheduler = createScheduler({ ctx: b.ctx, messengers: b.app.messengers, logger: b.app.logger, plan: false });
      const seen: string[] = [];
      const say = async (aad: string, text: string) => {
        const said = await b.say(aad, text);
        expect(said.status).toBe(200);
        seen.push(...shown(said.posted));
        return said;
      };

      await say('aad-cora', 'mentorship inscrire mina@example.org comme mentorée parcours PRA-MB-FP du 2026-01-05');
      await say('aad-cora', 'mentorship jumeler max@example.org avec mina@example.org du 2026-01-05');
      expect(await b.ctx.db.pairing.count()).toBe(1);
      // Max writes once (his chat is known); Mina chooses French the first time she writes.
      await b.say('aad-max', 'progress');
      const chosen = await say('aad-mina', 'language fr');
      expect(chosen.text).toContain('je vous écrirai désormais en français');

      // The meeting dialog, in French, and saved.
      const opener = await say('aad-mina', 'meeting');
      const fetched = await b.invoke('aad-mina', 'task/fetch', openerData(opener));
      seen.push(...teamsTexts(fetched.body));
      const saved = await b.invoke('aad-mina', 'task/submit', { ...submitData(fetched.body), date: TODAY, duration: '45 min', format: 'VIDEO', topics: 'Facturation et gardes' });
      seen.push(...teamsTexts(saved.body), ...shown(saved.posted));
      // The one-line meeting, with French words.
      await say('aad-mina', 'meeting hier 1 h 30 en personne Préparation de l’examen');
      const meetings = await b.ctx.db.meeting.findMany({ orderBy: { date: 'asc' } });
      expect(meetings.map((m) => [m.minutes, m.format])).toEqual([[90, 'IN_PERSON'], [45, 'VIDEO']]);

      // The outbox: Mina's reflection prompt in French, Max's confirmations in English.
      b.teams.reset();
      await scheduler.tick();
      const toMina = b.teams.activities((a) => a.conversationId === 'a:personal-aad-mina');
      const toMax = b.teams.activities((a) => a.conversationId === 'a:personal-aad-max');
      expect(toMina.length).toBeGreaterThan(0);
      seen.push(...shown(toMina));
      const maxTexts = toMax.map((a) => teamsTexts(a.body).join(' '));
      expect(maxTexts.filter((text) => /logged a meeting with you on .*Is it right\?/.test(text))).toHaveLength(2);

      // The reflection answered by typing in the chat, then CPD and progress.
      await say('aad-mina', 'Comment réviser une facture.');
      const prompts = await b.ctx.db.reflectionPrompt.findMany();
      expect(prompts.map((p) => p.answers).filter(Boolean)).toEqual([{ situation: 'Comment réviser une facture.' }]);
      await say('aad-mina', 'cpd 2 h certifié "Club de lecture : sepsis"');
      expect(await b.ctx.db.cpdActivity.count()).toBe(1);
      await say('aad-mina', 'progress');

      // The digest channel (private) and the digest, posted in the program's language.
      const inChannel = { ...b.scope('aad-cora'), channel: { ...CHANNEL, type: 'private' as const } };
      for (const text of ['mentorship canal', 'mentorship sommaire']) {
        const before = b.teams.activities().length;
        await postActivity(b.app.url, messageActivity(inChannel, text));
        seen.push(...shown(b.teams.activities().slice(before)));
      }
      b.teams.reset();
      await scheduler.tick();
      const digest = b.teams.activities((a) => a.conversationId.startsWith(CHANNEL.channelId));
      expect(digest.length).toBeGreaterThan(0);
      seen.push(...shown(digest));

      // The completion report for the French coordinator, in Markdown and HTML.
      const cora = await actorById(b.ctx, (await b.ctx.db.person.findFirstOrThrow({ where: { name: 'Cora Coordonnatrice' } })).id);
      const mina = await b.ctx.db.person.findUniqueOrThrow({ where: { email: 'mina@example.org' } });
      const report = await completionReport(b.ctx, cora, mina.id);
      const html = completionReportHtml(report);
      expect(html).toContain('lang="fr-CA"');
      seen.push(completionReportMarkdown(report), html.replace(/<(style|script)[\s\S]*?<\/\1>/g, ' ').replace(/<[^>]*>/g, ' ').replace(/&amp;/g, '&').replace(/&[a-z#0-9]+;/g, ' '));

      expect(seen.length).toBeGreaterThan(20);
      expect(english(seen)).toEqual([]);
    } finally {
      program.locale = programLocale;
    }
  });
});
