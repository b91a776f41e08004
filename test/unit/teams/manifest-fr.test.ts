// The Teams app in French: manifests/teams/fr.json, which Teams serves to a French client in place of
// manifest.json's English name, descriptions and command descriptions (the commands' words stay).
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../src/core/commands/index.js';
import { t } from '../../../src/core/i18n/translate.js';
import { TEAMS_MANIFEST_DIR } from '../../../src/teams/manifest.js';
import { englishWords } from '../../support/french.js';

const require = createRequire(import.meta.url);

interface Manifest {
  manifestVersion: string;
  localizationInfo?: { defaultLanguageTag: string; additionalLanguages: { languageTag: string; file: string }[] };
  bots: { commandLists: { commands: { title: string; description: string }[] }[] }[];
}

const manifest = async () => JSON.parse(await readFile(join(TEAMS_MANIFEST_DIR, 'manifest.json'), 'utf8')) as Manifest;
const french = async () => JSON.parse(await readFile(join(TEAMS_MANIFEST_DIR, 'fr.json'), 'utf8')) as Record<string, string>;

describe('the Teams manifest in French', () => {
  it('manifest.json is English and names fr.json for French clients', async () => {
    expect((await manifest()).localizationInfo).toEqual({ defaultLanguageTag: 'en', additionalLanguages: [{ languageTag: 'fr', file: 'fr.json' }] });
  });

  it('describes every command of every list in French, as the French catalogue says it', async () => {
    const m = await manifest();
    const fr = await french();
    const expectedKeys: string[] = [];
    m.bots[0]!.commandLists.forEach((list, l) =>
      list.commands.forEach((command, i) => {
        const key = `bots[0].commandLists[${l}].commands[${i}].description`;
        expectedKeys.push(key);
        const definition = COMMANDS.find((c) => c.teams === command.title);
        if (definition) expect(fr[key], command.title).toBe(t('fr', definition.summary));
      }),
    );
    // Every registry command is in the lists (the English manifest test checks the order and words).
    for (const definition of COMMANDS) for (const list of m.bots[0]!.commandLists) expect(list.commands.map((c) => c.title)).toContain(definition.teams);
    expect(Object.keys(fr).filter((k) => k.startsWith('bots[')).sort()).toEqual(expectedKeys.sort());
  });

  it('has a French name and descriptions, with no English left but the commands\' words', async () => {
    const fr = await french();
    for (const key of ['name.short', 'name.full', 'description.short', 'description.full']) expect(fr[key], key).toBeTruthy();
    for (const [key, text] of Object.entries(fr)) if (key !== '$schema') expect(englishWords(text, ['mentorship help', 'Teams', 'Mainpro+', 'CanMEDS']), key).toEqual([]);
    expect(fr['description.full']).toContain('Teams\u00A0:');
  });

  it('passes the Teams localization schema of the manifest\'s version', async () => {
    const version = (await manifest()).manifestVersion;
    const fr = await french();
    expect(fr.$schema).toBe(`https://developer.microsoft.com/en-us/json-schemas/teams/v${version}/MicrosoftTeams.Localization.schema.json`);
    const Ajv = require('ajv-draft-04') as new (o: object) => { compile(s: object): ((d: unknown) => boolean) & { errors?: unknown }; addFormat(name: string, check: (s: string) => boolean): void };
    const pkg = dirname(require.resolve('@microsoft/app-manifest/package.json'));
    const schema = JSON.parse(await readFile(join(pkg, 'build', 'json-schemas', 'teams', `v${version}`, 'MicrosoftTeams.Localization.schema.json'), 'utf8')) as object;
    // Microsoft's schema has a pattern that is not valid with the u flag ("\\b]"): read its patterns without it.
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    ajv.addFormat('uri', (s) => URL.canParse(s));
    const validate = ajv.compile(schema);
    const valid = validate(fr);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    // A key the schema does not know fails (additionalProperties: false), so a misspelt path is caught.
    expect(validate({ ...fr, 'bots[0].commandLists[0].commands[0].descripton': 'x' })).toBe(false);
  });
});
