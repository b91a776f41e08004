/**
 * Spots things in free text that look like patient identifiers, so the author can be
 * warned before saving (PHIA: mentorship records must hold none). It warns, it does not
 * block, so it leans towards precision: durations, years, meeting dates, credit counts and
 * "patient X"-style anonymisation pass silently.
 */

import { said, t, type Locale, type MessageKey } from '../i18n/translate.js';

export type IdentifierKind = 'PHIN' | 'HEALTH_CARD' | 'DATE_OF_BIRTH' | 'NAMED_PATIENT' | 'PHONE' | 'EMAIL';

export type IdentifierFinding = {
  kind: IdentifierKind;
  /** The text that matched, as written. */
  excerpt: string;
  /** Offset of the excerpt in the text, for highlighting. */
  index: number;
};

// A number counts only when it stands alone: not part of a word, an id, a URL, a decimal or a date.
const NUM_START = String.raw`(?<![\w.,/:@+-])`;
const NUM_END = String.raw`(?![\w/:@-]|[.,]\d)`;

const MONTH = String.raw`(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`;
// French months, with or without accents and the abbreviations' period ("4 févr. 1956", "1er mars 1956").
const MONTH_FR = String.raw`(?:janv(?:ier)?|f[ée]vr?(?:ier)?|mars|avr(?:il)?|mai|juin|juil(?:let)?|ao[ûu]t|sept(?:embre)?|oct(?:obre)?|nov(?:embre)?|d[ée]c(?:embre)?)\.?`;
const ORD = '(?:st|nd|rd|th)?';
const FULL_DATE = [
  String.raw`\d{4}[-/.]\d{1,2}[-/.]\d{1,2}`,
  String.raw`\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}`,
  String.raw`\d{1,2}${ORD}\s+${MONTH},?\s+\d{4}`,
  String.raw`${MONTH}\s+\d{1,2}${ORD},?\s+\d{4}`,
  String.raw`\d{1,2}(?:er)?\s+${MONTH_FR}\s+\d{4}`,
].join('|');
// English, and French ("date de naissance", DDN).
const DOB_KEYWORD = String.raw`\b(?:d\.?o\.?b\b\.?|date\s+of\s+birth|birth\s?date|date\s+de\s+naissance|d\.?d\.?n\b\.?)`;

/** Names that follow "patient" in ordinary prose ("Patient Safety Week", "patient Portal"). */
const NOT_A_NAME = new Set(
  (
    'Safety Care Centred Centered Experience Experiences Education Advocate Advocacy Portal Record Records ' +
    'Chart Charts List Lists Panel Panels Navigator Navigation Flow Relations Rights Handout Handouts Voice ' +
    'Partner Partners Medical Health Expert Communicator Collaborator Leader Scholar Professional Family ' +
    'The This That These Those Who Whom With And But Or Today Yesterday Tomorrow Encounter Encounters ' +
    'Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July ' +
    'August September October November December Satisfaction Outcomes Engagement Reported Centre Center'
  ).split(' '),
);

type Detector =
  | {
      kind: IdentifierKind;
      pattern: RegExp;
      accept?: (match: RegExpExecArray) => boolean;
    }
  | {
      kind: IdentifierKind;
      /** A scanner for what no regular expression here can find in linear time. */
      find: (text: string) => Iterable<{ index: number; text: string }>;
    };

// Accented letters too (Bélanger, Émilie): French names are common in Manitoba.
const NAME = String.raw`[A-ZÀ-ÖØ-Þ](?:[a-zß-öø-ÿ'’-]+|[A-ZÀ-ÖØ-Þ]+\b)`;

const LOCAL_CHAR = /[A-Za-z0-9._%+-]/;
const DOMAIN_CHAR = /[A-Za-z0-9.-]/;

/**
 * What /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g finds, in one pass: that
 * expression backtracks over every start of a long run without an "@" (quadratic: 80,000 letters
 * took 10 s). From each "@", the local part runs left to the previous match or a character not
 * allowed in it; the domain runs right over dot-separated labels, ending with the last label that
 * starts with two letters (the expression's top-level domain, greedy). Each character is read at
 * most twice: the runs stop at "@", which neither side allows.
 */
export function* findEmails(text: string): Generator<{ index: number; text: string }> {
  let previousEnd = 0;
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
    let start = at;
    while (start > previousEnd && LOCAL_CHAR.test(text[start - 1]!)) start--;
    if (start === at) continue;
    let runEnd = at + 1;
    while (runEnd < text.length && DOMAIN_CHAR.test(text[runEnd]!)) runEnd++;
    const end = domainEnd(text, at + 1, runEnd);
    if (end === undefined) continue;
    yield { index: start, text: text.slice(start, end) };
    previousEnd = end;
    at = end - 1;
  }
}

/** Where the domain of an address starting at `from` ends, within [from, runEnd) of domain characters; undefined if none. */
function domainEnd(text: string, from: number, runEnd: number): number | undefined {
  // Labels: non-empty, separated by single dots; the first one is required.
  const starts: number[] = [];
  let i = from;
  while (i < runEnd) {
    let j = i;
    while (j < runEnd && text[j] !== '.') j++;
    if (j === i) break;
    starts.push(i);
    if (j >= runEnd || j + 1 >= runEnd) break;
    i = j + 1;
  }
  // The top-level domain is the last label after the first that begins with two letters: its letters.
  for (let k = starts.length - 1; k >= 1; k--) {
    let end = starts[k]!;
    while (end < runEnd && /[A-Za-z]/.test(text[end]!)) end++;
    if (end - starts[k]! >= 2) return end;
  }
  return undefined;
}

/** Order breaks ties when two detectors match at the same place. */
export const IDENTIFIER_DETECTORS: readonly Detector[] = [
  { kind: 'EMAIL', find: findEmails },
  {
    kind: 'DATE_OF_BIRTH',
    pattern: new RegExp(String.raw`${DOB_KEYWORD}[\s:=,-]*(?:(?:is|was)\s+)?(?:${FULL_DATE}|${MONTH}\s+\d{4}|\d{4}\b)`, 'gi'),
  },
  {
    kind: 'DATE_OF_BIRTH',
    // "born" alone is weaker evidence than "DOB", so it needs a full date, not just a year.
    pattern: new RegExp(String.raw`\bborn(?:\s+on)?[\s:,-]*(?:${FULL_DATE})`, 'gi'),
  },
  {
    kind: 'DATE_OF_BIRTH',
    // French: "né le …", "née le …", "né(e) le …", with a full date as for "born".
    pattern: new RegExp(String.raw`\bn[ée]e?(?:\(e\))?\s+le[\s:,-]*(?:${FULL_DATE})`, 'gi'),
  },
  {
    kind: 'PHONE',
    pattern: new RegExp(String.raw`${NUM_START}(?:\+?1[ .-]?)?(?:\(\d{3}\)[ .-]?|\d{3}[ .-])\d{3}[ .-]\d{4}${NUM_END}`, 'g'),
  },
  {
    kind: 'HEALTH_CARD',
    // Ontario style: 10 digits, often 4-3-3, with an optional two-letter version code.
    pattern: new RegExp(String.raw`${NUM_START}\d{4}([ -]?)\d{3}\1\d{3}(?:[ -]?[A-Z]{2})?${NUM_END}`, 'g'),
  },
  {
    kind: 'PHIN',
    // Manitoba PHIN: 9 digits, also written 3-3-3 with spaces or dashes.
    pattern: new RegExp(String.raw`${NUM_START}\d{3}([ -]?)\d{3}\1\d{3}${NUM_END}`, 'g'),
  },
  {
    kind: 'NAMED_PATIENT',
    // Case-sensitive on purpose: "MS clinic" and "MR" (mitral regurgitation) are not titles.
    // French titles too: Mme, Mlle, and M. (with its period: a lone "M" is a size or a unit).
    pattern: new RegExp(String.raw`(?:\b(?:Mrs|Mr|Ms|Miss|Mx|Mme|Mlle)\b\.?|\bM\.)\s+(?:[A-Z]\.\s*)?${NAME}`, 'g'),
  },
  {
    kind: 'NAMED_PATIENT',
    pattern: new RegExp(String.raw`\b[Pp]atient(?:e|['’]s)?\s+(?:(named|called|nommée?)\s+)?(${NAME})(?:\s+${NAME})?`, 'g'),
    accept: (m) => m[1] !== undefined || !NOT_A_NAME.has(m[2]!),
  },
];

export function findPatientIdentifiers(text: string): IdentifierFinding[] {
  const found: (IdentifierFinding & { end: number; rank: number })[] = [];
  IDENTIFIER_DETECTORS.forEach((detector, rank) => {
    const add = (at: number, matched: string) => {
      const excerpt = matched.trim();
      const index = at + matched.indexOf(excerpt);
      found.push({ kind: detector.kind, excerpt, index, end: index + excerpt.length, rank });
    };
    if ('find' in detector) {
      for (const match of detector.find(text)) add(match.index, match.text);
      return;
    }
    const pattern = new RegExp(detector.pattern.source, detector.pattern.flags);
    for (const match of text.matchAll(pattern)) {
      if (detector.accept && !detector.accept(match as RegExpExecArray)) continue;
      add(match.index, match[0]);
    }
  });
  // Keep the earliest, then longest, then highest-ranked match; drop anything overlapping it.
  found.sort((a, b) => a.index - b.index || b.end - a.end || a.rank - b.rank);
  const kept: IdentifierFinding[] = [];
  let coveredUntil = -1;
  for (const f of found) {
    if (f.index < coveredUntil) continue;
    kept.push({ kind: f.kind, excerpt: f.excerpt, index: f.index });
    coveredUntil = f.end;
  }
  return kept;
}

const DESCRIPTIONS: Readonly<Record<IdentifierKind, MessageKey>> = {
  PHIN: 'parse.identifier.phin',
  HEALTH_CARD: 'parse.identifier.healthCard',
  DATE_OF_BIRTH: 'parse.identifier.dateOfBirth',
  NAMED_PATIENT: 'parse.identifier.namedPatient',
  PHONE: 'parse.identifier.phone',
  EMAIL: 'parse.identifier.email',
};

/** One plain-language paragraph for the author, in their language; empty when nothing was found. */
export function describeFindings(findings: readonly IdentifierFinding[], locale: Locale = 'en'): string {
  if (findings.length === 0) return '';
  const items = findings.map((f) => t(locale, 'parse.identifier.item', { what: said(DESCRIPTIONS[f.kind]), excerpt: f.excerpt }));
  if (items.length === 1) return t(locale, 'parse.identifier.one', { item: items[0]! });
  // Semicolons, not commas: an excerpt may hold commas of its own.
  const first = items.slice(0, -1).join(locale === 'fr' ? '\u202F; ' : '; ');
  return t(locale, 'parse.identifier.many', { list: t(locale, 'parse.identifier.list', { first, last: items[items.length - 1]! }) });
}
