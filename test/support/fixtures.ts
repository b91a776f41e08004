// Test fixtures written straight to the store, so any service's tests can set the scene without
// depending on another service. Names are synthetic; nothing here resembles a patient.
import type { CoreContext, Clock, ProgramInfo } from '../../src/core/context.js';
import { silentLogger } from '../../src/core/context.js';
import { AppError } from '../../src/core/domain/errors.js';
import type { Actor } from '../../src/core/actor.js';
import type { Pathway, Platform, Role } from '../../src/core/domain/enums.js';
import { DEFAULT_PROGRAM_RULES, type ProgramRules } from '../../src/core/domain/program-rules.js';
import { ensureProgram } from '../../src/core/services/program.service.js';
import { actorById } from '../../src/core/services/identity.service.js';
import { toDbDate } from '../../src/core/services/db-dates.js';
import type { Db } from '../../src/store/store.js';
import { clocked } from '../../src/store/clocked.js';

/** A clock tests move by hand. */
export class TestClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  set(iso: string | Date): void {
    this.current = new Date(iso);
  }
  advanceDays(days: number): void {
    this.current = new Date(this.current.getTime() + days * 86_400_000);
  }
  advanceMinutes(minutes: number): void {
    this.current = new Date(this.current.getTime() + minutes * 60_000);
  }
}

export async function makeContext(
  db: Db,
  options: { now?: string; rules?: Partial<ProgramRules>; timeZone?: string; locale?: string } = {},
): Promise<CoreContext & { clock: TestClock }> {
  const clock = new TestClock(new Date(options.now ?? '2026-11-20T15:00:00Z'));
  const program: ProgramInfo = await ensureProgram(
    db,
    {
      slug: 'test-program',
      name: 'Test Mentorship Program',
      timeZone: options.timeZone ?? 'America/Winnipeg',
      locale: options.locale ?? 'en-CA',
      rules: { ...DEFAULT_PROGRAM_RULES, ...options.rules },
    },
    [],
    clock,
  );
  return { db: clocked(db, clock), clock, logger: silentLogger, program };
}

export interface PersonSpec {
  name: string;
  email?: string;
  roles?: Role[];
  pathway?: Pathway;
  start?: string;
  end?: string;
  status?: 'ACTIVE' | 'COMPLETED' | 'WITHDRAWN';
  slack?: { teamId: string; userId: string };
  teams?: { tenantId: string; userId: string; conversationRef?: object };
  timeZone?: string;
  /** Their own choice of language (Person.language). */
  language?: 'en' | 'fr';
  /** Their platform's locale (Person.locale), e.g. 'fr-CA'. */
  locale?: string;
}

export async function addPerson(ctx: CoreContext, spec: PersonSpec): Promise<Actor> {
  const email = (spec.email ?? `${spec.name.toLowerCase().replace(/[^a-z]+/g, '.')}@example.org`).toLowerCase();
  const person = await ctx.db.person.create({ data: { name: spec.name, email, timeZone: spec.timeZone ?? null, language: spec.language ?? null, locale: spec.locale ?? null } });
  const accounts: { platform: Platform; workspaceId: string; userId: string; conversationRef?: object }[] = [];
  if (spec.slack) accounts.push({ platform: 'SLACK', workspaceId: spec.slack.teamId, userId: spec.slack.userId });
  if (spec.teams) accounts.push({ platform: 'TEAMS', workspaceId: spec.teams.tenantId, userId: spec.teams.userId, conversationRef: spec.teams.conversationRef });
  for (const account of accounts) await ctx.db.chatAccount.create({ data: { personId: person.id, ...account } });
  const start = spec.start ?? '2026-01-05';
  for (const role of spec.roles ?? ['MENTEE']) {
    await ctx.db.enrollment.create({
      data: {
        programId: ctx.program.id,
        personId: person.id,
        role,
        pathway: role === 'COORDINATOR' ? null : spec.pathway ?? (role === 'MENTEE' ? 'PRA_MB_FP' : null),
        cpdSystem: role === 'MENTEE' ? ((spec.pathway ?? 'PRA_MB_FP') === 'PRA_MB_SP' ? 'MOC' : 'MAINPRO_PLUS') : null,
        startDate: toDbDate(start),
        endDate: spec.end ? toDbDate(spec.end) : role === 'MENTEE' ? toDbDate(oneYearAfter(start)) : null,
        status: spec.status ?? 'ACTIVE',
      },
    });
  }
  return actorFor(ctx, person.id);
}

export async function addPairing(ctx: CoreContext, mentor: Actor, mentee: Actor, from = '2026-01-05', until?: string): Promise<string> {
  const pairing = await ctx.db.pairing.create({
    data: { programId: ctx.program.id, mentorId: mentor.personId, menteeId: mentee.personId, fromDate: toDbDate(from), untilDate: until ? toDbDate(until) : null },
  });
  return pairing.id;
}

/** The Actor core would resolve for this person (active roles only). */
export const actorFor = actorById;

function oneYearAfter(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + 1);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

export const slackConversation = (teamId = 'T0001', channelId = 'D0001') =>
  ({ platform: 'SLACK', workspaceId: teamId, channelId, isDirect: true }) as const;

/** Runs `fn` and returns the AppError it threw (failing the test if it threw nothing or something else). */
export async function refusalOf(fn: () => unknown): Promise<AppError> {
  try {
    await fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError, but the call succeeded');
}
