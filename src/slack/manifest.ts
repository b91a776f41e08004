// The Slack app manifest, built from the command registry and the scopes this adapter uses, so the
// checked-in manifests/slack/manifest.yaml can be regenerated and a test can catch drift.
import { COMMANDS } from '../core/commands/index.js';
import { t } from '../core/i18n/translate.js';
import { SLACK_EVENTS_PATH } from './paths.js';

/** Every scope, with the call that needs it. No more than these. */
export const BOT_SCOPES = [
  'commands', // slash commands
  'chat:write', // chat.postMessage: DMs, confirmations, digests in channels the app was invited to
  'im:write', // conversations.open with one user: the DM channel
  'mpim:write', // conversations.open with several users: pair introductions
  'im:history', // message.im: people writing to the bot in its DM get the help
  'users:read', // users.info: name and time zone
  'users:read.email', // users.info: profile.email, to link a Slack user to an enrolled person
  'files:write', // files.getUploadURLExternal / completeUploadExternal: exports sent by DM
  'channels:read', // conversations.info: is the digest channel private? (a public one is refused)
  'groups:read', // conversations.info of a private channel
  'mpim:read', // conversations.info of a group DM (refused as a digest channel)
] as const;

export const BOT_EVENTS = ['app_home_opened', 'message.im'] as const;

/** The usage hint Slack shows while typing: the registry's syntax lines, shortened to fit. */
export function usageHint(usage: readonly string[]): string {
  const lines = usage.filter((u) => u.trim() !== '');
  const hint = lines.length > 2 ? `${lines.map((l) => l.split(' ')[0]).join(' | ')} …` : lines.join(' | ');
  return hint.length > 100 ? `${hint.slice(0, 99)}…` : hint;
}

export function slackManifest(options: { host?: string; name?: string; socketMode?: boolean } = {}) {
  const url = `https://${options.host ?? 'YOUR-HOST'}${SLACK_EVENTS_PATH}`;
  const name = options.name ?? 'Mentorship';
  const socket = options.socketMode ?? false;
  return {
    _metadata: { major_version: 1, minor_version: 1 },
    display_information: {
      name,
      description: 'Mentor meetings, CPD and reflection for the mentorship program',
      long_description:
        'Log mentor meetings and CPD activities with slash commands, answer reflection prompts in a DM, and see your progress in the App Home. Coordinators get a weekly digest and can enroll, pair and export. Please never enter patient identifiers.',
      background_color: '#2c5f7c',
    },
    features: {
      app_home: { home_tab_enabled: true, messages_tab_enabled: true, messages_tab_read_only_enabled: false },
      bot_user: { display_name: name, always_online: true },
      slash_commands: COMMANDS.map((c) => ({
        command: c.slash,
        ...(socket ? {} : { url }),
        description: t('en', c.summary),
        ...(usageHint(c.usage) ? { usage_hint: usageHint(c.usage) } : {}),
        // Mentions arrive as <@U123>, so core can tell exactly whom was named.
        should_escape: true,
      })),
    },
    oauth_config: { scopes: { bot: [...BOT_SCOPES] } },
    settings: {
      event_subscriptions: { ...(socket ? {} : { request_url: url }), bot_events: [...BOT_EVENTS] },
      interactivity: { is_enabled: true, ...(socket ? {} : { request_url: url }) },
      org_deploy_enabled: false,
      socket_mode_enabled: socket,
      token_rotation_enabled: false,
    },
  };
}
