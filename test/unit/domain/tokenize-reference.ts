// The tokenizer before issue 12 (each unclosed quote or markup searched the rest of the line again):
// the reference the linear one is checked against in linear-text.test.ts. Not used by the bot.
/**
 * Splits a command line into words, keeping quoted phrases ("double", “curly”, 'single',
 * ‘curly single’) and platform markup (`<@U123|jane>`, `<at>Jane Doe</at>`,
 * `<mailto:a@b.ca|a@b.ca>`) whole. Never throws: an unclosed quote is read as a literal
 * character, so an apostrophe in "patient's" or "'tis" is just part of a word.
 */
export type Token = {
  /** The word, without its quotes. */
  value: string;
  /** True when it was quoted: quoted words are never read as keywords. */
  quoted: boolean;
  /** Offsets into the original text, quotes included. */
  start: number;
  end: number;
};

/** Closing characters accepted for each opening quote (autocorrect mixes straight and curly). */
const CLOSERS: Readonly<Record<string, string>> = {
  '"': '"”“',
  '“': '”"“',
  '„': '“”"',
  "'": "'’",
  '‘': "’'",
  '«': '»',
};

const isSpace = (c: string | undefined) => c !== undefined && /\s/.test(c);

function findClose(text: string, open: number): number {
  const quote = text[open]!;
  const closers = CLOSERS[quote]!;
  const single = quote === "'" || quote === '‘';
  for (let i = open + 1; i < text.length; i++) {
    if (!closers.includes(text[i]!)) continue;
    // A single quote closes only at a word's end, so "'the patient's plan'" stays one phrase.
    if (single && !(i + 1 === text.length || isSpace(text[i + 1]))) continue;
    return i;
  }
  return -1;
}

/** End (exclusive) of a markup run starting at `<`, or -1 when it is not closed. */
function findMarkupEnd(text: string, open: number): number {
  if (text.startsWith('<at>', open)) {
    const close = text.indexOf('</at>', open);
    return close === -1 ? -1 : close + '</at>'.length;
  }
  const close = text.indexOf('>', open);
  return close === -1 ? -1 : close + 1;
}

export function tokenizeDetailed(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    if (isSpace(text[i])) {
      i++;
      continue;
    }
    const start = i;
    const c = text[i]!;
    if (Object.hasOwn(CLOSERS, c)) {
      const close = findClose(text, i);
      if (close !== -1) {
        tokens.push({ value: text.slice(i + 1, close), quoted: true, start, end: close + 1 });
        i = close + 1;
        continue;
      }
    }
    let j = i;
    while (j < text.length && !isSpace(text[j])) {
      if (text[j] === '<') {
        const end = findMarkupEnd(text, j);
        if (end !== -1) {
          j = end;
          continue;
        }
      }
      j++;
    }
    tokens.push({ value: text.slice(start, j), quoted: false, start, end: j });
    i = j;
  }
  return tokens;
}

export function tokenize(text: string): string[] {
  return tokenizeDetailed(text).map((t) => t.value);
}

/**
 * The rest of the line from token `from` on, as the user wrote it (inner quotes kept);
 * a single quoted phrase is unwrapped, so `"Journal club: sepsis"` becomes the bare title.
 */
export function restOfLine(text: string, tokens: readonly Token[], from: number): string | undefined {
  if (from >= tokens.length) return undefined;
  if (from === tokens.length - 1 && tokens[from]!.quoted) return tokens[from]!.value.trim() || undefined;
  const rest = text.slice(tokens[from]!.start, tokens[tokens.length - 1]!.end).trim();
  return rest === '' ? undefined : rest;
}
