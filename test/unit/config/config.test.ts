import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseEnv, platformSwitches } from '../../../src/config/env.js';
import { ConfigError } from '../../../src/config/config-error.js';
import { loadProgramFile } from '../../../src/config/program-file.js';
import { cpdTargetFor } from '../../../src/core/domain/program-rules.js';

function problems(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

async function programProblems(run: () => Promise<unknown>): Promise<string[]> {
  try {
    await run();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('environment', () => {
  it('has working defaults with nothing set: embedded store, port 3000, both platforms off', () => {
    const env = parseEnv({});
    expect(env).toMatchObject({ PORT: 3000, DATA_DIR: './data', COORDINATORS: [] });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(platformSwitches(env)).toEqual({ slack: 'off', teams: 'off' });
  });

  it('names the variable, what it expects and an example for a bad port', () => {
    expect(problems(() => parseEnv({ PORT: 'abc' }))[0]).toMatch(/^PORT: .*port.*PORT=3000.*\(got "abc"\)/);
  });

  it('refuses a DATABASE_URL that is not PostgreSQL, without echoing the secret', () => {
    const [problem] = problems(() => parseEnv({ DATABASE_URL: 'mysql://root:hunter2@db/x' }));
    expect(problem).toMatch(/^DATABASE_URL: expected a PostgreSQL URL, e\.g\. DATABASE_URL=postgresql:\/\//);
    expect(problem).not.toContain('hunter2');
  });

  it('accepts postgres:// and postgresql:// URLs', () => {
    expect(parseEnv({ DATABASE_URL: 'postgres://u@h/db' }).DATABASE_URL).toBe('postgres://u@h/db');
    expect(parseEnv({ DATABASE_URL: 'postgresql://u@h/db' }).DATABASE_URL).toBe('postgresql://u@h/db');
  });

  it('turns Slack on over HTTP with a token and signing secret, and Socket Mode with an app token', () => {
    expect(platformSwitches(parseEnv({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' })).slack).toBe('http');
    expect(platformSwitches(parseEnv({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' })).slack).toBe('socket');
  });

  it('says which Slack setting is missing', () => {
    expect(problems(() => parseEnv({ SLACK_BOT_TOKEN: 'xoxb-1' }))[0]).toMatch(/^SLACK_SIGNING_SECRET: is needed with SLACK_BOT_TOKEN/);
    expect(problems(() => parseEnv({ SLACK_SIGNING_SECRET: 's' }))[0]).toMatch(/^SLACK_BOT_TOKEN: is needed/);
    expect(problems(() => parseEnv({ SLACK_BOT_TOKEN: 'xoxp-user' }))[0]).toMatch(/^SLACK_BOT_TOKEN: expected a bot token starting with xoxb-/);
  });

  it('keeps Teams off without an app id, on with one, and on without auth only when asked', () => {
    expect(platformSwitches(parseEnv({ TEAMS_APP_ID: '6f1c2a4e-3b5d-4c7e-9f10-2a3b4c5d6e7f', TEAMS_APP_PASSWORD: 'pw', TEAMS_APP_TENANT_ID: 't' })).teams).toBe('auth');
    expect(platformSwitches(parseEnv({ TEAMS_AUTH_DISABLED: 'true' })).teams).toBe('no-auth');
    expect(problems(() => parseEnv({ TEAMS_APP_ID: '6f1c2a4e-3b5d-4c7e-9f10-2a3b4c5d6e7f' }))[0]).toMatch(/^TEAMS_APP_PASSWORD: is needed/);
    // A package with a non-GUID id is refused by Teams: refused at start instead of Teams starting "on".
    expect(problems(() => parseEnv({ TEAMS_APP_ID: 'x', TEAMS_APP_PASSWORD: 'pw', TEAMS_APP_TENANT_ID: 't' }))).toEqual([
      'TEAMS_APP_ID: expected the Application (client) ID of the bot\'s Azure app registration, a GUID, e.g. TEAMS_APP_ID=00000000-0000-0000-0000-000000000000 (got "x")',
    ]);
  });

  it('keeps Microsoft Graph off by default with the public endpoints, and names every setting TEAMS_GRAPH needs', () => {
    const plain = parseEnv({});
    expect(plain).toMatchObject({ TEAMS_GRAPH: false, MS_GRAPH_URL: 'https://graph.microsoft.com/v1.0/', MS_LOGIN_URL: 'https://login.microsoftonline.com/' });
    const graph = parseEnv({ TEAMS_GRAPH: 'true', TEAMS_APP_ID: '6f1c2a4e-3b5d-4c7e-9f10-2a3b4c5d6e7f', TEAMS_APP_PASSWORD: 'pw', TEAMS_APP_TENANT_ID: 'tenant', TEAMS_CATALOG_APP_ID: 'catalog', MS_GRAPH_URL: 'http://127.0.0.1:9/v1.0/' });
    expect(graph).toMatchObject({ TEAMS_GRAPH: true, MS_GRAPH_URL: 'http://127.0.0.1:9/v1.0/', TEAMS_CATALOG_APP_ID: 'catalog' });
    const missing = problems(() => parseEnv({ TEAMS_GRAPH: 'true', TEAMS_APP_ID: '6f1c2a4e-3b5d-4c7e-9f10-2a3b4c5d6e7f', TEAMS_APP_PASSWORD: 'pw', TEAMS_APP_TYPE: 'MultiTenant', TEAMS_TRUSTED_TENANTS: '72f988bf-86f1-41af-91ab-2d7cd011db47' }));
    expect(missing).toEqual([expect.stringMatching(/^TEAMS_APP_TENANT_ID: is needed with TEAMS_GRAPH=true/), expect.stringMatching(/^TEAMS_CATALOG_APP_ID: is needed with TEAMS_GRAPH=true/)]);
    expect(problems(() => parseEnv({ MS_LOGIN_URL: 'https://login.microsoftonline.com' }))[0]).toMatch(/^MS_LOGIN_URL: expected a URL ending in a slash/);
  });

  it('refuses a multi-tenant registration that names no trusted tenant, saying so', () => {
    const [problem] = problems(() => parseEnv({ TEAMS_APP_ID: '6f1c2a4e-3b5d-4c7e-9f10-2a3b4c5d6e7f', TEAMS_APP_PASSWORD: 'pw', TEAMS_APP_TYPE: 'MultiTenant' }));
    expect(problem).toMatch(/^TEAMS_TRUSTED_TENANTS: must list the Microsoft tenants/);
    const tenant = '72f988bf-86f1-41af-91ab-2d7cd011db47';
    expect(parseEnv({ TEAMS_APP_ID: '6f1c2a4e-3b5d-4c7e-9f10-2a3b4c5d6e7f', TEAMS_APP_PASSWORD: 'pw', TEAMS_APP_TYPE: 'MultiTenant', TEAMS_TRUSTED_TENANTS: ` ${tenant}, ${tenant.toUpperCase()} ` }).TEAMS_TRUSTED_TENANTS).toEqual([tenant, tenant.toUpperCase()]);
    expect(problems(() => parseEnv({ TEAMS_TRUSTED_TENANTS: 'contoso.com' }))[0]).toMatch(/^TEAMS_TRUSTED_TENANTS: "contoso.com" is not a tenant id/);
    // Local testing without authentication checks no tenant, so none is needed.
    expect(parseEnv({ TEAMS_AUTH_DISABLED: 'true' }).TEAMS_TRUSTED_TENANTS).toEqual([]);
  });

  it('refuses Teams without authentication in production', () => {
    expect(problems(() => parseEnv({ NODE_ENV: 'production', TEAMS_AUTH_DISABLED: 'true' }))[0]).toMatch(/^TEAMS_AUTH_DISABLED: is refused when NODE_ENV=production/);
  });

  it('parses COORDINATORS as emails or platform ids and names the bad entry', () => {
    expect(parseEnv({ COORDINATORS: 'a@example.org, slack:T1:U2' }).COORDINATORS).toEqual(['a@example.org', 'slack:T1:U2']);
    expect(problems(() => parseEnv({ COORDINATORS: 'a@example.org,bob' }))[0]).toMatch(/^COORDINATORS: "bob": expected an email/);
  });
});

describe('program file', () => {
  async function file(name: string, text: string): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'mb-program-'));
    const path = join(dir, name);
    await writeFile(path, text);
    return path;
  }

  it('gives the default program with DOMAIN.md defaults when there is no file', async () => {
    const program = await loadProgramFile(undefined, ['coordinator@example.org']);
    expect(program).toMatchObject({ slug: 'default', timeZone: 'America/Winnipeg', coordinators: ['coordinator@example.org'] });
    expect(program.rules).toMatchObject({ meetingsRequired: 10, cadenceDays: 28, cpdYearlyTargets: {}, quietHours: { start: '20:00', end: '08:00' } });
  });

  it('reads YAML, keeps defaults for what it does not set, and adds COORDINATORS', async () => {
    const path = await file('program.yaml', 'name: Test Program\nrules:\n  cadenceDays: 21\ncoordinators:\n  - office@example.org\n');
    const program = await loadProgramFile(path, ['other@example.org']);
    expect(program.name).toBe('Test Program');
    expect(program.rules.cadenceDays).toBe(21);
    expect(program.rules.meetingsRequired).toBe(10);
    expect(program.coordinators).toEqual(['office@example.org', 'other@example.org']);
  });

  it('names the key and what it expects for a wrong value', async () => {
    const path = await file('program.json', JSON.stringify({ timeZone: 'Winnipeg', rules: { quietHours: { start: '8pm' } } }));
    const found = await programProblems(() => loadProgramFile(path));
    expect(found).toEqual(
      expect.arrayContaining([expect.stringMatching(/^timeZone: expected an IANA time zone, e\.g\. America\/Winnipeg/), expect.stringMatching(/^rules\.quietHours\.start: .*HH:MM/)]),
    );
  });

  it('honours cpdCreditsTarget for every system without a target of its own', async () => {
    const path = await file('program.yaml', 'rules:\n  cpdCreditsTarget: 30\n  cpdYearlyTargets: { MOC: 25 }\n');
    const { rules } = await loadProgramFile(path);
    expect([cpdTargetFor('MAINPRO_PLUS', rules), cpdTargetFor('MOC', rules)]).toEqual([30, 25]);
  });

  it('refuses credit rates in the program file: they are the colleges\'', async () => {
    const path = await file('program.yaml', 'rules:\n  credits: { rates: { MOC: { SELF_LEARNING: { certified: 2 } } } }\n');
    expect((await programProblems(() => loadProgramFile(path)))[0]).toMatch(/^rules\.credits\.rates: the rates are the colleges'/);
  });

  it('refuses an unknown key rather than ignoring a typo', async () => {
    const path = await file('program.yaml', 'nmae: Typo\n');
    expect((await programProblems(() => loadProgramFile(path)))[0]).toMatch(/nmae/);
  });

  it('refuses a misspelt rule with a suggestion instead of starting with the defaults', async () => {
    const path = await file('program.yaml', 'rules:\n  meetingRequired: 12\n  cadenceDay: 21\n  digest:\n    dayofweek: 2\n');
    const found = await programProblems(() => loadProgramFile(path));
    expect(found).toEqual([
      expect.stringMatching(/^rules\.meetingRequired: not a setting of rules; did you mean rules\.meetingsRequired\? expected one of meetingsRequired, cadenceDays, /),
      expect.stringMatching(/^rules\.cadenceDay: not a setting of rules; did you mean rules\.cadenceDays\?/),
      expect.stringMatching(/^rules\.digest\.dayofweek: not a setting of rules\.digest; did you mean rules\.digest\.dayOfWeek\? expected one of dayOfWeek, time$/),
    ]);
    const far = await file('program.yaml', 'colour: blue\n');
    expect((await programProblems(() => loadProgramFile(far)))[0]).toBe('colour: not a setting of the program file; expected one of slug, name, timeZone, locale, rules, coordinators');
  });

  it('gives the value, what is expected and an example in every message, not zod\'s raw text', async () => {
    const path = await file('program.yaml', 'rules:\n  meetingsRequired: "12"\n  cadenceDays: -3\n  reflectAfterEveryMeeting: true\n  reflectionAfterEveryMeeting: "yes"\n  digest:\n    dayOfWeek: Mondy\n');
    const found = await programProblems(() => loadProgramFile(path));
    expect(found).toContain('rules.meetingsRequired: expected a number, e.g. 10 (got "12")');
    expect(found).toContain('rules.cadenceDays: cadenceDays must be at least 1, e.g. 28 (got -3)');
    expect(found).toContain('rules.reflectionAfterEveryMeeting: expected true or false, e.g. true (got "yes")');
    expect(found).toContain('rules.digest.dayOfWeek: expected a day of the week: its name, or 0 (Sunday) to 6 (Saturday), e.g. Monday or 1 (got "Mondy")');
    expect(found.some((p) => /Expected \w+, received/.test(p))).toBe(false);
  });

  it('accepts a day name for the digest day, in English or French', async () => {
    for (const [day, n] of [['Monday', 1], ['friday', 5], ['Sun', 0], ['mercredi', 3], [4, 4]] as const) {
      const path = await file('program.json', JSON.stringify({ rules: { digest: { dayOfWeek: day } } }));
      expect((await loadProgramFile(path)).rules.digest.dayOfWeek).toBe(n);
    }
  });

  it('says when the file is missing or not valid YAML', async () => {
    expect((await programProblems(() => loadProgramFile('/nonexistent/program.yaml')))[0]).toMatch(/^PROGRAM_FILE: cannot read/);
    const path = await file('program.yaml', 'name: [unclosed\n');
    expect((await programProblems(() => loadProgramFile(path)))[0]).toMatch(/^not valid YAML/);
  });
});

describe('environment messages', () => {
  it('names the allowed values and an example for LOG_LEVEL, not zod\'s enum text', () => {
    expect(problems(() => parseEnv({ LOG_LEVEL: 'verbose' }))).toEqual([
      'LOG_LEVEL: expected one of fatal, error, warn, info, debug, trace, silent, e.g. LOG_LEVEL=info (got "verbose")',
    ]);
    expect(problems(() => parseEnv({ TEAMS_APP_TYPE: 'multi' }))[0]).toBe(
      'TEAMS_APP_TYPE: expected one of MultiTenant, SingleTenant, UserAssignedMSI, e.g. TEAMS_APP_TYPE=SingleTenant (got "multi")',
    );
  });
});

describe('environment for the admin command line', () => {
  it('validates SLACK_TEAM_ID and TEAMS_BOT_DOMAIN', () => {
    expect(parseEnv({ SLACK_TEAM_ID: 'T0123ABCD', TEAMS_BOT_DOMAIN: 'bot.example.org' })).toMatchObject({ SLACK_TEAM_ID: 'T0123ABCD', TEAMS_BOT_DOMAIN: 'bot.example.org' });
    expect(problems(() => parseEnv({ SLACK_TEAM_ID: 'acme' }))[0]).toMatch(/^SLACK_TEAM_ID: expected a Slack workspace id, e\.g\. SLACK_TEAM_ID=T0123ABCD/);
    expect(problems(() => parseEnv({ TEAMS_BOT_DOMAIN: 'not a host' }))[0]).toMatch(/^TEAMS_BOT_DOMAIN: expected/);
  });
});
