// A roster CSV file → rows by column, with the header checked: a misspelt or missing column is
// reported before any row is looked at. Row values are validated by core (roster-rows.ts).
// Problems are written in the language of whoever reads them (the program's, on the command line).
import type { Locale } from '../core/i18n/locale.js';
import { render, t } from '../core/i18n/translate.js';
import { parseCsv } from './csv.js';
import { REQUIRED_ROSTER_COLUMNS, ROSTER_COLUMNS, type RosterColumn, type RosterProblem, type RosterRow } from '../core/services/roster-rows.js';

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

const HEADER_EXAMPLE = ROSTER_COLUMNS.join(',');

export function readRosterCsv(text: string, locale: Locale = 'en'): RosterFile {
  const table = parseCsv(text, undefined, locale);
  const problems: RosterProblem[] = table.problems.map((p) => ({ line: p.line, column: 'file', value: '', message: p.message }));
  if (!table.header) {
    problems.push({ line: 1, column: 'file', value: '', message: t(locale, 'cli.roster.empty', { example: HEADER_EXAMPLE }) });
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
      problems.push({ line: table.header!.line, column: 'file', value: raw, message: t(locale, 'cli.roster.unknownColumn', { index: String(index + 1), raw, columns: ROSTER_COLUMNS.join(', '), example: HEADER_EXAMPLE }) });
    } else if (seen.has(column)) {
      problems.push({ line: table.header!.line, column: 'file', value: raw, message: t(locale, 'cli.roster.sameColumn', { first: String(seen.get(column)! + 1), second: String(index + 1), column, example: HEADER_EXAMPLE }) });
    } else seen.set(column, index);
    columnAt.push(column);
  });
  const rowsReadable = REQUIRED_ROSTER_COLUMNS.every((c) => seen.has(c));
  for (const required of REQUIRED_ROSTER_COLUMNS) {
    if (!seen.has(required)) {
      problems.push({ line: table.header.line, column: 'file', value: '', message: t(locale, 'cli.roster.missingColumn', { column: required, required: REQUIRED_ROSTER_COLUMNS.join(', '), example: HEADER_EXAMPLE }) });
    }
  }

  const rows: RosterRow[] = [];
  for (const record of table.records) {
    if (record.fields.length > columnAt.length && record.fields.slice(columnAt.length).some((f) => f.trim() !== '')) {
      problems.push({
        line: record.line,
        column: 'file',
        value: '',
        message: t(locale, 'cli.roster.tooManyValues', { values: record.fields.length, columns: columnAt.length, separator: table.separator, example: `"Doe${table.separator} Jane"` }),
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

/** "line 3, column email: …" in `locale`. */
export const problemLine =
  (locale: Locale) =>
  (p: RosterProblem): string => {
    // A row's problem carries its catalogue text (roster-rows.ts): written in `locale` too.
    const message = p.said ? render(locale, p.said) : p.message;
    return p.column === 'file' ? t(locale, 'cli.roster.atLine', { line: String(p.line), message }) : t(locale, 'cli.roster.atLineColumn', { line: String(p.line), column: p.column, message });
  };

export const formatProblem = problemLine('en');
