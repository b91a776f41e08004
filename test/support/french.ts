// Finds English left in text meant for a French reader: words that are English and never French.
// Names (people, the program) and the commands' own words are passed in `allowed` or removed first.
const ENGLISH_ONLY = new Set(
  ('the you your and with is are was were not for this that these those have has had from will would please ' +
    'type meeting meetings credit credits yet what which when who by of to or be it its my no yes see here there ' +
    'been any all at if into than then them they their our we us can cannot could should must may might ' +
    'logged saved log save open answer answers reminder reminders progress goal goals learning week weeks month months ' +
    'day days today yesterday tomorrow hours hour mentee mentees coordinator coordinators program overdue due ' +
    'none nothing something only also more most less each every one two three first last next new old ' +
    'about after before again still just now how why where done did does do don’t doesn’t isn’t can’t won’t ' +
    'out up down off over under between without within until since while per pair paired pairing away back ' +
    'report reports export digest status started ended start end name role roles activity activities ' +
    'certified other others need needs needed show shows shown sent send sending reply replies thread ' +
    'use used using add added edit change changed changes keep kept get got give given take taken make made ' +
    'ask asked tell told know known let set sets find found try tried help fix wrong right already')
    .split(/\s+/),
);

/** The English words in `text` (lower-cased, each once), ignoring `allowed` words and /commands. */
export function englishWords(text: string, allowed: readonly string[] = []): string[] {
  let rest = text.replace(/\u2060?\/[a-z]+/g, ' ');
  for (const a of allowed) rest = rest.split(a).join(' ');
  // Accented letters belong to the word: "noté" is not "not", "fixé" is not "fix".
  const words = rest.toLowerCase().match(/[a-zà-öø-ÿœæ’']+/g) ?? [];
  return [...new Set(words.filter((w) => ENGLISH_ONLY.has(w)))];
}

const NOT_TEXT = new Set(['type', 'action', 'value', 'style', 'formId', 'state', 'id', 'kind', 'live', 'mimeType', 'filename']);

/** Every text a reader sees in a core Message, Reply or FormView (not its ids, actions or values). */
export function textsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(textsOf);
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => (NOT_TEXT.has(k) ? [] : textsOf(v)));
  return [];
}
