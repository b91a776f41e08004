import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, safeUrl } from '../../../src/http/logger.js';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { logger: createLogger('info', stream), lines };
}

describe('logs', () => {
  it('are JSON lines with the level, the time and the message', () => {
    const { logger, lines } = capture();
    logger.info({ port: 3000 }, 'listening');
    const entry = JSON.parse(lines[0]!);
    expect(entry).toMatchObject({ level: 30, port: 3000, msg: 'listening', service: 'mentorship-bot' });
    expect(typeof entry.time).toBe('string');
  });

  it('never carry tokens, secrets, passwords or authorization headers', () => {
    const { logger, lines } = capture();
    logger.info({ env: { SLACK_BOT_TOKEN: 'xoxb-secret-1', SLACK_SIGNING_SECRET: 'sign-2', TEAMS_APP_PASSWORD: 'pw-3', DATABASE_URL: 'postgresql://u:pw4@h/db' } }, 'config');
    logger.warn({ request: { headers: { authorization: 'Bearer jwt-5' } }, slack: { botToken: 'xoxb-6', signingSecret: 'sign-7' } }, 'request');
    const text = lines.join('');
    for (const secret of ['xoxb-secret-1', 'sign-2', 'pw-3', 'pw4', 'jwt-5', 'xoxb-6', 'sign-7']) expect(text).not.toContain(secret);
    expect(text).toContain('[redacted]');
  });

  it('show database URLs without their password', () => {
    expect(safeUrl('postgresql://bot:hunter2@db.example.org:5432/mentorship')).toBe('postgresql://bot:redacted@db.example.org:5432/mentorship');
    expect(safeUrl('not a url')).toBe('[unparseable url]');
  });
});
