// export, report, digest and migrate through runCli on PGlite and PostgreSQL: exports keep private
// meeting notes and unshared reflection answers out, and every export and report is an audit event
// of the program office (actorId null, via 'cli').
import { describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/run.js';
import type { CoreContext } from '../../src/core/context.js';
import { toDbDate } from '../../src/core/services/db-dates.js';
import { STORE_KINDS, useTestStore, type TestStore } from '../support/stores.js';
import { addPairing, addPerson, makeContext, TestClock } from '../support/fixtures.js';

const NOW = '2026-03-02T15:00:00Z';

async function cli(store: TestStore, ...argv: string[]) {
  const io = memoryIo({ store, clock: new TestClock(new Date(NOW)), env: {} });
  const code = await runCli(argv, io);
  return { code, out: io.out(), err: io.err() };
}

/** A pair with a meeting (private notes), one shared and one unshared answered reflection. */
async function scene(ctx: CoreContext) {
  await addPerson(ctx, { name: 'Casey Coordinator', email: 'casey@example.org', roles: ['COORDINATOR'] });
  const mentor = await addPerson(ctx, { name: 'Dr. Sam Lee', email: 'sam.lee@example.org', roles: ['MENTOR'] });
  const mentee = await addPerson(ctx, { name: 'Dr. <script>alert(1)</script> Doe', email: 'jane.doe@example.org', roles: ['MENTEE'] });
  const pairingId = await addPairing(ctx, mentor, mentee, '2026-01-05');
  const base = { programId: ctx.program.id, pairingId, mentorId: mentor.personId, menteeId: mentee.personId, minutes: 45, format: 'VIDEO' as const };
  const m1 = await ctx.db.meeting.create({ data: { ...base, date: toDbDate('2026-01-20'), topics: 'Billing basics', privateNotes: 'PRIVATE-NOTE-XYZ', confirmation: 'CONFIRMED' } });
  const m2 = await ctx.db.meeting.create({ data: { ...base, date: toDbDate('2026-02-17'), topics: 'Difficult conversations', privateNotes: 'PRIVATE-NOTE-XYZ' } });
  const prompt = { programId: ctx.program.id, menteeId: mentee.personId, kind: 'AFTER_MEETING' as const, questions: [], status: 'ANSWERED' as const, dueAt: new Date('2026-02-20T15:00:00Z'), answeredAt: new Date('2026-02-21T15:00:00Z') };
  await ctx.db.reflectionPrompt.create({ data: { ...prompt, meetingId: m1.id, shared: true, answers: { learning: 'SHARED-ANSWER-ABC', next_step: 'Read more' } } });
  await ctx.db.reflectionPrompt.create({ data: { ...prompt, meetingId: m2.id, shared: false, answers: { learning: 'UNSHARED-ANSWER-DEF', next_step: 'Practise' } } });
  return { mentee };
}

describe.each(STORE_KINDS)('export and report commands on %s', (kind) => {
  const store = useTestStore(kind);

  it('exports reflections with shared answers only, and audits the export as the program office', async () => {
    const ctx = await makeContext(store().prisma, { now: NOW });
    await scene(ctx);
    const result = await cli(store(), 'export', 'reflections', '--program', ctx.program.slug, '--format', 'json');
    expect(result.code).toBe(0);
    const rows = JSON.parse(result.out) as Record<string, unknown>[];
    expect(rows).toHaveLength(2);
    expect(result.out).toContain('SHARED-ANSWER-ABC');
    expect(result.out).not.toContain('UNSHARED-ANSWER-DEF');
    expect(result.err).toMatch(/Exported reflections of Test Mentorship Program: 2 rows/);

    const events = await store().prisma.auditEvent.findMany({ where: { action: 'export.reflections' } });
    expect(events).toHaveLength(1);
    expect(events[0]!.actorId).toBeNull();
    expect(events[0]!.programId).toBe(ctx.program.id);
    expect(events[0]!.detail).toMatchObject({ via: 'cli', format: 'json', includeUnsharedAnswers: false });
  });

  it('includes unshared answers only when asked, and the audit event says so', async () => {
    const ctx = await makeContext(store().prisma, { now: NOW });
    await scene(ctx);
    const result = await cli(store(), 'export', 'reflections', '--program', ctx.program.slug, '--include-unshared-answers');
    expect(result.code).toBe(0);
    expect(result.out).toContain('UNSHARED-ANSWER-DEF');
    const event = await store().prisma.auditEvent.findFirstOrThrow({ where: { action: 'export.reflections' } });
    expect(event.detail).toMatchObject({ via: 'cli', includeUnsharedAnswers: true });
  });

  it('exports meetings without private notes, to a file, within the period asked for', async () => {
    const ctx = await makeContext(store().prisma, { now: NOW });
    await scene(ctx);
    const dir = await mkdtemp(join(tmpdir(), 'cli-export-'));
    try {
      const result = await cli(store(), 'export', 'meetings', '--program', ctx.program.slug, '--from', '2026-02-01', '--to', '2026-02-28', '--out', join(dir, 'm.csv'));
      expect(result.code).toBe(0);
      expect(result.out).toMatch(/Exported meetings of Test Mentorship Program \(1 row\) to .*m\.csv/);
      const csv = await readFile(join(dir, 'm.csv'), 'utf8');
      expect(csv).toContain('Difficult conversations');
      expect(csv).not.toContain('Billing basics');
      expect(csv).not.toContain('PRIVATE-NOTE-XYZ');
      const event = await store().prisma.auditEvent.findFirstOrThrow({ where: { action: 'export.meetings' } });
      expect(event).toMatchObject({ actorId: null, detail: expect.objectContaining({ via: 'cli', from: '2026-02-01', to: '2026-02-28', rows: 1 }) });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('exports the program summary with real counts', async () => {
    const ctx = await makeContext(store().prisma, { now: NOW });
    await scene(ctx);
    const result = await cli(store(), 'export', 'summary', '--program', ctx.program.slug);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/meetings,held \(confirmed or awaiting confirmation\),2/);
    expect(result.out).toMatch(/people,mentees active,1/);
  });

  it('refuses a bad period or kind with a usage or input error on stderr', async () => {
    const ctx = await makeContext(store().prisma, { now: NOW });
    const badKind = await cli(store(), 'export', 'secrets');
    expect(badKind.code).toBe(2);
    expect(badKind.err).toMatch(/"secrets" is not an export/);
    const badDate = await cli(store(), 'export', 'meetings', '--program', ctx.program.slug, '--from', '01/02/2026');
    expect(badDate.code).toBe(1);
    expect(badDate.err).toMatch(/--from must be a date as YYYY-MM-DD/);
    const noProgram = await cli(store(), 'export', 'meetings', '--program', 'nope');
    expect(noProgram.code).toBe(1);
    expect(noProgram.err).toMatch(/There is no program "nope"/);
    expect(await store().prisma.auditEvent.count({ where: { action: { startsWith: 'export.' } } })).toBe(0);
  });

  it('renders a completion report as HTML with every value escaped, and audits the view', async () => {
    const ctx = await makeContext(store().prisma, { now: NOW });
    const { mentee } = await scene(ctx);
    const html = await cli(store(), 'report', 'jane.doe@example.org', '--program', ctx.program.slug, '--format', 'html');
    expect(html.code).toBe(0);
    expect(html.out).toMatch(/^<!doctype html>/);
    expect(html.out).toContain('Dr. &lt;script&gt;alert(1)&lt;/script&gt; Doe');
    expect(html.out).not.toContain('<script>');
    expect(html.out).not.toContain('PRIVATE-NOTE-XYZ');
    expect(html.out).not.toContain('SHARED-ANSWER-ABC');
    const event = await store().prisma.auditEvent.findFirstOrThrow({ where: { action: 'report.completion' } });
    expect(event).toMatchObject({ actorId: null, subjectId: mentee.personId, detail: expect.objectContaining({ via: 'cli' }) });

    const md = await cli(store(), 'report', 'jane.doe@example.org', '--program', ctx.program.slug, '--format', 'markdown');
    expect(md.out).toMatch(/^# Completion report: /);
    const text = await cli(store(), 'report', 'jane.doe@example.org', '--program', ctx.program.slug);
    expect(text.out).toMatch(/Meetings +█+░* 2\/10/);
  });

  it('says so when the person is unknown', async () => {
    const ctx = await makeContext(store().prisma, { now: NOW });
    const result = await cli(store(), 'report', 'ghost@example.org', '--program', ctx.program.slug);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/couldn't find ghost@example\.org/);
  });

  it('prints the digest with the numbers in the store, and migrate finds nothing to apply', async () => {
    const ctx = await makeContext(store().prisma, { now: NOW });
    await scene(ctx);
    const digest = await cli(store(), 'digest', '--print', '--program', ctx.program.slug);
    expect(digest.code).toBe(0);
    expect(digest.out).toMatch(/Meetings:\s+2\b/);
    const post = await cli(store(), 'digest', '--post', '--program', ctx.program.slug);
    expect(post.code).toBe(1);
    expect(post.err).toMatch(/no digest channel yet/);
    const migrate = await cli(store(), 'migrate');
    expect(migrate.code).toBe(0);
    expect(migrate.out).toMatch(/Nothing to apply: .* is up to date/);
  });
  it('an export or digest of an empty program names the programs that have data, and says there are no pairs yet', async () => {
    const ctx = await makeContext(store().prisma, { now: NOW });
    await scene(ctx);
    const exported = await cli(store(), 'export', 'participants');
    expect(exported.code).toBe(0);
    expect(exported.err).toMatch(/: 0 rows/);
    expect(exported.err).toContain(`has nobody enrolled yet; the programs with data are "${ctx.program.slug}" (${ctx.program.name}, 3 enrolled): add --program, e.g. npm run cli -- export participants --program ${ctx.program.slug}`);
    const digest = await cli(store(), 'digest', '--print');
    expect(digest.out).toMatch(/No pairs yet/);
    expect(digest.out).not.toMatch(/every pair is on track/);
    expect(digest.err).toContain(`--program ${ctx.program.slug}`);
    // The program with data gets no hint.
    const own = await cli(store(), 'export', 'participants', '--program', ctx.program.slug);
    expect(own.err).not.toMatch(/nobody enrolled/);
  });

  it('--out into a folder that does not exist says which folder, not a bare ENOENT', async () => {
    const ctx = await makeContext(store().prisma, { now: NOW });
    await scene(ctx);
    const path = join(tmpdir(), `no-such-folder-${process.pid}`, 'summary.csv');
    const result = await cli(store(), 'export', 'summary', '--program', ctx.program.slug, '--out', path);
    expect(result.code).toBe(1);
    expect(result.err).toContain(`Cannot write ${path}: the folder ${join(tmpdir(), `no-such-folder-${process.pid}`)} does not exist`);
  });
});
