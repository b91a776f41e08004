// Starting a program year from a roster file: every row is checked first (each problem with its
// line, column, what was expected and an example), and only a file without problems is applied,
// in ONE transaction. Applying the same file twice changes nothing; a corrected file updates the
// people, enrollments and pairings it names instead of adding new ones. People in the store but not
// in the file are left alone: a roster adds and corrects, it never removes. The checks are pure and
// apart (roster-rows.ts, roster-store-checks.ts): this file reads the store and applies.
import type { Actor } from '../actor.js';
import { releaseHeldMessages } from './held-messages.js';
import type { CoreContext } from '../context.js';
import { AppError } from '../domain/errors.js';
import { defaultCpdSystem, type CpdSystem, type Role } from '../domain/enums.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { activePairingWhere, requireCoordinator, today } from './access.js';
import { audit } from './audit.js';
import { fromDbDate, fromDbDateOrNull } from './db-dates.js';
import { defaultEndDate, enroll, pair, unpair } from './roster.service.js';
import { chatKey, EXAMPLES, noRowsProblem, sortProblems, type ChatId, type RosterEntry, type RosterProblem, validateRosterRows, type RosterRow, type RosterOptions } from './roster-rows.js';
import { chatIdsIn, mentorsOutsideFile, storeProblems } from './roster-store-checks.js';
import { said, type Said } from '../i18n/translate.js';

export type RowOutcome = 'created' | 'updated' | 'unchanged';

export interface RowResult {
  line: number;
  name: string;
  email: string;
  role: Role;
  outcome: RowOutcome;
  /** What changed (or would), said in the reader's language: "end 2027-01-04 → 2027-06-30", "linked Slack T1:U2", "paired with Sam Lee". */
  changes: Said[];
}

export interface ImportSummary {
  created: number;
  updated: number;
  unchanged: number;
  /** Pairings made. */
  paired: number;
  /** Pairings ended because the file names another mentor. */
  unpaired: number;
}

export interface ImportResult {
  ok: boolean;
  dryRun: boolean;
  problems: RosterProblem[];
  rows: RowResult[];
  summary: ImportSummary;
}

const EMPTY_SUMMARY: ImportSummary = { created: 0, updated: 0, unchanged: 0, paired: 0, unpaired: 0 };

class Rollback extends Error {
  constructor(readonly result: ImportResult) {
    super('rollback');
  }
}

type Tx = Prisma.TransactionClient;

/**
 * Validates the rows against each other and the store, then applies them in one transaction.
 * Any problem: nothing is written and the problems come back. `dryRun`: everything is applied
 * and rolled back, so the summary says exactly what an import would do.
 */
export async function importRoster(
  ctx: CoreContext,
  actor: Actor,
  rows: readonly RosterRow[],
  options: RosterOptions & { dryRun?: boolean; fileProblems?: readonly RosterProblem[] } = {},
): Promise<ImportResult> {
  requireCoordinator(actor, said('access.whatFor.importRoster'));
  const dryRun = options.dryRun ?? false;
  const checked = validateRosterRows(rows, options);
  if (checked.problems.length > 0 || (options.fileProblems?.length ?? 0) > 0) {
    // The file has mistakes: still check it against the store (a mistyped mentor email, an id of
    // someone else), read only, so every problem is listed at once.
    const againstStore = await checkAgainstStore(ctx, ctx.db, checked.candidates);
    const problems = sortProblems([...(options.fileProblems ?? []), ...checked.problems, ...againstStore]);
    return { ok: false, dryRun, problems, rows: [], summary: { ...EMPTY_SUMMARY } };
  }
  if (checked.entries.length === 0) {
    return { ok: false, dryRun, problems: [noRowsProblem()], rows: [], summary: { ...EMPTY_SUMMARY } };
  }

  try {
    const result = await ctx.db.$transaction(
      async (tx) => {
        // enroll/pair/unpair open no transaction of their own and are given `tx`, so they run inside
        // this one; the outbox is woken once, after the commit, not by each of them.
        const txCtx: CoreContext = { ...ctx, wakeOutbox: undefined };
        const problems = await checkAgainstStore(txCtx, tx, checked.entries);
        if (problems.length > 0) throw new Rollback({ ok: false, dryRun, problems, rows: [], summary: { ...EMPTY_SUMMARY } });
        const applied = await apply(txCtx, tx, actor, checked.entries);
        const outcome: ImportResult = { ok: true, dryRun, problems: [], ...applied };
        if (dryRun) throw new Rollback(outcome);
        await audit(tx, { programId: ctx.program.id, actorId: actor.personId, action: 'roster.import', detail: { rows: applied.rows.length, ...applied.summary } });
        return outcome;
      },
      { maxWait: 20_000, timeout: 300_000 },
    );
    if (result.summary.created + result.summary.updated + result.summary.paired > 0) ctx.wakeOutbox?.();
    // A roster can change who is reachable (a slack_user_id added, an email corrected): held messages try again.
    await releaseHeldMessages(ctx);
    return result;
  } catch (error) {
    if (error instanceof Rollback) return error.result;
    throw error;
  }
}

async function checkAgainstStore(ctx: CoreContext, tx: Pick<Tx, 'person' | 'chatAccount'>, entries: readonly RosterEntry[]): Promise<RosterProblem[]> {
  const outside = mentorsOutsideFile(entries);
  const storeMentors = outside.length
    ? await tx.person.findMany({
        where: { email: { in: outside }, enrollments: { some: { programId: ctx.program.id, role: 'MENTOR', status: 'ACTIVE' } } },
        select: { email: true },
      })
    : [];
  const ids = chatIdsIn(entries);
  const accounts = ids.length
    ? await tx.chatAccount.findMany({
        where: { OR: ids.map(({ id }) => ({ platform: id.platform, workspaceId: id.workspaceId, userId: id.userId })) },
        select: { platform: true, workspaceId: true, userId: true, person: { select: { email: true, name: true } } },
      })
    : [];
  return storeProblems(entries, {
    program: ctx.program.name,
    enrolledMentors: new Set(storeMentors.map((p) => p.email)),
    accountOwners: new Map(accounts.map((a) => [chatKey(a), a.person])),
  });
}

interface PersonState {
  id: string;
  name: string;
  email: string | null;
  language: string | null;
}

async function apply(ctx: CoreContext, tx: Tx, actor: Actor, entries: readonly RosterEntry[]): Promise<{ rows: RowResult[]; summary: ImportSummary }> {
  const summary: ImportSummary = { ...EMPTY_SUMMARY };
  const people = new Map<string, PersonState>();
  const emails = [...new Set(entries.map((e) => e.email))];
  for (const p of await tx.person.findMany({ where: { email: { in: emails } }, select: { id: true, name: true, email: true, language: true } })) people.set(p.email!, p);

  const results: RowResult[] = [];
  const resultByEntry = new Map<RosterEntry, RowResult>();
  for (const e of entries) {
    const changes: Said[] = [];
    let person = people.get(e.email) ?? (await adoptByChatAccount(tx, e, changes));
    if (person && person.name !== e.name) {
      await tx.person.update({ where: { id: person.id }, data: { name: e.name } });
      changes.push(said('mentorship.rosterImport.changed.name', { from: person.name, to: e.name }));
      person = { ...person, name: e.name };
    }
    const outcome = await applyEnrollment(ctx, tx, actor, e, person, changes);
    person = outcome.person;
    // A language given is the person's own choice; an empty cell leaves whatever they chose (/language) alone.
    if (e.language && person.language !== e.language) {
      await tx.person.update({ where: { id: person.id }, data: { language: e.language } });
      changes.push(said('mentorship.rosterImport.changed.language', { from: person.language ?? NONE, to: e.language }));
      person = { ...person, language: e.language };
    }
    people.set(e.email, person);
    for (const id of [e.slack, e.teams]) if (id) await linkChatAccount(tx, person.id, id, changes);
    const row: RowResult = { line: e.line, name: e.name, email: e.email, role: e.role, outcome: outcome.created ? 'created' : 'unchanged', changes };
    results.push(row);
    resultByEntry.set(e, row);
  }

  for (const e of entries) {
    if (e.role !== 'MENTEE' || !e.mentorEmail) continue;
    const row = resultByEntry.get(e)!;
    const mentee = people.get(e.email)!;
    const mentor = people.get(e.mentorEmail) ?? (await tx.person.findUnique({ where: { email: e.mentorEmail }, select: { id: true, name: true, email: true, language: true } }));
    if (!mentor) continue; // checked before: cannot happen
    const enrollment = await tx.enrollment.findUnique({ where: { programId_personId_role: { programId: ctx.program.id, personId: mentee.id, role: 'MENTEE' } } });
    if (!enrollment || enrollment.status !== 'ACTIVE') continue;
    const active = await tx.pairing.findMany({ where: { AND: [activePairingWhere(ctx), { menteeId: mentee.id }] }, include: { mentor: { select: { name: true } }, _count: { select: { meetings: true } } } });
    if (active.some((p) => p.mentorId === mentor.id)) continue;
    let from = fromDbDate(enrollment.startDate);
    for (const old of active) {
      // The file names another mentor: that pairing ends. One with no meetings was a mistake and goes
      // entirely; one with meetings keeps its history, and the new one starts today.
      await unpair(ctx, actor, old.mentorId, mentee.id, tx);
      if (old._count.meetings === 0) await tx.pairing.delete({ where: { id: old.id } });
      else if (today(ctx) > from) from = today(ctx);
      row.changes.push(said('mentorship.rosterImport.changed.unpaired', { name: old.mentor.name }));
      summary.unpaired++;
    }
    await pair(ctx, actor, mentor.id, mentee.id, from, tx);
    row.changes.push(said('mentorship.rosterImport.changed.paired', { name: mentor.name, from }));
    summary.paired++;
  }

  for (const row of results) {
    if (row.outcome === 'unchanged' && row.changes.length > 0) row.outcome = 'updated';
    summary[row.outcome]++;
  }
  return { rows: results, summary };
}

/** A person first known by a chat account (e.g. a coordinator named by Slack id in the config) gets their email. */
async function adoptByChatAccount(tx: Tx, e: RosterEntry, changes: Said[]): Promise<PersonState | undefined> {
  for (const id of [e.slack, e.teams]) {
    if (!id) continue;
    const account = await tx.chatAccount.findUnique({
      where: { platform_workspaceId_userId: { platform: id.platform, workspaceId: id.workspaceId, userId: id.userId } },
      select: { person: { select: { id: true, name: true, email: true, language: true } } },
    });
    if (account && account.person.email === null) {
      await tx.person.update({ where: { id: account.person.id }, data: { email: e.email } });
      changes.push(said('mentorship.rosterImport.changed.email', { email: e.email }));
      return { ...account.person, email: e.email };
    }
  }
  return undefined;
}

async function applyEnrollment(
  ctx: CoreContext,
  tx: Tx,
  actor: Actor,
  e: RosterEntry,
  person: PersonState | undefined,
  changes: Said[],
): Promise<{ person: PersonState; created: boolean }> {
  const existing = person
    ? await tx.enrollment.findUnique({ where: { programId_personId_role: { programId: ctx.program.id, personId: person.id, role: e.role } } })
    : null;
  // A withdrawn or completed enrollment is left as it is: re-importing last year's file must not revive it.
  if (person && existing && existing.status !== 'ACTIVE') return { person, created: false };

  const start = e.start ?? (existing ? fromDbDate(existing.startDate) : today(ctx));
  const end = e.end ?? (e.role === 'MENTEE' ? defaultEndDate(start, ctx.program.rules.programLengthMonths) : null);
  if (end !== null && end < start) {
    throw new AppError('BAD_INPUT', said('mentorship.rosterFile.endBeforeStart', { line: e.line, end, start, example: EXAMPLES.end }), { end: said('mentorship.rosterFile.line', { line: e.line }) });
  }
  const pathway = e.role === 'COORDINATOR' ? null : e.pathway;
  const cpdSystem: CpdSystem | null = pathway ? defaultCpdSystem(pathway) : null;
  const wanted = { pathway, cpdSystem, startDate: start, endDate: end };

  if (existing) {
    const current = { pathway: existing.pathway, cpdSystem: existing.cpdSystem, startDate: fromDbDate(existing.startDate), endDate: fromDbDateOrNull(existing.endDate) };
    const diff = (Object.keys(wanted) as (keyof typeof wanted)[]).filter((k) => current[k] !== wanted[k]);
    if (diff.length === 0) return { person: person!, created: false };
    for (const k of diff) changes.push(said('mentorship.rosterImport.changed.enrollment', { field: k, from: current[k] ?? NONE, to: wanted[k] ?? NONE }));
  }
  const result = await enroll(ctx, actor, {
    ...(person ? { personId: person.id } : { person: { name: e.name, email: e.email } }),
    role: e.role,
    pathway: pathway ?? undefined,
    cpdSystem: cpdSystem ?? undefined,
    start,
    end: end ?? undefined,
  }, tx);
  if (existing && end === null && existing.endDate !== null) {
    await tx.enrollment.update({ where: { id: result.enrollment.id }, data: { endDate: null } });
  }
  if (existing && pathway === null && existing.pathway !== null) {
    await tx.enrollment.update({ where: { id: result.enrollment.id }, data: { pathway: null, cpdSystem: null } });
  }
  return { person: person ?? { id: result.enrollment.personId, name: e.name, email: e.email, language: null }, created: !existing };
}

/** A value that was or will be empty, in a change. */
const NONE = '—';

async function linkChatAccount(tx: Tx, personId: string, id: ChatId, changes: Said[]): Promise<void> {
  const key = { platform: id.platform, workspaceId: id.workspaceId, userId: id.userId };
  const existing = await tx.chatAccount.findUnique({ where: { platform_workspaceId_userId: key }, select: { personId: true } });
  if (existing?.personId === personId) return;
  if (existing) await tx.chatAccount.update({ where: { platform_workspaceId_userId: key }, data: { personId } });
  else await tx.chatAccount.create({ data: { ...key, personId } });
  changes.push(said('mentorship.rosterImport.changed.linked', { platform: id.platform, account: `${id.workspaceId}:${id.userId}` }));
}
