// The one subprocess test: `npm run cli -- demo` on a fresh embedded store (DATA_DIR in a temp
// directory), as a new user runs it on a fresh clone, prints a digest with real numbers.
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function run(command: string, args: string[], env: Record<string, string>): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

describe('npm run cli -- demo', () => {
  it('builds the demo on a fresh embedded store and prints a digest and a progress with real numbers', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cli-demo-'));
    try {
      const { code, out, err } = await run('npm', ['run', '-s', 'cli', '--', 'demo'], {
        DATA_DIR: join(dir, 'data'),
        DATABASE_URL: '',
        NO_COLOR: '1',
        PROGRAM_FILE: '',
        COORDINATORS: '',
      });
      expect(err.replace(/npm warn.*\n/g, '')).toBe('');
      expect(code).toBe(0);
      expect(out).toMatch(/Weekly digest: Demo Mentorship Program \(fictional\), \d{4}-\d{2}-\d{2}/);
      const meetings = Number(/Meetings:\s+(\d+)/.exec(out)?.[1]);
      const mentees = Number(/Mentees:\s+(\d+)/.exec(out)?.[1]);
      // Credits per system, never added across systems.
      const credits = Number(/CPD:\s+Mainpro\+: \d+ activit(?:y|ies), ([\d.]+) credits/.exec(out)?.[1]);
      const mocCredits = Number(/; MOC: \d+ activit(?:y|ies), ([\d.]+) credits/.exec(out)?.[1]);
      expect(mentees).toBe(6);
      expect(meetings).toBeGreaterThan(20);
      expect(credits).toBeGreaterThan(30);
      expect(mocCredits).toBeGreaterThan(0);
      expect(out).toMatch(/Pairs overdue \(1\):\n\s+- Dr\. Alder Sample & Dr\. Elm Testwell: \d+ days without a meeting/);
      // One mentee's progress, with bars, as text (stdout is a pipe: no colour codes).
      expect(out).toMatch(/Progress of Dr\. Dahlia Demo/);
      expect(out).toMatch(/Meetings +█+░* \d+\/10/);
      expect(out).not.toMatch(/\u001b\[/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
