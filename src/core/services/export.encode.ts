// How an export table becomes a file: CSV (RFC 4180, safe to open in a spreadsheet) or JSON. Apart
// from the tables because it knows nothing of what they hold. Writing only: reading a CSV (the
// roster file) is the command line's src/cli/csv.ts.

export type Cell = string | number | boolean | null | undefined;
/** An export before encoding: its column headers and one row of cells per record. */
export interface Table {
  headers: string[];
  rows: Cell[][];
}

/**
 * A cell that starts with = + - @ (or a tab or carriage return) is read as a formula by Excel,
 * LibreOffice and Google Sheets: a leading apostrophe makes it text. Numbers are left alone.
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** One CSV field by RFC 4180: quoted when it holds a comma, quote, CR or LF; quotes doubled. */
export function csvField(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = neutraliseFormula(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180: CRLF line endings, a header row. A BOM so spreadsheet programs read UTF-8 names right. */
export function toCsv(table: Table): string {
  const lines = [table.headers, ...table.rows].map((row) => row.map(csvField).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export function toJson(table: Table): string {
  const objects = table.rows.map((row) => Object.fromEntries(table.headers.map((h, i) => [h, row[i] ?? null])));
  return `${JSON.stringify(objects, null, 2)}\n`;
}
