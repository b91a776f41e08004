// A process killed with SIGKILL while writing loses nothing it had committed.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/store.js';
import { createDatabase, postgresReachable } from '../support/stores.js';

/** Starts the writer, lets it commit at least `count` records, kills it with SIGKILL, returns the ids it reported. */
function writeUntilKilled(args: string[], count: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['tsx', 'test/support/writer-child.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const ids: string[] = [];
    let buffer = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      buffer += d.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      ids.push(...lines.filter((l) => /^[0-9a-f-]{36}$/.test(l)));
      // Kill the whole process group (npx → tsx → node) so no writer survives.
      if (ids.length >= count && child.pid) process.kill(-child.pid, 'SIGKILL');
    });
    child.on('exit', (code, signal) => (signal === 'SIGKILL' || ids.length >= count ? resolve([...ids]) : reject(new Error(`writer exited ${code}: ${stderr}`))));
  });
}

// Child processes start tsx and open stores: generous bounds for a loaded machine.
describe('a store killed mid-write', { timeout: 180_000 }, () => {
  it('on PGlite keeps every record committed before the SIGKILL', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mb-crash-'));
    try {
      const ids = await writeUntilKilled(['', dir], 40);
      const store = await openStore({ dataDir: dir });
      const found = await store.prisma.person.count({ where: { id: { in: ids } } });
      await store.close();
      expect(found).toBe(ids.length);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(!postgresReachable())('on PostgreSQL keeps every record committed before the SIGKILL', async () => {
    const database = await createDatabase('mb_test', { migrated: true });
    try {
      const ids = await writeUntilKilled([database.url], 100);
      const store = await openStore({ databaseUrl: database.url, dataDir: '' });
      const found = await store.prisma.person.count({ where: { id: { in: ids } } });
      await store.close();
      expect(found).toBe(ids.length);
    } finally {
      await database.drop();
    }
  });
});
