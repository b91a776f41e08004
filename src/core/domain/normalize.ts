/**
 * Users type enum values in many shapes ("PRA-MB-FP", "pra mb fp", "In person", "inperson",
 * "vidéo", "video"). Folding case, accents, punctuation and spacing away lets each parser list its
 * aliases once (accents are folded, not dropped: "mentoré" is "mentore", not "mentor").
 */
export function normalizeWord(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

/** Builds an alias table; aliases are normalized so tables can be written naturally. */
export function aliasTable<T>(entries: ReadonlyArray<readonly [T, readonly string[]]>): ReadonlyMap<string, T> {
  const table = new Map<string, T>();
  for (const [value, aliases] of entries) {
    for (const alias of aliases) table.set(normalizeWord(alias), value);
  }
  return table;
}

export function lookupAlias<T>(aliases: ReadonlyMap<string, T>, text: string): T | undefined {
  const key = normalizeWord(text);
  return key === '' ? undefined : aliases.get(key);
}
