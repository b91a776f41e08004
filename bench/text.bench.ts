// Issue 12, finding 3: the worst time of the identifier check, the argument parsers and the Teams
// text clean-up on adversarial input of the largest size each accepts. Every free text reaches them
// through core's door (src/core/dispatch.ts: MAX_COMMAND_LENGTH for a command line, MAX_TEXT_LENGTH
// for a field), except the Teams clean-up, which reads what Teams sends before core sees it (the
// JSON body is capped at 1 MB). Runs alone with `npx tsx bench/text.bench.ts`.
import { pathToFileURL } from 'node:url';
import { findPatientIdentifiers } from '../src/core/domain/identifiers.js';
import { MAX_COMMAND_LENGTH, MAX_TEXT_LENGTH } from '../src/core/domain/limits.js';
import { parseAwayArgs } from '../src/core/domain/parse/parse-away-args.js';
import { parseCpdArgs } from '../src/core/domain/parse/parse-cpd-args.js';
import { parseMeetingArgs } from '../src/core/domain/parse/parse-meeting-args.js';
import { parseMentorshipArgs } from '../src/core/domain/parse/parse-mentorship-args.js';
import { parsePersonRef } from '../src/core/domain/parse/parse-person.js';
import { parseCommandText } from '../src/teams/request.js';
import { cpdVocabulary, ruleSetFor } from '../src/core/domain/cpd-rules.js';

export interface TextFigure {
  what: string;
  /** Characters of each adversarial input. */
  length: number;
  worstMs: number;
  worstInput: string;
  medianOfInputsMs: number;
  budgetMs: number;
}

export interface TextFigures {
  figures: TextFigure[];
}

/** Far under Slack's 3 s: the time one request may hold the event loop from everyone else. */
export const TEXT_BUDGET_MS = 50;
/** The Teams clean-up reads up to a megabyte: linear, it may take longer, within this. */
const TEAMS_BUDGET_MS = 250;
const TEAMS_BODY_LIMIT = 1_000_000;
/** Runs per input; its time is their median, so a pause of the shared machine is not taken for the input's cost. */
const RUNS = 7;

/** Runs of the characters the expressions and scanners care about: what made the old ones quadratic. */
export function adversarialInputs(length: number): Record<string, string> {
  const fill = (unit: string) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
  return {
    'letters (A…)': fill('A'),
    'lower-case letters': fill('a'),
    'letters then one lower-case (Mr AAA…a)': `Mr ${fill('A').slice(0, length - 4)}a`,
    digits: fill('1'),
    'digits and dashes': fill('1-'),
    'digits and dots': fill('1.'),
    'dotted labels': fill('a.'),
    'at signs (a@a@…)': fill('a@'),
    'a domain without a top level (x@a-a-…)': `x@${fill('a-').slice(0, length - 2)}`,
    spaces: fill(' '),
    'tabs and spaces': fill(' \t'),
    'unclosed < (rich text)': fill('<'),
    'unclosed <at>': fill('<at>'),
    'unclosed Slack mentions (<@U…)': fill('<@U'),
    'unclosed quotes': fill('with "'),
    'single quotes': fill("' "),
    'titles (Mr Mr …)': fill('Mr '),
    'patient patient …': fill('patient '),
    'born born …': fill('born '),
    'dob dob …': fill('dob '),
    'dates (2026-2026-…)': fill('2026-'),
    'durations (1h1h…)': fill('1h'),
    'HTML entities': fill('&amp;'),
  };
}

function worstOf(what: string, length: number, run: (text: string) => unknown, budgetMs = TEXT_BUDGET_MS): TextFigure {
  const inputs = adversarialInputs(length);
  // Compiled and warmed first: the figure is the steady cost of an input, not V8's first compilation.
  for (const text of Object.values(inputs)) {
    try {
      run(text);
    } catch {
      // See below.
    }
  }
  let worstMs = 0;
  let worstInput = '';
  const perInput: number[] = [];
  for (const [name, text] of Object.entries(inputs)) {
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      try {
        run(text);
      } catch {
        // A parser refusing the input is an answer too; only the time matters here.
      }
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    const slowest = times[Math.floor(times.length / 2)]!;
    perInput.push(slowest);
    if (slowest > worstMs) {
      worstMs = slowest;
      worstInput = name;
    }
  }
  perInput.sort((a, b) => a - b);
  return { what, length, worstMs, worstInput, medianOfInputsMs: perInput[Math.floor(perInput.length / 2)]!, budgetMs };
}

export function benchText(log: (line: string) => void = () => {}): TextFigures {
  const ctx = { today: '2026-11-25' };
  const teams = (text: string) => parseCommandText({ text, recipient: { id: 'bot' }, entities: [] } as unknown as Parameters<typeof parseCommandText>[0]);
  const figures = [
    worstOf('identifier check, one field', MAX_TEXT_LENGTH, findPatientIdentifiers),
    worstOf('identifier check, a whole command line', MAX_COMMAND_LENGTH, findPatientIdentifiers),
    worstOf('parseMeetingArgs', MAX_COMMAND_LENGTH, (t) => parseMeetingArgs(t, ctx)),
    worstOf('parseCpdArgs (MOC words)', MAX_COMMAND_LENGTH, (t) => parseCpdArgs(t, { ...ctx, vocabulary: cpdVocabulary(ruleSetFor('MOC', ctx.today)) })),
    worstOf('parseCpdArgs (Mainpro+ words)', MAX_COMMAND_LENGTH, (t) => parseCpdArgs(t, { ...ctx, vocabulary: cpdVocabulary(ruleSetFor('MAINPRO_PLUS', ctx.today)) })),
    worstOf('parseAwayArgs', MAX_COMMAND_LENGTH, (t) => parseAwayArgs(t, ctx)),
    worstOf('parseMentorshipArgs', MAX_COMMAND_LENGTH, (t) => parseMentorshipArgs(t, ctx)),
    worstOf('parsePersonRef', MAX_COMMAND_LENGTH, parsePersonRef),
    worstOf('Teams text clean-up (before core\'s limit)', TEAMS_BODY_LIMIT, teams, TEAMS_BUDGET_MS),
  ];
  for (const f of figures) log(`  ${f.what}: worst ${f.worstMs.toFixed(2)} ms on ${f.length.toLocaleString('en-US')} characters of ${f.worstInput}`);
  return { figures };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = benchText((line) => process.stdout.write(`${line}\n`));
  const { textSection } = await import('./report.js');
  process.stdout.write(`\n${textSection(result).join('\n')}\n`);
  const over = result.figures.filter((f) => f.worstMs > f.budgetMs);
  process.stdout.write(over.length ? `OVER budget: ${over.map((f) => `${f.what} (${f.budgetMs} ms)`).join(', ')}\n` : 'all within budget\n');
  process.exitCode = over.length ? 1 : 0;
}
