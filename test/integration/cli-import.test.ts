// import-roster through the CLI's runCli, on PGlite and PostgreSQL: a clean file, a file with bad
// rows (nothing changes), re-import (nothing changes), a corrected file (updates, no duplicates),
// and a dry run (nothing changes).
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/run.js';
import { STORE_KINDS, useTestStore, type TestStore } from '../support/stores.js';
import { TestClock } from '../support/fixtures.js';

const ROSTERS = fileURLToPath(new URL('../fixtures/rosters/', import.meta.url));
const NOW = '2025-12-15T15:00:00Z';

async function cli(store: TestStore, ...argv: string[]) {
  const io = memoryIo({ store, clock: new TestClock(new Date(NOW)), cwd: ROSTERS, env: {} });
  const code = await runCli(argv, io);
  return { code, out: io.out(), err: io.err() };
}

/** Everything an import may touch, so "nothing changed" can be asserted exactly. */
async function snapshot(store: TestStore) {
  const db = store.prisma;
  const [people, enrollments, pairings, accounts, notifications] = await Promise.all([
    db.person.findMany({ orderBy: { email: 'asc' } }),
    db.enrollment.findMany({ orderBy: [{ personId: 'asc' }, { role: 'asc' }] }),
    db.pairing.findMany({ orderBy: { id: 'asc' } }),
    db.chatAccount.findMany({ orderBy: { userId: 'asc' } }),
    db.notification.findMany({ orderBy: { idempotencyKey: 'asc' } }),
  ]);
  return { people, enrollments, pairings, accounts, notifications };
}

async function pairsByEmail(store: TestStore) {
  const rows = await store.prisma.pairing.findMany({ where: { untilDate: null }, include: { mentor: true, mentee: true } });
  return rows.map((p) => `${p.mentor.email} → ${p.mentee.email} from ${p.fromDate.toISOString().slice(0, 10)}`).sort();
}

describe.each(STORE_KINDS)('import-roster on %s', (kind) => {
  const store = useTestStore(kind);

  it('imports a clean file: people, enrollments with pathway defaults, pairs, chat accounts, welcomes', async () => {
    const result = await cli(store(), 'import-roster', 'clean.csv');
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/Imported into .*: 6 created, 0 updated, 0 unchanged, 3 paired\./);

    const db = store().prisma;
    const people = await db.person.findMany({ orderBy: { email: 'asc' } });
    expect(people.map((p) => p.name)).toEqual(['Dr. Amélie Côté', 'José Müller', 'Ola "the new one" Ødegård', "Siobhán O'Brien", 'Nguyễn, Thảo']);
    const jose = await db.enrollment.findFirstOrThrow({ where: { person: { email: 'jose.muller@example.org' } } });
    expect(jose).toMatchObject({ role: 'MENTEE', pathway: 'PRA_MB_SP', cpdSystem: 'MOC' });
    expect(jose.endDate?.toISOString().slice(0, 10)).toBe('2026-12-31');
    // No end in the file: start + the program's 12 months.
    const ola = await db.enrollment.findFirstOrThrow({ where: { person: { email: 'ola.odegard@example.org' } } });
    expect(ola).toMatchObject({ pathway: 'MLPIMG', cpdSystem: 'MAINPRO_PLUS' });
    expect(ola.endDate?.toISOString().slice(0, 10)).toBe('2027-02-01');
    const siobhan = await db.enrollment.findMany({ where: { person: { email: 'siobhan.obrien@example.org' } }, orderBy: { role: 'asc' } });
    expect(siobhan.map((e) => e.role).sort()).toEqual(['COORDINATOR', 'MENTOR']);

    expect(await pairsByEmail(store())).toEqual([
      'amelie.cote@example.org → jose.muller@example.org from 2026-01-05',
      'amelie.cote@example.org → thao.nguyen@example.org from 2026-01-05',
      'siobhan.obrien@example.org → ola.odegard@example.org from 2026-02-02',
    ]);
    const accounts = await db.chatAccount.findMany({ include: { person: true }, orderBy: { userId: 'asc' } });
    expect(accounts.map((a) => `${a.platform} ${a.workspaceId}:${a.userId} ${a.person.email}`)).toEqual([
      'TEAMS 72f988bf-86f1-41af-91ab-2d7cd011db47:29f0d3c4-1b2a-4c5d-8e9f-0a1b2c3d4e5f jose.muller@example.org',
      'SLACK T0001:U0AMELIE amelie.cote@example.org',
      'SLACK T0001:U0THAO thao.nguyen@example.org',
    ]);
    // Core's enroll and pair queued the welcomes and introductions.
    expect(await db.notification.count({ where: { kind: 'welcome' } })).toBe(6);
    // One introduction per pair, addressed to both.
    expect(await db.notification.count({ where: { kind: 'introduction' } })).toBe(3);
    // The import is audited, as the program office from the command line.
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: 'roster.import' } });
    expect(audit.actorId).toBeNull();
    expect(audit.detail).toMatchObject({ via: 'cli', created: 6, paired: 3 });
  });

  it('a file with bad rows changes nothing and names every problem by line and column, in one pass', async () => {
    const before = await snapshot(store());
    const result = await cli(store(), 'import-roster', 'bad.csv');
    expect(result.code).toBe(1);
    expect(result.out).toBe('');
    expect(result.err).toMatch(/bad\.csv: 8 problems; nothing was imported\./);
    // The mentor nobody knows is named with the row's other mistakes, not after they are fixed.
    expect(result.err).toMatch(/line 8, column mentor_email: nobody@example\.org is not a mentor in this file nor an active mentor/);
    expect(result.err).toContain("line 3, column name: the name is missing: expected the person's full name, e.g. Jane Doe");
    expect(result.err).toContain('line 4, column email: "not-an-email" is not an email address');
    expect(result.err).toContain('line 5, column role: "mentr" is not a role: expected mentee, mentor or coordinator');
    expect(result.err).toContain('line 6, column pathway: a mentee needs a pathway');
    expect(result.err).toContain('line 7, column start: "05/01/2026" is not a date written YYYY-MM-DD');
    expect(result.err).toContain('line 7, column end: "2026-02-30" is not a real date');
    expect(result.err).toContain('line 8, column slack_user_id: "U123" has no Slack workspace');
    expect(await snapshot(store())).toEqual(before);
    expect(before.people).toEqual([]);
  });

  it('a roster with five kinds of mistakes lists all of them in one pass', async () => {
    const csv = [
      'name,email,role,pathway,start,end,mentor_email',
      'Sam Lee,sam@example.org,mentor,,2026-01-05,,',
      'Jane Doe,jane@example.org,mentee,FPP,2026-01-05,,sam@example.org', // pathway
      'Ann Roe,ann@example.org,mentee,FP,2026-13-01,,sam@example.org', // date
      'Bo Chan,bo@example.org,mentee,FP,2026-01-05,,sma@example.org', // mistyped mentor email
      'Cy Dee,cy@example,mentee,FP,2026-01-05,,sam@example.org', // email
      'Di Eve,di@example.org,mentee,FP,2026-01-05,,sam@example.org,extra', // one value too many
      'Sam Lee,sam@example.org,mentor,,2026-01-05,,', // the same person twice in one role
    ].join('\n');
    const { writeFile, rm } = await import('node:fs/promises');
    const path = join(tmpdir(), `five-mistakes-${kind}-${process.pid}.csv`);
    await writeFile(path, csv);
    try {
      const result = await cli(store(), 'import-roster', path);
      expect(result.code).toBe(1);
      expect(result.err).toMatch(/: 6 problems; nothing was imported\./);
      expect(result.err).toContain('line 3, column pathway: "FPP" is not a pathway');
      expect(result.err).toContain('line 4, column start: "2026-13-01" is not a real date');
      expect(result.err).toMatch(/line 5, column mentor_email: sma@example\.org is not a mentor in this file/);
      expect(result.err).toContain('line 6, column email: "cy@example" is not an email address');
      expect(result.err).toMatch(/line 7: the row has 8 values but the header 7 columns/);
      expect(result.err).toMatch(/line 8, column email: sam@example\.org is already a mentor on line 2/);
      expect(await store().prisma.person.count()).toBe(0);
    } finally {
      await rm(path);
    }
  });

  it('a mentor named nowhere (not in the file, not in the program) is a problem too, and nothing changes', async () => {
    const csv = 'name,email,role,pathway,mentor_email\nJane Doe,jane@example.org,mentee,FP,nobody@example.org\nSam Lee,sam@example.org,mentor,,\n';
    const { writeFile, rm } = await import('node:fs/promises');
    const path = join(tmpdir(), `unknown-mentor-${kind}-${process.pid}.csv`);
    await writeFile(path, csv);
    try {
      const result = await cli(store(), 'import-roster', path);
      expect(result.code).toBe(1);
      expect(result.err).toMatch(/line 2, column mentor_email: nobody@example\.org is not a mentor in this file nor an active mentor of .*: expected the email of a mentor/);
      expect(await store().prisma.person.count()).toBe(0);
    } finally {
      await rm(path);
    }
  });

  it('importing the same file again changes nothing', async () => {
    expect((await cli(store(), 'import-roster', 'clean.csv')).code).toBe(0);
    const before = await snapshot(store());
    const again = await cli(store(), 'import-roster', 'clean.csv');
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/already up to date \(0 created, 0 updated, 6 unchanged, 0 paired\)/);
    expect(await snapshot(store())).toEqual(before);
  });

  it('a corrected file (semicolons this time) updates in place instead of duplicating', async () => {
    expect((await cli(store(), 'import-roster', 'clean.csv')).code).toBe(0);
    const before = await snapshot(store());
    const result = await cli(store(), 'import-roster', 'corrected.csv', '--verbose');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/0 created, 1 updated, 5 unchanged, 1 paired, 1 pairing ended/);
    expect(result.out).toMatch(/José Müller .*updated .*end 2026-12-31 → 2027-01-04.*no longer paired with Dr\. Amélie Côté.*paired with Siobhán O'Brien/);

    const after = await snapshot(store());
    expect(after.people.map((p) => p.id)).toEqual(before.people.map((p) => p.id));
    expect(after.enrollments.map((e) => e.id)).toEqual(before.enrollments.map((e) => e.id));
    const jose = await store().prisma.enrollment.findFirstOrThrow({ where: { person: { email: 'jose.muller@example.org' } } });
    expect(jose.endDate?.toISOString().slice(0, 10)).toBe('2027-01-04');
    expect(await pairsByEmail(store())).toEqual([
      'amelie.cote@example.org → thao.nguyen@example.org from 2026-01-05',
      'siobhan.obrien@example.org → jose.muller@example.org from 2026-01-05',
      'siobhan.obrien@example.org → ola.odegard@example.org from 2026-02-02',
    ]);
    // The mistaken pairing had no meetings: it is gone, not kept as history.
    expect(await store().prisma.pairing.count()).toBe(3);
    // And the corrected file is now the roster: importing it again changes nothing.
    const again = await cli(store(), 'import-roster', 'corrected.csv');
    expect(again.out).toMatch(/already up to date/);
  });

  it('a dry run reports what would change and changes nothing', async () => {
    const empty = await snapshot(store());
    const dry = await cli(store(), 'import-roster', 'clean.csv', '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.out).toMatch(/Dry run for .*: would be 6 created, 0 updated, 0 unchanged, 3 paired\. Nothing was changed\./);
    expect(dry.out).toMatch(/would be/);
    expect(await snapshot(store())).toEqual(empty);

    expect((await cli(store(), 'import-roster', 'clean.csv')).code).toBe(0);
    const imported = await snapshot(store());
    const dryCorrection = await cli(store(), 'import-roster', 'corrected.csv', '--dry-run');
    expect(dryCorrection.out).toMatch(/would be 0 created, 1 updated, 5 unchanged, 1 paired, 1 pairing ended/);
    expect(await snapshot(store())).toEqual(imported);
  });

  it('a missing file or no file at all is an error on stderr, not a crash', async () => {
    const missing = await cli(store(), 'import-roster', 'no-such-file.csv');
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/Cannot read .*no-such-file\.csv: there is no such file; expected a CSV roster file/);
    const none = await cli(store(), 'import-roster');
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/which file\?/);
  });
});
