// Where the command line reads and writes: the real process in `npm run cli`, buffers in tests.
import type { Clock } from '../core/context.js';
import type { Store } from '../store/store.js';

export interface CliOutput {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface CliIo {
  stdout: CliOutput;
  stderr: CliOutput;
  env: Record<string, string | undefined>;
  /** Relative file paths given on the command line are taken from here. */
  cwd: string;
  /** Tests: an open, migrated store used instead of the one the environment names (and not closed). */
  store?: Store;
  /** Tests: a fixed clock. */
  clock?: Clock;
}

export function processIo(): CliIo {
  // `npm run` moves to the package root; INIT_CWD is where the admin typed the command.
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.env.INIT_CWD ?? process.cwd() };
}

/** Buffers for tests: `out()` and `err()` return everything written so far. */
export function memoryIo(options: Partial<CliIo> = {}): CliIo & { out(): string; err(): string } {
  let out = '';
  let err = '';
  return {
    stdout: { write: (t: string) => (out += t), isTTY: false },
    stderr: { write: (t: string) => (err += t) },
    env: {},
    cwd: process.cwd(),
    ...options,
    out: () => out,
    err: () => err,
  };
}
