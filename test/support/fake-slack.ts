// A small fake of Slack's Web API on loopback, answering as Slack documents. Any integration test can
// point SLACK_API_URL at `url` and assert on the recorded calls. Also serves response_url posts and
// the file upload URLs files.getUploadURLExternal hands out.
//
//   const slack = await startFakeSlack();
//   slack.users.set('U1', { email: 'a@example.org', name: 'Ada', tz: 'America/Winnipeg', teamId: 'T1' });
//   slack.failNext('chat.postMessage', { status: 429, retryAfter: 30 });
//   const call = await slack.waitFor('chat.postMessage', (c) => c.args.channel === 'DU1');
import { closeFakeServer, readBody } from './fake-server.js';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeSlackCall {
  method: string;
  /** Form fields, with nested JSON (view, blocks, files...) decoded. */
  args: Record<string, unknown>;
  /** The bearer token (or `token` field) the call was made with. */
  token?: string;
  at: number;
}

export interface FakeSlackUser {
  email?: string;
  name: string;
  tz?: string;
  teamId: string;
  deleted?: boolean;
  /** A bot user (is_bot): users.info and users.lookupByEmail describe it, the bot must refuse it. */
  bot?: boolean;
  /** Returned when the call asks include_locale, e.g. fr-CA. */
  locale?: string;
}

/** A conversation conversations.info describes (fields as Slack names them). */
export interface FakeSlackChannel {
  name: string;
  is_private?: boolean;
  is_mpim?: boolean;
  is_ext_shared?: boolean;
}

export interface ResponseUrlPost {
  id: string;
  body: Record<string, unknown>;
  at: number;
}

export interface FileUpload {
  fileId: string;
  bytes: number;
  content: string;
}

/** A scripted failure: Slack's `{ ok: false, error }`, or an HTTP 429 with Retry-After (seconds). */
export type FakeSlackFailure = string | { error: string; extra?: Record<string, unknown> } | { status: 429; retryAfter: number };

export interface FakeSlack {
  /** Web API base URL, ends in /api/ (SLACK_API_URL). */
  url: string;
  origin: string;
  /** A response_url the fake serves; posts to it are recorded under `id`. */
  responseUrl(id: string): string;
  responses(id?: string): ResponseUrlPost[];
  waitForResponse(id: string, predicate?: (post: ResponseUrlPost) => boolean, timeoutMs?: number): Promise<ResponseUrlPost>;
  calls(method?: string): FakeSlackCall[];
  waitFor(method: string, predicate?: (call: FakeSlackCall) => boolean, timeoutMs?: number): Promise<FakeSlackCall>;
  /** Calls `listener` with every Web API call and response_url post as it arrives; returns the unsubscribe (benchmarks: no scanning of the record). */
  observe(listener: (seen: { call?: FakeSlackCall; post?: ResponseUrlPost }) => void): () => void;
  /** The next call of `method` fails this way (queue several by calling again). */
  failNext(method: string, failure: FakeSlackFailure): void;
  uploads: FileUpload[];
  users: Map<string, FakeSlackUser>;
  /** Channels conversations.info knows (others: channel_not_found, as for a private channel the bot is not in). */
  channels: Map<string, FakeSlackChannel>;
  /** Identity auth.test reports. */
  bot: { teamId: string; userId: string; botId: string };
  /** Forgets calls, posts, uploads, channels and scripted failures (keeps users). */
  reset(): void;
  close(): Promise<void>;
}

export async function startFakeSlack(): Promise<FakeSlack> {
  const calls: FakeSlackCall[] = [];
  const posts: ResponseUrlPost[] = [];
  const uploads: FileUpload[] = [];
  const failures = new Map<string, FakeSlackFailure[]>();
  const users = new Map<string, FakeSlackUser>();
  const channels = new Map<string, FakeSlackChannel>();
  const bot = { teamId: 'T0001', userId: 'UBOT0001', botId: 'BBOT0001' };
  const waiters = new Set<() => void>();
  const observers = new Set<(seen: { call?: FakeSlackCall; post?: ResponseUrlPost }) => void>();
  let counter = 0;
  let origin = '';

  const notify = () => {
    for (const wake of [...waiters]) wake();
  };
  const nextTs = () => `1763650000.${String(++counter).padStart(6, '0')}`;

  function answer(method: string, args: Record<string, unknown>): Record<string, unknown> {
    switch (method) {
      case 'auth.test':
        return { ok: true, url: 'https://fake.slack.com/', team: 'Fake Team', user: 'mentorship', team_id: bot.teamId, user_id: bot.userId, bot_id: bot.botId };
      case 'users.info': {
        const id = String(args.user ?? '');
        const user = users.get(id);
        if (!user) return { ok: false, error: 'user_not_found' };
        return { ok: true, user: memberOf(id, user, args.include_locale === 'true' || args.include_locale === true) };
      }
      case 'users.lookupByEmail': {
        // Slack matches the address case-insensitively and answers users_not_found for anyone else.
        const email = String(args.email ?? '').toLowerCase();
        if (!email) return { ok: false, error: 'invalid_arguments' };
        const found = [...users.entries()].find(([, u]) => u.email?.toLowerCase() === email);
        if (!found) return { ok: false, error: 'users_not_found' };
        return { ok: true, user: memberOf(found[0], found[1], false) };
      }
      case 'conversations.info': {
        const id = String(args.channel ?? '');
        if (!id) return { ok: false, error: 'channel_not_found' };
        if (id.startsWith('D')) return { ok: true, channel: { id, is_channel: false, is_group: false, is_im: true, is_mpim: false, is_private: true, user: id.slice(1) } };
        const channel = channels.get(id);
        if (!channel) return { ok: false, error: 'channel_not_found' };
        const mpim = channel.is_mpim ?? false;
        const isPrivate = mpim || (channel.is_private ?? false);
        return {
          ok: true,
          channel: {
            id,
            name: channel.name,
            is_channel: !isPrivate,
            is_group: isPrivate && !mpim,
            is_im: false,
            is_mpim: mpim,
            is_private: isPrivate,
            is_ext_shared: channel.is_ext_shared ?? false,
            is_shared: channel.is_ext_shared ?? false,
            is_archived: false,
          },
        };
      }
      case 'conversations.open': {
        const ids = String(args.users ?? '').split(',').filter(Boolean);
        if (ids.length === 0 && !args.channel) return { ok: false, error: 'users_list_not_supplied' };
        const id = ids.length === 1 ? `D${ids[0]}` : `G${ids.sort().join('').slice(0, 20)}`;
        return { ok: true, channel: { id } };
      }
      case 'chat.postMessage':
      case 'chat.update': {
        if (!args.channel) return { ok: false, error: 'channel_not_found' };
        const ts = method === 'chat.update' ? String(args.ts) : nextTs();
        return { ok: true, channel: args.channel, ts, message: { text: args.text, blocks: args.blocks, ts } };
      }
      case 'chat.postEphemeral':
        return { ok: true, message_ts: nextTs() };
      case 'views.open':
      case 'views.push':
      case 'views.update':
      case 'views.publish': {
        const view = (args.view ?? {}) as Record<string, unknown>;
        return { ok: true, view: { id: `V${++counter}`, hash: `h${counter}`, ...view } };
      }
      case 'files.getUploadURLExternal': {
        const fileId = `F${++counter}`;
        return { ok: true, upload_url: `${origin}/upload/${fileId}`, file_id: fileId };
      }
      case 'files.completeUploadExternal': {
        const files = (Array.isArray(args.files) ? args.files : []) as { id: string; title?: string }[];
        return { ok: true, files: files.map((f) => ({ id: f.id, title: f.title ?? '' })) };
      }
      default:
        return { ok: true };
    }
  }

  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const raw = await readBody(req);
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
      res.end(JSON.stringify(body));
    };

    if (path.startsWith('/response/')) {
      const post = { id: decodeURIComponent(path.slice('/response/'.length)), body: parseJson(raw) as Record<string, unknown>, at: Date.now() };
      posts.push(post);
      for (const observer of observers) observer({ post });
      notify();
      return send(200, { ok: true });
    }
    if (path.startsWith('/upload/')) {
      uploads.push({ fileId: path.slice('/upload/'.length), bytes: Buffer.byteLength(raw), content: raw });
      notify();
      res.writeHead(200, { 'content-type': 'text/plain' });
      return res.end(`OK - ${Buffer.byteLength(raw)}`);
    }
    if (!path.startsWith('/api/')) return send(404, { ok: false, error: 'unknown_path' });

    const method = path.slice('/api/'.length);
    const args = parseArgs(raw, req.headers['content-type'] ?? '');
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const token = bearer ?? (typeof args.token === 'string' ? args.token : undefined);
    delete args.token;
    const call = { method, args, token, at: Date.now() };
    calls.push(call);
    for (const observer of observers) observer({ call });
    notify();

    const failure = failures.get(method)?.shift();
    if (failure !== undefined) {
      if (typeof failure === 'object' && 'status' in failure) {
        return send(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(failure.retryAfter) });
      }
      const error = typeof failure === 'string' ? failure : failure.error;
      const extra = typeof failure === 'string' ? {} : failure.extra ?? {};
      return send(200, { ok: false, error, ...extra });
    }
    if (!token) return send(200, { ok: false, error: 'not_authed' });
    return send(200, answer(method, args));
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  function waitUntil<T>(find: () => T | undefined, what: string, timeoutMs: number): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = find();
        if (found === undefined) return false;
        cleanup();
        resolve(found);
        return true;
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`fake Slack: no ${what} within ${timeoutMs} ms; calls so far: ${calls.map((c) => c.method).join(', ') || 'none'}`));
      }, timeoutMs);
      const wake = () => void check();
      const cleanup = () => {
        clearTimeout(timer);
        waiters.delete(wake);
      };
      waiters.add(wake);
      check();
    });
  }

  return {
    url: `${origin}/api/`,
    origin,
    responseUrl: (id) => `${origin}/response/${encodeURIComponent(id)}`,
    responses: (id) => posts.filter((p) => id === undefined || p.id === id),
    waitForResponse: (id, predicate = () => true, timeoutMs = 5000) =>
      waitUntil(() => posts.find((p) => p.id === id && predicate(p)), `response_url post to ${id}`, timeoutMs),
    calls: (method) => calls.filter((c) => method === undefined || c.method === method),
    waitFor: (method, predicate = () => true, timeoutMs = 5000) =>
      waitUntil(() => calls.find((c) => c.method === method && predicate(c)), `${method} call`, timeoutMs),
    observe(listener) {
      observers.add(listener);
      return () => observers.delete(listener);
    },
    failNext(method, failure) {
      const queue = failures.get(method) ?? [];
      queue.push(failure);
      failures.set(method, queue);
    },
    uploads,
    users,
    channels,
    bot,
    reset() {
      calls.length = 0;
      posts.length = 0;
      uploads.length = 0;
      failures.clear();
      channels.clear();
    },
    close: () => closeFakeServer(server),
  };
}

/** A user object as users.info and users.lookupByEmail return it. */
function memberOf(id: string, user: FakeSlackUser, withLocale: boolean): Record<string, unknown> {
  return {
    id,
    team_id: user.teamId,
    name: user.name.toLowerCase().replace(/\s+/g, '.'),
    real_name: user.name,
    deleted: user.deleted ?? false,
    is_bot: user.bot ?? false,
    is_app_user: false,
    tz: user.tz ?? 'America/Winnipeg',
    ...(withLocale ? { locale: user.locale ?? 'en-US' } : {}),
    profile: { real_name: user.name, display_name: user.name, ...(user.email ? { email: user.email } : {}) },
  };
}

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return { raw };
  }
}

/** The WebClient sends form fields, with objects and arrays as JSON strings; some callers send JSON. */
function parseArgs(raw: string, contentType: string): Record<string, unknown> {
  if (contentType.includes('application/json')) return (parseJson(raw) ?? {}) as Record<string, unknown>;
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    args[key] = /^[[{]/.test(value) ? parseJsonOr(value) : value;
  }
  return args;
}

function parseJsonOr(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
