// Run in a child process by the migration tests: open the store named by argv[2], migrate, report.
import { openStore } from '../../src/store/store.js';

const store = await openStore({ databaseUrl: process.argv[2], dataDir: process.argv[3] ?? '' });
try {
  const applied = await store.migrate();
  process.stdout.write(`${JSON.stringify({ applied, ready: await store.isReady() })}\n`);
} finally {
  await store.close();
}
