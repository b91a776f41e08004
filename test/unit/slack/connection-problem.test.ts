// What the log says when Slack cannot be reached, from the real WebClient's real errors: the network,
// DNS, the token or a scope — never "check the token" when the network is the problem.
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webApi } from '@slack/bolt';
import { describeSlackProblem } from '../../../src/slack/connection-problem.js';
import { startFakeSlack, type FakeSlack } from '../../support/fake-slack.js';

function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function authTestError(slackApiUrl: string): Promise<unknown> {
  const client = new webApi.WebClient('xoxb-test', { slackApiUrl, retryConfig: { retries: 0 }, timeout: 10_000 });
  try {
    await client.auth.test();
  } catch (error) {
    return error;
  }
  throw new Error('expected auth.test to fail');
}

describe('why Slack cannot be reached', () => {
  let slack: FakeSlack;
  beforeAll(async () => {
    slack = await startFakeSlack();
  });
  afterAll(() => slack.close());

  it('a refused connection is the network, with what to check, and says nothing of the token', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/api/`;
    const problem = describeSlackProblem(await authTestError(url), url);
    expect(problem).toMatchObject({ kind: 'network', code: 'ECONNREFUSED' });
    expect(problem.message).toContain(`no connection to ${url} (ECONNREFUSED)`);
    expect(problem.message).toMatch(/HTTPS_PROXY/);
    expect(problem.message).not.toMatch(/token/i);
  });

  it('a name that does not resolve is DNS', async () => {
    const url = 'http://slack-api.invalid/api/';
    const problem = describeSlackProblem(await authTestError(url), url);
    expect(problem.kind).toBe('dns');
    expect(problem.message).toMatch(/could not be resolved \((ENOTFOUND|EAI_AGAIN)\): check the DNS of this machine/);
  });

  it('a token Slack refuses is the token; a missing scope names the scope', async () => {
    slack.failNext('auth.test', 'invalid_auth');
    const token = describeSlackProblem(await authTestError(slack.url), slack.url);
    expect(token).toMatchObject({ kind: 'token', code: 'invalid_auth' });
    expect(token.message).toMatch(/check SLACK_BOT_TOKEN/);
    slack.failNext('auth.test', { error: 'missing_scope', extra: { needed: 'users:read.email' } });
    const scope = describeSlackProblem(await authTestError(slack.url), slack.url);
    expect(scope).toMatchObject({ kind: 'scope', code: 'missing_scope' });
    expect(scope.message).toContain('lacks the scope users:read.email');
  });
});
