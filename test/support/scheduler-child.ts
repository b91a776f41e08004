// Run in a child process by the scheduler crash test: a scheduler on the PostgreSQL database named by
// argv[2], delivering with a messenger that POSTs each message to the HTTP recorder at argv[3], as
// instance argv[4]. Ticks until the outbox is empty, then prints "done" and exits.
import type { Messenger, Sent } from '../../src/core/delivery.js';
import type { Message } from '../../src/core/ui/message.js';
import { systemClock, silentLogger } from '../../src/core/context.js';
import { DEFAULT_PROGRAM_RULES } from '../../src/core/domain/program-rules.js';
import { ensureProgram } from '../../src/core/services/program.service.js';
import { createScheduler } from '../../src/scheduler/index.js';
import { openStore } from '../../src/store/store.js';

const [databaseUrl, recorderUrl, instanceId] = process.argv.slice(2) as [string, string, string];
const store = await openStore({ databaseUrl, dataDir: '' });
const program = await ensureProgram(
  store.prisma,
  { slug: 'test-program', name: 'Test Mentorship Program', timeZone: 'UTC', locale: 'en-CA', rules: { ...DEFAULT_PROGRAM_RULES, quietHours: { start: '00:00', end: '00:00' } } },
  [],
  systemClock,
);

async function post(target: string, message: Message): Promise<Sent> {
  const response = await fetch(recorderUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ target, text: message.text, pid: process.pid }) });
  if (!response.ok) throw new Error(`recorder answered ${response.status}`);
  const body = (await response.json()) as { id: string };
  return { messageId: body.id };
}

const messenger: Messenger = {
  platform: 'SLACK',
  sendDirect: (target, message) => post(target.userId, message),
  postToChannel: (target, message) => post(target.channelId, message),
};

const scheduler = createScheduler({ ctx: { db: store.prisma, clock: systemClock, logger: silentLogger, program }, messengers: [messenger], logger: silentLogger, instanceId, batchSize: 20 });
for (;;) {
  await scheduler.tick();
  const left = await store.prisma.notification.count({ where: { status: { in: ['PENDING', 'SENDING'] } } });
  if (left === 0) break;
  await new Promise((r) => setTimeout(r, 50));
}
await scheduler.stop();
await store.close();
process.stdout.write('done\n');
