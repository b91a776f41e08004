// Structured JSON logs; secrets never reach them, whatever object a caller logs.
import { pino, type Logger } from 'pino';

export const REDACTED_PATHS = [
  '*.token', '*.botToken', '*.appToken', '*.signingSecret', '*.password', '*.appPassword', '*.authorization',
  'req.headers.authorization', 'headers.authorization', '*.headers.authorization', '*.headers["x-slack-signature"]',
  'env.SLACK_BOT_TOKEN', 'env.SLACK_SIGNING_SECRET', 'env.SLACK_APP_TOKEN', 'env.TEAMS_APP_PASSWORD', 'env.DATABASE_URL',
  'SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN', 'TEAMS_APP_PASSWORD', 'DATABASE_URL',
];

export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino(
    {
      level,
      base: { service: 'mentorship-bot' },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination as pino.DestinationStream | undefined,
  );
}

/** Removes the password from a connection URL before it is logged. */
export function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = 'redacted';
    return u.toString();
  } catch {
    return '[unparseable url]';
  }
}

export type { Logger };
