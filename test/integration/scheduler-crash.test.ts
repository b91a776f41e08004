// A scheduler process killed with SIGKILL in the middle of delivering, then restarted: every
// notification is delivered, none lost; only the few in flight at the kill may arrive twice.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queueNotifications } from '../../src/core/services/outbox.js';
import { message } from '../../src/core/ui/message.js';
import { openStore, type Store } from '../../src/store/store.js';
import { addPerson, makeContext } from '../support/fixtures.js';
import { createDatabase, postgresReachable } from '../support/stores.js';

interface Received {
  text: string;
  pid: number;
}

describe.skipIf(!postgresReachable())('a scheduler killed mid-delivery on PostgreSQL', () => {
  let database: { url: string; drop: () => Promise<void> };
  let store: Store;
  let recorder: Server;
  let url = '';
  const received: Received[] = [];
  let onReceive: (() => boolean) | undefined;

  beforeAll(async () => {
    database = await createDatabase('mb_sched_crash', { migrated: true });
    store = await openStore({ databaseUrl: database.url, dataDir: '' });
    await store.migrate();
    recorder = createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        const parsed = JSON.parse(body) as Received;
        // A slow platform: the kill lands while sends are in flight.
        setTimeout(() => {
          received.push(parsed);
          // The 60th message is accepted but its answer never reaches the sender, which dies first:
          // exactly the window between the platform accepting and the outbox recording it.
          if (onReceive?.()) return;
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ id: `m${received.length}` }));
        }, 15);
      });
    });
    await new Promise<void>((resolve) => recorder.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(recorder.address() as AddressInfo).port}/`;
  });
  afterAll(async () => {
    await store?.close();
    await new Promise((resolve) => recorder?.close(resolve));
    await database?.drop();
  });

  const startChild = (): ChildProcess =>
    spawn('npx', ['tsx', 'test/support/scheduler-child.ts', database.url, url, 'crash-test-instance'], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });

  it('delivers every notification after a restart, losing none', async () => {
    const ctx = await makeContext(store.prisma, { timeZone: 'UTC', now: new Date().toISOString() });
    const people: { personId: string }[] = [];
    for (let i = 0; i < 10; i++) people.push(await addPerson(ctx, { name: `Person ${i}`, email: `p${i}@example.org`, roles: ['MENTOR'], slack: { teamId: 'T1', userId: `U${i}` } }));
    const texts = Array.from({ length: 300 }, (_, i) => `crash ${i}`);
    await queueNotifications(
      store.prisma,
      texts.map((text, i) => ({ programId: ctx.program.id, personId: people[i % people.length]!.personId, kind: 'welcome', idempotencyKey: `crash:${i}`, payload: message(text), dueAt: new Date(Date.now() - 60_000) })),
    );

    // First life: killed (the whole process group) once 60 messages have been accepted.
    const first = startChild();
    let stderr = '';
    first.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const killed = new Promise<void>((resolve, reject) => {
      onReceive = () => {
        if (received.length >= 60 && first.pid && first.exitCode === null && first.signalCode === null) {
          onReceive = undefined;
          process.kill(-first.pid, 'SIGKILL');
          return true;
        }
        return false;
      };
      first.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`child exited ${code} before the kill: ${stderr}`))));
    });
    await killed;
    const atKill = received.length;
    const stuck = await store.prisma.notification.count({ where: { status: 'SENDING' } });
    expect(atKill).toBeLessThan(300);
    // Rows were mid-delivery when it died.
    expect(stuck).toBeGreaterThan(0);

    // Second life: same instance id, takes its rows back at once and finishes.
    const second = startChild();
    let out = '';
    second.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    second.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => second.on('exit', (c) => resolve(c)));
    expect(code, stderr).toBe(0);
    expect(out).toContain('done');

    const rows = await store.prisma.notification.groupBy({ by: ['status'], _count: { _all: true } });
    expect(rows).toEqual([{ status: 'SENT', _count: { _all: 300 } }]);
    // None lost: every message reached the platform.
    const seen = new Set(received.map((r) => r.text));
    expect(texts.filter((t) => !seen.has(t))).toEqual([]);
    // At least once: a duplicate only for rows in flight at the kill (at most one batch).
    const duplicates = received.length - seen.size;
    expect(duplicates).toBeLessThanOrEqual(20);
    const pids = new Set(received.map((r) => r.pid));
    expect(pids.size).toBe(2);
  }, 180_000);
});
