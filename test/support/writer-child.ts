// Run in a child process by the crash test: writes people one by one and prints each id once its
// transaction has committed, until killed.
import { openStore } from '../../src/store/store.js';

const [databaseUrl, dataDir] = [process.argv[2] || undefined, process.argv[3] ?? ''];
const store = await openStore({ databaseUrl, dataDir });
await store.migrate();
process.stdout.write('ready\n');
for (let i = 0; ; i++) {
  const person = await store.prisma.person.create({ data: { name: `Writer ${i}`, email: `writer-${i}-${process.pid}@example.org` } });
  process.stdout.write(`${person.id}\n`);
}
