// A fake Bot Connector on loopback: what the Teams adapter talks to when it replies, posts proactively,
// opens a 1:1 chat or looks up a member. Faithful to the documented REST paths and answers
// (https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-api-reference).
import { closeFakeServer, readBody } from './fake-server.js';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';

export interface RecordedActivity {
  /** The conversation id from the URL, decoded. */
  conversationId: string;
  /** Set when the bot replied to an activity (POST .../activities/{replyToId}). */
  replyToId?: string;
  /** The id the fake answered with. */
  id: string;
  authorization?: string;
  body: ConnectorActivity;
}

/** The parts of an outgoing Bot Framework activity the tests look at. */
export interface ConnectorActivity {
  type: string;
  text?: string;
  summary?: string;
  replyToId?: string;
  conversation?: { id: string };
  attachments?: { contentType: string; content: AdaptiveCardJson & Record<string, unknown> }[];
  [key: string]: unknown;
}

export interface AdaptiveCardJson {
  type?: string;
  version?: string;
  body?: Record<string, unknown>[];
  actions?: Record<string, unknown>[];
  [key: string]: unknown;
}

export interface CreatedConversation {
  id: string;
  body: { members?: { id: string; aadObjectId?: string }[]; tenantId?: string; channelData?: unknown; activity?: unknown; isGroup?: boolean };
}

export interface FakeTeams {
  serviceUrl: string;
  activities(filter?: (a: RecordedActivity) => boolean): RecordedActivity[];
  conversations(): CreatedConversation[];
  waitFor(predicate: (a: RecordedActivity) => boolean, timeoutMs?: number): Promise<RecordedActivity>;
  /** The next `count` activity posts (and conversation creations) answer `status` with these headers. */
  failNext(count: number, status: number, headers?: Record<string, string>): void;
  /** aadObjectId → profile the member lookup answers with; unknown ids get 404 as the connector does. */
  members: Map<string, { email?: string; name?: string; userPrincipalName?: string }>;
  /** Files the bot uploaded to the URL a file consent gave (`uploadUrl(name)`). */
  uploads: { name: string; content: string; contentRange?: string }[];
  uploadUrl(name: string): string;
  /** teamId → the team's channels, as GET /v3/teams/{teamId}/conversations lists them (type: standard, private, shared). */
  teamChannels: Map<string, { id: string; name?: string; type?: string }[]>;
  /** Member lookups made, as conversation id and user id. */
  memberLookups(): { conversationId: string; userId: string }[];
  reset(): void;
  close(): Promise<void>;
}

export async function startFakeTeams(): Promise<FakeTeams> {
  let recorded: RecordedActivity[] = [];
  let created: CreatedConversation[] = [];
  let lookups: { conversationId: string; userId: string }[] = [];
  let failures: { status: number; headers: Record<string, string> }[] = [];
  const uploads: { name: string; content: string; contentRange?: string }[] = [];
  const members = new Map<string, { email?: string; name?: string; userPrincipalName?: string }>();
  const teamChannels = new Map<string, { id: string; name?: string; type?: string }[]>();
  const waiters = new Set<{ predicate: (a: RecordedActivity) => boolean; resolve: (a: RecordedActivity) => void }>();

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'FakeError', message: String(error) } }));
    });
  });

  function answer(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  }

  function takeFailure(res: ServerResponse): boolean {
    const failure = failures.shift();
    if (!failure) return false;
    const code = failure.status === 403 ? 'BotNotInConversationRoster' : failure.status === 429 ? 'Throttled' : 'Failure';
    answer(res, failure.status, { error: { code, message: `fake connector answered ${failure.status}` } }, failure.headers);
    return true;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const raw = await readBody(req);
    // POST /v3/conversations
    if (req.method === 'POST' && parts.length === 2 && parts[0] === 'v3' && parts[1] === 'conversations') {
      if (takeFailure(res)) return;
      const body = JSON.parse(raw || '{}') as CreatedConversation['body'];
      const member = body.members?.[0]?.id ?? 'unknown';
      const conversation = { id: `a:personal-${member}`, body };
      created.push(conversation);
      answer(res, 201, { id: conversation.id, activityId: randomUUID() });
      return;
    }
    // POST /v3/conversations/{id}/activities[/{replyToId}]
    if (req.method === 'POST' && parts[0] === 'v3' && parts[1] === 'conversations' && parts[3] === 'activities' && parts.length <= 5) {
      if (takeFailure(res)) return;
      const activity: RecordedActivity = {
        conversationId: parts[2]!,
        replyToId: parts[4],
        id: `fake-${randomUUID()}`,
        authorization: req.headers.authorization,
        body: JSON.parse(raw || '{}') as ConnectorActivity,
      };
      recorded.push(activity);
      for (const waiter of [...waiters]) {
        if (waiter.predicate(activity)) {
          waiters.delete(waiter);
          waiter.resolve(activity);
        }
      }
      answer(res, 200, { id: activity.id });
      return;
    }
    // PUT /upload/{name}: stands in for the OneDrive upload session a file consent hands out.
    if (req.method === 'PUT' && parts[0] === 'upload' && parts.length === 2) {
      uploads.push({ name: parts[1]!, content: raw, contentRange: req.headers['content-range'] });
      answer(res, 201, { id: `file-${uploads.length}`, name: parts[1] });
      return;
    }
    // GET /v3/conversations/{id}/members/{userId}
    if (req.method === 'GET' && parts[0] === 'v3' && parts[1] === 'conversations' && parts[3] === 'members' && parts.length === 5) {
      const userId = parts[4]!;
      lookups.push({ conversationId: parts[2]!, userId });
      const member = members.get(userId);
      if (!member) {
        answer(res, 404, { error: { code: 'MemberNotFoundInConversation', message: 'The member was not found' } });
        return;
      }
      answer(res, 200, {
        id: `29:${userId}`,
        aadObjectId: userId,
        objectId: userId,
        name: member.name,
        givenName: member.name?.split(' ')[0],
        email: member.email,
        userPrincipalName: member.userPrincipalName ?? member.email,
        tenantId: 'tenant',
        userRole: 'user',
      });
      return;
    }
    // GET /v3/teams/{teamId}/conversations (TeamsInfo.getTeamChannels)
    if (req.method === 'GET' && parts[0] === 'v3' && parts[1] === 'teams' && parts[3] === 'conversations' && parts.length === 4) {
      const channels = teamChannels.get(parts[2]!);
      if (!channels) {
        answer(res, 404, { error: { code: 'TeamNotFound', message: 'The team was not found' } });
        return;
      }
      answer(res, 200, { conversations: channels });
      return;
    }
    answer(res, 404, { error: { code: 'NotFound', message: `fake connector has no ${req.method} ${url.pathname}` } });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    activities: (filter) => (filter ? recorded.filter(filter) : [...recorded]),
    conversations: () => [...created],
    memberLookups: () => [...lookups],
    members,
    teamChannels,
    uploads,
    uploadUrl: (name) => `http://127.0.0.1:${port}/upload/${encodeURIComponent(name)}`,
    waitFor(predicate, timeoutMs = 5000) {
      const found = recorded.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const waiter = {
          predicate,
          resolve: (a: RecordedActivity) => {
            clearTimeout(timer);
            resolve(a);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`fake Teams: no matching activity within ${timeoutMs} ms (${recorded.length} recorded)`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    failNext(count, status, headers = {}) {
      for (let i = 0; i < count; i++) failures.push({ status, headers });
    },
    reset() {
      recorded = [];
      created = [];
      lookups = [];
      failures = [];
      members.clear();
      teamChannels.clear();
      uploads.length = 0;
    },
    close: () => closeFakeServer(server),
  };
}

// ---- Activities as Teams sends them to the bot (channelId msteams, serviceUrl = the fake) ----

export const BOT_ID = '28:bot-app-id';
let activityCounter = 0;

export interface TeamsUserSpec {
  tenantId: string;
  /** AAD object id. */
  aadObjectId: string;
  name?: string;
}

export interface ActivityScope {
  serviceUrl: string;
  user: TeamsUserSpec;
  /** Default: the user's personal chat with the bot. `type` is the membership type Teams puts in channelData.channel. */
  channel?: { teamId: string; channelId: string; type?: 'standard' | 'private' | 'shared' };
  /** A group chat (conversationType groupChat) with this id, instead of a channel. */
  groupChat?: string;
}

function envelope(scope: ActivityScope, extra: Record<string, unknown>): Record<string, unknown> {
  const { user, channel, groupChat } = scope;
  const id = `act-${++activityCounter}-${Date.now()}`;
  const conversation = channel
    ? { id: `${channel.channelId};messageid=${id}`, conversationType: 'channel', isGroup: true, tenantId: user.tenantId }
    : groupChat
      ? { id: groupChat, conversationType: 'groupChat', isGroup: true, tenantId: user.tenantId }
      : { id: `a:personal-${user.aadObjectId}`, conversationType: 'personal', tenantId: user.tenantId };
  return {
    id,
    channelId: 'msteams',
    serviceUrl: scope.serviceUrl,
    timestamp: new Date().toISOString(),
    from: { id: `29:${user.aadObjectId}`, aadObjectId: user.aadObjectId, name: user.name ?? 'Teams User' },
    recipient: { id: BOT_ID, name: 'Mentorship' },
    conversation,
    channelData: {
      tenant: { id: user.tenantId },
      ...(channel ? { team: { id: channel.teamId }, channel: { id: channel.channelId, ...(channel.type ? { type: channel.type } : {}) } } : {}),
    },
    locale: 'en-US',
    ...extra,
  };
}

/** A message typed to the bot; in a channel it starts with the bot's @mention, as Teams sends it. */
export function messageActivity(scope: ActivityScope, text: string): Record<string, unknown> {
  if (!scope.channel && !scope.groupChat) return envelope(scope, { type: 'message', text, textFormat: 'plain' });
  const mention = '<at>Mentorship</at>';
  return envelope(scope, {
    type: 'message',
    text: `${mention} ${text}`,
    textFormat: 'plain',
    entities: [{ type: 'mention', text: mention, mentioned: { id: BOT_ID, name: 'Mentorship' } }],
  });
}

/** An Action.Submit pressed on a card: a message with the action's data as value. */
export function submitActivity(scope: ActivityScope, data: unknown): Record<string, unknown> {
  return envelope(scope, { type: 'message', value: data });
}

export function invokeActivity(scope: ActivityScope, name: 'task/fetch' | 'task/submit' | 'fileConsent/invoke', value: unknown): Record<string, unknown> {
  return envelope(scope, { type: 'invoke', name, value });
}

export function installActivity(scope: ActivityScope): Record<string, unknown> {
  return envelope(scope, { type: 'installationUpdate', action: 'add' });
}

export function membersAddedActivity(scope: ActivityScope): Record<string, unknown> {
  return envelope(scope, { type: 'conversationUpdate', membersAdded: [{ id: BOT_ID }] });
}

/** POSTs an activity to the bot; invokes answer in the body. */
export async function postActivity(
  appUrl: string,
  activity: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: InvokeResponseBody | undefined }> {
  const response = await fetch(`${appUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(activity),
  });
  const text = await response.text();
  let body: InvokeResponseBody | undefined;
  try {
    body = text ? (JSON.parse(text) as InvokeResponseBody) : undefined;
  } catch {
    body = { raw: text };
  }
  return { status: response.status, body };
}

export interface InvokeResponseBody {
  task?: { type: 'continue' | 'message'; value: string | { title?: string; card?: { contentType: string; content: AdaptiveCardJson } } };
  raw?: string;
  [key: string]: unknown;
}

/** The dialog card of a task/fetch or task/submit answer (`task.type` continue). */
export function dialogCardOf(body: InvokeResponseBody | undefined): AdaptiveCardJson | undefined {
  const value = body?.task?.type === 'continue' ? body.task.value : undefined;
  return typeof value === 'object' ? value.card?.content : undefined;
}

/** Finds an input of a card by id (dialogs). */
export function inputOf(card: AdaptiveCardJson | undefined, id: string): Record<string, unknown> | undefined {
  return (card?.body ?? []).find((el) => el.id === id);
}

/** The Adaptive Card of a recorded activity (first attachment). */
export const cardOf = (a: RecordedActivity): AdaptiveCardJson | undefined =>
  a.body.attachments?.find((x) => x.contentType === 'application/vnd.microsoft.card.adaptive')?.content;

/** Every TextBlock / FactSet text of a card, joined: what a person would read. */
export function cardText(card: AdaptiveCardJson | undefined): string {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const el = node as Record<string, unknown>;
    if (el.type === 'TextBlock' && typeof el.text === 'string') out.push(el.text.replace(/\\([\\*_[\]])/g, '$1'));
    if (el.type === 'FactSet' && Array.isArray(el.facts)) for (const f of el.facts as { title: string; value: string }[]) out.push(`${f.title}: ${f.value}`);
    for (const key of ['body', 'items', 'columns', 'actions']) if (key in el) walk(el[key]);
  };
  walk(card?.body);
  return out.join('\n');
}
