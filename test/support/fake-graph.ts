// A small fake of Microsoft Graph and of the Microsoft identity platform's token endpoint, on loopback,
// answering as documented: the client-credentials token (POST /{tenant}/oauth2/v2.0/token), a user by
// email (GET /users/{email}: 404 Request_ResourceNotFound for nobody, 403 Authorization_RequestDenied
// without User.Read.All), the app installed for a user (POST /users/{id}/teamwork/installedApps: 201
// with no body, 409 Conflict when it already is, 403 without TeamsAppInstallation.ReadWriteSelfForUser.All),
// the installations (GET …/installedApps?$filter=…), and the installation's chat (GET …/{id}/chat).
//
//   const graph = await startFakeGraph({ tenantId: 'tenant-0001', catalogAppId: 'catalog-app' });
//   graph.users.set('aad-lena', { mail: 'lena@example.org', displayName: 'Dr Lena Berg' });
//   env: MS_GRAPH_URL = graph.graphUrl, MS_LOGIN_URL = graph.loginUrl
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { closeFakeServer, readBody } from './fake-server.js';

export interface FakeGraphUser {
  mail?: string;
  userPrincipalName?: string;
  displayName: string;
  accountEnabled?: boolean;
}

export interface FakeGraphCall {
  method: string;
  path: string;
  query: string;
  body: unknown;
  authorization?: string;
}

export interface FakeGraph {
  /** MS_GRAPH_URL (ends in /v1.0/). */
  graphUrl: string;
  /** MS_LOGIN_URL (ends in /). */
  loginUrl: string;
  clientId: string;
  clientSecret: string;
  /** Entra object id → user. */
  users: Map<string, FakeGraphUser>;
  /** Object ids the app is installed for (an installation made before the test, or by the bot). */
  installedFor: Set<string>;
  /** The application permissions granted (with admin consent); remove one to get Graph's 403. */
  permissions: Set<'User.Read.All' | 'TeamsAppInstallation.ReadWriteSelfForUser.All'>;
  /** The next Graph call answers 429 with this Retry-After (seconds). */
  throttleNext(retryAfterSeconds: number): void;
  calls(filter?: (c: FakeGraphCall) => boolean): FakeGraphCall[];
  tokensIssued(): number;
  chatIdOf(userId: string): string;
  reset(): void;
  close(): Promise<void>;
}

export async function startFakeGraph(options: { tenantId: string; catalogAppId: string }): Promise<FakeGraph> {
  const users = new Map<string, FakeGraphUser>();
  const installedFor = new Set<string>();
  const permissions = new Set<'User.Read.All' | 'TeamsAppInstallation.ReadWriteSelfForUser.All'>(['User.Read.All', 'TeamsAppInstallation.ReadWriteSelfForUser.All']);
  const throttles: number[] = [];
  let calls: FakeGraphCall[] = [];
  let tokens = 0;
  const clientId = 'bot-app-id';
  const clientSecret = 'bot-app-secret';
  const validTokens = new Set<string>();
  const chatIdOf = (userId: string) => `19:${userId}_bot-app-id@unq.gbl.spaces`;
  const installationIdOf = (userId: string) => `inst-${userId}`;

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const raw = await readBody(req);
      const send = (status: number, body?: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers });
        res.end(body === undefined ? undefined : JSON.stringify(body));
      };
      const graphError = (status: number, code: string, message: string) => send(status, { error: { code, message, innerError: { 'request-id': `req-${calls.length}` } } });

      // The token endpoint: POST /login/{tenant}/oauth2/v2.0/token
      const token = /^\/login\/([^/]+)\/oauth2\/v2\.0\/token$/.exec(url.pathname);
      if (token && req.method === 'POST') {
        const form = new URLSearchParams(raw);
        if (decodeURIComponent(token[1]!) !== options.tenantId) return send(400, { error: 'invalid_request', error_description: 'AADSTS90002: Tenant not found.' });
        if (form.get('grant_type') !== 'client_credentials' || form.get('client_id') !== clientId || form.get('client_secret') !== clientSecret) {
          return send(401, { error: 'invalid_client', error_description: 'AADSTS7000215: Invalid client secret provided.' });
        }
        if (form.get('scope') !== 'https://graph.microsoft.com/.default' && !form.get('scope')?.endsWith('/.default')) return send(400, { error: 'invalid_scope' });
        const value = `graph-token-${++tokens}`;
        validTokens.add(value);
        return send(200, { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: value });
      }

      if (!url.pathname.startsWith('/v1.0/')) return graphError(404, 'UnknownPath', `fake Graph has no ${url.pathname}`);
      const path = url.pathname.slice('/v1.0/'.length);
      let body: unknown = undefined;
      try {
        body = raw ? JSON.parse(raw) : undefined;
      } catch {
        return graphError(400, 'BadRequest', 'Unable to read JSON request payload.');
      }
      calls.push({ method: req.method ?? 'GET', path: decodeURIComponent(path), query: decodeURIComponent(url.search), body, authorization: req.headers.authorization });
      const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      if (!bearer || !validTokens.has(bearer)) return graphError(401, 'InvalidAuthenticationToken', 'Access token is empty.');
      const throttle = throttles.shift();
      if (throttle !== undefined) return send(429, { error: { code: 'TooManyRequests', message: 'Too many requests.' } }, { 'retry-after': String(throttle) });

      const parts = path.split('/').map(decodeURIComponent);
      if (parts[0] !== 'users' || !parts[1]) return graphError(404, 'UnknownPath', `fake Graph has no ${path}`);
      const key = parts[1].toLowerCase();
      const found = [...users.entries()].find(([id, u]) => id.toLowerCase() === key || u.mail?.toLowerCase() === key || u.userPrincipalName?.toLowerCase() === key);

      // GET /users/{id | userPrincipalName}
      if (parts.length === 2 && req.method === 'GET') {
        if (!permissions.has('User.Read.All')) return graphError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
        if (!found) return graphError(404, 'Request_ResourceNotFound', `Resource '${parts[1]}' does not exist or one of its queried reference-property objects are not present.`);
        const [id, u] = found;
        return send(200, { '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#users/$entity', id, displayName: u.displayName, mail: u.mail ?? null, userPrincipalName: u.userPrincipalName ?? u.mail, accountEnabled: u.accountEnabled ?? true });
      }
      if (parts[2] !== 'teamwork' || parts[3] !== 'installedApps') return graphError(404, 'UnknownPath', `fake Graph has no ${path}`);
      if (!permissions.has('TeamsAppInstallation.ReadWriteSelfForUser.All')) return graphError(403, 'Forbidden', 'Missing role permissions on the request. API requires one of TeamsAppInstallation.ReadWriteSelfForUser.All.');
      if (!found) return graphError(404, 'NotFound', 'User not found.');
      const [userId] = found;

      // POST /users/{id}/teamwork/installedApps
      if (parts.length === 4 && req.method === 'POST') {
        const bind = (body as Record<string, unknown> | undefined)?.['teamsApp@odata.bind'];
        if (typeof bind !== 'string' || !bind.endsWith(`/appCatalogs/teamsApps/${options.catalogAppId}`)) return graphError(404, 'NotFound', 'The app is not in the organisation\u2019s catalogue.');
        if (installedFor.has(userId)) return graphError(409, 'Conflict', 'App is already installed.');
        installedFor.add(userId);
        return send(201);
      }
      // GET /users/{id}/teamwork/installedApps?$expand=teamsApp&$filter=teamsApp/id eq '…'
      if (parts.length === 4 && req.method === 'GET') {
        const filter = url.searchParams.get('$filter') ?? '';
        const wanted = /teamsApp\/id eq '([^']*)'/.exec(filter)?.[1];
        const value = installedFor.has(userId) && (!wanted || wanted === options.catalogAppId) ? [{ id: installationIdOf(userId), teamsApp: { id: options.catalogAppId, displayName: 'Mentorship' } }] : [];
        return send(200, { value });
      }
      // GET /users/{id}/teamwork/installedApps/{installationId}/chat
      if (parts.length === 6 && parts[5] === 'chat' && req.method === 'GET') {
        if (!installedFor.has(userId) || parts[4] !== installationIdOf(userId)) return graphError(404, 'NotFound', 'Installation not found.');
        return send(200, { id: chatIdOf(userId), chatType: 'oneOnOne', createdDateTime: '2026-01-01T00:00:00Z' });
      }
      return graphError(404, 'UnknownPath', `fake Graph has no ${req.method} ${path}`);
    })().catch((error: unknown) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'FakeError', message: String(error) } }));
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    graphUrl: `${origin}/v1.0/`,
    loginUrl: `${origin}/login/`,
    clientId,
    clientSecret,
    users,
    installedFor,
    permissions,
    throttleNext: (seconds) => void throttles.push(seconds),
    calls: (filter) => (filter ? calls.filter(filter) : [...calls]),
    tokensIssued: () => tokens,
    chatIdOf,
    reset() {
      calls = [];
      throttles.length = 0;
      users.clear();
      installedFor.clear();
      permissions.clear();
      permissions.add('User.Read.All').add('TeamsAppInstallation.ReadWriteSelfForUser.All');
    },
    close: () => closeFakeServer(server),
  };
}
