// A Slack user as core sees them before linking: their profile (email, name, time zone) is fetched with
// users.info only when core asks, i.e. when the account is not linked yet. Needs users:read.email.
import type { webApi } from '@slack/bolt';
import type { PlatformUser } from '../core/actor.js';
import type { Logger } from '../core/context.js';

/** Errors that mean the app is set up wrong, not that this user is unknown: worth an operator's attention. */
const CONFIG_ERRORS = new Set(['missing_scope', 'not_authed', 'invalid_auth', 'token_revoked', 'account_inactive', 'no_permission']);

export function slackUser(client: webApi.WebClient, logger: Logger, teamId: string, userId: string): PlatformUser {
  return {
    platform: 'SLACK',
    workspaceId: teamId,
    userId,
    lookupProfile: async () => {
      try {
        const result = await client.users.info({ user: userId, include_locale: true });
        const user = result.user;
        if (!user || user.deleted) return {};
        const name = user.profile?.real_name || user.real_name || user.profile?.display_name || user.name;
        return { email: user.profile?.email, name: name || undefined, timeZone: user.tz || undefined, ...(user.locale ? { locale: user.locale } : {}) };
      } catch (error) {
        const code = slackErrorCode(error);
        // Without a profile core cannot link the user by email and tells them they are not enrolled.
        if (CONFIG_ERRORS.has(code)) logger.error({ code, userId }, 'users.info failed: check the bot token and its users:read and users:read.email scopes');
        else logger.warn({ code, userId }, 'users.info failed');
        return {};
      }
    },
  };
}

/** Slack's error string (`user_not_found`...) from a WebClient error, or the client's own error code. */
export function slackErrorCode(error: unknown): string {
  const e = error as { code?: string; data?: { error?: string } } | undefined;
  return e?.data?.error ?? e?.code ?? 'unknown_error';
}
