// The demo is built around the today of the clock it is given, so the commands the README suggests
// next (digest, export, report — all on the same clock) tell the story the demo told, and the story
// is the same on any today: only the dates move, each by the same number of days.
import { describe, expect, it } from 'vitest';
import { memoryIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/run.js';
import { addDaysLocal, daysBetween } from '../../src/core/domain/time.js';
import { STORE_KINDS, useTestStore, type TestStore } from '../support/stores.js';
import { TestClock } from '../support/fixtures.js';

const DAHLIA = 'dahlia.demo@demo.example.org';

async function cli(store: TestStore, now: string, ...argv: string[]) {
  const io = memoryIo({ store, clock: new TestClock(new Date(now)), env: {} });
  const code = await runCli(argv, io);
  expect(io.err().replace(/^Exported .*\n/m, '')).toBe('');
  expect(code).toBe(0);
  return io.out();
}

/**
 * Every date written as its distance from today, and every year left (credit years such as
 * "2025–2026" or "MOC 2027") as its distance from today's year, so two todays can be compared.
 */
function relative(text: string, today: string): string {
  const year = Number(today.slice(0, 4));
  return text
    .replace(/\b\d{4}-\d{2}-\d{2}\b/g, (date) => {
      const d = daysBetween(today, date);
      return `today${d < 0 ? '' : '+'}${d}`;
    })
    .replace(/\b(19|20)\d{2}\b/g, (y) => `year${Number(y) - year < 0 ? '' : '+'}${Number(y) - year}`);
}

/** The demo and the commands after it, on one today. */
async function story(store: TestStore, now: string, today: string) {
  await store.reset();
  const demo = await cli(store, now, 'demo');
  const digest = await cli(store, now, 'digest', '--print', '--program', 'demo');
  const summary = await cli(store, now, 'export', 'summary', '--program', 'demo', '--format', 'json');
  const report = await cli(store, now, 'report', DAHLIA, '--program', 'demo', '--format', 'markdown');
  return { demo: relative(demo, today), digest: relative(digest, today), summary: relative(summary, today), report: relative(report, today) };
}

describe.each(STORE_KINDS)('the demo around today on %s', (kind) => {
  const store = useTestStore(kind);

  it('tells the same story in the demo, the digest, the summary and the report, on two different todays', async () => {
    // 10:00 in Winnipeg on a Monday in June 2026 and on a Friday in June 2029. Credit years follow the
    // calendar (Mainpro+ from July 1, MOC from January 1), so the two todays sit at the same place in
    // both (as many days after January 1 and before July 1, no February 29 between): a today in
    // February would rightly tell of a credit year just closed.
    const first = await story(store(), '2026-06-15T15:00:00Z', '2026-06-15');
    const second = await story(store(), '2029-06-15T15:00:00Z', '2029-06-15');
    expect(addDaysLocal('2026-06-15', daysBetween('2026-06-15', '2029-06-15'))).toBe('2029-06-15');

    expect(first.demo).toContain('As of today, today+0');
    // The digest the demo printed is the one `digest --print` prints afterwards.
    expect(first.demo).toContain(first.digest);
    const overdue = /Pairs overdue \((\d+)\)/.exec(first.digest)?.[1];
    expect(overdue).toBe('1');
    expect(first.digest).toMatch(/Dr\. Alder Sample & Dr\. Elm Testwell: \d+ days without a meeting/);
    // Dahlia's reflections: the same in the demo's progress and in her report.
    const inDemo = /Reflections +(\d+ answered, \d+ outstanding)/.exec(first.demo.slice(first.demo.indexOf('Progress of Dr. Dahlia Demo')))?.[1];
    expect(inDemo).toMatch(/answered/);
    expect(first.report).toContain(`${inDemo}.`);
    // The CLI shows no chat buttons it cannot press.
    expect(first.demo).not.toMatch(/Actions: \[/);
    // Some mentees are on track, as the demo's digest says.
    const summary = JSON.parse(first.summary) as { section: string; metric: string; value: unknown }[];
    const onTrack = summary.find((r) => r.metric === 'active mentees on track');
    expect(Number(onTrack?.value)).toBeGreaterThan(0);

    // The same story on the other today, every date moved by the same number of days.
    expect(second).toEqual(first);

    // Meetings agree on different next steps; a specialist's mentor is on the specialist pathway.
    const db = store().prisma;
    const steps = await db.meeting.findMany({ select: { nextSteps: true }, distinct: ['nextSteps'] });
    expect(steps.length).toBeGreaterThan(3);
    const pairs = await db.pairing.findMany({ select: { mentor: { select: { enrollments: { where: { role: 'MENTOR' }, select: { pathway: true } } } }, mentee: { select: { enrollments: { where: { role: 'MENTEE' }, select: { pathway: true } } } } } });
    for (const pair of pairs.filter((p) => p.mentee.enrollments[0]?.pathway === 'PRA_MB_SP')) {
      expect(pair.mentor.enrollments[0]?.pathway).toBe('PRA_MB_SP');
    }
  }, 600_000);
});
