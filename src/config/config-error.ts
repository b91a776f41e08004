import type { ZodIssue } from 'zod';

/** A configuration problem a person can fix: printed as is, without a stack trace. */
export class ConfigError extends Error {
  constructor(readonly source: string, readonly problems: string[]) {
    super(`Invalid ${source}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const SECRET = /TOKEN|SECRET|PASSWORD|DATABASE_URL/;

export function formatIssues(issues: ZodIssue[], source?: Record<string, unknown>): string[] {
  return issues.map((issue) => {
    const key = issue.path.join('.') || '(top level)';
    const value = source && issue.path.length === 1 ? source[String(issue.path[0])] : undefined;
    const shown = value === undefined || SECRET.test(key) ? '' : ` (got ${JSON.stringify(value)})`;
    return `${key}: ${issue.message}${shown}`;
  });
}
