// The command line for a program whose locale is fr-CA: what it tells the coordinators (import
// summaries, reach, purge, digest, the errors) is French, with no English left apart from names,
// emails, paths and the commands' own words; the same commands for an English program are unchanged.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryIo } from '../../../src/cli/io.js';
import { formatProblem, problemLine, readRosterCsv } from '../../../src/cli/roster-file.js';
import { COMMANDS, runCli } from '../../../src/cli/run.js';
import { demoProgramName } from '../../../src/core/services/demo.service.js';
import { EXPORT_KINDS } from '../../../src/core/services/export.service.js';
import { REQUIRED_ROSTER_COLUMNS, ROSTER_COLUMNS } from '../../../src/core/services/roster-rows.js';
import { startFakeSlack, type FakeSlack } from '../../support/fake-slack.js';
import { englishWords } from '../../support/french.js';
import { TestClock } from '../../support/fixtures.js';
import { STORE_KINDS, useTestStore, type TestStore } from '../../support/stores.js';

const NOW = '2026-01-10T15:00:00Z';
const PROGRAM = 'Programme de mentorat du Manitoba';
const ROSTER = [
  'name,email,role,pathway,start,end,mentor_email,slack_user_id,teams_user_id',
  'Dr. Amélie Côté,amelie.cote@example.org,mentor,PRA-MB-FP,2026-01-05,,,T0001:U0AMELIE,',
  'Dr. Benoît Roy,benoit.roy@example.org,mentee,PRA-MB-FP,2026-01-05,,amelie.cote@example.org,T0001:U0BENOIT,',
  'Dr. Chloé Tremblay,chloe.tremblay@example.org,mentee,MLPIMG,2026-01-05,,amelie.cote@example.org,T0001:U0CHLOE,',
].join('\n');
const NAMES = ['Amélie Côté', 'Benoît Roy', 'Chloé Tremblay', PROGRAM];
/** The synopses of `npm run cli -- <command>` stay English: they are the commands' own syntax. */
const SYNOPSES = COMMANDS.map((c) => c.usage);

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cli-fr-'));
  await writeFile(join(dir, 'programme.yaml'), `slug: programme-mb\nname: ${PROGRAM}\nlocale: fr-CA\n`);
  await writeFile(join(dir, 'liste.csv'), ROSTER);
  // Benoît's end moves and he chooses French: two changes of one row.
  const corrected = ROSTER.split('\n').map((line, i) => (i === 0 ? `${line},language` : line.includes('benoit') ? `${line.replace('2026-01-05,,', '2026-01-05,2026-12-31,')},fr` : `${line},`));
  await writeFile(join(dir, 'corrigee.csv'), corrected.join('\n'));
  await writeFile(join(dir, 'mauvaise.csv'), 'name,email,rolle\nDr. Amélie Côté,amelie.cote@example.org,mentor\n');
});

/** English words left, once the names, the synopses and the options (--program, the commands' own words) are set aside. */
const french = (text: string, allowed: string[] = []) =>
  englishWords(text.split(dir).join(' ').replace(/--[a-z][a-z-]*/g, ' '), [...NAMES, ...SYNOPSES.map((u) => u.replace(/--[a-z][a-z-]*/g, ' ')), ...allowed]);

describe.each(STORE_KINDS)('the command line of a French program on %s', (kind) => {
  const store = useTestStore(kind);
  let slack: FakeSlack;
  beforeAll(async () => {
    slack = await startFakeSlack();
  });
  afterAll(() => slack.close());

  async function cli(s: TestStore | undefined, ...argv: string[]) {
    const env = { PROGRAM_FILE: join(dir, 'programme.yaml'), SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_SIGNING_SECRET: 'secret', SLACK_API_URL: slack.url };
    const io = memoryIo({ store: s, clock: new TestClock(new Date(NOW)), cwd: dir, env });
    const code = await runCli(argv, io);
    return { code, out: io.out(), err: io.err() };
  }

  it('sums up an import, and a second import that changes nothing, in French', async () => {
    const first = await cli(store(), 'import-roster', 'liste.csv');
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    const lines = first.out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ligne +nom +rôle +résultat +changements$/);
    expect(lines.filter((l) => / mentoré +créé /.test(l))).toHaveLength(2);
    expect(lines.filter((l) => / mentor +créé /.test(l))).toHaveLength(1);
    const summary = lines.at(-1)!;
    expect(summary).toBe(`Importation dans ${PROGRAM}\u00A0: 3 créations, 0 mise à jour, 0 inchangé, 2 jumelages.`);
    expect(french(`${lines[0]}\n${summary}`)).toEqual([]);

    const again = await cli(store(), 'import-roster', 'liste.csv');
    expect(again.code).toBe(0);
    expect(again.out).toBe(`${PROGRAM}\u00A0: la liste des participants est déjà à jour (0 création, 0 mise à jour, 3 inchangés, 0 jumelage).\n`);
    expect(french(again.out)).toEqual([]);

    // What each row changed, in French too (the accounts and dates are the file's own).
    const rows = lines.slice(1, -1).join('\n');
    expect(rows).toContain('compte Slack T0001:U0BENOIT lié');
    expect(rows).toContain('jumelé(e) avec Dr. Amélie Côté depuis le 2026-01-05');
    expect(french(rows, ['Slack', 'T0001:U0AMELIE', 'T0001:U0BENOIT', 'T0001:U0CHLOE'])).toEqual([]);

    const corrected = await cli(store(), 'import-roster', 'corrigee.csv');
    expect(corrected.code).toBe(0);
    const benoit = corrected.out.split('\n').find((l) => l.includes('Benoît Roy'))!;
    expect(benoit).toMatch(/ mis à jour +fin 2027-01-04 → 2026-12-31\u202F?; langue — → fr$/);
    expect(french(benoit)).toEqual([]);
    await cli(store(), 'import-roster', 'liste.csv');

    const dry = await cli(store(), 'import-roster', 'liste.csv', '--dry-run');
    expect(dry.out).toContain(`Simulation pour ${PROGRAM}, résultat prévu\u00A0: 0 création, 0 mise à jour, 3 inchangés, 0 jumelage. Rien n’a été modifié.`);
    expect(french(dry.out)).toEqual([]);
  }, 120_000);

  it('says what is wrong with a roster file, and which file cannot be read, in French', async () => {
    const bad = await cli(store(), 'import-roster', 'mauvaise.csv');
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('mauvaise.csv\u00A0: 2 problèmes\u202F; rien n’a été importé.');
    expect(bad.err).toContain('ligne 1\u00A0: la colonne 3 est «\u00A0rolle\u00A0», qui n’est pas une colonne de la liste des participants');
    expect(bad.err).toContain('l’en-tête n’a pas de colonne role\u00A0: attendu au moins');
    expect(bad.err).toContain('Corrigez le fichier et relancez la commande');
    // The column names and their example are the file's own words.
    const columns = [ROSTER_COLUMNS.join(','), ROSTER_COLUMNS.join(', '), REQUIRED_ROSTER_COLUMNS.join(', '), 'colonne role'];
    expect(french(bad.err, columns)).toEqual([]);

    const missing = await cli(store(), 'import-roster', 'absente.csv');
    expect(missing.code).toBe(1);
    expect(missing.err).toBe(`Impossible de lire ${join(dir, 'absente.csv')}\u00A0: ce fichier n’existe pas\u202F; attendu une liste des participants en CSV, p. ex. roster-2026.csv\n`);
    expect(french(missing.err)).toEqual([]);
  }, 120_000);

  it('lists who can be reached, and says who cannot, in French', async () => {
    await cli(store(), 'import-roster', 'liste.csv');
    const all = await cli(store(), 'reach');
    expect(all.code).toBe(0);
    expect(all.out).toMatch(/^nom +courriel +rôles +joint sur$/m);
    expect(all.out).toMatch(/Benoît Roy +benoit\.roy@example\.org +mentoré +Slack T0001\/U0BENOIT/);
    expect(all.out).toContain('Les 3 participants actifs peuvent être joints.');
    expect(french(all.out)).toEqual([]);

    // Someone the fake Slack does not know by email.
    await writeFile(join(dir, 'plus.csv'), `${ROSTER}\nDr. Denis Gagnon,denis.gagnon@example.org,mentor,PRA-MB-FP,2026-01-05,,,,\n`);
    expect((await cli(store(), 'import-roster', 'plus.csv')).code).toBe(0);
    const some = await cli(store(), 'reach');
    expect(some.code).toBe(1);
    const reason = /injoignable\u00A0: (.*?) *$/m.exec(some.out)?.[1];
    expect(reason, some.out).toBeDefined();
    expect(some.out).toContain('1 participant actif sur 4 ne peut pas être joint.');
    // The Slack directory's reason and its fix, said in the program's language too.
    expect(reason).toBe(
      'aucun membre Slack avec denis.gagnon@example.org dans l’espace de travail T0001\u00A0: ajoutez slack_user_id à la liste des participants, ou invitez cette personne dans l’espace de travail',
    );
    expect(french(some.out, ['Denis Gagnon'])).toEqual([]);
  }, 120_000);

  it('says in French that there is nothing to purge, no digest channel, and no data in the program', async () => {
    const purge = await cli(store(), 'purge', '--dry-run');
    expect(purge.out).toBe(`Personne dans ${PROGRAM} n’a dépassé la période de conservation de 7 ans.\n`);
    expect(french(purge.out)).toEqual([]);

    const digest = await cli(store(), 'digest', '--post');
    expect(digest.code).toBe(1);
    expect(digest.err).toBe(`${PROGRAM} n’a pas encore de canal pour le sommaire\u00A0: dans Slack ou Teams, une personne de la coordination tape /mentorship channel dans le canal qui doit le recevoir.\n`);
    expect(french(digest.err)).toEqual([]);

    const exported = await cli(store(), 'export', 'summary');
    expect(exported.code).toBe(0);
    expect(exported.err).toContain(`Exportation «\u00A0summary\u00A0» de ${PROGRAM}\u00A0:`);
    expect(exported.err).toContain(`${PROGRAM} n’a encore personne d’inscrit\u00A0: importez d’abord une liste des participants`);
    expect(french(exported.err, ['summary', 'import-roster roster.csv'])).toEqual([]);

    const nowhere = await cli(store(), 'export', 'summary', '--program', 'nulle-part');
    expect(nowhere.code).toBe(1);
    expect(nowhere.err).toMatch(/^erreur\u00A0: Il n’y a aucun programme «\u00A0nulle-part\u00A0» dans cette base de données\u00A0: attendu l’un de .*programme-mb/);
    expect(french(nowhere.err)).toEqual([]);
  }, 120_000);

  it('writes usage errors in French, with the English synopsis of the command', async () => {
    const which = await cli(undefined, 'export');
    expect(which.code).toBe(2);
    expect(which.err).toContain(`erreur\u00A0: que faut-il exporter\u202F? attendu l’un de ${EXPORT_KINDS.join(', ')}, p. ex. export summary`);
    expect(which.err).toContain('syntaxe\u00A0: npm run cli -- export <');
    expect(which.err).toContain('(npm run cli -- export --help pour en savoir plus)');
    expect(french(which.err, ['export summary', 'npm run cli -- export', ...EXPORT_KINDS])).toEqual([]);

    const option = await cli(undefined, 'export', 'meetings', '--fromm', '2026-01-01');
    expect(option.err).toContain('erreur\u00A0: option inconnue --fromm\u00A0: attendu --from, --to, --format');
    expect(french(option.err, ['npm run cli -- export', ...EXPORT_KINDS])).toEqual([]);

    const unknown = await cli(undefined, 'exprot');
    expect(unknown.err).toBe(`erreur\u00A0: commande inconnue «\u00A0exprot\u00A0»\u00A0: attendu l’une de ${COMMANDS.map((c) => c.name).join(', ')}\nVoir npm run cli -- --help\n`);
  });
});

describe.each(STORE_KINDS)('the demo for a French program on %s', (kind) => {
  const store = useTestStore(kind);

  it('builds a French demo program and tells its numbers in French', async () => {
    const io = memoryIo({ store: store(), clock: new TestClock(new Date('2026-06-15T15:00:00Z')), cwd: dir, env: { PROGRAM_FILE: join(dir, 'programme.yaml'), DATA_DIR: 'donnees' } });
    expect(await runCli(['demo'], io)).toBe(0);
    const program = await store().prisma.program.findUniqueOrThrow({ where: { slug: 'demo' } });
    expect(program).toMatchObject({ locale: 'fr-CA', name: 'Programme de mentorat de démonstration (fictif)' });
    const lines = io.out().split('\n');
    // The command line's own lines; the digest and the progress between them are their areas' words.
    const own = [
      lines[0]!,
      lines[1]!,
      lines[2]!,
      ...lines.slice(lines.indexOf('Ensuite\u00A0:')),
    ];
    expect(own[0]).toMatch(/^Création du programme de démonstration dans la base de données intégrée dans .*donnees…$/);
    expect(own[1]).toMatch(/^Programme de mentorat de démonstration \(fictif\)\u00A0: 3 mentors, 6 mentorés, \d+ rencontres, \d+ activités de DPC, \d+ réflexions rédigées, 12 objectifs d’apprentissage \(tous fictifs\)\.$/);
    expect(own[2]).toBe('En date d’aujourd’hui, le 15 juin 2026\u00A0: les mêmes chiffres que les commandes ci-dessous.');
    expect(own[3]).toBe('Ensuite\u00A0:');
    expect(englishWords(own.join('\n').replace(/--[a-z][a-z-]*/g, ' '), ['npm run cli -- export summary', 'npm run cli -- report', 'npm run cli -- digest', 'dahlia.demo@demo.example.org', 'donnees'])).toEqual([]);
    expect(io.err()).toBe('');
  }, 300_000);
});

describe('roster file problems and the demo program in either language', () => {
  it('keeps the English words of a roster problem, and writes them in French on request', () => {
    const en = readRosterCsv('\uFEFF');
    expect(en.problems.map(formatProblem)[0]).toMatch(/^line 1: the file is empty: expected a header row, e\.g\. name,email,role,/);
    const fr = readRosterCsv('\uFEFF', 'fr');
    expect(fr.problems.map(problemLine('fr'))[0]).toMatch(/^ligne 1\u00A0: le fichier est vide\u00A0: attendu une ligne d’en-tête, p\. ex\. name,email,role/);
    const unclosed = readRosterCsv('name,email,role\n"Dr. Amélie,a@example.org,mentor\n', 'fr');
    expect(unclosed.problems[0]!.message).toBe('une valeur entre guillemets ouverte à la ligne 2 n’est jamais fermée\u00A0: ajoutez le " fermant (un guillemet dans une valeur s’écrit deux fois, p. ex. "Dr. ""Sam"" Doe")');
  });

  it('names the demo program in its language', () => {
    expect(demoProgramName('en-CA')).toBe('Demo Mentorship Program (fictional)');
    expect(demoProgramName('fr-CA')).toBe('Programme de mentorat de démonstration (fictif)');
  });
});
