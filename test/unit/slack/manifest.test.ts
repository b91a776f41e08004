import { readFileSync } from 'node:fs';
import { t } from '../../../src/core/i18n/translate.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { COMMANDS } from '../../../src/core/commands/index.js';
import { slackManifest } from '../../../src/slack/manifest.js';

const manifest = parse(readFileSync(new URL('../../../manifests/slack/manifest.yaml', import.meta.url), 'utf8'));
const commands = manifest.features.slash_commands as { command: string; description: string; usage_hint?: string; url: string; should_escape: boolean }[];

describe('the Slack manifest', () => {
  it('lists exactly the slash commands of the registry, with their summaries', () => {
    expect(commands.map((c) => c.command).sort()).toEqual(COMMANDS.map((c) => c.slash).sort());
    for (const definition of COMMANDS) {
      expect(commands.find((c) => c.command === definition.slash)?.description).toBe(t('en', definition.summary));
    }
  });

  it('is what the code generates, so scopes and events cannot drift either', () => {
    expect(manifest).toEqual(slackManifest());
  });

  it('sends commands, interactivity and events to the one /slack/events URL', () => {
    const url = 'https://YOUR-HOST/slack/events';
    expect(new Set(commands.map((c) => c.url))).toEqual(new Set([url]));
    expect(manifest.settings.interactivity).toEqual({ is_enabled: true, request_url: url });
    expect(manifest.settings.event_subscriptions.request_url).toBe(url);
    expect(manifest.settings.socket_mode_enabled).toBe(false);
  });

  it('asks only for the scopes the adapter calls need', () => {
    expect(manifest.oauth_config.scopes.bot.sort()).toEqual(
      ['chat:write', 'commands', 'files:write', 'im:history', 'im:write', 'mpim:write', 'users:read', 'users:read.email', 'channels:read', 'groups:read', 'mpim:read'].sort(),
    );
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(['app_home_opened', 'message.im']);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
  });

  it('keeps every command within Slack\'s manifest limits', () => {
    for (const c of commands) {
      expect(c.command.length).toBeLessThanOrEqual(32);
      expect(c.description.length).toBeLessThanOrEqual(100);
      expect((c.usage_hint ?? '').length).toBeLessThanOrEqual(1000);
    }
  });

  it('drops the request URLs in Socket Mode', () => {
    const socket = slackManifest({ socketMode: true });
    expect(socket.settings.socket_mode_enabled).toBe(true);
    expect(socket.features.slash_commands.every((c) => !('url' in c))).toBe(true);
    expect('request_url' in socket.settings.interactivity).toBe(false);
  });
});
