import { readFile } from 'node:fs/promises';
import { writeOutFile } from '../file-errors.js';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringFlag, UsageError } from '../args.js';
import { packTeamsManifest } from '../manifest.js';
import { say, type CliCommand } from '../command.js';

const MANIFESTS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../manifests');
export const SLACK_MANIFEST = join(MANIFESTS_DIR, 'slack', 'manifest.yaml');

export const manifestCommand: CliCommand = {
  name: 'manifest',
  summary: 'the Slack app manifest, or the Teams app package (zip)',
  usage: 'manifest <slack|teams> [--out FILE]',
  help: `slack   prints manifests/slack/manifest.yaml: paste it at api.slack.com/apps →
        Create New App → From an app manifest (replace the example URLs with yours)
teams   packs manifests/teams (manifest.json and the two icons) into the zip Teams
        accepts: Teams → Apps → Manage your apps → Upload an app. Needs TEAMS_APP_ID (the
        bot's Azure app registration id); TEAMS_BOT_DOMAIN (e.g. bot.example.org) is
        added to validDomains when set

Options:
  --out FILE   where to write (slack: default standard output; teams: default
               ./mentorship-bot-teams.zip)

Examples:
  npm run cli -- manifest slack > slack-manifest.yaml
  npm run cli -- manifest teams --out teams-app.zip`,
  flags: { out: { type: 'string', hint: 'FILE' } },
  async run(args, io) {
    const [platform, ...extra] = args.positionals;
    if (platform !== 'slack' && platform !== 'teams') {
      throw new UsageError(`${platform ? `"${platform}" is not a platform` : 'which platform?'}: expected slack or teams, e.g. manifest teams`, 'manifest');
    }
    if (extra.length) throw new UsageError(`one platform at a time: got also ${extra.join(' ')}`, 'manifest');
    const out = stringFlag(args, 'out');
    if (platform === 'slack') {
      let text: string;
      try {
        text = await readFile(SLACK_MANIFEST, 'utf8');
      } catch {
        io.stderr.write(`Cannot read ${SLACK_MANIFEST}: is this a complete checkout?\n`);
        return 1;
      }
      if (out) {
        const path = resolve(io.cwd, out);
        await writeOutFile(path, text);
        say(io, `Wrote the Slack app manifest to ${path} (from ${SLACK_MANIFEST}).`);
      } else io.stdout.write(text);
      return 0;
    }
    const path = resolve(io.cwd, out ?? 'mentorship-bot-teams.zip');
    await packTeamsManifest(path, { appId: io.env.TEAMS_APP_ID ?? '', botDomain: io.env.TEAMS_BOT_DOMAIN });
    say(io, `Wrote the Teams app package to ${path}: upload it in Teams → Apps → Manage your apps → Upload an app.`);
    return 0;
  },
};
