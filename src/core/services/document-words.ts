// How a CPD activity and a reflection kind are named in the documents that leave the bot: the
// exports (English, as the colleges' portals name them) and the completion report (the reader's
// language). Shared by export.tables.ts and completion-report.service.ts so that both say the same.
import { activityTypeRule, categoryRule, creditYearOf, ruleLabel, ruleSetFor } from '../domain/cpd-rules.js';
import type { CpdSystem } from '../domain/enums.js';
import { fromDbDate } from './db-dates.js';
import type { Locale } from '../i18n/locale.js';
import type { MessageKey } from '../i18n/translate.js';

/**
 * An activity in its rule set's words: category (MOC: section), type, unit, credit year. English, as
 * the colleges' portals and the CSV exports name them, unless a reader's `locale` is given (reports).
 */
export function portalWords(a: { system: CpdSystem; date: Date; category: string; activityType: string }, locale?: Locale) {
  const date = fromDbDate(a.date);
  const set = ruleSetFor(a.system, date);
  const type = activityTypeRule(set, a.category, a.activityType);
  const category = categoryRule(set, a.category);
  return {
    date,
    set,
    creditYear: creditYearOf(a.system, date),
    category: category ? (locale ? ruleLabel(locale, category) : category.label) : a.category,
    type: type ? (locale ? ruleLabel(locale, type) : type.label) : a.activityType,
    unit: type ? (type.unit === 'hour' ? 'hours' : type.unitName[1]) : null,
  };
}

export const REFLECTION_KIND_KEYS: Readonly<Record<'AFTER_MEETING' | 'AFTER_CPD' | 'FOLLOW_UP', MessageKey>> = {
  AFTER_MEETING: 'report.reflectionKind.afterMeeting',
  AFTER_CPD: 'report.reflectionKind.afterCpd',
  FOLLOW_UP: 'report.reflectionKind.followUp',
};
