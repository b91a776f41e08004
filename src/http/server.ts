// One HTTP port for everything: Slack at /slack/events, Teams at /api/messages, health and metrics.
import express, { type Express, type Router } from 'express';
import { createServer, type Server } from 'node:http';
import type { Logger } from './logger.js';
import type { Metrics } from './metrics.js';

export interface ServerParts {
  logger: Logger;
  metrics: Metrics;
  isReady: () => Promise<boolean>;
  /** What each platform is doing ('connected', or what it waits for), shown by /readyz. */
  details?: () => Record<string, string>;
  /** Routers that bring their own paths (the Slack receiver's /slack/events, Teams' /api/messages). */
  routers: Router[];
}

export function createHttpApp(parts: ServerParts): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use((req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const route = routeLabel(req.path);
      parts.metrics.httpRequests.inc({ route, status: String(res.statusCode) });
      parts.metrics.httpDuration.observe({ route }, Number(process.hrtime.bigint() - started) / 1e9);
    });
    next();
  });
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const ready = await parts.isReady().catch(() => false);
    const platforms = parts.details?.() ?? {};
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready', ...(Object.keys(platforms).length ? { platforms } : {}) });
  });
  app.get('/metrics', async (_req, res) => {
    res.type(parts.metrics.registry.contentType).send(await parts.metrics.registry.metrics());
  });
  for (const router of parts.routers) app.use(router);
  app.use((_req, res) => {
    res.status(404).json({ error: 'not found' });
  });
  // A client's malformed request is a 4xx, never a crash or a 5xx with a stack trace.
  app.use((error: Error & { status?: number; statusCode?: number; type?: string }, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    const status = error.status ?? error.statusCode ?? 500;
    if (status >= 500) parts.logger.error({ err: error }, 'request failed');
    if (!res.headersSent) res.status(status).json({ error: status >= 500 ? 'internal error' : error.type ?? 'bad request' });
  });
  return app;
}

function routeLabel(path: string): string {
  return ['/slack/events', '/api/messages', '/healthz', '/readyz', '/metrics'].includes(path) ? path : 'other';
}

/**
 * Listens on an http.Server of our own: Express 5's app.listen calls its callback on an error too
 * (a port in use then looked like success, logged "listening", and served nothing).
 */
export function listen(app: Express, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer(app);
    const failed = (error: NodeJS.ErrnoException) => {
      server.off('listening', listening);
      const where = `${host}:${port}`;
      if (error.code === 'EADDRINUSE') reject(new Error(`port ${port} is already in use on ${host} (another process is listening on ${where}): stop it, or set PORT to a free port, e.g. PORT=3001`));
      else if (error.code === 'EACCES') reject(new Error(`not allowed to listen on ${where}: ports below 1024 need privileges; set PORT to 1024 or above, e.g. PORT=3000`));
      else if (error.code === 'EADDRNOTAVAIL') reject(new Error(`cannot listen on ${where}: ${host} is not an address of this machine; set HOST, e.g. HOST=0.0.0.0`));
      else reject(error);
    };
    const listening = () => {
      server.off('error', failed);
      resolve(server);
    };
    server.once('error', failed);
    server.once('listening', listening);
    server.listen(port, host);
  });
}

/** Stops taking connections and waits for the requests in flight. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}
