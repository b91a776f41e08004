import type { ZodIssue } from 'zod';

/** A configuration problem a person can fix: printed as is, without a stack trace. */
export class ConfigError extends Error {
  constructor(readonly source: string, readonly problems: string[]) {
    super(`Invalid ${source}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const SECRET = /TOKEN|SECRET|PASSWORD|DATABASE_URL/;

export interface IssueContext {
  /** What was given: the environment, or the program file as read (paths are followed into it). */
  source?: unknown;
  /** An example value for a path, e.g. the default; `env` writes it as KEY=value. */
  example?: (path: readonly (string | number)[]) => unknown;
  /** Environment variables are shown as KEY=value in examples. */
  env?: boolean;
}

function valueAt(source: unknown, path: readonly (string | number)[]): unknown {
  let value = source;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[key];
  }
  return value;
}

const show = (value: unknown): string => (typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value) ?? String(value));

const KIND: Record<string, string> = {
  number: 'a number',
  string: 'text',
  boolean: 'true or false',
  array: 'a list',
  object: 'a set of keys',
};

/** zod's own text ("Expected number, received string") made into what was expected. */
function expectedOf(issue: ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.received === 'undefined' ? `a value (${KIND[issue.expected] ?? issue.expected})` : (KIND[issue.expected] ?? issue.expected);
    case 'invalid_enum_value':
      return `one of ${issue.options.join(', ')}`;
    case 'too_small':
      return issue.type === 'number' ? `a number of at least ${issue.minimum}` : `at least ${issue.minimum} ${issue.type === 'array' ? 'items' : 'characters'}`;
    case 'too_big':
      return issue.type === 'number' ? `a number of at most ${issue.maximum}` : `at most ${issue.maximum} ${issue.type === 'array' ? 'items' : 'characters'}`;
    case 'invalid_literal':
      return show(issue.expected);
    default:
      return '';
  }
}

/**
 * Every problem as `key: what is wrong or expected, e.g. <example> (got <value>)`: the value given
 * (never a secret's), what was expected and an example, whether the message comes from zod or from
 * a schema's own words.
 */
export function formatIssues(issues: ZodIssue[], source?: Record<string, unknown>, context: IssueContext = {}): string[] {
  const given = context.source ?? source;
  return issues.map((issue) => {
    const key = issue.path.join('.') || '(top level)';
    const value = valueAt(given, issue.path);
    const shown = value === undefined || SECRET.test(key) ? '' : ` (got ${show(value)})`;
    const custom = issue.code === 'custom' || issue.message !== defaultMessageOf(issue);
    let message = custom ? issue.message : `expected ${expectedOf(issue) || issue.message}`;
    if (!/e\.g\./.test(message)) {
      const example = context.example?.(issue.path) ?? (issue.code === 'invalid_enum_value' ? issue.options[0] : undefined);
      if (example !== undefined && example !== null && typeof example !== 'object') {
        message += `, e.g. ${context.env ? `${key}=${String(example)}` : show(example)}`;
      }
    }
    return `${key}: ${message}${shown}`;
  });
}

/** zod's default text for an issue, to tell it from a message a schema wrote itself. */
function defaultMessageOf(issue: ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.received === 'undefined' ? 'Required' : `Expected ${issue.expected}, received ${issue.received}`;
    case 'invalid_enum_value':
      return `Invalid enum value. Expected ${issue.options.map((o) => `'${String(o)}'`).join(' | ')}, received '${String(issue.received)}'`;
    default:
      return issue.message.startsWith('Number must') || issue.message.startsWith('String must') || issue.message.startsWith('Array must') || issue.message.startsWith('Expected') || issue.message.startsWith('Invalid')
        ? issue.message
        : '';
  }
}
