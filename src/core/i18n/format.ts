// Dates, numbers, durations and lists for a reader, with Intl. English keeps the ISO dates the bot has
// always shown (en-CA writes them so); French gets the long form a francophone reads ("15 juin 2026").
import { INTL_LOCALE, type Locale } from './locale.js';

const DATE_STYLE: Record<Locale, Intl.DateTimeFormatOptions> = {
  en: { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'UTC' },
  fr: { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' },
};

const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.ListFormat>();
function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat | Intl.ListFormat>(id: string, make: () => T): T {
  let f = cache.get(id);
  if (!f) cache.set(id, (f = make()));
  return f as T;
}

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date (YYYY-MM-DD) as the reader writes it; anything else is returned as given. */
export function formatDate(locale: Locale, isoDate: string): string {
  if (!CALENDAR_DATE.test(isoDate)) return isoDate;
  const when = new Date(`${isoDate}T00:00:00Z`);
  return cached(`d:${locale}`, () => new Intl.DateTimeFormat(INTL_LOCALE[locale], DATE_STYLE[locale])).format(when);
}

/** Credits and hours: at most two decimals, the reader's decimal sign ("1.5", "1,5"). */
export function formatNumber(locale: Locale, n: number): string {
  return cached(`n:${locale}`, () => new Intl.NumberFormat(INTL_LOCALE[locale], { maximumFractionDigits: 2, useGrouping: locale === 'fr' ? 'min2' : false })).format(n);
}

/** A duration in hours: "1.5 h", "1,5 h". */
export const formatHours = (locale: Locale, hours: number): string => `${formatNumber(locale, hours)}${locale === 'fr' ? '\u00A0' : ' '}h`;

/** "a, b and c" / "a, b et c". */
export function formatList(locale: Locale, items: readonly string[], type: 'conjunction' | 'disjunction' = 'conjunction'): string {
  return cached(`l:${locale}:${type}`, () => new Intl.ListFormat(INTL_LOCALE[locale], { style: 'long', type })).format(items);
}
