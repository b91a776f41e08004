// Outbound delivery for the outbox: DMs (conversations.open, then chat.postMessage), group DMs and
// channel posts. Slack's refusals become DeliveryErrors the scheduler can act on: wait (429), give up
// (permanent) or mark the person unreachable.
import type { webApi } from '@slack/bolt';
import { DeliveryError, type ChannelTarget, type DirectTarget, type Messenger, type Sent } from '../core/delivery.js';
import type { Message } from '../core/ui/message.js';
import { renderMessage } from './render/blocks.js';
import { slackErrorCode } from './people.js';

/** Retrying cannot help; the person (or channel) cannot be reached this way. */
const UNREACHABLE = new Set(['user_not_found', 'account_inactive', 'user_disabled', 'cannot_dm_bot', 'user_not_visible', 'users_not_found']);
/** Retrying cannot help, but the fault is the channel's or the app's set-up, not the person's. */
const PERMANENT = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'restricted_action',
  'restricted_action_read_only_channel',
  'msg_too_long',
  'invalid_blocks',
  'invalid_blocks_format',
  'too_many_users',
  'not_enough_users',
  'missing_scope',
  'not_authed',
  'invalid_auth',
  'token_revoked',
  'no_permission',
  'team_access_not_granted',
  'ekm_access_denied',
]);

const HINTS: Record<string, string> = {
  not_in_channel: 'invite the app to the channel (/invite @Mentorship), or set the digest channel again',
  channel_not_found: 'the channel no longer exists or the app cannot see it; set the digest channel again',
  is_archived: 'the channel is archived; set another digest channel',
  user_not_found: 'the Slack user no longer exists in this workspace',
  account_inactive: 'the Slack account is deactivated',
  missing_scope: 'reinstall the Slack app from manifests/slack/manifest.yaml to grant the scopes it needs',
  invalid_auth: 'SLACK_BOT_TOKEN is not valid for this workspace',
};

const DEFAULT_RETRY_AFTER_MS = 60_000;

export function createSlackMessenger(client: webApi.WebClient): Messenger & { openDm(userIds: string[]): Promise<string> } {
  async function openDm(userIds: string[]): Promise<string> {
    const result = await call(() => client.conversations.open({ users: userIds.join(',') }));
    const id = result.channel?.id;
    if (!id) throw new DeliveryError('conversations.open returned no channel', 'channel_not_found', { permanent: true });
    return id;
  }

  async function post(channel: string, message: Message): Promise<string> {
    const rendered = renderMessage(message);
    const result = await call(() => client.chat.postMessage({ channel, text: rendered.text, blocks: rendered.blocks, unfurl_links: false, unfurl_media: false }));
    return result.ts ?? '';
  }

  return {
    platform: 'SLACK',
    openDm,

    async sendDirect(target: DirectTarget, message: Message): Promise<Sent> {
      if (target.dmChannelId) {
        try {
          return { messageId: await post(target.dmChannelId, message) };
        } catch (error) {
          // A remembered DM channel can go stale (workspace migration); open it afresh once.
          if (!(error instanceof DeliveryError) || error.code !== 'channel_not_found') throw error;
        }
      }
      const dmChannelId = await openDm([target.userId]);
      return { messageId: await post(dmChannelId, message), dmChannelId };
    },

    async sendGroup(targets: DirectTarget[], message: Message): Promise<Sent> {
      const channel = await openDm(targets.map((t) => t.userId));
      return { messageId: await post(channel, message) };
    },

    async postToChannel(target: ChannelTarget, message: Message): Promise<Sent> {
      return { messageId: await post(target.channelId, message) };
    },
  };
}

async function call<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toDeliveryError(error);
  }
}

export function toDeliveryError(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  const e = error as { code?: string; retryAfter?: number; statusCode?: number; data?: { error?: string; response_metadata?: { retryAfter?: number } } };
  if (e?.code === 'slack_webapi_rate_limited_error') {
    return new DeliveryError('Slack rate limit reached', 'ratelimited', { retryAfterMs: (e.retryAfter ?? 60) * 1000 });
  }
  const code = slackErrorCode(error);
  if (code === 'ratelimited' || code === 'rate_limited') {
    const seconds = e?.data?.response_metadata?.retryAfter;
    return new DeliveryError('Slack rate limit reached', 'ratelimited', { retryAfterMs: seconds ? seconds * 1000 : DEFAULT_RETRY_AFTER_MS });
  }
  const hint = HINTS[code] ? `: ${HINTS[code]}` : '';
  if (UNREACHABLE.has(code)) return new DeliveryError(`Slack refused the message (${code})${hint}`, code, { permanent: true, unreachable: true });
  if (PERMANENT.has(code)) return new DeliveryError(`Slack refused the message (${code})${hint}`, code, { permanent: true });
  if (e?.code === 'slack_webapi_http_error') return new DeliveryError(`Slack answered HTTP ${e.statusCode ?? '?'}`, `http_${e.statusCode ?? 'error'}`);
  if (e?.code === 'slack_webapi_request_error') return new DeliveryError('Slack could not be reached', 'slack_unreachable');
  return new DeliveryError(`Slack refused the message (${code})`, code);
}
