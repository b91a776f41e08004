// `npm start`: runs the bot from JavaScript compiled ahead into dist/ (scripts/build-dist.mjs, rebuilt
// here when src/ changed), not from TypeScript compiled on every start by tsx's loader: tsx's hooks run
// in a thread of their own and see every module the platform SDKs load, about a second of start-up and
// 60–90 MiB of memory more. When dist/ cannot be built (no esbuild, a checkout it cannot write to),
// tsx runs the sources as before.
// Plain JavaScript: it runs before anything is compiled.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { builtDist, DIST, SRC } from './build-dist.mjs';

if (builtDist()) {
  await import(pathToFileURL(join(DIST, 'main.js')).href);
} else {
  process.stderr.write('running the TypeScript sources through tsx instead (slower to start)\n');
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(join(SRC, 'main.ts')).href);
}
