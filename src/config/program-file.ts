// The program's settings: PROGRAM_FILE (YAML or JSON) or, without it, a default program whose
// coordinators come from COORDINATORS. Every rule has a default from DOMAIN.md.
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
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

export async function loadProgramFile(path: string | undefined, coordinators: string[] = []): Promise<ProgramFile> {
  const raw = path ? await readProgramSource(path) : {};
  if (setsCreditRates(raw)) throw new ConfigError(`program file ${path}`, [CREDIT_RATES_REFUSED]);
  const parsed = ProgramFileSchema.safeParse(raw);
  if (!parsed.success) throw new ConfigError(path ? `program file ${path}` : 'program settings', formatIssues(parsed.error.issues));
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
    return extname(path).toLowerCase() === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new ConfigError(`program file ${path}`, [`not valid ${extname(path) === '.json' ? 'JSON' : 'YAML'}: ${reason}`]);
  }
}
