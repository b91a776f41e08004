// Issue 12, finding 9: `/progress someone@…` gives a participant one answer whether the address is
// stored or not (no email oracle), and every refusal is logged with who tried: the person's id, or the
// chat account's platform id — never a name or an email address.
import { describe, expect, it } from 'vitest';
import { STORE_KINDS, useTestStore } from '../../support/stores.js';
import { addPairing, addPerson, makeContext } from '../../support/fixtures.js';
import type { PlatformUser } from '../../../src/core/actor.js';
import type { CoreContext, Logger } from '../../../src/core/context.js';
import { runCommand } from '../../../src/core/dispatch.js';
import type { Reply } from '../../../src/core/ui/reply.js';

const TEAM = 'T0001';
const user = (userId: string, email?: string): PlatformUser => ({ platform: 'SLACK', workspaceId: TEAM, userId, lookupProfile: async () => (email ? { email } : {}) });
const textOf = (reply: Reply) => (reply.kind === 'message' ? JSON.stringify(reply.message) : reply.kind);

function recordingLogger(): Logger & { lines: { level: string; obj: object; msg?: string }[] } {
  const lines: { level: string; obj: object; msg?: string }[] = [];
  const at = (level: string) => (obj: object, msg?: string) => void lines.push({ level, obj, msg });
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

describe.each(STORE_KINDS)('refusals on %s', (kind) => {
  const store = useTestStore(kind);

  async function setup() {
    const logger = recordingLogger();
    const ctx: CoreContext = { ...(await makeContext(store().prisma)), logger };
    const mentor = await addPerson(ctx, { name: 'Max Mentor', email: 'max@example.org', roles: ['MENTOR'], slack: { teamId: TEAM, userId: 'UMENTOR' } });
    const mentee = await addPerson(ctx, { name: 'Mina Mentee', email: 'mina@example.org', roles: ['MENTEE'], slack: { teamId: TEAM, userId: 'UMENTEE' } });
    await addPerson(ctx, { name: 'Olga Other', email: 'olga.other@example.org', roles: ['MENTEE'], slack: { teamId: TEAM, userId: 'UOLGA' } });
    await addPerson(ctx, { name: 'Cora Coordinator', email: 'cora@example.org', roles: ['COORDINATOR'], slack: { teamId: TEAM, userId: 'UCORA' } });
    await addPairing(ctx, mentor, mentee);
    const progress = (userId: string, text: string) =>
      runCommand({ ctx, user: user(userId), conversation: { platform: 'SLACK', workspaceId: TEAM, channelId: `D${userId}`, isDirect: true }, requestId: `r-${text}` }, 'progress', text);
    return { ctx, logger, mentee, progress };
  }

  it('answers a participant the same for a stored and an unknown address, or mention', async () => {
    const { progress } = await setup();
    const stored = textOf(await progress('UMENTEE', 'olga.other@example.org'));
    const unknown = textOf(await progress('UMENTEE', 'nobody.here@example.org'));
    expect(stored).toMatch(/You can only see your own records/);
    expect(unknown).toBe(stored);
    expect(textOf(await progress('UMENTEE', '<@UOLGA>'))).toBe(stored);
    expect(textOf(await progress('UMENTEE', '<@UNOBODY>'))).toBe(stored);
    // A mentor is told the same about anyone but their mentees; their mentee they see.
    const mentorStored = textOf(await progress('UMENTOR', 'olga.other@example.org'));
    expect(textOf(await progress('UMENTOR', 'nobody.here@example.org'))).toBe(mentorStored);
    expect(textOf(await progress('UMENTOR', 'mina@example.org'))).toMatch(/Mina Mentee/);
    // A coordinator may learn that an address is not in the program.
    expect(textOf(await progress('UCORA', 'nobody.here@example.org'))).toMatch(/couldn't find nobody.here@example.org/);
  });

  it('logs each refusal with the id of who tried, and no name or email', async () => {
    const { ctx, logger, mentee, progress } = await setup();
    await progress('UMENTEE', 'olga.other@example.org');
    await runCommand({ ctx, user: user('USTRANGER', 'stranger@elsewhere.example.org'), conversation: { platform: 'SLACK', workspaceId: TEAM, isDirect: true }, requestId: 'r-x' }, 'progress', '');
    const refusals = logger.lines.filter((l) => l.msg === 'request refused');
    expect(refusals.map((l) => l.obj)).toEqual([
      { code: 'FORBIDDEN', what: 'command progress', actorId: mentee.personId },
      { code: 'NOT_ENROLLED', what: 'command progress', platform: 'SLACK', workspaceId: TEAM, platformUserId: 'USTRANGER' },
    ]);
    expect(JSON.stringify(logger.lines)).not.toMatch(/@example\.org|Mina|Olga|stranger@/);
  });
});
