// Bolt and the WebClient log through @slack/logger's interface; this sends their lines to our logger.
import { format } from 'node:util';
import { LogLevel, type Logger as SlackLogger } from '@slack/bolt';
import type { Logger } from '../core/context.js';

export function boltLogger(logger: Logger): SlackLogger {
  let level: LogLevel = LogLevel.INFO;
  const line = (msgs: unknown[]) => format(...msgs);
  return {
    debug: (...msgs: unknown[]) => logger.debug({ component: 'slack' }, line(msgs)),
    info: (...msgs: unknown[]) => logger.info({ component: 'slack' }, line(msgs)),
    warn: (...msgs: unknown[]) => logger.warn({ component: 'slack' }, line(msgs)),
    error: (...msgs: unknown[]) => logger.error({ component: 'slack' }, line(msgs)),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
