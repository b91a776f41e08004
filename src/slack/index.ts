// The Slack adapter: a Bolt app on the shared HTTP server (POST /slack/events: commands, interactivity
// and events through one URL) or in Socket Mode when an app token is given. Translation only: every
// decision is core's (src/core/dispatch.ts).
import type { Router } from 'express';
import { App, AuthorizationError, ExpressReceiver, LogLevel, SocketModeReceiver, webApi } from '@slack/bolt';
import type { CoreContext, Logger } from '../core/context.js';
import type { Messenger } from '../core/delivery.js';
import { registerActions } from './listeners/actions.js';
import { registerCommands } from './listeners/commands.js';
import { registerEvents } from './listeners/events.js';
import { registerViews } from './listeners/views.js';
import type { ListenerDeps } from './listeners/deps.js';
import { boltLogger } from './logger.js';
import { createSlackMessenger } from './messenger.js';
import { slackErrorCode } from './people.js';
import { SLACK_EVENTS_PATH } from './paths.js';
import { createWorkQueue } from './work-queue.js';

export { SLACK_EVENTS_PATH } from './paths.js';

export interface SlackAdapterOptions {
  ctx: CoreContext;
  logger: Logger;
  botToken: string;
  signingSecret?: string;
  /** Socket Mode: no public URL needed. */
  appToken?: string;
  /** SLACK_API_URL: the Web API base URL, ending in /api/. */
  apiUrl?: string;
  /** WebClient retries (default 2 within a minute); tests pass 0. */
  retries?: number;
  /** Told the bot token's workspace (auth.test), which the program trusts (core/domain/trust.ts). */
  onWorkspace?: (teamId: string) => void;
}

export interface SlackAdapter {
  /** HTTP mode: handles POST /slack/events. */
  router?: Router;
  messenger: Messenger;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Commands and button presses worked on at once; more wait their turn (see work-queue.ts). */
const AFTER_ACK_CONCURRENCY = 8;
const WHO_AM_I_RETRY_MS = 60_000;

export async function createSlackAdapter(options: SlackAdapterOptions): Promise<SlackAdapter> {
  const { ctx, logger } = options;
  const slackLogger = boltLogger(logger);
  const clientOptions: webApi.WebClientOptions = {
    ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}),
    // The client's default (ten retries over thirty minutes) would outlast the outbox lease and risk a
    // second send from another replica; the outbox does the patient retrying, with Retry-After.
    retryConfig: { retries: options.retries ?? 2, maxRetryTime: 60_000 },
    logger: slackLogger,
  };

  let receiver: ExpressReceiver | SocketModeReceiver;
  let router: Router | undefined;
  if (options.appToken) {
    receiver = new SocketModeReceiver({ appToken: options.appToken, logger: slackLogger, logLevel: LogLevel.INFO });
  } else {
    if (!options.signingSecret) throw new Error('Slack over HTTP needs SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN for Socket Mode)');
    const express = new ExpressReceiver({
      signingSecret: options.signingSecret,
      endpoints: SLACK_EVENTS_PATH,
      // Acknowledge first, work after: Slack's 3 seconds are never spent waiting on the store.
      processBeforeResponse: false,
      logger: slackLogger,
      logLevel: LogLevel.INFO,
      // Bolt answers 500 to a signed payload it cannot process (e.g. an event_callback with no event):
      // that is the sender's mistake, so 400, and nothing was done with it.
      processEventErrorHandler: async ({ error, response }) => {
        if (response.headersSent) return false;
        const status = error instanceof AuthorizationError ? 401 : 400;
        logger.warn({ err: error, status }, 'slack request could not be processed');
        response.writeHead(status);
        response.end();
        return true;
      },
    });
    receiver = express;
    router = express.router as unknown as Router;
  }

  // Bolt would call auth.test while constructing (an unhandled rejection when Slack is unreachable):
  // we ask ourselves, with no retries, and give Bolt the answer so it can ignore the bot's own events.
  const identity = await whoAmI(options);
  const app = new App({
    token: options.botToken,
    receiver,
    logger: slackLogger,
    clientOptions,
    ...(identity ? { botId: identity.botId, botUserId: identity.userId } : { tokenVerificationEnabled: false }),
  });
  app.error(async (error) => {
    logger.error({ err: error, code: slackErrorCode(error) }, 'slack listener failed');
  });

  // Outbound delivery fails fast on 429 so the outbox reschedules by Retry-After instead of a client sleeping.
  const outboundClient = new webApi.WebClient(options.botToken, { ...clientOptions, rejectRateLimitedCalls: true });
  const messenger = createSlackMessenger(outboundClient);
  const afterAck = createWorkQueue(AFTER_ACK_CONCURRENCY, (what, error) => logger.error({ err: error, what, code: slackErrorCode(error) }, 'slack listener failed'));
  const deps: ListenerDeps = { ctx, logger, client: app.client, openDm: (userId) => messenger.openDm([userId]), afterAck };
  registerCommands(app, deps);
  registerActions(app, deps);
  registerViews(app, deps);
  registerEvents(app, deps);

  let retry: NodeJS.Timeout | undefined;
  return {
    router,
    messenger,
    async start() {
      // Try once more (logged either way): Slack may have been unreachable a moment ago. Until the bot
      // token's workspace is known, only SLACK_TEAM_ID is trusted: keep asking, once a minute.
      if (!identity && !(await whoAmI(options))) {
        retry = setInterval(() => {
          void whoAmI(options).then((found) => {
            if (found && retry) clearInterval(retry);
          });
        }, WHO_AM_I_RETRY_MS);
        retry.unref();
      }
      if (options.appToken) await app.start();
    },
    async stop() {
      if (retry) clearInterval(retry);
      if (options.appToken) await app.stop();
      // Answer what was acknowledged before the store closes.
      await afterAck.idle();
    },
  };
}

async function whoAmI(options: SlackAdapterOptions): Promise<{ userId: string; botId: string; teamId: string } | undefined> {
  const client = new webApi.WebClient(options.botToken, {
    ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}),
    retryConfig: { retries: 0 },
    timeout: 10_000,
    logger: boltLogger(options.logger),
  });
  try {
    const result = await client.auth.test();
    if (!result.user_id || !result.bot_id) return undefined;
    options.logger.info({ team: result.team_id, botUserId: result.user_id }, 'slack auth ok');
    if (result.team_id) options.onWorkspace?.(result.team_id);
    return { userId: result.user_id, botId: result.bot_id, teamId: result.team_id ?? '' };
  } catch (error) {
    options.logger.error({ code: slackErrorCode(error) }, 'Slack auth.test failed: check SLACK_BOT_TOKEN (and SLACK_API_URL if set)');
    return undefined;
  }
}
