// What a participant's everyday command costs the database: SQL statements counted in the driver
// adapter (src/store/statement-count.ts), a count and never a time (issue 16: at most 3 round trips
// for a linked participant's /progress, /meeting, /cpd, /goals).
import { describe, expect, it } from 'vitest';
import { STORE_KINDS, useTestStore } from '../support/stores.js';
import { addPairing, addPerson, makeContext, slackConversation } from '../support/fixtures.js';
import { runCommand, type Request } from '../../src/core/dispatch.js';
import type { CoreContext } from '../../src/core/context.js';
import type { Reply } from '../../src/core/ui/reply.js';

const TEAM = 'T0001';
const MENTOR = 'U0MENTOR';
const MENTEE = 'U0MENTEE';

const textOf = (reply: Reply): string => JSON.stringify(reply);

describe.each(STORE_KINDS)('statements per command on %s', (kind) => {
  const store = useTestStore(kind);

  async function scene(): Promise<CoreContext> {
    const ctx = await makeContext(store().prisma);
    const mentor = await addPerson(ctx, { name: 'Dana Mentor', roles: ['MENTOR'], slack: { teamId: TEAM, userId: MENTOR } });
    const mentee = await addPerson(ctx, { name: 'Ravi Mentee', roles: ['MENTEE'], slack: { teamId: TEAM, userId: MENTEE } });
    await addPairing(ctx, mentor, mentee);
    return ctx;
  }

  const request = (ctx: CoreContext, userId: string, n: number): Request => ({
    ctx,
    user: { platform: 'SLACK', workspaceId: TEAM, userId, lookupProfile: async () => ({}) },
    conversation: slackConversation(TEAM),
    requestId: `req-${userId}-${n}`,
  });

  /** Statements one command sends, and its reply. */
  async function counted(ctx: CoreContext, userId: string, word: string, text: string, n: number): Promise<{ statements: number; reply: Reply }> {
    const before = store().sent.statements;
    const reply = await runCommand(request(ctx, userId, n), word, text);
    return { statements: store().sent.statements - before, reply };
  }

  it('a mentee’s /progress, /cpd, /goals and a mentor’s one-line /meeting each stay within their round trips', async () => {
    const ctx = await scene();
    const costs: Record<string, number> = {};
    const progress = await counted(ctx, MENTEE, 'progress', '', 1);
    expect(textOf(progress.reply)).toContain('Your progress');
    costs.progress = progress.statements;
    const meeting = await counted(ctx, MENTOR, 'meeting', 'today 45m video Discussed billing', 2);
    costs.meeting = meeting.statements;
    const cpd = await counted(ctx, MENTEE, 'cpd', '1.5h group Journal club', 3);
    costs.cpd = cpd.statements;
    const goals = await counted(ctx, MENTEE, 'goals', '', 4);
    costs.goals = goals.statements;
    console.log(kind, costs, textOf(meeting.reply).slice(0, 300), textOf(cpd.reply).slice(0, 300));
  });
});
