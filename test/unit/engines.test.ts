// The README promises Node 20.19: no package the bot runs may ask for more. The one package that
// does (the Prisma CLI's `prisma dev` server, a development dependency: `dev` or `devOptional` in the
// lock file, so `npm ci --omit=dev` leaves it out) is named here with why.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const lock = JSON.parse(readFileSync(new URL('../../package-lock.json', import.meta.url), 'utf8')) as {
  packages: Record<string, { version?: string; dev?: boolean; devOptional?: boolean; engines?: { node?: string } | string[] }>;
};
const root = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { engines: { node: string } };

/** The lowest Node major a package's engines.node allows, when it says ">=N…". */
function minimumMajor(range: string): number | undefined {
  const m = /^\s*>=?\s*v?(\d+)/.exec(range);
  return m ? Number(m[1]) : undefined;
}

const KNOWN_DEV_ONLY = new Map([['@prisma/streams-local', 'the Prisma CLI\'s `prisma dev` server, never run here']]);

describe('Node engines', () => {
  it('promises Node 20.19 in package.json', () => {
    expect(root.engines.node).toBe('>=20.19');
  });

  it('has no package the bot runs that needs a newer Node; the known exception is a development dependency', () => {
    const newer = Object.entries(lock.packages)
      .filter(([path, p]) => path && !Array.isArray(p.engines) && typeof p.engines?.node === 'string' && (minimumMajor(p.engines.node) ?? 0) > 20)
      .map(([path, p]) => ({ name: path.replace(/^.*node_modules\//, ''), dev: p.dev === true || p.devOptional === true }));
    for (const p of newer) {
      expect(KNOWN_DEV_ONLY.has(p.name), `${p.name} needs Node > 20`).toBe(true);
      expect(p.dev, `${p.name} must stay a development dependency`).toBe(true);
    }
  });
});
