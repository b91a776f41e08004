// Hospital networks go out through a proxy: with HTTPS_PROXY / HTTP_PROXY set, Slack's Web API and
// Socket Mode, and Microsoft's login, go through it, and NO_PROXY still reaches what is inside
// directly. The proxy here is a small local server that records what it is asked to reach; the
// Slack host it serves ("slack.proxied.test") resolves nowhere, so only a request through the proxy
// can reach the fake Slack behind it.
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectorClient, MicrosoftAppCredentials } from 'botframework-connector';
import { startApp, type RunningApp } from '../../src/app.js';
import { parseEnv } from '../../src/config/env.js';
import { createLogger } from '../../src/http/logger.js';
import { pgliteTemplate } from '../support/stores.js';
import { startFakeSlack, type FakeSlack } from '../support/fake-slack.js';
import { startFakeTeams, type FakeTeams } from '../support/fake-teams.js';
import { TEST_SIGNING_SECRET } from '../support/slack-sign.js';

const SLACK_HOST = 'slack.proxied.test';
const TEAMS_HOST = 'teams.proxied.test';

interface Proxy {
  url: string;
  /** host:port of every CONNECT, and the URL of every plain proxied request. */
  asked: string[];
  close(): Promise<void>;
}

/** A forward proxy: CONNECT tunnels and absolute-URI requests to the hosts it knows go to their fakes; anything else gets 502. */
async function startProxy(ports: Record<string, number>): Promise<Proxy> {
  const asked: string[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((req: IncomingMessage, res) => {
    asked.push(req.url ?? '');
    const target = new URL(req.url ?? '');
    const port = ports[target.hostname];
    if (!port) {
      res.writeHead(502).end();
      return;
    }
    const upstream = request({ host: '127.0.0.1', port, method: req.method, path: `${target.pathname}${target.search}`, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    asked.push(req.url ?? '');
    const [host] = (req.url ?? '').split(':');
    const port = ports[host ?? ''];
    if (!port) {
      client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
      return;
    }
    const upstream = connect(port, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    asked,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

let slack: FakeSlack;
let teams: FakeTeams;
let proxy: Proxy;
let app: RunningApp | undefined;
let dir: string;
const saved = { ...process.env };

beforeAll(async () => {
  slack = await startFakeSlack();
  teams = await startFakeTeams();
  proxy = await startProxy({ [SLACK_HOST]: Number(new URL(slack.url).port), [TEAMS_HOST]: Number(new URL(teams.serviceUrl).port) });
  // As on a hospital network: everything through the proxy except the machine itself.
  Object.assign(process.env, { HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url, NO_PROXY: '127.0.0.1,localhost' });
  delete process.env.https_proxy;
  delete process.env.http_proxy;
  delete process.env.no_proxy;
  dir = await mkdtemp(join(tmpdir(), 'mb-proxy-'));
});

afterAll(async () => {
  await app?.close();
  for (const key of ['HTTPS_PROXY', 'HTTP_PROXY', 'NO_PROXY']) {
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
  }
  await proxy?.close();
  await slack?.close();
  await teams?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('an outbound proxy', () => {
  it("carries Slack's Web API: the bot learns who it is, and messages, through it", async () => {
    const slackApiUrl = `http://${SLACK_HOST}:${new URL(slack.url).port}/api/`;
    const env = parseEnv({
      NODE_ENV: 'test',
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dir,
      SLACK_BOT_TOKEN: 'xoxb-1-2-proxied',
      SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
      SLACK_API_URL: slackApiUrl,
    });
    app = await startApp(env, { storeTemplate: await pgliteTemplate(), scheduler: false, logger: createLogger('silent'), slackRetries: 0 });
    // auth.test went through the proxy to the fake (the host resolves nowhere else).
    expect(proxy.asked.some((a) => a.includes(SLACK_HOST))).toBe(true);
    expect(slack.calls('auth.test').length).toBeGreaterThan(0);
    // The messenger's own calls too.
    const before = slack.calls('conversations.open').length;
    await (app.messengers[0] as unknown as { openDm(ids: string[]): Promise<string> }).openDm(['U0PROXIED']);
    expect(slack.calls('conversations.open').length).toBe(before + 1);
    // The health endpoint on 127.0.0.1 is reached directly (NO_PROXY).
    const asked = proxy.asked.length;
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
    expect(proxy.asked.length).toBe(asked);
  });

  it('carries the Socket Mode connection request (apps.connections.open)', async () => {
    const { createSlackAdapter } = await import('../../src/slack/index.js');
    const { installOutboundProxy } = await import('../../src/http/proxy.js');
    const slackApiUrl = `http://${SLACK_HOST}:${new URL(slack.url).port}/api/`;
    const adapter = await createSlackAdapter({
      ctx: app!.ctx,
      logger: app!.logger,
      botToken: 'xoxb-1-2-proxied',
      appToken: 'xapp-1-A1-2-proxied',
      apiUrl: slackApiUrl,
      retries: 0,
      proxy: installOutboundProxy(process.env),
    });
    await adapter.start();
    try {
      const call = await slack.waitFor('apps.connections.open', undefined, 20_000);
      expect(call.token).toBe('xapp-1-A1-2-proxied');
      expect(proxy.asked.filter((a) => a.includes(SLACK_HOST)).length).toBeGreaterThan(1);
    } finally {
      await adapter.stop();
    }
  }, 60_000);

  it('carries the Bot Connector: a message to a Teams conversation reaches the service through it', async () => {
    const serviceUrl = `http://${TEAMS_HOST}:${new URL(teams.serviceUrl).port}/`;
    const connector = new ConnectorClient(MicrosoftAppCredentials.Empty, { baseUri: serviceUrl });
    await connector.conversations.sendToConversation('a:proxied-conversation', { type: 'message', text: 'through the proxy' });
    expect(teams.activities((a) => a.conversationId === 'a:proxied-conversation').map((a) => a.body.text)).toEqual(['through the proxy']);
    expect(proxy.asked.some((a) => a.includes(TEAMS_HOST))).toBe(true);
  });

  it("carries Microsoft's login (the Bot Connector's token) to login.microsoftonline.com", async () => {
    // The proxy answers 502 for Microsoft: the request reached it, which is what is checked here.
    const credentials = new MicrosoftAppCredentials('6f1c2a4e-3b5d-4c7e-9f10-2a3b4c5d6e7f', 'not-a-real-secret', 'tenant-0001');
    await expect(credentials.getToken(true)).rejects.toBeDefined();
    expect(proxy.asked.some((a) => a.startsWith('login.microsoftonline.com:443'))).toBe(true);
  });
});
