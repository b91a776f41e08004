// Core's directory on Slack: users.lookupByEmail (find a member by email), users.info (describe a
// mentioned member), conversations.open (the DM). Needs the users:read and users:read.email scopes.
// Slack's documented answers become what core can act on: users_not_found → missing, with the fix;
// ratelimited → unavailable with Retry-After; missing_scope → unavailable, logged as an error for the
// operator; deactivated members and bots are refused with a clear reason.
import type { webApi } from '@slack/bolt';
import type { Conversation } from '../core/actor.js';
import type { Logger } from '../core/context.js';
import type { Directory, DirectoryAccount, DirectoryAnswer } from '../core/directory.js';
import { said } from '../core/i18n/translate.js';
import { slackErrorCode } from './people.js';

/** Errors that mean the app is set up wrong: an operator must act, so they are logged as errors. */
const CONFIG_ERRORS = new Set(['missing_scope', 'not_authed', 'invalid_auth', 'token_revoked', 'account_inactive', 'no_permission', 'not_allowed_token_type']);

const DEFAULT_RETRY_AFTER_MS = 60_000;

interface SlackMember {
  id?: string;
  team_id?: string;
  name?: string;
  real_name?: string;
  deleted?: boolean;
  is_bot?: boolean;
  is_app_user?: boolean;
  tz?: string;
  locale?: string;
  profile?: { email?: string; real_name?: string; display_name?: string };
}

export interface SlackDirectoryOptions {
  client: webApi.WebClient;
  logger: Logger;
  /** The bot token's workspace (auth.test), used when Slack's answer names none. */
  teamId: () => string | undefined;
}

export function createSlackDirectory({ client, logger, teamId }: SlackDirectoryOptions): Directory {
  const workspace = () => teamId() ?? 'the bot’s workspace';

  function refused(method: string, error: unknown, subject: string): DirectoryAnswer {
    const e = error as { code?: string; retryAfter?: number; data?: { response_metadata?: { retryAfter?: number } } };
    if (e?.code === 'slack_webapi_rate_limited_error') {
      const ms = (e.retryAfter ?? 60) * 1000;
      logger.warn({ method, retryAfterMs: ms }, `${method} rate limited by Slack; asking again after Retry-After`);
      return { kind: 'unavailable', reason: said('reach.slack.rateLimited', { subject }), retryAfterMs: ms };
    }
    const code = slackErrorCode(error);
    if (code === 'ratelimited') {
      const seconds = e?.data?.response_metadata?.retryAfter;
      return { kind: 'unavailable', reason: said('reach.slack.rateLimited', { subject }), retryAfterMs: seconds ? seconds * 1000 : DEFAULT_RETRY_AFTER_MS };
    }
    if (code === 'users_not_found' || code === 'user_not_found') {
      const team = teamId();
      return { kind: 'missing', reason: said('reach.slack.notFound', { subject, known: team ? 'yes' : 'no', workspace: team ?? '' }) };
    }
    if (code === 'missing_scope') {
      logger.error({ method, code }, `${method} failed: the Slack app lacks the users:read.email scope (or users:read); add it and reinstall the app from manifests/slack/manifest.yaml`);
      return { kind: 'unavailable', reason: said('reach.slack.missingScope') };
    }
    if (CONFIG_ERRORS.has(code)) {
      logger.error({ method, code }, `${method} failed: check SLACK_BOT_TOKEN and the app's scopes`);
      return { kind: 'unavailable', reason: said('reach.slack.refused', { code }) };
    }
    logger.warn({ method, code }, `${method} failed`);
    return { kind: 'unavailable', reason: said('reach.slack.failed', { subject, code }) };
  }

  /** A member the bot may link, or why not. */
  function accountOf(member: SlackMember | undefined, subject: string): DirectoryAnswer {
    if (!member?.id) return { kind: 'missing', reason: said('reach.slack.noMember', { subject }) };
    if (member.deleted) return { kind: 'missing', reason: said('reach.slack.deactivated', { subject }) };
    if (member.is_bot || member.is_app_user) return { kind: 'missing', reason: said('reach.slack.bot', { subject }) };
    const name = member.profile?.real_name || member.real_name || member.profile?.display_name || member.name;
    const account: DirectoryAccount = {
      platform: 'SLACK',
      workspaceId: member.team_id || workspace(),
      userId: member.id,
      ...(name ? { name } : {}),
      ...(member.profile?.email ? { email: member.profile.email } : {}),
      ...(member.tz ? { timeZone: member.tz } : {}),
      ...(member.locale ? { locale: member.locale } : {}),
    };
    return { kind: 'found', account };
  }

  return {
    platform: 'SLACK',

    async findByEmail(email: string): Promise<DirectoryAnswer> {
      try {
        const result = await client.users.lookupByEmail({ email });
        return accountOf(result.user as SlackMember | undefined, email);
      } catch (error) {
        return refused('users.lookupByEmail', error, email);
      }
    },

    async describe(userId: string, _where: Conversation): Promise<DirectoryAnswer> {
      const subject = `<@${userId}>`;
      try {
        const result = await client.users.info({ user: userId, include_locale: true });
        const found = accountOf(result.user as SlackMember | undefined, subject);
        if (found.kind === 'found' && !found.account.email) {
          logger.error({ method: 'users.info', userId }, 'users.info gave no email: the Slack app needs the users:read.email scope');
          return { kind: 'unavailable', reason: said('reach.slack.noEmail') };
        }
        return found;
      } catch (error) {
        return refused('users.info', error, subject);
      }
    },

    async openDirect(account: DirectoryAccount): Promise<DirectoryAnswer> {
      if (account.dmChannelId) return { kind: 'found', account };
      try {
        const result = await client.conversations.open({ users: account.userId });
        const id = result.channel?.id;
        return { kind: 'found', account: id ? { ...account, dmChannelId: id } : account };
      } catch (error) {
        const code = slackErrorCode(error);
        if (code === 'cannot_dm_bot' || code === 'user_disabled' || code === 'user_not_found') {
          return { kind: 'missing', reason: said('reach.slack.dmRefused', { who: `<@${account.userId}>`, code }) };
        }
        return refused('conversations.open', error, `<@${account.userId}>`);
      }
    },
  };
}
