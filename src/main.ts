// `npm start`: read the configuration, start everything, shut down cleanly on SIGTERM/SIGINT.
import { parseEnv } from './config/env.js';
import { ConfigError } from './config/config-error.js';
import { startApp, type RunningApp } from './app.js';

const SHUTDOWN_DEADLINE_MS = 15_000;

async function main(): Promise<void> {
  const env = parseEnv();
  let app: RunningApp | undefined;
  let stopping: string | undefined;
  const stop = async (signal: string) => {
    // A process manager may signal the whole group (npm, tsx and us): one shutdown is enough.
    if (stopping) return;
    stopping = signal;
    // Still starting: startApp's caller below stops it as soon as it is up (a clean exit 0, not 143).
    if (!app) return;
    app.logger.info({ signal }, 'shutting down: finishing requests in flight');
    // A store or a request that never finishes must not keep a stopped bot alive forever.
    setTimeout(() => {
      app!.logger.error({ signal, afterMs: SHUTDOWN_DEADLINE_MS }, 'shutdown did not finish in time: exiting anyway');
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    await app.close();
    app.logger.info({}, 'stopped');
    process.exit(0);
  };
  // Listened to before anything starts, so a stop during start-up is clean too.
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  app = await startApp(env);
  if (stopping) {
    const signal = stopping;
    stopping = undefined;
    await stop(signal);
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`The mentorship bot could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  }
  process.exit(1);
});
