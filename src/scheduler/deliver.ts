// Outbox delivery: claim due rows, decide per row whether it may go now (recipient's status, away
// periods, quiet hours in their time zone), send it with the matching Messenger, and record what
// happened. Each row ends SENT, FAILED, CANCELLED, or back in PENDING with a later dueAt.
//
// At-least-once: the platform accepting a message and the row turning SENT are two systems. The
// UPDATE to SENT is the very next statement after the send resolves; if the process dies between
// the two (or the database is unreachable for that one UPDATE), the row stays SENDING, its lease
// expires, and another replica (or this instance restarted) sends it again: one duplicate message.
// Nothing is ever lost; a duplicate is possible only for rows in flight at the moment of a crash.
//
// A row for several people (personId plus alsoTo: a pair's introduction) goes as one group DM when
// they all have a reachable account on one workspace of a platform whose Messenger has sendGroup
// (Slack); the main recipient's (personId's) away periods and quiet hours decide when. Otherwise it
// is split into one ordinary row per person (see splitPerPerson).
import { knownKind, notificationKeys } from '../core/domain/notifications.js';
import type { CoreContext, Logger } from '../core/context.js';
import { DeliveryError, type DirectTarget, type Messenger, type Sent } from '../core/delivery.js';
import type { Platform } from '../core/domain/enums.js';
import { trustsWorkspace } from '../core/services/trust.js';
import { deliveryDecision, noLongerInProgram, type DeliveryDecision, type DeliveryRecipient } from '../core/domain/delivery-policy.js';
import { fromDbDate, fromDbDateOrNull } from '../core/services/db-dates.js';
import { queueNotifications } from '../core/services/outbox.js';
import { noLongerWanted } from '../core/services/no-longer-wanted.js';
import { HELD_RECHECK_MS, heldError } from '../core/services/held-messages.js';
import { reachPerson, type Reach } from '../core/services/reach.service.js';
import type { Message } from '../core/ui/message.js';
import { render } from '../core/i18n/translate.js';
import type { ChatAccount, Notification } from '../generated/prisma/client.js';
import type { Metrics } from '../http/metrics.js';
import { claimDue } from './claim.js';
import { backoffAfter, MAX_RETRY_AFTER_MS } from './policy.js';

export interface DeliveryDeps {
  ctx: CoreContext;
  messengers: Messenger[];
  metrics?: Pick<Metrics, 'notificationsSent' | 'notificationsFailed'>;
  logger: Logger;
  instanceId: string;
  maxAttempts: number;
  batchSize: number;
  leaseMs: number;
  /** Recipients served at once; one recipient's rows always go in order. */
  concurrency: number;
  /** Per platform: no sends before this time (a 429 said so). Shared across passes. */
  pausedUntil: Map<Platform, number>;
}

export interface DeliveryResult {
  delivered: number;
  failed: number;
  /** Back in PENDING for later: quiet hours, away, backoff, Retry-After. */
  deferred: number;
  cancelled: number;
}

type Outcome = keyof DeliveryResult;

/**
 * Claims and delivers batches until nothing due is left (bounded, so a flood cannot starve planning).
 * A row handed back for right now (another chat account to try) is picked up again in the same pass.
 */
export async function deliverDue(deps: DeliveryDeps, maxBatches = 40): Promise<DeliveryResult> {
  const total: DeliveryResult = { delivered: 0, failed: 0, deferred: 0, cancelled: 0 };
  for (let i = 0; i < maxBatches; i++) {
    const ids = await claimDue(deps.ctx.db, {
      programId: deps.ctx.program.id,
      instanceId: deps.instanceId,
      now: deps.ctx.clock.now(),
      leaseMs: deps.leaseMs,
      limit: deps.batchSize,
    });
    if (ids.length === 0) break;
    const rows = await deps.ctx.db.notification.findMany({ where: { id: { in: ids } }, orderBy: [{ dueAt: 'asc' }, { id: 'asc' }] });
    const outcomes = await deliverRows(deps, rows);
    for (const o of outcomes) total[o]++;
  }
  return total;
}

async function deliverRows(deps: DeliveryDeps, rows: Notification[]): Promise<Outcome[]> {
  // One queue per recipient, so a person's welcome comes before their introduction.
  const queues = new Map<string, Notification[]>();
  for (const row of rows) {
    const key = row.personId ? `p:${row.personId}` : `c:${row.channelId ?? row.id}`;
    const queue = queues.get(key);
    if (queue) queue.push(row);
    else queues.set(key, [row]);
  }
  const pending = [...queues.values()];
  const people = await loadPeople(deps, rows);
  const outcomes: Outcome[] = [];
  const worker = async () => {
    for (let queue = pending.shift(); queue; queue = pending.shift()) {
      for (const row of queue) outcomes.push(await deliverOneSafely(deps, row, people));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(deps.concurrency, pending.length)) }, worker));
  return outcomes;
}

async function deliverOneSafely(deps: DeliveryDeps, row: Notification, people: People): Promise<Outcome> {
  try {
    return await deliverOne(deps, row, people);
  } catch (error) {
    // A bug or a database error while preparing: treat as a failed attempt, never lose the row.
    deps.logger.error({ err: error, notificationId: row.id, kind: row.kind }, 'outbox: delivery step failed');
    return fail(deps, row, null, 'INTERNAL', error instanceof Error ? error.message : String(error)).catch(() => 'deferred' as const);
  }
}

/** Everything delivery needs to know about the batch's recipients, in one query. */
async function loadPeople(deps: DeliveryDeps, rows: Notification[]) {
  const ids = [...new Set(rows.flatMap((r) => (r.personId ? [r.personId, ...r.alsoTo] : [])))];
  const { ctx } = deps;
  const found = await ctx.db.person.findMany({
    where: { id: { in: ids } },
    include: {
      chatAccounts: { orderBy: { createdAt: 'asc' } },
      enrollments: { where: { programId: ctx.program.id }, select: { status: true, endDate: true } },
      aways: { where: { programId: ctx.program.id }, select: { fromDate: true, untilDate: true } },
    },
  });
  return new Map(found.map((p) => [p.id, p]));
}

type People = Awaited<ReturnType<typeof loadPeople>>;

interface Recipient {
  platform: Platform;
  messenger: Messenger;
  account?: ChatAccount;
  send: () => Promise<Sent>;
}

/** A row whose lease ends sooner than this is handed back instead of sent (see deliverOne). */
const LEASE_MARGIN_MS = 60_000;

async function deliverOne(deps: DeliveryDeps, row: Notification, people: People): Promise<Outcome> {
  const { ctx } = deps;
  const now = ctx.clock.now();
  if (row.leaseUntil && row.leaseUntil.getTime() - now.getTime() < LEASE_MARGIN_MS) {
    // The lease (nearly) ran out while earlier rows of the batch were sent: hand it back rather than
    // race another replica. The margin covers the longest a send may still take here (Teams pacing
    // waits up to 30 s for a conversation's budget, then the call itself).
    return reschedule(deps, row, now, { attempts: row.attempts });
  }
  const unwanted = await noLongerWanted(ctx, row);
  if (unwanted) return finish(deps, row, 'CANCELLED', unwanted);
  const payload = row.payload as unknown as Message;

  let recipient: Recipient;
  if (row.personId && row.alsoTo.length > 0) {
    const group = groupTargets(deps, row, people);
    if (!group) return splitPerPerson(deps, row, people, 'not all on one workspace that has group DMs');
    const main = people.get(row.personId)!;
    const decision = decide(deps, row, main, now);
    if (decision.action === 'drop') return finish(deps, row, 'CANCELLED', decision.reason);
    if (decision.action === 'hold') return reschedule(deps, row, decision.until, { attempts: row.attempts });
    const { messenger, targets } = group;
    recipient = { platform: messenger.platform, messenger, send: () => messenger.sendGroup!(targets, payload) };
  } else if (row.personId) {
    const decided = await decidePersonal(deps, row, now, people);
    if ('outcome' in decided) return decided.outcome;
    const { account, messenger } = decided;
    recipient = {
      platform: account.platform,
      messenger,
      account,
      send: () =>
        messenger.sendDirect(
          { platform: account.platform, workspaceId: account.workspaceId, userId: account.userId, dmChannelId: account.dmChannelId, conversationRef: account.conversationRef },
          payload,
        ),
    };
  } else if (row.channelId) {
    const channel = await ctx.db.programChannel.findUnique({ where: { id: row.channelId } });
    if (!channel) return finish(deps, row, 'CANCELLED', 'the program channel no longer exists');
    const messenger = deps.messengers.find((m) => m.platform === channel.platform);
    if (!messenger) return fail(deps, row, channel.platform, 'NO_MESSENGER', `${channel.platform} is not enabled in this deployment`);
    recipient = {
      platform: channel.platform,
      messenger,
      send: () =>
        messenger.postToChannel({ platform: channel.platform, workspaceId: channel.workspaceId, channelId: channel.channelId, conversationRef: channel.conversationRef }, payload),
    };
  } else {
    return finish(deps, row, 'CANCELLED', 'no recipient (neither personId nor channelId)');
  }

  const paused = deps.pausedUntil.get(recipient.platform);
  if (paused && paused > now.getTime()) return reschedule(deps, row, new Date(paused), { attempts: row.attempts });

  let sent: Sent;
  try {
    sent = await recipient.send();
  } catch (error) {
    return handleSendError(deps, row, recipient, error);
  }
  // The at-least-once window is from here to the end of this one UPDATE: keep nothing in between.
  const marked = await ctx.db.notification.updateMany({
    where: { id: row.id, leasedBy: deps.instanceId, status: 'SENDING' },
    data: { status: 'SENT', platform: recipient.platform, platformMessageId: sent.messageId, sentAt: ctx.clock.now(), attempts: { increment: 1 }, leaseUntil: null, lastError: null },
  });
  if (marked.count === 0) {
    // Our lease lapsed and another replica took the row: it may send it too. Record the send anyway.
    deps.logger.warn({ notificationId: row.id, kind: row.kind }, 'outbox: lease lost during send; a duplicate is possible');
    await ctx.db.notification.updateMany({
      where: { id: row.id, status: { in: ['PENDING', 'SENDING', 'FAILED'] } },
      data: { status: 'SENT', platform: recipient.platform, platformMessageId: sent.messageId, sentAt: ctx.clock.now(), leaseUntil: null },
    });
  }
  deps.metrics?.notificationsSent.inc({ platform: recipient.platform, kind: row.kind });
  if (recipient.account) await rememberDm(deps, recipient.account, sent);
  return 'delivered';
}

/** The DM the platform opened on the way (a Slack channel id, a Teams chat reference): next sends reuse it. */
async function rememberDm(deps: DeliveryDeps, account: ChatAccount, sent: Sent): Promise<void> {
  const data = {
    ...(sent.dmChannelId && sent.dmChannelId !== account.dmChannelId ? { dmChannelId: sent.dmChannelId } : {}),
    ...(sent.conversationRef ? { conversationRef: sent.conversationRef } : {}),
  };
  if (Object.keys(data).length === 0) return;
  // Later rows of this batch for the same person reuse it too.
  Object.assign(account, data);
  await deps.ctx.db.chatAccount
    .update({ where: { id: account.id }, data })
    .catch((error: unknown) => deps.logger.warn({ err: error, chatAccountId: account.id }, 'outbox: could not remember the DM'));
}

type Decision = { outcome: Outcome } | { account: ChatAccount; messenger: Messenger };

/** Whether a DM may go now, and through which chat account. */
async function decidePersonal(deps: DeliveryDeps, row: Notification, now: Date, people: People): Promise<Decision> {
  const person = people.get(row.personId!);
  if (!person) return { outcome: await finish(deps, row, 'CANCELLED', 'the recipient no longer exists') };
  // Core decides (withdrawn, past the end date, away, quiet hours); a drop is carried out at once, a hold
  // once an account is found, so that someone who cannot be reached is reported without waiting.
  const decision = decide(deps, row, person, now);
  if (decision.action === 'drop') return { outcome: await finish(deps, row, 'CANCELLED', decision.reason) };

  // An account in a workspace or tenant the program does not trust (any more) is never written to.
  const accounts = person.chatAccounts.filter((a) => trustsWorkspace(deps.ctx, a));
  const usable = accounts.filter((a) => !a.unreachableSince && deps.messengers.some((m) => m.platform === a.platform));
  if (usable.length === 0) {
    if (accounts.length > 0 && accounts.every((a) => a.unreachableSince)) {
      return { outcome: await fail(deps, row, accounts[0]!.platform, 'UNREACHABLE', 'every chat account of the recipient refused direct messages', true) };
    }
    return { outcome: await findOrHold(deps, row, person, now) };
  }
  const account = usable[0]!;
  const messenger = deps.messengers.find((m) => m.platform === account.platform)!;
  if (decision.action === 'hold') return { outcome: await reschedule(deps, row, decision.until, { attempts: row.attempts }) };
  return { account, messenger };
}

type Person = People extends Map<string, infer P> ? P : never;

/** When a directory could not answer and did not say when to come back. */
const DIRECTORY_UNAVAILABLE_RETRY_MS = 3_600_000;

/** One directory question per recipient per batch, however many of their rows are due. */
const reachAsked = new WeakMap<Person, Promise<Reach>>();

/**
 * No chat account to send on: the directories are asked (reach.service). Found: the row goes again at
 * once (a new batch loads the new account). Not found: the row is held, without using up an attempt,
 * until something changes (held-messages.ts) or a day has passed; the digest lists the person once.
 */
async function findOrHold(deps: DeliveryDeps, row: Notification, person: Person, now: Date): Promise<Outcome> {
  let asked = reachAsked.get(person);
  if (!asked) {
    asked = reachPerson(deps.ctx, person.id, deps.messengers.map((m) => m.platform));
    reachAsked.set(person, asked);
  }
  const reach = await asked;
  if (reach.kind === 'reachable') return reschedule(deps, row, now, { attempts: row.attempts, lastError: null });
  if (reach.kind === 'later') {
    // A missing permission or an outage is not fixed within minutes: ask again in an hour (or as told).
    const wait = reach.retryAfterMs !== undefined ? Math.min(Math.max(reach.retryAfterMs, 0), MAX_RETRY_AFTER_MS) : DIRECTORY_UNAVAILABLE_RETRY_MS;
    deps.logger.warn({ notificationId: row.id, personId: person.id, why: render('en', reach.reason) }, 'outbox: the directory could not answer; asking again later');
    return reschedule(deps, row, new Date(now.getTime() + wait), { attempts: row.attempts, lastError: heldError(reach.reason) });
  }
  const lastError = heldError(reach.reason);
  if (row.lastError !== lastError) deps.logger.warn({ notificationId: row.id, kind: row.kind, personId: person.id, why: render('en', reach.reason) }, 'outbox: recipient cannot be reached; message held until that changes');
  return reschedule(deps, row, new Date(now.getTime() + HELD_RECHECK_MS), { attempts: row.attempts, lastError });
}


/** Core's delivery decision for this row's recipient (core/domain/delivery-policy.ts). */
function decide(deps: DeliveryDeps, row: Notification, person: Person, now: Date): DeliveryDecision {
  const recipient: DeliveryRecipient = {
    timeZone: person.timeZone,
    accounts: person.chatAccounts,
    enrollments: person.enrollments.map((e) => ({ status: e.status, endDate: fromDbDateOrNull(e.endDate) })),
    aways: person.aways.map((a) => ({ from: fromDbDate(a.fromDate), until: fromDbDate(a.untilDate) })),
  };
  return deliveryDecision(row.kind, recipient, now, { timeZone: deps.ctx.program.timeZone, quietHours: deps.ctx.program.rules.quietHours });
}

const recipientsOf = (row: Notification): string[] => [...new Set([row.personId!, ...row.alsoTo])];

/**
 * One group DM for everyone a row is for, when they all exist, are active and have a reachable
 * account on one workspace of a platform whose Messenger has sendGroup. Targets start with the main recipient.
 */
function groupTargets(deps: DeliveryDeps, row: Notification, people: People): { messenger: Messenger; targets: (DirectTarget & { timeZone: string | null })[] } | null {
  const persons = recipientsOf(row).map((id) => people.get(id));
  if (persons.length < 2 || persons.some((p) => !p || noLongerInProgram(p.enrollments))) return null;
  for (const messenger of deps.messengers) {
    if (!messenger.sendGroup) continue;
    const reachable = (p: Person) => p.chatAccounts.filter((a) => a.platform === messenger.platform && !a.unreachableSince && trustsWorkspace(deps.ctx, a));
    for (const first of reachable(persons[0]!)) {
      const accounts = persons.map((p) => reachable(p!).find((a) => a.workspaceId === first.workspaceId));
      if (accounts.every((a) => a !== undefined)) {
        const targets = accounts.map((a) => ({ platform: a.platform, workspaceId: a.workspaceId, userId: a.userId, dmChannelId: null, conversationRef: a.conversationRef, timeZone: a.timeZone }));
        return { messenger, targets };
      }
    }
  }
  return null;
}

/**
 * A row for several people that cannot go as one group DM becomes one ordinary row per person
 * (key `<key>:<personId>`, same kind, payload and due now), queued in the same transaction that closes
 * this row as SENT (with no platform: it was handed on, not sent). Each then takes the per-person path:
 * their own platform, away periods, quiet hours, retries and unreachable accounts. Why rows rather
 * than sending to each right here: progress is then recorded per person, so a retry after a partial
 * failure (the mentee reached on Slack, Teams down for the mentor) retries only the mentor's row and
 * never messages the mentee twice; and queuing is idempotent by key. People erased since get nothing.
 * Counted as deferred: the new rows are due now and delivered in this same pass.
 */
async function splitPerPerson(deps: DeliveryDeps, row: Notification, people: People, why: string): Promise<Outcome> {
  const { ctx } = deps;
  const now = ctx.clock.now();
  const payload = row.payload as unknown as Message;
  const split = await ctx.db.$transaction(async (tx) => {
    const closed = await tx.notification.updateMany({
      where: { id: row.id, leasedBy: deps.instanceId, status: 'SENDING' },
      data: { status: 'SENT', sentAt: now, leaseUntil: null, lastError: null },
    });
    // Our lease lapsed and another replica holds the row: it splits (or sends) it, not us.
    if (closed.count === 0) return 0;
    const rows = recipientsOf(row)
      .filter((personId) => people.has(personId))
      .map((personId) => ({ programId: row.programId, personId, kind: knownKind(row.kind), idempotencyKey: notificationKeys.eachRecipient(row.idempotencyKey, personId), payload, dueAt: now }));
    return queueNotifications(tx, rows);
  });
  deps.logger.info({ notificationId: row.id, kind: row.kind, queued: split, why }, 'outbox: sent to each recipient on their own');
  return 'deferred';
}

async function handleSendError(deps: DeliveryDeps, row: Notification, recipient: Recipient, error: unknown): Promise<Outcome> {
  const now = deps.ctx.clock.now();
  if (error instanceof DeliveryError) {
    const { retryAfterMs, unreachable, permanent } = error.options;
    // A group DM the platform refuses for good (one of them cannot be reached, …): each on their own
    // then, where a refusal shows whose account it is.
    if (permanent && retryAfterMs === undefined && row.personId && row.alsoTo.length > 0) {
      const people = await loadPeople(deps, [row]);
      return splitPerPerson(deps, row, people, `the group DM was refused: ${error.code}`);
    }
    if (retryAfterMs !== undefined) {
      // Rate limited: the whole platform waits, and the row comes back then without losing an attempt —
      // unless only this conversation's own send budget is spent (Teams pacing): then only the row waits.
      const until = now.getTime() + Math.min(Math.max(retryAfterMs, 0), MAX_RETRY_AFTER_MS);
      const paused = deps.pausedUntil.get(recipient.platform) ?? 0;
      if (until > paused && error.code !== 'TEAMS_PACED') deps.pausedUntil.set(recipient.platform, until);
      deps.logger.warn({ notificationId: row.id, platform: recipient.platform, retryAfterMs }, 'outbox: rate limited, retrying after Retry-After');
      return reschedule(deps, row, new Date(until), { attempts: row.attempts, lastError: `${error.code}: ${error.message}` });
    }
    if (unreachable && recipient.account) {
      await deps.ctx.db.chatAccount.update({ where: { id: recipient.account.id }, data: { unreachableSince: now } });
      recipient.account.unreachableSince = now;
      const others = await deps.ctx.db.chatAccount.count({
        where: { personId: row.personId!, unreachableSince: null, platform: { in: deps.messengers.map((m) => m.platform) } },
      });
      // Another account may still reach the person: try it straight away.
      if (others > 0) return reschedule(deps, row, now, { attempts: row.attempts, lastError: `${error.code}: ${error.message}` });
      return fail(deps, row, recipient.platform, error.code, error.message, true);
    }
    return fail(deps, row, recipient.platform, error.code, error.message, permanent === true);
  }
  const message = error instanceof Error ? error.message : String(error);
  return fail(deps, row, recipient.platform, 'SEND_FAILED', message);
}

/** A failed attempt: back off, or give up after maxAttempts (or at once when retrying cannot help). */
async function fail(deps: DeliveryDeps, row: Notification, platform: Platform | null, code: string, message: string, permanent = false): Promise<Outcome> {
  const attempts = row.attempts + 1;
  const lastError = `${code}: ${message}`.slice(0, 1000);
  if (permanent || attempts >= deps.maxAttempts) {
    await deps.ctx.db.notification.updateMany({
      where: { id: row.id, leasedBy: deps.instanceId, status: 'SENDING' },
      data: { status: 'FAILED', attempts, lastError, leaseUntil: null, ...(platform ? { platform } : {}) },
    });
    deps.metrics?.notificationsFailed.inc({ platform: platform ?? 'none', kind: row.kind, code });
    deps.logger.error({ notificationId: row.id, kind: row.kind, personId: row.personId, channelId: row.channelId, attempts, code, error: message }, 'outbox: notification failed for good');
    return 'failed';
  }
  const dueAt = new Date(deps.ctx.clock.now().getTime() + backoffAfter(attempts));
  deps.logger.warn({ notificationId: row.id, kind: row.kind, attempts, code, error: message, retryAt: dueAt.toISOString() }, 'outbox: delivery failed, will retry');
  return reschedule(deps, row, dueAt, { attempts, lastError });
}

async function reschedule(deps: DeliveryDeps, row: Notification, dueAt: Date, data: { attempts: number; lastError?: string | null }): Promise<Outcome> {
  await deps.ctx.db.notification.updateMany({
    where: { id: row.id, leasedBy: deps.instanceId, status: 'SENDING' },
    data: { status: 'PENDING', dueAt, leaseUntil: null, leasedBy: null, ...data },
  });
  return 'deferred';
}

async function finish(deps: DeliveryDeps, row: Notification, status: 'CANCELLED', why: string): Promise<Outcome> {
  await deps.ctx.db.notification.updateMany({
    where: { id: row.id, leasedBy: deps.instanceId, status: 'SENDING' },
    data: { status, lastError: why, leaseUntil: null },
  });
  deps.logger.info({ notificationId: row.id, kind: row.kind, why }, 'outbox: notification cancelled');
  return 'cancelled';
}
