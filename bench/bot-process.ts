// The bot as users run it: `src/main.ts` in its own Node process (`node --import tsx`, one process, so
// a SIGKILL reaches the bot itself and not a launcher), configured only through its environment.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export interface BotProcess {
  url: string;
  port: number;
  child: ChildProcess;
  /** Milliseconds from spawn until /readyz answered 200. */
  readyMs: number;
  /** CPU milliseconds (user + system, all its threads) the process had used when it was ready; NaN without /proc. */
  readyCpuMs: number;
  /** Resolves with the exit code (or signal) once the process is gone. */
  exited: Promise<number | string | null>;
  /** SIGTERM and wait (SIGKILL after `graceMs`). */
  stop(graceMs?: number): Promise<void>;
  kill(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

export interface SpawnOptions {
  /** Environment of the bot, on top of PATH/HOME; PORT and HOST are set here. */
  env: Record<string, string>;
  /** Script to run, relative to the project root (default src/main.ts). */
  script?: string;
  /** Node's arguments instead of `--import tsx <script>`, e.g. `['scripts/start.mjs']` (what `npm start` runs). */
  args?: string[];
  /** Where stdout/stderr go (default: discarded). */
  logFile?: string;
  readyTimeoutMs?: number;
  /** Path polled until it answers 200 (default /readyz). */
  readyPath?: string;
}

export async function spawnBot(options: SpawnOptions): Promise<BotProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const child = spawn(process.execPath, options.args ?? ['--import', 'tsx', options.script ?? 'src/main.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NO_PROXY: '127.0.0.1,localhost',
      no_proxy: '127.0.0.1,localhost',
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      ...options.env,
      PORT: String(port),
      HOST: '127.0.0.1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (options.logFile) {
    const log = createWriteStream(options.logFile, { flags: 'a' });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
  } else {
    child.stdout?.resume();
    child.stderr?.resume();
  }
  const exited = new Promise<number | string | null>((resolveExit) => child.once('exit', (code, signal) => resolveExit(code ?? signal)));
  let gone: number | string | null | undefined;
  void exited.then((v) => (gone = v));

  const deadline = Date.now() + (options.readyTimeoutMs ?? 120_000);
  const readyPath = options.readyPath ?? '/readyz';
  for (;;) {
    if (gone !== undefined) throw new Error(`the bot exited (${gone}) before it was ready${options.logFile ? `; see ${options.logFile}` : ''}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the bot was not ready within ${options.readyTimeoutMs ?? 120_000} ms`);
    }
    const ok = await fetch(`${url}${readyPath}`).then((r) => r.status === 200, () => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  const readyMs = performance.now() - started;
  const readyCpuMs = await cpuMs(child.pid);

  return {
    url,
    port,
    child,
    readyMs,
    readyCpuMs,
    exited,
    async stop(graceMs = 15_000) {
      if (gone !== undefined) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
    async kill() {
      if (gone !== undefined) return;
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/** utime + stime of a process from /proc (Linux), in milliseconds at the usual 100 ticks a second. */
async function cpuMs(pid: number | undefined): Promise<number> {
  try {
    const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}

/** Reads one Prometheus sample (first series) from /metrics. */
export async function metricValue(url: string, name: string): Promise<number | undefined> {
  const text = await fetch(`${url}/metrics`).then((r) => r.text());
  const line = text.split('\n').find((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`));
  return line ? Number(line.trim().split(/\s+/).pop()) : undefined;
}

export const logPath = (dir: string, name: string) => join(dir, `${name}.log`);
