// The rule of the house: core decides, adapters translate. Core never imports a platform SDK or
// the scheduler library, so any new platform is one new folder.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const CORE = join(import.meta.dirname, '../../../src/core');
const FORBIDDEN = /from\s+['"](@slack\/[^'"]*|botbuilder[^'"]*|botframework[^'"]*|@microsoft\/[^'"]*|node-cron|express)['"]|import\(\s*['"](@slack|botbuilder|@microsoft|node-cron)/;

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(entries.map((e) => (e.isDirectory() ? sourceFiles(join(dir, e.name)) : Promise.resolve(e.name.endsWith('.ts') ? [join(dir, e.name)] : []))));
  return nested.flat();
}

describe('core boundaries', () => {
  it('nothing under src/core imports @slack/*, botbuilder, @microsoft/*, node-cron or express', async () => {
    const files = await sourceFiles(CORE);
    expect(files.length).toBeGreaterThan(20);
    const offenders: string[] = [];
    for (const file of files) {
      const text = await readFile(file, 'utf8');
      if (FORBIDDEN.test(text)) offenders.push(file.slice(CORE.length + 1));
    }
    expect(offenders).toEqual([]);
  });

  it('the check itself catches a platform import', () => {
    expect(FORBIDDEN.test("import { App } from '@slack/bolt';")).toBe(true);
    expect(FORBIDDEN.test("import cron from 'node-cron';")).toBe(true);
    expect(FORBIDDEN.test("import { TeamsAdapter } from '@microsoft/teams-ai';")).toBe(true);
    expect(FORBIDDEN.test("import { z } from 'zod';")).toBe(false);
  });
});

describe('the system actor', () => {
  it('is audited as no person, with the channel it acted through', async () => {
    const { systemActor, systemActorVia } = await import('../../../src/core/actor.js');
    const office = systemActor('cli', 'Program office', 'America/Winnipeg');
    expect(office.roles.has('COORDINATOR')).toBe(true);
    expect(systemActorVia(office.personId)).toBe('cli');
    expect(systemActorVia('6f1c2b9e-0000-4000-8000-000000000000')).toBeUndefined();
    expect(systemActorVia(null)).toBeUndefined();
  });
});
