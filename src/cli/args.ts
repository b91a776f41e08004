// Arguments as admins type them: `--flag value`, `--flag=value`, boolean `--flag`, positionals in
// between, `--` ends the options. Anything unknown is a usage error (exit status 2) that says what
// was expected, never silently ignored. The message is catalogue text, written in the program's
// language when it is reported (run.ts); `message` keeps the English for logs and tests.
import { render, said, type Said } from '../core/i18n/translate.js';

export class UsageError extends Error {
  constructor(
    readonly said: Said,
    /** The command whose help to point at, when there is one. */
    readonly command?: string,
  ) {
    super(render('en', said));
    this.name = 'UsageError';
  }
}

export interface FlagSpec {
  type: 'boolean' | 'string';
  /** Allowed values of a string flag. */
  values?: readonly string[];
  /** What the value looks like, for messages: "YYYY-MM-DD". */
  hint?: string;
}

export type FlagSpecs = Record<string, FlagSpec>;

export interface ParsedArgs {
  positionals: string[];
  flags: Record<string, string | boolean | undefined>;
}

export function parseArgs(argv: readonly string[], specs: FlagSpecs, command?: string): ParsedArgs {
  const positionals: string[] = [];
  const flags: Record<string, string | boolean | undefined> = {};
  const known: string | Said = Object.keys(specs).map((k) => `--${k}`).join(', ') || said('cli.args.noOptions');
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--') || arg === '-') {
      if (/^-[a-zA-Z]$/.test(arg) && arg !== '-h') throw new UsageError(said('cli.args.shortOption', { arg, known }), command);
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    const spec = specs[name];
    if (!spec) throw new UsageError(said('cli.args.unknownOption', { name, known }), command);
    if (spec.type === 'boolean') {
      if (eq !== -1) throw new UsageError(said('cli.args.noValue', { name }), command);
      flags[name] = true;
      continue;
    }
    let value: string | undefined;
    if (eq !== -1) value = arg.slice(eq + 1);
    else if (i + 1 < argv.length && !argv[i + 1]!.startsWith('--')) value = argv[++i];
    const example = spec.values ? spec.values.join('|') : (spec.hint ?? 'VALUE');
    if (value === undefined || value === '') throw new UsageError(said('cli.args.needsValue', { name, example: spec.values?.[0] ?? spec.hint ?? 'VALUE' }), command);
    if (spec.values && !spec.values.includes(value)) throw new UsageError(said('cli.args.notAllowed', { name, allowed: example, value }), command);
    flags[name] = value;
  }
  return { positionals, flags };
}

export const stringFlag = (args: ParsedArgs, name: string): string | undefined => {
  const v = args.flags[name];
  return typeof v === 'string' ? v : undefined;
};

export const booleanFlag = (args: ParsedArgs, name: string): boolean => args.flags[name] === true;
