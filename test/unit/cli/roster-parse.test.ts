import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { detectSeparator, parseCsv } from '../../../src/cli/csv.js';
import { formatProblem, readRosterCsv } from '../../../src/cli/roster-file.js';
import { validateRosterRows, type RosterProblem, type RosterRow } from '../../../src/core/services/roster-rows.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/rosters/${name}`, import.meta.url), 'utf8');
const HEADER = 'name,email,role,pathway,start,end,mentor_email,slack_user_id,teams_user_id';
const MENTOR = 'Sam Lee,sam.lee@example.org,mentor,,2026-01-05,,,,';

/** Validates a file made of the header, a valid mentor and the given rows (the mentor is line 2). */
function problemsOf(rows: string[], options = {}): RosterProblem[] {
  const file = readRosterCsv([HEADER, MENTOR, ...rows].join('\n'));
  expect(file.problems).toEqual([]);
  return validateRosterRows(file.rows, options).problems;
}

function expectOneProblem(row: string, column: string, words: RegExp, options = {}): RosterProblem {
  const problems = problemsOf([row], options);
  expect(problems).toHaveLength(1);
  const p = problems[0]!;
  expect(p.line).toBe(3);
  expect(p.column).toBe(column);
  expect(p.message).toMatch(words);
  expect(p.message).toMatch(/expected/);
  expect(p.message).toMatch(/e\.g\. \S+/);
  return p;
}

describe('CSV parsing', () => {
  it('strips a UTF-8 byte order mark so the first column is still "name"', () => {
    const table = parseCsv('\uFEFFname,email\nA,a@example.org\n');
    expect(table.header?.fields).toEqual(['name', 'email']);
  });

  it('detects semicolons as the separator when the header uses them', () => {
    expect(detectSeparator('name;email;role\n')).toBe(';');
    expect(detectSeparator('name,email,role\n')).toBe(',');
    // A semicolon inside a quoted header cell does not count.
    expect(detectSeparator('"a;b;c",d,e\n')).toBe(',');
  });

  it('keeps separators, doubled quotes and line breaks inside quoted values', () => {
    const table = parseCsv('name,notes\r\n"Doe, Jane","She said ""hi""\r\nand left"\r\nNext,row\r\n');
    expect(table.records).toEqual([
      { line: 2, fields: ['Doe, Jane', 'She said "hi"\nand left'] },
      // The quoted line break moved the next record to line 4.
      { line: 4, fields: ['Next', 'row'] },
    ]);
  });

  it('keeps accented names exactly, and skips blank lines', () => {
    const table = parseCsv('name\n\nAmélie Côté\n  \nNguyễn Thảo\nSiobhán Ødegård\n\n');
    expect(table.records.map((r) => r.fields[0])).toEqual(['Amélie Côté', 'Nguyễn Thảo', 'Siobhán Ødegård']);
    expect(table.records.map((r) => r.line)).toEqual([3, 5, 6]);
  });

  it('reports a quote that is never closed, with the line it opened on', () => {
    const table = parseCsv('name,email\n"Jane Doe,jane@example.org\nSam,sam@example.org\n');
    expect(table.problems).toHaveLength(1);
    expect(table.problems[0]!.line).toBe(2);
    expect(table.problems[0]!.message).toMatch(/never closed/);
  });
});

describe('roster file header', () => {
  it('reads the clean fixture (BOM, CRLF, quotes, accents) into rows by column', () => {
    const file = readRosterCsv(fixture('clean.csv'));
    expect(file.problems).toEqual([]);
    expect(file.separator).toBe(',');
    expect(file.rows.map((r) => r.values.name)).toEqual([
      'Dr. Amélie Côté',
      'Nguyễn, Thảo',
      'José Müller',
      "Siobhán O'Brien",
      "Siobhán O'Brien",
      'Ola "the new one" Ødegård',
    ]);
    expect(file.rows[1]!.values.mentor_email).toBe('amelie.cote@example.org');
  });

  it('reads the semicolon fixture the same way', () => {
    const file = readRosterCsv(fixture('corrected.csv'));
    expect(file.problems).toEqual([]);
    expect(file.separator).toBe(';');
    expect(file.rows).toHaveLength(6);
    expect(file.rows[1]!.values.name).toBe('Nguyễn, Thảo');
  });

  it('accepts headers written the way people write them', () => {
    const file = readRosterCsv('Name,E-mail,Role,Pathway,Start date,Mentor email,Slack ID\nJane,jane@example.org,mentee,FP,2026-01-05,sam@example.org,T1:U1\n');
    expect(file.problems).toEqual([]);
    expect(file.rows[0]!.values).toMatchObject({ email: 'jane@example.org', start: '2026-01-05', mentor_email: 'sam@example.org', slack_user_id: 'T1:U1' });
  });

  it('names an unknown column and a missing required one on line 1', () => {
    const file = readRosterCsv('name,mail,role,mentor_mail\nJane,jane@example.org,mentee,\n');
    const messages = file.problems.map(formatProblem);
    expect(messages).toEqual([
      expect.stringMatching(/^line 1: column 2 is "mail", which is not a roster column: expected one of name, email/),
      expect.stringMatching(/^line 1: column 4 is "mentor_mail"/),
      expect.stringMatching(/^line 1: the header has no email column/),
    ]);
  });

  it('reports a row with more values than columns (an unquoted comma in a name)', () => {
    const file = readRosterCsv(`${HEADER}\nDoe, Jane,jane@example.org,mentee,FP,2026-01-05,,,,T1AB:U1AB\n`);
    expect(file.problems).toHaveLength(1);
    expect(file.problems[0]).toMatchObject({ line: 2 });
    expect(file.problems[0]!.message).toMatch(/10 values but the header 9 columns.*double quotes/);
  });

  it('reports an empty file', () => {
    expect(readRosterCsv('\uFEFF').problems[0]!.message).toMatch(/empty: expected a header row/);
  });
});

describe('roster rows: every kind of bad row says line, column, what was expected and an example', () => {
  it('accepts a clean file and normalises values', () => {
    const file = readRosterCsv(fixture('clean.csv'));
    const { entries, problems } = validateRosterRows(file.rows);
    expect(problems).toEqual([]);
    expect(entries).toHaveLength(6);
    expect(entries[0]).toMatchObject({ line: 2, role: 'MENTOR', pathway: 'PRA_MB_FP', slack: { platform: 'SLACK', workspaceId: 'T0001', userId: 'U0AMELIE' } });
    expect(entries[2]).toMatchObject({ line: 4, role: 'MENTEE', pathway: 'PRA_MB_SP', end: '2026-12-31', teams: { platform: 'TEAMS', workspaceId: '72f988bf-86f1-41af-91ab-2d7cd011db47' } });
    expect(entries[4]).toMatchObject({ role: 'COORDINATOR', pathway: null, email: 'siobhan.obrien@example.org' });
  });

  it('drops control characters (a NUL PostgreSQL would refuse) from every value', () => {
    const file = readRosterCsv([HEADER, MENTOR, 'Jane\u0000 Doe\u0007,jane@example.org,mentee,FP,2026-01-05,,,,'].join('\n'));
    const { entries, problems } = validateRosterRows(file.rows);
    expect(problems).toEqual([]);
    expect(entries[1]).toMatchObject({ name: 'Jane Doe', email: 'jane@example.org' });
  });

  it('a missing name', () => expectOneProblem(',jane@example.org,mentee,FP,2026-01-05,,,,', 'name', /name is missing/));
  it('a missing email', () => expectOneProblem('Jane,,mentee,FP,2026-01-05,,,,', 'email', /email is missing/));
  it('a malformed email', () => expectOneProblem('Jane,jane(at)example.org,mentee,FP,2026-01-05,,,,', 'email', /"jane\(at\)example\.org" is not an email/));
  it('an unknown role', () => expectOneProblem('Jane,jane@example.org,mentr,FP,2026-01-05,,,,', 'role', /"mentr" is not a role: expected mentee, mentor or coordinator/));
  it('a missing role', () => expectOneProblem('Jane,jane@example.org,,FP,2026-01-05,,,,', 'role', /role is missing/));
  it('a mentee without a pathway', () => expectOneProblem('Jane,jane@example.org,mentee,,2026-01-05,,,,', 'pathway', /a mentee needs a pathway: expected one of PRA MB-FP, MLPIMG, PRA MB-SP/));
  it('an unknown pathway', () => expectOneProblem('Jane,jane@example.org,mentee,PRA-XY,2026-01-05,,,,', 'pathway', /"PRA-XY" is not a pathway/));
  it('a coordinator with a pathway', () => expectOneProblem('Jane,jane@example.org,coordinator,FP,,,,,', 'pathway', /coordinators have no pathway/));
  it('a date in another format', () => expectOneProblem('Jane,jane@example.org,mentee,FP,05/01/2026,,,,', 'start', /"05\/01\/2026" is not a date written YYYY-MM-DD/));
  it('a date that does not exist', () => expectOneProblem('Jane,jane@example.org,mentee,FP,2026-01-05,2026-02-30,,,', 'end', /"2026-02-30" is not a real date/));
  it('an end before the start', () => expectOneProblem('Jane,jane@example.org,mentee,FP,2026-06-01,2026-01-01,,,', 'end', /end 2026-01-01 is before the start 2026-06-01/));
  it('a malformed mentor email', () => expectOneProblem('Jane,jane@example.org,mentee,FP,2026-01-05,,sam.lee,,', 'mentor_email', /"sam\.lee" is not an email/));
  it('a mentor email on a mentor row', () => expectOneProblem('Jo,jo@example.org,mentor,,2026-01-05,,sam.lee@example.org,,', 'mentor_email', /only mentees have a mentor/));
  it('a mentee who is their own mentor', () => expectOneProblem('Jane,jane@example.org,mentee,FP,2026-01-05,,jane@example.org,,', 'mentor_email', /cannot be their own mentor/));
  it('a bare Slack id without SLACK_TEAM_ID', () => expectOneProblem('Jane,jane@example.org,mentee,FP,2026-01-05,,,U0456EFGH,', 'slack_user_id', /has no Slack workspace: expected TEAM:USER \(or set SLACK_TEAM_ID/));
  it('a Slack id that is not one', () => expectOneProblem('Jane,jane@example.org,mentee,FP,2026-01-05,,,T01:jane,', 'slack_user_id', /is not a Slack id/));
  it('a Teams id that is not a pair of GUIDs', () => expectOneProblem('Jane,jane@example.org,mentee,FP,2026-01-05,,,,29:1abc', 'teams_user_id', /is not a Teams id/));
  it('a bare Teams object id without a tenant', () =>
    expectOneProblem('Jane,jane@example.org,mentee,FP,2026-01-05,,,,29f0d3c4-1b2a-4c5d-8e9f-0a1b2c3d4e5f', 'teams_user_id', /has no Teams tenant/));

  it('a bare Slack id is accepted in the workspace SLACK_TEAM_ID names', () => {
    const file = readRosterCsv(`${HEADER}\nJane,jane@example.org,mentee,FP,2026-01-05,,,u0456efgh,\n`);
    const { entries, problems } = validateRosterRows(file.rows, { slackTeamId: 'T0123ABCD' });
    expect(problems).toEqual([]);
    expect(entries[0]!.slack).toEqual({ platform: 'SLACK', workspaceId: 'T0123ABCD', userId: 'U0456EFGH' });
  });

  it('the same person twice in one role', () => {
    const problems = problemsOf(['Jane,jane@example.org,mentee,FP,2026-01-05,,,,', 'Jane,JANE@example.org,mentee,FP,2026-01-05,,,,']);
    expect(problems).toEqual([expect.objectContaining({ line: 4, column: 'email', message: expect.stringMatching(/already a mentee on line 3/) })]);
  });

  it('one email with two different names', () => {
    const problems = problemsOf(['Jane Doe,jane@example.org,mentor,,2026-01-05,,,,', 'Janet Doe,jane@example.org,coordinator,,2026-01-05,,,,']);
    expect(problems).toEqual([expect.objectContaining({ line: 4, column: 'name', message: expect.stringMatching(/line 3 names jane@example.org "Jane Doe"/) })]);
  });

  it('one chat account given to two people', () => {
    const problems = problemsOf(['Jane,jane@example.org,mentee,FP,2026-01-05,,,T1AB:U1AB,', 'Jo,jo@example.org,mentee,FP,2026-01-05,,,T1AB:U1AB,']);
    expect(problems).toEqual([expect.objectContaining({ line: 4, column: 'slack_user_id', message: expect.stringMatching(/already given to jane@example.org on line 3/) })]);
  });

  it('lists every problem of the bad fixture, in line order, and accepts none of its rows', () => {
    const file = readRosterCsv(fixture('bad.csv'));
    expect(file.problems).toEqual([]);
    const { entries, problems } = validateRosterRows(file.rows);
    expect(entries).toEqual([]);
    expect(problems.map((p) => [p.line, p.column])).toEqual([
      [3, 'name'],
      [4, 'email'],
      [5, 'role'],
      [6, 'pathway'],
      [7, 'start'],
      [7, 'end'],
      [8, 'slack_user_id'],
    ]);
    expect(problems.map(formatProblem)[0]).toBe("line 3, column name: the name is missing: expected the person's full name, e.g. Jane Doe");
  });
});
