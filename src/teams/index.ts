// The Teams adapter: the teams-ai Application on the shared HTTP server at POST /api/messages, with
// Bot Framework authentication, and the Messenger the outbox uses for proactive messages.
import type { PlatformAdapter } from '../platform-adapter.js';
import express, { type Router } from 'express';
import { Application, TeamsAdapter as BotAdapter, type TurnState } from '@microsoft/teams-ai';
import type { CoreContext, Logger } from '../core/context.js';
import type { Directory } from '../core/directory.js';
import { createTeamsDirectory } from './directory.js';
import { createTeamsMessenger } from './messenger.js';
import { storedServiceUrl } from './service-url.js';
import { HANDLED_INVOKES, registerRoutes } from './routes.js';
import { tokenProblem } from './token.js';
import { RETRY_AFTER_FAILURE_MS, signingKeys } from './signing-keys.js';
import { createWorkQueue } from '../http/work-queue.js';

export interface TeamsAdapterOptions {
  ctx: CoreContext;
  logger: Logger;
  appId?: string;
  appPassword?: string;
  tenantId?: string;
  appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
  /** Microsoft Graph (TEAMS_GRAPH=true): find people by email, install the app for them. */
  graph?: Pick<Directory, 'findByEmail' | 'openDirect'>;
  /** Where Bot Framework's signing keys are described (TEAMS_OPENID_METADATA_URL; default Microsoft's). */
  openIdMetadataUrl?: string;
}

/** Named apart from teams-ai's own TeamsAdapter (the Bot Framework adapter it wraps). */
export interface TeamsPlatformAdapter extends PlatformAdapter {
  readonly platform: 'TEAMS';
  router: Router;
}

/** Late form outcomes worked on at once; more wait their turn (see http/work-queue.ts). */
const AFTER_ACK_CONCURRENCY = 8;

/** botbuilder's configuration keys; a `type`, since an interface lacks the index signature it wants. */
type BotFrameworkAuthConfig = {
  MicrosoftAppId: string;
  MicrosoftAppPassword: string;
  MicrosoftAppTenantId: string;
  MicrosoftAppType: string;
};

export async function createTeamsAdapter(options: TeamsAdapterOptions): Promise<TeamsPlatformAdapter> {
  // An empty app id turns Bot Framework auth off both ways: only reachable with TEAMS_AUTH_DISABLED (see config).
  const appId = options.appId ?? '';
  const auth: BotFrameworkAuthConfig = {
    MicrosoftAppId: appId,
    MicrosoftAppPassword: options.appPassword ?? '',
    MicrosoftAppTenantId: options.tenantId ?? '',
    // botbuilder refuses SingleTenant/UserAssignedMSI without an app id; with none, auth is off both ways anyway.
    MicrosoftAppType: appId ? options.appType : 'MultiTenant',
  };
  const adapter = new BotAdapter(auth);
  const app = new Application<TurnState>({
    adapter,
    botAppId: appId,
    startTypingTimer: false,
    removeRecipientMention: false,
    longRunningMessages: false,
  });
  let stopping = false;
  const afterAck = createWorkQueue(AFTER_ACK_CONCURRENCY, (what, error) => options.logger.error({ err: error, what }, 'teams background work failed'));
  registerRoutes(app, { ctx: options.ctx, logger: options.logger, adapter, appId, afterAck });

  const keys = signingKeys({
    ...(options.openIdMetadataUrl ? { metadataUrl: options.openIdMetadataUrl } : {}),
    onFailure: (error) => options.logger.error({ err: error }, 'Teams: could not fetch Bot Framework signing keys; requests get 503 until they can be'),
  });
  const router = express.Router();
  router.post('/api/messages', express.json({ limit: '1mb' }), async (req, res) => {
    if (stopping) {
      res.status(503).json({ error: 'shutting down' });
      return;
    }
    // With auth on, a token that cannot be valid is refused before botbuilder fetches Microsoft's keys.
    const unauthorized = appId ? tokenProblem(req.headers.authorization, Date.now() / 1000) : undefined;
    if (unauthorized) {
      res.status(401).json({ error: unauthorized });
      return;
    }
    if (appId) {
      // The signature, against keys fetched once and kept (signing-keys.ts): a forged token costs no fetch.
      const verdict = await keys.check(req.headers.authorization!.slice('Bearer '.length));
      if (verdict === 'invalid') {
        res.status(401).json({ error: 'the token is not signed by Bot Framework' });
        return;
      }
      if (verdict === 'unavailable') {
        res.status(503).set('Retry-After', String(RETRY_AFTER_FAILURE_MS / 1000)).json({ error: 'the request cannot be authenticated right now; try again later' });
        return;
      }
    }
    // botbuilder throws (500) on a body that is not an activity, and teams-ai answers 501 to an invoke
    // it has no route for: both are the sender's mistake.
    const problem = activityProblem(req.body);
    if (problem) {
      res.status(400).json({ error: problem });
      return;
    }
    await adapter.process(req, withoutInternalDetail(res), async (context) => {
      await app.run(context);
    });
  });

  return {
    platform: 'TEAMS',
    router,
    messenger: createTeamsMessenger(adapter, appId, storedServiceUrl(options.ctx.db)),
    directory: createTeamsDirectory({ adapter, appId, logger: options.logger, ...(options.graph ? { graph: options.graph } : {}) }),
    // Nothing to connect to: the Bot Connector calls in, and tokens are fetched on first use.
    async start() {},
    state: () => (stopping ? 'stopping' : 'listening'),
    async stop() {
      stopping = true;
      // The HTTP server has drained the requests; answer what was acknowledged before the store closes.
      await afterAck.idle();
    },
  };
}

function activityProblem(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body) || typeof (body as { type?: unknown }).type !== 'string') {
    return 'expected a Bot Framework activity: a JSON object with a string "type"';
  }
  const { type, name, channelId, from, recipient, conversation } = body as { type: string; name?: unknown; channelId?: unknown; from?: { id?: unknown }; recipient?: { id?: unknown }; conversation?: { id?: unknown } };
  // Every activity the Bot Connector sends names its channel, its sender, its recipient (the bot) and its
  // conversation; teams-ai's turn state is keyed by all four and fails inside the turn without one (a 500,
  // or a 501 for an invoke), so a missing one is the sender's mistake.
  if (![channelId, from?.id, recipient?.id, conversation?.id].every((part) => typeof part === 'string' && part !== '')) {
    return 'expected a Bot Framework activity with channelId, from.id, recipient.id and conversation.id (non-empty strings)';
  }
  // teams-ai routes dialog and file-consent invokes only for Teams' own channel id.
  if (type === 'invoke' && (channelId !== 'msteams' || typeof name !== 'string' || !HANDLED_INVOKES.has(name))) {
    return `this bot answers only these invokes, from Microsoft Teams (channelId "msteams"): ${[...HANDLED_INVOKES].join(', ')}`;
  }
  const action = (body as { value?: { action?: { type?: unknown } } }).value?.action;
  if (type === 'invoke' && name === 'adaptiveCard/action' && action?.type !== 'Action.Execute') {
    return 'an adaptiveCard/action invoke carries value.action of type "Action.Execute"';
  }
  return undefined;
}

/**
 * botbuilder answers a failure of its own authentication with the error's message (a fetch error, a
 * host name): the caller gets 401 or 503 and a sentence, the details stay in the log.
 */
function withoutInternalDetail(res: express.Response): express.Response {
  const status = res.status.bind(res);
  const send = res.send.bind(res);
  let code = 200;
  res.status = (value: number) => {
    code = value;
    return status(value >= 500 ? 503 : value);
  };
  res.send = (body?: unknown) => {
    if (code === 401) return send({ error: 'unauthorized' });
    if (code >= 500) return send({ error: 'the request cannot be processed right now; try again later' });
    return send(body);
  };
  return res;
}
