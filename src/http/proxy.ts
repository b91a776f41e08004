// Hospital networks go out through a proxy: HTTPS_PROXY / HTTP_PROXY (and lower-case), with
// NO_PROXY for what stays inside, honoured by every outbound call — Slack's Web API and Socket Mode
// (fetch and WebSocket over undici), the Bot Connector, Microsoft's login and Graph (Node's http(s)
// modules and fetch). Nothing changes when no proxy is set.
import http from 'node:http';
import https from 'node:https';
import type { Duplex } from 'node:stream';
import { Agent as AgentBase, type AgentConnectOpts } from 'agent-base';
import { HttpsProxyAgent } from 'https-proxy-agent';
import { getProxyForUrl } from 'proxy-from-env';
import { EnvHttpProxyAgent, fetch as undiciFetch, setGlobalDispatcher, type Dispatcher } from 'undici';

const PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'] as const;

/** The proxy set in the environment, if any, for the start-up log (without its password). */
export function configuredProxy(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const value = PROXY_VARIABLES.map((name) => env[name]?.trim()).find((v) => v);
  if (!value) return undefined;
  try {
    const url = new URL(value.includes('://') ? value : `http://${value}`);
    url.username = url.username ? '***' : '';
    url.password = '';
    return url.toString().replace(/\/$/, '');
  } catch {
    return value.replace(/\/\/[^@/]*@/, '//***@');
  }
}

/** The proxy a request to `url` goes through (NO_PROXY considered), or undefined for a direct connection. */
export function proxyFor(url: string): string | undefined {
  return getProxyForUrl(url) || undefined;
}

/**
 * For Node's http/https modules (Microsoft's login through MSAL, the Bot Connector): each request goes
 * through the proxy its URL calls for, or directly.
 */
class EnvProxyAgent extends AgentBase {
  private readonly tunnels = new Map<string, HttpsProxyAgent<string>>();
  private readonly direct = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };

  connect(req: http.ClientRequest, options: AgentConnectOpts): Duplex | http.Agent {
    const secure = options.secureEndpoint;
    const url = `${secure ? 'https' : 'http'}://${req.host}${options.port && options.port !== (secure ? 443 : 80) ? `:${options.port}` : ''}${req.path}`;
    const proxy = proxyFor(url);
    if (!proxy) return secure ? this.direct.https : this.direct.http;
    let tunnel = this.tunnels.get(proxy);
    if (!tunnel) this.tunnels.set(proxy, (tunnel = new HttpsProxyAgent(proxy, { keepAlive: true })));
    return tunnel;
  }
}

export interface OutboundProxy {
  /** For undici: Slack's WebClient fetch and Socket Mode's WebSocket. */
  dispatcher: Dispatcher;
  /** A fetch through the dispatcher, for clients that take one (Slack's WebClient). */
  fetch: typeof globalThis.fetch;
  /** A dispatcher of its own, for a long-lived connection (the Socket Mode WebSocket) apart from the request pool. */
  newDispatcher(): Dispatcher;
}

let installed: OutboundProxy | undefined;

/**
 * When a proxy is set: routes Node's fetch and http(s) modules through it (NO_PROXY honoured) and
 * returns what clients that take their own dispatcher or fetch need. Once per process.
 */
export function installOutboundProxy(env: NodeJS.ProcessEnv = process.env): OutboundProxy | undefined {
  if (!configuredProxy(env)) return undefined;
  if (installed) return installed;
  const dispatcher = new EnvHttpProxyAgent();
  setGlobalDispatcher(dispatcher);
  const agent = new EnvProxyAgent();
  http.globalAgent = agent;
  https.globalAgent = agent as unknown as https.Agent;
  const fetchThrough = ((input: Parameters<typeof undiciFetch>[0], init?: Parameters<typeof undiciFetch>[1]) =>
    undiciFetch(input, { ...init, dispatcher })) as unknown as typeof globalThis.fetch;
  installed = { dispatcher, fetch: fetchThrough, newDispatcher: () => new EnvHttpProxyAgent() };
  return installed;
}
