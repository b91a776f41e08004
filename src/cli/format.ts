// Small text helpers for output meant for people: aligned tables, progress bars, colour only on a
// terminal. Everything here is pure: whether colour is on is decided once (useColour) and passed in.

export interface Style {
  colour: boolean;
}

export const PLAIN: Style = { colour: false };

/** Colour only when stdout is a terminal and NO_COLOR is unset (https://no-color.org). */
export function useColour(isTTY: boolean | undefined, env: Record<string, string | undefined>): boolean {
  return Boolean(isTTY) && (env.NO_COLOR === undefined || env.NO_COLOR === '') && env.TERM !== 'dumb';
}

const CODES = { bold: [1, 22], dim: [2, 22], red: [31, 39], green: [32, 39], yellow: [33, 39], cyan: [36, 39] } as const;
export type Paint = keyof typeof CODES;

export function paint(style: Style, kind: Paint, text: string): string {
  if (!style.colour || text === '') return text;
  const [on, off] = CODES[kind];
  return `\u001b[${on}m${text}\u001b[${off}m`;
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;
export const stripAnsi = (text: string): string => text.replace(ANSI, '');

/** Width on a terminal: ANSI codes take none, combining marks take none, the rest one column. */
export function displayWidth(text: string): number {
  return [...stripAnsi(text).normalize('NFC')].filter((ch) => !/\p{M}/u.test(ch)).length;
}

export const padEnd = (text: string, width: number): string => text + ' '.repeat(Math.max(0, width - displayWidth(text)));
export const padStart = (text: string, width: number): string => ' '.repeat(Math.max(0, width - displayWidth(text))) + text;

export interface Column {
  header: string;
  align?: 'left' | 'right';
}

/** An aligned table: a header, a rule, one line per row. Cells may carry colour. */
export function table(columns: (Column | string)[], rows: string[][], style: Style = PLAIN): string {
  const cols = columns.map((c) => (typeof c === 'string' ? { header: c } : c));
  const widths = cols.map((c, i) => Math.max(displayWidth(c.header), ...rows.map((r) => displayWidth(r[i] ?? ''))));
  const line = (cells: string[]) =>
    cols
      .map((c, i) => (c.align === 'right' ? padStart(cells[i] ?? '', widths[i]!) : padEnd(cells[i] ?? '', widths[i]!)))
      .join('  ')
      .trimEnd();
  const header = paint(style, 'bold', line(cols.map((c) => c.header)));
  const rule = widths.map((w) => '─'.repeat(w)).join('  ');
  return [header, rule, ...rows.map(line)].join('\n');
}

/** `██████░░░░ 6/10`: the bar is `width` cells, filled in proportion, never more than full. */
export function progressBar(value: number, max: number, options: { width?: number; style?: Style; label?: string } = {}): string {
  const width = options.width ?? 10;
  const ratio = max > 0 ? Math.min(1, Math.max(0, value / max)) : value > 0 ? 1 : 0;
  const filled = Math.round(ratio * width);
  const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
  const style = options.style ?? PLAIN;
  const coloured = paint(style, ratio >= 1 ? 'green' : ratio >= 0.5 ? 'cyan' : 'yellow', bar);
  return `${coloured} ${options.label ?? `${formatAmount(value)}/${formatAmount(max)}`}`;
}

/** 12 → "12", 12.5 → "12.5", 12.25 → "12.25". */
export function formatAmount(n: number): string {
  if (Number.isInteger(n)) return String(n);
  return n.toFixed(2).replace(/0+$/, '').replace(/\.$/, '');
}

/** Label/value lines with the values aligned: `Meetings   6 of 10`. */
export function facts(pairs: [string, string][], style: Style = PLAIN): string {
  const width = Math.max(0, ...pairs.map(([k]) => displayWidth(k)));
  return pairs.map(([k, v]) => `${paint(style, 'dim', padEnd(k, width))}  ${v}`).join('\n');
}

export const heading = (text: string, style: Style = PLAIN): string => paint(style, 'bold', text);

export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
