// The weekly coordinator digest (DESIGN.md, "Reminders, prompts and digests"). It names people who
// are behind, so it is only ever sent to coordinators (their DMs or the program's digest channel).
import { notificationKeys } from '../domain/notifications.js';
import type { Conversation } from '../actor.js';
import type { CoreContext } from '../context.js';
import { queueNotifications } from './outbox.js';
import { localDate } from '../domain/time.js';
import { HELD_PREFIX, heldReason } from './held-messages.js';
import type { Block, Button, Message } from '../ui/message.js';
import { MAX_BLOCKS, attentionBlocks, capBlocks, limitItems, totalsFacts } from '../ui/progress.view.js';
import { programProgress } from './progress.service.js';
import type { ProgramProgress } from './progress.types.js';
import type { Platform } from '../domain/enums.js';
import { formatDate } from '../i18n/format.js';
import { platformLabel } from '../i18n/labels.js';
import { programLocale, type Locale } from '../i18n/locale.js';
import { t, type Said } from '../i18n/translate.js';

const WEEK_MS = 7 * 86_400_000;
/** Nudge buttons offered at most (one per overdue pair, most overdue first). */
const MAX_NUDGE_BUTTONS = 10;

export interface DeliveryProblems {
  failed: { personName: string | null; kind: string; lastError: string | null; at: string }[];
  unreachable: { personName: string; platform: Platform; since: string }[];
  /** People with messages held because no chat account could be found: once each, with the reason and fix. */
  cannotReach: { personName: string; reason: Said | string; since: string }[];
}

export async function deliveryProblems(ctx: CoreContext): Promise<DeliveryProblems> {
  const now = ctx.clock.now();
  const since = new Date(now.getTime() - WEEK_MS);
  const [failed, unreachable, held] = await Promise.all([
    ctx.db.notification.findMany({
      where: { programId: ctx.program.id, status: 'FAILED', updatedAt: { gte: since } },
      select: { kind: true, lastError: true, updatedAt: true, person: { select: { name: true } } },
      orderBy: { updatedAt: 'desc' },
      take: 100,
    }),
    ctx.db.chatAccount.findMany({
      where: { unreachableSince: { not: null }, person: { enrollments: { some: { programId: ctx.program.id, status: 'ACTIVE' } } } },
      select: { platform: true, unreachableSince: true, person: { select: { name: true } } },
      orderBy: { unreachableSince: 'asc' },
      take: 100,
    }),
    ctx.db.notification.findMany({
      where: { programId: ctx.program.id, status: 'PENDING', lastError: { startsWith: HELD_PREFIX }, personId: { not: null } },
      distinct: ['personId'],
      select: { lastError: true, createdAt: true, person: { select: { name: true } } },
      orderBy: [{ personId: 'asc' }, { createdAt: 'asc' }],
      take: 100,
    }),
  ]);
  const tz = ctx.program.timeZone;
  return {
    failed: failed.map((f) => ({ personName: f.person?.name ?? null, kind: f.kind, lastError: f.lastError, at: localDate(f.updatedAt, tz) })),
    unreachable: unreachable.map((u) => ({ personName: u.person.name, platform: u.platform, since: localDate(u.unreachableSince!, tz) })),
    cannotReach: held
      .map((h) => ({ personName: h.person?.name ?? '?', reason: heldReason(h.lastError), since: localDate(h.createdAt, tz) }))
      .sort((a, b) => a.personName.localeCompare(b.personName)),
  };
}

/** What a digest tells, in any language: the program's progress and the week's delivery problems. */
export interface DigestFacts {
  progress: ProgramProgress;
  problems: DeliveryProblems;
}

/**
 * The digest's facts. `progress`: the program's progress when the caller already has it (the planner's
 * weekly pass computes it for the mentees' reminders too), so it is not computed twice.
 */
export async function digestFacts(ctx: CoreContext, progress?: Promise<ProgramProgress>): Promise<DigestFacts> {
  const [p, problems] = await Promise.all([progress ?? programProgress(ctx), deliveryProblems(ctx)]);
  return { progress: p, problems };
}

/**
 * The digest in `locale`: by default the program's, as everything posted to a channel is; a coordinator
 * who asks for it (`/mentorship digest`) reads it in their own.
 */
export async function buildDigest(ctx: CoreContext, locale: Locale = programLocale(ctx.program), progress?: Promise<ProgramProgress>): Promise<Message> {
  const { progress: p, problems } = await digestFacts(ctx, progress);
  return digestMessage(locale, p, problems);
}

export function digestMessage(locale: Locale, p: ProgramProgress, problems: DeliveryProblems): Message {
  const d = (iso: string) => formatDate(locale, iso);
  const blocks: Block[] = [{ type: 'header', text: t(locale, 'digest.header', { program: p.programName, date: d(p.today) }) }, totalsFacts(locale, p)];
  const attention = attentionBlocks(locale, p);
  if (attention.length) blocks.push({ type: 'divider' }, ...attention);
  else if (p.totals.pairs === 0) blocks.push({ type: 'text', text: t(locale, 'digest.noPairs') });
  else blocks.push({ type: 'text', text: t(locale, 'digest.allOnTrack') });

  const delivery: string[] = [
    ...problems.unreachable.map((u) => t(locale, 'digest.unreachable', { name: u.personName, platform: platformLabel(locale, u.platform), since: d(u.since) })),
    ...problems.failed.map((f) =>
      t(locale, 'digest.failed', {
        name: f.personName ?? t(locale, 'digest.channel'),
        // ICU selectors cannot hold '-': the outbox's ids in camelCase choose the words, the id itself is shown otherwise.
        type: f.kind.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()),
        kind: f.kind,
        date: d(f.at),
        hasError: f.lastError ? 'yes' : 'no',
        error: f.lastError ? f.lastError.slice(0, 120) : '',
      }),
    ),
  ];
  if (delivery.length) blocks.push({ type: 'list', title: t(locale, 'digest.deliveryProblems', { n: delivery.length }), items: limitItems(locale, delivery) });
  const cannotReach = problems.cannotReach.map((c) => t(locale, 'digest.cannotReachLine', { name: c.personName, reason: c.reason, since: d(c.since) }));
  if (cannotReach.length) blocks.push({ type: 'list', title: t(locale, 'digest.cannotReach', { n: cannotReach.length }), items: limitItems(locale, cannotReach) });

  const nudges: Button[] = p.attention.pairsOverdue.slice(0, MAX_NUDGE_BUTTONS).map((x) => ({
    label: t(locale, 'digest.nudgeButton', { mentor: x.mentor.name, mentee: x.mentee.name }).slice(0, 75),
    action: 'digest.nudge',
    value: x.pairingId,
  }));
  const actions: Button[] = [...nudges, { label: t(locale, 'digest.exportButton'), action: 'digest.export', value: 'summary', style: 'primary' }];
  // Keep room at the end for the buttons: capBlocks would cut them otherwise.
  const body = blocks.length <= MAX_BLOCKS - 1 ? blocks : [...capBlocks(locale, blocks).slice(0, MAX_BLOCKS - 2), { type: 'context' as const, text: t(locale, 'digest.shortened') }];
  body.push({ type: 'actions', buttons: actions });

  const a = p.attention;
  const text = t(locale, 'digest.summary', { overdue: a.pairsOverdue.length, reflections: a.reflectionsOutstanding.length, cpd: a.cpdBehind.length });
  return { text, blocks: body };
}

/**
 * The digest now, outside the weekly rhythm (`/mentorship digest`, the CLI's `digest --post`): to the
 * digest channel it was asked in when it was asked in one, else to every digest channel, as the weekly
 * digest goes. `request` keys the rows, so a platform's retry of one request queues it once.
 * Returns the digest, its facts (to render it in another language without computing them again) and
 * where it went (no channel: nowhere, the caller says how to choose one).
 */
export async function postDigestNow(
  ctx: CoreContext,
  request: { id: string; conversation?: Conversation },
): Promise<{ digest: Message; facts: DigestFacts; channels: number; here: boolean }> {
  const { conversation } = request;
  const where = { programId: ctx.program.id, purpose: 'digest' };
  const here = conversation?.channelId
    ? await ctx.db.programChannel.findFirst({
        where: { ...where, platform: conversation.platform, workspaceId: conversation.workspaceId, channelId: conversation.channelId },
        select: { id: true },
      })
    : null;
  const channels = here ? [here] : await ctx.db.programChannel.findMany({ where, select: { id: true }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
  const facts = await digestFacts(ctx);
  const digest = digestMessage(programLocale(ctx.program), facts.progress, facts.problems);
  if (channels.length === 0) return { digest, facts, channels: 0, here: false };
  const now = ctx.clock.now();
  await queueNotifications(
    ctx.db,
    channels.map((c) => ({
      programId: ctx.program.id,
      channelId: c.id,
      kind: 'digest',
      idempotencyKey: notificationKeys.digestNow(request.id, c.id),
      payload: digest,
      dueAt: now,
    })),
  );
  ctx.wakeOutbox?.();
  return { digest, facts, channels: channels.length, here: here !== null };
}
