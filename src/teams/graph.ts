// Microsoft Graph, with the bot's own app registration (client credentials), for people the bot has
// never heard from on Teams: find them by email (GET /users/{email}, application permission
// User.Read.All), install the app for them (POST /users/{id}/teamwork/installedApps, permission
// TeamsAppInstallation.ReadWriteSelfForUser.All) and read the personal chat's id
// (GET /users/{id}/teamwork/installedApps/{installationId}/chat). Off unless TEAMS_GRAPH=true.
// Graph's documented answers become what core acts on: 404 → missing, 403 → unavailable with the
// permission to grant (logged as an error), 409 on install → already installed, 429 → Retry-After.
import type { Env } from '../config/env.js';
import type { Clock, CoreContext, Logger } from '../core/context.js';
import type { Directory, DirectoryAccount, DirectoryAnswer } from '../core/directory.js';
import { render, said, type Said } from '../core/i18n/translate.js';
import { retryAfterMs } from './messenger.js';
import { storedServiceUrl } from './service-url.js';

export interface GraphOptions {
  /** MS_GRAPH_URL, ending in a slash (default https://graph.microsoft.com/v1.0/). */
  graphUrl: string;
  /** MS_LOGIN_URL, ending in a slash (default https://login.microsoftonline.com/). */
  loginUrl: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** TEAMS_CATALOG_APP_ID: the app's id in the organisation's app catalogue. */
  catalogAppId: string;
  /** The tenant's Bot Connector endpoint, for the reference of the chat Graph gives. */
  serviceUrlFor: (tenantId: string) => Promise<string | undefined>;
  /** The bot's id in the conversation references it builds (28:<app id>). */
  botAppId: string;
  clock: Clock;
  logger: Logger;
  fetch?: typeof fetch;
}

const GLOBAL_SERVICE_URL = 'https://smba.trafficmanager.net/teams/';
const TIMEOUT_MS = 10_000;

class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

export function createGraphDirectory(options: GraphOptions): Pick<Directory, 'findByEmail' | 'openDirect'> {
  const doFetch = options.fetch ?? fetch;
  const { logger } = options;
  let token: { value: string; until: number } | undefined;
  let fetching: Promise<string> | undefined;

  /** One token at a time for every caller, renewed when it expires. */
  function accessToken(): Promise<string> {
    if (token && token.until > options.clock.now().getTime()) return Promise.resolve(token.value);
    fetching ??= newToken().finally(() => {
      fetching = undefined;
    });
    return fetching;
  }

  async function newToken(): Promise<string> {
    const now = options.clock.now().getTime();
    const body = new URLSearchParams({
      client_id: options.clientId,
      client_secret: options.clientSecret,
      scope: new URL('/.default', options.graphUrl).toString(),
      grant_type: 'client_credentials',
    });
    const response = await doFetch(new URL(`${encodeURIComponent(options.tenantId)}/oauth2/v2.0/token`, options.loginUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const json = (await response.json().catch(() => ({}))) as { access_token?: string; expires_in?: number; error?: string; error_description?: string };
    if (!response.ok || !json.access_token) {
      throw new GraphError(response.status, json.error ?? 'token_failed', `could not get a Graph token (${json.error ?? response.status}): check TEAMS_APP_ID, TEAMS_APP_PASSWORD and TEAMS_APP_TENANT_ID`);
    }
    // Renew a minute early.
    token = { value: json.access_token, until: now + Math.max(0, (json.expires_in ?? 3600) - 60) * 1000 };
    return token.value;
  }

  async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; json: T }> {
    const response = await doFetch(new URL(path, options.graphUrl), {
      method,
      headers: { authorization: `Bearer ${await accessToken()}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const text = await response.text();
    let json: unknown = {};
    try {
      json = text ? JSON.parse(text) : {};
    } catch {
      json = {};
    }
    if (response.status >= 400 && response.status !== 409) {
      const error = (json as { error?: { code?: string; message?: string } }).error;
      throw new GraphError(response.status, error?.code ?? `http_${response.status}`, error?.message ?? `Graph answered HTTP ${response.status}`, retryAfterMs(response.headers.get('retry-after') ?? undefined));
    }
    return { status: response.status, json: json as T };
  }

  /** A Graph failure as core's answer (`what`: what Graph was asked to do); an operator's fix is logged as an error. */
  function refused(what: Said, error: unknown, subject: string, permission: string): DirectoryAnswer {
    const asked = render('en', what);
    if (!(error instanceof GraphError)) {
      logger.warn({ err: error, what: asked }, 'Microsoft Graph could not be reached');
      return { kind: 'unavailable', reason: said('reach.graph.unreachable', { what }) };
    }
    if (error.status === 404) return { kind: 'missing', reason: said('reach.graph.notFound', { subject, tenant: options.tenantId }) };
    if (error.status === 403 || error.status === 401) {
      logger.error({ what: asked, status: error.status, code: error.code }, `Microsoft Graph refused to ${asked}: grant the app registration the application permission ${permission} (with admin consent)`);
      return { kind: 'unavailable', reason: said('reach.graph.refused', { what, permission }) };
    }
    if (error.status === 429 || error.status === 503) {
      return { kind: 'unavailable', reason: said('reach.graph.wait', { what }), retryAfterMs: error.retryAfterMs ?? 60_000 };
    }
    logger.warn({ what: asked, status: error.status, code: error.code }, 'Microsoft Graph call failed');
    return { kind: 'unavailable', reason: said('reach.graph.failed', { what, code: error.code }) };
  }

  return {
    async findByEmail(email: string): Promise<DirectoryAnswer> {
      try {
        const { json } = await call<{ id?: string; displayName?: string; mail?: string; userPrincipalName?: string; preferredLanguage?: string; accountEnabled?: boolean }>(
          'GET',
          `users/${encodeURIComponent(email)}?$select=id,displayName,mail,userPrincipalName,preferredLanguage,accountEnabled`,
        );
        if (!json.id) return { kind: 'missing', reason: said('reach.graph.noUser', { email, tenant: options.tenantId }) };
        if (json.accountEnabled === false) return { kind: 'missing', reason: said('reach.graph.disabled', { email }) };
        const account: DirectoryAccount = {
          platform: 'TEAMS',
          workspaceId: options.tenantId,
          userId: json.id,
          ...(json.displayName ? { name: json.displayName } : {}),
          email: json.mail ?? json.userPrincipalName ?? email,
          ...(json.preferredLanguage ? { locale: json.preferredLanguage } : {}),
        };
        return { kind: 'found', account };
      } catch (error) {
        return refused(said('reach.graph.lookUp', { subject: email }), error, email, 'User.Read.All');
      }
    },

    /** Installs the app for them (409: it already is), then reads the personal chat's id. */
    async openDirect(account: DirectoryAccount): Promise<DirectoryAnswer> {
      const user = encodeURIComponent(account.userId);
      const permission = 'TeamsAppInstallation.ReadWriteSelfForUser.All';
      try {
        const bind = new URL(`appCatalogs/teamsApps/${encodeURIComponent(options.catalogAppId)}`, options.graphUrl).toString();
        const installed = await call('POST', `users/${user}/teamwork/installedApps`, { 'teamsApp@odata.bind': bind });
        if (installed.status === 201) logger.info({ userId: account.userId }, 'Microsoft Graph: installed the Teams app for a participant');
        const filter = encodeURIComponent(`teamsApp/id eq '${options.catalogAppId.replace(/'/g, "''")}'`);
        const list = await call<{ value?: { id?: string }[] }>('GET', `users/${user}/teamwork/installedApps?$expand=teamsApp&$filter=${filter}`);
        const installationId = list.json.value?.[0]?.id;
        if (!installationId) return { kind: 'missing', reason: said('reach.graph.notInstalled', { catalogAppId: options.catalogAppId }) };
        const chat = await call<{ id?: string }>('GET', `users/${user}/teamwork/installedApps/${encodeURIComponent(installationId)}/chat`);
        if (!chat.json.id) return { kind: 'unavailable', reason: said('reach.graph.noChat') };
        const serviceUrl = (await options.serviceUrlFor(account.workspaceId)) ?? GLOBAL_SERVICE_URL;
        const conversationRef = {
          channelId: 'msteams',
          serviceUrl,
          conversation: { id: chat.json.id, conversationType: 'personal', tenantId: account.workspaceId },
          user: { id: account.userId, aadObjectId: account.userId, ...(account.name ? { name: account.name } : {}) },
          bot: { id: `28:${options.botAppId}` },
        };
        return { kind: 'found', account: { ...account, conversationRef } };
      } catch (error) {
        return refused(said('reach.graph.install'), error, account.email ?? account.userId, permission);
      }
    },
  };
}

/** Graph with the bot's own registration, as TEAMS_GRAPH=true configures it (the config check ensured the settings). */
export function graphDirectoryFromEnv(env: Env, ctx: CoreContext, logger: Logger): Pick<Directory, 'findByEmail' | 'openDirect'> {
  return createGraphDirectory({
    graphUrl: env.MS_GRAPH_URL,
    loginUrl: env.MS_LOGIN_URL,
    tenantId: env.TEAMS_APP_TENANT_ID!,
    clientId: env.TEAMS_APP_ID!,
    clientSecret: env.TEAMS_APP_PASSWORD!,
    catalogAppId: env.TEAMS_CATALOG_APP_ID!,
    botAppId: env.TEAMS_APP_ID!,
    serviceUrlFor: storedServiceUrl(ctx.db),
    clock: ctx.clock,
    logger,
  });
}
