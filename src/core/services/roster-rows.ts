// A roster file's rows checked on their own and against each other, pure (no store, no clock): each
// problem with its line, column, what was expected and an example. roster-store-checks.ts checks the
// entries against the store's facts; roster-import.service.ts reads those and applies a file without
// problems in one transaction.
import { isCalendarDate } from '../domain/time.js';
import { parsePathway, parseRole, PATHWAY_LABELS, type Pathway, type Platform, type Role } from '../domain/enums.js';
import { isEmail } from '../domain/parse/parse-person.js';
import { withoutControls } from '../domain/limits.js';
import { languageOf, type Locale } from '../i18n/locale.js';
import { said, t, type MessageKey, type MessageValues, type Said } from '../i18n/translate.js';

/** The columns a roster file may have; `language` is optional and comes last (DESIGN.md "Roster file columns"). */
export const ROSTER_COLUMNS = ['name', 'email', 'role', 'pathway', 'start', 'end', 'mentor_email', 'slack_user_id', 'teams_user_id', 'language'] as const;
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
  /** What is wrong, what was expected, an example: in English (logs, tests, the command line's default). */
  message: string;
  /** The same in any reader's language; absent only for a problem worded outside the catalogue (the CSV reader's). */
  said?: Said;
}

/** A problem, its English message written from its catalogue text. */
export const rosterProblem = (line: number, column: RosterColumn | 'file', value: string, key: MessageKey, values?: MessageValues): RosterProblem => {
  const text = said(key, values);
  return { line, column, value, message: t('en', key, values), said: text };
};

/** A file with a header but no data row: what a row looks like. */
export const noRowsProblem = (): RosterProblem =>
  rosterProblem(1, 'file', '', 'mentorship.rosterFile.noRows', { example: 'Jane Doe,jane.doe@example.org,mentee,PRA-MB-FP,2026-01-05,,sam.lee@example.org,,' });

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
  /** The person's own choice of language (Person.language); null when the cell is empty. */
  language: Locale | null;
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

export const EXAMPLES: Record<RosterColumn, string> = {
  name: 'Jane Doe',
  email: 'jane.doe@example.org',
  role: 'mentee',
  pathway: 'PRA-MB-FP',
  start: '2026-01-05',
  end: '2027-01-04',
  mentor_email: 'sam.lee@example.org',
  slack_user_id: 'T0123ABCD:U0456EFGH',
  teams_user_id: '72f988bf-86f1-41af-91ab-2d7cd011db47:29f0d3c4-1b2a-4c5d-8e9f-0a1b2c3d4e5f',
  language: 'fr',
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
  const problem = (line: number, column: RosterColumn, value: string, key: MessageKey, values: MessageValues = {}) =>
    problems.push(rosterProblem(line, column, value, key, { ...values, example: EXAMPLES[column] }));

  for (const row of rows) {
    const v = (c: RosterColumn) => cleanText(row.values[c]);
    const line = row.line;
    const before = problems.length;

    const name = v('name');
    if (name === '') problem(line, 'name', '', 'mentorship.roster.nameMissing');
    else if (name.length > 200) problem(line, 'name', name.slice(0, 40) + '…', 'mentorship.roster.nameTooLong');

    const emailText = v('email');
    const email = emailText.toLowerCase();
    if (emailText === '') problem(line, 'email', '', 'mentorship.roster.emailMissing');
    else if (!isEmail(emailText)) problem(line, 'email', emailText, 'mentorship.roster.notAnEmail', { value: emailText });

    const roleText = v('role');
    const role = roleText === '' ? undefined : parseRole(roleText);
    if (roleText === '') problem(line, 'role', '', 'mentorship.roster.roleMissing');
    else if (!role) problem(line, 'role', roleText, 'mentorship.roster.notARole', { value: roleText });

    const pathwayText = v('pathway');
    const pathway = pathwayText === '' ? undefined : parsePathway(pathwayText);
    const pathwayList = Object.values(PATHWAY_LABELS).join(', ');
    if (pathwayText !== '' && !pathway) problem(line, 'pathway', pathwayText, 'mentorship.roster.notAPathway', { value: pathwayText, pathways: pathwayList });
    else if (role === 'MENTEE' && pathwayText === '') problem(line, 'pathway', '', 'mentorship.roster.pathwayMissing', { pathways: pathwayList });
    else if (role === 'COORDINATOR' && pathway) problem(line, 'pathway', pathwayText, 'mentorship.roster.coordinatorPathway');

    const dates: Partial<Record<'start' | 'end', string>> = {};
    for (const column of ['start', 'end'] as const) {
      const text = v(column);
      if (text === '') continue;
      if (!ISO_DATE.test(text)) problem(line, column, text, 'mentorship.roster.notIsoDate', { value: text });
      else if (!isCalendarDate(text)) problem(line, column, text, 'mentorship.roster.notARealDate', { value: text });
      else dates[column] = text;
    }
    if (dates.start && dates.end && dates.end < dates.start) {
      problem(line, 'end', dates.end, 'mentorship.roster.rowEndBeforeStart', { end: dates.end, start: dates.start });
    }

    const mentorText = v('mentor_email');
    let mentorEmail: string | null = mentorText === '' ? null : mentorText.toLowerCase();
    if (mentorText !== '') {
      const fault: MessageKey | undefined =
        role && role !== 'MENTEE'
          ? 'mentorship.roster.mentorOnlyForMentees'
          : !isEmail(mentorText)
            ? 'mentorship.roster.mentorNotAnEmail'
            : mentorEmail === email
              ? 'mentorship.roster.ownMentor'
              : undefined;
      if (fault) {
        problem(line, 'mentor_email', mentorText, fault, { value: mentorText });
        mentorEmail = null;
      }
    }

    const slack = parseSlackId(v('slack_user_id'), options.slackTeamId, (key) => problem(line, 'slack_user_id', v('slack_user_id'), key, { value: v('slack_user_id') }));
    const teams = parseTeamsId(v('teams_user_id'), options.teamsTenantId, (key) => problem(line, 'teams_user_id', v('teams_user_id'), key, { value: v('teams_user_id') }));

    // en or fr (English, French, français…); an empty cell is no choice: the platform's, else the program's.
    const languageText = v('language');
    const language = languageText === '' ? null : (languageOf(languageText) ?? null);
    if (languageText !== '' && !language) problem(line, 'language', languageText, 'mentorship.roster.notALanguage', { value: languageText });

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
        language,
      };
      candidates.push(entry);
      if (problems.length === before) entries.push(entry);
    }
  }

  problems.push(...crossCheck(candidates));
  sortProblems(problems);
  return { entries: problems.length === 0 ? entries : [], candidates, problems };
}

export function sortProblems(problems: RosterProblem[]): RosterProblem[] {
  const order = (column: RosterProblem['column']) => (column === 'file' ? -1 : ROSTER_COLUMNS.indexOf(column));
  return problems.sort((a, b) => a.line - b.line || order(a.column) - order(b.column));
}

function parseSlackId(text: string, defaultTeam: string | undefined, fail: (key: MessageKey) => void): ChatId | undefined {
  if (text === '') return undefined;
  const [team, user] = text.includes(':') ? text.split(':', 2).map((s) => s.trim().toUpperCase()) : [defaultTeam?.toUpperCase(), text.toUpperCase()];
  if (!team) {
    fail('mentorship.roster.slackNoWorkspace');
    return undefined;
  }
  if (!SLACK_TEAM.test(team) || !SLACK_USER.test(user ?? '')) {
    fail('mentorship.roster.notASlackId');
    return undefined;
  }
  return { platform: 'SLACK', workspaceId: team, userId: user! };
}

function parseTeamsId(text: string, defaultTenant: string | undefined, fail: (key: MessageKey) => void): ChatId | undefined {
  if (text === '') return undefined;
  const parts = text.split(':').map((s) => s.trim().toLowerCase());
  const [tenant, user] = parts.length === 2 ? parts : [defaultTenant?.toLowerCase(), parts[0]];
  if (parts.length > 2) {
    fail('mentorship.roster.teamsTooManyParts');
    return undefined;
  }
  if (!tenant) {
    fail('mentorship.roster.teamsNoTenant');
    return undefined;
  }
  if (!GUID.test(tenant) || !GUID.test(user ?? '')) {
    fail('mentorship.roster.notATeamsId');
    return undefined;
  }
  return { platform: 'TEAMS', workspaceId: tenant, userId: user! };
}

export const chatKey = (id: ChatId) => `${id.platform}:${id.workspaceId}:${id.userId}`;

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
      problems.push(rosterProblem(e.line, 'email', e.email, 'mentorship.roster.twiceInRole', { email: e.email, role: e.role, first: seen, example: EXAMPLES.email }));
    } else byEmailRole.set(key, e.line);

    const first = firstByEmail.get(e.email);
    if (first && first.name !== e.name) {
      problems.push(rosterProblem(e.line, 'name', e.name, 'mentorship.roster.otherName', { first: first.line, email: e.email, name: first.name, example: first.name }));
    } else if (!first) firstByEmail.set(e.email, e);

    for (const [column, id] of [['slack_user_id', e.slack], ['teams_user_id', e.teams]] as const) {
      if (!id) continue;
      const owner = chatOwner.get(chatKey(id));
      if (owner && owner.email !== e.email) {
        problems.push(rosterProblem(e.line, column, `${id.workspaceId}:${id.userId}`, 'mentorship.roster.idOfAnother', { email: owner.email, first: owner.line, example: EXAMPLES[column] }));
      } else if (!owner) chatOwner.set(chatKey(id), e);
    }
    if (first && first !== e) {
      for (const [column, mine, theirs] of [['slack_user_id', e.slack, first.slack], ['teams_user_id', e.teams, first.teams]] as const) {
        if (mine && theirs && chatKey(mine) !== chatKey(theirs)) {
          problems.push(
            rosterProblem(e.line, column, `${mine.workspaceId}:${mine.userId}`, 'mentorship.roster.anotherId', {
              first: first.line,
              email: e.email,
              platform: column === 'slack_user_id' ? 'SLACK' : 'TEAMS',
              example: `${theirs.workspaceId}:${theirs.userId}`,
            }),
          );
        }
      }
    }
  }
  return problems;
}
