// The program's settings: PROGRAM_FILE (YAML or JSON) or, without it, a default program whose
// coordinators come from COORDINATORS. Every rule has a default from DOMAIN.md.
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { z, ZodDefault, ZodEffects, ZodNullable, ZodObject, ZodOptional, type ZodTypeAny } from 'zod';
import { ProgramRulesSchema } from '../core/domain/program-rules.js';
import { CREDIT_RATES_REFUSED } from '../core/domain/credits.js';
import { ConfigError, formatIssues } from './config-error.js';

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-CA', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export const CoordinatorRefSchema = z
  .string()
  .trim()
  .regex(/^([^@\s,]+@[^@\s,]+\.[^@\s,]+|slack:[A-Z0-9]+:[A-Z0-9]+|teams:[^:\s,]+:[0-9a-fA-F-]{36})$/, {
    message: 'expected an email, slack:<team>:<user> or teams:<tenant>:<aad-object-id>, e.g. coordinator@example.org',
  });

export const ProgramFileSchema = z
  .object({
    slug: z.string().regex(/^[a-z0-9-]+$/, { message: 'expected lower-case letters, digits and dashes, e.g. img-mentorship' }).default('default'),
    name: z.string().min(1).default('IMG Mentorship & Clinical Enhancement Program'),
    timeZone: z.string().refine(isTimeZone, { message: 'expected an IANA time zone, e.g. America/Winnipeg' }).default('America/Winnipeg'),
    locale: z.string().default('en-CA'),
    rules: ProgramRulesSchema.default({}),
    coordinators: z.array(CoordinatorRefSchema).default([]),
  })
  .strict();

export type ProgramFile = z.infer<typeof ProgramFileSchema>;

let defaults: ProgramFile | undefined;

/** The default at a path of the program file: the example its messages give. */
function defaultAt(path: readonly (string | number)[]): unknown {
  defaults ??= ProgramFileSchema.parse({});
  let value: unknown = defaults;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[key];
  }
  return value;
}

/** The object schema under defaults, optionals, effects and preprocessing, if any. */
function objectShape(schema: ZodTypeAny): Record<string, ZodTypeAny> | undefined {
  let current: ZodTypeAny = schema;
  for (let depth = 0; depth < 10; depth++) {
    if (current instanceof ZodObject) return current.shape as Record<string, ZodTypeAny>;
    if (current instanceof ZodDefault) current = current._def.innerType as ZodTypeAny;
    else if (current instanceof ZodOptional || current instanceof ZodNullable) current = current.unwrap() as ZodTypeAny;
    else if (current instanceof ZodEffects) current = current.innerType() as ZodTypeAny;
    else return undefined;
  }
  return undefined;
}

/** Edit distance, for "did you mean"; keys are short, so the quadratic table is small. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1]!.toLowerCase() === b[j - 1]!.toLowerCase() ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

/** A key the file gives that no setting has (a typo is never silently ignored), with the closest known key. */
export function unknownKeys(schema: ZodTypeAny, value: unknown, path: string[] = []): string[] {
  const shape = objectShape(schema);
  if (!shape || value === null || typeof value !== 'object' || Array.isArray(value)) return [];
  const known = Object.keys(shape);
  const problems: string[] = [];
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    const where = [...path, key].join('.');
    if (!(key in shape)) {
      const best = known.map((k) => ({ k, d: distance(key.slice(0, 60), k) })).sort((x, y) => x.d - y.d)[0];
      const hint = best && best.d <= Math.max(2, Math.floor(best.k.length / 3)) ? ` did you mean ${[...path, best.k].join('.')}?` : '';
      const section = path.length ? path.join('.') : 'the program file';
      problems.push(`${where}: not a setting of ${section};${hint} expected one of ${known.join(', ')}`);
    } else problems.push(...unknownKeys(shape[key]!, child, [...path, key]));
  }
  return problems;
}

export async function loadProgramFile(path: string | undefined, coordinators: string[] = []): Promise<ProgramFile> {
  const raw = path ? await readProgramSource(path) : {};
  const source = path ? `program file ${path}` : 'program settings';
  if (setsCreditRates(raw)) throw new ConfigError(source, [CREDIT_RATES_REFUSED]);
  const unknown = unknownKeys(ProgramFileSchema, raw);
  const parsed = ProgramFileSchema.safeParse(raw);
  const issues = parsed.success ? [] : parsed.error.issues.filter((issue) => issue.code !== 'unrecognized_keys');
  if (unknown.length || issues.length) throw new ConfigError(source, [...unknown, ...formatIssues(issues, undefined, { source: raw, example: defaultAt })]);
  if (!parsed.success) throw new ConfigError(source, formatIssues(parsed.error.issues));
  const program = parsed.data;
  return { ...program, coordinators: [...new Set([...program.coordinators, ...coordinators])] };
}

function setsCreditRates(raw: unknown): boolean {
  const rules = typeof raw === 'object' && raw !== null ? (raw as { rules?: unknown }).rules : undefined;
  const credits = typeof rules === 'object' && rules !== null ? (rules as { credits?: unknown }).credits : undefined;
  return typeof credits === 'object' && credits !== null && 'rates' in credits;
}

async function readProgramSource(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new ConfigError('PROGRAM_FILE', [`PROGRAM_FILE: cannot read ${path}; expected a YAML or JSON file, e.g. PROGRAM_FILE=./program.yaml`]);
  }
  try {
    // The YAML parser only when there is YAML to read: most bots run without a program file.
    return extname(path).toLowerCase() === '.json' ? JSON.parse(text) : (await import('yaml')).parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new ConfigError(`program file ${path}`, [`not valid ${extname(path) === '.json' ? 'JSON' : 'YAML'}: ${reason}`]);
  }
}
