// Starting a program year from a roster file: every row is checked first (each problem with its
// line, column, what was expected and an example), and only a file without problems is applied,
// in ONE transaction. Applying the same file twice changes nothing; a corrected file updates the
// people, enrollments and pairings it names instead of adding new ones. People in the store but not
// in the file are left alone: a roster adds and corrects, it never removes.
import { isCalendarDate } from '../domain/time.js';
import type { Actor } from '../actor.js';
import { releaseHeldMessages } from './held-messages.js';
import type { CoreContext } from '../context.js';
import { AppError } from '../domain/errors.js';
import { defaultCpdSystem, parsePathway, parseRole, PATHWAY_LABELS, type CpdSystem, type Pathway, type Platform, type Role } from '../domain/enums.js';
import { isEmail } from '../domain/parse/parse-person.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { activePairingWhere, requireCoordinator, today } from './access.js';
import { audit } from './audit.js';
import { fromDbDate, fromDbDateOrNull } from './dates.js';
import { defaultEndDate, enroll, pair, unpair } from './roster.service.js';
import { withoutControls } from '../domain/limits.js';

export const ROSTER_COLUMNS = ['name', 'email', 'role', 'pathway', 'start', 'end', 'mentor_email', 'slack_user_id', 'teams_user_id'] as const;
export type RosterColumn = (typeof ROSTER_COLUMNS)[number];
export const REQUIRED_ROSTER_COLUMNS: readonly RosterColumn[] = ['name', 'email', 'role'];

/** One data row as read from the file: raw text by column, and the line it starts on. */
export interface RosterRow {
  line: number;
  values: Partial<Record<RosterColumn, string>>;
}

export interface RosterProblem {
  line: number;
  /** The column at fault, or 'file' for a problem with the file as a whole. */
  column: RosterColumn | 'file';
  value: string;
  /** What is wrong, what was expected, an example. */
  message: string;
}

export interface ChatId {
  platform: Platform;
  workspaceId: string;
  userId: string;
}

export interface RosterEntry {
  line: number;
  name: string;
  email: string;
  role: Role;
  pathway: Pathway | null;
  start: string | null;
  end: string | null;
  mentorEmail: string | null;
  slack: ChatId | null;
  teams: ChatId | null;
}

export interface RosterOptions {
  /** Slack workspace of bare user ids (`U456`); `T123:U456` names it per row. */
  slackTeamId?: string;
  /** Teams tenant of bare AAD object ids; `<tenant>:<aad-object-id>` names it per row. */
  teamsTenantId?: string;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const SLACK_TEAM = /^[TE][A-Z0-9]{2,}$/;
const SLACK_USER = /^[UW][A-Z0-9]{2,}$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const EXAMPLES: Record<RosterColumn, string> = {
  name: 'Jane Doe',
  email: 'jane.doe@example.org',
  role: 'mentee',
  pathway: 'PRA-MB-FP',
  start: '2026-01-05',
  end: '2027-01-04',
  mentor_email: 'sam.lee@example.org',
  slack_user_id: 'T0123ABCD:U0456EFGH',
  teams_user_id: '72f988bf-86f1-41af-91ab-2d7cd011db47:29f0d3c4-1b2a-4c5d-8e9f-0a1b2c3d4e5f',
};

// Control characters (a NUL PostgreSQL refuses) go, as on every other path (domain/limits.ts).
const cleanText = (text: string | undefined): string => withoutControls(text ?? '').normalize('NFC').replace(/\s+/g, ' ').trim();


/**
 * Checks every row on its own and the file as a whole (duplicates, mentors named); pure.
 * `entries`: the rows to apply, only when there is no problem at all. `candidates`: every row whose
 * name, email and role are valid, with what else parsed (a bad cell is null), so that the checks
 * across rows and against the store still run on a file with mistakes: one pass, every problem.
 */
export function validateRosterRows(
  rows: readonly RosterRow[],
  options: RosterOptions = {},
): { entries: RosterEntry[]; candidates: RosterEntry[]; problems: RosterProblem[] } {
  const problems: RosterProblem[] = [];
  const entries: RosterEntry[] = [];
  const candidates: RosterEntry[] = [];
  const problem = (line: number, column: RosterColumn, value: string, message: string) =>
    problems.push({ line, column, value, message: `${message}, e.g. ${EXAMPLES[column]}` });

  for (const row of rows) {
    const v = (c: RosterColumn) => cleanText(row.values[c]);
    const line = row.line;
    const before = problems.length;

    const name = v('name');
    if (name === '') problem(line, 'name', '', "the name is missing: expected the person's full name");
    else if (name.length > 200) problem(line, 'name', name.slice(0, 40) + '…', 'the name is longer than 200 characters: expected a full name');

    const emailText = v('email');
    const email = emailText.toLowerCase();
    if (emailText === '') problem(line, 'email', '', 'the email is missing: expected an email address');
    else if (!isEmail(emailText)) problem(line, 'email', emailText, `"${emailText}" is not an email address: expected name@domain`);

    const roleText = v('role');
    const role = roleText === '' ? undefined : parseRole(roleText);
    if (roleText === '') problem(line, 'role', '', 'the role is missing: expected mentee, mentor or coordinator');
    else if (!role) problem(line, 'role', roleText, `"${roleText}" is not a role: expected mentee, mentor or coordinator`);

    const pathwayText = v('pathway');
    const pathway = pathwayText === '' ? undefined : parsePathway(pathwayText);
    const pathwayList = Object.values(PATHWAY_LABELS).join(', ');
    if (pathwayText !== '' && !pathway) problem(line, 'pathway', pathwayText, `"${pathwayText}" is not a pathway: expected one of ${pathwayList}`);
    else if (role === 'MENTEE' && pathwayText === '') problem(line, 'pathway', '', `a mentee needs a pathway: expected one of ${pathwayList}`);
    else if (role === 'COORDINATOR' && pathway) problem(line, 'pathway', pathwayText, 'coordinators have no pathway: expected an empty cell');

    const dates: Partial<Record<'start' | 'end', string>> = {};
    for (const column of ['start', 'end'] as const) {
      const text = v(column);
      if (text === '') continue;
      if (!ISO_DATE.test(text)) problem(line, column, text, `"${text}" is not a date written YYYY-MM-DD: expected year-month-day`);
      else if (!isCalendarDate(text)) problem(line, column, text, `"${text}" is not a real date: expected a day that exists, written YYYY-MM-DD`);
      else dates[column] = text;
    }
    if (dates.start && dates.end && dates.end < dates.start) {
      problem(line, 'end', dates.end, `the end ${dates.end} is before the start ${dates.start}: expected a date after the start`);
    }

    const mentorText = v('mentor_email');
    let mentorEmail: string | null = mentorText === '' ? null : mentorText.toLowerCase();
    if (mentorText !== '') {
      const fault =
        role && role !== 'MENTEE'
          ? 'only mentees have a mentor: expected an empty cell on a mentor or coordinator row'
          : !isEmail(mentorText)
            ? `"${mentorText}" is not an email address: expected the mentor's email`
            : mentorEmail === email
              ? "a mentee cannot be their own mentor: expected the mentor's email"
              : undefined;
      if (fault) {
        problem(line, 'mentor_email', mentorText, fault);
        mentorEmail = null;
      }
    }

    const slack = parseSlackId(v('slack_user_id'), options.slackTeamId, (message) => problem(line, 'slack_user_id', v('slack_user_id'), message));
    const teams = parseTeamsId(v('teams_user_id'), options.teamsTenantId, (message) => problem(line, 'teams_user_id', v('teams_user_id'), message));

    const nameAndEmailValid = name !== '' && name.length <= 200 && isEmail(emailText);
    if (nameAndEmailValid && role) {
      const entry: RosterEntry = {
        line,
        name,
        email,
        role,
        pathway: pathway ?? null,
        start: dates.start ?? null,
        end: dates.end ?? null,
        mentorEmail,
        slack: slack ?? null,
        teams: teams ?? null,
      };
      candidates.push(entry);
      if (problems.length === before) entries.push(entry);
    }
  }

  problems.push(...crossCheck(candidates));
  sortProblems(problems);
  return { entries: problems.length === 0 ? entries : [], candidates, problems };
}

function sortProblems(problems: RosterProblem[]): RosterProblem[] {
  const order = (column: RosterProblem['column']) => (column === 'file' ? -1 : ROSTER_COLUMNS.indexOf(column));
  return problems.sort((a, b) => a.line - b.line || order(a.column) - order(b.column));
}

function parseSlackId(text: string, defaultTeam: string | undefined, fail: (message: string) => void): ChatId | undefined {
  if (text === '') return undefined;
  const [team, user] = text.includes(':') ? text.split(':', 2).map((s) => s.trim().toUpperCase()) : [defaultTeam?.toUpperCase(), text.toUpperCase()];
  if (!team) {
    fail(`"${text}" has no Slack workspace: expected TEAM:USER (or set SLACK_TEAM_ID for bare user ids)`);
    return undefined;
  }
  if (!SLACK_TEAM.test(team) || !SLACK_USER.test(user ?? '')) {
    fail(`"${text}" is not a Slack id: expected the workspace id (T…) and the member id (U… or W…) joined by a colon`);
    return undefined;
  }
  return { platform: 'SLACK', workspaceId: team, userId: user! };
}

function parseTeamsId(text: string, defaultTenant: string | undefined, fail: (message: string) => void): ChatId | undefined {
  if (text === '') return undefined;
  const parts = text.split(':').map((s) => s.trim().toLowerCase());
  const [tenant, user] = parts.length === 2 ? parts : [defaultTenant?.toLowerCase(), parts[0]];
  if (parts.length > 2) {
    fail(`"${text}" is not a Teams id: expected the tenant id and the user's Azure AD object id joined by a colon`);
    return undefined;
  }
  if (!tenant) {
    fail(`"${text}" has no Teams tenant: expected TENANT:AAD-OBJECT-ID (or set TEAMS_APP_TENANT_ID for bare object ids)`);
    return undefined;
  }
  if (!GUID.test(tenant) || !GUID.test(user ?? '')) {
    fail(`"${text}" is not a Teams id: expected the tenant id and the user's Azure AD object id (both GUIDs) joined by a colon`);
    return undefined;
  }
  return { platform: 'TEAMS', workspaceId: tenant, userId: user! };
}

const chatKey = (id: ChatId) => `${id.platform}:${id.workspaceId}:${id.userId}`;

/** What only the whole file shows: a person twice in one role, two names for one email, one chat id for two people. */
function crossCheck(entries: readonly RosterEntry[]): RosterProblem[] {
  const problems: RosterProblem[] = [];
  const byEmailRole = new Map<string, number>();
  const firstByEmail = new Map<string, RosterEntry>();
  const chatOwner = new Map<string, RosterEntry>();
  for (const e of entries) {
    const key = `${e.email}|${e.role}`;
    const seen = byEmailRole.get(key);
    if (seen !== undefined) {
      problems.push({ line: e.line, column: 'email', value: e.email, message: `${e.email} is already a ${e.role.toLowerCase()} on line ${seen}: expected each person once per role (a second role goes on its own row), e.g. ${EXAMPLES.email}` });
    } else byEmailRole.set(key, e.line);

    const first = firstByEmail.get(e.email);
    if (first && first.name !== e.name) {
      problems.push({ line: e.line, column: 'name', value: e.name, message: `line ${first.line} names ${e.email} "${first.name}": expected the same name on every row of one person, e.g. ${first.name}` });
    } else if (!first) firstByEmail.set(e.email, e);

    for (const [column, id] of [['slack_user_id', e.slack], ['teams_user_id', e.teams]] as const) {
      if (!id) continue;
      const owner = chatOwner.get(chatKey(id));
      if (owner && owner.email !== e.email) {
        problems.push({ line: e.line, column, value: `${id.workspaceId}:${id.userId}`, message: `this id is already given to ${owner.email} on line ${owner.line}: expected each chat account on one person only, e.g. ${EXAMPLES[column]}` });
      } else if (!owner) chatOwner.set(chatKey(id), e);
    }
    if (first && first !== e) {
      for (const [column, mine, theirs] of [['slack_user_id', e.slack, first.slack], ['teams_user_id', e.teams, first.teams]] as const) {
        if (mine && theirs && chatKey(mine) !== chatKey(theirs)) {
          problems.push({ line: e.line, column, value: `${mine.workspaceId}:${mine.userId}`, message: `line ${first.line} gives ${e.email} another ${column === 'slack_user_id' ? 'Slack' : 'Teams'} id: expected the same id on every row of one person, e.g. ${theirs.workspaceId}:${theirs.userId}` });
        }
      }
    }
  }
  return problems;
}

export type RowOutcome = 'created' | 'updated' | 'unchanged';

export interface RowResult {
  line: number;
  name: string;
  email: string;
  role: Role;
  outcome: RowOutcome;
  /** What changed (or would), in words: "end 2027-01-04 → 2027-06-30", "linked Slack T1:U2", "paired with Sam Lee". */
  changes: string[];
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
  requireCoordinator(actor, 'import a roster');
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
    return { ok: false, dryRun, problems: [{ line: 1, column: 'file', value: '', message: `the file has no rows under its header: expected one row per person, e.g. Jane Doe,jane.doe@example.org,mentee,PRA-MB-FP,2026-01-05,,sam.lee@example.org,,` }], rows: [], summary: { ...EMPTY_SUMMARY } };
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
  const problems: RosterProblem[] = [];
  const mentorsInFile = new Set(entries.filter((e) => e.role === 'MENTOR').map((e) => e.email));
  const outside = [...new Set(entries.map((e) => e.mentorEmail).filter((m): m is string => m !== null && !mentorsInFile.has(m)))];
  const storeMentors = outside.length
    ? await tx.person.findMany({
        where: { email: { in: outside }, enrollments: { some: { programId: ctx.program.id, role: 'MENTOR', status: 'ACTIVE' } } },
        select: { email: true },
      })
    : [];
  const known = new Set(storeMentors.map((p) => p.email));
  for (const e of entries) {
    if (e.mentorEmail && !mentorsInFile.has(e.mentorEmail) && !known.has(e.mentorEmail)) {
      problems.push({
        line: e.line,
        column: 'mentor_email',
        value: e.mentorEmail,
        message: `${e.mentorEmail} is not a mentor in this file nor an active mentor of ${ctx.program.name}: expected the email of a mentor on a row with role mentor, e.g. ${EXAMPLES.mentor_email}`,
      });
    }
  }

  const ids = entries.flatMap((e) => [e.slack, e.teams].filter((id): id is ChatId => id !== null).map((id) => ({ id, e })));
  if (ids.length) {
    const accounts = await tx.chatAccount.findMany({
      where: { OR: ids.map(({ id }) => ({ platform: id.platform, workspaceId: id.workspaceId, userId: id.userId })) },
      select: { platform: true, workspaceId: true, userId: true, person: { select: { email: true, name: true } } },
    });
    const owner = new Map(accounts.map((a) => [chatKey(a), a.person]));
    for (const { id, e } of ids) {
      const person = owner.get(chatKey(id));
      if (person && person.email !== null && person.email !== e.email) {
        problems.push({
          line: e.line,
          column: id.platform === 'SLACK' ? 'slack_user_id' : 'teams_user_id',
          value: `${id.workspaceId}:${id.userId}`,
          message: `this chat account already belongs to ${person.name} (${person.email}): expected the id of ${e.email}'s own account, e.g. ${EXAMPLES[id.platform === 'SLACK' ? 'slack_user_id' : 'teams_user_id']}`,
        });
      }
    }
  }
  return problems.sort((a, b) => a.line - b.line);
}

interface PersonState {
  id: string;
  name: string;
  email: string | null;
}

async function apply(ctx: CoreContext, tx: Tx, actor: Actor, entries: readonly RosterEntry[]): Promise<{ rows: RowResult[]; summary: ImportSummary }> {
  const summary: ImportSummary = { ...EMPTY_SUMMARY };
  const people = new Map<string, PersonState>();
  const emails = [...new Set(entries.map((e) => e.email))];
  for (const p of await tx.person.findMany({ where: { email: { in: emails } }, select: { id: true, name: true, email: true } })) people.set(p.email!, p);

  const results: RowResult[] = [];
  const resultByEntry = new Map<RosterEntry, RowResult>();
  for (const e of entries) {
    const changes: string[] = [];
    let person = people.get(e.email) ?? (await adoptByChatAccount(tx, e, changes));
    if (person && person.name !== e.name) {
      await tx.person.update({ where: { id: person.id }, data: { name: e.name } });
      changes.push(`name "${person.name}" → "${e.name}"`);
      person = { ...person, name: e.name };
    }
    const outcome = await applyEnrollment(ctx, tx, actor, e, person, changes);
    person = outcome.person;
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
    const mentor = people.get(e.mentorEmail) ?? (await tx.person.findUnique({ where: { email: e.mentorEmail }, select: { id: true, name: true, email: true } }));
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
      row.changes.push(`no longer paired with ${old.mentor.name}`);
      summary.unpaired++;
    }
    await pair(ctx, actor, mentor.id, mentee.id, from, tx);
    row.changes.push(`paired with ${mentor.name} from ${from}`);
    summary.paired++;
  }

  for (const row of results) {
    if (row.outcome === 'unchanged' && row.changes.length > 0) row.outcome = 'updated';
    summary[row.outcome]++;
  }
  return { rows: results, summary };
}

/** A person first known by a chat account (e.g. a coordinator named by Slack id in the config) gets their email. */
async function adoptByChatAccount(tx: Tx, e: RosterEntry, changes: string[]): Promise<PersonState | undefined> {
  for (const id of [e.slack, e.teams]) {
    if (!id) continue;
    const account = await tx.chatAccount.findUnique({
      where: { platform_workspaceId_userId: { platform: id.platform, workspaceId: id.workspaceId, userId: id.userId } },
      select: { person: { select: { id: true, name: true, email: true } } },
    });
    if (account && account.person.email === null) {
      await tx.person.update({ where: { id: account.person.id }, data: { email: e.email } });
      changes.push(`email ${e.email}`);
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
  changes: string[],
): Promise<{ person: PersonState; created: boolean }> {
  const existing = person
    ? await tx.enrollment.findUnique({ where: { programId_personId_role: { programId: ctx.program.id, personId: person.id, role: e.role } } })
    : null;
  // A withdrawn or completed enrollment is left as it is: re-importing last year's file must not revive it.
  if (person && existing && existing.status !== 'ACTIVE') return { person, created: false };

  const start = e.start ?? (existing ? fromDbDate(existing.startDate) : today(ctx));
  const end = e.end ?? (e.role === 'MENTEE' ? defaultEndDate(start, ctx.program.rules.programLengthMonths) : null);
  if (end !== null && end < start) {
    throw new AppError('BAD_INPUT', `Line ${e.line}, column end: the end ${end} is before the start ${start}, e.g. ${EXAMPLES.end}`, { end: `line ${e.line}` });
  }
  const pathway = e.role === 'COORDINATOR' ? null : e.pathway;
  const cpdSystem: CpdSystem | null = pathway ? defaultCpdSystem(pathway) : null;
  const wanted = { pathway, cpdSystem, startDate: start, endDate: end };

  if (existing) {
    const current = { pathway: existing.pathway, cpdSystem: existing.cpdSystem, startDate: fromDbDate(existing.startDate), endDate: fromDbDateOrNull(existing.endDate) };
    const diff = (Object.keys(wanted) as (keyof typeof wanted)[]).filter((k) => current[k] !== wanted[k]);
    if (diff.length === 0) return { person: person!, created: false };
    for (const k of diff) changes.push(`${LABEL[k]} ${current[k] ?? '—'} → ${wanted[k] ?? '—'}`);
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
  return { person: person ?? { id: result.enrollment.personId, name: e.name, email: e.email }, created: !existing };
}

const LABEL = { pathway: 'pathway', cpdSystem: 'CPD system', startDate: 'start', endDate: 'end' } as const;

async function linkChatAccount(tx: Tx, personId: string, id: ChatId, changes: string[]): Promise<void> {
  const key = { platform: id.platform, workspaceId: id.workspaceId, userId: id.userId };
  const existing = await tx.chatAccount.findUnique({ where: { platform_workspaceId_userId: key }, select: { personId: true } });
  if (existing?.personId === personId) return;
  if (existing) await tx.chatAccount.update({ where: { platform_workspaceId_userId: key }, data: { personId } });
  else await tx.chatAccount.create({ data: { ...key, personId } });
  changes.push(`linked ${id.platform === 'SLACK' ? 'Slack' : 'Teams'} ${id.workspaceId}:${id.userId}`);
}
