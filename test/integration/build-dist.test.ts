// What `npm start` runs (scripts/start.mjs) is dist/, compiled from src/ by scripts/build-dist.mjs:
// it must follow the sources, so a start never runs code that is no longer there. Checked on a copy of
// the sources, so the checkout's own dist/ is never touched.
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, stat, symlink, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const run = promisify(execFile);
let copy: string;
const build = () => run(process.execPath, [join(copy, 'scripts', 'build-dist.mjs')], { cwd: copy });
const builtFrom = () => readFile(join(copy, 'dist', '.built-from'), 'utf8');
const exists = (path: string) => stat(path).then(() => true, () => false);

beforeAll(async () => {
  copy = await mkdtemp(join(tmpdir(), 'mb-dist-'));
  await cp(join(ROOT, 'src'), join(copy, 'src'), { recursive: true });
  await cp(join(ROOT, 'scripts', 'build-dist.mjs'), join(copy, 'scripts', 'build-dist.mjs'));
  await symlink(join(ROOT, 'node_modules'), join(copy, 'node_modules'));
});
afterAll(() => rm(copy, { recursive: true, force: true }));

describe('dist/, what npm start runs', { timeout: 60_000 }, () => {
  it('is built from every source, mirroring src/, and not again while the sources are the same', async () => {
    await build();
    expect(await exists(join(copy, 'dist', 'main.js'))).toBe(true);
    expect(await exists(join(copy, 'dist', 'store', 'migrations.js'))).toBe(true);
    const first = await builtFrom();
    const mainBuilt = (await stat(join(copy, 'dist', 'main.js'))).mtimeMs;
    await build();
    expect(await builtFrom()).toBe(first);
    expect((await stat(join(copy, 'dist', 'main.js'))).mtimeMs).toBe(mainBuilt);
  });

  it('is built again when a source changes, and loses what a deleted source compiled to', async () => {
    await build();
    const before = await builtFrom();
    await writeFile(join(copy, 'src', 'config', 'config-error.ts'), `${await readFile(join(copy, 'src', 'config', 'config-error.ts'), 'utf8')}\nexport const CHANGED_FOR_THE_TEST = 'changed';\n`);
    await unlink(join(copy, 'src', 'store', 'clocked.ts'));
    await build();
    expect(await builtFrom()).not.toBe(before);
    expect(await readFile(join(copy, 'dist', 'config', 'config-error.js'), 'utf8')).toContain('CHANGED_FOR_THE_TEST');
    expect(await exists(join(copy, 'dist', 'store', 'clocked.js'))).toBe(false);
  });
});
