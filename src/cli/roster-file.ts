// A roster CSV file → rows by column, with the header checked: a misspelt or missing column is
// reported before any row is looked at. Row values are validated by core (roster-import.service).
import { parseCsv } from './csv.js';
import { REQUIRED_ROSTER_COLUMNS, ROSTER_COLUMNS, type RosterColumn, type RosterProblem, type RosterRow } from '../core/services/roster-import.service.js';

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
};

const HEADER_EXAMPLE = ROSTER_COLUMNS.join(',');

export function readRosterCsv(text: string): RosterFile {
  const table = parseCsv(text);
  const problems: RosterProblem[] = table.problems.map((p) => ({ line: p.line, column: 'file', value: '', message: p.message }));
  if (!table.header) {
    problems.push({ line: 1, column: 'file', value: '', message: `the file is empty: expected a header row, e.g. ${HEADER_EXAMPLE}` });
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
      problems.push({ line: table.header!.line, column: 'file', value: raw, message: `column ${index + 1} is "${raw}", which is not a roster column: expected one of ${ROSTER_COLUMNS.join(', ')}, e.g. ${HEADER_EXAMPLE}` });
    } else if (seen.has(column)) {
      problems.push({ line: table.header!.line, column: 'file', value: raw, message: `columns ${seen.get(column)! + 1} and ${index + 1} are both ${column}: expected each column once, e.g. ${HEADER_EXAMPLE}` });
    } else seen.set(column, index);
    columnAt.push(column);
  });
  const rowsReadable = REQUIRED_ROSTER_COLUMNS.every((c) => seen.has(c));
  for (const required of REQUIRED_ROSTER_COLUMNS) {
    if (!seen.has(required)) {
      problems.push({ line: table.header.line, column: 'file', value: '', message: `the header has no ${required} column: expected at least ${REQUIRED_ROSTER_COLUMNS.join(', ')}, e.g. ${HEADER_EXAMPLE}` });
    }
  }

  const rows: RosterRow[] = [];
  for (const record of table.records) {
    if (record.fields.length > columnAt.length && record.fields.slice(columnAt.length).some((f) => f.trim() !== '')) {
      problems.push({
        line: record.line,
        column: 'file',
        value: '',
        message: `the row has ${record.fields.length} values but the header ${columnAt.length} columns: expected one value per column (a value containing "${table.separator}" goes in double quotes, e.g. "Doe${table.separator} Jane")`,
      });
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

export function formatProblem(p: RosterProblem): string {
  const where = p.column === 'file' ? `line ${p.line}` : `line ${p.line}, column ${p.column}`;
  return `${where}: ${p.message}`;
}
