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

// teams-ai 1.x is in maintenance (its successor is the Teams SDK, @microsoft/teams.apps): a move to it
// must touch one folder only. And the Bot Framework packages are pinned to the versions tested.
const SRC = join(import.meta.dirname, '../../../src');
const TEAMS_SDK = /from\s+['"](@microsoft\/teams[.-][^'"]*|botbuilder[^'"]*|botframework[^'"]*)['"]|(import|require)\(\s*['"](@microsoft\/teams[.-]|botbuilder|botframework)/;

describe('the Teams SDK boundary', () => {
  it('nothing outside src/teams imports @microsoft/teams-ai, botbuilder or botframework-*', async () => {
    const files = await sourceFiles(SRC);
    const offenders: string[] = [];
    for (const file of files) {
      const relative = file.slice(SRC.length + 1);
      if (relative.startsWith('teams/') || relative.startsWith('generated/')) continue;
      if (TEAMS_SDK.test(await readFile(file, 'utf8'))) offenders.push(relative);
    }
    expect(offenders).toEqual([]);
    // …and src/teams does import them (the check looks at the right thing).
    expect(TEAMS_SDK.test(await readFile(join(SRC, 'teams/index.ts'), 'utf8'))).toBe(true);
  });

  it('the check itself catches each SDK, including the successor', () => {
    expect(TEAMS_SDK.test("import { CardFactory } from 'botbuilder';")).toBe(true);
    expect(TEAMS_SDK.test("import { Application } from '@microsoft/teams-ai';")).toBe(true);
    expect(TEAMS_SDK.test("import { App } from '@microsoft/teams.apps';")).toBe(true);
    expect(TEAMS_SDK.test("const c = await import('botframework-connector');")).toBe(true);
    expect(TEAMS_SDK.test("import { x } from './teams/index.js';")).toBe(false);
  });

  it('pins the Teams SDK packages to exact versions', async () => {
    const pkg = JSON.parse(await readFile(join(SRC, '../package.json'), 'utf8')) as { dependencies: Record<string, string> };
    for (const name of ['@microsoft/teams-ai', 'botbuilder']) expect(pkg.dependencies[name], name).toMatch(/^\d+\.\d+\.\d+$/);
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
