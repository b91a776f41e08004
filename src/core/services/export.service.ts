// Exports for coordinators (CSV or JSON): who may ask, for which period, and the audit event every
// export is. What each table holds is export.tables.ts, how a table becomes a file export.encode.ts;
// the per-participant completion report, a document for people, is completion-report.service.ts.
// Private meeting notes never leave the bot this way.
// Language: a CSV or JSON export is data for spreadsheets and other programs, so its column headers,
// metric names and coded values (formats, statuses, labels) stay English whatever the reader's
// language, and stay stable across readers; the human sentences in it (what is missing, what a
// reflection is about, the period) are written in the asker's language.
import { isCalendarDate } from '../domain/time.js';
import type { Actor } from '../actor.js';
import type { CoreContext } from '../context.js';
import { badInput } from '../domain/errors.js';
import { localDate } from '../domain/time.js';
import { requireCoordinator } from './access.js';
import { audit } from './audit.js';
import { toDbDate } from './db-dates.js';
import { toCsv, toJson } from './export.encode.js';
import { buildTable, type Period } from './export.tables.js';
import { said } from '../i18n/translate.js';

export const EXPORT_KINDS = ['meetings', 'cpd', 'reading', 'reflections', 'participants', 'summary'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];
export type ExportFormat = 'csv' | 'json';

export interface ExportOptions {
  /** Inclusive 'YYYY-MM-DD' bounds on the record's date (meetings, CPD, reflections, summary counts). */
  from?: string;
  to?: string;
  format: ExportFormat;
  /**
   * Reflections only: also include answers the mentee did not share. Off by default; a coordinator
   * may turn it on deliberately (e.g. a mentee's request for their own records), and the audit
   * event records that they did.
   */
  includeUnsharedAnswers?: boolean;
  /** The chat request asking (a platform may deliver it twice): one export per request. */
  requestId?: string;
}

export interface ExportFile {
  filename: string;
  mimeType: string;
  content: string;
  rows: number;
}

export function isExportKind(text: string): text is ExportKind {
  return (EXPORT_KINDS as readonly string[]).includes(text);
}

export async function exportData(ctx: CoreContext, actor: Actor, kind: ExportKind, options: ExportOptions): Promise<ExportFile> {
  requireCoordinator(actor, 'export data');
  if (!isExportKind(kind)) throw badInput('kind', said('report.export.unknownKindField', { kind: String(kind), kinds: EXPORT_KINDS.join(', ') }));
  const period = parsePeriod(options);
  const table = await buildTable(ctx, actor.locale, kind, period, options);
  const today = localDate(ctx.clock.now(), ctx.program.timeZone);
  const content = options.format === 'json' ? toJson(table) : toCsv(table);
  await audit(ctx.db, {
    programId: ctx.program.id,
    actorId: actor.personId,
    action: `export.${kind}`,
    ...(options.requestId ? { requestId: `export:${options.requestId}` } : {}),
    detail: { format: options.format, from: period.from ?? null, to: period.to ?? null, rows: table.rows.length, ...(kind === 'reflections' ? { includeUnsharedAnswers: options.includeUnsharedAnswers === true } : {}) },
  });
  return {
    filename: `${ctx.program.slug}-${kind}-${today}.${options.format}`,
    mimeType: options.format === 'json' ? 'application/json' : 'text/csv; charset=utf-8',
    content,
    rows: table.rows.length,
  };
}

function parsePeriod(options: ExportOptions): Period {
  for (const field of ['from', 'to'] as const) {
    const value = options[field];
    if (value !== undefined && !isCalendarDate(value)) {
      throw badInput(field, said('report.export.badDate', { field, value }));
    }
  }
  if (options.from && options.to && options.from > options.to) {
    throw badInput('to', said('report.export.toBeforeFrom', { to: options.to, from: options.from }));
  }
  if (!options.from && !options.to) return {};
  return {
    from: options.from,
    to: options.to,
    dates: { ...(options.from ? { gte: toDbDate(options.from) } : {}), ...(options.to ? { lte: toDbDate(options.to) } : {}) },
  };
}
