// The two commands that matter, as a new user runs them: `npm start` serves on the embedded store
// (or PostgreSQL), answers health and readiness within 10 s, and SIGTERM ends it with status 0.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDatabase, postgresReachable } from '../support/stores.js';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

interface Started {
  child: ChildProcess;
  output: () => string;
  exit: Promise<number | null>;
}

function npmStart(env: Record<string, string>): Started {
  // Only what a fresh machine has: no Slack or Teams settings leak in from the test environment.
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(SLACK_|TEAMS_|DATABASE_URL|PROGRAM_FILE|COORDINATORS)/.test(k)));
  const child = spawn('npm', ['start', '--silent'], { env: { ...base, LOG_LEVEL: 'info', ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exit };
}

async function waitFor200(url: string, withinMs: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < withinMs) {
    try {
      const res = await fetch(url);
      if (res.status === 200) return Date.now() - started;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not answer 200 within ${withinMs} ms`);
}

/** The first line of the bot's output that matches, once it has arrived. */
async function waitForOutput(app: Started, pattern: RegExp, withinMs: number): Promise<string> {
  const started = Date.now();
  for (;;) {
    const line = app.output().split('\n').find((l) => pattern.test(l));
    if (line) return line;
    if (Date.now() - started > withinMs) throw new Error(`no output line matching ${pattern} within ${withinMs} ms\n${app.output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const cleanups: (() => Promise<void>)[] = [];

/** npm, its shell and the bot: none may outlive the test. */
function killGroup(child: ChildProcess): void {
  try {
    if (child.pid) process.kill(-child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}
afterAll(async () => {
  for (const c of cleanups) await c();
});

async function startsAndStops(env: Record<string, string>) {
  const port = await freePort();
  const app = npmStart({ PORT: String(port), ...env });
  cleanups.push(async () => killGroup(app.child));
  // The time to ready is measured by `npm run bench` (BENCHMARKS.md); here a loaded CI machine gets slack.
  await waitFor200(`http://127.0.0.1:${port}/healthz`, 90_000).catch((e) => {
    throw new Error(`${e.message}\n${app.output()}`);
  });
  await waitFor200(`http://127.0.0.1:${port}/readyz`, 30_000);
  const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  expect(metrics).toContain('mentorship_process_resident_memory_bytes');
  // The statements the store sent so far (start-up checks the migrations and the program): counted, so above zero.
  expect(Number(/^mentorship_db_statements_total (\d+)/m.exec(metrics)?.[1] ?? 0)).toBeGreaterThan(0);
  await waitForOutput(app, /"slack":"off — set SLACK_BOT_TOKEN/, 10_000);
  app.child.kill('SIGTERM');
  expect(await app.exit, app.output()).toBe(0);
  return app.output();
}

describe('npm start', { timeout: 180_000 }, () => {
  it('serves on the embedded store with nothing set up, and exits 0 on SIGTERM', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mb-start-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const output = await startsAndStops({ DATA_DIR: join(dir, 'data') });
    expect(output).toMatch(/"store":"pglite"/);
    expect(output).toMatch(/"msg":"stopped"/);
  });

  it.skipIf(!postgresReachable())('serves on PostgreSQL when DATABASE_URL is set, and exits 0 on SIGTERM', async () => {
    const database = await createDatabase();
    cleanups.push(database.drop);
    const output = await startsAndStops({ DATABASE_URL: database.url });
    expect(output).toMatch(/"store":"postgresql"/);
  });

  it('stops with a message naming the variable, not a stack trace, when the configuration is wrong', async () => {
    const app = npmStart({ PORT: 'abc' });
    expect(await app.exit).toBe(1);
    expect(app.output()).toMatch(/PORT: expected/);
    expect(app.output()).not.toMatch(/\n\s+at /);
  });

  it('stops a single-tenant Teams bot (the default registration) without its tenant id, naming TEAMS_APP_TENANT_ID', async () => {
    const app = npmStart({ TEAMS_APP_ID: '6f1c2a4e-3b5d-4c7e-9f10-2a3b4c5d6e7f', TEAMS_APP_PASSWORD: 'not-a-real-secret' });
    expect(await app.exit).toBe(1);
    expect(app.output()).toMatch(/TEAMS_APP_TENANT_ID: is needed for a single-tenant bot/);
    expect(app.output()).not.toMatch(/\n\s+at /);
  });
});

describe('refusing to start (issue 12)', { timeout: 180_000 }, () => {
  it('stops with a clear message when the port is already taken, instead of logging "listening" and serving nothing', async () => {
    const taken = createServer();
    const port = await new Promise<number>((resolve) => taken.listen(0, '127.0.0.1', () => resolve((taken.address() as { port: number }).port)));
    cleanups.push(() => new Promise((resolve) => taken.close(() => resolve())));
    const dir = await mkdtemp(join(tmpdir(), 'mb-busy-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const app = npmStart({ PORT: String(port), HOST: '127.0.0.1', DATA_DIR: join(dir, 'data') });
    cleanups.push(async () => killGroup(app.child));
    expect(await app.exit, app.output()).toBe(1);
    expect(app.output()).toContain(`port ${port} is already in use on 127.0.0.1`);
    expect(app.output()).not.toMatch(/mentorship bot listening/);
    expect(app.output()).not.toMatch(/\n\s+at /);
  });

  it('stops when a multi-tenant Teams registration names no trusted tenant, saying which variable to set', async () => {
    const app = npmStart({ PORT: '0', TEAMS_APP_ID: '6f1c2a4e-3b5d-4c7e-9f10-2a3b4c5d6e7f', TEAMS_APP_PASSWORD: 'secret', TEAMS_APP_TYPE: 'MultiTenant' });
    cleanups.push(async () => killGroup(app.child));
    expect(await app.exit).toBe(1);
    expect(app.output()).toMatch(/TEAMS_TRUSTED_TENANTS: must list the Microsoft tenants/);
  });
});

describe('readiness', { timeout: 180_000 }, () => {
  it('answers /healthz while the store is still opening, and /readyz only once everything is ready', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mb-ready-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const port = await freePort();
    const app = npmStart({ PORT: String(port), DATA_DIR: join(dir, 'data') });
    cleanups.push(async () => killGroup(app.child));
    // Creating and migrating a fresh embedded store takes seconds: meanwhile the process is alive
    // (/healthz 200) but not ready (/readyz 503); then both answer 200.
    let sawStarting = false;
    const started = Date.now();
    for (;;) {
      const health = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.status, () => 0);
      const readiness = health === 200 ? await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.status, () => 0) : 0;
      if (health === 200 && readiness === 503) sawStarting = true;
      if (readiness === 200) break;
      if (Date.now() - started > 90_000) throw new Error(`not ready within 90 s\n${app.output()}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(sawStarting).toBe(true);
    // The log line travels through a pipe, the answer through a socket: no order between the two.
    expect(await waitForOutput(app, /"msg":"mentorship bot listening"/, 10_000)).toMatch(/"port":\d+/);
    killGroup(app.child);
  });
});

describe('Slack unreachable', { timeout: 180_000 }, () => {
  it('in Socket Mode: says what failed and what to check, keeps serving, and exits 0 on SIGTERM', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mb-socket-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const port = await freePort();
    const slackApi = `http://127.0.0.1:${await freePort()}/api/`;
    const app = npmStart({
      PORT: String(port),
      DATA_DIR: join(dir, 'data'),
      SLACK_BOT_TOKEN: 'xoxb-1-2-unreachable',
      SLACK_APP_TOKEN: 'xapp-1-A1-2-unreachable',
      SLACK_API_URL: slackApi,
    });
    cleanups.push(async () => killGroup(app.child));
    await waitFor200(`http://127.0.0.1:${port}/readyz`, 90_000).catch((e) => {
      throw new Error(`${e.message}\n${app.output()}`);
    });
    // The log names the network, not the token, and what to check.
    const line = await waitForOutput(app, /Slack Socket Mode cannot connect/, 30_000);
    expect(line).toContain('"reason":"network"');
    expect(line).toContain(`no connection to ${slackApi} (ECONNREFUSED)`);
    expect(app.output()).not.toMatch(/check SLACK_BOT_TOKEN/);
    expect(await waitForOutput(app, /"msg":"platforms"/, 10_000)).toMatch(/"slack":"on \(Socket Mode; connecting in the background\), but Slack cannot be reached yet: no connection/);
    // What does not need Slack is served, and /readyz says what it waits for.
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    const ready = (await (await fetch(`http://127.0.0.1:${port}/readyz`)).json()) as { status: string; platforms: { slack: string } };
    expect(ready.status).toBe('ready');
    expect(ready.platforms.slack).toMatch(/^(waiting for Slack \(Socket Mode\): no connection to .*; next attempt in \d+ s|connecting)$/);
    app.child.kill('SIGTERM');
    expect(await app.exit, app.output()).toBe(0);
    expect(app.output()).toMatch(/"msg":"stopped"/);
    expect(app.output()).not.toMatch(/\n\s+at /);
  });

  it('over HTTP: the log says it is the network, and a signed command is not refused with an AuthorizationError', async () => {
    const { postSigned, formBody, TEST_SIGNING_SECRET } = await import('../support/slack-sign.js');
    const dir = await mkdtemp(join(tmpdir(), 'mb-http-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const port = await freePort();
    const slackApi = `http://127.0.0.1:${await freePort()}/api/`;
    const app = npmStart({
      PORT: String(port),
      DATA_DIR: join(dir, 'data'),
      SLACK_BOT_TOKEN: 'xoxb-1-2-unreachable',
      SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
      SLACK_API_URL: slackApi,
    });
    cleanups.push(async () => killGroup(app.child));
    await waitFor200(`http://127.0.0.1:${port}/readyz`, 90_000).catch((e) => {
      throw new Error(`${e.message}\n${app.output()}`);
    });
    const line = await waitForOutput(app, /Slack auth\.test failed/, 10_000);
    expect(line).toContain('"reason":"network"');
    expect(app.output()).not.toMatch(/check SLACK_BOT_TOKEN/);
    expect(await waitForOutput(app, /"msg":"platforms"/, 10_000)).toMatch(/"slack":"on \(HTTP at POST \/slack\/events\), but Slack cannot be reached yet: no connection/);
    const body = formBody({ command: '/progress', text: '', user_id: 'U123', team_id: 'T123', channel_id: 'D123', response_url: `${slackApi}response`, trigger_id: '1.2.3' });
    const answer = await postSigned(`http://127.0.0.1:${port}/slack/events`, body);
    expect(answer.status).toBe(200);
    expect(app.output()).not.toMatch(/AuthorizationError/);
    app.child.kill('SIGTERM');
    expect(await app.exit, app.output()).toBe(0);
  });
});
