// French typography for the French catalogue's own words (never for what users typed, which is
// interpolated after): a non-breaking space before the colon, and a narrow one before ; ? and !, as
// the issue and the Canadian Translation Bureau's guide write them; « guillemets » for quotation marks.

const NBSP = '\u00A0';
const NNBSP = '\u202F';

/** Applied once to each French pattern when it is compiled. Linear: each replace is one pass. */
export function frenchTypography(pattern: string): string {
  return pattern
    .replace(/"([^"\n]*)"/g, `«${NBSP}$1${NBSP}»`)
    .replace(/«[ \u00A0\u202F]*/g, `«${NBSP}`)
    .replace(/[ \u00A0\u202F]*»/g, `${NBSP}»`)
    .replace(/(?<=\S)[ \u00A0\u202F]?:(?=\s|$|[})])/g, `${NBSP}:`)
    .replace(/(?<=[^\s?!;])[ \u00A0\u202F]?([;?!]+)(?=\s|$|[})»])/g, `${NNBSP}$1`);
}
