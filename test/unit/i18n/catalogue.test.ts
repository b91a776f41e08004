// The catalogues: the same keys in English and French, each key used by the code, every message a
// valid ICU pattern with the same arguments in both languages, and French typography in French.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IntlMessageFormat } from 'intl-messageformat';
import { EN_AREAS, en, type MessageKey } from '../../../src/core/i18n/catalogue/en/index.js';
import { FR_AREAS, fr } from '../../../src/core/i18n/catalogue/fr/index.js';
import { t } from '../../../src/core/i18n/translate.js';

const CATALOGUE_DIR = join('src', 'core', 'i18n', 'catalogue');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (path === CATALOGUE_DIR || path === join('src', 'generated')) return [];
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

type Node = { type: number; value?: string; options?: Record<string, { value: Node[] }>; children?: Node[] };
/** The argument names a pattern uses (simple, number, date, select, plural) and its tags. */
function argumentsOf(nodes: Node[], into = new Set<string>()): Set<string> {
  for (const n of nodes) {
    if (n.type !== 0 && n.type !== 7 && n.value) into.add(n.type === 8 ? `<${n.value}>` : n.value);
    for (const option of Object.values(n.options ?? {})) argumentsOf(option.value, into);
    if (n.children) argumentsOf(n.children, into);
  }
  return into;
}
const astOf = (pattern: string, locale: string): Node[] => new IntlMessageFormat(pattern, locale).getAst() as unknown as Node[];

const keys = Object.keys(en) as MessageKey[];

describe('the message catalogues', () => {
  it('French has exactly the English keys, area by area', () => {
    expect(Object.keys(FR_AREAS).sort()).toEqual(Object.keys(EN_AREAS).sort());
    for (const [area, messages] of Object.entries(EN_AREAS)) {
      expect(Object.keys(FR_AREAS[area as keyof typeof FR_AREAS]).sort(), area).toEqual(Object.keys(messages).sort());
    }
    expect(Object.keys(fr).sort()).toEqual([...keys].sort());
  });

  it('no key is defined in two areas, and each key starts with its area', () => {
    const total = Object.values(EN_AREAS).reduce((n: number, area: object) => n + Object.keys(area).length, 0);
    expect(total).toBe(keys.length);
    for (const [area, messages] of Object.entries(EN_AREAS)) for (const key of Object.keys(messages)) expect(key.startsWith(`${area}.`), key).toBe(true);
  });

  it('every key is used by the code (written out whole, so this search finds it)', () => {
    const code = sourceFiles('src').map((f) => readFileSync(f, 'utf8')).join('\n');
    const unused = keys.filter((key) => !code.includes(`'${key}'`) && !code.includes(`"${key}"`) && !code.includes(`\`${key}\``));
    expect(unused).toEqual([]);
  });

  it('every message is a valid ICU pattern with the same arguments and tags in both languages', () => {
    const mismatched: string[] = [];
    for (const key of keys) {
      const english = argumentsOf(astOf(en[key], 'en-CA'));
      const french = argumentsOf(astOf(fr[key], 'fr-CA'));
      if ([...english].sort().join() !== [...french].sort().join()) mismatched.push(`${key}: en {${[...english]}} fr {${[...french]}}`);
    }
    expect(mismatched).toEqual([]);
  });

  it('French messages follow French typography: a non-breaking space before : ; ? ! and « guillemets »', () => {
    const offending: string[] = [];
    for (const key of keys) {
      const names = [...argumentsOf(astOf(fr[key], 'fr-CA'))].filter((a) => !a.startsWith('<'));
      const text = t('fr', key, Object.fromEntries(names.map((n) => [n, 1])));
      if (/[^\u00A0\u202F\d/]:(\s|$)|[^\u00A0\u202F?!;][;?!](\s|$)|"/.test(text)) offending.push(`${key}: ${text}`);
    }
    expect(offending).toEqual([]);
    expect(t('fr', 'dispatch.unknownCommand', { word: 'x"y' })).toBe('Je ne connais pas «\u00A0x"y\u00A0».');
  });

  it('a command is marked, so each platform writes it its own way', async () => {
    const { commandsFor } = await import('../../../src/core/i18n/translate.js');
    const text = t('en', 'help.freeText');
    expect(commandsFor('SLACK', text)).toContain('type /reflect.');
    expect(commandsFor('TEAMS', text)).toContain('type reflect.');
    expect(commandsFor('TEAMS', 'and/or /meeting')).toBe('and/or /meeting');
  });
});

describe('plurals', () => {
  it('say "1 credit" and "1.5 credits" in English, "1 crédit" and "1,5 crédit" in French', () => {
    const values = { title: 'T', date: 'D', amount: 'A', system: 'S', category: 'C', type: 'Y', year: '2026' };
    expect(t('en', 'cpd.saved', { ...values, credits: 1 })).toContain(', 1 credit (credit year');
    expect(t('en', 'cpd.saved', { ...values, credits: 1.5 })).toContain(', 1.5 credits (credit year');
    expect(t('fr', 'cpd.saved', { ...values, credits: 1 })).toContain('— 1 crédit (année');
    expect(t('fr', 'cpd.saved', { ...values, credits: 1.5 })).toContain('— 1,5 crédit (année');
  });
});
