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
  /** When the fake received it (performance.now(), ms): for checking send rates. */
  at: number;
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
  /**
   * Enforce Teams' documented per-conversation bot limits (7/1 s, 8/2 s, 60/30 s, 1,800/h): a post
   * beyond them is answered 429 with Retry-After, as the connector does, and counted in `throttled`.
   */
  enforceRateLimits(on: boolean): void;
  /** Posts answered 429 by enforceRateLimits. */
  throttled(): number;
  /** aadObjectId → profile the member lookup answers with; unknown ids get 404 as the connector does. */
  /** aadObjectId → the member as the member lookup answers; `tenantId` is their own tenant (a guest's differs from the conversation's). */
  members: Map<string, { email?: string; name?: string; userPrincipalName?: string; tenantId?: string }>;
  /** Files the bot uploaded to the URL a file consent gave (`uploadUrl(name)`). */
  uploads: { name: string; content: string; contentRange?: string }[];
  uploadUrl(name: string): string;
  /** Messages the bot updated in place (PUT …/activities/{id}), in order. */
  updates(): { conversationId: string; activityId: string; body: ConnectorActivity }[];
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
  let updated: { conversationId: string; activityId: string; body: ConnectorActivity }[] = [];
  let failures: { status: number; headers: Record<string, string> }[] = [];
  let enforcing = false;
  let throttledCount = 0;
  /** Per conversation: when each accepted post arrived. */
  const arrivals = new Map<string, number[]>();
  const LIMITS = [
    { count: 7, ms: 1_000 },
    { count: 8, ms: 2_000 },
    { count: 60, ms: 30_000 },
    { count: 1_800, ms: 3_600_000 },
  ];

  /** Whether one more post to this conversation now would exceed a limit. */
  function overLimit(conversationId: string, at: number): boolean {
    const seen = arrivals.get(conversationId) ?? [];
    return LIMITS.some(({ count, ms }) => seen.filter((t) => t > at - ms).length >= count);
  }
  const uploads: { name: string; content: string; contentRange?: string }[] = [];
  const members = new Map<string, { email?: string; name?: string; userPrincipalName?: string; tenantId?: string }>();
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
      const at = performance.now();
      if (enforcing && overLimit(parts[2]!, at)) {
        throttledCount++;
        answer(res, 429, { error: { code: 'Throttled', message: 'Too many requests for this conversation' } }, { 'retry-after': '1' });
        return;
      }
      arrivals.set(parts[2]!, [...(arrivals.get(parts[2]!) ?? []), at]);
      const activity: RecordedActivity = {
        conversationId: parts[2]!,
        replyToId: parts[4],
        id: `fake-${randomUUID()}`,
        at,
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
    // PUT /v3/conversations/{id}/activities/{activityId}: the bot updates a message it sent.
    if (req.method === 'PUT' && parts[0] === 'v3' && parts[1] === 'conversations' && parts[3] === 'activities' && parts.length === 5) {
      const known = recorded.some((a) => a.conversationId === parts[2] && a.id === parts[4]);
      if (!known) {
        answer(res, 404, { error: { code: 'ActivityNotFoundInConversation', message: 'The activity was not found' } });
        return;
      }
      updated.push({ conversationId: parts[2]!, activityId: parts[4]!, body: JSON.parse(raw || '{}') as ConnectorActivity });
      answer(res, 200, { id: parts[4] });
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
      // The connector takes the member's id (29:…) or their Entra object id.
      const userId = parts[4]!.replace(/^29:/, '');
      lookups.push({ conversationId: parts[2]!, userId: parts[4]! });
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
        // The member's own tenant (Teams always says it); the harness's members are of its one tenant.
        tenantId: member.tenantId ?? 'tenant-0001',
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
    updates: () => [...updated],
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
    enforceRateLimits(on) {
      enforcing = on;
    },
    throttled: () => throttledCount,
    failNext(count, status, headers = {}) {
      for (let i = 0; i < count; i++) failures.push({ status, headers });
    },
    reset() {
      recorded = [];
      created = [];
      lookups = [];
      updated = [];
      failures = [];
      enforcing = false;
      throttledCount = 0;
      arrivals.clear();
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

/** A person @mentioned in a message, as Teams sends the entity: `mentioned.id` is the member's 29: id. */
export interface MentionSpec {
  name: string;
  /** The member's Entra object id; the entity carries `29:<it>` as mentioned.id. */
  aadObjectId: string;
}

/**
 * A message typed to the bot; in a channel it starts with the bot's @mention, as Teams sends it.
 * Each `<at>Name</at>` of `mentions` in the text gets its mention entity.
 */
export function messageActivity(scope: ActivityScope, text: string, mentions: MentionSpec[] = []): Record<string, unknown> {
  const people = mentions.map((m) => ({ type: 'mention', text: `<at>${m.name}</at>`, mentioned: { id: `29:${m.aadObjectId}`, name: m.name } }));
  if (!scope.channel && !scope.groupChat) return envelope(scope, { type: 'message', text, textFormat: 'plain', ...(people.length ? { entities: people } : {}) });
  const mention = '<at>Mentorship</at>';
  return envelope(scope, {
    type: 'message',
    text: `${mention} ${text}`,
    textFormat: 'plain',
    entities: [{ type: 'mention', text: mention, mentioned: { id: BOT_ID, name: 'Mentorship' } }, ...people],
  });
}

/** An Action.Submit pressed on a card: a message with the action's data as value. */
export function submitActivity(scope: ActivityScope, data: unknown): Record<string, unknown> {
  return envelope(scope, { type: 'message', value: data });
}

export function invokeActivity(scope: ActivityScope, name: 'task/fetch' | 'task/submit' | 'fileConsent/invoke', value: unknown): Record<string, unknown> {
  return envelope(scope, { type: 'invoke', name, value });
}

/**
 * An Action.Execute (Universal Actions) as Teams sends it: invoke adaptiveCard/action, replyToId the
 * card's message; `trigger` automatic for a refresh the client made by itself.
 */
export function executeActivity(
  scope: ActivityScope,
  card: { replyToId: string; conversation?: { id: string; conversationType: string } },
  action: { verb: string; data: unknown },
  trigger: 'manual' | 'automatic' = 'manual',
): Record<string, unknown> {
  const activity = envelope(scope, { type: 'invoke', name: 'adaptiveCard/action', replyToId: card.replyToId, value: { action: { type: 'Action.Execute', ...action }, trigger } });
  if (card.conversation) activity.conversation = { ...card.conversation, tenantId: scope.user.tenantId };
  return activity;
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
