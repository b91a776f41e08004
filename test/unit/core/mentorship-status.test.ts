// Someone leaving mid-year, or finishing: a coordinator withdraws or completes them in chat.
import { describe, expect, it } from 'vitest';
import { mentorshipCommand } from '../../../src/core/commands/mentorship.command.js';
import { parseMentorshipArgs } from '../../../src/core/domain/parse/parse-mentorship-args.js';
import { AppError } from '../../../src/core/domain/errors.js';
import type { Actor } from '../../../src/core/actor.js';
import type { CoreContext } from '../../../src/core/context.js';
import type { Reply } from '../../../src/core/ui/reply.js';
import { STORE_KINDS, useTestStore } from '../../support/stores.js';
import { addPairing, addPerson, makeContext, slackConversation } from '../../support/fixtures.js';

const run = (ctx: CoreContext, actor: Actor, text: string) =>
  mentorshipCommand.run({ ctx, actor, text, requestId: `r-${text}`, conversation: slackConversation() });
const textOf = (reply: Reply) => (reply.kind === 'message' ? reply.message.text : '');

describe('parsing withdraw and complete', () => {
  it('reads a person and an optional role', () => {
    expect(parseMentorshipArgs('withdraw jane@example.org', { today: '2026-11-20' })).toEqual({ sub: 'withdraw', person: { kind: 'email', email: 'jane@example.org' } });
    expect(parseMentorshipArgs('complete jane@example.org as mentee', { today: '2026-11-20' })).toMatchObject({ sub: 'complete', role: 'MENTEE' });
  });

  it('names the field and gives an example for anything else', () => {
    expect(() => parseMentorshipArgs('withdraw jane@example.org because', { today: '2026-11-20' })).toThrow(/add nothing, or "as mentee".*e\.g\. \u2060\/mentorship withdraw/);
    expect(() => parseMentorshipArgs('withdraw', { today: '2026-11-20' })).toThrow(AppError);
  });
});

describe.each(STORE_KINDS)('withdraw and complete on %s', (kind) => {
  const store = useTestStore(kind);

  async function scene() {
    const ctx = await makeContext(store().prisma);
    const coordinator = await addPerson(ctx, { name: 'Casey Office', roles: ['COORDINATOR'] });
    const mentor = await addPerson(ctx, { name: 'Dr Mentor', roles: ['MENTOR'] });
    const mentee = await addPerson(ctx, { name: 'Dr Leaving', email: 'leaving@example.org', roles: ['MENTEE'] });
    const pairingId = await addPairing(ctx, mentor, mentee);
    await ctx.db.notification.create({ data: { programId: ctx.program.id, personId: mentee.personId, kind: 'reflection-reminder', idempotencyKey: 'reflection-reminder:x:1', payload: {}, dueAt: new Date('2026-11-25T14:00:00Z') } });
    return { ctx, coordinator, mentor, mentee, pairingId };
  }

  it('a coordinator withdraws a mentee leaving mid-year: enrollment withdrawn, pairing ended, reminders cancelled, records kept', async () => {
    const { ctx, coordinator, mentee, pairingId } = await scene();
    const reply = await run(ctx, coordinator, 'withdraw leaving@example.org');
    expect(textOf(reply)).toMatch(/^Withdrew Dr Leaving \(mentee\)\. Their pairings have ended/);
    expect(await ctx.db.enrollment.findFirstOrThrow({ where: { personId: mentee.personId } })).toMatchObject({ status: 'WITHDRAWN' });
    expect((await ctx.db.pairing.findUniqueOrThrow({ where: { id: pairingId } })).untilDate?.toISOString().slice(0, 10)).toBe('2026-11-20');
    expect(await ctx.db.notification.findUniqueOrThrow({ where: { idempotencyKey: 'reflection-reminder:x:1' } })).toMatchObject({ status: 'CANCELLED' });
    expect(await ctx.db.person.count({ where: { id: mentee.personId } })).toBe(1);
  });

  it('completing records COMPLETED, and a second time says there is nothing to change', async () => {
    const { ctx, coordinator, mentee } = await scene();
    expect(textOf(await run(ctx, coordinator, 'complete leaving@example.org as mentee'))).toMatch(/^Marked as completed: Dr Leaving/);
    expect(await ctx.db.enrollment.findFirstOrThrow({ where: { personId: mentee.personId } })).toMatchObject({ status: 'COMPLETED' });
    expect(textOf(await run(ctx, coordinator, 'complete leaving@example.org'))).toMatch(/^Nothing to change: they have no active enrollment/);
  });

  it('a mentor or a mentee cannot withdraw anyone, and nothing changes', async () => {
    const { ctx, mentor, mentee } = await scene();
    for (const actor of [mentor, mentee]) {
      await expect(run(ctx, actor, 'withdraw leaving@example.org')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    expect(await ctx.db.enrollment.findFirstOrThrow({ where: { personId: mentee.personId } })).toMatchObject({ status: 'ACTIVE' });
  });
});
