// The command line without a store: help, usage errors (exit 2, on stderr), and the text helpers.
import { describe, expect, it } from 'vitest';
import { parseArgs, UsageError } from '../../../src/cli/args.js';
import { displayWidth, formatAmount, paint, progressBar, table, useColour } from '../../../src/cli/format.js';
import { memoryIo } from '../../../src/cli/io.js';
import { renderMessage } from '../../../src/cli/render-message.js';
import { escapeHtml } from '../../../src/cli/report-html.js';
import { COMMANDS, runCli } from '../../../src/cli/run.js';

async function cli(...argv: string[]) {
  const io = memoryIo();
  const code = await runCli(argv, io);
  return { code, out: io.out(), err: io.err() };
}

describe('help', () => {
  it('lists every command in the overall help', async () => {
    const { code, out } = await cli('--help');
    expect(code).toBe(0);
    for (const name of ['migrate', 'import-roster', 'export', 'report', 'digest', 'demo', 'manifest']) expect(out).toMatch(new RegExp(`^  ${name} +\\S`, 'm'));
  });

  it('gives every command its own --help with usage and examples, without touching a store', async () => {
    for (const command of COMMANDS) {
      const { code, out, err } = await cli(command.name, '--help');
      expect(code, command.name).toBe(0);
      expect(err).toBe('');
      expect(out).toContain(`Usage: npm run cli -- ${command.usage}`);
    }
    expect((await cli('help', 'export')).out).toContain('Usage: npm run cli -- export');
  });

  it('prints the help and exits 2 when no command is given', async () => {
    const { code, out } = await cli();
    expect(code).toBe(2);
    expect(out).toContain('Usage: npm run cli -- <command>');
  });
});

describe('usage errors go to stderr with exit status 2', () => {
  it('an unknown command', async () => {
    const { code, out, err } = await cli('exprot');
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(/unknown command "exprot": expected one of demo, migrate, import-roster, export/);
  });

  it('an unknown option, with the options that exist', async () => {
    const { code, err } = await cli('export', 'meetings', '--fromm', '2026-01-01');
    expect(code).toBe(2);
    expect(err).toMatch(/unknown option --fromm: expected --from, --to, --format/);
    expect(err).toMatch(/usage: npm run cli -- export </);
  });

  it('a value outside the allowed ones', async () => {
    const { code, err } = await cli('export', 'meetings', '--format', 'xlsx');
    expect(code).toBe(2);
    expect(err).toMatch(/--format must be one of csv\|json; got "xlsx"/);
  });

  it('digest without --print or --post, and manifest without a platform', async () => {
    expect((await cli('digest')).err).toMatch(/expected --print or --post/);
    const manifest = await cli('manifest', 'zoom');
    expect(manifest.code).toBe(2);
    expect(manifest.err).toMatch(/"zoom" is not a platform: expected slack or teams/);
  });

  it('a bad environment is a configuration error naming the variable (exit 1)', async () => {
    const io = memoryIo({ env: { DATABASE_URL: 'mysql://nope' } });
    const code = await runCli(['migrate'], io);
    expect(code).toBe(1);
    expect(io.err()).toMatch(/DATABASE_URL: expected a PostgreSQL URL/);
  });
});

describe('arguments', () => {
  it('takes --flag value, --flag=value, booleans and positionals in any order', () => {
    const specs = { from: { type: 'string' as const }, 'dry-run': { type: 'boolean' as const } };
    expect(parseArgs(['a.csv', '--from=2026-01-01', '--dry-run'], specs)).toEqual({ positionals: ['a.csv'], flags: { from: '2026-01-01', 'dry-run': true } });
    expect(parseArgs(['--from', '2026-01-01', 'a.csv'], specs).positionals).toEqual(['a.csv']);
    expect(() => parseArgs(['--from'], specs)).toThrow(UsageError);
    expect(() => parseArgs(['--dry-run=yes'], specs)).toThrow(/takes no value/);
  });
});

describe('text for people', () => {
  it('draws a progress bar with the numbers, never overfull', () => {
    expect(progressBar(6, 10)).toBe('██████░░░░ 6/10');
    expect(progressBar(12.5, 25)).toBe('█████░░░░░ 12.5/25');
    expect(progressBar(14, 10)).toBe('██████████ 14/10');
    expect(progressBar(0, 0)).toBe('░░░░░░░░░░ 0/0');
  });

  it('aligns table columns by what the eye sees, accents and colour codes included', () => {
    const colour = { colour: true };
    const text = table(['name', { header: 'meetings', align: 'right' }], [[paint(colour, 'green', 'Amélie Côté'), '6'], ['Jo', '10']], colour);
    const lines = text.split('\n').map((l) => l.replace(/\u001b\[[0-9;]*m/g, ''));
    expect(lines).toEqual(['name         meetings', '───────────  ────────', 'Amélie Côté         6', 'Jo                 10']);
    expect(displayWidth('Nguyễn Thảo')).toBe(11);
  });

  it('uses colour only on a terminal without NO_COLOR', () => {
    expect(useColour(true, {})).toBe(true);
    expect(useColour(true, { NO_COLOR: '1' })).toBe(false);
    expect(useColour(false, {})).toBe(false);
    expect(useColour(undefined, {})).toBe(false);
    expect(paint({ colour: false }, 'red', 'x')).toBe('x');
    expect(paint({ colour: true }, 'red', 'x')).toBe('\u001b[31mx\u001b[39m');
  });

  it('renders a neutral message with aligned facts, bars and bullet lists, and no buttons', () => {
    const text = renderMessage({
      text: 'x',
      blocks: [
        { type: 'header', text: 'Progress of Jane' },
        { type: 'progress', label: 'Meetings', value: 6, max: 10, note: 'on pace' },
        { type: 'progress', label: 'CPD credits', value: 12.5, max: 25 },
        { type: 'facts', facts: [{ label: 'Mentor', value: 'Sam' }, { label: 'Program', value: 'Month 6 of 12' }] },
        { type: 'list', title: 'Missing', items: ['4 more meetings'] },
        { type: 'actions', buttons: [{ label: 'Log meeting', action: 'meeting.log', value: 'p1' }] },
      ],
    });
    expect(text).toBe(
      [
        'Progress of Jane',
        '════════════════',
        'Meetings     ██████░░░░ 6/10  on pace',
        'CPD credits  █████░░░░░ 12.5/25',
        'Mentor   Sam',
        'Program  Month 6 of 12',
        '',
        'Missing',
        '  • 4 more meetings',
        '',
      ].join('\n'),
    );
  });

  it('formats amounts without trailing zeros and escapes HTML', () => {
    expect([formatAmount(12), formatAmount(12.5), formatAmount(12.25)]).toEqual(['12', '12.5', '12.25']);
    expect(escapeHtml(`<a href="x">O'Brien & co</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;O&#39;Brien &amp; co&lt;/a&gt;');
  });
});
