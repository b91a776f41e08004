// Where the time of programProgress goes: every SQL statement of one call with its milliseconds and
// rows, on a seeded store. `npx tsx bench/profile.ts [pglite|postgresql] [quick|full]`.
import { programProgress } from '../src/core/services/progress.service.js';
import { seededStore } from './program.bench.js';
import { FULL_SIZE, QUICK_SIZE } from './seed.js';

const kind = process.argv[2] === 'pglite' ? 'pglite' : 'postgresql';
const { store, ctx } = await seededStore(kind, process.argv[3] === 'full' ? FULL_SIZE : QUICK_SIZE);
try {
  for (let i = 0; i < 2; i++) {
    store.counter.trace = [];
    const started = performance.now();
    await programProgress(ctx);
    process.stdout.write(`${i === 0 ? 'cold' : 'warm'}: ${(performance.now() - started).toFixed(0)} ms\n`);
    for (const s of store.counter.trace) process.stdout.write(`  ${s.ms.toFixed(0).padStart(6)} ms ${String(s.rows).padStart(7)} rows  ${s.sql.replace(/\s+/g, ' ').slice(0, 140)}\n`);
  }
} finally {
  await store.close();
}
