// The migration cpd_rule_sets maps CPD activities logged under the old grid (Group / Self /
// Assessment × certified) to the colleges' 2024 categories and activity types, on both stores,
// keeping every activity, its hours and credits, and the old cell; one audit event per program says
// what went where.
import { describe, it, expect } from 'vitest';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { MIGRATIONS_DIR } from '../../src/store/migrations.js';
import { createDatabase, skipWithoutPostgres, STORE_KINDS } from '../support/stores.js';

const MIGRATION = '20261130212551_cpd_rule_sets';

interface Sql {
  exec(sql: string): Promise<void>;
  rows<T>(sql: string): Promise<T[]>;
  close(): Promise<void>;
}

async function openSql(kind: (typeof STORE_KINDS)[number]): Promise<Sql> {
  if (kind === 'pglite') {
    const db = new PGlite();
    return {
      exec: async (sql) => void (await db.exec(sql)),
      rows: async <T>(sql: string) => (await db.query<T>(sql)).rows,
      close: () => db.close(),
    };
  }
  const database = await createDatabase('mb_migration');
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  return {
    exec: async (sql) => void (await client.query(sql)),
    rows: async <T>(sql: string) => (await client.query(sql)).rows as T[],
    close: async () => {
      await client.end();
      await database.drop();
    },
  };
}

const OLD_ROWS: [id: string, system: string, category: string, certified: boolean, hours: number, credits: number][] = [
  ['mp-group-cert', 'MAINPRO_PLUS', 'GROUP_LEARNING', true, 2, 2],
  ['mp-self-cert', 'MAINPRO_PLUS', 'SELF_LEARNING', true, 1.5, 1.5],
  ['mp-assess-cert', 'MAINPRO_PLUS', 'ASSESSMENT', true, 1, 3],
  ['mp-self-noncert', 'MAINPRO_PLUS', 'SELF_LEARNING', false, 2, 2],
  ['moc-group-acc', 'MOC', 'GROUP_LEARNING', true, 2, 2],
  ['moc-group-unacc', 'MOC', 'GROUP_LEARNING', false, 10, 5],
  ['moc-self-ticked', 'MOC', 'SELF_LEARNING', true, 3, 6],
  ['moc-assess-acc', 'MOC', 'ASSESSMENT', true, 1, 3],
  ['moc-assess', 'MOC', 'ASSESSMENT', false, 2, 6],
];

describe.each(STORE_KINDS)('migration cpd_rule_sets on %s', (kind) => {
  if (kind === 'postgresql') skipWithoutPostgres();
  it('maps every old activity to the new categories, keeps its hours, credits and old cell, and audits what it did', async () => {
    const sql = await openSql(kind);
    try {
      const names = (await readdir(MIGRATIONS_DIR)).filter((n) => /^\d{14}_/.test(n)).sort();
      const before = names.slice(0, names.indexOf(MIGRATION));
      for (const name of before) await sql.exec(await readFile(join(MIGRATIONS_DIR, name, 'migration.sql'), 'utf8'));
      await sql.exec(`INSERT INTO "Program" (id, slug, name, "updatedAt") VALUES ('p1', 'p1', 'Program', '2026-01-01'), ('p2', 'p2', 'Other', '2026-01-01');
        INSERT INTO "Person" (id, name, "updatedAt") VALUES ('a', 'A', '2026-01-01');`);
      for (const [id, system, category, certified, hours, credits] of OLD_ROWS) {
        await sql.exec(`INSERT INTO "CpdActivity" (id, "programId", "personId", title, date, system, category, certified, hours, credits, "updatedAt")
          VALUES ('${id}', 'p1', 'a', 'Title ${id}', '2024-06-01', '${system}', '${category}', ${certified}, ${hours}, ${credits}, '2024-06-01')`);
      }

      await sql.exec(await readFile(join(MIGRATIONS_DIR, MIGRATION, 'migration.sql'), 'utf8'));

      const rows = await sql.rows<{ id: string; category: string; activityType: string; certified: boolean; hours: string; units: string | null; credits: string; legacyCategory: string; title: string }>(
        'SELECT id, category, "activityType", certified, hours::text AS hours, units::text AS units, credits::text AS credits, "legacyCategory", title FROM "CpdActivity" ORDER BY id',
      );
      const byId = Object.fromEntries(rows.map((r) => [r.id, r]));
      expect(rows).toHaveLength(OLD_ROWS.length);
      const mapped = (id: string) => [byId[id]!.category, byId[id]!.activityType, byId[id]!.certified, byId[id]!.legacyCategory];
      expect(mapped('mp-group-cert')).toEqual(['CERTIFIED', 'GROUP_LEARNING', true, 'GROUP_LEARNING certified']);
      expect(mapped('mp-self-cert')).toEqual(['CERTIFIED', 'SELF_LEARNING', true, 'SELF_LEARNING certified']);
      expect(mapped('mp-assess-cert')).toEqual(['CERTIFIED_ASSESSMENT', 'ASSESSMENT', true, 'ASSESSMENT certified']);
      expect(mapped('mp-self-noncert')).toEqual(['NON_CERTIFIED', 'SELF_LEARNING', false, 'SELF_LEARNING']);
      expect(mapped('moc-group-acc')).toEqual(['SECTION_1', 'ACCREDITED_GROUP', true, 'GROUP_LEARNING certified']);
      expect(mapped('moc-group-unacc')).toEqual(['SECTION_1', 'UNACCREDITED_GROUP', false, 'GROUP_LEARNING']);
      // Section 2 is never accredited: the old tick is kept in legacyCategory only.
      expect(mapped('moc-self-ticked')).toEqual(['SECTION_2', 'PERSONAL_LEARNING_PROJECT', false, 'SELF_LEARNING certified']);
      expect(mapped('moc-assess-acc')).toEqual(['SECTION_3', 'KNOWLEDGE_ASSESSMENT', true, 'ASSESSMENT certified']);
      expect(mapped('moc-assess')).toEqual(['SECTION_3', 'PERFORMANCE_ASSESSMENT', false, 'ASSESSMENT']);
      // Old activities keep their hours and credits.
      for (const [id, , , , hours, credits] of OLD_ROWS) {
        expect([Number(byId[id]!.hours), Number(byId[id]!.credits), byId[id]!.units, byId[id]!.title]).toEqual([hours, credits, null, `Title ${id}`]);
      }

      const audit = await sql.rows<{ programId: string; action: string; detail: { migration: string; activities: number; mapped: Record<string, number> } }>(
        'SELECT "programId", action, detail FROM "AuditEvent"',
      );
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ programId: 'p1', action: 'cpd.rules-migrated', detail: { migration: MIGRATION, activities: OLD_ROWS.length } });
      expect(audit[0]!.detail.mapped).toMatchObject({
        'MAINPRO_PLUS ASSESSMENT certified -> CERTIFIED_ASSESSMENT / ASSESSMENT': 1,
        'MOC GROUP_LEARNING -> SECTION_1 / UNACCREDITED_GROUP': 1,
      });
      // The enum type is gone: a category is now the rule set's key.
      expect(await sql.rows(`SELECT 1 FROM pg_type WHERE typname = 'CpdCategory'`)).toEqual([]);
    } finally {
      await sql.close();
    }
  });
});
