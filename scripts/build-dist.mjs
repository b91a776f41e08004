// dist/: the bot compiled ahead from src/, which `npm start` runs (scripts/start.mjs). Rebuilt whenever
// src/ differs from what it was built from, with the esbuild that tsx itself transpiles with (so the
// same JavaScript tsx would run), in a fraction of a second: a fresh clone needs nothing but
// `npm install`. `node scripts/build-dist.mjs` builds it alone (the start-up benchmark does).
// Plain JavaScript: it runs before anything is compiled.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
export const SRC = join(ROOT, 'src');
export const DIST = join(ROOT, 'dist');
const BUILT_FROM = '.built-from';

/** The TypeScript sources, sorted, as paths relative to src/. */
function sources(dir = SRC) {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return sources(path);
      return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [relative(SRC, path)] : [];
    })
    .sort();
}

/** What dist/ is built from: every source's path and content, this script and the compiler's version. */
function fingerprint(files, esbuildVersion) {
  const hash = createHash('sha256').update(readFileSync(import.meta.filename)).update(`esbuild ${esbuildVersion}\0`);
  for (const file of files) hash.update(`${file}\0`).update(readFileSync(join(SRC, file))).update('\0');
  return hash.digest('hex');
}

/** tsx's own esbuild, resolved as tsx resolves it (loaded only to build); undefined if tsx no longer brings one. */
function tsxEsbuild() {
  try {
    const fromTsx = createRequire(createRequire(import.meta.url).resolve('tsx/package.json'));
    const version = JSON.parse(readFileSync(fromTsx.resolve('esbuild/package.json'), 'utf8')).version;
    return { version, load: () => fromTsx('esbuild') };
  } catch {
    return undefined;
  }
}

const builtFrom = () => {
  try {
    return readFileSync(join(DIST, BUILT_FROM), 'utf8');
  } catch {
    return undefined;
  }
};

/**
 * Compiles src/ file by file (no bundling: dist/ mirrors src/, so paths found from import.meta.dirname
 * still reach prisma/ and manifests/) into a directory of its own, then puts it in place of dist/ with
 * renames: another start of the same checkout sees the old build or the new one, whole.
 */
function build(esbuild, files, fingerprinted) {
  const staging = `${DIST}.building-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  esbuild.buildSync({
    entryPoints: files.map((file) => join(SRC, file)),
    outdir: staging,
    outbase: SRC,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: true,
    logLevel: 'error',
  });
  writeFileSync(join(staging, BUILT_FROM), fingerprinted);
  const old = `${DIST}.old-${process.pid}`;
  try {
    renameSync(DIST, old);
  } catch (error) {
    if (error.code !== 'ENOENT') throw error;
  }
  try {
    renameSync(staging, DIST);
  } catch (error) {
    // Another start put its build in place first: built from the same sources, it serves as well.
    if (builtFrom() !== fingerprinted) throw error;
    rmSync(staging, { recursive: true, force: true });
  }
  rmSync(old, { recursive: true, force: true });
}

/**
 * dist/ built from the sources as they are now; false, saying why on stderr, when it cannot be (no
 * esbuild to build with, a checkout it cannot write to): the caller then runs the sources through tsx.
 */
export function builtDist() {
  const esbuild = tsxEsbuild();
  if (!esbuild) {
    process.stderr.write('tsx brings no esbuild to compile src/ into dist/ with\n');
    return false;
  }
  const files = sources();
  const fingerprinted = fingerprint(files, esbuild.version);
  if (builtFrom() === fingerprinted) return true;
  try {
    build(esbuild.load(), files, fingerprinted);
    return true;
  } catch (error) {
    process.stderr.write(`could not compile src/ into dist/: ${error instanceof Error ? error.message : String(error)}\n`);
    return false;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === import.meta.filename) {
  if (!builtDist()) process.exit(1);
}
