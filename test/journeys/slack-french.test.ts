// Issue 19, done when: a whole Slack journey in French — enrol, pair, the meeting form and the
// one-line meeting, the reflection prompt and its answer in the thread, CPD, progress, the digest
// and the completion report in Markdown and HTML — shows no English apart from names and the
// commands' own words; and in the same run the pair's English-speaking mentor gets English.
import { describe, expect, it } from 'vitest';
import { createScheduler } from '../../src/scheduler/index.js';
import { completionReport } from '../../src/core/services/completion-report.service.js';
import { completionReportMarkdown } from '../../src/core/ui/completion-report.render.js';
import { completionReportHtml } from '../../src/cli/report-html.js';
import { actorById } from '../../src/core/services/identity.service.js';
import type { FakeSlackCall } from '../support/fake-slack.js';
import { STORE_KINDS } from '../support/stores.js';
import { englishWords } from '../support/french.js';
import { typed, TEAM_ID } from '../fixtures/slack/payloads.js';
import { TODAY, useSlackBot, type SlackBot } from '../fixtures/slack/harness.js';

/** What a reader sees in a Slack payload: every `text` (messages, blocks, modal labels, buttons). */
function slackTexts(value: unknown, key = ''): string[] {
  if (typeof value === 'string') return key === 'text' ? [value] : [];
  if (Array.isArray(value)) return value.flatMap((v) => slackTexts(v, key));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => slackTexts(v, k));
  return [];
}

const NAMES = ['IMG Mentorship &amp; Clinical Enhancement Program', 'IMG Mentorship & Clinical Enhancement Program', 'Cora Coordonnatrice', 'Max Mentor', 'Mina Mentorée', 'Mentorée', 'Coordonnatrice', 'mina@example.org', 'max@example.org', 'Programme', 'Test Mentorship Program', 'Mainpro+', 'PRA MB-FP', 'PRA-MB-FP'];
/** The words the French reader typed, shown back to her (topics, titles). */
const TYPED = ['Facturation et gardes', 'Préparation de l’examen', 'Club de lecture', 'sepsis'];
const french = (texts: string[]) => englishWords(texts.join('\n'), [...NAMES, ...TYPED]);

describe.each(STORE_KINDS)('a French Slack journey on %s', (store) => {
  const bot = useSlackBot({ store });

  async function people(b: SlackBot) {
    await b.person({ name: 'Cora Coordonnatrice', roles: ['COORDINATOR'], userId: 'UCOORD', language: 'fr' });
    await b.person({ name: 'Max Mentor', email: 'max@example.org', roles: ['MENTOR'], userId: 'UMENTOR', language: 'en' });
    // Mina is not in the store yet: the coordinator enrols her; her Slack profile says fr-CA.
    b.slack.users.set('UMINA', { email: 'mina@example.org', name: 'Mina Mentorée', tz: 'America/Winnipeg', teamId: TEAM_ID, locale: 'fr-CA' });
    b.slack.channels.set('CPRIV', { name: 'coordination', is_private: true });
  }

  const answerOf = async (b: SlackBot, userId: string, command: string, text: string, channelId?: string) =>
    JSON.parse(await b.answer((await b.command(userId, command, text, channelId ? { channelId } : {})).responseId)) as unknown;
  const dmsTo = (b: SlackBot, channel: string): FakeSlackCall[] => b.slack.calls('chat.postMessage').filter((c) => c.args.channel === channel);

  it('speaks French to the French coordinator and mentee, and English to the mentor, from enrolment to the completion report', async () => {
    const b = bot();
    const program = b.ctx.program;
    const programLocale = program.locale;
    program.locale = 'fr-CA'; // the program's language: the digest posted to a channel is in it
    try {
      await people(b);
      const scheduler = createScheduler({ ctx: b.ctx, messengers: b.app.messengers, logger: b.app.logger, plan: false });
      const seen: string[] = [];

      // Enrol and pair, typed in French.
      const enrolled = await answerOf(b, 'UCOORD', '/mentorship', 'inscrire mina@example.org comme mentorée parcours PRA-MB-FP du 2026-01-05');
      expect(slackTexts(enrolled).join(' ')).toContain('Inscription de mina comme mentoré');
      seen.push(...slackTexts(enrolled));
      const paired = await answerOf(b, 'UCOORD', '/mentorship', 'jumeler max@example.org avec mina@example.org du 2026-01-05');
      seen.push(...slackTexts(paired));
      expect(await b.ctx.db.pairing.count()).toBe(1);

      // The meeting form, in French, and saved.
      const { triggerId } = await b.command('UMINA', '/meeting');
      const view = await b.openedView(triggerId);
      seen.push(...slackTexts(view));
      expect(slackTexts(view)).toContain('Enregistrer');
      const submitted = await b.submit('UMINA', view, {
        date: { date: typed.date(TODAY) },
        duration: { duration: typed.text('45 min') },
        format: { format: typed.select('VIDEO') },
        topics: { topics: typed.text('Facturation et gardes') },
      });
      expect(submitted.json).toBeUndefined();
      // The one-line meeting, with French words for the date, the duration and the format.
      const oneLine = await answerOf(b, 'UMINA', '/meeting', 'hier 1 h 30 en personne Préparation de l’examen');
      seen.push(...slackTexts(oneLine));
      const meetings = await b.ctx.db.meeting.findMany({ orderBy: { date: 'asc' } });
      expect(meetings.map((m) => [m.minutes, m.format])).toEqual([[90, 'IN_PERSON'], [45, 'VIDEO']]);

      // The outbox: Mina's confirmations and reflection prompt in French; Max's requests in English.
      await scheduler.tick();
      const toMina = dmsTo(b, 'DUMINA');
      const toMax = dmsTo(b, 'DUMENTOR');
      expect(toMina.length).toBeGreaterThan(0);
      // The introduction to the pair, then the two meetings to confirm: all in Max's English.
      const maxTexts = toMax.map((dm) => slackTexts(dm.args).join(' '));
      expect(maxTexts.filter((text) => /logged a meeting with you on .*Is it right\?/.test(text))).toHaveLength(2);
      for (const text of maxTexts) expect(englishWords(text).length, text).toBeGreaterThan(2);
      seen.push(...toMina.flatMap((dm) => slackTexts(dm.args)));

      // The reflection prompt, answered in its thread.
      const prompt = await b.ctx.db.reflectionPrompt.findFirstOrThrow({ orderBy: { createdAt: 'asc' } });
      const promptDm = await b.ctx.db.notification.findUniqueOrThrow({ where: { idempotencyKey: `reflection-prompt:${prompt.id}` } });
      const ts = promptDm.platformMessageId!;
      await b.event({ type: 'message', channel_type: 'im', channel: 'DUMINA', user: 'UMINA', text: 'Comment réviser une facture.', ts: '1763650100.000001', thread_ts: ts }, { eventId: 'EvFr1' });
      const threadReply = await b.slack.waitFor('chat.postMessage', (c) => c.args.channel === 'DUMINA' && c.args.thread_ts === ts);
      seen.push(...slackTexts(threadReply.args));
      expect((await b.ctx.db.reflectionPrompt.findUniqueOrThrow({ where: { id: prompt.id } })).answers).toEqual({ situation: 'Comment réviser une facture.' });

      // CPD, with the help's French example, and progress.
      const cpd = await answerOf(b, 'UMINA', '/cpd', '2 h certifié "Club de lecture : sepsis"');
      seen.push(...slackTexts(cpd));
      expect(await b.ctx.db.cpdActivity.count()).toBe(1);
      seen.push(...slackTexts(await answerOf(b, 'UMINA', '/progress', '')));

      // The digest channel and the digest, posted in the program's language.
      seen.push(...slackTexts(await answerOf(b, 'UCOORD', '/mentorship', 'canal', 'CPRIV')));
      seen.push(...slackTexts(await answerOf(b, 'UCOORD', '/mentorship', 'sommaire', 'CPRIV')));
      await scheduler.tick();
      const digest = dmsTo(b, 'CPRIV');
      expect(digest).toHaveLength(1);
      seen.push(...slackTexts(digest[0]!.args));

      // The completion report for the French coordinator, in Markdown and HTML.
      const cora = await actorById(b.ctx, (await b.ctx.db.person.findFirstOrThrow({ where: { name: 'Cora Coordonnatrice' } })).id);
      const mina = await b.ctx.db.person.findUniqueOrThrow({ where: { email: 'mina@example.org' } });
      const report = await completionReport(b.ctx, cora, mina.id);
      const markdown = completionReportMarkdown(report);
      const html = completionReportHtml(report).replace(/<(style|script)[\s\S]*?<\/\1>/g, ' ').replace(/<[^>]*>/g, ' ').replace(/&amp;/g, '&').replace(/&[a-z#0-9]+;/g, ' ');
      expect(markdown).toContain('Mina Mentorée');
      expect(completionReportHtml(report)).toContain('lang="fr-CA"');
      seen.push(markdown, html);

      expect(seen.filter((text) => french([text]).length > 0)).toEqual([]);
    } finally {
      program.locale = programLocale;
    }
  });
});
