// Issue 20: `npm test` on a machine without PostgreSQL. A nested run of one store test file with the
// server URL pointing at a closed port passes on PGlite, skips the PostgreSQL twin and says so at the
// start and in the summary; with TEST_REQUIRE_POSTGRES=1 the same run fails at once with the message.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

/** A port nothing listens on: taken from the OS, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function nestedRun(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn('npx', ['vitest', 'run', 'test/store/clocked.test.ts'], {
      cwd: ROOT,
      env: { ...process.env, ...env, NO_COLOR: '1', FORCE_COLOR: '0', CI: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

describe('npm test without PostgreSQL', { timeout: 180_000 }, () => {
  it('passes on PGlite, skips the PostgreSQL twin, and says which URL it tried and how to run the rest', async () => {
    const url = `postgresql://postgres@127.0.0.1:${await closedPort()}/postgres`;
    const { code, output } = await nestedRun({ TEST_DATABASE_URL: url, TEST_REQUIRE_POSTGRES: '' });
    expect(code, output).toBe(0);
    const notices = output.split('\n').filter((line) => line.startsWith(`PostgreSQL is not reachable at ${url}`));
    expect(notices).toHaveLength(2); // at the start and in the summary
    expect(output).toMatch(/\b1 test needing PostgreSQL skipped/);
    expect(output).toMatch(/start PostgreSQL on 127\.0\.0\.1:5432, or set TEST_DATABASE_URL/);
    expect(output).toMatch(/Tests\s+4 passed \| 1 skipped/);
  });

  it('fails at once with the same message when TEST_REQUIRE_POSTGRES=1', async () => {
    const url = `postgresql://postgres@127.0.0.1:${await closedPort()}/postgres`;
    const { code, output } = await nestedRun({ TEST_DATABASE_URL: url, TEST_REQUIRE_POSTGRES: '1' });
    expect(code).not.toBe(0);
    expect(output).toContain(`TEST_REQUIRE_POSTGRES=1: PostgreSQL is not reachable at ${url}`);
    expect(output).not.toMatch(/Tests\s+\d+ passed/);
  });
});
