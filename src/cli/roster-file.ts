// A roster CSV file → rows by column, with the header checked: a misspelt or missing column is
// reported before any row is looked at. Row values are validated by core (roster-import.service).
import { parseCsv } from './csv.js';
import { problemText, REQUIRED_ROSTER_COLUMNS, ROSTER_COLUMNS, rosterProblem, type RosterColumn, type RosterProblem, type RosterRow } from '../core/services/roster-import.service.js';

export interface RosterFile {
  separator: ',' | ';';
  rows: RosterRow[];
  problems: RosterProblem[];
  /** The header has every required column, so the rows can be checked despite other problems. */
  rowsReadable: boolean;
}

/** "Mentor email", "mentor-email", "MENTOR_EMAIL" all mean mentor_email. */
const headerKey = (text: string): string =>
  text
    .normalize('NFC')
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');

const ALIASES: Record<string, RosterColumn> = {
  full_name: 'name',
  e_mail: 'email',
  start_date: 'start',
  end_date: 'end',
  mentor: 'mentor_email',
  slack_id: 'slack_user_id',
  slack: 'slack_user_id',
  teams_id: 'teams_user_id',
  teams: 'teams_user_id',
  lang: 'language',
  langue: 'language',
};

// The optional language column is listed among the columns, not in the example header.
const HEADER_EXAMPLE = ROSTER_COLUMNS.filter((c) => c !== 'language').join(',');

export function readRosterCsv(text: string): RosterFile {
  const table = parseCsv(text);
  const problems: RosterProblem[] = table.problems.map((p) => ({ line: p.line, column: 'file', value: '', message: p.message }));
  if (!table.header) {
    problems.push(rosterProblem(1, 'file', '', 'mentorship.rosterFile.empty', { example: HEADER_EXAMPLE }));
    return { separator: table.separator, rows: [], problems, rowsReadable: false };
  }

  const columnAt: (RosterColumn | undefined)[] = [];
  const seen = new Map<RosterColumn, number>();
  table.header.fields.forEach((raw, index) => {
    const key = headerKey(raw);
    const column = (ROSTER_COLUMNS as readonly string[]).includes(key) ? (key as RosterColumn) : ALIASES[key];
    if (key === '') {
      columnAt.push(undefined);
      return;
    }
    if (!column) {
      problems.push(rosterProblem(table.header!.line, 'file', raw, 'mentorship.rosterFile.unknownColumn', { n: index + 1, raw, columns: ROSTER_COLUMNS.join(', '), example: HEADER_EXAMPLE }));
    } else if (seen.has(column)) {
      problems.push(rosterProblem(table.header!.line, 'file', raw, 'mentorship.rosterFile.duplicateColumn', { a: seen.get(column)! + 1, b: index + 1, column, example: HEADER_EXAMPLE }));
    } else seen.set(column, index);
    columnAt.push(column);
  });
  const rowsReadable = REQUIRED_ROSTER_COLUMNS.every((c) => seen.has(c));
  for (const required of REQUIRED_ROSTER_COLUMNS) {
    if (!seen.has(required)) {
      problems.push(rosterProblem(table.header.line, 'file', '', 'mentorship.rosterFile.missingColumn', { column: required, required: REQUIRED_ROSTER_COLUMNS.join(', '), example: HEADER_EXAMPLE }));
    }
  }

  const rows: RosterRow[] = [];
  for (const record of table.records) {
    if (record.fields.length > columnAt.length && record.fields.slice(columnAt.length).some((f) => f.trim() !== '')) {
      problems.push(
        rosterProblem(record.line, 'file', '', 'mentorship.rosterFile.rowLength', { values: record.fields.length, columns: columnAt.length, sep: table.separator, quote: '"' }),
      );
      continue;
    }
    const values: Partial<Record<RosterColumn, string>> = {};
    record.fields.forEach((value, i) => {
      const column = columnAt[i];
      if (column) values[column] = value;
    });
    rows.push({ line: record.line, values });
  }
  return { separator: table.separator, rows, problems, rowsReadable };
}

/** "line 4, column role: …" in English (problemText writes it in any reader's language). */
export function formatProblem(p: RosterProblem): string {
  return problemText('en', p);
}
