// Request ids for idempotency, made here and never taken from a client. A form carries its id in
// state the client sends back (Teams card data, a Slack modal's private metadata), so the id is an
// HMAC bound to the form and the person it was made for: nobody can choose, guess or borrow another
// person's, and a retry of the same submission still finds the record it saved.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Actor } from '../actor.js';
import type { CoreContext } from '../context.js';
import { AppError } from '../domain/errors.js';
import { said } from '../i18n/translate.js';
import { audit } from './audit.js';

/** Used when the operator configured no secret (REQUEST_ID_SECRET): forms then last as long as the process. */
const PROCESS_SECRET = randomBytes(32).toString('base64url');

const PART = 22;

function mac(ctx: CoreContext, ...parts: string[]): string {
  return createHmac('sha256', ctx.requestSecret ?? PROCESS_SECRET).update(parts.join('\u0000')).digest('base64url').slice(0, PART);
}

/**
 * The request id of `purpose` ('meeting', 'goal', 'cpd') for this person, derived from the platform's
 * id of the request that started it (a Slack trigger id, a Teams activity id): the same platform
 * request (a redelivery) gives the same id.
 */
export function requestIdFor(ctx: CoreContext, purpose: string, personId: string, platformRequestId: string): string {
  const nonce = mac(ctx, 'nonce', purpose, personId, platformRequestId);
  return `${nonce}.${mac(ctx, 'id', purpose, personId, nonce)}`;
}

/** True when `requestId` was made by requestIdFor for this purpose and person. */
export function isRequestIdOf(ctx: CoreContext, purpose: string, personId: string, requestId: string): boolean {
  const match = /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{22})$/.exec(requestId);
  if (!match) return false;
  const expected = Buffer.from(mac(ctx, 'id', purpose, personId, match[1]!));
  return timingSafeEqual(expected, Buffer.from(match[2]!));
}

/**
 * A request id that is not the actor's: a form made for someone else, tampered with, or a guess. The
 * attempt is audited (who, which form, never what was sent) and answered without any record's content.
 */
export async function foreignRequest(ctx: CoreContext, actor: Actor, purpose: string, reason: 'not-issued' | 'other-record'): Promise<AppError> {
  ctx.logger.warn({ actorId: actor.personId, form: purpose, reason }, 'request id refused');
  await audit(ctx.db, { programId: ctx.program.id, actorId: actor.personId, action: 'request.refused', detail: { form: purpose, reason } });
  return new AppError('CONFLICT', said('access.foreignRequest', { purpose }));
}

/** Checks a request id that came back from a client; throws (audited) when it is not this actor's. */
export async function requireOwnRequestId(ctx: CoreContext, actor: Actor, purpose: string, requestId: string): Promise<void> {
  if (!isRequestIdOf(ctx, purpose, actor.personId, requestId)) throw await foreignRequest(ctx, actor, purpose, 'not-issued');
}

/** The id a form carries: one already issued to this person for it stays (a form re-rendered), anything else is derived. */
export const formRequestId = (ctx: CoreContext, purpose: string, personId: string, requestId: string): string =>
  isRequestIdOf(ctx, purpose, personId, requestId) ? requestId : requestIdFor(ctx, purpose, personId, requestId);
