import { readFile } from 'node:fs/promises';
import { writeOutFile } from '../file-errors.js';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { parseEnv } from '../../config/env.js';
import { slackManifest } from '../../slack/manifest.js';
import { said } from '../../core/i18n/translate.js';
import { booleanFlag, stringFlag, UsageError } from '../args.js';
import { cliTranslator, configuredLocale, type CliTranslate } from '../language.js';
import type { CliIo } from '../io.js';
import { exampleLinksLeft, packTeamsManifest } from '../../teams/manifest.js';
import { say, type CliCommand } from '../command.js';

const MANIFESTS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../manifests');
export const SLACK_MANIFEST = join(MANIFESTS_DIR, 'slack', 'manifest.yaml');

const HOST = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+(:\d{1,5})?$/i;

export const manifestCommand: CliCommand = {
  name: 'manifest',
  summary: 'the Slack app manifest for your host, or the Teams app package (zip)',
  usage: 'manifest slack --host HOST [--socket-mode] [--out FILE] | manifest teams [--out FILE]',
  help: `slack   the Slack app manifest, made from the command registry: paste it at
        api.slack.com/apps → Create New App → From an app manifest. --host names the
        public host the bot answers on (every request URL becomes https://HOST/slack/events);
        --socket-mode instead makes a Socket Mode manifest with no request URL (no public
        host needed; then set SLACK_APP_TOKEN). Without either, the template with YOUR-HOST
teams   packs manifests/teams (manifest.json and the two icons) into the zip Teams
        accepts: Teams → Apps → Manage your apps → Upload an app. Needs TEAMS_APP_ID (the
        bot's Azure app registration id); TEAMS_BOT_DOMAIN (e.g. bot.example.org) is
        added to validDomains when set; TEAMS_APP_WEBSITE_URL, TEAMS_APP_PRIVACY_URL and
        TEAMS_APP_TERMS_URL replace the example.org links, TEAMS_APP_VERSION the version
        (raise it for each new upload)

Options:
  --host HOST      slack: the bot's public host name, e.g. bot.hospital.example
  --socket-mode    slack: a Socket Mode app (no request URLs)
  --out FILE       where to write (slack: default standard output; teams: default
                   ./mentorship-bot-teams.zip)

Examples:
  npm run cli -- manifest slack --host bot.hospital.example > slack-manifest.yaml
  npm run cli -- manifest slack --socket-mode --out slack-manifest.yaml
  npm run cli -- manifest teams --out teams-app.zip`,
  flags: { out: { type: 'string', hint: 'FILE' }, host: { type: 'string', hint: 'HOST' }, 'socket-mode': { type: 'boolean' } },
  async run(args, io) {
    const [platform, ...extra] = args.positionals;
    if (platform !== 'slack' && platform !== 'teams') {
      throw new UsageError(platform ? said('cli.manifest.notPlatform', { platform }) : said('cli.manifest.whichPlatform'), 'manifest');
    }
    if (extra.length) throw new UsageError(said('cli.manifest.onePlatform', { extra: extra.join(' ') }), 'manifest');
    const tr = cliTranslator(await configuredLocale(io));
    const out = stringFlag(args, 'out');
    if (platform === 'slack') {
      const text = await slackManifestText(args.flags.host, booleanFlag(args, 'socket-mode'), io, tr);
      if (text === undefined) return 1;
      if (out) {
        const path = resolve(io.cwd, out);
        await writeOutFile(path, text);
        say(io, tr('cli.manifest.wroteSlack', { path }));
      } else io.stdout.write(text);
      return 0;
    }
    if (args.flags.host !== undefined || args.flags['socket-mode'] !== undefined) {
      throw new UsageError(said('cli.manifest.slackOnly'), 'manifest');
    }
    const env = parseEnv(io.env);
    const path = resolve(io.cwd, out ?? 'mentorship-bot-teams.zip');
    const { zip, manifestJson } = await packTeamsManifest({
      appId: env.TEAMS_APP_ID ?? '',
      botDomain: env.TEAMS_BOT_DOMAIN,
      links: { websiteUrl: env.TEAMS_APP_WEBSITE_URL, privacyUrl: env.TEAMS_APP_PRIVACY_URL, termsOfUseUrl: env.TEAMS_APP_TERMS_URL, version: env.TEAMS_APP_VERSION },
    });
    await writeOutFile(path, zip);
    say(io, tr('cli.manifest.wroteTeams', { path }));
    const left = exampleLinksLeft(manifestJson);
    if (left.length) io.stderr.write(`${tr('cli.manifest.exampleLinks', { variables: left.join(', ') })}\n`);
    return 0;
  },
};

/** With --host or --socket-mode, generated from the registry; without, the checked-in template. */
async function slackManifestText(host: string | boolean | undefined, socketMode: boolean, io: CliIo, tr: CliTranslate): Promise<string | undefined> {
  if (typeof host === 'string') {
    const name = host.trim().replace(/^https?:\/\//, '').replace(/\/.*$/, '');
    if (!HOST.test(name)) throw new UsageError(said('cli.manifest.notHost', { host }), 'manifest');
    if (socketMode) throw new UsageError(said('cli.manifest.hostOrSocket'), 'manifest');
    return stringify(slackManifest({ host: name }), { lineWidth: 0 });
  }
  if (socketMode) return stringify(slackManifest({ socketMode: true }), { lineWidth: 0 });
  try {
    return await readFile(SLACK_MANIFEST, 'utf8');
  } catch {
    io.stderr.write(`${tr('cli.manifest.noTemplate', { path: SLACK_MANIFEST })}\n`);
    return undefined;
  }
}
