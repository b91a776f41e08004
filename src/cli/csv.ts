// CSV as spreadsheets write it (RFC 4180 and the usual variations): UTF-8 with or without a BOM,
// comma or semicolon (a French or German Excel writes semicolons), CRLF or LF, quoted fields with
// separators, doubled quotes and line breaks inside. Every record keeps the line it starts on, so
// problems can be reported where the person will look for them, in the reader's language.
import type { Locale } from '../core/i18n/locale.js';
import { t } from '../core/i18n/translate.js';

export type Separator = ',' | ';';

export interface CsvRecord {
  /** 1-based line of the file on which the record starts (the header is line 1). */
  line: number;
  fields: string[];
}

export interface CsvProblem {
  line: number;
  message: string;
}

export interface CsvTable {
  separator: Separator;
  header: CsvRecord | undefined;
  records: CsvRecord[];
  problems: CsvProblem[];
}

export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The separator of the first line outside quotes: whichever of ; and , appears more often (comma on a tie). */
export function detectSeparator(text: string): Separator {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch === ',') commas++;
    else if (!quoted && ch === ';') semicolons++;
  }
  return semicolons > commas ? ';' : ',';
}

export function parseCsv(input: string, separator?: Separator, locale: Locale = 'en'): CsvTable {
  const text = stripBom(input);
  const sep = separator ?? detectSeparator(text);
  const rows: CsvRecord[] = [];
  const problems: CsvProblem[] = [];

  let line = 1;
  let recordLine = 1;
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let fieldStarted = false;
  let quoteLine = 1;

  const endField = () => {
    fields.push(field);
    field = '';
    fieldStarted = false;
  };
  const endRecord = () => {
    endField();
    // A line with nothing on it (or only separators) is not a record: spreadsheets leave them at the end.
    if (fields.some((f) => f.trim() !== '')) rows.push({ line: recordLine, fields });
    fields = [];
  };

  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          quoted = false;
        }
      } else {
        if (ch === '\n') line++;
        // A CRLF inside quotes is one line break in the value.
        if (ch === '\r' && text[i + 1] === '\n') continue;
        field += ch === '\r' ? '\n' : ch;
      }
      continue;
    }
    if (ch === '"' && !fieldStarted && field.trim() === '') {
      quoted = true;
      fieldStarted = true;
      quoteLine = line;
      field = '';
    } else if (ch === sep) {
      endField();
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      // Text after a closing quote ("a"b) is kept, as spreadsheets do.
      field += ch;
      if (ch !== ' ' && ch !== '\t') fieldStarted = true;
    }
  }
  if (quoted) problems.push({ line: quoteLine, message: t(locale, 'cli.csv.quoteNotClosed', { line: String(quoteLine), quote: '"', example: '"Dr. ""Sam"" Doe"' }) });
  if (field !== '' || fields.length > 0) endRecord();

  const [header, ...records] = rows;
  return { separator: sep, header, records, problems };
}
