import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreContext, Logger } from '../../../src/core/context.js';
import { createSlackAdapter } from '../../../src/slack/index.js';
import { startFakeSlack, type FakeSlack } from '../../support/fake-slack.js';

function recordingLogger() {
  const lines: { level: string; obj: object; msg?: string }[] = [];
  const at = (level: string) => (obj: object, msg?: string) => void lines.push({ level, obj, msg });
  const logger: Logger = { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
  return { logger, lines };
}

// The adapter only hands ctx to core when a request arrives; none does here.
const ctx = {} as CoreContext;

describe('creating the Slack adapter', () => {
  let slack: FakeSlack;
  beforeAll(async () => {
    slack = await startFakeSlack();
  });
  afterAll(() => slack.close());

  it('serves HTTP on a router and checks the token with auth.test', async () => {
    const { logger } = recordingLogger();
    const adapter = await createSlackAdapter({ ctx, logger, botToken: 'xoxb-1', signingSecret: 's', apiUrl: slack.url, retries: 0 });
    expect(adapter.router).toBeDefined();
    expect(adapter.messenger.platform).toBe('SLACK');
    await adapter.start();
    await adapter.stop();
    expect(slack.calls('auth.test')[0]?.token).toBe('xoxb-1');
  });

  it('logs a clear error instead of crashing when auth.test fails', async () => {
    const { logger, lines } = recordingLogger();
    slack.failNext('auth.test', 'invalid_auth');
    slack.failNext('auth.test', 'invalid_auth');
    const adapter = await createSlackAdapter({ ctx, logger, botToken: 'xoxb-bad', signingSecret: 's', apiUrl: slack.url, retries: 0 });
    await adapter.start();
    const errors = lines.filter((l) => l.level === 'error');
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]!.msg).toContain('SLACK_BOT_TOKEN');
    expect(errors[0]!.obj).toMatchObject({ code: 'invalid_auth' });
  });

  it('survives a Slack API that cannot be reached at all', async () => {
    const { logger, lines } = recordingLogger();
    const adapter = await createSlackAdapter({ ctx, logger, botToken: 'xoxb-1', signingSecret: 's', apiUrl: 'http://127.0.0.1:9/api/', retries: 0 });
    await adapter.start();
    expect(lines.some((l) => l.level === 'error')).toBe(true);
  });

  it('needs no router in Socket Mode', async () => {
    const { logger } = recordingLogger();
    const adapter = await createSlackAdapter({ ctx, logger, botToken: 'xoxb-1', appToken: 'xapp-1', apiUrl: slack.url, retries: 0 });
    expect(adapter.router).toBeUndefined();
  });

  it('refuses HTTP mode without a signing secret', async () => {
    const { logger } = recordingLogger();
    await expect(createSlackAdapter({ ctx, logger, botToken: 'xoxb-1', apiUrl: slack.url, retries: 0 })).rejects.toThrow(/SLACK_SIGNING_SECRET/);
  });
});
