// Writes that go as ONE data-modifying statement (WITH … INSERT … ON CONFLICT … RETURNING): atomic on
// its own, so saving a meeting or a CPD activity with its reflection prompt, its notifications and its
// audit rows costs one round trip and no interactive transaction (BEGIN and COMMIT are round trips too).
// The rows travel as one JSON parameter read by jsonb_populate_recordset, which gives every column
// the type the table declares (enums, arrays, jsonb, dates), the same on PGlite and PostgreSQL.
//
// Raw SQL passes the clocked client by (src/store/clocked.ts): the rows must carry their timestamps
// from ctx.clock themselves.
import { Prisma } from '../../generated/prisma/client.js';

/** The tables written this way (identifiers are never built from anything a client sent). */
export type WrittenTable = 'Meeting' | 'CpdActivity' | 'ReflectionPrompt' | 'Notification' | 'AuditEvent';

const quoted = (name: string): Prisma.Sql => {
  if (!/^[A-Za-z]+$/.test(name)) throw new Error(`not a column name: ${name}`);
  return Prisma.raw(`"${name}"`);
};

export interface RowsInsert {
  /** A condition the rows go in under, e.g. that an earlier step of the statement inserted its row. */
  when?: Prisma.Sql;
  /** The ON CONFLICT clause's target and action; default DO NOTHING on any unique key. */
  onConflict?: Prisma.Sql;
  returning?: Prisma.Sql;
}

/**
 * `INSERT INTO <table> (<columns>) SELECT <columns> FROM jsonb_populate_recordset(…)`: the columns
 * are every key of the rows (a key missing from one row is NULL in it; a column no row names takes
 * the table's default). Dates go as JSON strings: midnight UTC for a date column, and a timestamp
 * column (without zone, holding UTC) ignores the trailing Z.
 */
export function insertRows(table: WrittenTable, rows: readonly object[], options: RowsInsert = {}): Prisma.Sql {
  const names = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const columns = Prisma.join(names.map(quoted), ', ');
  const when = options.when ? Prisma.sql`WHERE ${options.when}` : Prisma.empty;
  const returning = options.returning ? Prisma.sql`RETURNING ${options.returning}` : Prisma.empty;
  return Prisma.sql`INSERT INTO ${quoted(table)} (${columns})
    SELECT ${columns} FROM jsonb_populate_recordset(NULL::${quoted(table)}, ${JSON.stringify(rows)}::jsonb) ${when}
    ON CONFLICT ${options.onConflict ?? Prisma.sql`DO NOTHING`} ${returning}`;
}
