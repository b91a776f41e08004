// `npm start`: read the configuration, start everything, shut down cleanly on SIGTERM/SIGINT.
import { parseEnv } from './config/env.js';
import { ConfigError } from './config/config-error.js';
import { startApp } from './app.js';

async function main(): Promise<void> {
  const env = parseEnv();
  const app = await startApp(env);
  const stop = async (signal: string) => {
    app.logger.info({ signal }, 'shutting down: finishing requests in flight');
    await app.close();
    app.logger.info({}, 'stopped');
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`The mentorship bot could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  }
  process.exit(1);
});
