// Is the PostgreSQL server of the store tests there? Asked once per run (global-setup.ts), so a
// laptop without PostgreSQL still runs every store test on PGlite, and says plainly what it skipped.
import pg from 'pg';

export interface PostgresProbe {
  /** The server URL tried, without its password. */
  url: string;
  reachable: boolean;
  /** Why it was not reached (the driver's message), when it was not. */
  reason?: string;
}

/** Server URL for test databases; the database part is replaced per test file. */
export const PG_ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export function databaseUrl(name: string): string {
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** One statement on the server's admin database (CREATE/DROP DATABASE), on a connection of its own. */
export async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(TEST_DATABASE_URL is not a URL)';
  }
}

export async function probePostgres(url = PG_ADMIN_URL): Promise<PostgresProbe> {
  const shown = withoutPassword(url);
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return { url: shown, reachable: true };
  } catch (error) {
    return { url: shown, reachable: false, reason: error instanceof Error ? error.message || error.name : String(error) };
  } finally {
    await client.end().catch(() => undefined);
  }
}

export function noPostgresNotice(probe: PostgresProbe, skipped?: number): string {
  const what =
    skipped === undefined
      ? 'Every store test runs on PGlite only: its PostgreSQL twin is skipped, as are the tests that need a server (two replicas, concurrent migrations, crashes).'
      : `${skipped} test${skipped === 1 ? '' : 's'} needing PostgreSQL skipped: the PGlite twins of the store tests ran; the tests that need a server (two replicas, concurrent migrations, crashes) did not.`;
  return [
    `PostgreSQL is not reachable at ${probe.url} (${probe.reason ?? 'no answer'}).`,
    what,
    'To run them too: start PostgreSQL on 127.0.0.1:5432, or set TEST_DATABASE_URL=postgresql://user@host:port/postgres.',
  ].join('\n');
}
