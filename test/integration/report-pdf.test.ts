// The completion report as a college receives it: the HTML report of a demo mentee, printed to PDF
// by headless Chromium (Debian's `chromium`, installed by scripts/install-chromium.sh, which CI runs),
// and read back with pdftotext. Every date is whole, both charts are there, the attestation block
// and the page numbers are printed. Skipped only on a developer machine without Chromium: in CI
// (CI=true) a missing Chromium fails the test.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { memoryIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/run.js';
import { STORE_KINDS, useTestStore } from '../support/stores.js';
import { TestClock } from '../support/fixtures.js';

const run = promisify(execFile);
const NOW = '2026-06-15T15:00:00Z';
const DAHLIA = 'dahlia.demo@demo.example.org';

async function found(command: string): Promise<boolean> {
  return run('sh', ['-c', `command -v ${command}`]).then(
    () => true,
    () => false,
  );
}

const printable = (await found('chromium')) && (await found('pdftotext'));
const inCi = /^(1|true)$/i.test(process.env.CI ?? '');

describe('the completion report printed to PDF', () => {
  it.runIf(inCi && !printable)('has Chromium and pdftotext in CI (scripts/install-chromium.sh)', () => {
    expect(printable, 'CI must install Chromium: bash scripts/install-chromium.sh').toBe(true);
  });
});

describe.each(STORE_KINDS)('the completion report printed to PDF on %s', (kind) => {
  const store = useTestStore(kind);

  it.runIf(printable || inCi)('shows every date whole, both charts, the attestation block and page numbers', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'report-pdf-'));
    try {
      const io = () => memoryIo({ store: store(), clock: new TestClock(new Date(NOW)), env: {}, cwd: dir });
      expect(await runCli(['demo'], io())).toBe(0);
      const json = io();
      expect(await runCli(['export', 'meetings', '--program', 'demo', '--format', 'json'], json)).toBe(0);
      const html = io();
      expect(await runCli(['report', DAHLIA, '--program', 'demo', '--format', 'html', '--out', 'report.html', '--coordinator', 'Morgan Placeholder'], html)).toBe(0);
      const page = await readFile(join(dir, 'report.html'), 'utf8');
      expect(page.match(/<svg\b/g)).toHaveLength(2);

      const pdf = join(dir, 'report.pdf');
      await run(
        'chromium',
        ['--headless', '--no-sandbox', '--disable-gpu', '--no-pdf-header-footer', `--user-data-dir=${join(dir, 'profile')}`, `--print-to-pdf=${pdf}`, `file://${join(dir, 'report.html')}`],
        { timeout: 120_000 },
      );
      expect((await stat(pdf)).size).toBeGreaterThan(10_000);
      const { stdout: text } = await run('pdftotext', ['-layout', pdf, '-'], { maxBuffer: 16 * 1024 * 1024 });

      // Every date of the report, whole on one line: meetings, CPD, the program period.
      const dates = [...new Set(page.match(/\b\d{4}-\d{2}-\d{2}\b/g) ?? [])];
      expect(dates.length).toBeGreaterThan(20);
      for (const date of dates) expect(text, `date ${date}`).toContain(date);
      expect(text).not.toMatch(/\b\d{4}-\s*\n\s*\d{2}/);
      // Both charts, with their legends, drawn as text in the PDF (not a picture of text).
      expect(text).toMatch(/Meetings\s+over\s+the\s+program\s+year\s+\(meetings\)/);
      expect(text).toMatch(/CPD\s+credits\s+\(Mainpro\+\)\s+against\s+the\s+target\s+\(credits\)/);
      expect(text).toMatch(/6 done[\s\S]*17 done/);
      expect(text.match(/Expected pace/g)?.length).toBe(2);
      // The attestation block to sign, the contact, and a footer with page numbers.
      expect(text).toContain('Attestation');
      expect(text).toContain('Morgan Placeholder');
      expect(text).toMatch(/Signature/);
      expect(text).toContain('Program contact: coordinator@demo.example.org');
      const pages = Number(/Page 1 of (\d+)/.exec(text)?.[1]);
      expect(pages).toBeGreaterThan(1);
      expect(text).toContain(`Page ${pages} of ${pages}`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
