// The Slack adapter: a Bolt app on the shared HTTP server (POST /slack/events: commands, interactivity
// and events through one URL) or in Socket Mode when an app token is given. Translation only: every
// decision is core's (src/core/dispatch.ts).
import type { PlatformAdapter } from '../platform-adapter.js';
import type { Router } from 'express';
import { App, AuthorizationError, ExpressReceiver, LogLevel, SocketModeReceiver, webApi } from '@slack/bolt';
import type { CoreContext, Logger } from '../core/context.js';
import { createSlackDirectory } from './directory.js';
import { registerActions } from './listeners/actions.js';
import { registerCommands } from './listeners/commands.js';
import { registerEvents } from './listeners/events.js';
import { registerViews } from './listeners/views.js';
import type { ListenerDeps } from './listeners/deps.js';
import { boltLogger } from './logger.js';
import { createSlackMessenger } from './messenger.js';
import { slackErrorCode } from './people.js';
import { describeSlackProblem, type SlackProblem } from './connection-problem.js';
import type { OutboundProxy } from '../http/proxy.js';
import { proxyFor } from '../http/proxy.js';
import { SLACK_EVENTS_PATH } from './paths.js';
import { createWorkQueue } from '../http/work-queue.js';
import { responder } from './respond.js';

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
  /** HTTPS_PROXY set: Web API calls and the Socket Mode WebSocket go through it. */
  proxy?: OutboundProxy;
  /** Told the bot token's workspace (auth.test), which the program trusts (core/domain/trust.ts). */
  onWorkspace?: (teamId: string) => void;
}

export interface SlackPlatformAdapter extends PlatformAdapter {
  readonly platform: 'SLACK';
  /** What is wrong with the connection to Slack, if anything: for the start-up log and /readyz. */
  problem(): SlackProblem | undefined;
}

/** Socket Mode: the wait before trying to connect again, growing to a minute. */
const RECONNECT_DELAYS_MS = [2_000, 5_000, 15_000, 30_000, 60_000];

/**
 * Commands and button presses worked on at once; more wait their turn (see http/work-queue.ts). Each one
 * in progress gets a turn of the event loop whenever its query returns, as every request waiting for its
 * acknowledgement does: four keep the store busy while leaving acknowledgements most of the turns.
 */
const AFTER_ACK_CONCURRENCY = 4;
const WHO_AM_I_RETRY_MS = 60_000;

export async function createSlackAdapter(options: SlackAdapterOptions): Promise<SlackPlatformAdapter> {
  const { ctx, logger } = options;
  const slackLogger = boltLogger(logger);
  const clientOptions: webApi.WebClientOptions = {
    ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}),
    // The client's default (ten retries over thirty minutes) would outlast the outbox lease and risk a
    // second send from another replica; the outbox does the patient retrying, with Retry-After.
    retryConfig: { retries: options.retries ?? 2, maxRetryTime: 60_000 },
    logger: slackLogger,
    ...(options.proxy ? { fetch: options.proxy.fetch as webApi.WebClientOptions['fetch'] } : {}),
  };

  let receiver: ExpressReceiver | SocketModeReceiver;
  let router: Router | undefined;
  if (options.appToken) {
    receiver = new SocketModeReceiver({
      appToken: options.appToken,
      logger: slackLogger,
      logLevel: LogLevel.INFO,
      ...(options.proxy ? { dispatcher: options.proxy.newDispatcher() } : {}),
      // apps.connections.open once per attempt: the start loop below retries, and says why it failed.
      installerOptions: { clientOptions: { ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}), retryConfig: { retries: 0 } } },
    });
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
  let problem: SlackProblem | undefined;
  let state = 'starting';
  let identity = await whoAmI(options, (p) => (problem = p));
  const app = new App({
    token: options.botToken,
    receiver,
    logger: slackLogger,
    clientOptions,
    // Unknown while Slack is unreachable: placeholders, or Bolt would call auth.test on every request
    // and refuse each with an AuthorizationError. The bot's own messages are ignored by their bot_id.
    botId: identity?.botId ?? 'B_UNKNOWN',
    botUserId: identity?.userId ?? 'U_UNKNOWN',
    // Bolt's default middleware remembers a state per conversation in memory, on every request; no
    // listener reads it (context.conversation), and one replica's memory is no place for state anyway.
    convoStore: false,
  });
  app.error(async (error) => {
    logger.error({ err: error, code: slackErrorCode(error) }, 'slack listener failed');
  });

  // Outbound delivery fails fast on 429 so the outbox reschedules by Retry-After instead of a client sleeping.
  const outboundClient = new webApi.WebClient(options.botToken, { ...clientOptions, rejectRateLimitedCalls: true });
  const messenger = createSlackMessenger(outboundClient);
  const afterAck = createWorkQueue(AFTER_ACK_CONCURRENCY, (what, error) => logger.error({ err: error, what, code: slackErrorCode(error) }, 'slack listener failed'));
  const deps: ListenerDeps = {
    ctx,
    logger,
    client: app.client,
    openDm: (userId) => messenger.openDm([userId]),
    afterAck,
    respondTo: (responseUrl) => responder(responseUrl, options.proxy?.dispatcher),
  };
  registerCommands(app, deps);
  registerActions(app, deps);
  registerViews(app, deps);
  registerEvents(app, deps);

  // Socket Mode connects in the background, again and again until it can: the rest of the bot (Teams,
  // the scheduler, /healthz) serves meanwhile, and a SIGTERM stops the attempts at once.
  let stopped = false;
  let wake: (() => void) | undefined;
  let connecting: Promise<void> | undefined;
  const connectLoop = async () => {
    for (let attempt = 0; !stopped; attempt++) {
      try {
        state = 'connecting';
        await app.start();
        identity ??= await whoAmI(options, (p) => (problem = p));
        problem = undefined;
        state = 'connected';
        logger.info({}, 'slack socket mode connected');
        return;
      } catch (error) {
        if (stopped) return;
        problem = describeSlackProblem(error, options.apiUrl, proxyFor(options.apiUrl ?? 'https://slack.com/api/'));
        const delay = RECONNECT_DELAYS_MS[Math.min(attempt, RECONNECT_DELAYS_MS.length - 1)]!;
        state = `waiting for Slack (Socket Mode): ${problem.message}; next attempt in ${delay / 1000} s`;
        logger.error({ reason: problem.kind, code: problem.code, retryInSeconds: delay / 1000 }, `Slack Socket Mode cannot connect: ${problem.message}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, delay);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    }
  };

  const directory = createSlackDirectory({ client: outboundClient, logger, teamId: () => identity?.teamId || undefined });

  let retry: NodeJS.Timeout | undefined;
  return {
    platform: 'SLACK',
    router,
    messenger,
    directory,
    async start() {
      if (!options.appToken) {
        // Try once more (logged either way): Slack may have been unreachable a moment ago. Until the bot
        // token's workspace is known, only SLACK_TEAM_ID is trusted: keep asking, once a minute.
        identity ??= await whoAmI(options, (p) => (problem = p));
        state = identity ? 'connected' : `Slack did not answer at start: ${problem?.message ?? 'see the log'}`;
        if (!identity) {
          retry = setInterval(() => {
            void whoAmI(options, (p) => (problem = p)).then((found) => {
              if (!found) return;
              identity = found;
              state = 'connected';
              problem = undefined;
              if (retry) clearInterval(retry);
            });
          }, WHO_AM_I_RETRY_MS);
          retry.unref();
        }
        return;
      }
      connecting = connectLoop();
    },
    async stop() {
      if (retry) clearInterval(retry);
      stopped = true;
      wake?.();
      // The Socket Mode client may still be retrying inside app.start(): disconnecting ends that too.
      if (options.appToken) await app.stop().catch((error: unknown) => logger.debug({ err: error }, 'slack socket mode stopped before it connected'));
      await Promise.race([connecting, new Promise((resolve) => setTimeout(resolve, 2_000).unref())]);
      // Answer what was acknowledged before the store closes.
      await afterAck.idle();
    },
    problem: () => problem,
    state: () => state,
  };
}

async function whoAmI(
  options: SlackAdapterOptions,
  report: (problem: SlackProblem) => void,
): Promise<{ userId: string; botId: string; teamId: string } | undefined> {
  const client = new webApi.WebClient(options.botToken, {
    ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}),
    retryConfig: { retries: 0 },
    timeout: 10_000,
    logger: boltLogger(options.logger),
    ...(options.proxy ? { fetch: options.proxy.fetch as webApi.WebClientOptions['fetch'] } : {}),
  });
  try {
    const result = await client.auth.test();
    if (!result.user_id || !result.bot_id) return undefined;
    options.logger.info({ team: result.team_id, botUserId: result.user_id }, 'slack auth ok');
    if (result.team_id) options.onWorkspace?.(result.team_id);
    return { userId: result.user_id, botId: result.bot_id, teamId: result.team_id ?? '' };
  } catch (error) {
    const problem = describeSlackProblem(error, options.apiUrl, proxyFor(options.apiUrl ?? 'https://slack.com/api/'));
    report(problem);
    options.logger.error({ reason: problem.kind, code: problem.code }, `Slack auth.test failed: ${problem.message}`);
    return undefined;
  }
}
