// Composition: config → store → program → adapters → HTTP (+ scheduler). main.ts and the tests both
// start the bot through here, so tests exercise the same wiring users run.
import { createHash } from 'node:crypto';
import type { Server } from 'node:http';
import express from 'express';
import type { Env } from './config/env.js';
import { platformSwitches } from './config/env.js';
import { loadProgramFile } from './config/program-file.js';
import type { Clock, CoreContext } from './core/context.js';
import { systemClock } from './core/context.js';
import type { Messenger } from './core/delivery.js';
import type { Directory } from './core/directory.js';
import { ensureProgram } from './core/services/program.service.js';
import { createHttpApp, closeServer, listen } from './http/server.js';
import { createLogger, safeUrl, type Logger } from './http/logger.js';
import { createMetrics, type Metrics } from './http/metrics.js';
import { configuredProxy, installOutboundProxy } from './http/proxy.js';
import { openStore, type Store } from './store/store.js';
import { createScheduler, type Scheduler } from './scheduler/index.js';
import { clocked } from './store/clocked.js';
import { trustPolicy } from './core/domain/trust.js';
import { untrustedLinks } from './core/services/trust.js';
import type { PlatformAdapter } from './platform-adapter.js';

export interface AppOptions {
  clock?: Clock;
  logger?: Logger;
  /** Tests: no Web API retries, so a missing fake fails fast. */
  slackRetries?: number;
  /** Start the delivery/planning ticks (default: env.SCHEDULER_ENABLED, else true). */
  scheduler?: boolean;
  /** A new embedded store starts from this dump (see StoreOptions.template); tests. */
  storeTemplate?: Uint8Array;
}

export interface RunningApp {
  url: string;
  port: number;
  ctx: CoreContext;
  store: Store;
  logger: Logger;
  metrics: Metrics;
  messengers: Messenger[];
  scheduler?: Scheduler;
  close(): Promise<void>;
}

export async function startApp(env: Env, options: AppOptions = {}): Promise<RunningApp> {
  const logger = options.logger ?? createLogger(env.LOG_LEVEL);
  const clock = options.clock ?? systemClock;
  const metrics = createMetrics();
  const program = await loadProgramFile(env.PROGRAM_FILE, env.COORDINATORS);

  // Listen first: /healthz answers while the store opens, /readyz once everything below is done,
  // and a port already in use is reported before seconds are spent on the store.
  let ready = false;
  let store: Store | undefined;
  const platformStates: Record<string, () => string> = {};
  const platformRoutes = express.Router();
  const http = createHttpApp({
    logger,
    metrics,
    routers: [platformRoutes],
    isReady: async () => ready && (await store!.isReady()),
    details: () => Object.fromEntries(Object.entries(platformStates).map(([name, state]) => [name, state()])),
  });
  const server: Server = await listen(http, env.PORT, env.HOST);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : env.PORT;

  const adapters: PlatformAdapter[] = [];
  let scheduler: Scheduler | undefined;
  // Stop the ticks first (nothing new starts), drain HTTP, let the adapters finish, close the store.
  const shutdown = async (): Promise<void> => {
    await scheduler?.stop();
    await closeServer(server);
    for (const adapter of adapters) await adapter.stop();
    await store?.close();
  };

  // The platform SDKs load while the store opens: compiling them keeps the main thread busy while the
  // store mostly waits on the disk, libuv's threads and WebAssembly compilation. Only those of the
  // platforms that are on: seconds of start-up and tens of MiB otherwise.
  const switches = platformSwitches(env);
  const slackModule = switches.slack !== 'off' ? loadedEarly(import('./slack/index.js')) : undefined;
  const teamsModule = switches.teams !== 'off' ? loadedEarly(import('./teams/index.js')) : undefined;

  try {
    store = await openStore({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR, template: options.storeTemplate });
    const applied = await store.migrate();
    const opened = store;
    metrics.countStatements(() => opened.sent);
    logger.info({ store: store.kind, where: env.DATABASE_URL ? safeUrl(env.DATABASE_URL) : env.DATA_DIR, applied }, 'store ready');
    const { coordinators, ...settings } = program;
    const info = await ensureProgram(store.prisma, settings, coordinators, clock);
    // Trusted: SLACK_TEAM_ID now, the bot token's workspace once auth.test answers (slack/index.ts).
    const trust = trustPolicy({
      slackWorkspaces: env.SLACK_TEAM_ID ? [env.SLACK_TEAM_ID] : [],
      teamsTenants: [...(env.TEAMS_APP_TENANT_ID ? [env.TEAMS_APP_TENANT_ID] : []), ...env.TEAMS_TRUSTED_TENANTS],
      checkTeamsTenants: !env.TEAMS_AUTH_DISABLED || Boolean(env.TEAMS_APP_ID),
    });
    const requestSecret = requestIdSecret(env);
    const ctx: CoreContext = { db: clocked(store.prisma, clock), clock, logger, program: info, trust, ...(requestSecret ? { requestSecret } : {}) };

    const messengers: Messenger[] = [];
    // Behind a hospital proxy (HTTPS_PROXY, NO_PROXY): every outbound call goes through it.
    const proxy = installOutboundProxy(process.env);
    if (proxy) logger.info({ proxy: configuredProxy(process.env), noProxy: process.env.NO_PROXY ?? process.env.no_proxy ?? '' }, 'outbound requests go through the proxy');
    let slackProblem: string | undefined;
    // Core asks these to find people before they ever wrote to the bot (src/core/directory.ts).
    const directories: Directory[] = [];
    ctx.directories = directories;
    const platforms: PlatformAdapter[] = [];
    if (slackModule) {
      const { createSlackAdapter } = await slackModule;
      platforms.push(
        await createSlackAdapter({
          ctx,
          logger,
          botToken: env.SLACK_BOT_TOKEN!,
          signingSecret: env.SLACK_SIGNING_SECRET,
          appToken: env.SLACK_APP_TOKEN,
          apiUrl: env.SLACK_API_URL,
          retries: options.slackRetries,
          proxy,
          onWorkspace: (teamId) => trust.slackWorkspaces.add(teamId),
        }),
      );
    }
    if (teamsModule) {
      if (switches.teams === 'no-auth') logger.warn({}, 'Teams runs WITHOUT Bot Framework authentication (TEAMS_AUTH_DISABLED=true): local testing only');
      const { createTeamsAdapter } = await teamsModule;
      platforms.push(
        await createTeamsAdapter({
          ctx,
          logger,
          appId: env.TEAMS_APP_ID,
          appPassword: env.TEAMS_APP_PASSWORD,
          tenantId: env.TEAMS_APP_TENANT_ID,
          appType: env.TEAMS_APP_TYPE,
          ...(env.TEAMS_GRAPH ? { graph: await graphDirectory(env, ctx, logger) } : {}),
          ...(env.TEAMS_OPENID_METADATA_URL ? { openIdMetadataUrl: env.TEAMS_OPENID_METADATA_URL } : {}),
        }),
      );
    }
    for (const platform of platforms) {
      adapters.push(platform);
      if (platform.router) platformRoutes.use(platform.router);
      messengers.push(platform.messenger);
      directories.push(platform.directory);
      await platform.start();
      platformStates[platform.platform.toLowerCase()] = () => platform.state();
      if (platform.platform === 'SLACK') slackProblem = platform.problem?.()?.message;
    }
    logger.info(describePlatforms(switches, env, slackProblem), 'platforms');
    if (switches.slack !== 'off' && trust.slackWorkspaces.size === 0) {
      logger.error({}, 'no Slack workspace is trusted yet (auth.test did not answer and SLACK_TEAM_ID is not set): Slack users are refused until it is; set SLACK_TEAM_ID=T… to name it');
    }
    const untrusted = await untrustedLinks(ctx);
    if (untrusted.length > 0) logger.warn({ untrusted }, 'chat accounts linked in workspaces or tenants the program does not trust: kept in the store, never used');

    if (options.scheduler ?? env.SCHEDULER_ENABLED ?? true) {
      const started = createScheduler({ ctx, messengers, metrics, logger, cron: env.SCHEDULER_CRON });
      scheduler = started;
      ctx.wakeOutbox = () => started.wake();
      started.start();
    }

    ready = true;
    logger.info({ port, program: info.name }, 'mentorship bot listening');
    let closing: Promise<void> | undefined;
    return {
      url: `http://127.0.0.1:${port}`,
      port,
      ctx,
      store,
      logger,
      metrics,
      messengers,
      scheduler,
      close: () => (closing ??= shutdown()),
    };
  } catch (error) {
    await shutdown();
    throw error;
  }
}

/** A module import started before it is awaited: a failure is reported where it is awaited, not as unhandled meanwhile. */
function loadedEarly<T>(loading: Promise<T>): Promise<T> {
  loading.catch(() => undefined);
  return loading;
}

/** Microsoft Graph with the bot's registration (TEAMS_GRAPH=true), loaded only when it is on. */
async function graphDirectory(env: Env, ctx: CoreContext, logger: Logger) {
  const { graphDirectoryFromEnv } = await import('./teams/graph.js');
  return graphDirectoryFromEnv(env, ctx, logger);
}

/**
 * The key of form request ids (core/services/request-ids.ts): REQUEST_ID_SECRET, else one derived from
 * the platform secrets every replica already shares (so forms survive restarts and work across
 * replicas), else none (one per process: local testing).
 */
function requestIdSecret(env: Env): string | undefined {
  if (env.REQUEST_ID_SECRET) return env.REQUEST_ID_SECRET;
  const shared = [env.SLACK_SIGNING_SECRET, env.SLACK_APP_TOKEN, env.TEAMS_APP_PASSWORD].filter((v): v is string => Boolean(v));
  if (shared.length === 0) return undefined;
  return createHash('sha256').update(`mentorship-bot request ids\u0000${shared.join('\u0000')}`).digest('base64url');
}

function describePlatforms(s: ReturnType<typeof platformSwitches>, env: Env, slackProblem?: string): Record<string, string> {
  const unreachable = slackProblem ? `, but Slack cannot be reached yet: ${slackProblem}` : '';
  return {
    slack:
      s.slack === 'off'
        ? 'off — set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (HTTP) or SLACK_APP_TOKEN (Socket Mode) to turn it on'
        : s.slack === 'socket'
          ? `on (Socket Mode${slackProblem ? '; connecting in the background' : ''})${unreachable}`
          : `on (HTTP at POST /slack/events)${unreachable}`,
    teams:
      s.teams === 'off'
        ? 'off — set TEAMS_APP_ID and TEAMS_APP_PASSWORD to turn it on (or TEAMS_AUTH_DISABLED=true for local testing)'
        : s.teams === 'no-auth'
          ? 'on WITHOUT authentication (TEAMS_AUTH_DISABLED=true)'
          : `on (POST /api/messages; ${env.TEAMS_APP_TYPE} registration${env.TEAMS_APP_TENANT_ID ? ` in tenant ${env.TEAMS_APP_TENANT_ID}` : ''})`,
    teamsGraph: s.teams !== 'off' && env.TEAMS_GRAPH ? 'on: Teams users are found by email and the app installed for them (Microsoft Graph)' : 'off — set TEAMS_GRAPH=true to find Teams users by email',
  };
}
